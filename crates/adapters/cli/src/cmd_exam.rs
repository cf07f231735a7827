//! `zhongjie exam` (not yet written).

use std::process::ExitCode;

/// Arguments of `zhongjie exam`.
#[derive(clap::Args)]
pub struct Args {}

/// Runs the command.
pub fn run(_args: Args) -> ExitCode {
    eprintln!("尚未实现：zhongjie exam");
    ExitCode::from(1)
}
