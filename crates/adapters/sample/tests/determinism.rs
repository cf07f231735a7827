//! Same arguments → identical tables; another seed or date → other tables. Every sample passes
//! the integrity checks of the core and the CSV reader.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{Dataset, TableName, Tables};
use zhongjie_sample::{generate, generate_with, SampleConfig, Scale};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn check(t: Tables) {
    if let Err(errors) = Dataset::new(t) {
        let shown: Vec<String> = errors
            .iter()
            .take(10)
            .map(|e| format!("{} row {} {}: {}", e.table, e.row, e.column, e.message()))
            .collect();
        panic!("{} integrity errors:\n{}", errors.len(), shown.join("\n"));
    }
}

/// Several chunks of trees (built in parallel where the machine allows).
fn multi_chunk() -> SampleConfig {
    SampleConfig {
        roots: 160,
        practitioners: 1_600,
        projects: 4_000,
        attendance_per_project: 6.0,
        anomaly_rate: 1.0,
    }
}

#[test]
fn same_arguments_give_identical_tables() {
    let a = generate(Scale::Tiny, 42, d(2024, 11, 30));
    let b = generate(Scale::Tiny, 42, d(2024, 11, 30));
    assert_eq!(a, b);
    let c = generate_with(&multi_chunk(), 9, d(2024, 11, 30));
    let e = generate_with(&multi_chunk(), 9, d(2024, 11, 30));
    assert_eq!(c, e);
}

#[test]
fn another_seed_or_date_gives_other_tables() {
    let a = generate(Scale::Tiny, 1, d(2024, 11, 30));
    let b = generate(Scale::Tiny, 2, d(2024, 11, 30));
    assert_ne!(a.practitioners, b.practitioners);
    assert_ne!(a.attendance, b.attendance);
    let c = generate(Scale::Tiny, 1, d(2025, 6, 30));
    assert_ne!(a.projects, c.projects);
}

#[test]
fn every_scale_we_can_afford_passes_the_integrity_checks() {
    for seed in [1, 2, 3] {
        check(generate(Scale::Tiny, seed, d(2024, 11, 30)));
    }
    // A leap day as of date, and an end-of-year one.
    check(generate(Scale::Tiny, 5, d(2024, 2, 29)));
    check(generate(Scale::Tiny, 5, d(2023, 12, 31)));
    check(generate(Scale::Small, 1, d(2024, 11, 30)));
    check(generate_with(&multi_chunk(), 4, d(2024, 11, 30)));
}

#[test]
fn sizes_follow_the_configuration() {
    let t = generate(Scale::Small, 1, d(2024, 11, 30));
    let cfg = SampleConfig::for_scale(Scale::Small);
    let near = |n: usize, target: usize| n * 10 >= target * 8 && n * 10 <= target * 12;
    assert!(
        near(t.practitioners.len(), cfg.practitioners),
        "{}",
        t.practitioners.len()
    );
    assert!(near(t.projects.len(), cfg.projects), "{}", t.projects.len());
    let roots = t.agencies.iter().filter(|a| a.parent.is_none()).count();
    assert_eq!(roots, cfg.roots);
    let per_project = t.attendance.len() as f64 / t.projects.len() as f64;
    assert!((7.0..13.0).contains(&per_project), "{per_project}");
    let tiny = generate(Scale::Tiny, 1, d(2024, 11, 30));
    let roots = tiny.agencies.iter().filter(|a| a.parent.is_none()).count();
    assert_eq!(roots, 8);
    assert!((50..=90).contains(&tiny.practitioners.len()));
    assert!((80..=140).contains(&tiny.projects.len()));
}

#[test]
fn the_csv_files_read_back_to_the_same_tables() {
    let t = generate(Scale::Tiny, 3, d(2024, 11, 30));
    let files = zhongjie_csv::write_dataset_to_memory(&t);
    let back = match zhongjie_csv::read_dataset_from_memory(&files) {
        Ok(ds) => ds.into_tables(),
        Err(e) => panic!("the reader refused the sample:\n{e}"),
    };
    // Repeated contribution rows are one fact: the reader keeps the first.
    let mut seen = std::collections::HashSet::new();
    let mut expected = t.clone();
    expected.contributions.retain(|c| seen.insert(*c));
    assert!(expected.contributions.len() < t.contributions.len());
    for table in TableName::ALL {
        assert_eq!(back.row_count(table), expected.row_count(table), "{table}");
    }
    assert_eq!(back, expected);
}
