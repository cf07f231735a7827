//! `zhongjie demo [--out DIR]`: the main job on embedded defaults — a generated sample province
//! (small scale, seed 1, as of 2024-11-30) checked and supervised under the built-in pack.

use crate::cmd_supervise::{parse_as_of, supervise_to};
use std::path::PathBuf;
use std::process::ExitCode;
use zhongjie_core::chrono::NaiveDate;

/// Arguments of `zhongjie demo`.
#[derive(clap::Args)]
pub struct Args {
    /// 工作目录：示例数据写入 DIR/data，评定结果写入 DIR/run
    #[arg(long, default_value = "out/demo")]
    pub out: PathBuf,
    /// 示例数据随机种子
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// 评定日（YYYY-MM-DD）
    #[arg(long, default_value = "2024-11-30", value_parser = parse_as_of)]
    pub as_of: NaiveDate,
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let data = args.out.join("data");
    let tables = zhongjie_sample::generate(zhongjie_sample::Scale::Small, args.seed, args.as_of);
    if data.exists() {
        if let Err(e) = std::fs::remove_dir_all(&data) {
            eprintln!("错误 [io]：无法清理 {}：{e}", data.display());
            return ExitCode::from(1);
        }
    }
    if let Err(e) = zhongjie_csv::write_dataset(&data, &tables) {
        eprintln!("错误 [io]：无法写入示例数据 {}：{e}", data.display());
        return ExitCode::from(1);
    }
    println!(
        "已生成示例省份数据（small 规模，种子 {}，评定日 {}）：{}",
        args.seed,
        args.as_of,
        data.display()
    );
    supervise_to(&data, args.as_of, &args.out.join("run"), None)
}
