//! `zhongjie report KIND DATASET --as-of D --out FILE_OR_DIR [--format html|md|csv|json]
//! [--seed N] [--inspectors FILE] [--tasks FILE] [--previous DIR…] [--city CODE] [--rules PACK]`:
//! runs the supervision and writes one report (crate `zhongjie-reporting`).
//!
//! The adapter reads the files and writes the output; everything else is the reporting crate's.
//! `--out` is a file (`report.html`) or a folder (an existing folder, a path without extension,
//! or a CSV report of several tables): a folder receives `<kind>.<ext>`, or one CSV file per table.
//! Files are written next to their target and renamed into place, so a reader never sees half a
//! report. CSV files start with a UTF-8 byte-order mark so that spreadsheet programs read Chinese.

use crate::cmd_supervise::{parse_as_of, run_engine, write_atomically};
use crate::common::{load_dataset, load_pack, EXIT_BAD_INPUT, EXIT_FAILURE};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::RegionCode;
use zhongjie_reporting::{
    build, parse_inspectors, parse_previous, parse_tasks, to_csv, to_html, to_json, to_markdown,
    InputError, Inspector, PreviousRun, Report, ReportInput, ReportKind, Task,
};

/// 报告种类.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// 机构信用等级公示（公开）
    #[value(name = "credit-list")]
    CreditList,
    /// 从业人员星级公示（公开，身份证号脱敏）
    #[value(name = "star-list")]
    StarList,
    /// 预警清单：按规则、按地区，分送省厅（安全评价机构）和市县（社会化服务机构）
    #[value(name = "warning-list")]
    WarningList,
    /// 必查对象与双随机抽查（交叉检查，需 --seed，可加 --inspectors）
    #[value(name = "must-inspect")]
    MustInspect,
    /// 服务报告抽查：按地市分层、每层不低于规则包比例（需 --seed）
    #[value(name = "report-sampling")]
    ReportSampling,
    /// 核查工作报告：分地市（可加 --city、--previous）
    #[value(name = "verification")]
    Verification,
    /// 改革进展报送：目标、标杆机构候选、任务与销号清单（可加 --tasks、--previous）
    #[value(name = "progress")]
    Progress,
    /// 监管评定总报告（可加 --previous）
    #[value(name = "supervision")]
    Supervision,
}

impl Kind {
    fn kind(self) -> ReportKind {
        match self {
            Kind::CreditList => ReportKind::CreditList,
            Kind::StarList => ReportKind::StarList,
            Kind::WarningList => ReportKind::WarningList,
            Kind::MustInspect => ReportKind::MustInspect,
            Kind::ReportSampling => ReportKind::ReportSampling,
            Kind::Verification => ReportKind::Verification,
            Kind::Progress => ReportKind::Progress,
            Kind::Supervision => ReportKind::Supervision,
        }
    }
}

/// 输出格式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// 独立的 HTML 页面（含内联 CSS 与 SVG 图表，可打印，不引用外部资源）
    Html,
    /// Markdown
    Md,
    /// CSV（每张表一个文件，带 UTF-8 BOM）
    Csv,
    /// JSON（报告的文档模型）
    Json,
}

impl Format {
    fn ext(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
    fn of_path(p: &Path) -> Option<Format> {
        match p.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Md),
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// Arguments of `zhongjie report`.
#[derive(clap::Args)]
pub struct Args {
    /// 报告种类
    #[arg(value_enum)]
    pub kind: Kind,
    /// 数据集目录（exchange-v1 CSV 文件）
    pub dataset: PathBuf,
    /// 评定日（YYYY-MM-DD）；抽查期间为其所在的半年（规则包 sampling.period_months）
    #[arg(long, value_parser = parse_as_of)]
    pub as_of: NaiveDate,
    /// 输出文件或目录
    #[arg(long)]
    pub out: PathBuf,
    /// 输出格式；缺省按 --out 的扩展名，否则为 html
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// 随机种子（非负整数），双随机抽查和报告抽查必填；报告中印出种子和方法，任何人可复核
    #[arg(long)]
    pub seed: Option<u64>,
    /// 检查人员名录 CSV：inspector_id,name,home_region_code
    #[arg(long)]
    pub inspectors: Option<PathBuf>,
    /// 改革任务清单 CSV：task_id,title,owner,deadline,status,closed_on（可加 article、note）
    #[arg(long)]
    pub tasks: Option<PathBuf>,
    /// 此前 zhongjie supervise 的输出目录（可多个），用于趋势和整改比对
    #[arg(long, num_args = 1..)]
    pub previous: Vec<PathBuf>,
    /// 只报告一个地市（行政区划代码，核查工作报告）
    #[arg(long, value_parser = parse_city)]
    pub city: Option<RegionCode>,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    pub rules: Option<PathBuf>,
}

fn parse_city(s: &str) -> Result<RegionCode, String> {
    s.parse::<RegionCode>().map_err(|e| e.to_string())
}

fn read_text(path: &Path) -> Result<String, ExitCode> {
    std::fs::read(path)
        .map_err(|e| {
            eprintln!("无法读取 {}：{e} [io]", path.display());
            ExitCode::from(EXIT_BAD_INPUT)
        })
        .and_then(|b| {
            String::from_utf8(b).map_err(|_| {
                eprintln!("{} 不是有效的 UTF-8 文本 [bad_utf8]", path.display());
                ExitCode::from(EXIT_BAD_INPUT)
            })
        })
}

fn refuse(what: &str, errors: &[InputError]) -> ExitCode {
    eprintln!("{what}未通过核验，共 {} 个问题：", errors.len());
    for e in errors.iter().take(50) {
        eprintln!("  {e}");
    }
    if errors.len() > 50 {
        eprintln!("  ……另有 {} 个问题未列出", errors.len() - 50);
    }
    ExitCode::from(EXIT_BAD_INPUT)
}

fn load_inspectors(path: &Path) -> Result<Vec<Inspector>, ExitCode> {
    let text = read_text(path)?;
    parse_inspectors(&path.display().to_string(), &text).map_err(|e| refuse("检查人员名录", &e))
}

fn load_tasks(path: &Path) -> Result<Vec<Task>, ExitCode> {
    let text = read_text(path)?;
    parse_tasks(&path.display().to_string(), &text).map_err(|e| refuse("任务清单", &e))
}

fn load_previous(dir: &Path) -> Result<PreviousRun, ExitCode> {
    let explanation = read_text(&dir.join("explanation.json"))?;
    let findings = read_text(&dir.join("findings.jsonl"))?;
    let grades = read_text(&dir.join("agency_grades.csv"))?;
    parse_previous(&dir.display().to_string(), &explanation, &findings, &grades)
        .map_err(|e| refuse("此前的评定输出", &e))
}

/// Writes one file atomically (a temporary file beside it, then a rename).
fn write_file(path: &Path, content: &str) -> std::io::Result<()> {
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent)?;
    let tmp = tempfile::NamedTempFile::new_in(&parent)?;
    std::fs::write(tmp.path(), content)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The files of a report in one format: (file name, content), main file first.
fn files(r: &Report, format: Format) -> Vec<(String, String)> {
    let name = format!("{}.{}", r.kind, format.ext());
    match format {
        Format::Html => vec![(name, to_html(r))],
        Format::Md => vec![(name, to_markdown(r))],
        Format::Json => vec![(name, to_json(r))],
        Format::Csv => {
            let mut v: Vec<(bool, String, String)> = to_csv(r)
                .into_iter()
                .map(|f| (!f.main, f.name, format!("\u{feff}{}", f.text)))
                .collect();
            v.sort_by_key(|(not_main, _, _)| *not_main);
            v.into_iter().map(|(_, n, t)| (n, t)).collect()
        }
    }
}

fn write_report(r: &Report, out: &Path, format: Format) -> Result<Vec<PathBuf>, std::io::Error> {
    let files = files(r, format);
    let as_dir = out.is_dir()
        || out.extension().is_none()
        || (format == Format::Csv && files.len() > 1 && Format::of_path(out) != Some(Format::Csv));
    if as_dir {
        let refs: Vec<(&str, String)> =
            files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect();
        write_atomically(out, &refs)?;
        return Ok(files.iter().map(|(n, _)| out.join(n)).collect());
    }
    let Some((_, main)) = files.first() else {
        return Ok(Vec::new());
    };
    write_file(out, main)?;
    if files.len() > 1 {
        eprintln!(
            "提示：该报告共有 {} 张表，--out 为单个文件时只写出主表；如需全部表格，请将 --out 指定为目录。",
            files.len()
        );
    }
    Ok(vec![out.to_path_buf()])
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let kind = args.kind.kind();
    let format = args
        .format
        .or_else(|| Format::of_path(&args.out))
        .unwrap_or(Format::Html);
    if kind.draws() && args.seed.is_none() {
        eprintln!(
            "错误 [missing_seed]：{}需要随机种子：请用 --seed 指定一个非负整数（例如公开摇号产生的数字），以便任何人复核抽取结果",
            kind.zh()
        );
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    let pack = match load_pack(args.rules.as_deref()) {
        Ok(p) => p,
        Err(code) => return code,
    };
    let inspectors = match args.inspectors.as_deref().map(load_inspectors).transpose() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let tasks = match args.tasks.as_deref().map(load_tasks).transpose() {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut previous = Vec::new();
    for dir in &args.previous {
        match load_previous(dir) {
            Ok(p) => previous.push(p),
            Err(code) => return code,
        }
    }
    let ds = match load_dataset(&args.dataset) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let out = match run_engine(&ds, args.as_of, &pack) {
        Ok(o) => o,
        Err(code) => return code,
    };
    let mut input = ReportInput::new(&ds, &out, &pack);
    input.seed = args.seed;
    input.inspectors = inspectors.as_deref();
    input.tasks = tasks.as_deref();
    input.previous = &previous;
    input.city = args.city;
    let report = match build(kind, &input) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误 [{}]：{e}", e.code());
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    match write_report(&report, &args.out, format) {
        Ok(paths) => {
            println!(
                "{}（评定日 {}，规则包 {}）",
                report.title, out.as_of, out.pack
            );
            if let Some(seed) = args.seed.filter(|_| kind.draws()) {
                println!("随机种子：{seed}（方法见报告“抽取方法”一项，可据此复核）");
            }
            for p in paths {
                println!("  {}", p.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误 [io]：无法写入 {}：{e}", args.out.display());
            ExitCode::from(EXIT_FAILURE)
        }
    }
}
