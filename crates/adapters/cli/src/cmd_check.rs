//! `zhongjie check DATASET`: reads and checks a dataset (exchange v1 parts A and B) and prints a
//! summary, or every problem found (exit status 2).

use crate::common::load_dataset;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use zhongjie_core::{Dataset, TableName};

/// Arguments of `zhongjie check`.
#[derive(clap::Args)]
pub struct Args {
    /// 数据集目录（exchange-v1 CSV 文件）
    pub dataset: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let ds = match load_dataset(&args.dataset) {
        Ok(d) => d,
        Err(code) => return code,
    };
    print!("{}", summary(&args.dataset.display().to_string(), &ds));
    ExitCode::SUCCESS
}

/// The Chinese summary of a checked dataset.
pub fn summary(name: &str, ds: &Dataset) -> String {
    let t = ds.tables();
    let mut s = String::new();
    let _ = writeln!(s, "数据集 {name} 核验通过（exchange-v1）。");
    let _ = writeln!(s, "各文件行数（不含表头；重复的缴费记录已合并）：");
    let width = TableName::ALL
        .iter()
        .map(|t| t.file_name().len())
        .max()
        .unwrap_or(0);
    for table in TableName::ALL {
        let _ = writeln!(
            s,
            "  {:<width$}  {:>10}  {}",
            table.file_name(),
            t.row_count(table),
            table.zh()
        );
    }
    let roots = ds.roots().count();
    let branches = t.agencies.len() - roots;
    let cities: BTreeSet<_> = t.agencies.iter().map(|a| a.region.city()).collect();
    let _ = writeln!(
        s,
        "机构：{} 家，其中总部（机构树）{} 个、分支机构 {} 家，分布于 {} 个设区市",
        t.agencies.len(),
        roots,
        branches,
        cities.len()
    );
    let _ = writeln!(s, "从业人员：{} 人", t.practitioners.len());
    let _ = writeln!(s, "服务项目：{} 个", t.projects.len());
    s
}
