//! End to end: `zhongjie exam import|paper|grade|coverage`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::PathBuf;
use std::process::{Command, Output};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples/workflows")
}

fn ex(name: &str) -> String {
    examples().join(name).to_str().unwrap().to_owned()
}

fn zhongjie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhongjie"))
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn import_summarises_a_valid_bank_and_locates_errors() {
    let out = zhongjie(&["exam", "import", &ex("bank.csv"), "--as-of", "2024-11-20"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out).contains("共 10 题"));
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bank.csv");
    let mut s = std::fs::read_to_string(examples().join("bank.csv")).unwrap();
    s.push_str("LAW001,law,basic,重复题,甲;乙,A\nX1,law,basic,题,甲;乙,E\n");
    std::fs::write(&bad, s).unwrap();
    let out = zhongjie(&[
        "exam",
        "import",
        bad.to_str().unwrap(),
        "--as-of",
        "2024-11-20",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("第 12 行 `question_id` 列") && err.contains("duplicate_id"),
        "{err}"
    );
    assert!(
        err.contains("第 13 行 `answer` 列") && err.contains("answer_out_of_range"),
        "{err}"
    );
}

#[test]
fn a_paper_is_reproducible_from_its_seed() {
    let tmp = tempfile::tempdir().unwrap();
    let out_csv = tmp.path().join("paper.csv");
    let args = [
        "exam",
        "paper",
        "--bank",
        &ex("bank.csv"),
        "--blueprint",
        &ex("blueprint.toml"),
        "--seed",
        "20241120",
        "--as-of",
        "2024-11-20",
        "--out",
        out_csv.to_str().unwrap(),
    ];
    let a = zhongjie(&args);
    assert_eq!(
        a.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&a.stderr)
    );
    let b = zhongjie(&args);
    assert_eq!(text(&a), text(&b));
    // The committed example paper is what this seed gives.
    assert_eq!(
        std::fs::read_to_string(&out_csv).unwrap(),
        std::fs::read_to_string(examples().join("paper.csv")).unwrap()
    );
    assert!(text(&a).contains("共 6 题，满分 10 分"));
}

#[test]
fn grading_writes_exams_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let exams = tmp.path().join("exams.csv");
    let out = zhongjie(&[
        "exam",
        "grade",
        "--bank",
        &ex("bank.csv"),
        "--paper",
        &ex("paper.csv"),
        "--answers",
        &ex("answers.csv"),
        "--taken-on",
        "2024-11-20",
        "--exams-out",
        exams.to_str().unwrap(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&exams).unwrap(),
        "practitioner_id,exam_id,taken_on,score\nP001,ZJ2024-11,2024-11-20,100\nQ002,ZJ2024-11,2024-11-20,30\n"
    );
    assert!(
        text(&out).contains("Q002 得分 30（3/10）不合格；答错 LAW004、LAW006、TEC002；未答 LAW003")
    );
}

#[test]
fn coverage_lists_the_untested_and_the_consequences() {
    let out = zhongjie(&[
        "exam",
        "coverage",
        &ex("dataset"),
        "--deadline",
        "2024-11-30",
        "--from",
        "2024-06-17",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let a002 = &v["agencies"][1];
    assert_eq!(a002["agency_id"], "A002");
    assert_eq!(a002["warning"], true);
    assert_eq!(a002["untested"], serde_json::json!(["Q004", "Q005"]));
    assert_eq!(v["agencies"][0]["warning"], false);
    assert_eq!(v["pool_removals"][0]["practitioner_id"], "P003");
}
