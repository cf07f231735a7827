//! `zhongjie explain DATASET --as-of D (--agency ID | --practitioner ID)`.

use crate::cmd_supervise::{parse_as_of, run_engine};
use crate::common::{load_dataset, load_pack};
use std::path::PathBuf;
use std::process::ExitCode;
use zhongjie_core::chrono::NaiveDate;

/// Arguments of `zhongjie explain`.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("subject").required(true).args(["agency", "practitioner"])))]
pub struct Args {
    /// 数据集目录
    pub dataset: PathBuf,
    /// 评定日（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    pub as_of: NaiveDate,
    /// 机构编号（分支机构按其总部所在机构树说明）
    #[arg(long)]
    pub agency: Option<String>,
    /// 从业人员编号
    #[arg(long)]
    pub practitioner: Option<String>,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let pack = match load_pack(args.rules.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let ds = match load_dataset(&args.dataset) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let out = match run_engine(&ds, args.as_of, &pack) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let text = match (&args.agency, &args.practitioner) {
        (Some(a), _) => zhongjie_scoring::explain::agency(&out, &ds, &pack, a)
            .ok_or_else(|| format!("数据集中没有未注销的机构 `{a}`")),
        (None, Some(p)) => zhongjie_scoring::explain::practitioner(&out, &ds, p)
            .ok_or_else(|| format!("数据集中没有从业人员 `{p}`")),
        (None, None) => Err("请指定 --agency 或 --practitioner".to_owned()),
    };
    match text {
        Ok(t) => {
            print!("{t}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误 [unknown_subject]：{e}");
            ExitCode::from(2)
        }
    }
}
