//! `zhongjie complaint` (not yet written).

use std::process::ExitCode;

/// Arguments of `zhongjie complaint`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> ExitCode {
    eprintln!("尚未实现：zhongjie complaint");
    ExitCode::from(1)
}
