//! A whole dataset, checked for referential integrity once, then read-only.

use crate::codes::*;
use crate::ids::*;
use crate::model::*;
use crate::time::{end_of_local_day, YearMonth};
use crate::uscc::Uscc;
use chrono::NaiveDate;
use core::fmt;
use core::hash::Hash;
use rustc_hash::{FxHashMap, FxHashSet};

/// The files of exchange v1 part B.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TableName {
    /// agencies.csv
    Agencies,
    /// practitioners.csv
    Practitioners,
    /// certificates.csv
    Certificates,
    /// contributions.csv
    Contributions,
    /// projects.csv
    Projects,
    /// team.csv
    Team,
    /// attendance.csv
    Attendance,
    /// stages.csv
    Stages,
    /// complaints.csv
    Complaints,
    /// client_events.csv
    ClientEvents,
    /// sanctions.csv
    Sanctions,
    /// exams.csv
    Exams,
    /// inspections.csv
    Inspections,
}

impl TableName {
    /// Every table, in the order of part B.
    pub const ALL: [TableName; 13] = [
        TableName::Agencies,
        TableName::Practitioners,
        TableName::Certificates,
        TableName::Contributions,
        TableName::Projects,
        TableName::Team,
        TableName::Attendance,
        TableName::Stages,
        TableName::Complaints,
        TableName::ClientEvents,
        TableName::Sanctions,
        TableName::Exams,
        TableName::Inspections,
    ];

    /// The file name.
    pub const fn file_name(self) -> &'static str {
        match self {
            TableName::Agencies => "agencies.csv",
            TableName::Practitioners => "practitioners.csv",
            TableName::Certificates => "certificates.csv",
            TableName::Contributions => "contributions.csv",
            TableName::Projects => "projects.csv",
            TableName::Team => "team.csv",
            TableName::Attendance => "attendance.csv",
            TableName::Stages => "stages.csv",
            TableName::Complaints => "complaints.csv",
            TableName::ClientEvents => "client_events.csv",
            TableName::Sanctions => "sanctions.csv",
            TableName::Exams => "exams.csv",
            TableName::Inspections => "inspections.csv",
        }
    }

    /// The Chinese name.
    pub const fn zh(self) -> &'static str {
        match self {
            TableName::Agencies => "机构",
            TableName::Practitioners => "从业人员",
            TableName::Certificates => "证书",
            TableName::Contributions => "社保个税工资记录",
            TableName::Projects => "服务项目",
            TableName::Team => "项目组",
            TableName::Attendance => "现场打卡",
            TableName::Stages => "项目档案环节",
            TableName::Complaints => "举报投诉",
            TableName::ClientEvents => "服务对象事件",
            TableName::Sanctions => "处理处罚",
            TableName::Exams => "能力测验",
            TableName::Inspections => "执法检查",
        }
    }

    /// Whether the file must be present (only agencies and practitioners).
    pub const fn required(self) -> bool {
        matches!(self, TableName::Agencies | TableName::Practitioners)
    }
}

impl fmt::Display for TableName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.file_name())
    }
}

/// All rows of a dataset, unchecked. [`Dataset::new`] checks them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tables {
    /// agencies.csv
    pub agencies: Vec<Agency>,
    /// practitioners.csv
    pub practitioners: Vec<Practitioner>,
    /// certificates.csv
    pub certificates: Vec<Certificate>,
    /// contributions.csv
    pub contributions: Vec<Contribution>,
    /// projects.csv
    pub projects: Vec<Project>,
    /// team.csv
    pub team: Vec<TeamMember>,
    /// attendance.csv
    pub attendance: Vec<Attendance>,
    /// stages.csv
    pub stages: Vec<StageRecord>,
    /// complaints.csv
    pub complaints: Vec<Complaint>,
    /// client_events.csv
    pub client_events: Vec<ClientEvent>,
    /// sanctions.csv
    pub sanctions: Vec<Sanction>,
    /// exams.csv
    pub exams: Vec<Exam>,
    /// inspections.csv
    pub inspections: Vec<Inspection>,
}

impl Tables {
    /// Rows per table.
    pub fn row_count(&self, t: TableName) -> usize {
        match t {
            TableName::Agencies => self.agencies.len(),
            TableName::Practitioners => self.practitioners.len(),
            TableName::Certificates => self.certificates.len(),
            TableName::Contributions => self.contributions.len(),
            TableName::Projects => self.projects.len(),
            TableName::Team => self.team.len(),
            TableName::Attendance => self.attendance.len(),
            TableName::Stages => self.stages.len(),
            TableName::Complaints => self.complaints.len(),
            TableName::ClientEvents => self.client_events.len(),
            TableName::Sanctions => self.sanctions.len(),
            TableName::Exams => self.exams.len(),
            TableName::Inspections => self.inspections.len(),
        }
    }
}

/// What is wrong with a row of an otherwise well-formed dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IntegrityKind {
    /// A value that must be unique appears again.
    Duplicate {
        /// The value (never a full resident ID number: those are masked).
        value: String,
        /// The 0-based row of its first occurrence.
        first_row: usize,
    },
    /// A reference to a row that does not exist.
    Dangling {
        /// The id named.
        value: String,
        /// The table it should be in.
        target: TableName,
    },
    /// A parent chain that returns to itself.
    BranchCycle {
        /// The agency ids of the cycle, starting at this row's agency.
        path: Vec<String>,
    },
    /// `check_out` is not after `check_in`.
    CheckOutNotAfterCheckIn,
    /// An evaluation project without an industry scope.
    MissingScope,
    /// An exam score above 100.
    ScoreOutOfRange(u8),
}

/// One integrity problem: table, 0-based row, column, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntegrityError {
    /// The file.
    pub table: TableName,
    /// 0-based data row (the adapter maps it to a line).
    pub row: usize,
    /// The column (header name).
    pub column: &'static str,
    /// What is wrong.
    pub kind: IntegrityKind,
}

impl IntegrityError {
    /// Stable English code of the error class.
    pub fn code(&self) -> &'static str {
        match self.kind {
            IntegrityKind::Duplicate { .. } => "duplicate_id",
            IntegrityKind::Dangling { .. } => "dangling_reference",
            IntegrityKind::BranchCycle { .. } => "branch_cycle",
            IntegrityKind::CheckOutNotAfterCheckIn => "check_out_not_after_check_in",
            IntegrityKind::MissingScope => "missing_value",
            IntegrityKind::ScoreOutOfRange(_) => "out_of_range",
        }
    }

    /// The Chinese message (found and expected).
    pub fn message(&self) -> String {
        match &self.kind {
            IntegrityKind::Duplicate { value, first_row } => format!(
                "重复的值 `{value}`（与第 {} 条数据重复），应唯一",
                first_row + 1
            ),
            IntegrityKind::Dangling { value, target } => format!(
                "引用的编号 `{value}` 在 {} 中不存在，应为已有的编号",
                target.file_name()
            ),
            IntegrityKind::BranchCycle { path } => format!(
                "分支机构的上级链条形成循环：{}，应终止于总部",
                path.join(" → ")
            ),
            IntegrityKind::CheckOutNotAfterCheckIn => {
                "签退时间不晚于签到时间，应晚于签到时间".into()
            }
            IntegrityKind::MissingScope => "安全评价项目缺少行业领域，应填写业务范围代码".into(),
            IntegrityKind::ScoreOutOfRange(s) => format!("成绩 `{s}` 超出范围，应为 0 到 100"),
        }
    }
}

/// A dataset whose references all resolve, whose ids are unique and whose agency trees end at
/// head offices. Built by [`Dataset::new`]; read-only afterwards.
#[derive(Debug, Clone)]
pub struct Dataset {
    t: Tables,
    agency_by_id: FxHashMap<AgencyId, u32>,
    root_of: Vec<u32>,
    agency_by_uscc: FxHashMap<Uscc, u32>,
    practitioner_by_id: FxHashMap<PractitionerId, u32>,
    project_by_id: FxHashMap<ProjectId, u32>,
}

fn index_unique<K: Hash + Eq + Clone>(
    keys: impl Iterator<Item = K>,
    table: TableName,
    column: &'static str,
    show: impl Fn(&K) -> String,
    errors: &mut Vec<IntegrityError>,
) -> FxHashMap<K, u32> {
    // Sized up front and probed once per key: the big files have millions of rows.
    let mut map: FxHashMap<K, u32> =
        FxHashMap::with_capacity_and_hasher(keys.size_hint().0, Default::default());
    for (row, k) in keys.enumerate() {
        match map.entry(k) {
            std::collections::hash_map::Entry::Occupied(first) => {
                errors.push(IntegrityError {
                    table,
                    row,
                    column,
                    kind: IntegrityKind::Duplicate {
                        value: show(first.key()),
                        first_row: *first.get() as usize,
                    },
                });
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(row as u32);
            }
        }
    }
    map
}

fn check_unique<K: Hash + Eq + Clone>(
    keys: impl Iterator<Item = K>,
    table: TableName,
    column: &'static str,
    show: impl Fn(&K) -> String,
    errors: &mut Vec<IntegrityError>,
) {
    index_unique(keys, table, column, show, errors);
}

impl Dataset {
    /// Checks and indexes the tables. Every problem is returned, in table order then row order.
    pub fn new(t: Tables) -> Result<Dataset, Vec<IntegrityError>> {
        let mut e = Vec::new();
        let agency_by_id = index_unique(
            t.agencies.iter().map(|a| a.id.clone()),
            TableName::Agencies,
            "agency_id",
            |k| k.to_string(),
            &mut e,
        );
        let agency_by_uscc = index_unique(
            t.agencies.iter().map(|a| a.uscc),
            TableName::Agencies,
            "uscc",
            |k| k.to_string(),
            &mut e,
        );
        let practitioner_by_id = index_unique(
            t.practitioners.iter().map(|p| p.id.clone()),
            TableName::Practitioners,
            "practitioner_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.practitioners.iter().map(|p| p.id_number),
            TableName::Practitioners,
            "id_number",
            |k| k.masked(),
            &mut e,
        );
        let project_by_id = index_unique(
            t.projects.iter().map(|p| p.id.clone()),
            TableName::Projects,
            "project_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.team
                .iter()
                .map(|m| (m.project.clone(), m.practitioner.clone(), m.role)),
            TableName::Team,
            "role",
            |(p, q, r)| format!("{p},{q},{r}"),
            &mut e,
        );
        check_unique(
            t.attendance.iter().map(|a| a.id.clone()),
            TableName::Attendance,
            "record_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.complaints.iter().map(|c| c.id.clone()),
            TableName::Complaints,
            "complaint_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.client_events.iter().map(|c| c.id.clone()),
            TableName::ClientEvents,
            "event_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.sanctions.iter().map(|c| c.id.clone()),
            TableName::Sanctions,
            "sanction_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.exams
                .iter()
                .map(|x| (x.practitioner.clone(), x.exam.clone())),
            TableName::Exams,
            "exam_id",
            |(p, x)| format!("{p},{x}"),
            &mut e,
        );
        check_unique(
            t.inspections.iter().map(|c| c.id.clone()),
            TableName::Inspections,
            "inspection_id",
            |k| k.to_string(),
            &mut e,
        );

        let dangling = |table, row, column, value: &str, target, e: &mut Vec<IntegrityError>| {
            e.push(IntegrityError {
                table,
                row,
                column,
                kind: IntegrityKind::Dangling {
                    value: value.to_owned(),
                    target,
                },
            })
        };
        let has_agency = |id: &AgencyId| agency_by_id.contains_key(id);
        let has_pr = |id: &PractitionerId| practitioner_by_id.contains_key(id);
        let has_pj = |id: &ProjectId| project_by_id.contains_key(id);
        use TableName as T;
        for (row, a) in t.agencies.iter().enumerate() {
            if let Some(p) = &a.parent {
                if !has_agency(p) {
                    dangling(
                        T::Agencies,
                        row,
                        "parent_agency_id",
                        p.as_str(),
                        T::Agencies,
                        &mut e,
                    );
                }
            }
        }
        for (row, p) in t.practitioners.iter().enumerate() {
            if !has_agency(&p.agency) {
                dangling(
                    T::Practitioners,
                    row,
                    "agency_id",
                    p.agency.as_str(),
                    T::Agencies,
                    &mut e,
                );
            }
        }
        for (row, c) in t.certificates.iter().enumerate() {
            if !has_pr(&c.practitioner) {
                let v = c.practitioner.as_str();
                dangling(
                    T::Certificates,
                    row,
                    "practitioner_id",
                    v,
                    T::Practitioners,
                    &mut e,
                );
            }
        }
        for (row, p) in t.projects.iter().enumerate() {
            if !has_agency(&p.agency) {
                dangling(
                    T::Projects,
                    row,
                    "agency_id",
                    p.agency.as_str(),
                    T::Agencies,
                    &mut e,
                );
            }
            if p.service_type.is_evaluation() && p.scope.is_none() {
                e.push(IntegrityError {
                    table: T::Projects,
                    row,
                    column: "scope",
                    kind: IntegrityKind::MissingScope,
                });
            }
        }
        for (row, m) in t.team.iter().enumerate() {
            if !has_pj(&m.project) {
                dangling(
                    T::Team,
                    row,
                    "project_id",
                    m.project.as_str(),
                    T::Projects,
                    &mut e,
                );
            }
            if !has_pr(&m.practitioner) {
                let v = m.practitioner.as_str();
                dangling(T::Team, row, "practitioner_id", v, T::Practitioners, &mut e);
            }
        }
        // Attendance comes grouped by project and person: a row naming the same id as the row
        // before it was already checked, which spares millions of hash lookups.
        let mut prev: Option<&Attendance> = None;
        for (row, a) in t.attendance.iter().enumerate() {
            let same_pj = prev.is_some_and(|p| p.project == a.project);
            let same_pr = prev.is_some_and(|p| p.practitioner == a.practitioner);
            prev = Some(a);
            if !same_pj && !has_pj(&a.project) {
                dangling(
                    T::Attendance,
                    row,
                    "project_id",
                    a.project.as_str(),
                    T::Projects,
                    &mut e,
                );
            }
            if !same_pr && !has_pr(&a.practitioner) {
                let v = a.practitioner.as_str();
                dangling(
                    T::Attendance,
                    row,
                    "practitioner_id",
                    v,
                    T::Practitioners,
                    &mut e,
                );
            }
            if a.check_out <= a.check_in {
                e.push(IntegrityError {
                    table: T::Attendance,
                    row,
                    column: "check_out",
                    kind: IntegrityKind::CheckOutNotAfterCheckIn,
                });
            }
        }
        for (row, s) in t.stages.iter().enumerate() {
            if !has_pj(&s.project) {
                dangling(
                    T::Stages,
                    row,
                    "project_id",
                    s.project.as_str(),
                    T::Projects,
                    &mut e,
                );
            }
        }
        for (row, c) in t.complaints.iter().enumerate() {
            if !has_agency(&c.agency) {
                dangling(
                    T::Complaints,
                    row,
                    "agency_id",
                    c.agency.as_str(),
                    T::Agencies,
                    &mut e,
                );
            }
            if let Some(p) = &c.practitioner {
                if !has_pr(p) {
                    let v = p.as_str();
                    dangling(
                        T::Complaints,
                        row,
                        "practitioner_id",
                        v,
                        T::Practitioners,
                        &mut e,
                    );
                }
            }
        }
        for (row, s) in t.sanctions.iter().enumerate() {
            match &s.subject {
                Subject::Agency(a) if !has_agency(a) => dangling(
                    T::Sanctions,
                    row,
                    "subject_id",
                    a.as_str(),
                    T::Agencies,
                    &mut e,
                ),
                Subject::Practitioner(p) if !has_pr(p) => dangling(
                    T::Sanctions,
                    row,
                    "subject_id",
                    p.as_str(),
                    T::Practitioners,
                    &mut e,
                ),
                _ => {}
            }
        }
        for (row, x) in t.exams.iter().enumerate() {
            if !has_pr(&x.practitioner) {
                let v = x.practitioner.as_str();
                dangling(
                    T::Exams,
                    row,
                    "practitioner_id",
                    v,
                    T::Practitioners,
                    &mut e,
                );
            }
            if x.score > 100 {
                e.push(IntegrityError {
                    table: T::Exams,
                    row,
                    column: "score",
                    kind: IntegrityKind::ScoreOutOfRange(x.score),
                });
            }
        }
        for (row, i) in t.inspections.iter().enumerate() {
            if !has_agency(&i.agency) {
                dangling(
                    T::Inspections,
                    row,
                    "agency_id",
                    i.agency.as_str(),
                    T::Agencies,
                    &mut e,
                );
            }
        }

        let root_of = resolve_roots(&t.agencies, &agency_by_id, &mut e);
        if !e.is_empty() {
            e.sort_by_key(|x| (x.table, x.row));
            return Err(e);
        }
        Ok(Dataset {
            t,
            agency_by_id,
            root_of,
            agency_by_uscc,
            practitioner_by_id,
            project_by_id,
        })
    }

    /// The rows.
    pub fn tables(&self) -> &Tables {
        &self.t
    }

    /// Gives the rows back.
    pub fn into_tables(self) -> Tables {
        self.t
    }

    /// Row index of an agency.
    pub fn agency_index(&self, id: &str) -> Option<usize> {
        self.agency_by_id.get(id).map(|&i| i as usize)
    }

    /// An agency by id.
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agency_index(id).and_then(|i| self.t.agencies.get(i))
    }

    /// Row index of the root (head office) of the agency at row `agency`.
    pub fn root_index(&self, agency: usize) -> usize {
        self.root_of.get(agency).map_or(agency, |&r| r as usize)
    }

    /// Row index of the root of an agency id.
    pub fn root_index_of(&self, id: &str) -> Option<usize> {
        self.agency_index(id).map(|i| self.root_index(i))
    }

    /// The root (head office) of an agency id.
    pub fn root_of(&self, id: &str) -> Option<&Agency> {
        self.root_index_of(id).and_then(|i| self.t.agencies.get(i))
    }

    /// Row indices of the head offices, in row order.
    pub fn roots(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.t.agencies.len()).filter(|&i| self.root_index(i) == i)
    }

    /// The *payer* of a USCC: the row index of the root of the agency with that USCC, if any.
    pub fn payer_root(&self, uscc: &Uscc) -> Option<usize> {
        self.agency_by_uscc
            .get(uscc)
            .map(|&i| self.root_index(i as usize))
    }

    /// Row index of a practitioner.
    pub fn practitioner_index(&self, id: &str) -> Option<usize> {
        self.practitioner_by_id.get(id).map(|&i| i as usize)
    }

    /// A practitioner by id.
    pub fn practitioner(&self, id: &str) -> Option<&Practitioner> {
        self.practitioner_index(id)
            .and_then(|i| self.t.practitioners.get(i))
    }

    /// Row index of a project.
    pub fn project_index(&self, id: &str) -> Option<usize> {
        self.project_by_id.get(id).map(|&i| i as usize)
    }

    /// A project by id.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.project_index(id).and_then(|i| self.t.projects.get(i))
    }

    /// The point-in-time view of part C: records dated after `d` are left out (a project signed
    /// after `d` leaves with its team, attendance and stages), and any other `*_on` date after `d`
    /// inside a record that stays counts as empty. `ends_on` of a sanction stays as written.
    pub fn as_of(&self, d: NaiveDate) -> Dataset {
        let mut t = self.t.clone();
        let after = |x: &Option<NaiveDate>| x.filter(|v| *v <= d);
        let month_d = YearMonth::of(d);
        t.contributions.retain(|c| c.month <= month_d);
        t.projects.retain(|p| p.contract_signed_on <= d);
        let kept: FxHashSet<ProjectId> = t.projects.iter().map(|p| p.id.clone()).collect();
        for p in &mut t.projects {
            p.notice_filed_on = after(&p.notice_filed_on);
            p.service_started_on = after(&p.service_started_on);
            p.service_ended_on = after(&p.service_ended_on);
            p.report_uploaded_on = after(&p.report_uploaded_on);
        }
        t.team.retain(|m| kept.contains(&m.project));
        match end_of_local_day(d) {
            Some(end) => t
                .attendance
                .retain(|a| kept.contains(&a.project) && a.check_in < end),
            None => t.attendance.retain(|a| kept.contains(&a.project)),
        }
        t.stages
            .retain(|s| kept.contains(&s.project) && s.completed_on <= d);
        t.complaints.retain(|c| c.received_on <= d);
        for c in &mut t.complaints {
            c.closed_on = after(&c.closed_on);
        }
        t.client_events.retain(|c| c.occurred_on <= d);
        t.sanctions.retain(|s| s.decided_on <= d);
        t.exams.retain(|x| x.taken_on <= d);
        t.inspections.retain(|i| i.inspected_on <= d);
        // Certificates and agencies carry no record date: they stay. Their *_on dates
        // (valid_from, valid_until, qualified_until) are validity bounds, not events.
        let project_by_id = t
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i as u32))
            .collect();
        Dataset {
            t,
            agency_by_id: self.agency_by_id.clone(),
            root_of: self.root_of.clone(),
            agency_by_uscc: self.agency_by_uscc.clone(),
            practitioner_by_id: self.practitioner_by_id.clone(),
            project_by_id,
        }
    }
}

fn resolve_roots(
    agencies: &[Agency],
    by_id: &FxHashMap<AgencyId, u32>,
    e: &mut Vec<IntegrityError>,
) -> Vec<u32> {
    const UNSEEN: u32 = u32::MAX;
    const ON_PATH: u32 = u32::MAX - 1;
    let n = agencies.len();
    let mut root = vec![UNSEEN; n];
    for start in 0..n {
        if root[start] != UNSEEN {
            continue;
        }
        let mut path = Vec::new();
        let mut cur = start;
        let resolved = loop {
            if root[cur] == ON_PATH {
                // A cycle: from the first occurrence of `cur` on the path.
                let from = path.iter().position(|&x| x == cur).unwrap_or(0);
                let cycle: Vec<usize> = path[from..].to_vec();
                let first = cycle.iter().copied().min().unwrap_or(cur);
                let pos = cycle.iter().position(|&x| x == first).unwrap_or(0);
                let mut ids: Vec<String> = cycle[pos..]
                    .iter()
                    .chain(cycle[..pos].iter())
                    .map(|&i| agencies[i].id.to_string())
                    .collect();
                ids.push(agencies[first].id.to_string());
                e.push(IntegrityError {
                    table: TableName::Agencies,
                    row: first,
                    column: "parent_agency_id",
                    kind: IntegrityKind::BranchCycle { path: ids },
                });
                break cur as u32;
            }
            if root[cur] != UNSEEN {
                break root[cur];
            }
            root[cur] = ON_PATH;
            path.push(cur);
            match agencies[cur].parent.as_ref().and_then(|p| by_id.get(p)) {
                Some(&p) => cur = p as usize,
                // Head office, or a dangling parent (reported elsewhere): the chain ends here.
                None => break cur as u32,
            }
        };
        for i in path {
            root[i] = resolved;
        }
    }
    root
}

/// The kind of an agency's tree: its root's kind.
pub fn tree_kind(ds: &Dataset, agency: usize) -> Option<AgencyKind> {
    ds.tables()
        .agencies
        .get(ds.root_index(agency))
        .map(|a| a.kind)
}
