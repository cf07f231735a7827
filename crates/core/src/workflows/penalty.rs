//! 处罚裁量 — the offences a penalty decision is about, the discretion circumstances, and the
//! states of a listing on the serious-dishonesty list (seed 二(四)14; 安全生产法 Art.92;
//! 浙江省安全生产条例 Art.34/46; MEM Order No.1; MEM Order No.11).

use crate::code_enum;

code_enum! {
    /// 违法行为（处罚裁量用，比 exchange-v1 的 `violation` 更细）.
    Offence {
        InaccurateReport = "inaccurate_report" / "出具失实报告",
        FalseReport = "false_report" / "出具虚假报告",
        QualificationLending = "qualification_lending" / "租借资质、挂靠",
        MajorOmission = "major_omission" / "出具有重大疏漏的报告",
        SecretLeak = "secret_leak" / "泄露服务对象的技术秘密和商业秘密",
        ProcedureChange = "procedure_change" / "擅自更改、简化法定程序",
        NoSiteSurvey = "no_site_survey" / "未经现场勘查出具安全评价报告",
        UnqualifiedPractice = "unqualified_practice" / "未取得资质擅自从事安全评价",
    }
}

/// Which legal provision sets the fines of an offence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Provision {
    /// 安全生产法 Art.92 ¶1.
    SafetyLaw92Para1,
    /// 安全生产法 Art.92 ¶2 and ¶3.
    SafetyLaw92Para2,
    /// 浙江省安全生产条例 Art.46 (acts (2)–(5) of Art.34).
    ZhejiangArt46,
    /// 安全评价检测检验机构管理办法: practising without a qualification.
    Order1Unqualified,
}

impl Offence {
    /// The provision that sets its fines.
    pub const fn provision(self) -> Provision {
        match self {
            Offence::InaccurateReport => Provision::SafetyLaw92Para1,
            Offence::FalseReport | Offence::QualificationLending => Provision::SafetyLaw92Para2,
            Offence::MajorOmission
            | Offence::SecretLeak
            | Offence::ProcedureChange
            | Offence::NoSiteSurvey => Provision::ZhejiangArt46,
            Offence::UnqualifiedPractice => Provision::Order1Unqualified,
        }
    }
}

code_enum! {
    /// 裁量情节.
    Circumstance {
        Lighter = "lighter" / "从轻",
        Ordinary = "ordinary" / "一般",
        Heavier = "heavier" / "从重",
    }
}

code_enum! {
    /// 严重失信主体名单状态.
    ListingState {
        Listed = "listed" / "列入名单（未满信用修复期）",
        Repairable = "repairable" / "列入名单（可申请信用修复）",
        Repaired = "repaired" / "信用修复后提前移出",
        Expired = "expired" / "期满自动移出",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offences_map_to_the_provision_that_sets_their_fines() {
        use Offence::*;
        let zj46: Vec<Offence> = Offence::ALL
            .iter()
            .copied()
            .filter(|o| o.provision() == Provision::ZhejiangArt46)
            .collect();
        // 浙江省安全生产条例第三十四条第（二）至（五）项.
        assert_eq!(
            zj46,
            [MajorOmission, SecretLeak, ProcedureChange, NoSiteSurvey]
        );
        assert_eq!(InaccurateReport.provision(), Provision::SafetyLaw92Para1);
        assert_eq!(FalseReport.provision(), Provision::SafetyLaw92Para2);
        assert_eq!(
            QualificationLending.provision(),
            Provision::SafetyLaw92Para2
        );
        assert_eq!(
            UnqualifiedPractice.provision(),
            Provision::Order1Unqualified
        );
        assert!("fraud".parse::<Offence>().is_err());
    }
}
