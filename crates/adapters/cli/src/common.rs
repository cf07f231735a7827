//! Shared helpers of the commands: loading a dataset or a rule pack and reporting errors.
//!
//! Both print their problems on stderr (in Chinese, each with its stable English code) and hand
//! back the exit status to return: 2 for bad input, 1 for a failure that is not the input's.

use std::path::Path;
use std::process::ExitCode;
use zhongjie_core::{Dataset, RulePack};

/// Exit status of a dataset, rule pack or argument the program refuses.
pub const EXIT_BAD_INPUT: u8 = 2;
/// Exit status of any other failure.
pub const EXIT_FAILURE: u8 = 1;

/// Reads and checks a dataset folder (exchange v1). On failure prints every problem (up to the
/// cap, then a count) on stderr and returns exit status 2.
pub fn load_dataset(dir: &Path) -> Result<Dataset, ExitCode> {
    zhongjie_csv::read_dataset(dir).map_err(|e| {
        eprintln!(
            "数据集 {} 未通过核验，共发现 {} 个问题，整个数据集不予导入：",
            dir.display(),
            e.total()
        );
        eprint!("{e}");
        ExitCode::from(EXIT_BAD_INPUT)
    })
}

/// The rule pack at `path`, or the built-in `zj-2024` when `None`. On failure prints the problem
/// with its code on stderr and returns exit status 2 (1 if the built-in pack itself is broken).
pub fn load_pack(path: Option<&Path>) -> Result<RulePack, ExitCode> {
    let Some(path) = path else {
        return RulePack::zj_2024().map_err(|e| {
            eprintln!("内置规则包 zj-2024 无法加载：{e} [{}]", e.code());
            ExitCode::from(EXIT_FAILURE)
        });
    };
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!("无法读取规则包 {}：{e} [io]", path.display());
        ExitCode::from(EXIT_BAD_INPUT)
    })?;
    let text = String::from_utf8(bytes).map_err(|e| {
        eprintln!(
            "规则包 {} 不是有效的 UTF-8 文本（第 {} 个字节起），应为 UTF-8 编码的 TOML [bad_utf8]",
            path.display(),
            e.utf8_error().valid_up_to() + 1
        );
        ExitCode::from(EXIT_BAD_INPUT)
    })?;
    RulePack::parse(&text).map_err(|e| {
        eprintln!("规则包 {}：{e} [{}]", path.display(), e.code());
        ExitCode::from(EXIT_BAD_INPUT)
    })
}
