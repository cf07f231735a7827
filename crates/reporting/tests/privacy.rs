//! No output of any report, in any format, shows a full resident ID number or a whistle-blower's
//! contact — on the tiny province and on a generated one where resident IDs also hide in ids,
//! certificate numbers and finding evidence.

mod common;

use common::*;
use zhongjie_core::Dataset;
use zhongjie_reporting::*;

fn secrets(ds: &Dataset) -> Vec<String> {
    let t = ds.tables();
    let mut s: Vec<String> = t
        .practitioners
        .iter()
        .map(|p| p.id_number.expose().to_owned())
        .collect();
    s.extend(
        t.complaints
            .iter()
            .filter_map(|c| c.reporter_contact.as_ref())
            .map(|c| c.expose().to_owned()),
    );
    assert!(s.len() > 5, "the fixture must hold secrets to look for");
    s
}

fn assert_nothing_leaks(ds: &Dataset, as_of: &str) {
    let out = run(ds, as_of);
    let before = previous(ds, "2024-08-31");
    let secrets = secrets(ds);
    let mut outputs = 0;
    let mut reports = all_reports(ds, &out, &[before], 99);
    reports.push((
        ReportKind::Supervision,
        supervision_report(ds, &out, &pack()),
    ));
    for (_, r) in &reports {
        for (name, text) in renderings(r) {
            outputs += 1;
            for s in &secrets {
                assert!(!text.contains(s.as_str()), "{name} shows `{s}`");
            }
            assert!(
                !text.contains("[保密]"),
                "{name} names a confidential field"
            );
        }
    }
    assert!(
        outputs >= 4 * 9,
        "every report in every format was looked at"
    );
}

#[test]
fn tiny_province_outputs_hold_no_full_id_and_no_contact() {
    let ds = tiny();
    // The masked form is there: the star list names people by masked resident ID.
    let out = run(&ds, AS_OF);
    let pack = pack();
    let stars = build(ReportKind::StarList, &ReportInput::new(&ds, &out, &pack)).unwrap();
    let p01 = ds.practitioner("P01").unwrap().id_number;
    assert!(to_html(&stars).contains(&p01.masked()));
    assert_nothing_leaks(&ds, AS_OF);
}

#[test]
fn generated_province_outputs_hold_no_full_id_and_no_contact() {
    let ds = generated(3, 4);
    assert_nothing_leaks(&ds, AS_OF);
}
