//! Penalty brackets, written from the legal texts:
//! - 安全生产法（2021）第九十二条: ¶1 失实 30,000–100,000 + 停业整顿; ¶2 虚假、租借资质：违法所得
//!   十万元以上 2–5 倍，没有或不足十万元 100,000–200,000，责任人员 50,000–100,000; ¶3 五年禁入，
//!   情节严重终身禁入.
//! - 浙江省安全生产条例第四十六条: 10,000–50,000；情节严重 停业整顿 + 50,000–200,000，责任人员
//!   10,000–20,000.
//! - 安全评价检测检验机构管理办法（未取得资质）: 违法所得 1–3 倍、最高 30,000；无违法所得
//!   5,000–10,000；个人 5,000–10,000.
//! - 浙应急〔2024〕85号 二(四)14: 隐瞒重大事故隐患、出具失实或虚假报告的按上限查处.
//! - 两高解释（二）第七至九条: 刑事移送门槛.

use super::{d, dec, pack};
use crate::workflows::penalty::{assess, listing_status, PenaltyAssessment, PenaltyCase, Range};
use crate::workflows::WorkflowError;
use proptest::prelude::*;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::workflows::{Circumstance, ListingState, Offence};

const D: &str = "2024-11-30";

fn run(case: PenaltyCase) -> PenaltyAssessment {
    assess(&case, d(D), pack()).unwrap()
}

fn r(min: &str, max: &str) -> Range {
    Range {
        min: dec(min),
        max: dec(max),
    }
}

fn with_gains(o: Offence, g: &str) -> PenaltyCase {
    PenaltyCase {
        illegal_gains_yuan: dec(g),
        ..PenaltyCase::new(o)
    }
}

#[test]
fn art92_para2_gains_bracket_edges() {
    for (g, statutory) in [
        ("0", r("100000", "200000")),
        ("99999.99", r("100000", "200000")),
        ("100000", r("200000", "500000")),
        ("150000", r("300000", "750000")),
    ] {
        for o in [Offence::FalseReport, Offence::QualificationLending] {
            let a = run(with_gains(o, g));
            assert_eq!(a.agency_fine.statutory, statutory, "{o} gains {g}");
            assert_eq!(
                a.person_fine.as_ref().unwrap().statutory,
                r("50000", "100000")
            );
        }
    }
    // Confiscation only when there are gains.
    let none = run(with_gains(Offence::QualificationLending, "0"));
    assert!(!none.measures.iter().any(|m| m.code == "confiscation"));
    let some = run(with_gains(Offence::QualificationLending, "1"));
    assert!(some
        .measures
        .iter()
        .any(|m| m.code == "confiscation" && m.text.contains("1元")));
}

#[test]
fn false_report_is_punished_at_the_upper_limit_from_the_seed_date() {
    let a = run(with_gains(Offence::FalseReport, "150000"));
    assert!(a.upper_limit);
    assert_eq!(a.agency_fine.band, r("750000", "750000"));
    assert_eq!(a.person_fine.unwrap().band, r("100000", "100000"));
    // The day before the seed was issued, ordinary discretion applies.
    let before = assess(
        &with_gains(Offence::FalseReport, "150000"),
        d("2024-06-16"),
        pack(),
    )
    .unwrap();
    assert!(!before.upper_limit);
    assert_eq!(before.agency_fine.band, r("435000", "615000"));
}

#[test]
fn inaccurate_report_range_suspension_and_upper_limit() {
    let a = run(PenaltyCase::new(Offence::InaccurateReport));
    assert_eq!(a.agency_fine.statutory, r("30000", "100000"));
    assert_eq!(a.agency_fine.band, r("100000", "100000"));
    assert!(a.person_fine.is_none());
    assert!(a.measures.iter().any(|m| m.code == "suspension"));
    let before = assess(
        &PenaltyCase::new(Offence::InaccurateReport),
        d("2024-06-16"),
        pack(),
    )
    .unwrap();
    assert_eq!(before.agency_fine.band, r("51000", "79000"));
}

#[test]
fn discretion_bands_of_lending_which_is_not_under_the_upper_limit() {
    for (c, band) in [
        (None, r("435000", "615000")),
        (Some(Circumstance::Lighter), r("300000", "435000")),
        (Some(Circumstance::Ordinary), r("435000", "615000")),
        (Some(Circumstance::Heavier), r("615000", "750000")),
    ] {
        let a = run(PenaltyCase {
            circumstance: c,
            ..with_gains(Offence::QualificationLending, "150000")
        });
        assert!(!a.upper_limit);
        assert_eq!(a.agency_fine.band, band, "{c:?}");
    }
    // A hidden major hazard brings lending under the upper limit too.
    let h = run(PenaltyCase {
        hidden_major_hazard: true,
        ..with_gains(Offence::QualificationLending, "150000")
    });
    assert_eq!(h.agency_fine.band, r("750000", "750000"));
}

#[test]
fn mitigation_and_the_upper_limit_contradict() {
    let e = assess(
        &PenaltyCase {
            circumstance: Some(Circumstance::Lighter),
            ..PenaltyCase::new(Offence::FalseReport)
        },
        d(D),
        pack(),
    )
    .unwrap_err();
    match e {
        WorkflowError::Conflict { rules, .. } => {
            assert_eq!(rules, ["PENALTY_UPPER_LIMIT", "PENALTY_MITIGATION"]);
        }
        other => panic!("{other:?}"),
    }
    // An explicit "heavier" is compatible: the upper limit prevails and says so.
    let a = run(PenaltyCase {
        circumstance: Some(Circumstance::Heavier),
        ..PenaltyCase::new(Offence::FalseReport)
    });
    assert_eq!(a.agency_fine.band, r("200000", "200000"));
    assert!(a.notes[0].contains("优先于所选“从重”情节"), "{:?}", a.notes);
}

#[test]
fn ban_is_five_years_or_lifetime_when_serious() {
    let a = run(PenaltyCase::new(Offence::FalseReport));
    let ban = a
        .measures
        .iter()
        .find(|m| m.code == "practice_ban")
        .unwrap();
    assert!(ban.text.contains("5 年内（至 2029-11-30）"), "{}", ban.text);
    assert!(a.measures.iter().any(|m| m.code == "revocation"));
    let s = run(PenaltyCase {
        serious: true,
        ..PenaltyCase::new(Offence::FalseReport)
    });
    assert!(s.measures.iter().any(|m| m.code == "lifetime_ban"));
    assert!(!s.measures.iter().any(|m| m.code == "practice_ban"));
}

#[test]
fn zhejiang_art46_ordinary_and_serious() {
    for o in [
        Offence::MajorOmission,
        Offence::SecretLeak,
        Offence::ProcedureChange,
        Offence::NoSiteSurvey,
    ] {
        let a = run(PenaltyCase::new(o));
        assert_eq!(a.agency_fine.statutory, r("10000", "50000"), "{o}");
        assert!(a.person_fine.is_none());
        assert!(!a.measures.iter().any(|m| m.code == "suspension"));
        let s = run(PenaltyCase {
            serious: true,
            ..PenaltyCase::new(o)
        });
        assert_eq!(s.agency_fine.statutory, r("50000", "200000"));
        assert_eq!(s.person_fine.unwrap().statutory, r("10000", "20000"));
        assert!(s.measures.iter().any(|m| m.code == "suspension"));
    }
    // Not under the upper limit unless a major hazard was hidden.
    let a = run(PenaltyCase::new(Offence::NoSiteSurvey));
    assert_eq!(a.agency_fine.band, r("22000", "38000"));
}

#[test]
fn unqualified_practice_multiples_and_cap() {
    for (g, statutory) in [
        ("0", r("5000", "10000")),
        ("5000", r("5000", "15000")),
        ("10000", r("10000", "30000")),
        ("10000.01", r("10000.01", "30000")),
        ("30000", r("30000", "30000")),
        ("40000", r("30000", "30000")),
    ] {
        let a = run(with_gains(Offence::UnqualifiedPractice, g));
        assert_eq!(a.agency_fine.statutory, statutory, "gains {g}");
        assert_eq!(a.person_fine.unwrap().statutory, r("5000", "10000"));
    }
}

#[test]
fn the_2021_safety_law_is_not_applied_before_it_took_effect() {
    let e = assess(
        &PenaltyCase::new(Offence::FalseReport),
        d("2021-08-31"),
        pack(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "not_in_force");
    assert!(assess(
        &PenaltyCase::new(Offence::FalseReport),
        d("2021-09-01"),
        pack()
    )
    .is_ok());
    // The Zhejiang regulation's ranges do not depend on that date.
    assert!(assess(
        &PenaltyCase::new(Offence::MajorOmission),
        d("2021-08-31"),
        pack()
    )
    .is_ok());
}

#[test]
fn criminal_referral_thresholds_of_false_reports() {
    let base = || PenaltyCase {
        serious_injuries: 2,
        direct_loss_yuan: dec("499999.99"),
        illegal_gains_yuan: dec("99999.99"),
        prior_penalties: 1,
        ..PenaltyCase::new(Offence::FalseReport)
    };
    let below = run(base());
    assert!(below.criminal.assessed && !below.criminal.recommended);
    for (case, fragment) in [
        (
            PenaltyCase {
                deaths: 1,
                ..base()
            },
            "死亡",
        ),
        (
            PenaltyCase {
                serious_injuries: 3,
                ..base()
            },
            "重伤",
        ),
        (
            PenaltyCase {
                direct_loss_yuan: dec("500000"),
                ..base()
            },
            "直接经济损失",
        ),
        (
            PenaltyCase {
                illegal_gains_yuan: dec("100000"),
                ..base()
            },
            "违法所得",
        ),
        (
            PenaltyCase {
                prior_penalties: 2,
                ..base()
            },
            "行政处罚",
        ),
    ] {
        let a = run(case);
        assert!(a.criminal.recommended, "{fragment}");
        assert_eq!(a.criminal.reasons.len(), 1, "{:?}", a.criminal.reasons);
        assert!(a.criminal.reasons[0].contains(fragment));
        assert_eq!(a.criminal.rules[0].id, "CRIMINAL_SERIOUS");
        assert!(!a.criminal.especially_heavy);
    }
    for case in [
        PenaltyCase {
            deaths: 3,
            ..base()
        },
        PenaltyCase {
            serious_injuries: 10,
            ..base()
        },
        PenaltyCase {
            direct_loss_yuan: dec("5000000"),
            ..base()
        },
    ] {
        assert!(run(case).criminal.especially_heavy);
    }
    let not = run(PenaltyCase {
        deaths: 2,
        serious_injuries: 9,
        direct_loss_yuan: dec("4999999.99"),
        ..base()
    });
    assert!(not.criminal.recommended && !not.criminal.especially_heavy);
}

#[test]
fn criminal_referral_thresholds_of_negligence() {
    for o in [Offence::InaccurateReport, Offence::MajorOmission] {
        let below = run(PenaltyCase {
            serious_injuries: 2,
            direct_loss_yuan: dec("999999.99"),
            illegal_gains_yuan: dec("500000"),
            prior_penalties: 5,
            ..PenaltyCase::new(o)
        });
        assert!(
            below.criminal.assessed && !below.criminal.recommended,
            "{o}"
        );
        for case in [
            PenaltyCase {
                deaths: 1,
                ..PenaltyCase::new(o)
            },
            PenaltyCase {
                serious_injuries: 3,
                ..PenaltyCase::new(o)
            },
            PenaltyCase {
                direct_loss_yuan: dec("1000000"),
                ..PenaltyCase::new(o)
            },
        ] {
            let a = run(case);
            assert!(a.criminal.recommended);
            assert_eq!(a.criminal.rules[0].id, "CRIMINAL_NEGLIGENCE");
        }
    }
    let other = run(PenaltyCase {
        deaths: 5,
        ..PenaltyCase::new(Offence::ProcedureChange)
    });
    assert!(!other.criminal.assessed && !other.criminal.recommended);
}

#[test]
fn dishonesty_listing_plan_and_lifecycle() {
    let a = run(PenaltyCase::new(Offence::FalseReport));
    let l = a.dishonesty.unwrap();
    assert_eq!(
        (l.listed_on, l.repair_from, l.removal_on),
        (d(D), d("2025-11-30"), d("2027-11-30"))
    );
    assert!(run(PenaltyCase::new(Offence::MajorOmission))
        .dishonesty
        .is_none());

    let listed = d("2024-02-29");
    let p = pack();
    let st = |as_of: &str, rep: Option<&str>| listing_status(listed, rep.map(d), d(as_of), p);
    assert_eq!(st("2025-02-27", None).unwrap().state, ListingState::Listed);
    let s = st("2025-02-28", None).unwrap();
    assert_eq!(
        (s.state, s.repair_from, s.removal_on),
        (ListingState::Repairable, d("2025-02-28"), d("2027-02-28"))
    );
    assert!(s.published);
    assert_eq!(
        st("2027-02-27", None).unwrap().state,
        ListingState::Repairable
    );
    let e = st("2027-02-28", None).unwrap();
    assert!(e.state == ListingState::Expired && !e.published);
    assert_eq!(
        st("2025-06-01", Some("2025-03-01")).unwrap().state,
        ListingState::Repaired
    );
    // A repair not yet granted on the as-of date does not count.
    assert_eq!(
        st("2025-02-28", Some("2025-03-01")).unwrap().state,
        ListingState::Repairable
    );
    assert_eq!(
        st("2025-06-01", Some("2025-01-01")).unwrap_err().code(),
        "conflicting_rules"
    );
    assert_eq!(st("2024-01-01", None).unwrap_err().code(), "not_yet_listed");
}

#[test]
fn every_assessment_explains_itself() {
    let a = run(with_gains(Offence::FalseReport, "150000"));
    assert_eq!(a.pack, pack().stamp());
    assert!(a.agency_fine.rule.legal_ref.contains("第九十二条第二款"));
    assert!(a
        .params
        .iter()
        .any(|p| p.key == "penalty.upper_limit.violations" && !p.assumption));
    assert!(a
        .params
        .iter()
        .any(|p| p.key == "penalty.discretion.ordinary.from_percent" && p.assumption));
    let text = a.to_text();
    for s in [
        "法定幅度：300,000元 至 750,000元",
        "按上限查处：750,000元",
        "建议移送司法机关",
        "规则包：zj-2024@",
    ] {
        assert!(text.contains(s), "{s}\n{text}");
    }
}

// ---------------------------------------------------------------------------------------------
// Properties. The oracle is the statutory range typed from the texts above.
// ---------------------------------------------------------------------------------------------

fn statutory(o: Offence, g: Decimal, serious: bool) -> (Range, Option<Range>) {
    let n = |x: i64| Decimal::from(x);
    let rr = |a: Decimal, b: Decimal| Range { min: a, max: b };
    match o {
        Offence::InaccurateReport => (rr(n(30_000), n(100_000)), None),
        Offence::FalseReport | Offence::QualificationLending => {
            let a = if g >= n(100_000) {
                rr(g * n(2), g * n(5))
            } else {
                rr(n(100_000), n(200_000))
            };
            (a, Some(rr(n(50_000), n(100_000))))
        }
        Offence::UnqualifiedPractice => {
            let a = if g > Decimal::ZERO {
                rr(g.min(n(30_000)), (g * n(3)).min(n(30_000)))
            } else {
                rr(n(5_000), n(10_000))
            };
            (a, Some(rr(n(5_000), n(10_000))))
        }
        _ if serious => (rr(n(50_000), n(200_000)), Some(rr(n(10_000), n(20_000)))),
        _ => (rr(n(10_000), n(50_000)), None),
    }
}

fn circumstance() -> impl Strategy<Value = Option<Circumstance>> {
    prop_oneof![
        Just(None),
        Just(Some(Circumstance::Lighter)),
        Just(Some(Circumstance::Ordinary)),
        Just(Some(Circumstance::Heavier)),
    ]
}

proptest! {
    #[test]
    fn a_penalty_is_always_within_its_legal_range(
        o in proptest::sample::select(Offence::ALL.to_vec()),
        cents in 0i64..100_000_000_000,
        serious: bool,
        hidden: bool,
        c in circumstance(),
        day in 0u64..3000,
    ) {
        let as_of = d("2021-09-01") + zhongjie_core::chrono::Days::new(day);
        let g = Decimal::new(cents, 2);
        let case = PenaltyCase {
            illegal_gains_yuan: g,
            serious,
            hidden_major_hazard: hidden,
            circumstance: c,
            ..PenaltyCase::new(o)
        };
        let upper_applies = as_of >= d("2024-06-17")
            && (hidden || matches!(o, Offence::FalseReport | Offence::InaccurateReport));
        match assess(&case, as_of, pack()) {
            Err(e) => {
                // The only refusal: mitigation against the upper limit.
                prop_assert!(upper_applies && c == Some(Circumstance::Lighter), "{e:?}");
            }
            Ok(a) => {
                let (agency, person) = statutory(o, g, serious);
                prop_assert_eq!(a.agency_fine.statutory, agency);
                prop_assert_eq!(a.person_fine.as_ref().map(|f| f.statutory), person);
                prop_assert_eq!(a.upper_limit, upper_applies);
                for f in std::iter::once(&a.agency_fine).chain(a.person_fine.as_ref()) {
                    prop_assert!(f.band.min <= f.band.max);
                    prop_assert!(f.statutory.contains(f.band.min) && f.statutory.contains(f.band.max));
                    if upper_applies {
                        // The upper-limit rule gives the maximum.
                        prop_assert_eq!(f.band.min, f.statutory.max);
                        prop_assert_eq!(f.band.max, f.statutory.max);
                    }
                }
            }
        }
    }
}
