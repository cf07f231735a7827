//! `zhongjie sample` (not yet written).

use std::process::ExitCode;

/// Arguments of `zhongjie sample`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> ExitCode {
    eprintln!("尚未实现：zhongjie sample");
    ExitCode::from(1)
}
