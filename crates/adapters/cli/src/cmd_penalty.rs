//! `zhongjie penalty --violation V … --as-of D`: the fine ranges, measures, criminal referral and
//! dishonesty listing of a case, explained; `zhongjie penalty listing …`: where a listing on the
//! serious-dishonesty list stands. Exit status 0 on a result, 2 on bad input — including two
//! applicable rules that contradict (e.g. 从轻 against the seed's upper-limit rule).

use crate::cmd_review::{emit, workflow_error};
use crate::cmd_supervise::parse_as_of;
use std::path::PathBuf;
use std::process::ExitCode;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::workflows::input::parse_amount;
use zhongjie_core::workflows::{Circumstance, Offence};
use zhongjie_scoring::workflows::penalty::{assess, listing_status, PenaltyCase};

/// Arguments of `zhongjie penalty`.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct Args {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    case: CaseArgs,
}

#[derive(clap::Subcommand)]
enum Command {
    /// 严重失信主体名单的状态（列入、可信用修复、移出）
    Listing(ListingArgs),
}

/// The facts of a case.
#[derive(clap::Args)]
struct CaseArgs {
    /// 违法行为：inaccurate_report | false_report | qualification_lending | major_omission |
    /// secret_leak | procedure_change | no_site_survey | unqualified_practice
    #[arg(long, required = true)]
    violation: Option<Offence>,
    /// 违法所得（元），缺省为 0（没有违法所得）
    #[arg(long, value_parser = parse_amount)]
    illegal_gains: Option<Decimal>,
    /// 故意隐瞒重大事故隐患
    #[arg(long)]
    hidden_major_hazard: bool,
    /// 情节严重
    #[arg(long)]
    serious: bool,
    /// 裁量情节：lighter（从轻）| ordinary（一般）| heavier（从重）
    #[arg(long)]
    circumstance: Option<Circumstance>,
    /// 直接负责的主管人员和其他直接责任人员人数
    #[arg(long, default_value_t = 0)]
    responsible_persons: u32,
    /// 事故死亡人数
    #[arg(long, default_value_t = 0)]
    deaths: u32,
    /// 事故重伤人数
    #[arg(long, default_value_t = 0)]
    serious_injuries: u32,
    /// 直接经济损失（元）
    #[arg(long, value_parser = parse_amount)]
    direct_loss: Option<Decimal>,
    /// 二年内因提供虚假证明文件受过的行政处罚次数
    #[arg(long, default_value_t = 0)]
    prior_penalties: u32,
    /// 决定日（YYYY-MM-DD）：适用该日有效的规则包取值
    #[arg(long, value_parser = parse_as_of, required = true)]
    as_of: Option<NaiveDate>,
    /// 规则包文件（TOML）；缺省为内置的 zj-2024
    #[arg(long)]
    rules: Option<PathBuf>,
    /// 以 JSON 输出
    #[arg(long)]
    json: bool,
}

/// Arguments of `zhongjie penalty listing`.
#[derive(clap::Args)]
struct ListingArgs {
    /// 列入名单日期（YYYY-MM-DD）
    #[arg(long, value_parser = parse_as_of)]
    listed_on: NaiveDate,
    /// 信用修复（提前移出）日期
    #[arg(long, value_parser = parse_as_of)]
    repaired_on: Option<NaiveDate>,
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
        Some(Command::Listing(a)) => run_listing(&a),
        None => run_case(&args.case),
    };
    match r {
        Ok(c) | Err(c) => c,
    }
}

fn run_case(a: &CaseArgs) -> Result<ExitCode, ExitCode> {
    // clap requires both when no subcommand is given.
    let (Some(offence), Some(as_of)) = (a.violation, a.as_of) else {
        eprintln!("应给出 --violation 与 --as-of [missing_argument]");
        return Err(ExitCode::from(crate::common::EXIT_BAD_INPUT));
    };
    let pack = crate::common::load_pack(a.rules.as_deref())?;
    let case = PenaltyCase {
        offence,
        illegal_gains_yuan: a.illegal_gains.unwrap_or(Decimal::ZERO),
        hidden_major_hazard: a.hidden_major_hazard,
        serious: a.serious,
        circumstance: a.circumstance,
        responsible_persons: a.responsible_persons,
        deaths: a.deaths,
        serious_injuries: a.serious_injuries,
        direct_loss_yuan: a.direct_loss.unwrap_or(Decimal::ZERO),
        prior_penalties: a.prior_penalties,
    };
    let r = assess(&case, as_of, &pack).map_err(|e| workflow_error(None, &e))?;
    Ok(emit(
        a.json,
        || serde_json::to_string_pretty(&r),
        || r.to_text(),
    ))
}

fn run_listing(a: &ListingArgs) -> Result<ExitCode, ExitCode> {
    let pack = crate::common::load_pack(a.rules.as_deref())?;
    let s = listing_status(a.listed_on, a.repaired_on, a.as_of, &pack)
        .map_err(|e| workflow_error(None, &e))?;
    Ok(emit(
        a.json,
        || serde_json::to_string_pretty(&s),
        || s.to_text(),
    ))
}
