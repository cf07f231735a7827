//! Rewards under the 安全生产领域举报奖励办法 (15 % of the fine, 3,000 to 300,000; per concealed
//! death 30,000 / 40,000 / 50,000 / 60,000 by accident class, at most 300,000), complaint
//! deadlines, and the whistle-blower's confidentiality.

use super::{d, dec, pack, B};
use crate::workflows::complaint::{overview, reward, track, RewardBasis, RewardClaim};
use proptest::prelude::*;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::workflows::{ComplaintCase, ComplaintState};
use zhongjie_core::{Complaint, ComplaintCategory, ComplaintStatus, Confidential, Severity};

fn violation(fine: &str, insider: bool) -> Decimal {
    let c = RewardClaim {
        basis: RewardBasis::Violation {
            fine_yuan: dec(fine),
        },
        insider,
        first_valid: true,
    };
    reward(&c, d("2024-11-30"), pack()).unwrap().amount
}

fn concealed(severity: Severity, deaths: u32, insider: bool) -> Decimal {
    let c = RewardClaim {
        basis: RewardBasis::ConcealedAccident {
            severity,
            concealed_deaths: deaths,
        },
        insider,
        first_valid: true,
    };
    reward(&c, d("2024-11-30"), pack()).unwrap().amount
}

#[test]
fn violation_reward_brackets() {
    for (fine, amount) in [
        ("0", "3000"),
        ("19999", "3000"),
        ("20000", "3000"),
        ("20000.01", "3000"),
        ("20100", "3015"),
        ("33333", "4999.95"),
        ("200000", "30000"),
        ("2000000", "300000"),
        ("2000100", "300000"),
        ("100000000", "300000"),
    ] {
        assert_eq!(violation(fine, false), dec(amount), "fine {fine}");
    }
}

#[test]
fn insider_bonus_applies_to_the_reward_and_the_cap_applies_last() {
    assert_eq!(violation("200000", true), dec("36000"));
    assert_eq!(violation("0", true), dec("3600"));
    assert_eq!(violation("1700000", true), dec("300000"));
    assert_eq!(violation("1600000", true), dec("288000"));
    assert_eq!(concealed(Severity::General, 1, true), dec("36000"));
}

#[test]
fn concealed_accident_reward_brackets() {
    for (sev, deaths, amount) in [
        (Severity::General, 1, "30000"),
        (Severity::General, 10, "300000"),
        (Severity::General, 11, "300000"),
        (Severity::Larger, 2, "80000"),
        (Severity::Major, 6, "300000"),
        (Severity::Major, 5, "250000"),
        (Severity::EspeciallyMajor, 4, "240000"),
        (Severity::EspeciallyMajor, 5, "300000"),
        (Severity::EspeciallyMajor, 0, "0"),
    ] {
        assert_eq!(
            concealed(sev, deaths, false),
            dec(amount),
            "{sev} × {deaths}"
        );
    }
}

#[test]
fn only_the_first_valid_report_is_rewarded_and_negative_fines_are_refused() {
    let c = RewardClaim {
        basis: RewardBasis::Violation {
            fine_yuan: dec("200000"),
        },
        insider: true,
        first_valid: false,
    };
    let r = reward(&c, d("2024-11-30"), pack()).unwrap();
    assert_eq!(r.amount, Decimal::ZERO);
    assert!(r.rules.iter().any(|x| x.id == "REWARD_FIRST_ONLY"));
    let neg = RewardClaim {
        basis: RewardBasis::Violation {
            fine_yuan: dec("-1"),
        },
        insider: false,
        first_valid: true,
    };
    assert_eq!(
        reward(&neg, d("2024-11-30"), pack()).unwrap_err().code(),
        "negative_amount"
    );
}

#[test]
fn reward_explains_itself_and_marks_assumptions() {
    let c = RewardClaim {
        basis: RewardBasis::Violation {
            fine_yuan: dec("200000"),
        },
        insider: true,
        first_valid: true,
    };
    let r = reward(&c, d("2024-11-30"), pack()).unwrap();
    let text = r.to_text();
    assert!(text.contains("罚款 200,000元 × 15% = 30,000元"), "{text}");
    assert!(text.contains("36,000元"));
    let bonus = r
        .params
        .iter()
        .find(|p| p.key == "reward.insider_bonus_percent")
        .unwrap();
    assert!(bonus.assumption);
    assert!(text.contains("【假定】"));
}

proptest! {
    #[test]
    fn a_reward_never_exceeds_its_cap(cents in 0i64..10_000_000_000_000, insider: bool, first: bool,
                                      sev in proptest::sample::select(Severity::ALL.to_vec()), deaths in 0u32..100) {
        let p = pack();
        let v = RewardClaim { basis: RewardBasis::Violation { fine_yuan: Decimal::new(cents, 2) }, insider, first_valid: first };
        let a = reward(&v, d("2024-11-30"), p).unwrap();
        prop_assert!(a.amount <= dec("300000") && a.amount == a.amount.min(a.cap));
        if first {
            prop_assert!(a.amount >= dec("3000"));
        } else {
            prop_assert_eq!(a.amount, Decimal::ZERO);
        }
        let c = RewardClaim { basis: RewardBasis::ConcealedAccident { severity: sev, concealed_deaths: deaths }, insider, first_valid: first };
        let b = reward(&c, d("2024-11-30"), p).unwrap();
        prop_assert!(b.amount <= dec("300000"));
        prop_assert!(b.amount >= Decimal::ZERO);
    }
}

const CASE: &str = r#"complaint_id = "C1"
agency_id = "A"
category = "false_report"
insider = true
reporter_contact = "13800001111 王某"

[[step]]
state = "received"
on = "2024-07-01"

[[step]]
state = "accepted"
on = "2024-07-08"

[[step]]
state = "substantiated"
on = "2024-08-20"
"#;

#[test]
fn tracking_gives_each_step_its_deadline() {
    let c = ComplaintCase::parse(CASE).unwrap();
    let t = track(&c, d("2024-09-30"), pack()).unwrap();
    // received 2024-07-01 + 5 → 07-06, left 07-08: late.
    assert_eq!(t.steps[0].deadline, Some(d("2024-07-06")));
    assert!(t.steps[0].overdue);
    // accepted 07-08 + 60 → 09-06, left 08-20: on time.
    assert_eq!(t.steps[1].deadline, Some(d("2024-09-06")));
    assert!(!t.steps[1].overdue);
    // substantiated 08-20 + 15 → 09-04, still there on 09-30: 26 days late.
    assert_eq!(t.state, ComplaintState::Substantiated);
    assert_eq!(t.overdue_days, 26);
    assert_eq!(
        t.next,
        [ComplaintState::RewardDecided, ComplaintState::Closed]
    );
    assert!(t.params.iter().all(|p| p.assumption));
    // As of an earlier date the later steps have not happened.
    let early = track(&c, d("2024-07-05"), pack()).unwrap();
    assert_eq!(
        (early.state, early.overdue_days),
        (ComplaintState::Received, 0)
    );
    assert_eq!(
        track(&c, d("2024-06-30"), pack()).unwrap_err().code(),
        "not_yet_received"
    );
}

#[test]
fn the_reporter_never_appears_in_any_output() {
    let c = ComplaintCase::parse(CASE).unwrap();
    let t = track(&c, d("2024-09-30"), pack()).unwrap();
    let text = t.to_text();
    let json = serde_json::to_string(&t).unwrap();
    for out in [&text, &json, &format!("{t:?}"), &format!("{c:?}")] {
        assert!(
            !out.contains("13800001111") && !out.contains("王某"),
            "{out}"
        );
    }
    assert!(text.contains("[保密]（内部吹哨人）"));

    let mut b = B::default();
    b.agency("A", 1, None, &[]);
    b.t.complaints.push(Complaint {
        id: "K1".parse().unwrap(),
        received_on: d("2024-07-01"),
        agency: "A".parse().unwrap(),
        practitioner: None,
        category: ComplaintCategory::Fee,
        status: ComplaintStatus::Pending,
        closed_on: None,
        reporter_contact: Some(Confidential::new("13900002222")),
    });
    let o = overview(&b.build(), d("2024-09-30"), pack()).unwrap();
    let all = format!("{}{}{o:?}", o.to_text(), serde_json::to_string(&o).unwrap());
    assert!(!all.contains("13900002222"));
    assert!(o.rows[0].reporter_on_file);
}

#[test]
fn dataset_overview_deadlines() {
    let mut b = B::default();
    b.agency("A", 1, None, &[]);
    let mut push = |id: &str, recv: &str, status, closed: Option<&str>| {
        b.t.complaints.push(Complaint {
            id: id.parse().unwrap(),
            received_on: d(recv),
            agency: "A".parse().unwrap(),
            practitioner: None,
            category: ComplaintCategory::FalseReport,
            status,
            closed_on: closed.map(d),
            reporter_contact: None,
        });
    };
    // pending: 5 + 60 days → 2024-09-04.
    push("K1", "2024-07-01", ComplaintStatus::Pending, None);
    // unsubstantiated, closed: 5 + 60 + 5 → 2024-09-09; closed on 09-09 is on time.
    push(
        "K2",
        "2024-07-01",
        ComplaintStatus::Unsubstantiated,
        Some("2024-09-09"),
    );
    // substantiated, closed a day late: 5 + 60 + 15 → 2024-09-19.
    push(
        "K3",
        "2024-07-01",
        ComplaintStatus::Substantiated,
        Some("2024-09-20"),
    );
    // received after the as-of date: not there yet.
    push("K4", "2024-10-01", ComplaintStatus::Pending, None);
    let o = overview(&b.build(), d("2024-09-30"), pack()).unwrap();
    let got: Vec<(&str, ComplaintState, String, i64)> = o
        .rows
        .iter()
        .map(|r| {
            (
                r.complaint_id.as_str(),
                r.state,
                r.deadline.to_string(),
                r.overdue_days,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("K1", ComplaintState::Accepted, "2024-09-04".into(), 26),
            ("K2", ComplaintState::Closed, "2024-09-09".into(), 0),
            ("K3", ComplaintState::Closed, "2024-09-19".into(), 1),
        ]
    );
}
