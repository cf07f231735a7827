//! Closed vocabularies of exchange v1 (part B): every code carries its Chinese name.

use core::fmt;
use core::str::FromStr;

/// A code that was not in its vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("未知代码 `{found}`，应为 {expected}")]
pub struct UnknownCode {
    /// What was found (the cell text).
    pub found: String,
    /// The accepted codes, joined by ` | `.
    pub expected: String,
}

/// Declares a closed vocabulary: an enum whose variants carry a stable code and a Chinese name,
/// with `ALL`, `code()`, `zh()`, `from_code()`, `FromStr` (refusing with [`UnknownCode`]),
/// `Display` and serde as the code. Used by every crate that defines codes.
#[macro_export]
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $name:ident { $( $(#[$vmeta:meta])* $variant:ident = $code:literal / $zh:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* #[doc = $zh] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            /// The stable code.
            pub const fn code(self) -> &'static str {
                match self { $( $name::$variant => $code ),+ }
            }

            /// The Chinese name.
            pub const fn zh(self) -> &'static str {
                match self { $( $name::$variant => $zh ),+ }
            }

            /// The value of a code, if it is one.
            pub fn from_code(s: &str) -> ::core::option::Option<$name> {
                match s { $( $code => Some($name::$variant), )+ _ => None }
            }

            /// The accepted codes, joined by ` | ` (for error messages).
            pub fn expected() -> String {
                let codes: &[&str] = &[ $( $code ),+ ];
                codes.join(" | ")
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = $crate::codes::UnknownCode;
            fn from_str(s: &str) -> Result<Self, $crate::codes::UnknownCode> {
                $name::from_code(s).ok_or_else(|| $crate::codes::UnknownCode {
                    found: s.to_owned(),
                    expected: Self::expected(),
                })
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.code())
            }
        }

        impl $crate::__serde::Serialize for $name {
            fn serialize<S: $crate::__serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> $crate::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as $crate::__serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(<D::Error as $crate::__serde::de::Error>::custom)
            }
        }
    };
}

code_enum! {
    /// 机构类型.
    AgencyKind {
        SafetyEvaluation = "safety_evaluation" / "安全评价机构",
        SocialService = "social_service" / "安全生产社会化服务机构",
    }
}

code_enum! {
    /// 机构状态.
    AgencyStatus {
        Active = "active" / "正常",
        Suspended = "suspended" / "停业整顿",
        Revoked = "revoked" / "资质吊销",
        Cancelled = "cancelled" / "注销",
    }
}

code_enum! {
    /// 业务范围 (industry scopes of MEM Order No.1, 2019).
    IndustryScope {
        CoalMining = "coal_mining" / "煤炭开采业",
        MetalNonmetalMining = "metal_nonmetal_mining" / "金属、非金属矿及其他矿采选业",
        OnshoreOilGas = "onshore_oil_gas" / "陆地石油和天然气开采业",
        OnshorePipeline = "onshore_pipeline" / "陆上油气管道运输业",
        Petrochemical = "petrochemical" / "石油加工业，化学原料、化学品及医药制造业",
        Fireworks = "fireworks" / "烟花爆竹制造业",
        MetalSmelting = "metal_smelting" / "金属冶炼",
    }
}

code_enum! {
    /// 服务类型.
    ServiceType {
        PreEvaluation = "pre_evaluation" / "安全预评价",
        AcceptanceEvaluation = "acceptance_evaluation" / "安全验收评价",
        StatusEvaluation = "status_evaluation" / "安全现状评价",
        HazardInspection = "hazard_inspection" / "隐患排查",
        Training = "training" / "教育培训",
        Consulting = "consulting" / "技术咨询",
        Testing = "testing" / "检测检验",
        Trusteeship = "trusteeship" / "安全托管",
        EmergencyPlan = "emergency_plan" / "应急预案",
        Standardization = "standardization" / "标准化创建",
        Assessment = "assessment" / "安全评估",
    }
}

impl ServiceType {
    /// 安全评价 types: pre-evaluation, acceptance and status evaluation.
    pub const fn is_evaluation(self) -> bool {
        matches!(
            self,
            ServiceType::PreEvaluation
                | ServiceType::AcceptanceEvaluation
                | ServiceType::StatusEvaluation
        )
    }
}

/// One code of an agency's `scopes` list: an industry scope or a service type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Scope {
    /// 业务范围.
    Industry(IndustryScope),
    /// 服务类型.
    Service(ServiceType),
}

impl Scope {
    /// The exchange-v1 code.
    pub const fn code(self) -> &'static str {
        match self {
            Scope::Industry(i) => i.code(),
            Scope::Service(s) => s.code(),
        }
    }
    /// The Chinese name.
    pub const fn zh(self) -> &'static str {
        match self {
            Scope::Industry(i) => i.zh(),
            Scope::Service(s) => s.zh(),
        }
    }
    /// Every scope code: industries first, then service types.
    pub fn all() -> impl Iterator<Item = Scope> {
        IndustryScope::ALL
            .iter()
            .map(|i| Scope::Industry(*i))
            .chain(ServiceType::ALL.iter().map(|s| Scope::Service(*s)))
    }
}

impl FromStr for Scope {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, UnknownCode> {
        if let Ok(i) = s.parse::<IndustryScope>() {
            return Ok(Scope::Industry(i));
        }
        if let Ok(t) = s.parse::<ServiceType>() {
            return Ok(Scope::Service(t));
        }
        Err(UnknownCode {
            found: s.to_owned(),
            expected: format!(
                "{} | {}",
                IndustryScope::expected(),
                ServiceType::expected()
            ),
        })
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Scope {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Scope {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

code_enum! {
    /// 安全评价师等级.
    EvaluatorLevel {
        One = "1" / "一级安全评价师",
        Two = "2" / "二级安全评价师",
        Three = "3" / "三级安全评价师",
    }
}

code_enum! {
    /// 注册安全工程师.
    SafetyEngineerGrade {
        Intermediate = "intermediate" / "中级注册安全工程师",
        Senior = "senior" / "高级注册安全工程师",
    }
}

code_enum! {
    /// 职称.
    Title {
        None = "none" / "无职称",
        Junior = "junior" / "初级职称",
        Intermediate = "intermediate" / "中级职称",
        Senior = "senior" / "高级职称",
    }
}

code_enum! {
    /// 证书类别.
    CertificateKind {
        Evaluator = "evaluator" / "安全评价师证书",
        SafetyEngineer = "safety_engineer" / "注册安全工程师证书",
        Title = "title" / "职称证书",
    }
}

code_enum! {
    /// 证书核验结果.
    Verification {
        Verified = "verified" / "核验通过",
        Pending = "pending" / "待核验",
        Failed = "failed" / "核验未通过",
    }
}

code_enum! {
    /// 缴费/纳税/工资记录类别.
    ContributionKind {
        Pension = "pension" / "养老保险",
        IncomeTax = "income_tax" / "个人所得税",
        Payroll = "payroll" / "工资流水",
    }
}

code_enum! {
    /// 项目组角色.
    Role {
        Leader = "leader" / "项目负责人",
        Member = "member" / "项目组成员",
        Reviewer = "reviewer" / "审核人",
        TechnicalLead = "technical_lead" / "技术负责人",
        ExternalExpert = "external_expert" / "外聘专家",
    }
}

code_enum! {
    /// 一项目一档 环节.
    Stage {
        Contract = "contract" / "合同签订",
        Notice = "notice" / "事项报告/执业告知",
        Plan = "plan" / "服务方案",
        SiteSurvey = "site_survey" / "现场服务",
        Findings = "findings" / "问题清单",
        Rectification = "rectification" / "问题整改",
        Report = "report" / "报告",
        Closure = "closure" / "服务闭环",
    }
}

code_enum! {
    /// 举报投诉类别.
    ComplaintCategory {
        FalseReport = "false_report" / "出具虚假报告",
        AbsentFromSite = "absent_from_site" / "未到现场",
        CertificateLending = "certificate_lending" / "出借证书",
        OverScope = "over_scope" / "超范围执业",
        Fee = "fee" / "收费问题",
        Other = "other" / "其他",
    }
}

code_enum! {
    /// 举报投诉办理状态.
    ComplaintStatus {
        Pending = "pending" / "办理中",
        Substantiated = "substantiated" / "查证属实",
        Unsubstantiated = "unsubstantiated" / "查无实据",
    }
}

code_enum! {
    /// 服务对象事件类别.
    ClientEventKind {
        MajorHazard = "major_hazard" / "重大事故隐患",
        Penalty = "penalty" / "行政处罚",
        Accident = "accident" / "生产安全事故",
    }
}

code_enum! {
    /// 事故等级.
    Severity {
        General = "general" / "一般事故",
        Larger = "larger" / "较大事故",
        Major = "major" / "重大事故",
        EspeciallyMajor = "especially_major" / "特别重大事故",
    }
}

code_enum! {
    /// 处理处罚对象.
    SubjectKind {
        Agency = "agency" / "机构",
        Practitioner = "practitioner" / "从业人员",
    }
}

code_enum! {
    /// 处理处罚措施.
    Measure {
        Circular = "circular" / "通报",
        Interview = "interview" / "约谈",
        Warning = "warning" / "警告",
        Fine = "fine" / "罚款",
        Suspension = "suspension" / "停业整顿",
        Revocation = "revocation" / "吊销/撤销",
        PracticeBan = "practice_ban" / "禁入",
        JudicialReferral = "judicial_referral" / "移送司法",
        DishonestyListing = "dishonesty_listing" / "列入严重失信主体名单",
    }
}

code_enum! {
    /// 违法违规行为.
    Violation {
        FalseReport = "false_report" / "出具虚假报告",
        InaccurateReport = "inaccurate_report" / "出具失实报告",
        QualificationLending = "qualification_lending" / "租借资质/挂靠",
        AbsentFromSite = "absent_from_site" / "未到现场",
        OverScope = "over_scope" / "超范围执业",
        Procedure = "procedure" / "程序违规",
        Other = "other" / "其他",
    }
}

code_enum! {
    /// 检查类别.
    InspectionKind {
        Routine = "routine" / "日常检查",
        Cross = "cross" / "交叉检查",
        MustCheck = "must_check" / "必查",
        OnSiteVerification = "on_site_verification" / "实地核查",
    }
}

code_enum! {
    /// 检查结果.
    InspectionResult {
        Pass = "pass" / "合格",
        IssuesFound = "issues_found" / "发现问题",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_is_refused() {
        for s in Scope::all() {
            assert_eq!(s.code().parse::<Scope>(), Ok(s));
        }
        let err = "mining".parse::<IndustryScope>().unwrap_err();
        assert_eq!(err.found, "mining");
        assert!(err.expected.contains("coal_mining"));
        assert!(ServiceType::StatusEvaluation.is_evaluation());
        assert!(!ServiceType::Training.is_evaluation());
    }
}
