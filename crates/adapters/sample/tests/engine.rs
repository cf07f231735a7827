//! Through the supervision engine: the tiny sample fires every rule of part C, the showcase
//! trees get the grades, vetoes and must-inspect reasons they were built for, and the records
//! dated after D change nothing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::collections::{BTreeMap, BTreeSet, HashSet};
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::time::end_of_local_day;
use zhongjie_core::*;
use zhongjie_sample::{generate, generate_with, SampleConfig, Scale};
use zhongjie_scoring::{Card, ExamClass, Grade, InspectReason, RuleId, RunOutput, Veto};

const SEEDS: [u64; 3] = [1, 7, 2024];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, 30).unwrap()
}

fn run(t: Tables) -> RunOutput {
    let ds = Dataset::new(t).unwrap();
    let pack = RulePack::zj_2024().unwrap();
    zhongjie_scoring::supervise(&ds, as_of(), &pack).unwrap()
}

#[test]
fn every_rule_fires_on_the_tiny_sample() {
    for seed in SEEDS {
        let out = run(generate(Scale::Tiny, seed, as_of()));
        let fired: BTreeSet<RuleId> = out.findings.iter().map(|f| f.rule).collect();
        let missing: Vec<&str> = RuleId::ALL
            .iter()
            .filter(|r| !fired.contains(r))
            .map(|r| r.code())
            .collect();
        assert!(
            missing.is_empty(),
            "seed {seed}: rules that never fire: {missing:?}"
        );
        let exams: BTreeSet<ExamClass> = out.stars.iter().map(|s| s.exam).collect();
        assert_eq!(exams.len(), ExamClass::ALL.len(), "seed {seed}");
        let cards: BTreeSet<Card> = out.stars.iter().map(|s| s.card).collect();
        assert_eq!(cards.len(), 3, "seed {seed}");
        assert!(out.stars.iter().any(|s| s.expert_pool_removal));
        assert!(out.stars.iter().any(|s| s.stars == 1) && out.stars.iter().any(|s| s.stars >= 7));
    }
}

#[test]
fn showcase_trees_get_the_grades_they_were_built_for() {
    use Grade::*;
    use InspectReason as R;
    let expected: [(&str, Grade, &[Veto], &[R]); 7] = [
        ("A0001", A, &[], &[R::ClientMajorHazard]),
        ("A0002", B, &[], &[R::Complaint]),
        (
            "A0003",
            D,
            &[Veto::DishonestyList, Veto::SeriousViolation],
            &[R::InspectionDue],
        ),
        ("A0004", C, &[], &[R::Complaint]),
        (
            "A0005",
            D,
            &[Veto::Status],
            &[R::ClientPenalty, R::Complaint],
        ),
        (
            "A0006",
            D,
            &[Veto::DishonestyList],
            &[R::ClientAccident, R::InspectionDue],
        ),
        ("A0007", D, &[Veto::SeriousViolation, Veto::Status], &[]),
    ];
    for seed in SEEDS {
        let out = run(generate(Scale::Tiny, seed, as_of()));
        assert_eq!(out.grades.len(), 7, "the cancelled tree has no grade");
        for (id, grade, vetoes, reasons) in expected {
            let g = out
                .grades
                .iter()
                .find(|g| g.agency_id.as_str() == id)
                .unwrap();
            assert_eq!(g.grade, grade, "seed {seed}: {id} scored {}", g.score);
            let mut v = g.vetoes.clone();
            v.sort();
            assert_eq!(v, vetoes, "seed {seed}: {id}");
            let got: Vec<R> = out
                .must_inspect
                .iter()
                .find(|m| m.agency_id.as_str() == id)
                .map(|m| m.reasons.clone())
                .unwrap_or_default();
            let got: BTreeSet<R> = got.into_iter().collect();
            let want: BTreeSet<R> = reasons.iter().copied().collect();
            assert_eq!(got, want, "seed {seed}: {id}");
        }
        // A vetoed tree can still score well: the veto, not the score, makes it D.
        assert!(out
            .grades
            .iter()
            .any(|g| !g.vetoes.is_empty() && g.score >= 60));
        assert!(!out
            .must_inspect
            .iter()
            .any(|m| m.agency_id.as_str() == "A0008"));
    }
}

/// The tables without any record dated after D (as in part C), other dates untouched.
fn without_later_records(mut t: Tables) -> Tables {
    let d = as_of();
    let end = end_of_local_day(d).unwrap();
    let m0 = YearMonth::of(d);
    t.contributions.retain(|c| c.month <= m0);
    t.projects.retain(|p| p.contract_signed_on <= d);
    let kept: HashSet<ProjectId> = t.projects.iter().map(|p| p.id.clone()).collect();
    t.team.retain(|m| kept.contains(&m.project));
    t.attendance
        .retain(|a| kept.contains(&a.project) && a.check_in < end);
    t.stages
        .retain(|s| kept.contains(&s.project) && s.completed_on <= d);
    t.complaints.retain(|c| c.received_on <= d);
    t.client_events.retain(|c| c.occurred_on <= d);
    t.sanctions.retain(|s| s.decided_on <= d);
    t.exams.retain(|x| x.taken_on <= d);
    t.inspections.retain(|i| i.inspected_on <= d);
    t
}

#[test]
fn records_after_d_change_nothing() {
    for seed in SEEDS {
        let full = generate(Scale::Tiny, seed, as_of());
        let trimmed = without_later_records(full.clone());
        let dropped: usize = TableName::ALL
            .iter()
            .map(|t| full.row_count(*t) - trimmed.row_count(*t))
            .sum();
        assert!(dropped >= 20, "seed {seed}: only {dropped} records after D");
        let a = run(full);
        let b = run(trimmed);
        assert_eq!(a.findings, b.findings, "seed {seed}");
        assert_eq!(a.grades, b.grades, "seed {seed}");
        assert_eq!(a.stars, b.stars, "seed {seed}");
        assert_eq!(a.must_inspect, b.must_inspect, "seed {seed}");
    }
}

#[test]
fn grades_spread_over_a_to_d() {
    // 120 trees: enough random trees for the spread to show, small enough for a debug test.
    let cfg = SampleConfig {
        roots: 120,
        practitioners: 2_400,
        projects: 12_000,
        attendance_per_project: 6.0,
        anomaly_rate: 1.0,
    };
    let out = run(generate_with(&cfg, 1, as_of()));
    let mut by: BTreeMap<Grade, usize> = BTreeMap::new();
    for g in &out.grades {
        *by.entry(g.grade).or_default() += 1;
    }
    for g in Grade::ALL {
        assert!(by.get(g).copied().unwrap_or(0) >= 3, "grade {g:?}: {by:?}");
    }
    let a = by.get(&Grade::A).copied().unwrap_or(0);
    assert!(
        by.values().all(|n| *n <= a),
        "A is the most common grade: {by:?}"
    );
    // Modest rates: most practitioners keep a green card.
    let green = out.stars.iter().filter(|s| s.card == Card::Green).count();
    assert!(
        green * 10 >= out.stars.len() * 9,
        "{green} of {}",
        out.stars.len()
    );
}
