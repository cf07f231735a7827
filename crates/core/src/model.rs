//! The rows of exchange v1 part B, one struct per file. Each field holds only valid values.

use crate::codes::*;
use crate::ids::*;
use crate::region::RegionCode;
use crate::resident_id::ResidentId;
use crate::time::YearMonth;
use crate::uscc::Uscc;
use chrono::{DateTime, FixedOffset, NaiveDate};
use core::fmt;
use rust_decimal::Decimal;

/// `agencies.csv` — 机构.
#[derive(Debug, Clone, PartialEq)]
pub struct Agency {
    /// `agency_id`.
    pub id: AgencyId,
    /// 名称.
    pub name: String,
    /// 机构类型 (a branch has its root's kind; the root's is the one used).
    pub kind: AgencyKind,
    /// 统一社会信用代码, unique.
    pub uscc: Uscc,
    /// Registered address.
    pub region: RegionCode,
    /// Parent, for a branch (分支机构); `None` for a head office.
    pub parent: Option<AgencyId>,
    /// 资质有效期 (read from the root).
    pub qualified_until: Option<NaiveDate>,
    /// 业务范围 and 服务类型 (read from the root).
    pub scopes: Vec<Scope>,
    /// 状态.
    pub status: AgencyStatus,
}

/// `practitioners.csv` — 从业人员.
#[derive(Debug, Clone, PartialEq)]
pub struct Practitioner {
    /// `practitioner_id`.
    pub id: PractitionerId,
    /// 姓名.
    pub name: String,
    /// 居民身份证号, unique. Masked on display.
    pub id_number: ResidentId,
    /// Declared employer (any agency of a tree).
    pub agency: AgencyId,
    /// 安全评价师等级.
    pub evaluator_level: Option<EvaluatorLevel>,
    /// 注册安全工程师.
    pub safety_engineer: Option<SafetyEngineerGrade>,
    /// 职称.
    pub title: Title,
    /// Industry scopes the person is competent in.
    pub specialties: Vec<IndustryScope>,
    /// 从业起始日期.
    pub practice_since: Option<NaiveDate>,
    /// 专家库成员.
    pub expert_pool: bool,
}

impl Practitioner {
    /// 专业技术人员: an evaluator level, a registered safety engineer grade, or an intermediate or
    /// senior title.
    pub fn is_professional(&self) -> bool {
        self.evaluator_level.is_some()
            || self.safety_engineer.is_some()
            || matches!(self.title, Title::Intermediate | Title::Senior)
    }
}

/// `certificates.csv` — 证书.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    /// Holder.
    pub practitioner: PractitionerId,
    /// 证书类别.
    pub kind: CertificateKind,
    /// 证书编号.
    pub number: String,
    /// 生效日期.
    pub valid_from: NaiveDate,
    /// 有效期至; `None` = no expiry.
    pub valid_until: Option<NaiveDate>,
    /// 核验结果.
    pub verification: Verification,
}

impl Certificate {
    /// Valid on `d`: `valid_from ≤ d` and (`valid_until` empty or `≥ d`).
    pub fn valid_on(&self, d: NaiveDate) -> bool {
        self.valid_from <= d && self.valid_until.is_none_or(|u| u >= d)
    }
}

/// `contributions.csv` — 社保、个税、工资流水.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Contribution {
    /// The person (may be someone who is not a practitioner).
    pub id_number: ResidentId,
    /// Who paid.
    pub payer: Uscc,
    /// 所属月份.
    pub month: YearMonth,
    /// 类别.
    pub kind: ContributionKind,
}

/// `projects.csv` — 服务项目.
#[derive(Debug, Clone, PartialEq)]
pub struct Project {
    /// `project_id`.
    pub id: ProjectId,
    /// The performing agency, often a branch.
    pub agency: AgencyId,
    /// 服务类型.
    pub service_type: ServiceType,
    /// Industry scope; required for evaluation types.
    pub scope: Option<IndustryScope>,
    /// 服务对象统一社会信用代码.
    pub client_uscc: Uscc,
    /// 服务对象名称.
    pub client_name: String,
    /// 项目所在地.
    pub site_region: RegionCode,
    /// 合同签订日期.
    pub contract_signed_on: NaiveDate,
    /// 执业告知日期.
    pub notice_filed_on: Option<NaiveDate>,
    /// 服务开始日期.
    pub service_started_on: Option<NaiveDate>,
    /// 服务结束日期; empty while the service runs.
    pub service_ended_on: Option<NaiveDate>,
    /// 报告上传日期.
    pub report_uploaded_on: Option<NaiveDate>,
    /// 财政资金购买.
    pub government_funded: bool,
    /// 服务费（元）.
    pub fee_yuan: Decimal,
}

/// `team.csv` — 项目组.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TeamMember {
    /// Project.
    pub project: ProjectId,
    /// Person.
    pub practitioner: PractitionerId,
    /// 角色.
    pub role: Role,
}

/// `attendance.csv` — 现场打卡.
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    /// `record_id`.
    pub id: RecordId,
    /// Project.
    pub project: ProjectId,
    /// Person.
    pub practitioner: PractitionerId,
    /// 签到.
    pub check_in: DateTime<FixedOffset>,
    /// 签退, after `check_in`.
    pub check_out: DateTime<FixedOffset>,
    /// WGS84 latitude, decimal degrees.
    pub lat: f64,
    /// WGS84 longitude, decimal degrees.
    pub lon: f64,
}

/// `stages.csv` — 一项目一档.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageRecord {
    /// Project.
    pub project: ProjectId,
    /// 环节.
    pub stage: Stage,
    /// 完成日期.
    pub completed_on: NaiveDate,
    /// Document reference or digest.
    pub evidence: Option<String>,
}

/// A whistle-blower's contact. Never printed: `Debug` and `Display` show `[保密]`, and it has no
/// serialisation; [`Confidential::expose`] is for the exchange files only.
#[derive(Clone, PartialEq, Eq)]
pub struct Confidential(String);

impl Confidential {
    /// Wraps a confidential text.
    pub fn new(s: impl Into<String>) -> Confidential {
        Confidential(s.into())
    }
    /// The text itself: only for writing the exchange file back.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Confidential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[保密]")
    }
}

impl fmt::Display for Confidential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[保密]")
    }
}

/// `complaints.csv` — 举报投诉.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complaint {
    /// `complaint_id`.
    pub id: ComplaintId,
    /// 受理日期.
    pub received_on: NaiveDate,
    /// Agency complained about.
    pub agency: AgencyId,
    /// Person complained about, if any.
    pub practitioner: Option<PractitionerId>,
    /// 类别.
    pub category: ComplaintCategory,
    /// 状态.
    pub status: ComplaintStatus,
    /// 办结日期.
    pub closed_on: Option<NaiveDate>,
    /// 举报人联系方式 (confidential).
    pub reporter_contact: Option<Confidential>,
}

/// `client_events.csv` — 服务对象事件.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientEvent {
    /// `event_id`.
    pub id: EventId,
    /// The client enterprise.
    pub client_uscc: Uscc,
    /// 类别.
    pub kind: ClientEventKind,
    /// 发生日期.
    pub occurred_on: NaiveDate,
    /// 事故等级 (accidents only).
    pub severity: Option<Severity>,
    /// 死亡人数.
    pub deaths: u32,
}

/// The subject of a sanction.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// An agency (any agency of a tree).
    Agency(AgencyId),
    /// A practitioner.
    Practitioner(PractitionerId),
}

impl Subject {
    /// `subject_kind`.
    pub fn kind(&self) -> SubjectKind {
        match self {
            Subject::Agency(_) => SubjectKind::Agency,
            Subject::Practitioner(_) => SubjectKind::Practitioner,
        }
    }
    /// `subject_id`.
    pub fn id(&self) -> &str {
        match self {
            Subject::Agency(a) => a.as_str(),
            Subject::Practitioner(p) => p.as_str(),
        }
    }
}

/// `sanctions.csv` — 处理处罚.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanction {
    /// `sanction_id`.
    pub id: SanctionId,
    /// Who.
    pub subject: Subject,
    /// 措施.
    pub measure: Measure,
    /// 违法行为.
    pub violation: Violation,
    /// 决定日期.
    pub decided_on: NaiveDate,
    /// 罚款（元）.
    pub fine_yuan: Option<Decimal>,
    /// Planned end (stays as written even when after the as-of date).
    pub ends_on: Option<NaiveDate>,
}

/// `exams.csv` — 能力测验.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exam {
    /// Person.
    pub practitioner: PractitionerId,
    /// Exam (session) id; unique per person.
    pub exam: ExamId,
    /// 测验日期.
    pub taken_on: NaiveDate,
    /// 成绩 0..=100.
    pub score: u8,
}

/// `inspections.csv` — 执法检查、实地核查.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspection {
    /// `inspection_id`.
    pub id: InspectionId,
    /// Agency inspected.
    pub agency: AgencyId,
    /// 检查日期.
    pub inspected_on: NaiveDate,
    /// 类别.
    pub kind: InspectionKind,
    /// 结果.
    pub result: InspectionResult,
}
