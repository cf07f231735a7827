//! Snapshots of every report on the tiny province (as of 2024-11-30, seed 20241130, with the
//! inspectors and task fixtures and an earlier run as of 2024-08-31). Review a change with
//! `cargo insta review` or `INSTA_UPDATE=always`, then read the diff.

mod common;

use common::*;
use zhongjie_reporting::*;

const SEED: u64 = 20241130;

fn reports() -> Vec<(ReportKind, Report)> {
    let ds = tiny();
    let out = run(&ds, AS_OF);
    let before = previous(&ds, "2024-08-31");
    all_reports(&ds, &out, &[before], SEED)
}

#[test]
fn every_report_as_markdown() {
    for (kind, r) in reports() {
        insta::assert_snapshot!(format!("{}.md", kind.code()), to_markdown(&r));
    }
}

#[test]
fn supervision_report_as_html() {
    let ds = tiny();
    let out = run(&ds, AS_OF);
    let r = supervision_report(&ds, &out, &pack());
    insta::assert_snapshot!("supervision.html", to_html(&r));
}

#[test]
fn credit_list_as_csv() {
    let (_, r) = reports()
        .into_iter()
        .find(|(k, _)| *k == ReportKind::CreditList)
        .unwrap();
    let files = to_csv(&r);
    let main = files.iter().find(|f| f.main).unwrap();
    assert_eq!(main.name, "credit-list-agencies.csv");
    insta::assert_snapshot!("credit-list-agencies.csv", main.text);
}
