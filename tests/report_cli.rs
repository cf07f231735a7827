//! End-to-end tests of `zhongjie report`: every kind in every format from the binary, nothing
//! private in any output, no external resource in the HTML, reproducible draws, refused input.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhongjie"))
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/reporting/tests/fixtures")
}

fn tiny() -> PathBuf {
    fixtures().join("tiny")
}

fn report(kind: &str, out: &Path, extra: &[&str]) -> Output {
    let mut c = bin();
    c.arg("report")
        .arg(kind)
        .arg(tiny())
        .args(["--as-of", "2024-11-30", "--out"])
        .arg(out)
        .args(extra);
    c.output().unwrap()
}

/// Cells of one column of a fixture CSV (the fixture has no quoted commas).
fn column(file: &str, name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(tiny().join(file)).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let i = header.iter().position(|h| *h == name).unwrap();
    lines
        .map(|l| l.split(',').nth(i).unwrap_or("").to_owned())
        .filter(|c| !c.is_empty())
        .collect()
}

fn all_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        v.push((p, text));
    }
    v
}

const KINDS: [&str; 8] = [
    "credit-list",
    "star-list",
    "warning-list",
    "must-inspect",
    "report-sampling",
    "verification",
    "progress",
    "supervision",
];

fn assert_self_contained(name: &str, html: &str) {
    for bad in [
        "http://", "https://", "<script", "<link", "@import", "url(", "src=", "<iframe", "<img",
    ] {
        assert!(
            !html.contains(bad),
            "{name} loads an external resource: {bad}"
        );
    }
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("lang=\"zh-CN\""));
}

#[test]
fn every_kind_in_every_format_shows_nothing_private() {
    let tmp = tempfile::tempdir().unwrap();
    let mut secrets = column("practitioners.csv", "id_number");
    secrets.extend(column("complaints.csv", "reporter_contact"));
    assert!(secrets.len() >= 12);
    let insp = fixtures().join("inspectors.csv");
    let tasks = fixtures().join("tasks.csv");
    let mut seen = 0;
    for kind in KINDS {
        for format in ["html", "md", "csv", "json"] {
            let dir = tmp.path().join(format!("{kind}-{format}"));
            let o = report(
                kind,
                &dir,
                &[
                    "--format",
                    format,
                    "--seed",
                    "20241130",
                    "--inspectors",
                    insp.to_str().unwrap(),
                    "--tasks",
                    tasks.to_str().unwrap(),
                ],
            );
            assert!(
                o.status.success(),
                "{kind} {format}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            for (p, text) in all_files(&dir) {
                seen += 1;
                let name = p.display().to_string();
                for s in &secrets {
                    assert!(!text.contains(s.as_str()), "{name} shows `{s}`");
                }
                if format == "html" {
                    assert_self_contained(&name, &text);
                    assert!(text.contains("<svg"), "{name}: a chart");
                }
                if format == "csv" {
                    assert!(text.starts_with('\u{feff}'), "{name}: BOM for spreadsheets");
                }
            }
        }
    }
    assert!(seen >= 32);
}

#[test]
fn the_same_seed_draws_the_same_and_prints_it() {
    let tmp = tempfile::tempdir().unwrap();
    let insp = fixtures().join("inspectors.csv");
    for kind in ["must-inspect", "report-sampling"] {
        let mut texts = Vec::new();
        for run in 0..2 {
            let out = tmp.path().join(format!("{kind}-{run}.md"));
            let o = report(
                kind,
                &out,
                &["--seed", "4242", "--inspectors", insp.to_str().unwrap()],
            );
            assert!(o.status.success());
            assert!(String::from_utf8_lossy(&o.stdout).contains("随机种子：4242"));
            texts.push(std::fs::read_to_string(&out).unwrap());
        }
        assert_eq!(texts[0], texts[1], "{kind}");
        assert!(texts[0].contains("**随机种子**：4242") && texts[0].contains("SplitMix64"));
    }
}

#[test]
fn a_draw_without_seed_is_refused_and_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("s.html");
    let o = report("report-sampling", &out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--seed"));
    assert!(!out.exists());
}

#[test]
fn a_bad_inspectors_file_is_refused_with_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("inspectors.csv");
    std::fs::write(
        &bad,
        "inspector_id,name,home_region_code\nK1,甲,330100\nK2,乙,33A100\n",
    )
    .unwrap();
    let out = tmp.path().join("m.html");
    let o = report(
        "must-inspect",
        &out,
        &["--seed", "1", "--inspectors", bad.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("第 3 行") && err.contains("home_region_code"),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn earlier_runs_give_trends_and_corrections() {
    let tmp = tempfile::tempdir().unwrap();
    let before = tmp.path().join("run-2024-08-31");
    let o = bin()
        .arg("supervise")
        .arg(tiny())
        .args(["--as-of", "2024-08-31", "--out"])
        .arg(&before)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let prev = before.to_str().unwrap();
    let out = tmp.path().join("supervision.html");
    assert!(report("supervision", &out, &["--previous", prev])
        .status
        .success());
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.contains("变化趋势") && html.contains("<polyline"));
    assert!(html.contains("2024-08-31"));
    let out = tmp.path().join("verification.md");
    assert!(report(
        "verification",
        &out,
        &["--previous", prev, "--city", "330300"]
    )
    .status
    .success());
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with("# 温州市安全生产中介机构核查工作报告"));
    assert!(md.contains("已整改（本期未再发现）") && md.contains("上期已发现，尚未整改"));
    assert!(!md.contains("## 二、杭州市"), "only the city asked for");
}

#[test]
fn csv_to_one_file_is_the_main_table() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("credit.csv");
    let o = report("credit-list", &out, &[]);
    assert!(o.status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("\u{feff}序号,机构名称,统一社会信用代码"));
    assert_eq!(text.lines().count(), 1 + 6, "six graded agencies");
    assert!(String::from_utf8_lossy(&o.stderr).contains("只写出主表"));
}
