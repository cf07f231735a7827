//! `zhongjie review DATASET --application FILE --as-of D [--rules PACK] [--json]`: the entry
//! review (准入审查) of a new safety evaluation qualification or a scope extension.
//!
//! Prints the checklist in Chinese, one block per criterion, ending with the verdict line
//! `审查结论：…`. Exit status 0 when the review is complete — whether or not the application
//! passes (the verdict is in the output; `--json` gives `"passed": true|false`) — and 2 on bad
//! input (dataset, application file, rule pack, an agency that is not a head office…).
//!
//! This module also holds the small helpers the workflow commands (review, complaint, penalty,
//! exam) share: reading an input file, printing located input errors and workflow errors.

use crate::cmd_supervise::parse_as_of;
use crate::common::{load_dataset, load_pack, EXIT_BAD_INPUT, EXIT_FAILURE};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::workflows::{Application, InputError};
use zhongjie_scoring::workflows::{review::review, WorkflowError};

/// Arguments of `zhongjie review`.
#[derive(clap::Args)]
pub struct Args {
    /// 数据集目录（exchange-v1 CSV 文件）
    pub dataset: PathBuf,
    /// 申请文件（TOML，见 docs/examples/workflows/application.toml）
    #[arg(long)]
    pub application: PathBuf,
    /// 审查基准日（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    pub as_of: NaiveDate,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    pub json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    match go(&args) {
        Ok(c) | Err(c) => c,
    }
}

fn go(args: &Args) -> Result<ExitCode, ExitCode> {
    let pack = load_pack(args.rules.as_deref())?;
    let text = read_input(&args.application, "申请文件")?;
    let app = Application::parse(&text).map_err(|e| input_errors(&args.application, &e))?;
    let ds = load_dataset(&args.dataset)?;
    let checklist = review(&ds, &app, args.as_of, &pack).map_err(|e| workflow_error(None, &e))?;
    Ok(emit(
        args.json,
        || serde_json::to_string_pretty(&checklist),
        || checklist.to_text(),
    ))
}

/// Reads a UTF-8 input file; on failure prints why (with a code) and gives exit status 2.
pub(crate) fn read_input(path: &Path, what: &str) -> Result<String, ExitCode> {
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!("无法读取{what} {}：{e} [io]", path.display());
        ExitCode::from(EXIT_BAD_INPUT)
    })?;
    String::from_utf8(bytes).map_err(|e| {
        eprintln!(
            "{what} {} 不是有效的 UTF-8 文本（第 {} 个字节起） [bad_utf8]",
            path.display(),
            e.utf8_error().valid_up_to() + 1
        );
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// The most located errors printed before a count of the rest.
const ERROR_CAP: usize = 50;

/// Prints located problems of an input file and gives exit status 2.
pub(crate) fn input_errors(path: &Path, errors: &[InputError]) -> ExitCode {
    eprintln!("{} 有 {} 处错误，未予处理：", path.display(), errors.len());
    for e in errors.iter().take(ERROR_CAP) {
        eprintln!("  {}：{e}", path.display());
    }
    if errors.len() > ERROR_CAP {
        eprintln!("  ……另有 {} 处错误未列出", errors.len() - ERROR_CAP);
    }
    ExitCode::from(EXIT_BAD_INPUT)
}

/// Prints a workflow error with its code. Located input errors name `path` when given.
pub(crate) fn workflow_error(path: Option<&Path>, e: &WorkflowError) -> ExitCode {
    match e {
        WorkflowError::Input(list) => input_errors(path.unwrap_or(Path::new("输入文件")), list),
        WorkflowError::Pack(p) => {
            eprintln!("规则包不可用：{p} [{}]", p.code());
            ExitCode::from(EXIT_BAD_INPUT)
        }
        other => {
            eprintln!("{other} [{}]", other.code());
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// Prints a result as pretty JSON or as its Chinese text; exit status 0.
pub(crate) fn emit(
    json: bool,
    to_json: impl FnOnce() -> serde_json::Result<String>,
    text: impl FnOnce() -> String,
) -> ExitCode {
    if json {
        match to_json() {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("无法生成 JSON：{e} [json]");
                return ExitCode::from(EXIT_FAILURE);
            }
        }
    } else {
        print!("{}", text());
    }
    ExitCode::SUCCESS
}
