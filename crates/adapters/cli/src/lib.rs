//! The `zhongjie` program as a library: every subcommand, parsed by clap.
//!
//! Exit status: 0 success, 2 bad input (dataset, rule pack or arguments), 1 any other failure.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

pub mod cmd_check;
pub mod cmd_complaint;
pub mod cmd_demo;
pub mod cmd_exam;
pub mod cmd_explain;
pub mod cmd_penalty;
pub mod cmd_report;
pub mod cmd_review;
pub mod cmd_sample;
pub mod cmd_supervise;
pub mod common;

/// 浙江省安全生产中介机构监管服务“一件事” — 数据核验、监管评定与报告工具
#[derive(Parser)]
#[command(name = "zhongjie", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// 演示：生成示例省份数据（small 规模）并运行监管评定，打印输出位置与摘要
    Demo(cmd_demo::Args),
    /// 核验数据集（exchange-v1），打印摘要或错误清单
    Check(cmd_check::Args),
    /// 生成确定性的示例数据集
    Sample(cmd_sample::Args),
    /// 监管评定：预警线索、机构信用等级、从业人员星级、必查对象
    Supervise(cmd_supervise::Args),
    /// 解释某机构等级或某从业人员星级的由来
    Explain(cmd_explain::Args),
    /// 生成一种监管报告
    Report(cmd_report::Args),
    /// 安全评价机构准入审查（新申请或扩项）
    Review(cmd_review::Args),
    /// 举报投诉办理与举报奖励计算
    Complaint(cmd_complaint::Args),
    /// 处罚裁量计算与刑事移送建议
    Penalty(cmd_penalty::Args),
    /// 统一题库、组卷、阅卷与测验覆盖
    Exam(cmd_exam::Args),
}

/// Parses the process arguments and runs the command.
pub fn run_cli() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Demo(a) => cmd_demo::run(a),
        Command::Check(a) => cmd_check::run(a),
        Command::Sample(a) => cmd_sample::run(a),
        Command::Supervise(a) => cmd_supervise::run(a),
        Command::Explain(a) => cmd_explain::run(a),
        Command::Report(a) => cmd_report::run(a),
        Command::Review(a) => cmd_review::run(a),
        Command::Complaint(a) => cmd_complaint::run(a),
        Command::Penalty(a) => cmd_penalty::run(a),
        Command::Exam(a) => cmd_exam::run(a),
    }
}
