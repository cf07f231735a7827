//! Tests of the workflows: table tests written from the legal texts (every bracket edge),
//! property tests of the invariants, and behaviour of the checklists and state machines.

mod complaint;
mod exam;
mod penalty;
mod review;

use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::resident_id::resident_id_check_char;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::uscc::uscc_check_char;
use zhongjie_core::{
    Agency, AgencyKind, AgencyStatus, Certificate, CertificateKind, Contribution, ContributionKind,
    Dataset, EvaluatorLevel, Practitioner, ResidentId, RulePack, SafetyEngineerGrade, Scope,
    Tables, Title, Uscc, Verification, YearMonth,
};

pub fn d(s: &str) -> NaiveDate {
    zhongjie_core::time::parse_date(s).unwrap()
}

pub fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The default pack, parsed once for all tests.
pub fn pack() -> &'static RulePack {
    static PACK: std::sync::OnceLock<RulePack> = std::sync::OnceLock::new();
    PACK.get_or_init(|| RulePack::zj_2024().unwrap())
}

/// A valid USCC numbered `n`.
pub fn uscc(n: u32) -> Uscc {
    let body = format!("91330106{n:09}");
    let c = uscc_check_char(&body).unwrap();
    format!("{body}{c}").parse().unwrap()
}

/// A valid resident ID numbered `n`.
pub fn rid(n: u32) -> ResidentId {
    let body = format!("330106199001{n:05}");
    let c = resident_id_check_char(&body).unwrap();
    format!("{body}{c}").parse().unwrap()
}

/// A small dataset builder.
#[derive(Default)]
pub struct B {
    pub t: Tables,
}

impl B {
    pub fn agency(
        &mut self,
        id: &str,
        n: u32,
        parent: Option<&str>,
        scopes: &[&str],
    ) -> &mut Agency {
        self.t.agencies.push(Agency {
            id: id.parse().unwrap(),
            name: format!("{id}安全评价有限公司"),
            kind: AgencyKind::SafetyEvaluation,
            uscc: uscc(n),
            region: "330106".parse().unwrap(),
            parent: parent.map(|p| p.parse().unwrap()),
            qualified_until: None,
            scopes: scopes.iter().map(|s| s.parse::<Scope>().unwrap()).collect(),
            status: AgencyStatus::Active,
        });
        self.t.agencies.last_mut().unwrap()
    }

    /// A professional of `agency` numbered `n`, with a verified certificate for each
    /// qualification and, for each of `months`, pension, income tax and payroll paid by `payer`.
    #[allow(clippy::too_many_arguments)]
    pub fn person(
        &mut self,
        id: &str,
        n: u32,
        agency: &str,
        level: Option<EvaluatorLevel>,
        engineer: bool,
        payer: Uscc,
        months: &[&str],
    ) {
        self.t.practitioners.push(Practitioner {
            id: id.parse().unwrap(),
            name: format!("人员{n}"),
            id_number: rid(n),
            agency: agency.parse().unwrap(),
            evaluator_level: level,
            safety_engineer: engineer.then_some(SafetyEngineerGrade::Intermediate),
            title: Title::None,
            specialties: Vec::new(),
            practice_since: None,
            expert_pool: false,
        });
        if level.is_some() {
            self.cert(id, CertificateKind::Evaluator, Verification::Verified);
        }
        if engineer {
            self.cert(id, CertificateKind::SafetyEngineer, Verification::Verified);
        }
        for m in months {
            for k in [
                ContributionKind::Pension,
                ContributionKind::IncomeTax,
                ContributionKind::Payroll,
            ] {
                self.pay(n, payer, m, k);
            }
        }
    }

    pub fn cert(&mut self, id: &str, kind: CertificateKind, v: Verification) {
        let k = self.t.certificates.len();
        self.t.certificates.push(Certificate {
            practitioner: id.parse().unwrap(),
            kind,
            number: format!("C{k:04}"),
            valid_from: d("2020-01-01"),
            valid_until: None,
            verification: v,
        });
    }

    pub fn pay(&mut self, person: u32, payer: Uscc, month: &str, kind: ContributionKind) {
        self.t.contributions.push(Contribution {
            id_number: rid(person),
            payer,
            month: month.parse::<YearMonth>().unwrap(),
            kind,
        });
    }

    pub fn build(&self) -> Dataset {
        Dataset::new(self.t.clone()).unwrap()
    }
}

#[test]
fn yuan_groups_thousands() {
    use super::yuan;
    assert_eq!(yuan(Decimal::new(300000, 0)), "300,000元");
    assert_eq!(yuan(Decimal::new(499995, 2)), "4,999.95元");
    assert_eq!(yuan(Decimal::new(30000000, 2)), "300,000元");
    assert_eq!(yuan(Decimal::new(999, 0)), "999元");
    assert_eq!(yuan(Decimal::ZERO), "0元");
}
