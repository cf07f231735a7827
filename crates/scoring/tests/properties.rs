//! Properties of a supervision run that a regulator relies on, checked on the real engine with
//! small random datasets dense in edge cases (tests/common/gen.rs):
//! - the same input gives byte-identical rendered outputs;
//! - adding a sanction or a substantiated complaint never raises a score, a grade or a star count;
//! - adding records dated after D changes nothing;
//! - the order of the rows in the tables changes nothing;
//! - stars lie in 1..=10, scores in 0..=100, and the other columns follow from them as part C
//!   says; no finding is dated after D.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;

use common::gen::{self, Spec};
use common::{engine, Outcome};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::FileFailurePersistence;
use zhongjie_core::chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use zhongjie_core::{Dataset, Tables, YearMonth};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

fn rank(grade: &str) -> u8 {
    match grade {
        "A" => 4,
        "B" => 3,
        "C" => 2,
        "D" => 1,
        other => panic!("unknown grade `{other}`"),
    }
}

// ---------------------------------------------------------------------------------------------
// Determinism
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn same_input_gives_byte_identical_outputs(spec in gen::spec()) {
        let ds = spec.dataset();
        let first = engine(&ds, spec.as_of);
        let again = engine(&ds, spec.as_of);
        let rebuilt = engine(&Dataset::new(ds.tables().clone()).unwrap(), spec.as_of);
        prop_assert_eq!(&first, &again);
        prop_assert_eq!(&first, &rebuilt);
    }
}

// ---------------------------------------------------------------------------------------------
// Monotonicity: a sanction or a substantiated complaint can only lower things
// ---------------------------------------------------------------------------------------------

const MEASURES: [&str; 9] = [
    "circular",
    "interview",
    "warning",
    "fine",
    "suspension",
    "revocation",
    "practice_ban",
    "judicial_referral",
    "dishonesty_listing",
];
const VIOLATIONS: [&str; 7] = [
    "false_report",
    "inaccurate_report",
    "qualification_lending",
    "absent_from_site",
    "over_scope",
    "procedure",
    "other",
];

#[derive(Debug, Clone)]
enum Extra {
    Sanction {
        on_person: bool,
        subject: usize,
        measure: &'static str,
        violation: &'static str,
        days_before_d: i64,
        ends_after_d: Option<i64>,
    },
    Complaint {
        agency: usize,
        days_before_d: i64,
    },
}

fn extra() -> impl Strategy<Value = Extra> {
    let days = prop_oneof![
        select(&[0i64, 1, 364, 365, 366, 1094, 1095][..]),
        0i64..365,
        0i64..1200
    ];
    prop_oneof![
        (
            any::<bool>(),
            any::<usize>(),
            select(&MEASURES[..]),
            select(&VIOLATIONS[..]),
            days.clone(),
            proptest::option::of(-5i64..400),
        )
            .prop_map(
                |(on_person, subject, measure, violation, days_before_d, ends_after_d)| {
                    Extra::Sanction {
                        on_person,
                        subject,
                        measure,
                        violation,
                        days_before_d,
                        ends_after_d,
                    }
                }
            ),
        (any::<usize>(), days).prop_map(|(agency, days_before_d)| Extra::Complaint {
            agency,
            days_before_d
        }),
    ]
}

fn with_extras(spec: &Spec, extras: &[Extra]) -> Dataset {
    let mut b = spec.builder();
    let dd = spec.as_of;
    for (i, x) in extras.iter().enumerate() {
        add_extra(&mut b, dd, &format!("extra{i}"), x);
    }
    b.build()
}

fn add_extra(b: &mut common::Builder, dd: NaiveDate, id: &str, x: &Extra) {
    match x {
        Extra::Sanction {
            on_person,
            subject,
            measure,
            violation,
            days_before_d,
            ends_after_d,
        } => {
            let subject = if *on_person {
                let p = &b.t.practitioners[subject % b.t.practitioners.len()];
                format!("practitioner:{}", p.id)
            } else {
                let a = &b.t.agencies[subject % b.t.agencies.len()];
                format!("agency:{}", a.id)
            };
            let on = common::ymd(dd - Duration::days(*days_before_d));
            let s = b.sanction(id, &subject, measure, violation, &on);
            s.ends_on = ends_after_d.map(|n| dd + Duration::days(n));
        }
        Extra::Complaint {
            agency,
            days_before_d,
        } => {
            let a = b.t.agencies[agency % b.t.agencies.len()].id.to_string();
            let on = common::ymd(dd - Duration::days(*days_before_d));
            b.complaint(id, &a, &on, "substantiated");
        }
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn a_sanction_or_a_substantiated_complaint_never_raises_a_score_grade_or_star(
        spec in gen::spec(),
        x in proptest::collection::vec(extra(), 1..=4),
    ) {
        let before = engine(&spec.dataset(), spec.as_of).outcome();
        let after = engine(&with_extras(&spec, &x), spec.as_of).outcome();
        prop_assert_eq!(before.grades.len(), after.grades.len());
        for (b, a) in before.grades.iter().zip(&after.grades) {
            prop_assert_eq!(&b.agency_id, &a.agency_id);
            let (sb, sa): (i64, i64) = (common::p(&b.score), common::p(&a.score));
            prop_assert!(sa <= sb, "{}: score {} → {} after {:?}", b.agency_id, sb, sa, x);
            prop_assert!(
                rank(&a.grade) <= rank(&b.grade),
                "{}: grade {} → {} after {:?}", b.agency_id, b.grade, a.grade, x
            );
        }
        prop_assert_eq!(before.stars.len(), after.stars.len());
        for (b, a) in before.stars.iter().zip(&after.stars) {
            prop_assert_eq!(&b.practitioner_id, &a.practitioner_id);
            let (sb, sa): (i64, i64) = (common::p(&b.stars), common::p(&a.stars));
            prop_assert!(sa <= sb, "{}: stars {} → {} after {:?}", b.practitioner_id, sb, sa, x);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Records dated after D
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
struct Later {
    /// Days after D (≥ 1), or 0 for "just after the end of D" check-ins.
    days: i64,
    /// Check-in offsets east of UTC, in hours.
    zone: i32,
    pick: usize,
}

fn later() -> impl Strategy<Value = Vec<Later>> {
    proptest::collection::vec(
        (
            prop_oneof![Just(0i64), Just(1), 1i64..400],
            select(&[8i32, 0, -5, 9, 14, -12][..]),
            any::<usize>(),
        )
            .prop_map(|(days, zone, pick)| Later { days, zone, pick }),
        1..12,
    )
}

/// The first instant after the end of D at UTC+08:00, written at another offset, plus `days`.
fn after_end_of(d: NaiveDate, days: i64, zone: i32) -> DateTime<FixedOffset> {
    let next = d + Duration::days(1 + days);
    let midnight = FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .from_local_datetime(&next.and_hms_opt(0, 0, 0).unwrap())
        .single()
        .unwrap();
    midnight.with_timezone(&FixedOffset::east_opt(zone * 3600).unwrap())
}

fn with_later_records(spec: &Spec, later: &[Later]) -> Dataset {
    let mut b = spec.builder();
    let dd = spec.as_of;
    for (i, l) in later.iter().enumerate() {
        let day = common::ymd(dd + Duration::days(l.days.max(1)));
        let people: Vec<String> = b.t.practitioners.iter().map(|p| p.id.to_string()).collect();
        let agencies: Vec<String> = b.t.agencies.iter().map(|a| a.id.to_string()).collect();
        let projects: Vec<String> = b.t.projects.iter().map(|p| p.id.to_string()).collect();
        let person = people[l.pick % people.len()].clone();
        let agency = agencies[l.pick % agencies.len()].clone();
        match l.pick % 10 {
            0 if !projects.is_empty() => {
                let pj = &projects[l.pick % projects.len()];
                let t = after_end_of(dd, l.days, l.zone);
                b.attend_at(&format!("late{i}"), pj, &person, t, t + Duration::hours(3));
            }
            1 => {
                // A month after D's month.
                let m = YearMonth::of(dd)
                    .minus(-1 - (l.days % 3) as i32)
                    .to_string();
                let payer = if l.pick % 3 == 0 {
                    "OUT1".to_owned()
                } else {
                    agency.clone()
                };
                b.pay(
                    &person,
                    &payer,
                    &m,
                    ["pension", "income_tax", "payroll"][l.pick % 3],
                );
            }
            2 if !projects.is_empty() => {
                let pj = &projects[l.pick % projects.len()];
                b.stage(
                    pj,
                    ["contract", "notice", "site_survey", "report", "closure"][l.pick % 5],
                    &day,
                );
            }
            3 => {
                b.complaint(&format!("late{i}"), &agency, &day, "substantiated");
            }
            4 => {
                let kind = ["major_hazard", "penalty", "accident"][l.pick % 3];
                b.client_event(
                    &format!("late{i}"),
                    common::client((l.pick % 3) as u32),
                    kind,
                    &day,
                );
            }
            5 => {
                let subject = if l.pick % 2 == 0 {
                    format!("agency:{agency}")
                } else {
                    format!("practitioner:{person}")
                };
                b.sanction(
                    &format!("late{i}"),
                    &subject,
                    MEASURES[l.pick % MEASURES.len()],
                    VIOLATIONS[l.pick % VIOLATIONS.len()],
                    &day,
                );
            }
            6 => {
                b.exam(&person, &format!("late{i}"), &day, (l.pick % 101) as u8);
            }
            7 => {
                b.inspection(&format!("late{i}"), &agency, &day);
            }
            _ => {
                // A project signed after D, with its team, attendance and stages.
                let id = format!("late{i}");
                let st = ["consulting", "pre_evaluation", "training"][l.pick % 3];
                let p = b.project(&id, &agency, st, &day);
                p.scope = Some(common::p("petrochemical"));
                p.client_uscc = common::client((l.pick % 3) as u32);
                p.service_started_on = Some(dd - Duration::days(10));
                p.service_ended_on = Some(dd - Duration::days(5));
                b.team(&id, &person, "leader");
                let t = after_end_of(dd, -3, l.zone);
                b.attend_at(
                    &format!("late{i}a"),
                    &id,
                    &person,
                    t,
                    t + Duration::hours(1),
                );
                b.stage(&id, "contract", &common::ymd(dd - Duration::days(20)));
            }
        }
    }
    b.build()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn records_dated_after_d_change_nothing(spec in gen::spec(), later in later()) {
        let before = engine(&spec.dataset(), spec.as_of);
        let after = engine(&with_later_records(&spec, &later), spec.as_of);
        prop_assert_eq!(before, after);
    }
}

/// A copy made by `as_of` keeps every reference resolved: each row's project and practitioner
/// rows name the ids the row names (the copy drops projects, so rows move).
fn refs_resolve(ds: &Dataset) -> Result<(), TestCaseError> {
    let t = ds.tables();
    prop_assert_eq!(ds.attendance_refs().len(), t.attendance.len());
    for (a, &(pj, pr)) in t.attendance.iter().zip(ds.attendance_refs()) {
        prop_assert_eq!(&t.projects[pj as usize].id, &a.project);
        prop_assert_eq!(&t.practitioners[pr as usize].id, &a.practitioner);
    }
    prop_assert_eq!(ds.team_refs().len(), t.team.len());
    for (m, &(pj, pr)) in t.team.iter().zip(ds.team_refs()) {
        prop_assert_eq!(&t.projects[pj as usize].id, &m.project);
        prop_assert_eq!(&t.practitioners[pr as usize].id, &m.practitioner);
    }
    prop_assert_eq!(ds.stage_projects().len(), t.stages.len());
    for (s, &pj) in t.stages.iter().zip(ds.stage_projects()) {
        prop_assert_eq!(&t.projects[pj as usize].id, &s.project);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// The point-in-time copy is what the run sees: running on it gives the same outputs, it is
    /// a valid dataset with its references resolved, and the copy restricted to a few tables
    /// holds the same rows of those tables.
    #[test]
    fn the_point_in_time_copy_gives_the_same_run(spec in gen::spec(), later in later()) {
        use zhongjie_core::TableName as T;
        let ds = with_later_records(&spec, &later);
        let d = spec.as_of;
        let copy = ds.as_of(d);
        refs_resolve(&ds)?;
        refs_resolve(&copy)?;
        prop_assert_eq!(engine(&copy, d), engine(&ds, d));
        let rebuilt = Dataset::new(copy.tables().clone()).unwrap();
        prop_assert_eq!(rebuilt.attendance_refs(), copy.attendance_refs());
        prop_assert_eq!(rebuilt.team_refs(), copy.team_refs());
        prop_assert_eq!(rebuilt.stage_projects(), copy.stage_projects());
        let some = ds.as_of_only(d, &[T::Certificates, T::Inspections]);
        let (a, b) = (some.tables(), copy.tables());
        prop_assert_eq!(&a.agencies, &b.agencies);
        prop_assert_eq!(&a.practitioners, &b.practitioners);
        prop_assert_eq!(&a.projects, &b.projects);
        prop_assert_eq!(&a.certificates, &b.certificates);
        prop_assert_eq!(&a.inspections, &b.inspections);
        prop_assert!(a.attendance.is_empty() && a.team.is_empty() && a.stages.is_empty());
        prop_assert!(a.contributions.is_empty() && a.sanctions.is_empty() && a.exams.is_empty());
        prop_assert!(a.complaints.is_empty() && a.client_events.is_empty());
        refs_resolve(&some)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Row order
// ---------------------------------------------------------------------------------------------

/// A deterministic Fisher–Yates shuffle driven by SplitMix64.
fn shuffle<T>(rows: &mut [T], seed: &mut u64) {
    for i in (1..rows.len()).rev() {
        *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *seed;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        let j = (z % (i as u64 + 1)) as usize;
        rows.swap(i, j);
    }
}

fn shuffled(t: &Tables, mut seed: u64) -> Tables {
    let mut t = t.clone();
    shuffle(&mut t.agencies, &mut seed);
    shuffle(&mut t.practitioners, &mut seed);
    shuffle(&mut t.certificates, &mut seed);
    shuffle(&mut t.contributions, &mut seed);
    shuffle(&mut t.projects, &mut seed);
    shuffle(&mut t.team, &mut seed);
    shuffle(&mut t.attendance, &mut seed);
    shuffle(&mut t.stages, &mut seed);
    shuffle(&mut t.complaints, &mut seed);
    shuffle(&mut t.client_events, &mut seed);
    shuffle(&mut t.sanctions, &mut seed);
    shuffle(&mut t.exams, &mut seed);
    shuffle(&mut t.inspections, &mut seed);
    t
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn shuffling_the_rows_of_every_table_changes_nothing(spec in gen::spec(), seed in any::<u64>()) {
        let tables = spec.tables();
        let before = engine(&Dataset::new(tables.clone()).unwrap(), spec.as_of);
        let after = engine(&Dataset::new(shuffled(&tables, seed)).unwrap(), spec.as_of);
        prop_assert_eq!(before, after);
    }
}

// ---------------------------------------------------------------------------------------------
// Ranges and consistency of the columns
// ---------------------------------------------------------------------------------------------

fn check_ranges(o: &Outcome, as_of: NaiveDate, ds: &Dataset) -> Result<(), TestCaseError> {
    for g in &o.grades {
        let score: i64 = common::p(&g.score);
        prop_assert!(
            (0..=100).contains(&score),
            "{}: score {}",
            g.agency_id,
            score
        );
        let by_score = if score >= 90 {
            "A"
        } else if score >= 75 {
            "B"
        } else if score >= 60 {
            "C"
        } else {
            "D"
        };
        let expected = if g.vetoes.is_empty() { by_score } else { "D" };
        prop_assert_eq!(&g.grade, expected, "{:?}", g);
        prop_assert_eq!(
            &g.procurement_eligible,
            if g.grade == "D" { "false" } else { "true" }
        );
        let supervision = match g.grade.as_str() {
            "A" | "B" => "routine",
            "C" => "enhanced",
            _ => "key",
        };
        prop_assert_eq!(&g.supervision, supervision);
    }
    let roots = ds
        .tables()
        .agencies
        .iter()
        .filter(|a| a.parent.is_none() && a.status.code() != "cancelled")
        .count();
    prop_assert_eq!(o.grades.len(), roots);
    prop_assert_eq!(o.stars.len(), ds.tables().practitioners.len());
    for s in &o.stars {
        let stars: i64 = common::p(&s.stars);
        let points: i64 = common::p(&s.points);
        prop_assert!(
            (1..=10).contains(&stars),
            "{}: stars {}",
            s.practitioner_id,
            stars
        );
        prop_assert!(points >= 0);
        let card = if points >= 12 {
            "red"
        } else if points >= 6 {
            "yellow"
        } else {
            "green"
        };
        prop_assert_eq!(&s.card, card, "{:?}", s);
        if points >= 12 {
            prop_assert_eq!(stars, 1, "{:?}", s);
        }
        if s.exam == "failed" {
            prop_assert!(stars <= 3, "{:?}", s);
        }
        if s.exam == "untested" {
            prop_assert!(stars <= 5, "{:?}", s);
        }
    }
    let d = common::ymd(as_of);
    for f in &o.findings {
        prop_assert!(f.date <= d, "finding dated after D: {}", f);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn stars_scores_and_grades_stay_in_range_and_consistent(spec in gen::spec()) {
        let ds = spec.dataset();
        for shift in [0i64, 400] {
            let as_of = spec.as_of + Duration::days(shift);
            let o = engine(&ds, as_of).outcome();
            check_ranges(&o, as_of, &ds)?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Privacy: no output shows a whistle-blower's contact or a whole resident ID number
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn no_output_shows_a_reporter_contact_or_a_whole_resident_id(spec in gen::spec()) {
        let mut b = spec.builder();
        for (i, c) in b.t.complaints.iter_mut().enumerate() {
            c.reporter_contact = Some(zhongjie_core::Confidential::new(format!("举报人电话139{i:08}")));
            c.practitioner = Some(spec_person(&spec, i));
        }
        let ds = b.build();
        let out = zhongjie_scoring::supervise(&ds, spec.as_of, common::pack()).unwrap();
        use zhongjie_scoring::render;
        let texts = [
            render::findings_jsonl(&out),
            render::agency_grades_csv(&out),
            render::practitioner_stars_csv(&out),
            render::must_inspect_csv(&out),
            render::explanation_json(&out),
            format!("{out:?}"),
        ];
        for text in &texts {
            for c in &ds.tables().complaints {
                if let Some(contact) = &c.reporter_contact {
                    prop_assert!(!text.contains(contact.expose()), "a reporter contact is shown");
                }
            }
            for p in &ds.tables().practitioners {
                prop_assert!(
                    !text.contains(p.id_number.expose()),
                    "the whole resident ID of {} is shown", p.id
                );
            }
        }
    }
}

/// A practitioner of the generated dataset (complaints may name one).
fn spec_person(spec: &Spec, i: usize) -> zhongjie_core::PractitionerId {
    let people = spec.tables().practitioners;
    people[i % people.len()].id.clone()
}

// ---------------------------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------------------------

/// The view and the rules may run on several threads (big datasets do): the findings, and the
/// view they come from, are the same on one thread and on several.
#[test]
fn threads_change_nothing() {
    use zhongjie_scoring::{context::Ctx, findings, Params};
    let pack = zhongjie_core::RulePack::zj_2024().unwrap();
    for (scale, seed) in [
        (zhongjie_sample::Scale::Tiny, 5u64),
        (zhongjie_sample::Scale::Small, 11),
    ] {
        let d = NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
        let ds = Dataset::new(zhongjie_sample::generate(scale, seed, d)).unwrap();
        let params = Params::from_pack(&pack, d).unwrap();
        let one = Ctx::with_threads(&ds, d, &params, 1);
        let serial = findings::all(&one);
        assert!(!serial.is_empty());
        for threads in [2, 3, 8] {
            let many = Ctx::with_threads(&ds, d, &params, threads);
            assert_eq!(findings::all(&many), serial, "{scale:?}, {threads} threads");
            assert_eq!(many.full_time, one.full_time);
            assert_eq!(many.attendance_project, one.attendance_project);
            assert_eq!(
                many.visits_by_practitioner.iter().collect::<Vec<_>>(),
                one.visits_by_practitioner.iter().collect::<Vec<_>>()
            );
        }
    }
}
