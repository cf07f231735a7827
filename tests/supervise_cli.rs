//! End-to-end tests of `zhongjie supervise` and `zhongjie explain` on the spec's worked examples.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhongjie"))
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/spec/examples")
}

fn as_of(ex: &Path) -> String {
    std::fs::read_to_string(ex.join("as_of"))
        .unwrap()
        .trim()
        .to_owned()
}

type FindingKey = (String, String, String, String, Vec<String>);

fn findings(path: &Path) -> BTreeSet<FindingKey> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_owned();
            let ev = v["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_str().unwrap().to_owned())
                .collect();
            (s("rule"), s("subject_kind"), s("subject_id"), s("date"), ev)
        })
        .collect()
}

fn lines(path: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_worked_example_gives_the_expected_outputs() {
    let mut seen = 0;
    for entry in std::fs::read_dir(examples()).unwrap() {
        let ex = entry.unwrap().path();
        if !ex.join("data").is_dir() {
            continue;
        }
        seen += 1;
        let out = tempfile::tempdir().unwrap();
        let status = bin()
            .arg("supervise")
            .arg(ex.join("data"))
            .args(["--as-of", &as_of(&ex), "--out"])
            .arg(out.path())
            .output()
            .unwrap();
        assert!(
            status.status.success(),
            "{}: {}",
            ex.display(),
            String::from_utf8_lossy(&status.stderr)
        );
        let exp = ex.join("expected");
        assert_eq!(
            findings(&out.path().join("findings.jsonl")),
            findings(&exp.join("findings.jsonl")),
            "{}",
            ex.display()
        );
        for f in [
            "agency_grades.csv",
            "practitioner_stars.csv",
            "must_inspect.csv",
        ] {
            assert_eq!(
                lines(&out.path().join(f)),
                lines(&exp.join(f)),
                "{} {f}",
                ex.display()
            );
        }
        assert!(out.path().join("explanation.json").is_file());
    }
    assert!(seen >= 3, "the worked examples were not found");
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn bad_input_exits_2_and_leaves_the_output_folder_as_it_was() {
    let ex = examples().join("points_stars");
    let work = tempfile::tempdir().unwrap();
    let out_dir = work.path().join("out");
    let out = out_dir.as_path();
    let ok = bin()
        .arg("supervise")
        .arg(ex.join("data"))
        .args(["--as-of", "2024-11-30", "--out"])
        .arg(out)
        .status()
        .unwrap();
    assert!(ok.success());
    let before = std::fs::read(out.join("practitioner_stars.csv")).unwrap();

    let broken = tempfile::tempdir().unwrap();
    copy_dir(&ex.join("data"), broken.path());
    let p = broken.path().join("practitioners.csv");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("330106197001011003", "330106197001011004");
    std::fs::write(&p, text).unwrap();
    let bad = bin()
        .arg("supervise")
        .arg(broken.path())
        .args(["--as-of", "2024-11-30", "--out"])
        .arg(out)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("practitioners.csv") && err.contains("bad_resident_id"),
        "{err}"
    );
    assert!(
        !err.contains("330106197001011004"),
        "a full resident ID leaked: {err}"
    );
    assert_eq!(
        std::fs::read(out.join("practitioner_stars.csv")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(work.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".zhongjie-out-")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left behind");
}

#[test]
fn a_bad_rule_pack_exits_2() {
    let ex = examples().join("points_stars");
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("bad.toml");
    std::fs::write(
        &pack,
        "[pack]\nid = \"x\"\nversion = \"1\"\nname = \"坏\"\nextra = 1\n",
    )
    .unwrap();
    let out = bin()
        .arg("supervise")
        .arg(ex.join("data"))
        .args(["--as-of", "2024-11-30", "--out"])
        .arg(dir.path().join("out"))
        .arg("--rules")
        .arg(&pack)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("pack_syntax"));
    assert!(!dir.path().join("out").exists());
}

#[test]
fn explain_names_rules_references_and_masks_the_id_number() {
    let ex = examples().join("points_stars");
    let out = bin()
        .arg("explain")
        .arg(ex.join("data"))
        .args(["--as-of", "2024-11-30", "--practitioner", "Z1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("CERT_INVALID") && text.contains("红牌"),
        "{text}"
    );
    assert!(text.contains("330***********1003") && !text.contains("330106197001011003"));
    let agency = bin()
        .arg("explain")
        .arg(ex.join("data"))
        .args(["--as-of", "2024-11-30", "--agency", "R1"])
        .output()
        .unwrap();
    let text = String::from_utf8(agency.stdout).unwrap();
    assert!(
        text.contains("得分 70 分") && text.contains("停业整顿"),
        "{text}"
    );
    let missing = bin()
        .arg("explain")
        .arg(ex.join("data"))
        .args(["--as-of", "2024-11-30", "--agency", "NOPE"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
