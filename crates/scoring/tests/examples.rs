//! The worked examples of `shared/spec/examples`: each folder's dataset, run as of its `as_of`,
//! gives its `expected/` outputs, both with the real engine and with the naive reference.
//! Findings are compared as a set (rule, subject, evidence, date); CSVs by their required columns.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;
mod reference;

use std::path::{Path, PathBuf};

use common::{diff, Outcome};

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/spec/examples")
}

fn example_names() -> Vec<String> {
    let dir = examples_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .filter(|e| e.path().join("expected").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn load(
    name: &str,
) -> (
    zhongjie_core::Dataset,
    zhongjie_core::chrono::NaiveDate,
    Outcome,
) {
    let dir = examples_dir().join(name);
    let ds = zhongjie_csv::read_dataset(&dir.join("data"))
        .unwrap_or_else(|e| panic!("{name}: the dataset does not load: {e:?}"));
    let as_of = std::fs::read_to_string(dir.join("as_of")).unwrap_or_default();
    let as_of = common::d(as_of.trim());
    (ds, as_of, Outcome::from_dir(&dir.join("expected")))
}

#[test]
fn there_are_worked_examples() {
    let names = example_names();
    for wanted in ["overlap_touching", "points_stars", "report_deadline"] {
        assert!(
            names.iter().any(|n| n == wanted),
            "missing example {wanted}: {names:?}"
        );
    }
}

fn check_engine(name: &str) {
    let (ds, as_of, expected) = load(name);
    let got = common::run(&ds, as_of);
    if let Some(d) = diff("expected", &expected, "engine", &got) {
        panic!("example {name} (as of {as_of}): the engine differs from expected/:\n{d}");
    }
}

fn check_reference(name: &str) {
    let (ds, as_of, expected) = load(name);
    let got = reference::run(&ds, as_of);
    if let Some(d) = diff("expected", &expected, "reference", &got) {
        panic!("example {name} (as of {as_of}): the reference differs from expected/:\n{d}");
    }
}

#[test]
fn engine_overlap_touching() {
    check_engine("overlap_touching");
}

#[test]
fn engine_report_deadline() {
    check_engine("report_deadline");
}

#[test]
fn engine_points_stars() {
    check_engine("points_stars");
}

#[test]
fn reference_overlap_touching() {
    check_reference("overlap_touching");
}

#[test]
fn reference_report_deadline() {
    check_reference("report_deadline");
}

#[test]
fn reference_points_stars() {
    check_reference("points_stars");
}

/// Any example folder added later is checked too, with both implementations.
#[test]
fn every_example_folder_agrees_with_both() {
    let mut failures = Vec::new();
    for name in example_names() {
        let (ds, as_of, expected) = load(&name);
        for (who, got) in [
            ("engine", common::run(&ds, as_of)),
            ("reference", reference::run(&ds, as_of)),
        ] {
            if let Some(d) = diff("expected", &expected, who, &got) {
                failures.push(format!("{name} ({who}):\n{d}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The engine's CSVs have exactly the columns of part C, in that order, and every findings line
/// carries the required keys, a legal reference and a Chinese message.
#[test]
fn rendered_outputs_have_the_columns_and_keys_of_part_c() {
    for name in example_names() {
        let (ds, as_of, _) = load(&name);
        let r = common::engine(&ds, as_of);
        for (text, columns) in [
            (&r.agency_grades, &common::GRADE_COLUMNS[..]),
            (&r.practitioner_stars, &common::STAR_COLUMNS[..]),
            (&r.must_inspect, &common::INSPECT_COLUMNS[..]),
        ] {
            let header = text.lines().next().unwrap_or_default();
            assert_eq!(header, columns.join(","), "{name}");
        }
        for line in r.findings.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            for key in ["rule", "subject_kind", "subject_id", "date", "legal_ref"] {
                assert!(v[key].is_string(), "{name}: `{key}` in {line}");
            }
            assert!(
                v["evidence"]
                    .as_array()
                    .is_some_and(|a| a.iter().all(serde_json::Value::is_string)),
                "{name}: evidence is an array of strings in {line}"
            );
            let chinese = v
                .as_object()
                .into_iter()
                .flat_map(|o| o.iter())
                .filter(|(k, _)| k.as_str() != "legal_ref")
                .filter_map(|(_, v)| v.as_str())
                .any(|s| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
            assert!(chinese, "{name}: a Chinese message in {line}");
        }
    }
}
