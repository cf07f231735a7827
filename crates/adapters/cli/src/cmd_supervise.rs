//! `zhongjie supervise` (not yet written).

use std::process::ExitCode;

/// Arguments of `zhongjie supervise`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> ExitCode {
    eprintln!("尚未实现：zhongjie supervise");
    ExitCode::from(1)
}
