//! `zhongjie supervise DATASET --as-of D --out DIR [--rules PACK]`: the supervision run of part C.

use crate::common::{load_dataset, load_pack};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{Dataset, RulePack};
use zhongjie_scoring::{render, Grade, RuleId, RunOutput, Step};

/// Arguments of `zhongjie supervise`.
#[derive(clap::Args)]
pub struct Args {
    /// 数据集目录（exchange-v1 CSV 文件）
    pub dataset: PathBuf,
    /// 评定日（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    pub as_of: NaiveDate,
    /// 输出目录（原有输出被整体替换）
    #[arg(long)]
    pub out: PathBuf,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

/// Parses `--as-of`.
pub fn parse_as_of(s: &str) -> Result<NaiveDate, String> {
    zhongjie_core::time::parse_date(s).ok_or_else(|| format!("日期 `{s}` 无效，应为 YYYY-MM-DD"))
}

/// The files a run writes, name → content.
pub fn outputs(ds: &Dataset, out: &RunOutput, pack: &RulePack) -> Vec<(&'static str, String)> {
    let engine_files = || {
        vec![
            ("findings.jsonl", render::findings_jsonl(out)),
            ("agency_grades.csv", render::agency_grades_csv(out)),
            (
                "practitioner_stars.csv",
                render::practitioner_stars_csv(out),
            ),
            ("must_inspect.csv", render::must_inspect_csv(out)),
            ("explanation.json", render::explanation_json(out)),
        ]
    };
    let report_file = || {
        let report = zhongjie_reporting::supervision_report(ds, out, pack);
        ("report.html", zhongjie_reporting::render::to_html(&report))
    };
    // The report on this thread, the engine's files on a second one (the same bytes either way).
    let (mut files, report) =
        std::thread::scope(
            |s| match std::thread::Builder::new().spawn_scoped(s, engine_files) {
                Ok(helper) => {
                    let report = report_file();
                    match helper.join() {
                        Ok(files) => (files, report),
                        Err(e) => std::panic::resume_unwind(e),
                    }
                }
                Err(_) => (engine_files(), report_file()),
            },
        );
    files.push(report);
    files
}

/// Writes `files` into `dir` so that a reader sees either the old or the new version of each
/// file: everything is written to a temporary folder beside `dir` first, then each file is
/// renamed into place. Nothing in `dir` changes if any write fails.
pub fn write_atomically(dir: &Path, files: &[(&str, String)]) -> std::io::Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let tmp = tempfile::Builder::new()
        .prefix(".zhongjie-out-")
        .tempdir_in(&parent)?;
    for (name, content) in files {
        std::fs::write(tmp.path().join(name), content)?;
    }
    std::fs::create_dir_all(dir)?;
    for (name, _) in files {
        std::fs::rename(tmp.path().join(name), dir.join(name))?;
    }
    Ok(())
}

/// Runs the engine with a progress line on a terminal.
pub fn run_engine(ds: &Dataset, as_of: NaiveDate, pack: &RulePack) -> Result<RunOutput, ExitCode> {
    let bar = ProgressBar::new(5);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{pos}/{len}] {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    let result = zhongjie_scoring::supervise_with_progress(ds, as_of, pack, &mut |step: Step| {
        bar.set_message(step.zh());
        bar.inc(1);
    });
    bar.finish_and_clear();
    result.map_err(|e| {
        eprintln!("错误 [{}]：{e}", e.code());
        ExitCode::from(2)
    })
}

/// A short Chinese summary of a run.
pub fn summary(out: &RunOutput) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let count = |g: Grade| out.grades.iter().filter(|x| x.grade == g).count();
    let _ = writeln!(
        s,
        "机构信用等级（{} 个机构树）：A 级 {}，B 级 {}，C 级 {}，D 级 {}",
        out.grades.len(),
        count(Grade::A),
        count(Grade::B),
        count(Grade::C),
        count(Grade::D)
    );
    let _ = writeln!(s, "预警线索 {} 条：", out.findings.len());
    for r in RuleId::ALL {
        let n = out.findings.iter().filter(|f| f.rule == *r).count();
        if n > 0 {
            let _ = writeln!(s, "  {}（{}）：{}", r.zh(), r.code(), n);
        }
    }
    let _ = writeln!(
        s,
        "从业人员 {} 人，其中红牌 {} 人、黄牌 {} 人；必查机构 {} 个",
        out.stars.len(),
        out.stars
            .iter()
            .filter(|x| x.card == zhongjie_scoring::Card::Red)
            .count(),
        out.stars
            .iter()
            .filter(|x| x.card == zhongjie_scoring::Card::Yellow)
            .count(),
        out.must_inspect.len()
    );
    s
}

/// Load, run, write, summarise. Shared by `supervise` and `demo`.
pub fn supervise_to(
    dataset: &Path,
    as_of: NaiveDate,
    out_dir: &Path,
    rules: Option<&Path>,
) -> ExitCode {
    let pack = match load_pack(rules) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let ds = match load_dataset(dataset) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let out = match run_engine(&ds, as_of, &pack) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let files = outputs(&ds, &out, &pack);
    if let Err(e) = write_atomically(out_dir, &files) {
        eprintln!("错误 [io]：无法写入输出目录 {}：{e}", out_dir.display());
        return ExitCode::from(1);
    }
    println!("监管评定完成（评定日 {}，规则包 {}）", out.as_of, out.pack);
    println!("输出目录：{}", out_dir.display());
    for (name, _) in &files {
        println!("  {}", out_dir.join(name).display());
    }
    print!("{}", summary(&out));
    ExitCode::SUCCESS
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    supervise_to(&args.dataset, args.as_of, &args.out, args.rules.as_deref())
}
