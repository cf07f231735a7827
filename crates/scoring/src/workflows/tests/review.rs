//! Entry review: one line per criterion, each failing for the reason the texts give.

use super::{d, dec, pack, uscc, B};
use crate::workflows::review::{review, ReviewChecklist};
use zhongjie_core::workflows::{Application, ApplicationKind, Document, RegulatorLink};
use zhongjie_core::{
    CertificateKind, ContributionKind, EvaluatorLevel, IndustryScope, Measure, Sanction,
    SanctionId, Subject, Verification, Violation,
};

const AS_OF: &str = "2024-11-30";
const MONTHS: [&str; 3] = ["2024-08", "2024-09", "2024-10"];

/// Head office A (with branch A1) and another agency X. A has 26 evaluators — 6 of level 1,
/// 8 of level 2, 12 of level 3 — of whom 8 are registered safety engineers; all full-time
/// with complete evidence paid by A or its branch.
fn world() -> B {
    let mut b = B::default();
    b.agency("A", 1, None, &[]);
    b.agency("A1", 2, Some("A"), &[]);
    b.agency("X", 3, None, &["petrochemical"]);
    for i in 0..26u32 {
        let level = match i {
            0..=5 => EvaluatorLevel::One,
            6..=13 => EvaluatorLevel::Two,
            _ => EvaluatorLevel::Three,
        };
        // Half of them are paid by the branch: one payer with the head office.
        let payer = if i % 2 == 0 { uscc(1) } else { uscc(2) };
        let agency = if i % 2 == 0 { "A" } else { "A1" };
        b.person(
            &format!("P{i:02}"),
            i + 1,
            agency,
            Some(level),
            i % 3 == 0,
            payer,
            &MONTHS,
        );
    }
    b
}

fn app(kind: ApplicationKind, scopes: &[IndustryScope]) -> Application {
    Application {
        agency: "A".parse().unwrap(),
        kind,
        scopes: scopes.to_vec(),
        fixed_assets_yuan: dec("8000000"),
        floor_area_m2: dec("1000"),
        archive_area_m2: dec("100"),
        regulator_link: RegulatorLink::None,
        documents: vec![
            Document::InternalManagement,
            Document::ProcessControl,
            Document::CommitmentLetter,
        ],
    }
}

fn new_app() -> Application {
    app(ApplicationKind::New, &[IndustryScope::Petrochemical])
}

fn run(b: &B, a: &Application) -> ReviewChecklist {
    review(&b.build(), a, d(AS_OF), pack()).unwrap()
}

fn failed(c: &ReviewChecklist) -> Vec<&str> {
    c.failed().map(|l| l.rule.id.as_str()).collect()
}

fn line<'a>(c: &'a ReviewChecklist, id: &str) -> &'a crate::workflows::review::CheckLine {
    c.lines.iter().find(|l| l.rule.id == id).unwrap()
}

#[test]
fn a_complete_application_passes_every_line() {
    let c = run(&world(), &new_app());
    assert_eq!(failed(&c), Vec::<&str>::new());
    assert!(c.passed);
    assert_eq!(c.lines.len(), 12);
    assert_eq!(c.persons.len(), 26);
    assert!(c.persons.iter().all(|p| p.counted));
    assert!(c.persons[0].id_number.contains("***********"));
    for l in &c.lines {
        assert!(!l.rule.legal_ref.is_empty(), "{}", l.rule.id);
    }
    assert!(line(&c, "REVIEW_HEADCOUNT")
        .requirement
        .contains("不少于 25 人"));
}

#[test]
fn headcount_edge_is_twenty_five_for_one_scope() {
    // Dropping one person's tax record in one month: 25 counted, still enough.
    let mut b = world();
    b.t.contributions.retain(|c| {
        !(c.id_number == super::rid(26)
            && c.kind == ContributionKind::IncomeTax
            && c.month.to_string() == "2024-09")
    });
    let c = run(&b, &new_app());
    assert_eq!(failed(&c), ["REVIEW_FULL_TIME_EVIDENCE"]);
    let ev = &line(&c, "REVIEW_FULL_TIME_EVIDENCE").evidence;
    assert_eq!(ev.len(), 1);
    assert!(
        ev[0].starts_with("P25") && ev[0].contains("2024-09 个人所得税"),
        "{ev:?}"
    );
    assert!(line(&c, "REVIEW_HEADCOUNT").actual.contains("可计入 25 人"));
    // A second person without payroll in August: 24 < 25.
    b.t.contributions.retain(|c| {
        !(c.id_number == super::rid(25)
            && c.kind == ContributionKind::Payroll
            && c.month.to_string() == "2024-08")
    });
    let c = run(&b, &new_app());
    assert_eq!(
        failed(&c),
        ["REVIEW_HEADCOUNT", "REVIEW_FULL_TIME_EVIDENCE"]
    );
}

#[test]
fn extension_needs_five_more_per_scope_and_only_new_scopes() {
    let mut b = world();
    b.t.agencies[0].qualified_until = Some(d("2026-01-01"));
    b.t.agencies[0].scopes = vec!["petrochemical".parse().unwrap()];
    let ext = app(ApplicationKind::Extension, &[IndustryScope::MetalSmelting]);
    let c = run(&b, &ext);
    assert_eq!(
        c.total_scopes,
        [IndustryScope::Petrochemical, IndustryScope::MetalSmelting]
    );
    assert!(line(&c, "REVIEW_HEADCOUNT")
        .requirement
        .contains("不少于 30 人"));
    assert_eq!(failed(&c), ["REVIEW_HEADCOUNT"]);
    let held = app(ApplicationKind::Extension, &[IndustryScope::Petrochemical]);
    assert_eq!(
        review(&b.build(), &held, d(AS_OF), pack())
            .unwrap_err()
            .code(),
        "scope_already_held"
    );
    assert_eq!(
        review(&b.build(), &new_app(), d(AS_OF), pack())
            .unwrap_err()
            .code(),
        "already_qualified"
    );
    // Expired qualification: an extension is refused.
    b.t.agencies[0].qualified_until = Some(d("2024-11-29"));
    assert_eq!(
        review(&b.build(), &ext, d(AS_OF), pack())
            .unwrap_err()
            .code(),
        "no_qualification"
    );
}

#[test]
fn social_insurance_must_be_unique_across_every_agency_in_the_data() {
    let mut b = world();
    // P03 also has pension from X in March, within the 12 months before November.
    b.pay(4, uscc(3), "2024-03", ContributionKind::Pension);
    // P04 from an employer outside the dataset in November 2023 (13 months back: not checked).
    b.pay(5, uscc(99), "2023-10", ContributionKind::Pension);
    // P05 from an employer outside the dataset in November 2023 (12 months back: checked).
    b.pay(6, uscc(99), "2023-11", ContributionKind::Pension);
    let c = run(&b, &new_app());
    let l = line(&c, "REVIEW_SOCIAL_INSURANCE_UNIQUE");
    assert!(!l.passed);
    assert_eq!(l.evidence.len(), 2, "{:?}", l.evidence);
    assert!(l.evidence[0].starts_with("P03") && l.evidence[0].contains("X安全评价有限公司（X）"));
    assert!(l.evidence[1].starts_with("P05") && l.evidence[1].contains("数据集外单位"));
}

#[test]
fn certificates_must_be_verified_and_none_failed() {
    let mut b = world();
    // P20: a second, failed evaluator certificate.
    b.cert("P20", CertificateKind::Evaluator, Verification::Failed);
    // P21: its only evaluator certificate is pending.
    let i =
        b.t.certificates
            .iter()
            .position(|c| c.practitioner.as_str() == "P21")
            .unwrap();
    b.t.certificates[i].verification = Verification::Pending;
    // P22: expired.
    let i =
        b.t.certificates
            .iter()
            .position(|c| c.practitioner.as_str() == "P22")
            .unwrap();
    b.t.certificates[i].valid_until = Some(d("2024-11-29"));
    let c = run(&b, &new_app());
    let l = line(&c, "REVIEW_CERTIFICATES");
    assert_eq!(l.evidence.len(), 3);
    assert!(l.evidence[0].contains("核验未通过"));
    assert!(l.evidence[1].contains("待核验"));
    assert!(l.evidence[2].contains("无 2024-11-30 有效的安全评价师证书"));
    // 23 counted: the headcount fails too.
    assert_eq!(failed(&c), ["REVIEW_HEADCOUNT", "REVIEW_CERTIFICATES"]);
}

#[test]
fn assets_area_and_archive_edges() {
    let b = world();
    let mut a = new_app();
    a.fixed_assets_yuan = dec("7999999.99");
    a.floor_area_m2 = dec("999.99");
    a.archive_area_m2 = dec("99.99");
    let c = run(&b, &a);
    assert_eq!(
        failed(&c),
        [
            "REVIEW_FIXED_ASSETS",
            "REVIEW_FLOOR_AREA",
            "REVIEW_ARCHIVE_ROOM"
        ]
    );
    assert!(line(&c, "REVIEW_FIXED_ASSETS")
        .actual
        .contains("7,999,999.99元"));
}

#[test]
fn major_violation_in_the_three_years_before_the_application() {
    let mut b = world();
    let push = |b: &mut B, id: &str, on: &str, measure, violation| {
        b.t.sanctions.push(Sanction {
            id: id.parse::<SanctionId>().unwrap(),
            subject: Subject::Agency("A1".parse().unwrap()),
            measure,
            violation,
            decided_on: d(on),
            fine_yuan: None,
            ends_on: None,
        });
    };
    // Exactly three years before: outside the window.
    push(
        &mut b,
        "S1",
        "2021-11-30",
        Measure::Suspension,
        Violation::Other,
    );
    // A warning for a procedural lapse is not a major violation.
    push(
        &mut b,
        "S2",
        "2024-01-01",
        Measure::Warning,
        Violation::Procedure,
    );
    assert!(run(&b, &new_app()).passed);
    // One day inside, on the branch: fails.
    push(
        &mut b,
        "S3",
        "2021-12-01",
        Measure::Fine,
        Violation::FalseReport,
    );
    let c = run(&b, &new_app());
    assert_eq!(failed(&c), ["REVIEW_NO_MAJOR_VIOLATION"]);
    assert!(line(&c, "REVIEW_NO_MAJOR_VIOLATION").evidence[0].starts_with("S3 2021-12-01 A1"));
}

#[test]
fn regulator_run_documents_and_assumed_ratios() {
    let b = world();
    let mut a = new_app();
    a.regulator_link = RegulatorLink::RegulatorEnterprise;
    a.documents = vec![Document::ProcessControl];
    let c = run(&b, &a);
    assert_eq!(failed(&c), ["REVIEW_NOT_REGULATOR_RUN", "REVIEW_DOCUMENTS"]);
    let docs = line(&c, "REVIEW_DOCUMENTS");
    assert_eq!(docs.evidence.len(), 2);
    assert!(docs.evidence[0].contains("内部管理制度"));
    // The level shares are unconfirmed: the line says its parameters are assumptions.
    let share = line(&c, "REVIEW_LEVEL_SHARE");
    assert!(share.params.iter().all(|p| p.assumption));
    let assets = line(&c, "REVIEW_FIXED_ASSETS");
    assert!(assets.params.iter().all(|p| !p.assumption));
}

#[test]
fn level_share_edges() {
    // 6 of 26 level 1 = 23 % ≥ 20 %; make 5 of them level 3: 1 of 26 < 20 %.
    let mut b = world();
    for p in b.t.practitioners.iter_mut().take(5) {
        p.evaluator_level = Some(EvaluatorLevel::Three);
    }
    let c = run(&b, &new_app());
    assert_eq!(failed(&c), ["REVIEW_LEVEL_SHARE"]);
}

#[test]
fn engineer_ratio_edge() {
    // 9 of 26 are engineers (i % 3 == 0): 34.6 %. Down to 7 of 26 = 26.9 % < 30 %.
    let mut b = world();
    let mut dropped = 0;
    for p in b.t.practitioners.iter_mut() {
        if p.safety_engineer.is_some() && dropped < 2 {
            p.safety_engineer = None;
            dropped += 1;
        }
    }
    let c = run(&b, &new_app());
    assert_eq!(failed(&c), ["REVIEW_ENGINEER_RATIO"]);
}

#[test]
fn unknown_agency_and_branch_are_refused() {
    let b = world();
    let mut a = new_app();
    a.agency = "ZZ".parse().unwrap();
    assert_eq!(
        review(&b.build(), &a, d(AS_OF), pack()).unwrap_err().code(),
        "unknown_agency"
    );
    a.agency = "A1".parse().unwrap();
    assert_eq!(
        review(&b.build(), &a, d(AS_OF), pack()).unwrap_err().code(),
        "not_head_office"
    );
}
