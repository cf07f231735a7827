//! `zhongjie complaint reward|track|status`: whistle-blower rewards (举报奖励), one complaint's
//! progress through its states with deadlines, and the complaints of a dataset.
//!
//! The reporter's identity and contact are never printed: outputs say `[保密]` at most.
//! Exit status 0 on a result, 2 on bad input.

use crate::cmd_review::{emit, input_errors, read_input, workflow_error};
use crate::cmd_supervise::parse_as_of;
use crate::common::{load_dataset, load_pack, EXIT_BAD_INPUT};
use std::path::PathBuf;
use std::process::ExitCode;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::workflows::input::parse_amount;
use zhongjie_core::workflows::ComplaintCase;
use zhongjie_core::Severity;
use zhongjie_scoring::workflows::complaint::{overview, reward, track, RewardBasis, RewardClaim};

/// Arguments of `zhongjie complaint`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// 举报奖励计算（安全生产领域举报奖励办法）
    Reward(RewardArgs),
    /// 单件举报的办理进度与期限（办理记录文件，TOML）
    Track(TrackArgs),
    /// 数据集中全部举报投诉的办理状态与期限
    Status(StatusArgs),
}

/// Arguments of `zhongjie complaint reward`.
#[derive(clap::Args)]
struct RewardArgs {
    /// 举报重大事故隐患、违法行为：对被举报单位的罚款金额（元）
    #[arg(long, value_parser = parse_amount, conflicts_with_all = ["concealed_deaths", "severity"], required_unless_present = "concealed_deaths")]
    fine: Option<Decimal>,
    /// 举报瞒报、谎报事故：查实瞒报谎报的死亡人数
    #[arg(long, requires = "severity")]
    concealed_deaths: Option<u32>,
    /// 事故等级：general | larger | major | especially_major
    #[arg(long, requires = "concealed_deaths")]
    severity: Option<Severity>,
    /// 举报人为被举报单位职工（内部吹哨人）
    #[arg(long)]
    insider: bool,
    /// 不是同一事项最先受理的有效举报
    #[arg(long)]
    not_first: bool,
    /// 计算日（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    as_of: NaiveDate,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    rules: Option<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

/// Arguments of `zhongjie complaint track`.
#[derive(clap::Args)]
struct TrackArgs {
    /// 办理记录文件（TOML，见 docs/examples/workflows/complaint.toml）
    case: PathBuf,
    /// 基准日（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    as_of: NaiveDate,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    rules: Option<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

/// Arguments of `zhongjie complaint status`.
#[derive(clap::Args)]
struct StatusArgs {
    /// 数据集目录（exchange-v1 CSV 文件）
    dataset: PathBuf,
    /// 基准日（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    as_of: NaiveDate,
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
        Command::Reward(a) => run_reward(&a),
        Command::Track(a) => run_track(&a),
        Command::Status(a) => run_status(&a),
    };
    match r {
        Ok(c) | Err(c) => c,
    }
}

fn run_reward(a: &RewardArgs) -> Result<ExitCode, ExitCode> {
    let pack = load_pack(a.rules.as_deref())?;
    let basis = match (a.fine, a.concealed_deaths, a.severity) {
        (Some(fine_yuan), _, _) => RewardBasis::Violation { fine_yuan },
        (None, Some(concealed_deaths), Some(severity)) => RewardBasis::ConcealedAccident {
            severity,
            concealed_deaths,
        },
        _ => {
            eprintln!(
                "应给出 --fine，或同时给出 --concealed-deaths 与 --severity [missing_argument]"
            );
            return Err(ExitCode::from(EXIT_BAD_INPUT));
        }
    };
    let claim = RewardClaim {
        basis,
        insider: a.insider,
        first_valid: !a.not_first,
    };
    let d = reward(&claim, a.as_of, &pack).map_err(|e| workflow_error(None, &e))?;
    Ok(emit(
        a.json,
        || serde_json::to_string_pretty(&d),
        || d.to_text(),
    ))
}

fn run_track(a: &TrackArgs) -> Result<ExitCode, ExitCode> {
    let pack = load_pack(a.rules.as_deref())?;
    let text = read_input(&a.case, "办理记录文件")?;
    let case = ComplaintCase::parse(&text).map_err(|e| input_errors(&a.case, &e))?;
    let t = track(&case, a.as_of, &pack).map_err(|e| workflow_error(Some(&a.case), &e))?;
    Ok(emit(
        a.json,
        || serde_json::to_string_pretty(&t),
        || t.to_text(),
    ))
}

fn run_status(a: &StatusArgs) -> Result<ExitCode, ExitCode> {
    let pack = load_pack(a.rules.as_deref())?;
    let ds = load_dataset(&a.dataset)?;
    let o = overview(&ds, a.as_of, &pack).map_err(|e| workflow_error(None, &e))?;
    Ok(emit(
        a.json,
        || serde_json::to_string_pretty(&o),
        || o.to_text(),
    ))
}
