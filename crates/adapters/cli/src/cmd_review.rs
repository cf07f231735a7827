//! `zhongjie review` (not yet written).

use std::process::ExitCode;

/// Arguments of `zhongjie review`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> ExitCode {
    eprintln!("尚未实现：zhongjie review");
    ExitCode::from(1)
}
