//! The outputs of a supervision run (exchange v1 part C) and their explanations.

use serde::Serialize;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{code_enum, AgencyId, LegalRef, PractitionerId};

code_enum! {
    /// The 20 finding rules of part C.1, in the order of the spec's table.
    RuleId {
        ConcurrentPractice = "CONCURRENT_PRACTICE" / "一人多地多项目同时执业",
        InfeasibleTravel = "INFEASIBLE_TRAVEL" / "行程不可能",
        DualPension = "DUAL_PENSION" / "社保不唯一",
        PayMismatch = "PAY_MISMATCH" / "挂靠嫌疑",
        NotFullTime = "NOT_FULL_TIME" / "非专职",
        HeadcountShortfall = "HEADCOUNT_SHORTFALL" / "安评师数量不足",
        EngineerRatioShortfall = "ENGINEER_RATIO_SHORTFALL" / "注安师比例不足",
        MinProfessionals = "MIN_PROFESSIONALS" / "专业人员不足",
        QualificationInvalid = "QUALIFICATION_INVALID" / "资质失效执业",
        OutOfScope = "OUT_OF_SCOPE" / "超范围执业",
        NoticeLate = "NOTICE_LATE" / "执业告知不及时",
        ReportOverdue = "REPORT_OVERDUE" / "报告逾期上传",
        ArchiveIncomplete = "ARCHIVE_INCOMPLETE" / "档案不全",
        LeaderAbsent = "LEADER_ABSENT" / "负责人未到现场",
        DurationShort = "DURATION_SHORT" / "服务时长不足",
        NoQualifiedSpecialist = "NO_QUALIFIED_SPECIALIST" / "专业不匹配",
        StaffNotEmployed = "STAFF_NOT_EMPLOYED" / "非本机构人员",
        CapacityExceeded = "CAPACITY_EXCEEDED" / "超能力承接",
        CertInvalid = "CERT_INVALID" / "证书核验未通过",
        CertExpiredOnProject = "CERT_EXPIRED_ON_PROJECT" / "证书过期执业",
    }
}

code_enum! {
    /// Who a finding is about.
    FindingSubject {
        Agency = "agency" / "机构",
        Practitioner = "practitioner" / "从业人员",
        Project = "project" / "项目",
    }
}

/// One warning or violation clue (预警/违规线索).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Finding {
    /// Which rule.
    pub rule: RuleId,
    /// Subject kind.
    pub subject_kind: FindingSubject,
    /// Subject id.
    pub subject_id: String,
    /// The finding's date.
    pub date: NaiveDate,
    /// Evidence strings, as the spec orders them.
    pub evidence: Vec<String>,
    /// The root agency the finding is attributed to.
    pub root: AgencyId,
}

impl Finding {
    /// The identity of part C.1: (rule, subject_kind, subject_id, evidence).
    pub fn identity(&self) -> (RuleId, FindingSubject, &str, &[String]) {
        (
            self.rule,
            self.subject_kind,
            &self.subject_id,
            &self.evidence,
        )
    }
}

code_enum! {
    /// 信用等级.
    Grade { A = "A" / "A级", B = "B" / "B级", C = "C" / "C级", D = "D" / "D级" }
}

code_enum! {
    /// 一票否决.
    Veto {
        DishonestyList = "dishonesty_list" / "列入严重失信主体名单",
        SeriousViolation = "serious_violation" / "三年内因虚假报告或租借资质受处罚",
        Status = "status" / "停业整顿或资质吊销",
    }
}

code_enum! {
    /// 差异化监管.
    Supervision {
        Routine = "routine" / "常规监管",
        Enhanced = "enhanced" / "加强监管",
        Key = "key" / "重点监管",
    }
}

/// Where a part of a score came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deduction {
    /// `rule:<RULE>`, `complaints`, or `sanction:<measure>`.
    pub source: String,
    /// Chinese label.
    pub label: String,
    /// How many items counted (findings, complaints, sanctions) in the window.
    pub count: u32,
    /// Points before the cap.
    pub raw: u32,
    /// Points after the cap.
    pub points: u32,
    /// Ids of what counted (finding subjects, complaint ids, sanction ids), sorted.
    pub evidence: Vec<String>,
    /// Legal reference of the rule.
    pub legal_ref: String,
}

/// A root agency's credit grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyGrade {
    /// Root agency id.
    pub agency_id: AgencyId,
    /// 0..=100.
    pub score: u32,
    /// A/B/C/D.
    pub grade: Grade,
    /// Sorted vetoes.
    pub vetoes: Vec<Veto>,
    /// Grade at or above the pack's procurement minimum.
    pub procurement_eligible: bool,
    /// Supervision level.
    pub supervision: Supervision,
    /// The deductions, per source, in a stable order.
    pub deductions: Vec<Deduction>,
    /// Why each veto applies (sanction ids, status).
    pub veto_evidence: Vec<String>,
}

code_enum! {
    /// 测验等次.
    ExamClass {
        Excellent = "excellent" / "优秀",
        Good = "good" / "良好",
        Pass = "pass" / "合格",
        Failed = "failed" / "不合格",
        Untested = "untested" / "未测验",
    }
}

code_enum! {
    /// 记分卡.
    Card { Green = "green" / "绿牌", Yellow = "yellow" / "黄牌", Red = "red" / "红牌" }
}

/// A practitioner's stars and how they came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PractitionerStars {
    /// Practitioner id.
    pub practitioner_id: PractitionerId,
    /// 1..=10.
    pub stars: u32,
    /// 记分 over the window.
    pub points: u32,
    /// Exam class.
    pub exam: ExamClass,
    /// Card.
    pub card: Card,
    /// Leaves the expert pool.
    pub expert_pool_removal: bool,
    /// Base stars and what set them.
    pub base: u32,
    /// Label of what set the base.
    pub base_reason: String,
    /// Experience stars.
    pub experience: u32,
    /// Exam bonus.
    pub exam_bonus: u32,
    /// The exam that counted, if any.
    pub exam_id: Option<String>,
    /// Points per source.
    pub point_items: Vec<Deduction>,
    /// Caps applied, in Chinese, in order.
    pub caps: Vec<String>,
}

code_enum! {
    /// 必查原因.
    InspectReason {
        ClientAccident = "client_accident" / "服务对象发生生产安全事故",
        ClientMajorHazard = "client_major_hazard" / "服务对象存在重大事故隐患",
        ClientPenalty = "client_penalty" / "服务对象受到行政处罚",
        Complaint = "complaint" / "受到举报投诉",
        InspectionDue = "inspection_due" / "三年内未接受检查",
    }
}

/// A root that must be inspected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MustInspect {
    /// Root agency id.
    pub agency_id: AgencyId,
    /// Reasons, sorted by code.
    pub reasons: Vec<InspectReason>,
    /// Evidence per reason (complaint ids, event ids with project ids, last inspection).
    pub evidence: Vec<String>,
}

/// Everything a run produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOutput {
    /// The as-of date D.
    pub as_of: NaiveDate,
    /// `pack@version`.
    pub pack: String,
    /// Length of the window W in days (W = (D − days, D]), from the pack.
    pub window_days: u32,
    /// Findings, sorted by (rule order, subject kind, subject id, evidence, date).
    pub findings: Vec<Finding>,
    /// One row per root that is not cancelled, sorted by agency id.
    pub grades: Vec<AgencyGrade>,
    /// One row per practitioner, sorted by id.
    pub stars: Vec<PractitionerStars>,
    /// Roots with at least one reason, sorted by agency id.
    pub must_inspect: Vec<MustInspect>,
    /// Legal reference per finding rule (for rendering).
    pub rule_refs: Vec<(RuleId, LegalRef)>,
}
