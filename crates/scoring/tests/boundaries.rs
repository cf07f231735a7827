//! Boundary tests of part C, one tiny hand-built dataset each, written from the spec's words.
//! Every test checks the real engine first, then the naive reference, against the same
//! expectations (the reference is only there to keep itself honest).
//!
//! Unless a test says otherwise, D = 2024-11-30, so W = (2023-12-01, 2024-11-30] and M1..M3 are
//! 2024-08..2024-10. Most tests use a *suspended* head office, which gets no agency rules, so
//! only the rule under test speaks.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;
mod reference;

use common::{d, Builder, FindingRow, Outcome};

const D: &str = "2024-11-30";

/// The outcomes of the engine and of the reference for the dataset, as of `as_of`.
fn both(b: &Builder, as_of: &str) -> Vec<(&'static str, Outcome)> {
    let ds = b.build();
    let when = d(as_of);
    vec![
        ("engine", common::run(&ds, when)),
        ("reference", reference::run(&ds, when)),
    ]
}

fn f(rule: &str, kind: &str, id: &str, date: &str, evidence: &[&str]) -> FindingRow {
    FindingRow::new(rule, kind, id, date, evidence)
}

/// A suspended social-service head office R1 (no agency rules) with consulting and training.
fn quiet() -> Builder {
    let mut b = Builder::new();
    b.agency(
        "R1",
        "social_service",
        "consulting;training;hazard_inspection;trusteeship",
    )
    .status = common::p("suspended");
    b
}

/// A suspended safety-evaluation head office R1 qualified until 2026, petrochemical scope.
fn evaluator_agency() -> Builder {
    let mut b = Builder::new();
    let a = b.agency(
        "R1",
        "safety_evaluation",
        "petrochemical;pre_evaluation;status_evaluation",
    );
    a.status = common::p("suspended");
    a.qualified_until = Some(d("2026-12-31"));
    b
}

/// An evaluation project of R1 in petrochemical, started on `start`.
fn eval_project(b: &mut Builder, id: &str, start: &str) {
    let p = b.project(id, "R1", "pre_evaluation", "2024-01-02");
    p.scope = Some(common::p("petrochemical"));
    p.service_started_on = Some(d(start));
}

/// An active head office whose own staffing rules are all satisfied on `as_of`: five full-time
/// professionals, two of them registered safety engineers.
fn staffed_social(b: &mut Builder, id: &str, as_of: &str) {
    b.agency(id, "social_service", "consulting;training");
    for i in 0..5 {
        let pid = format!("{id}S{i}");
        let x = b.person(&pid, id);
        x.title = common::p("intermediate");
        if i < 2 {
            x.safety_engineer = Some(common::p("intermediate"));
        }
        b.full_time(&pid, d(as_of));
    }
}

// =============================================================================================
// CONCURRENT_PRACTICE
// =============================================================================================

fn two_projects() -> Builder {
    let mut b = quiet();
    b.person("P1", "R1");
    b.project("J1", "R1", "consulting", "2024-01-05");
    b.project("J2", "R1", "consulting", "2024-01-05");
    b.project("J3", "R1", "consulting", "2024-01-05");
    b
}

#[test]
fn concurrent_end_to_start_touching_is_not_an_overlap() {
    let mut b = two_projects();
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-04T08:00:00+08:00",
        "2024-03-04T12:00:00+08:00",
    );
    b.attend(
        "a2",
        "J2",
        "P1",
        "2024-03-04T12:00:00+08:00",
        "2024-03-04T17:00:00+08:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "CONCURRENT_PRACTICE", vec![]);
    }
}

#[test]
fn concurrent_one_second_of_overlap_is_an_overlap() {
    let mut b = two_projects();
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-04T08:00:00+08:00",
        "2024-03-04T12:00:00+08:00",
    );
    b.attend(
        "a2",
        "J2",
        "P1",
        "2024-03-04T11:59:59+08:00",
        "2024-03-04T17:00:00+08:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "CONCURRENT_PRACTICE",
            vec![f(
                "CONCURRENT_PRACTICE",
                "practitioner",
                "P1",
                "2024-03-04",
                &["a1", "a2"],
            )],
        );
    }
}

#[test]
fn concurrent_fractions_of_a_second_count() {
    // 0.4 s of overlap (out 12:00:00.7, next in 12:00:00.3) is an overlap; touching at the same
    // fractional instant is not.
    let mut b = two_projects();
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-04T08:00:00+08:00",
        "2024-03-04T12:00:00.700+08:00",
    );
    b.attend(
        "a2",
        "J2",
        "P1",
        "2024-03-04T12:00:00.300+08:00",
        "2024-03-04T17:00:00+08:00",
    );
    b.attend(
        "a3",
        "J1",
        "P1",
        "2024-03-05T08:00:00+08:00",
        "2024-03-05T12:00:00.500+08:00",
    );
    b.attend(
        "a4",
        "J2",
        "P1",
        "2024-03-05T12:00:00.500+08:00",
        "2024-03-05T17:00:00+08:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "CONCURRENT_PRACTICE",
            vec![f(
                "CONCURRENT_PRACTICE",
                "practitioner",
                "P1",
                "2024-03-04",
                &["a1", "a2"],
            )],
        );
    }
}

#[test]
fn concurrent_same_project_overlap_is_ignored() {
    let mut b = two_projects();
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-07T08:00:00+08:00",
        "2024-03-07T12:00:00+08:00",
    );
    b.attend(
        "a2",
        "J1",
        "P1",
        "2024-03-07T11:00:00+08:00",
        "2024-03-07T13:00:00+08:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "CONCURRENT_PRACTICE", vec![]);
    }
}

#[test]
fn concurrent_different_people_do_not_overlap_each_other() {
    let mut b = two_projects();
    b.person("P2", "R1");
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-07T08:00:00+08:00",
        "2024-03-07T12:00:00+08:00",
    );
    b.attend(
        "a2",
        "J2",
        "P2",
        "2024-03-07T09:00:00+08:00",
        "2024-03-07T13:00:00+08:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "CONCURRENT_PRACTICE", vec![]);
    }
}

#[test]
fn concurrent_across_midnight_is_dated_by_the_later_local_check_in_and_ids_sort_by_code_point() {
    let mut b = two_projects();
    // K9 starts 20:00 local on 03-10; K10 starts 17:00 UTC on 03-10 = 01:00 local on 03-11.
    b.attend(
        "K9",
        "J1",
        "P1",
        "2024-03-10T20:00:00+08:00",
        "2024-03-11T02:00:00+08:00",
    );
    b.attend(
        "K10",
        "J2",
        "P1",
        "2024-03-10T17:00:00+00:00",
        "2024-03-10T19:00:00+00:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "CONCURRENT_PRACTICE",
            vec![f(
                "CONCURRENT_PRACTICE",
                "practitioner",
                "P1",
                "2024-03-11",
                &["K10", "K9"],
            )],
        );
    }
}

#[test]
fn concurrent_one_finding_per_overlapping_pair() {
    let mut b = two_projects();
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-04T08:00:00+08:00",
        "2024-03-04T12:00:00+08:00",
    );
    b.attend(
        "a2",
        "J2",
        "P1",
        "2024-03-04T09:00:00+08:00",
        "2024-03-04T12:00:00+08:00",
    );
    b.attend(
        "a3",
        "J3",
        "P1",
        "2024-03-04T10:00:00-05:00",
        "2024-03-04T11:00:00-05:00",
    );
    // a3 is 23:00-24:00 local on 03-04: it overlaps neither.
    b.attend(
        "a4",
        "J3",
        "P1",
        "2024-03-03T21:00:00-05:00",
        "2024-03-03T23:30:00-05:00",
    );
    // a4 is 10:00-12:30 local on 03-04: it overlaps a1 and a2.
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "CONCURRENT_PRACTICE",
            vec![
                f(
                    "CONCURRENT_PRACTICE",
                    "practitioner",
                    "P1",
                    "2024-03-04",
                    &["a1", "a2"],
                ),
                f(
                    "CONCURRENT_PRACTICE",
                    "practitioner",
                    "P1",
                    "2024-03-04",
                    &["a1", "a4"],
                ),
                f(
                    "CONCURRENT_PRACTICE",
                    "practitioner",
                    "P1",
                    "2024-03-04",
                    &["a2", "a4"],
                ),
            ],
        );
    }
}

// =============================================================================================
// INFEASIBLE_TRAVEL (Hangzhou → a site 50.98 km away: 25.49 minutes at 120 km/h)
// =============================================================================================

fn trip(gap_minutes: u32, to: (f64, f64)) -> Builder {
    let mut b = two_projects();
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-06T08:00:00+08:00",
        "2024-03-06T12:00:00+08:00",
    );
    let start = format!("2024-03-06T12:{gap_minutes:02}:00+08:00");
    let r = b.attend("a2", "J2", "P1", &start, "2024-03-06T17:00:00+08:00");
    r.lat = to.0;
    r.lon = to.1;
    b
}

const FIFTY_ONE_KM: (f64, f64) = (30.0, 120.58);

#[test]
fn travel_touching_records_51_km_apart_are_infeasible() {
    let b = trip(0, FIFTY_ONE_KM);
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "INFEASIBLE_TRAVEL",
            vec![f(
                "INFEASIBLE_TRAVEL",
                "practitioner",
                "P1",
                "2024-03-06",
                &["a1", "a2"],
            )],
        );
        o.assert_rule(who, "CONCURRENT_PRACTICE", vec![]);
    }
}

#[test]
fn travel_speed_limit_is_120_km_per_hour() {
    for (gap, infeasible) in [(25, true), (26, false)] {
        let b = trip(gap, FIFTY_ONE_KM);
        for (who, o) in both(&b, D) {
            let expected = if infeasible {
                vec![f(
                    "INFEASIBLE_TRAVEL",
                    "practitioner",
                    "P1",
                    "2024-03-06",
                    &["a1", "a2"],
                )]
            } else {
                vec![]
            };
            o.assert_rule(
                &format!("{who}, gap {gap} min"),
                "INFEASIBLE_TRAVEL",
                expected,
            );
        }
    }
}

#[test]
fn travel_needs_more_than_one_km() {
    for (site, infeasible) in [((30.2741, 120.1651), false), ((30.2741, 120.1661), true)] {
        let b = trip(0, site);
        for (who, o) in both(&b, D) {
            let expected = if infeasible {
                vec![f(
                    "INFEASIBLE_TRAVEL",
                    "practitioner",
                    "P1",
                    "2024-03-06",
                    &["a1", "a2"],
                )]
            } else {
                vec![]
            };
            o.assert_rule(
                &format!("{who}, site {site:?}"),
                "INFEASIBLE_TRAVEL",
                expected,
            );
        }
    }
}

#[test]
fn travel_on_the_same_project_is_not_checked() {
    let mut b = trip(0, FIFTY_ONE_KM);
    b.t.attendance[1].project = common::p("J1");
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "INFEASIBLE_TRAVEL", vec![]);
    }
}

#[test]
fn travel_pairs_are_consecutive_in_check_in_then_record_id_order() {
    // A at Hangzhou until 09:00; B10 and B2 both check in at 09:00 (B10 sorts first).
    // Order A, B10, B2: A→B10 is at the same place, B10→B2 overlap (not a trip).
    // The wrong order A, B2, B10 would give an infeasible A→B2 (165 km, gap 0).
    let mut b = two_projects();
    b.attend(
        "A",
        "J1",
        "P1",
        "2024-05-06T08:00:00+08:00",
        "2024-05-06T09:00:00+08:00",
    );
    let far = b.attend(
        "B2",
        "J2",
        "P1",
        "2024-05-06T09:00:00+08:00",
        "2024-05-06T10:00:00+08:00",
    );
    far.lat = 31.2304;
    far.lon = 121.4737;
    b.attend(
        "B10",
        "J3",
        "P1",
        "2024-05-06T09:00:00+08:00",
        "2024-05-06T10:00:00+08:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "INFEASIBLE_TRAVEL", vec![]);
        o.assert_rule(
            who,
            "CONCURRENT_PRACTICE",
            vec![f(
                "CONCURRENT_PRACTICE",
                "practitioner",
                "P1",
                "2024-05-06",
                &["B10", "B2"],
            )],
        );
    }
}

#[test]
fn travel_only_consecutive_records_are_compared() {
    // a1 Hangzhou, a2 Hangzhou (feasible), a3 Shanghai 1 h after a2: 165 km in 1 h is
    // infeasible for a2→a3; a1→a3 is not a consecutive pair.
    let mut b = two_projects();
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-05-06T08:00:00+08:00",
        "2024-05-06T09:00:00+08:00",
    );
    b.attend(
        "a2",
        "J2",
        "P1",
        "2024-05-06T09:00:00+08:00",
        "2024-05-06T10:00:00+08:00",
    );
    let r = b.attend(
        "a3",
        "J1",
        "P1",
        "2024-05-06T11:00:00+08:00",
        "2024-05-06T12:00:00+08:00",
    );
    r.lat = 31.2304;
    r.lon = 121.4737;
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "INFEASIBLE_TRAVEL",
            vec![f(
                "INFEASIBLE_TRAVEL",
                "practitioner",
                "P1",
                "2024-05-06",
                &["a2", "a3"],
            )],
        );
    }
}

#[test]
fn travel_is_dated_by_the_local_date_of_the_second_check_in() {
    let mut b = two_projects();
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-05-06T14:00:00+00:00",
        "2024-05-06T15:50:00+00:00",
    );
    // 16:00 UTC = 00:00 local on 05-07.
    let r = b.attend(
        "a2",
        "J2",
        "P1",
        "2024-05-06T16:00:00+00:00",
        "2024-05-06T17:00:00+00:00",
    );
    r.lat = FIFTY_ONE_KM.0;
    r.lon = FIFTY_ONE_KM.1;
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "INFEASIBLE_TRAVEL",
            vec![f(
                "INFEASIBLE_TRAVEL",
                "practitioner",
                "P1",
                "2024-05-07",
                &["a1", "a2"],
            )],
        );
    }
}

// =============================================================================================
// Point in time for check-ins: after the end of D = at or after the next midnight at UTC+08:00
// =============================================================================================

#[test]
fn check_in_at_local_midnight_after_d_is_left_out() {
    for (check_in, kept) in [
        ("2024-11-30T15:59:59+00:00", true),
        ("2024-11-30T16:00:00+00:00", false),
        ("2024-11-30T23:59:59+08:00", true),
        ("2024-12-01T00:00:00+08:00", false),
        ("2024-11-30T10:59:59-05:00", true),
        ("2024-11-30T11:00:00-05:00", false),
        ("2024-11-30T21:44:59+05:45", true),
        ("2024-11-30T21:45:00+05:45", false),
        ("2024-12-01T01:59:59+10:00", true),
        ("2024-12-01T02:00:00+10:00", false),
    ] {
        let mut b = two_projects();
        b.attend(
            "a1",
            "J1",
            "P1",
            "2024-11-30T20:00:00+08:00",
            "2024-12-01T06:00:00+08:00",
        );
        b.attend_at(
            "a2",
            "J2",
            "P1",
            common::dt(check_in),
            common::dt("2024-12-01T05:00:00+08:00"),
        );
        for (who, o) in both(&b, D) {
            // When kept, the later check-in is a2 at 23:59:59 local on D.
            let expected = if kept {
                vec![f(
                    "CONCURRENT_PRACTICE",
                    "practitioner",
                    "P1",
                    D,
                    &["a1", "a2"],
                )]
            } else {
                vec![]
            };
            o.assert_rule(
                &format!("{who}, check-in {check_in}"),
                "CONCURRENT_PRACTICE",
                expected,
            );
        }
    }
}

#[test]
fn a_project_signed_after_d_leaves_with_its_attendance() {
    let mut b = two_projects();
    b.t.projects[1].contract_signed_on = d("2024-12-01");
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-04T08:00:00+08:00",
        "2024-03-04T12:00:00+08:00",
    );
    b.attend(
        "a2",
        "J2",
        "P1",
        "2024-03-04T09:00:00+08:00",
        "2024-03-04T17:00:00+08:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "CONCURRENT_PRACTICE", vec![]);
    }
    for (who, o) in both(&b, "2024-12-01") {
        assert_eq!(o.rule("CONCURRENT_PRACTICE").len(), 1, "{who}");
    }
}

// =============================================================================================
// DUAL_PENSION and PAY_MISMATCH
// =============================================================================================

fn payer_setup() -> Builder {
    let mut b = quiet();
    b.branch("R1B", "R1");
    b.agency("R2", "social_service", "consulting").status = common::p("suspended");
    b.person("P1", "R1");
    b
}

#[test]
fn dual_pension_branch_and_head_office_are_one_payer() {
    let mut b = payer_setup();
    b.pay("P1", "R1", "2024-05", "pension");
    b.pay("P1", "R1B", "2024-05", "pension");
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "DUAL_PENSION", vec![]);
    }
}

#[test]
fn dual_pension_two_trees_or_an_outside_uscc_are_two_payers() {
    let mut b = payer_setup();
    b.pay("P1", "R1", "2024-05", "pension");
    b.pay("P1", "R2", "2024-05", "pension");
    b.pay("P1", "R1B", "2024-06", "pension");
    b.pay("P1", "OUT1", "2024-06", "pension");
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "DUAL_PENSION",
            vec![
                f(
                    "DUAL_PENSION",
                    "practitioner",
                    "P1",
                    "2024-05-01",
                    &["2024-05"],
                ),
                f(
                    "DUAL_PENSION",
                    "practitioner",
                    "P1",
                    "2024-06-01",
                    &["2024-06"],
                ),
            ],
        );
    }
}

#[test]
fn dual_pension_looks_at_the_12_months_before_ds_month() {
    let mut b = payer_setup();
    for m in ["2023-10", "2023-11", "2024-10", "2024-11"] {
        b.pay("P1", "R1", m, "pension");
        b.pay("P1", "OUT1", m, "pension");
    }
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "DUAL_PENSION",
            vec![
                f(
                    "DUAL_PENSION",
                    "practitioner",
                    "P1",
                    "2023-11-01",
                    &["2023-11"],
                ),
                f(
                    "DUAL_PENSION",
                    "practitioner",
                    "P1",
                    "2024-10-01",
                    &["2024-10"],
                ),
            ],
        );
    }
}

#[test]
fn dual_pension_duplicate_rows_collapse() {
    let mut b = payer_setup();
    b.pay("P1", "R1", "2024-05", "pension");
    b.pay("P1", "R1", "2024-05", "pension");
    b.pay("P1", "OUT1", "2024-05", "income_tax");
    b.pay("P1", "OUT1", "2024-05", "income_tax");
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "DUAL_PENSION", vec![]);
        o.assert_rule(
            who,
            "PAY_MISMATCH",
            vec![f(
                "PAY_MISMATCH",
                "practitioner",
                "P1",
                "2024-05-01",
                &["2024-05"],
            )],
        );
    }
}

#[test]
fn pay_mismatch_needs_exactly_one_pension_payer_and_pay_from_another() {
    let mut b = payer_setup();
    // 2024-03: pension R1, payroll from the branch (same payer): nothing.
    b.pay("P1", "R1", "2024-03", "pension");
    b.pay("P1", "R1B", "2024-03", "payroll");
    // 2024-04: pension R1, payroll from R2: mismatch.
    b.pay("P1", "R1", "2024-04", "pension");
    b.pay("P1", "R2", "2024-04", "payroll");
    // 2024-05: two pension payers and tax from a third: dual pension only.
    b.pay("P1", "R1", "2024-05", "pension");
    b.pay("P1", "R2", "2024-05", "pension");
    b.pay("P1", "OUT1", "2024-05", "income_tax");
    // 2024-06: no pension, tax from outside: nothing.
    b.pay("P1", "OUT1", "2024-06", "income_tax");
    // 2023-11 is the 12th month before November 2024; 2023-10 the 13th.
    b.pay("P1", "R1", "2023-11", "pension");
    b.pay("P1", "OUT2", "2023-11", "income_tax");
    b.pay("P1", "R1", "2023-10", "pension");
    b.pay("P1", "OUT2", "2023-10", "income_tax");
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "PAY_MISMATCH",
            vec![
                f(
                    "PAY_MISMATCH",
                    "practitioner",
                    "P1",
                    "2023-11-01",
                    &["2023-11"],
                ),
                f(
                    "PAY_MISMATCH",
                    "practitioner",
                    "P1",
                    "2024-04-01",
                    &["2024-04"],
                ),
            ],
        );
        o.assert_rule(
            who,
            "DUAL_PENSION",
            vec![f(
                "DUAL_PENSION",
                "practitioner",
                "P1",
                "2024-05-01",
                &["2024-05"],
            )],
        );
    }
}

#[test]
fn contribution_rows_of_strangers_are_ignored() {
    let mut b = payer_setup();
    let stranger = b.stranger_id_number();
    for payer in [b.uscc_of("R1"), b.uscc_of("R2")] {
        b.t.contributions.push(zhongjie_core::Contribution {
            id_number: stranger,
            payer,
            month: common::p("2024-05"),
            kind: common::p("pension"),
        });
    }
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "DUAL_PENSION", vec![]);
    }
}

// =============================================================================================
// Full-time and NOT_FULL_TIME
// =============================================================================================

#[test]
fn full_time_needs_a_pension_from_the_tree_in_each_of_the_three_months_before_ds_month() {
    let mut b = payer_setup();
    // P1: Aug, Sep, Oct from R1 / its branch: full-time.
    b.t.practitioners[0].title = common::p("senior");
    b.pay("P1", "R1", "2024-08", "pension");
    b.pay("P1", "R1B", "2024-09", "pension");
    b.pay("P1", "R1", "2024-10", "pension");
    // P2: Sep, Oct, Nov (D's month does not count): not full-time.
    b.evaluator("P2", "R1", "3");
    for m in ["2024-09", "2024-10", "2024-11"] {
        b.pay("P2", "R1", m, "pension");
    }
    // P3: Aug..Oct from R1 and in Sep also from outside: not full-time.
    b.person("P3", "R1B").safety_engineer = Some(common::p("senior"));
    for m in ["2024-08", "2024-09", "2024-10"] {
        b.pay("P3", "R1", m, "pension");
    }
    b.pay("P3", "OUT1", "2024-09", "pension");
    // P4: Aug..Oct, but paid by another tree: not full-time.
    b.person("P4", "R1").title = common::p("intermediate");
    for m in ["2024-08", "2024-09", "2024-10"] {
        b.pay("P4", "R2", m, "pension");
    }
    // P5: a junior title is not a professional: never NOT_FULL_TIME.
    b.person("P5", "R1").title = common::p("junior");
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "NOT_FULL_TIME",
            vec![
                f("NOT_FULL_TIME", "practitioner", "P2", D, &[]),
                f("NOT_FULL_TIME", "practitioner", "P3", D, &[]),
                f("NOT_FULL_TIME", "practitioner", "P4", D, &[]),
            ],
        );
    }
}

#[test]
fn full_time_months_wrap_around_the_year() {
    let mut b = payer_setup();
    b.evaluator("P2", "R1", "1");
    for m in ["2023-11", "2023-12", "2024-01"] {
        b.pay("P2", "R1", m, "pension");
    }
    for (who, o) in both(&b, "2024-02-29") {
        assert!(
            o.rule("NOT_FULL_TIME").is_empty(),
            "{who}: {:?}",
            o.rule("NOT_FULL_TIME")
        );
    }
    for (who, o) in both(&b, "2024-03-01") {
        o.assert_rule(
            who,
            "NOT_FULL_TIME",
            vec![f("NOT_FULL_TIME", "practitioner", "P2", "2024-03-01", &[])],
        );
    }
}

// =============================================================================================
// HEADCOUNT_SHORTFALL: 25 + 5 × (industry scopes − 1), 25 with none
// =============================================================================================

/// `n` full-time level-2 evaluators declared at `at`.
fn evaluators(b: &mut Builder, at: &str, n: usize) {
    for i in 0..n {
        let id = format!("{at}E{i:02}");
        b.evaluator(&id, at, "2");
        b.full_time(&id, d(D));
    }
}

fn headcount_root(scopes: &str) -> Builder {
    let mut b = Builder::new();
    b.agency("R1", "safety_evaluation", scopes).qualified_until = Some(d("2026-01-01"));
    b
}

#[test]
fn headcount_25_evaluators_suffice_with_one_industry_scope() {
    for (scopes, n, finding) in [
        ("petrochemical;pre_evaluation", 25, None),
        ("petrochemical;pre_evaluation", 24, Some(["25", "24"])),
        ("pre_evaluation", 25, None),
        ("pre_evaluation", 24, Some(["25", "24"])),
    ] {
        let mut b = headcount_root(scopes);
        evaluators(&mut b, "R1", n);
        for (who, o) in both(&b, D) {
            let expected = finding
                .map(|ev| vec![f("HEADCOUNT_SHORTFALL", "agency", "R1", D, &ev)])
                .unwrap_or_default();
            o.assert_rule(
                &format!("{who}, {scopes}, {n}"),
                "HEADCOUNT_SHORTFALL",
                expected,
            );
        }
    }
}

#[test]
fn headcount_each_extra_industry_scope_needs_five_more() {
    for (n, finding) in [(29, Some(["30", "29"])), (30, None)] {
        let mut b = headcount_root("petrochemical;fireworks;pre_evaluation;status_evaluation");
        evaluators(&mut b, "R1", n);
        for (who, o) in both(&b, D) {
            let expected = finding
                .map(|ev| vec![f("HEADCOUNT_SHORTFALL", "agency", "R1", D, &ev)])
                .unwrap_or_default();
            o.assert_rule(&format!("{who}, {n}"), "HEADCOUNT_SHORTFALL", expected);
        }
    }
}

#[test]
fn headcount_counts_branches_but_not_failed_certificates_or_part_timers() {
    let mut b = headcount_root("coal_mining;petrochemical;fireworks");
    b.branch("R1B", "R1");
    evaluators(&mut b, "R1", 30);
    evaluators(&mut b, "R1B", 6);
    // 36 evaluators; one has a failed evaluator certificate, one is not full-time.
    b.cert("R1E00", "evaluator", "F-1", "2015-01-01", None, "failed");
    let branch = b.uscc_of("R1B");
    b.t.contributions
        .retain(|c| c.month.to_string() != "2024-09" || c.payer != branch);
    for (who, o) in both(&b, D) {
        // R1BE00..R1BE05 lost September: 30 − 1 + 0 = 29 full-time evaluators who count.
        o.assert_rule(
            who,
            "HEADCOUNT_SHORTFALL",
            vec![f("HEADCOUNT_SHORTFALL", "agency", "R1", D, &["35", "29"])],
        );
    }
}

#[test]
fn headcount_only_for_active_safety_evaluation_roots() {
    let mut b = headcount_root("petrochemical");
    b.t.agencies[0].status = common::p("suspended");
    b.agency("R2", "social_service", "consulting");
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "HEADCOUNT_SHORTFALL", vec![]);
    }
}

// =============================================================================================
// ENGINEER_RATIO_SHORTFALL, MIN_PROFESSIONALS, CAPACITY_EXCEEDED
// =============================================================================================

fn professionals(b: &mut Builder, at: &str, n: usize, engineers: usize) {
    for i in 0..n {
        let id = format!("{at}Q{i:02}");
        let x = b.person(&id, at);
        x.title = common::p("intermediate");
        if i < engineers {
            x.safety_engineer = Some(common::p("senior"));
        }
        b.full_time(&id, d(D));
    }
}

#[test]
fn engineer_ratio_is_thirty_percent_of_full_time_professionals() {
    for (n, e, finding) in [
        (10, 3, None),
        (10, 2, Some(["2", "10"])),
        (7, 3, None),
        (7, 2, Some(["2", "7"])),
    ] {
        let mut b = Builder::new();
        b.agency("R1", "social_service", "consulting");
        professionals(&mut b, "R1", n, e);
        // Part-timers do not count either way.
        b.person("X1", "R1").title = common::p("senior");
        for (who, o) in both(&b, D) {
            let expected = finding
                .map(|ev| vec![f("ENGINEER_RATIO_SHORTFALL", "agency", "R1", D, &ev)])
                .unwrap_or_default();
            o.assert_rule(
                &format!("{who}, {e} of {n}"),
                "ENGINEER_RATIO_SHORTFALL",
                expected,
            );
        }
    }
}

#[test]
fn engineer_ratio_needs_at_least_one_full_time_professional() {
    let mut b = Builder::new();
    b.agency("R1", "social_service", "consulting");
    b.person("X1", "R1").title = common::p("senior");
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "ENGINEER_RATIO_SHORTFALL", vec![]);
        o.assert_rule(
            who,
            "MIN_PROFESSIONALS",
            vec![f("MIN_PROFESSIONALS", "agency", "R1", D, &["5", "0"])],
        );
    }
}

#[test]
fn min_professionals_is_five_for_active_social_service_roots() {
    for (n, finding) in [(4, Some(["5", "4"])), (5, None)] {
        let mut b = Builder::new();
        b.agency("R1", "social_service", "consulting");
        b.branch("R1B", "R1");
        professionals(&mut b, "R1B", n, n);
        b.agency("R2", "social_service", "consulting").status = common::p("revoked");
        b.agency("R3", "safety_evaluation", "petrochemical");
        for (who, o) in both(&b, D) {
            let expected = finding
                .map(|ev| vec![f("MIN_PROFESSIONALS", "agency", "R1", D, &ev)])
                .unwrap_or_default();
            o.assert_rule(&format!("{who}, {n}"), "MIN_PROFESSIONALS", expected);
        }
    }
}

#[test]
fn capacity_is_four_running_projects_per_full_time_professional() {
    for (extra, finding) in [(false, None), (true, Some(["5", "1"]))] {
        let mut b = Builder::new();
        b.agency("R1", "social_service", "consulting");
        b.branch("R1B", "R1");
        professionals(&mut b, "R1", 1, 1);
        // Running on D: started ≤ D and not ended before D.
        let running = [
            ("J1", "2024-01-01", None),
            ("J2", "2024-01-01", Some("2024-11-30")),
            ("J3", "2024-11-30", None),
            ("J4", "2024-01-01", Some("2024-12-31")),
        ];
        for (id, start, end) in running {
            let p = b.project(id, "R1B", "consulting", "2024-01-01");
            p.service_started_on = Some(d(start));
            p.service_ended_on = end.map(d);
        }
        // Not running: ended the day before D; starts after D; never started.
        let p = b.project("N1", "R1", "consulting", "2024-01-01");
        p.service_started_on = Some(d("2024-01-01"));
        p.service_ended_on = Some(d("2024-11-29"));
        b.project("N2", "R1", "consulting", "2024-01-01")
            .service_started_on = Some(d("2024-12-01"));
        b.project("N3", "R1", "consulting", "2024-01-01");
        if extra {
            b.project("J5", "R1", "consulting", "2024-11-30")
                .service_started_on = Some(d(D));
        }
        for (who, o) in both(&b, D) {
            let expected = finding
                .map(|ev| vec![f("CAPACITY_EXCEEDED", "agency", "R1", D, &ev)])
                .unwrap_or_default();
            o.assert_rule(
                &format!("{who}, extra {extra}"),
                "CAPACITY_EXCEEDED",
                expected,
            );
        }
    }
}

// =============================================================================================
// QUALIFICATION_INVALID, OUT_OF_SCOPE
// =============================================================================================

#[test]
fn qualification_is_read_from_the_root_and_must_last_until_the_start() {
    let mut b = evaluator_agency();
    b.t.agencies[0].qualified_until = Some(d("2024-06-10"));
    let branch = b.branch("R1B", "R1");
    branch.qualified_until = Some(d("2030-01-01"));
    for (id, start) in [
        ("J1", "2024-06-10"),
        ("J2", "2024-06-11"),
        ("J3", "2024-12-01"),
    ] {
        let p = b.project(id, "R1B", "status_evaluation", "2024-01-02");
        p.scope = Some(common::p("petrochemical"));
        p.service_started_on = Some(d(start));
    }
    // A non-evaluation project is not checked.
    b.project("J4", "R1", "consulting", "2024-01-02")
        .service_started_on = Some(d("2024-07-01"));
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "QUALIFICATION_INVALID",
            vec![f(
                "QUALIFICATION_INVALID",
                "project",
                "J2",
                "2024-06-11",
                &[],
            )],
        );
    }
}

#[test]
fn qualification_missing_is_invalid() {
    let mut b = evaluator_agency();
    b.t.agencies[0].qualified_until = None;
    eval_project(&mut b, "J1", "2024-03-01");
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "QUALIFICATION_INVALID",
            vec![f(
                "QUALIFICATION_INVALID",
                "project",
                "J1",
                "2024-03-01",
                &[],
            )],
        );
    }
}

#[test]
fn out_of_scope_reads_the_roots_kind_and_scopes() {
    let mut b = evaluator_agency();
    b.agency("S1", "social_service", "consulting;petrochemical")
        .status = common::p("suspended");
    b.branch("R1B", "R1").scopes = vec![common::p("coal_mining"), common::p("training")];
    let rows = [
        ("J1", "R1B", "pre_evaluation", Some("petrochemical"), false),
        ("J2", "R1B", "pre_evaluation", Some("coal_mining"), true),
        ("J3", "S1", "status_evaluation", Some("petrochemical"), true),
        // An evaluation type need not be listed: only the industry scope is checked.
        (
            "J4",
            "R1",
            "acceptance_evaluation",
            Some("petrochemical"),
            false,
        ),
        ("J5", "R1B", "training", None, true),
        ("J6", "S1", "consulting", None, false),
        ("J7", "S1", "training", Some("petrochemical"), true),
    ];
    let mut expected = Vec::new();
    for (id, agency, st, scope, out) in rows {
        let p = b.project(id, agency, st, "2024-02-03");
        p.scope = scope.map(common::p);
        if out {
            expected.push(f("OUT_OF_SCOPE", "project", id, "2024-02-03", &[]));
        }
    }
    // Signed after D: not seen.
    b.project("J8", "S1", "training", "2024-12-01");
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "OUT_OF_SCOPE", expected.clone());
    }
}

// =============================================================================================
// NOTICE_LATE
// =============================================================================================

#[test]
fn notice_must_come_before_the_first_local_site_day() {
    let mut b = evaluator_agency();
    b.person("P1", "R1");
    let cases = [
        ("J1", Some("2024-06-09"), false),
        ("J2", Some("2024-06-10"), true),
        ("J3", None, true),
        // Filed after D: not filed yet.
        ("J4", Some("2024-12-01"), true),
    ];
    let mut expected = Vec::new();
    for (i, (id, notice, late)) in cases.into_iter().enumerate() {
        eval_project(&mut b, id, "2024-06-01");
        b.t.projects[i].notice_filed_on = notice.map(d);
        // 17:30 UTC on 06-09 is 01:30 on 06-10 local; a later check-in on 06-12.
        b.attend(
            &format!("{id}-b"),
            id,
            "P1",
            "2024-06-12T08:00:00+08:00",
            "2024-06-12T09:00:00+08:00",
        );
        b.attend(
            &format!("{id}-a"),
            id,
            "P1",
            "2024-06-09T17:30:00+00:00",
            "2024-06-09T18:00:00+00:00",
        );
        if late {
            expected.push(f("NOTICE_LATE", "project", id, "2024-06-10", &[]));
        }
    }
    // No attendance, or not an evaluation: no finding.
    eval_project(&mut b, "J5", "2024-06-01");
    b.project("J6", "R1", "consulting", "2024-01-02");
    b.attend(
        "J6-a",
        "J6",
        "P1",
        "2024-06-20T08:00:00+08:00",
        "2024-06-20T09:00:00+08:00",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "NOTICE_LATE", expected.clone());
    }
}

// =============================================================================================
// REPORT_OVERDUE: due = end + 30 days
// =============================================================================================

#[test]
fn report_due_on_day_30_after_the_end() {
    let mut b = quiet();
    let cases = [
        // (end, upload, finding date)
        ("2024-10-01", Some("2024-10-31"), None),
        ("2024-10-01", Some("2024-11-01"), Some("2024-10-31")),
        ("2024-10-31", None, None),
        ("2024-10-30", None, Some("2024-11-29")),
        ("2024-10-31", Some("2024-12-05"), None),
        ("2024-10-20", Some("2024-12-05"), Some("2024-11-19")),
        // An end after D: still running.
        ("2024-12-01", None, None),
    ];
    let mut expected = Vec::new();
    for (i, (end, upload, finding)) in cases.into_iter().enumerate() {
        let id = format!("J{i}");
        let p = b.project(&id, "R1", "training", "2024-01-01");
        p.service_started_on = Some(d("2024-01-02"));
        p.service_ended_on = Some(d(end));
        p.report_uploaded_on = upload.map(d);
        if let Some(due) = finding {
            expected.push(f("REPORT_OVERDUE", "project", &id, due, &[]));
        }
    }
    // Evaluations are not checked by this rule.
    b.agency("R9", "safety_evaluation", "petrochemical").status = common::p("suspended");
    let p = b.project("JE", "R9", "pre_evaluation", "2024-01-01");
    p.scope = Some(common::p("petrochemical"));
    p.service_started_on = Some(d("2024-01-02"));
    p.service_ended_on = Some(d("2024-02-01"));
    for (who, o) in both(&b, D) {
        o.assert_rule(who, "REPORT_OVERDUE", expected.clone());
    }
}

// =============================================================================================
// ARCHIVE_INCOMPLETE, LEADER_ABSENT, DURATION_SHORT
// =============================================================================================

#[test]
fn archive_lists_the_missing_stages_sorted() {
    let mut b = evaluator_agency();
    eval_project(&mut b, "J1", "2024-03-01");
    b.t.projects[0].service_ended_on = Some(d("2024-04-01"));
    b.stage("J1", "contract", "2024-02-01");
    // A stage completed after D is missing.
    b.stage("J1", "report", "2024-12-01");
    let p = b.project("J2", "R1", "consulting", "2024-01-01");
    p.service_started_on = Some(d("2024-03-01"));
    p.service_ended_on = Some(d("2024-05-01"));
    b.stages(
        "J2",
        "contract;plan;site_survey;rectification;closure",
        "2024-05-01",
    );
    // A running project is not checked.
    eval_project(&mut b, "J3", "2024-03-01");
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "ARCHIVE_INCOMPLETE",
            vec![f(
                "ARCHIVE_INCOMPLETE",
                "project",
                "J1",
                "2024-04-01",
                &["notice", "report", "site_survey"],
            )],
        );
    }
}

#[test]
fn leader_absent_names_the_absent_leaders_sorted_or_none_without_a_leader() {
    let mut b = quiet();
    for id in ["L9", "L10", "L1", "M1"] {
        b.person(id, "R1");
    }
    for (id, end) in [
        ("J1", "2024-05-01"),
        ("J2", "2024-05-01"),
        ("J3", "2024-12-05"),
    ] {
        let p = b.project(id, "R1", "consulting", "2024-01-01");
        p.service_started_on = Some(d("2024-02-01"));
        p.service_ended_on = Some(d(end));
    }
    b.team("J1", "L9", "leader")
        .team("J1", "L10", "leader")
        .team("J1", "L1", "leader");
    b.team("J1", "M1", "member");
    b.attend(
        "x1",
        "J1",
        "L1",
        "2024-03-01T08:00:00+08:00",
        "2024-03-01T18:00:00+08:00",
    );
    // L9 was on another project only.
    b.team("J2", "M1", "member");
    b.attend(
        "x2",
        "J2",
        "L9",
        "2024-03-02T08:00:00+08:00",
        "2024-03-02T18:00:00+08:00",
    );
    b.team("J3", "L9", "leader");
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "LEADER_ABSENT",
            vec![
                f(
                    "LEADER_ABSENT",
                    "project",
                    "J1",
                    "2024-05-01",
                    &["L10", "L9"],
                ),
                f("LEADER_ABSENT", "project", "J2", "2024-05-01", &[]),
            ],
        );
    }
}

#[test]
fn duration_is_the_sum_of_attendance_hours_against_the_minimum() {
    let mut b = quiet();
    b.person("P1", "R1");
    b.person("P2", "R1");
    let mk = |b: &mut Builder, id: &str, st: &str| {
        let p = b.project(id, "R1", st, "2024-01-01");
        p.service_started_on = Some(d("2024-02-01"));
        p.service_ended_on = Some(d("2024-05-01"));
    };
    // Consulting, 4 h minimum: exactly 4 h from two people is enough; 3:59:59 is short.
    mk(&mut b, "J1", "consulting");
    b.attend(
        "a1",
        "J1",
        "P1",
        "2024-03-01T08:00:00+08:00",
        "2024-03-01T10:00:00+08:00",
    );
    b.attend(
        "a2",
        "J1",
        "P2",
        "2024-03-01T08:00:00+08:00",
        "2024-03-01T10:00:00+08:00",
    );
    mk(&mut b, "J2", "consulting");
    b.attend(
        "a3",
        "J2",
        "P1",
        "2024-03-02T08:00:00+08:00",
        "2024-03-02T11:59:59+08:00",
    );
    // Trusteeship, 40 h: 39 h is short; hazard inspection, 8 h: no attendance at all is short.
    mk(&mut b, "J3", "trusteeship");
    b.attend(
        "a4",
        "J3",
        "P1",
        "2024-03-03T00:00:00+08:00",
        "2024-03-04T15:00:00+08:00",
    );
    mk(&mut b, "J4", "hazard_inspection");
    // Still running: not checked.
    b.project("J5", "R1", "training", "2024-01-01")
        .service_started_on = Some(d("2024-02-01"));
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "DURATION_SHORT",
            vec![
                f("DURATION_SHORT", "project", "J2", "2024-05-01", &[]),
                f("DURATION_SHORT", "project", "J3", "2024-05-01", &[]),
                f("DURATION_SHORT", "project", "J4", "2024-05-01", &[]),
            ],
        );
    }
}

#[test]
fn duration_adds_fractions_of_a_second() {
    // Consulting, 4 h: 1:59:59.6 + 2:00:00.6 = 4:00:00.2 is enough (whole seconds would give
    // 3:59:59); 1:59:59.6 + 2:00:00.3 = 3:59:59.9 is short.
    let mut b = quiet();
    b.person("P1", "R1");
    for (id, second_out) in [("J1", "10:00:00.600"), ("J2", "10:00:00.300")] {
        let p = b.project(id, "R1", "consulting", "2024-01-01");
        p.service_started_on = Some(d("2024-02-01"));
        p.service_ended_on = Some(d("2024-05-01"));
        let day = if id == "J1" {
            "2024-03-01"
        } else {
            "2024-03-02"
        };
        b.attend(
            &format!("{id}-a"),
            id,
            "P1",
            &format!("{day}T06:00:00+08:00"),
            &format!("{day}T07:59:59.600+08:00"),
        );
        b.attend(
            &format!("{id}-b"),
            id,
            "P1",
            &format!("{day}T08:00:00+08:00"),
            &format!("{day}T{second_out}+08:00"),
        );
    }
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "DURATION_SHORT",
            vec![f("DURATION_SHORT", "project", "J2", "2024-05-01", &[])],
        );
    }
}

#[test]
fn duration_of_evaluations_is_sixteen_hours() {
    let mut b = evaluator_agency();
    b.person("P1", "R1");
    for (id, hours) in [("J1", 16), ("J2", 15)] {
        eval_project(&mut b, id, "2024-03-01");
        let i = b.t.projects.len() - 1;
        b.t.projects[i].service_ended_on = Some(d("2024-03-05"));
        let out = format!("2024-03-02T{:02}:00:00+08:00", hours);
        b.attend(
            &format!("{id}-a"),
            id,
            "P1",
            "2024-03-02T00:00:00+08:00",
            &out,
        );
    }
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "DURATION_SHORT",
            vec![f("DURATION_SHORT", "project", "J2", "2024-03-05", &[])],
        );
    }
}

// =============================================================================================
// NO_QUALIFIED_SPECIALIST, STAFF_NOT_EMPLOYED, CERT_EXPIRED_ON_PROJECT, CERT_INVALID
// =============================================================================================

#[test]
fn specialist_must_be_a_leader_or_member_with_the_projects_scope() {
    let mut b = evaluator_agency();
    let pet = || vec![common::p("petrochemical")];
    b.person("S1", "R1").specialties = pet();
    b.person("S2", "R1").specialties = pet();
    b.person("S3", "R1").specialties = pet();
    b.person("C1", "R1").specialties = vec![common::p("coal_mining")];
    for id in ["J1", "J2", "J3", "J4", "J5"] {
        eval_project(&mut b, id, "2024-03-01");
    }
    b.team("J1", "S1", "member");
    b.team("J2", "S2", "reviewer").team("J2", "C1", "leader");
    b.team("J3", "S3", "external_expert");
    b.team("J4", "S1", "leader");
    // J5 has no team at all. A project that has not started is not checked.
    let p = b.project("J6", "R1", "pre_evaluation", "2024-01-02");
    p.scope = Some(common::p("petrochemical"));
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "NO_QUALIFIED_SPECIALIST",
            vec![
                f(
                    "NO_QUALIFIED_SPECIALIST",
                    "project",
                    "J2",
                    "2024-03-01",
                    &[],
                ),
                f(
                    "NO_QUALIFIED_SPECIALIST",
                    "project",
                    "J3",
                    "2024-03-01",
                    &[],
                ),
                f(
                    "NO_QUALIFIED_SPECIALIST",
                    "project",
                    "J5",
                    "2024-03-01",
                    &[],
                ),
            ],
        );
    }
}

#[test]
fn staff_from_another_tree_are_named_once_each_sorted_external_experts_excepted() {
    let mut b = quiet();
    b.branch("R1B", "R1");
    b.agency("R2", "social_service", "consulting").status = common::p("suspended");
    b.person("IN", "R1B");
    b.person("X9", "R2");
    b.person("X10", "R2");
    b.person("EXP", "R2");
    let p = b.project("J1", "R1", "consulting", "2024-01-01");
    p.service_started_on = Some(d("2024-02-01"));
    b.team("J1", "IN", "leader");
    b.team("J1", "X9", "member").team("J1", "X9", "reviewer");
    b.team("J1", "X10", "technical_lead");
    b.team("J1", "EXP", "external_expert");
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "STAFF_NOT_EMPLOYED",
            vec![f(
                "STAFF_NOT_EMPLOYED",
                "project",
                "J1",
                "2024-02-01",
                &["X10", "X9"],
            )],
        );
    }
}

#[test]
fn cert_expired_on_project_compares_evaluator_certificates_with_the_start() {
    let mut b = evaluator_agency();
    for id in ["A", "B", "C", "E", "N", "T", "X"] {
        b.person(id, "R1");
    }
    eval_project(&mut b, "J1", "2024-03-01");
    // A: valid until the start day: fine. B: until the day before: expired.
    b.cert(
        "A",
        "evaluator",
        "A-1",
        "2020-01-01",
        Some("2024-03-01"),
        "verified",
    );
    b.cert(
        "B",
        "evaluator",
        "B-1",
        "2020-01-01",
        Some("2024-02-29"),
        "verified",
    );
    // C: valid from the day after the start: not valid on S.
    b.cert("C", "evaluator", "C-1", "2024-03-02", None, "verified");
    // E: one expired, one valid: fine.
    b.cert(
        "E",
        "evaluator",
        "E-1",
        "2010-01-01",
        Some("2015-01-01"),
        "verified",
    );
    b.cert("E", "evaluator", "E-2", "2015-01-02", None, "pending");
    // N: no evaluator certificate at all (only a title certificate, expired): not checked.
    b.cert(
        "N",
        "title",
        "N-1",
        "2010-01-01",
        Some("2011-01-01"),
        "verified",
    );
    // T: expired, but an external expert.
    b.cert(
        "T",
        "evaluator",
        "T-1",
        "2010-01-01",
        Some("2011-01-01"),
        "verified",
    );
    // X: expired, reviewer (any role but external_expert counts).
    b.cert(
        "X",
        "evaluator",
        "X-1",
        "2010-01-01",
        Some("2011-01-01"),
        "verified",
    );
    for (id, role) in [
        ("A", "leader"),
        ("B", "member"),
        ("C", "member"),
        ("E", "member"),
        ("N", "member"),
        ("T", "external_expert"),
        ("X", "reviewer"),
    ] {
        b.team("J1", id, role);
    }
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "CERT_EXPIRED_ON_PROJECT",
            vec![f(
                "CERT_EXPIRED_ON_PROJECT",
                "project",
                "J1",
                "2024-03-01",
                &["B", "C", "X"],
            )],
        );
    }
}

#[test]
fn cert_invalid_one_finding_per_identity() {
    let mut b = quiet();
    b.person("P1", "R1");
    b.person("P2", "R1");
    b.cert("P1", "evaluator", "N-1", "2015-01-01", None, "failed");
    // The same number again (another kind): same identity, one finding.
    b.cert("P1", "title", "N-1", "2016-01-01", None, "failed");
    b.cert("P1", "title", "N-2", "2016-01-01", None, "pending");
    b.cert(
        "P2",
        "safety_engineer",
        "N-3",
        "2016-01-01",
        Some("2017-01-01"),
        "failed",
    );
    for (who, o) in both(&b, D) {
        o.assert_rule(
            who,
            "CERT_INVALID",
            vec![
                f("CERT_INVALID", "practitioner", "P1", D, &["N-1"]),
                f("CERT_INVALID", "practitioner", "P2", D, &["N-3"]),
            ],
        );
        assert!(
            o.duplicate_identities.is_empty(),
            "{who}: {:?}",
            o.duplicate_identities
        );
        assert_eq!(
            o.points_of("P1"),
            12,
            "{who}: one CERT_INVALID finding, 12 points"
        );
    }
}

// =============================================================================================
// C.2 grades
// =============================================================================================

#[test]
fn grade_each_rules_deduction_is_capped_at_20() {
    let mut b = Builder::new();
    staffed_social(&mut b, "R1", D);
    // Eleven part-time professionals: 11 × 2 = 22, capped at 20.
    for i in 0..11 {
        b.person(&format!("N{i:02}"), "R1").title = common::p("senior");
    }
    for (who, o) in both(&b, D) {
        assert_eq!(o.rule("NOT_FULL_TIME").len(), 11, "{who}");
        assert_eq!(o.score("R1"), 80, "{who}");
        assert_eq!(o.grade("R1").grade, "B", "{who}");
    }
}

#[test]
fn grade_counts_findings_dated_in_w_only() {
    let mut b = Builder::new();
    staffed_social(&mut b, "R1", D);
    b.person("Z", "R1");
    // DUAL_PENSION in 2023-11 (dated 2023-11-01, outside W) and 2023-12 (2023-12-01: W's open
    // end, outside) and 2024-01 (inside): one deduction of 3.
    for m in ["2023-11", "2023-12", "2024-01"] {
        b.pay("Z", "R1", m, "pension");
        b.pay("Z", "OUT1", m, "pension");
    }
    for (who, o) in both(&b, D) {
        assert_eq!(o.rule("DUAL_PENSION").len(), 3, "{who}");
        assert_eq!(o.score("R1"), 97, "{who}");
        // The person's points count W too: 6.
        assert_eq!(o.points_of("Z"), 6, "{who}");
    }
}

#[test]
fn grade_complaints_substantiated_in_w_5_each_capped_at_20() {
    for (n, score) in [(1, 95), (4, 80), (6, 80)] {
        let mut b = Builder::new();
        staffed_social(&mut b, "R1", D);
        b.branch("R1B", "R1");
        for i in 0..n {
            b.complaint(&format!("c{i}"), "R1B", "2023-12-02", "substantiated");
        }
        // Outside W, or not substantiated: no deduction.
        b.complaint("old", "R1", "2023-12-01", "substantiated");
        b.complaint("p", "R1", "2024-05-01", "pending");
        b.complaint("u", "R1", "2024-05-01", "unsubstantiated");
        for (who, o) in both(&b, D) {
            assert_eq!(o.score("R1"), score, "{who}, {n} complaints");
        }
    }
}

#[test]
fn grade_sanctions_on_the_trees_agencies_in_w() {
    let mut b = Builder::new();
    staffed_social(&mut b, "R1", D);
    b.branch("R1B", "R1");
    b.sanction("s1", "agency:R1B", "fine", "procedure", "2024-01-01");
    b.sanction("s2", "agency:R1", "circular", "other", "2023-12-02");
    b.sanction("s3", "agency:R1", "warning", "other", "2023-12-01");
    b.sanction("s4", "agency:R1", "revocation", "other", "2024-06-01");
    // On a person of the tree: not the agency's.
    b.sanction("s5", "practitioner:R1S0", "fine", "procedure", "2024-06-01");
    for (who, o) in both(&b, D) {
        assert_eq!(o.score("R1"), 80, "{who}");
        assert_eq!(o.grade("R1").vetoes, "", "{who}");
    }
}

#[test]
fn grade_score_never_below_zero_and_suspension_is_uncapped() {
    let mut b = Builder::new();
    staffed_social(&mut b, "R1", D);
    for i in 0..4 {
        b.sanction(
            &format!("s{i}"),
            "agency:R1",
            "suspension",
            "procedure",
            "2024-06-01",
        );
    }
    for (who, o) in both(&b, D) {
        assert_eq!(o.score("R1"), 0, "{who}");
        let g = o.grade("R1");
        assert_eq!(
            (
                g.grade.as_str(),
                g.procurement_eligible.as_str(),
                g.supervision.as_str()
            ),
            ("D", "false", "key"),
            "{who}"
        );
    }
}

/// (agency sanctions, substantiated complaints, part-time professionals, score, grade,
/// procurement_eligible, supervision).
type GradeCase = (
    &'static [&'static str],
    usize,
    usize,
    i64,
    &'static str,
    &'static str,
    &'static str,
);

#[test]
fn grade_thresholds_90_75_60() {
    // (sanctions, substantiated complaints, part-time professionals) → score, grade.
    let cases: [GradeCase; 8] = [
        (&["warning"], 0, 0, 90, "A", "true", "routine"),
        (&["warning"], 0, 1, 88, "B", "true", "routine"),
        (&["circular"], 1, 3, 84, "B", "true", "routine"),
        (&["fine", "warning"], 0, 0, 75, "B", "true", "routine"),
        (&["fine", "warning"], 1, 0, 70, "C", "true", "enhanced"),
        (&["fine", "interview"], 1, 2, 71, "C", "true", "enhanced"),
        (
            &["suspension", "warning"],
            0,
            0,
            60,
            "C",
            "true",
            "enhanced",
        ),
        (&["suspension", "warning"], 0, 1, 58, "D", "false", "key"),
    ];
    for (sanctions, complaints, part_timers, score, grade, eligible, supervision) in cases {
        let mut b = Builder::new();
        staffed_social(&mut b, "R1", D);
        for (i, m) in sanctions.iter().enumerate() {
            b.sanction(&format!("s{i}"), "agency:R1", m, "procedure", "2024-06-01");
        }
        for i in 0..complaints {
            b.complaint(&format!("c{i}"), "R1", "2024-06-01", "substantiated");
        }
        for i in 0..part_timers {
            b.person(&format!("N{i}"), "R1").title = common::p("senior");
        }
        for (who, o) in both(&b, D) {
            let g = o.grade("R1");
            assert_eq!(
                (
                    o.score("R1"),
                    g.grade.as_str(),
                    g.procurement_eligible.as_str(),
                    g.supervision.as_str()
                ),
                (score, grade, eligible, supervision),
                "{who}: {sanctions:?}, {complaints} complaints, {part_timers} part-timers"
            );
        }
    }
}

#[test]
fn veto_dishonesty_list_runs_until_ends_on_or_three_years() {
    let cases = [
        // (decided, ends_on, as of, vetoed)
        ("2024-01-01", Some("2024-11-30"), D, false),
        ("2024-01-01", Some("2024-12-01"), D, true),
        ("2021-11-30", None, D, false),
        ("2021-12-01", None, D, true),
        // 29 February + 3 years = 28 February.
        ("2020-02-29", None, "2023-02-27", true),
        ("2020-02-29", None, "2023-02-28", false),
        // Decided after D: not seen.
        ("2024-12-01", Some("2030-01-01"), D, false),
    ];
    for (decided, ends, as_of, vetoed) in cases {
        let mut b = Builder::new();
        staffed_social(&mut b, "R1", as_of);
        b.branch("R1B", "R1");
        b.sanction(
            "s1",
            "agency:R1B",
            "dishonesty_listing",
            "procedure",
            decided,
        )
        .ends_on = ends.map(d);
        for (who, o) in both(&b, as_of) {
            let g = o.grade("R1");
            let expected = if vetoed { "dishonesty_list" } else { "" };
            assert_eq!(
                g.vetoes, expected,
                "{who}: decided {decided}, ends {ends:?}, as of {as_of}"
            );
            if vetoed {
                assert_eq!(g.grade, "D", "{who}");
                assert_eq!(
                    o.score("R1"),
                    100,
                    "{who}: a veto does not change the score"
                );
            } else {
                assert_eq!(g.grade, "A", "{who}");
            }
        }
    }
}

#[test]
fn veto_serious_violation_within_1095_days_on_the_tree_only() {
    for (decided, on, vetoed) in [
        ("2021-12-02", "agency:R1B", true),
        ("2021-12-01", "agency:R1B", false),
        ("2024-06-01", "practitioner:R1S0", false),
    ] {
        for violation in ["false_report", "qualification_lending", "inaccurate_report"] {
            let mut b = Builder::new();
            staffed_social(&mut b, "R1", D);
            b.branch("R1B", "R1");
            b.sanction("s1", on, "practice_ban", violation, decided);
            let vetoed = vetoed && violation != "inaccurate_report";
            for (who, o) in both(&b, D) {
                let expected = if vetoed { "serious_violation" } else { "" };
                assert_eq!(
                    o.grade("R1").vetoes,
                    expected,
                    "{who}: {on} {violation} {decided}"
                );
            }
        }
    }
}

#[test]
fn veto_status_and_cancelled_roots() {
    let mut b = Builder::new();
    for (id, status) in [
        ("R1", "suspended"),
        ("R2", "revoked"),
        ("R3", "cancelled"),
        ("R4", "active"),
    ] {
        b.agency(id, "safety_evaluation", "petrochemical").status = common::p(status);
    }
    b.sanction(
        "s1",
        "agency:R1",
        "dishonesty_listing",
        "false_report",
        "2024-06-01",
    );
    for (who, o) in both(&b, D) {
        let rows: Vec<(&str, &str, &str)> = o
            .grades
            .iter()
            .map(|g| (g.agency_id.as_str(), g.grade.as_str(), g.vetoes.as_str()))
            .collect();
        assert_eq!(
            rows[..2],
            [
                ("R1", "D", "dishonesty_list;serious_violation;status"),
                ("R2", "D", "status")
            ],
            "{who}"
        );
        assert!(
            o.grades.iter().all(|g| g.agency_id != "R3"),
            "{who}: cancelled roots have no grade"
        );
        assert!(o.must_inspect.iter().all(|m| m.agency_id != "R3"), "{who}");
        assert_eq!(o.grades.len(), 3, "{who}");
    }
}

#[test]
fn grade_rows_are_sorted_by_code_point_and_only_roots() {
    let mut b = Builder::new();
    for id in ["a1", "R9", "R10", "B"] {
        b.agency(id, "social_service", "consulting").status = common::p("suspended");
    }
    b.branch("R10x", "R10");
    for (who, o) in both(&b, D) {
        let ids: Vec<&str> = o.grades.iter().map(|g| g.agency_id.as_str()).collect();
        assert_eq!(ids, ["B", "R10", "R9", "a1"], "{who}");
    }
}

// =============================================================================================
// C.3 stars
// =============================================================================================

#[test]
fn stars_base_is_the_highest_qualification() {
    let cases = [
        (Some("3"), Some("senior"), "none", 5),
        (Some("2"), None, "senior", 4),
        (None, Some("intermediate"), "senior", 3),
        (None, None, "intermediate", 2),
        (None, None, "junior", 1),
        (Some("1"), Some("senior"), "senior", 5), // 6, capped at 5 untested
    ];
    for (level, engineer, title, stars) in cases {
        let mut b = quiet();
        let x = b.person("P1", "R1");
        x.evaluator_level = level.map(common::p);
        x.safety_engineer = engineer.map(common::p);
        x.title = common::p(title);
        b.full_time("P1", d(D));
        for (who, o) in both(&b, D) {
            assert_eq!(
                o.stars_of("P1"),
                stars,
                "{who}: {level:?} {engineer:?} {title}"
            );
            assert_eq!(o.star("P1").exam, "untested", "{who}");
        }
    }
}

#[test]
fn stars_experience_counts_whole_years_by_anniversary() {
    // Base 1 (no qualification), untested (cap 5): stars = 1 + experience.
    let cases = [
        ("2018-11-30", D, 3),
        ("2018-12-01", D, 2),
        ("2021-11-30", D, 2),
        ("2021-12-01", D, 1),
        ("2025-01-01", D, 1),
        // 29 February: the anniversary in a common year is 28 February.
        ("2016-02-29", "2022-02-28", 3),
        ("2016-02-29", "2022-02-27", 2),
        ("2000-01-01", D, 3),
    ];
    for (since, as_of, stars) in cases {
        let mut b = quiet();
        b.person("P1", "R1").practice_since = Some(d(since));
        for (who, o) in both(&b, as_of) {
            assert_eq!(
                o.stars_of("P1"),
                stars,
                "{who}: since {since}, as of {as_of}"
            );
        }
    }
}

/// (exams as (exam_id, taken_on, score), expected class).
type ExamCase = (&'static [(&'static str, &'static str, u8)], &'static str);

#[test]
fn stars_exam_is_the_latest_in_w_ties_to_the_largest_exam_id() {
    let cases: [ExamCase; 7] = [
        (
            &[("X10", "2024-05-01", 50), ("X9", "2024-05-01", 95)],
            "excellent",
        ),
        (
            &[("X9", "2024-05-01", 95), ("X10", "2024-05-02", 50)],
            "failed",
        ),
        (&[("X1", "2023-12-01", 95)], "untested"),
        (&[("X1", "2023-12-02", 89)], "good"),
        (
            &[("X1", "2023-12-02", 75), ("X2", "2024-12-01", 10)],
            "good",
        ),
        (&[("X1", "2024-11-30", 74)], "pass"),
        (&[("X1", "2024-11-30", 59), ("a", "2024-11-30", 60)], "pass"),
    ];
    for (exams, class) in cases {
        let mut b = quiet();
        b.person("P1", "R1");
        for (id, on, score) in exams {
            b.exam("P1", id, on, *score);
        }
        for (who, o) in both(&b, D) {
            assert_eq!(o.star("P1").exam, class, "{who}: {exams:?}");
        }
    }
}

#[test]
fn stars_exam_bonus_and_caps() {
    // Level 1 (base 6) + 2 experience = 8, no points.
    let cases = [
        (Some(95), 10, false),
        (Some(90), 10, false),
        (Some(89), 9, false),
        (Some(60), 8, false),
        (Some(59), 3, true),
        (None, 5, false),
    ];
    for (score, stars, removal) in cases {
        let mut b = quiet();
        let x = b.evaluator("P1", "R1", "1");
        x.practice_since = Some(d("2010-01-01"));
        x.expert_pool = true;
        b.full_time("P1", d(D));
        if let Some(s) = score {
            b.exam("P1", "X1", "2024-06-01", s);
        }
        for (who, o) in both(&b, D) {
            let r = o.star("P1");
            assert_eq!(o.stars_of("P1"), stars, "{who}: exam {score:?}");
            assert_eq!(
                r.expert_pool_removal,
                removal.to_string(),
                "{who}: exam {score:?}"
            );
        }
    }
}

#[test]
fn stars_points_floor_thirds_cards_and_the_12_point_rule() {
    // Level 1 + 2 experience + excellent = 10 before points.
    let cases: [(&[&str], i64, i64, &str, &str); 7] = [
        (&["circular"], 2, 10, "green", "false"),
        (&["warning"], 3, 9, "green", "false"),
        (&["warning", "circular"], 5, 9, "green", "false"),
        (&["fine"], 6, 8, "yellow", "false"),
        (&["fine", "warning", "circular"], 11, 7, "yellow", "false"),
        (&["fine", "fine"], 12, 1, "red", "true"),
        (
            &[
                "practice_ban",
                "suspension",
                "revocation",
                "dishonesty_listing",
            ],
            12,
            1,
            "red",
            "true",
        ),
    ];
    for (measures, points, stars, card, removal) in cases {
        let mut b = quiet();
        let x = b.evaluator("P1", "R1", "1");
        x.practice_since = Some(d("2010-01-01"));
        x.expert_pool = true;
        b.full_time("P1", d(D));
        b.exam("P1", "X1", "2024-06-01", 99);
        for (i, m) in measures.iter().enumerate() {
            b.sanction(
                &format!("s{i}"),
                "practitioner:P1",
                m,
                "procedure",
                "2024-06-01",
            );
        }
        // Outside W: no points.
        b.sanction(
            "old",
            "practitioner:P1",
            "practice_ban",
            "procedure",
            "2023-12-01",
        );
        for (who, o) in both(&b, D) {
            let r = o.star("P1");
            assert_eq!(
                (
                    o.points_of("P1"),
                    o.stars_of("P1"),
                    r.card.as_str(),
                    r.expert_pool_removal.as_str()
                ),
                (points, stars, card, removal),
                "{who}: {measures:?}"
            );
        }
    }
}

#[test]
fn stars_never_below_one() {
    let mut b = quiet();
    b.person("P1", "R1");
    b.exam("P1", "X1", "2024-06-01", 10);
    b.sanction("s1", "practitioner:P1", "fine", "procedure", "2024-06-01");
    b.sanction(
        "s2",
        "practitioner:P1",
        "warning",
        "procedure",
        "2024-06-01",
    );
    for (who, o) in both(&b, D) {
        assert_eq!((o.points_of("P1"), o.stars_of("P1")), (9, 1), "{who}");
        assert_eq!(o.star("P1").exam, "failed", "{who}");
        assert_eq!(
            o.star("P1").expert_pool_removal,
            "false",
            "{who}: not in the pool"
        );
    }
}

#[test]
fn stars_leader_absent_gives_the_named_leader_6_points_in_w() {
    let mut b = quiet();
    b.person("L1", "R1");
    b.person("L2", "R1");
    for (id, end) in [
        ("J1", "2024-06-30"),
        ("J2", "2023-12-01"),
        ("J3", "2023-12-02"),
    ] {
        let p = b.project(id, "R1", "consulting", "2023-01-01");
        p.service_started_on = Some(d("2023-02-01"));
        p.service_ended_on = Some(d(end));
        b.team(id, "L1", "leader");
    }
    b.team("J1", "L2", "member");
    for (who, o) in both(&b, D) {
        assert_eq!(o.rule("LEADER_ABSENT").len(), 3, "{who}");
        assert_eq!(
            o.points_of("L1"),
            12,
            "{who}: J1 and J3 are in W, J2 is not"
        );
        assert_eq!(o.star("L1").card, "red", "{who}");
        assert_eq!(o.points_of("L2"), 0, "{who}: a member is not named");
    }
}

#[test]
fn stars_rows_for_every_practitioner_sorted_by_code_point() {
    let mut b = quiet();
    for id in ["p1", "P10", "P9", "Q"] {
        b.person(id, "R1");
    }
    for (who, o) in both(&b, D) {
        let ids: Vec<&str> = o.stars.iter().map(|s| s.practitioner_id.as_str()).collect();
        assert_eq!(ids, ["P10", "P9", "Q", "p1"], "{who}");
    }
}

// =============================================================================================
// C.4 must-inspect
// =============================================================================================

#[test]
fn must_inspect_complaints_in_w_of_any_status() {
    for (received, status, listed) in [
        ("2023-12-02", "unsubstantiated", true),
        ("2024-11-30", "pending", true),
        ("2023-12-01", "substantiated", false),
        ("2024-12-01", "substantiated", false),
    ] {
        let mut b = quiet();
        b.branch("R1B", "R1");
        b.complaint("c1", "R1B", received, status);
        for (who, o) in both(&b, D) {
            let expected = if listed { "complaint" } else { "" };
            assert_eq!(o.reasons("R1"), expected, "{who}: {received} {status}");
        }
    }
}

#[test]
fn must_inspect_client_events_during_service_or_within_365_days_after() {
    // J1 (branch) served client 1 from 2022-06-01 to 2023-03-01; end + 365 days = 2024-02-29.
    let mut b = quiet();
    b.branch("R1B", "R1");
    let p = b.project("J1", "R1B", "consulting", "2022-01-01");
    p.client_uscc = common::client(1);
    p.service_started_on = Some(d("2022-06-01"));
    p.service_ended_on = Some(d("2023-03-01"));
    let q = b.project("J2", "R1", "consulting", "2024-01-01");
    q.client_uscc = common::client(2);
    q.service_started_on = Some(d("2024-05-10"));
    // Client 3: a project that never started.
    b.project("J3", "R1", "consulting", "2024-01-01")
        .client_uscc = common::client(3);
    // Linked: e1 (last day after the end), e4 (start day of a running service).
    // Not linked: e2 (a day too late), e3 (before the start), e5 (service never started).
    let events = [
        ("e1", 1, "accident", "2024-02-29"),
        ("e2", 1, "penalty", "2024-03-01"),
        ("e3", 2, "major_hazard", "2024-05-09"),
        ("e4", 2, "penalty", "2024-05-10"),
        ("e5", 3, "accident", "2024-06-01"),
    ];
    for (id, client, kind, on) in events {
        b.client_event(id, common::client(client), kind, on);
    }
    for (who, o) in both(&b, D) {
        assert_eq!(o.reasons("R1"), "client_accident;client_penalty", "{who}");
    }
    // The same events as of an earlier D: e1 is in W, e4 not yet recorded.
    for (who, o) in both(&b, "2024-05-09") {
        assert_eq!(o.reasons("R1"), "client_accident", "{who}");
    }
    // Events that occurred before W are ignored even when linked.
    for (who, o) in both(&b, "2025-03-01") {
        assert_eq!(o.reasons("R1"), "client_penalty", "{who}");
    }
}

#[test]
fn must_inspect_inspection_due_after_1095_days_for_active_safety_evaluation_roots() {
    for (inspected, due) in [
        (Some("2021-12-02"), false),
        (Some("2021-12-01"), true),
        (None, true),
    ] {
        let mut b = Builder::new();
        b.agency("R1", "safety_evaluation", "petrochemical");
        b.branch("R1B", "R1");
        b.agency("R2", "safety_evaluation", "petrochemical").status = common::p("suspended");
        b.agency("R3", "social_service", "consulting");
        if let Some(on) = inspected {
            b.inspection("i1", "R1B", on);
        }
        for (who, o) in both(&b, D) {
            let expected = if due { "inspection_due" } else { "" };
            assert_eq!(o.reasons("R1"), expected, "{who}: inspected {inspected:?}");
            assert_eq!(o.reasons("R2"), "", "{who}");
            assert_eq!(o.reasons("R3"), "", "{who}");
        }
    }
}

#[test]
fn must_inspect_reasons_are_sorted_and_joined() {
    let mut b = Builder::new();
    b.agency("R1", "safety_evaluation", "petrochemical;consulting");
    let p = b.project("J1", "R1", "consulting", "2024-01-01");
    p.service_started_on = Some(d("2024-01-02"));
    b.complaint("c1", "R1", "2024-05-01", "pending");
    for (i, kind) in ["penalty", "accident", "major_hazard"].iter().enumerate() {
        b.client_event(&format!("e{i}"), common::client(0), kind, "2024-05-01");
    }
    for (who, o) in both(&b, D) {
        assert_eq!(
            o.reasons("R1"),
            "client_accident;client_major_hazard;client_penalty;complaint;inspection_due",
            "{who}"
        );
    }
}
