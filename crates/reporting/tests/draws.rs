//! The draws are reproducible (same seed, same data → same result; another seed → another
//! result), the report-sampling share holds in every city and every stratum, and the cross
//! inspection never sends an inspector to an agency of their own city.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::*;
use zhongjie_reporting::*;

fn table<'a>(r: &'a Report, id: &str) -> &'a Table {
    r.sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .find_map(|b| match b {
            Block::Table(t) if t.id == id => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table {id}"))
}

fn col(t: &Table, key: &str) -> usize {
    t.columns.iter().position(|c| c.key == key).unwrap()
}

fn cells(t: &Table, key: &str) -> Vec<String> {
    let i = col(t, key);
    t.rows.iter().map(|r| r[i].clone()).collect()
}

fn draw(kind: ReportKind, seed: u64, ds: &zhongjie_core::Dataset) -> Report {
    let out = run(ds, AS_OF);
    let pack = pack();
    let insp = inspectors();
    let mut input = ReportInput::new(ds, &out, &pack);
    input.seed = Some(seed);
    input.inspectors = Some(&insp);
    build(kind, &input).unwrap()
}

#[test]
fn same_seed_same_draw_other_seed_other_draw() {
    let ds = generated(4, 6);
    for (kind, list) in [
        (ReportKind::MustInspect, "random-agencies"),
        (ReportKind::ReportSampling, "sampled-reports"),
    ] {
        let a = draw(kind, 2024, &ds);
        let b = draw(kind, 2024, &ds);
        let c = draw(kind, 2025, &ds);
        assert_eq!(to_json(&a), to_json(&b), "{kind}: same seed, same report");
        assert!(!table(&a, list).rows.is_empty());
        assert_ne!(
            table(&a, list).rows,
            table(&c, list).rows,
            "{kind}: another seed draws otherwise"
        );
        // The seed and the method are printed, so anyone can redraw.
        let html = to_html(&a);
        assert!(html.contains("2024") && html.contains("SplitMix64"));
    }
}

#[test]
fn a_seed_is_required_to_draw() {
    let ds = tiny();
    let out = run(&ds, AS_OF);
    let pack = pack();
    let input = ReportInput::new(&ds, &out, &pack);
    for kind in [ReportKind::MustInspect, ReportKind::ReportSampling] {
        let e = build(kind, &input).unwrap_err();
        assert_eq!(e.code(), "missing_seed");
        assert!(e.to_string().contains("--seed"));
    }
}

#[test]
fn sampling_share_holds_in_every_city_and_stratum() {
    let ds = generated(5, 9);
    for seed in [1, 2, 3, 20241130] {
        let r = draw(ReportKind::ReportSampling, seed, &ds);
        for (id, n_key) in [("cities", "uploaded"), ("strata", "uploaded")] {
            let t = table(&r, id);
            assert!(t.rows.len() >= 11, "{id}: every city has reports");
            let up = cells(t, n_key);
            let got = cells(t, "drawn");
            for (u, g) in up.iter().zip(&got) {
                let (u, g): (u64, u64) = (u.parse().unwrap(), g.parse().unwrap());
                assert!(g * 100 >= u * 15, "{id}: {g} of {u} is below 15 %");
                assert!(g < u || u < 7, "{id}: the draw is a sample, not everything");
            }
        }
        let drawn = cells(table(&r, "sampled-reports"), "project_id");
        let mut unique = drawn.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), drawn.len(), "no report drawn twice");
        let total: u64 = cells(table(&r, "cities"), "drawn")
            .iter()
            .map(|x| x.parse::<u64>().unwrap())
            .sum();
        assert_eq!(total as usize, drawn.len());
    }
}

#[test]
fn cross_inspection_never_sends_an_inspector_home() {
    let ds = generated(3, 1);
    for seed in 0..20 {
        let r = draw(ReportKind::MustInspect, seed, &ds);
        let t = table(&r, "assignments");
        assert!(!t.rows.is_empty());
        let cities = cells(t, "city");
        let from = cells(t, "inspector_cities");
        let who = cells(t, "inspectors");
        for ((c, f), w) in cities.iter().zip(&from).zip(&who) {
            assert_eq!(w.matches('、').count() + 1, 2, "two inspectors each: {w}");
            assert!(
                f.split('、').all(|x| x != c),
                "seed {seed}: an inspector from {c} inspects in {c}"
            );
        }
        // At least the pack's share (20 %) of the other agencies (all 33 are active) is drawn.
        let random = table(&r, "random-agencies").rows.len();
        let others = 33 - table(&r, "must-inspect").rows.len();
        assert!(others > 10 && random * 100 >= others * 20 && random < others);
    }
}

/// The Python script `fixtures/redraw.py` (the method as printed, nothing else) draws the same
/// reports as the program. Skips when python3 is absent.
#[test]
fn anyone_can_redraw_the_sampling_in_python() {
    let tmp = tempfile::tempdir().unwrap();
    let big = generated(5, 9);
    zhongjie_csv::write_dataset(tmp.path(), big.tables()).unwrap();
    for (ds, dir, seed) in [
        (tiny(), fixture("tiny"), 7u64),
        (tiny(), fixture("tiny"), 20241130),
        (big.clone(), tmp.path().to_path_buf(), 0),
        (big.clone(), tmp.path().to_path_buf(), u64::MAX),
    ] {
        let r = draw(ReportKind::ReportSampling, seed, &ds);
        let ours = cells(table(&r, "sampled-reports"), "project_id");
        assert!(!ours.is_empty());
        let out = match std::process::Command::new("python3")
            .arg(fixture("redraw.py"))
            .arg(&dir)
            .args([AS_OF, &seed.to_string()])
            .output()
        {
            Ok(o) => o,
            Err(_) => {
                eprintln!("跳过：未找到 python3");
                return;
            }
        };
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let theirs: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        assert_eq!(ours, theirs, "seed {seed}");
    }
}
