//! End to end: `zhongjie check` on the spec's example dataset and on a broken copy of it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/examples")
}

fn check(cwd: &Path, dataset: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhongjie"))
        .current_dir(cwd)
        .args(["check", dataset])
        .output()
        .unwrap()
}

/// Every file under a folder (recursively) with its bytes.
fn snapshot_of(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            for (k, v) in snapshot_of(&path) {
                out.insert(format!("{name}/{k}"), v);
            }
        } else {
            out.insert(name, std::fs::read(&path).unwrap());
        }
    }
    out
}

#[test]
fn a_valid_dataset_is_summarised_with_exit_0() {
    let out = check(&examples().join("points_stars"), "data");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn a_broken_dataset_is_refused_with_exit_2_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for (name, bytes) in snapshot_of(&examples().join("points_stars/data")) {
        std::fs::write(data.join(name), bytes).unwrap();
    }
    let agencies = std::fs::read_to_string(data.join("agencies.csv")).unwrap();
    std::fs::write(
        data.join("agencies.csv"),
        agencies.replace("91330106310000006N", "91330106310000006M"),
    )
    .unwrap();
    let team = std::fs::read_to_string(data.join("team.csv")).unwrap();
    std::fs::write(data.join("team.csv"), format!("{team}J1,NOBODY,member\n")).unwrap();
    let before = snapshot_of(tmp.path());
    let before_data = snapshot_of(&data);

    let out = check(tmp.path(), "data");

    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    insta::assert_snapshot!(stderr);
    assert_eq!(snapshot_of(tmp.path()), before);
    assert_eq!(snapshot_of(&data), before_data);
}

#[test]
fn a_missing_folder_is_refused_with_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let out = check(tmp.path(), "no-such-folder");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("no-such-folder：无法读取数据集文件夹：不存在"),
        "{stderr}"
    );
    assert!(stderr.contains("[io]"));
}

#[test]
fn a_folder_without_agencies_is_refused_naming_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = check(tmp.path(), ".");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("agencies.csv：缺少必需的文件 agencies.csv（机构） [missing_file]"),
        "{stderr}"
    );
    assert!(
        stderr.contains("practitioners.csv：缺少必需的文件"),
        "{stderr}"
    );
}
