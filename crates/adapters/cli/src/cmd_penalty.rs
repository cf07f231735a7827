//! `zhongjie penalty` (not yet written).

use std::process::ExitCode;

/// Arguments of `zhongjie penalty`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> ExitCode {
    eprintln!("尚未实现：zhongjie penalty");
    ExitCode::from(1)
}
