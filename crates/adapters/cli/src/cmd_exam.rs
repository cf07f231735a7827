//! `zhongjie exam import|paper|grade|coverage`: the unified question bank (统一测试题库), papers
//! assembled from a blueprint with a seed, grading, and coverage with its consequences
//! (通报警示, 取消专家库成员资格). Exit status 0 on a result, 2 on bad input.

use crate::cmd_review::{emit, input_errors, read_input, workflow_error};
use crate::cmd_supervise::parse_as_of;
use crate::common::{load_dataset, load_pack, EXIT_BAD_INPUT, EXIT_FAILURE};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::workflows::{parse_answers, Blueprint, Paper, QuestionBank};
use zhongjie_core::RulePack;
use zhongjie_scoring::workflows::exam::{assemble, coverage, grade, paper_text};

/// Arguments of `zhongjie exam`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// 导入并核验统一题库（CSV），打印各类别、层级的题数
    Import(ImportArgs),
    /// 按组卷蓝图和种子组卷（同一题库、蓝图、种子得到同一试卷）
    Paper(PaperArgs),
    /// 阅卷，输出成绩（可写出 exams.csv 格式）
    Grade(GradeArgs),
    /// 测验覆盖：截止日前未测验的人员、机构合格率与处理措施
    Coverage(CoverageArgs),
}

#[derive(clap::Args)]
struct ImportArgs {
    /// 题库文件（CSV：question_id,category,level,question,options,answer）
    bank: PathBuf,
    /// 适用规则包取值的日期（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    as_of: NaiveDate,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    rules: Option<PathBuf>,
}

#[derive(clap::Args)]
struct PaperArgs {
    /// 题库文件（CSV）
    #[arg(long)]
    bank: PathBuf,
    /// 组卷蓝图（TOML）
    #[arg(long)]
    blueprint: PathBuf,
    /// 组卷种子（非负整数）
    #[arg(long)]
    seed: u64,
    /// 试卷文件（CSV）的写出路径；缺省只打印试卷
    #[arg(long)]
    out: Option<PathBuf>,
    /// 适用规则包取值的日期（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    as_of: NaiveDate,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    rules: Option<PathBuf>,
}

#[derive(clap::Args)]
struct GradeArgs {
    /// 题库文件（CSV）
    #[arg(long)]
    bank: PathBuf,
    /// 试卷文件（CSV，由 exam paper --out 写出）
    #[arg(long)]
    paper: PathBuf,
    /// 答题文件（CSV：practitioner_id,question_id,answer）
    #[arg(long)]
    answers: PathBuf,
    /// 测验日期（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    taken_on: NaiveDate,
    /// 把成绩写成 exchange-v1 的 exams.csv 格式
    #[arg(long)]
    exams_out: Option<PathBuf>,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    rules: Option<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
struct CoverageArgs {
    /// 数据集目录（exchange-v1 CSV 文件）
    dataset: PathBuf,
    /// 截止日（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    deadline: NaiveDate,
    /// 测验期起始日；缺省为截止日前的评价窗口（规则包 window.days）
    #[arg(long, value_parser = parse_as_of)]
    from: Option<NaiveDate>,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    rules: Option<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let r = match args.command {
        Command::Import(a) => run_import(&a),
        Command::Paper(a) => run_paper(&a),
        Command::Grade(a) => run_grade(&a),
        Command::Coverage(a) => run_coverage(&a),
    };
    match r {
        Ok(c) | Err(c) => c,
    }
}

fn load_bank(path: &Path, pack: &RulePack, d: NaiveDate) -> Result<QuestionBank, ExitCode> {
    let max = pack.count("exam.options_max", d).map_err(|e| {
        eprintln!("规则包不可用：{e} [{}]", e.code());
        ExitCode::from(EXIT_BAD_INPUT)
    })?;
    let text = read_input(path, "题库文件")?;
    QuestionBank::parse(&text, max).map_err(|e| input_errors(path, &e))
}

fn run_import(a: &ImportArgs) -> Result<ExitCode, ExitCode> {
    let pack = load_pack(a.rules.as_deref())?;
    let bank = load_bank(&a.bank, &pack, a.as_of)?;
    println!("题库 {} 核验通过，共 {} 题：", a.bank.display(), bank.len());
    for ((category, level), n) in bank.counts() {
        println!(
            "  类别 {category}，层级 {}（{}）：{n} 题",
            level.zh(),
            level.code()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn run_paper(a: &PaperArgs) -> Result<ExitCode, ExitCode> {
    let pack = load_pack(a.rules.as_deref())?;
    let bank = load_bank(&a.bank, &pack, a.as_of)?;
    let text = read_input(&a.blueprint, "组卷蓝图")?;
    let bp = Blueprint::parse(&text).map_err(|e| input_errors(&a.blueprint, &e))?;
    let paper = assemble(&bank, &bp, a.seed).map_err(|e| workflow_error(None, &e))?;
    if let Some(out) = &a.out {
        std::fs::write(out, paper.to_csv()).map_err(|e| {
            eprintln!("无法写出试卷 {}：{e} [io]", out.display());
            ExitCode::from(EXIT_FAILURE)
        })?;
    }
    print!("{}", paper_text(&bank, &paper, a.seed));
    Ok(ExitCode::SUCCESS)
}

fn run_grade(a: &GradeArgs) -> Result<ExitCode, ExitCode> {
    let pack = load_pack(a.rules.as_deref())?;
    let bank = load_bank(&a.bank, &pack, a.taken_on)?;
    let paper_text = read_input(&a.paper, "试卷文件")?;
    let paper = Paper::parse(&paper_text).map_err(|e| input_errors(&a.paper, &e))?;
    let answers_text = read_input(&a.answers, "答题文件")?;
    let answers = parse_answers(&answers_text).map_err(|e| input_errors(&a.answers, &e))?;
    let report = grade(&bank, &paper, &answers, a.taken_on, &pack)
        .map_err(|e| workflow_error(Some(&a.answers), &e))?;
    if let Some(out) = &a.exams_out {
        std::fs::write(out, report.exams_csv()).map_err(|e| {
            eprintln!("无法写出成绩 {}：{e} [io]", out.display());
            ExitCode::from(EXIT_FAILURE)
        })?;
    }
    Ok(emit(
        a.json,
        || serde_json::to_string_pretty(&report),
        || report.to_text(),
    ))
}

fn run_coverage(a: &CoverageArgs) -> Result<ExitCode, ExitCode> {
    let pack = load_pack(a.rules.as_deref())?;
    let ds = load_dataset(&a.dataset)?;
    let c = coverage(&ds, a.from, a.deadline, &pack).map_err(|e| workflow_error(None, &e))?;
    Ok(emit(
        a.json,
        || serde_json::to_string_pretty(&c),
        || c.to_text(),
    ))
}
