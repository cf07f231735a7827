//! End to end: `zhongjie review` on the example dataset and application of docs/WORKFLOWS.md.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples/workflows")
}

fn zhongjie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhongjie"))
        .args(args)
        .output()
        .unwrap()
}

fn review(dataset: &Path, application: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "review",
        dataset.to_str().unwrap(),
        "--application",
        application.to_str().unwrap(),
        "--as-of",
        "2024-11-30",
    ];
    args.extend_from_slice(extra);
    zhongjie(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the example dataset in a temporary folder.
fn dataset_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(examples().join("dataset")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    tmp
}

#[test]
fn the_checklist_has_one_line_per_criterion_and_a_verdict() {
    let ex = examples();
    let out = review(&ex.join("dataset"), &ex.join("application.toml"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("审查结论：不符合准入条件（1 项不符合：社会保险唯一性）"));
    // Resident IDs are masked: no 18-character number is printed in full.
    assert!(!text.contains("330106198503000317"));
    assert!(text.contains("330***********0317"));
    insta::assert_snapshot!("review_extension_checklist", text);
}

#[test]
fn the_same_application_passes_once_the_double_insurance_is_gone() {
    let tmp = dataset_copy();
    let path = tmp.path().join("contributions.csv");
    let kept: Vec<String> = std::fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.contains(",2024-06,"))
        .map(str::to_owned)
        .collect();
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    let out = review(tmp.path(), &examples().join("application.toml"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("审查结论：符合准入条件（12 项全部符合）"));
}

#[test]
fn json_output_carries_the_verdict_and_the_pack_stamp() {
    let ex = examples();
    let out = review(
        &ex.join("dataset"),
        &ex.join("application.toml"),
        &["--json"],
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["passed"], false);
    assert_eq!(v["pack"], "zj-2024@1.0.0");
    assert_eq!(v["lines"].as_array().unwrap().len(), 12);
    let failed: Vec<&str> = v["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["passed"] == false)
        .map(|l| l["rule"]["id"].as_str().unwrap())
        .collect();
    assert_eq!(failed, ["REVIEW_SOCIAL_INSURANCE_UNIQUE"]);
}

#[test]
fn bad_applications_exit_2_with_line_and_code() {
    let tmp = tempfile::tempdir().unwrap();
    let app = tmp.path().join("app.toml");
    let text = std::fs::read_to_string(examples().join("application.toml")).unwrap();
    std::fs::write(
        &app,
        text.replace(
            "fixed_assets_yuan = 8500000",
            "fixed_assets_yuan = 8500000.5",
        ),
    )
    .unwrap();
    let out = review(&examples().join("dataset"), &app, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("第 6 行") && err.contains("浮点数") && err.contains("toml_syntax"),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    std::fs::write(&app, text.replace("\"A001\"", "\"A001-HZ\"")).unwrap();
    let out = review(&examples().join("dataset"), &app, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("[not_head_office]"));

    std::fs::write(
        &app,
        text.replace("[\"metal_smelting\"]", "[\"petrochemical\"]"),
    )
    .unwrap();
    let out = review(&examples().join("dataset"), &app, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("[scope_already_held]"));
}
