//! `zhongjie report` (not yet written).

use std::process::ExitCode;

/// Arguments of `zhongjie report`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> ExitCode {
    eprintln!("尚未实现：zhongjie report");
    ExitCode::from(1)
}
