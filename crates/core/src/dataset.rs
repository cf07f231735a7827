//! A whole dataset, checked for referential integrity once, then read-only.

use crate::codes::*;
use crate::ids::*;
use crate::model::*;
use crate::time::{end_of_local_day, YearMonth};
use crate::uscc::Uscc;
use chrono::NaiveDate;
use core::fmt;
use core::hash::Hash;
use rustc_hash::FxHashMap;

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
    /// Per attendance row: (project row, practitioner row).
    attendance_refs: Vec<(u32, u32)>,
    /// Per team row: (project row, practitioner row).
    team_refs: Vec<(u32, u32)>,
    /// Per stage row: its project row.
    stage_project: Vec<u32>,
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

/// The repeated keys among `n` rows, as (row, first row with the same key), in row order.
///
/// One 64-bit hash per row, sorted with its row: a sequential pass instead of a hash table of
/// millions of keys. Rows with equal hashes are compared by key (so a collision is never taken
/// for a duplicate); a group of many distinct keys sharing one hash is resolved with an ordered
/// map, so crafted collisions cannot make this quadratic.
fn duplicates<K: Hash + Ord>(n: usize, key: impl Fn(usize) -> K) -> Vec<(usize, usize)> {
    use core::hash::BuildHasher;
    let hasher = rustc_hash::FxBuildHasher;
    duplicates_by(n, key, |k| hasher.hash_one(k))
}

/// [`duplicates`] with a given hash function.
fn duplicates_by<K: Ord>(
    n: usize,
    key: impl Fn(usize) -> K,
    hash: impl Fn(&K) -> u64,
) -> Vec<(usize, usize)> {
    let mut h: Vec<(u64, u32)> = (0..n).map(|i| (hash(&key(i)), i as u32)).collect();
    h.sort_unstable();
    let mut out = Vec::new();
    for group in h.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
        // Rows ascending within the group: the first of each key is its first occurrence.
        let mut firsts: Vec<(K, usize)> = Vec::new();
        let mut many: std::collections::BTreeMap<K, usize> = std::collections::BTreeMap::new();
        for &(_, row) in group {
            let row = row as usize;
            let k = key(row);
            if firsts.len() < 16 {
                match firsts.iter().find(|(f, _)| *f == k) {
                    Some((_, first)) => out.push((row, *first)),
                    None => firsts.push((k, row)),
                }
            } else {
                match firsts.iter().find(|(f, _)| *f == k).map(|x| x.1) {
                    Some(first) => out.push((row, first)),
                    None => match many.get(&k) {
                        Some(&first) => out.push((row, first)),
                        None => {
                            many.insert(k, row);
                        }
                    },
                }
            }
        }
    }
    out.sort_unstable();
    out
}

fn check_unique<K: Hash + Ord>(
    n: usize,
    key: impl Fn(usize) -> K,
    table: TableName,
    column: &'static str,
    show: impl Fn(&K) -> String,
    errors: &mut Vec<IntegrityError>,
) {
    for (row, first_row) in duplicates(n, &key) {
        errors.push(IntegrityError {
            table,
            row,
            column,
            kind: IntegrityKind::Duplicate {
                value: show(&key(row)),
                first_row,
            },
        });
    }
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
            t.practitioners.len(),
            |i| t.practitioners[i].id_number,
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
            t.team.len(),
            |i| {
                let m = &t.team[i];
                (&m.project, &m.practitioner, m.role)
            },
            TableName::Team,
            "role",
            |(p, q, r)| format!("{p},{q},{r}"),
            &mut e,
        );
        check_unique(
            t.attendance.len(),
            |i| &t.attendance[i].id,
            TableName::Attendance,
            "record_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.complaints.len(),
            |i| &t.complaints[i].id,
            TableName::Complaints,
            "complaint_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.client_events.len(),
            |i| &t.client_events[i].id,
            TableName::ClientEvents,
            "event_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.sanctions.len(),
            |i| &t.sanctions[i].id,
            TableName::Sanctions,
            "sanction_id",
            |k| k.to_string(),
            &mut e,
        );
        check_unique(
            t.exams.len(),
            |i| (&t.exams[i].practitioner, &t.exams[i].exam),
            TableName::Exams,
            "exam_id",
            |(p, x)| format!("{p},{x}"),
            &mut e,
        );
        check_unique(
            t.inspections.len(),
            |i| &t.inspections[i].id,
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
        // Resolved once here, so that readers need no lookups by id text.
        const NONE: u32 = u32::MAX;
        let pj_row = |id: &ProjectId| project_by_id.get(id).copied();
        let pr_row = |id: &PractitionerId| practitioner_by_id.get(id).copied();
        let mut team_refs = Vec::with_capacity(t.team.len());
        for (row, m) in t.team.iter().enumerate() {
            let pj = pj_row(&m.project);
            let pr = pr_row(&m.practitioner);
            if pj.is_none() {
                dangling(
                    T::Team,
                    row,
                    "project_id",
                    m.project.as_str(),
                    T::Projects,
                    &mut e,
                );
            }
            if pr.is_none() {
                let v = m.practitioner.as_str();
                dangling(T::Team, row, "practitioner_id", v, T::Practitioners, &mut e);
            }
            team_refs.push((pj.unwrap_or(NONE), pr.unwrap_or(NONE)));
        }
        // Attendance comes grouped by project and person: a row naming the same id as the row
        // before it was already looked up, which spares millions of hash lookups.
        let mut attendance_refs: Vec<(u32, u32)> = Vec::with_capacity(t.attendance.len());
        let mut prev: Option<(&Attendance, Option<u32>, Option<u32>)> = None;
        for (row, a) in t.attendance.iter().enumerate() {
            let pj = match prev {
                Some((p, pj, _)) if p.project == a.project => pj,
                _ => {
                    let pj = pj_row(&a.project);
                    if pj.is_none() {
                        dangling(
                            T::Attendance,
                            row,
                            "project_id",
                            a.project.as_str(),
                            T::Projects,
                            &mut e,
                        );
                    }
                    pj
                }
            };
            let pr = match prev {
                Some((p, _, pr)) if p.practitioner == a.practitioner => pr,
                _ => {
                    let pr = pr_row(&a.practitioner);
                    if pr.is_none() {
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
                    pr
                }
            };
            prev = Some((a, pj, pr));
            attendance_refs.push((pj.unwrap_or(NONE), pr.unwrap_or(NONE)));
            if a.check_out <= a.check_in {
                e.push(IntegrityError {
                    table: T::Attendance,
                    row,
                    column: "check_out",
                    kind: IntegrityKind::CheckOutNotAfterCheckIn,
                });
            }
        }
        let mut stage_project = Vec::with_capacity(t.stages.len());
        for (row, s) in t.stages.iter().enumerate() {
            let pj = pj_row(&s.project);
            if pj.is_none() {
                dangling(
                    T::Stages,
                    row,
                    "project_id",
                    s.project.as_str(),
                    T::Projects,
                    &mut e,
                );
            }
            stage_project.push(pj.unwrap_or(NONE));
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
            attendance_refs,
            team_refs,
            stage_project,
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

    /// For each attendance row, the rows of its project and of its practitioner.
    pub fn attendance_refs(&self) -> &[(u32, u32)] {
        &self.attendance_refs
    }

    /// For each team row, the rows of its project and of its practitioner.
    pub fn team_refs(&self) -> &[(u32, u32)] {
        &self.team_refs
    }

    /// For each stage row, the row of its project.
    pub fn stage_projects(&self) -> &[u32] {
        &self.stage_project
    }

    /// The point-in-time view of part C: records dated after `d` are left out (a project signed
    /// after `d` leaves with its team, attendance and stages), and any other `*_on` date after `d`
    /// inside a record that stays counts as empty. `ends_on` of a sanction stays as written.
    pub fn as_of(&self, d: NaiveDate) -> Dataset {
        self.as_of_only(d, &TableName::ALL)
    }

    /// [`Dataset::as_of`] restricted to some tables: agencies, practitioners and projects (the
    /// tables others refer to) always, the other tables only when named in `tables`, else left
    /// empty. A reader of a few tables saves copying the millions of rows it would not read.
    pub fn as_of_only(&self, d: NaiveDate, tables: &[TableName]) -> Dataset {
        use TableName as T;
        let want = |x: T| tables.contains(&x);
        let s = &self.t;
        let after = |x: &Option<NaiveDate>| x.filter(|v| *v <= d);
        // New row of each old project row (NONE: signed after D).
        const NONE: u32 = u32::MAX;
        let mut new_row = vec![NONE; s.projects.len()];
        let mut projects = Vec::new();
        for (i, p) in s.projects.iter().enumerate() {
            if p.contract_signed_on <= d {
                new_row[i] = projects.len() as u32;
                let mut p = p.clone();
                p.notice_filed_on = after(&p.notice_filed_on);
                p.service_started_on = after(&p.service_started_on);
                p.service_ended_on = after(&p.service_ended_on);
                p.report_uploaded_on = after(&p.report_uploaded_on);
                projects.push(p);
            }
        }
        let kept = |old: u32| new_row.get(old as usize).copied().unwrap_or(NONE);
        let mut t = Tables {
            // Certificates and agencies carry no record date: they stay. Their *_on dates
            // (valid_from, valid_until, qualified_until) are validity bounds, not events.
            agencies: s.agencies.clone(),
            practitioners: s.practitioners.clone(),
            projects,
            ..Tables::default()
        };
        if want(T::Certificates) {
            t.certificates = s.certificates.clone();
        }
        if want(T::Contributions) {
            let month_d = YearMonth::of(d);
            t.contributions = filtered(&s.contributions, |c| c.month <= month_d);
        }
        let mut team_refs = Vec::new();
        if want(T::Team) {
            for (m, &(pj, pr)) in s.team.iter().zip(&self.team_refs) {
                let pj = kept(pj);
                if pj != NONE {
                    t.team.push(m.clone());
                    team_refs.push((pj, pr));
                }
            }
        }
        let mut attendance_refs = Vec::new();
        if want(T::Attendance) {
            let end = end_of_local_day(d);
            for (a, &(pj, pr)) in s.attendance.iter().zip(&self.attendance_refs) {
                let pj = kept(pj);
                if pj != NONE && end.is_none_or(|end| a.check_in < end) {
                    t.attendance.push(a.clone());
                    attendance_refs.push((pj, pr));
                }
            }
        }
        let mut stage_project = Vec::new();
        if want(T::Stages) {
            for (x, &pj) in s.stages.iter().zip(&self.stage_project) {
                let pj = kept(pj);
                if pj != NONE && x.completed_on <= d {
                    t.stages.push(x.clone());
                    stage_project.push(pj);
                }
            }
        }
        if want(T::Complaints) {
            t.complaints = filtered(&s.complaints, |c| c.received_on <= d);
            for c in &mut t.complaints {
                c.closed_on = after(&c.closed_on);
            }
        }
        if want(T::ClientEvents) {
            t.client_events = filtered(&s.client_events, |c| c.occurred_on <= d);
        }
        if want(T::Sanctions) {
            t.sanctions = filtered(&s.sanctions, |x| x.decided_on <= d);
        }
        if want(T::Exams) {
            t.exams = filtered(&s.exams, |x| x.taken_on <= d);
        }
        if want(T::Inspections) {
            t.inspections = filtered(&s.inspections, |x| x.inspected_on <= d);
        }
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
            attendance_refs,
            team_refs,
            stage_project,
        }
    }
}

/// The rows that pass, copied.
fn filtered<R: Clone>(rows: &[R], keep: impl Fn(&R) -> bool) -> Vec<R> {
    rows.iter().filter(|r| keep(r)).cloned().collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The repeated keys as a map from key to first row would find them.
    fn naive(keys: &[String]) -> Vec<(usize, usize)> {
        let mut first: std::collections::BTreeMap<&str, usize> = Default::default();
        let mut out = Vec::new();
        for (row, k) in keys.iter().enumerate() {
            match first.get(k.as_str()) {
                Some(&f) => out.push((row, f)),
                None => {
                    first.insert(k, row);
                }
            }
        }
        out
    }

    proptest! {
        #[test]
        fn duplicates_are_found_with_their_first_row(keys in proptest::collection::vec("[a-e]{1,2}", 0..200)) {
            prop_assert_eq!(duplicates(keys.len(), |i| &keys[i]), naive(&keys));
        }

        /// Every key hashing alike (a crafted collision): still exact, via the ordered map
        /// once a group holds more than 16 distinct keys.
        #[test]
        fn colliding_hashes_are_never_taken_for_duplicates(keys in proptest::collection::vec("[a-z]{1,2}", 0..300)) {
            prop_assert_eq!(duplicates_by(keys.len(), |i| &keys[i], |_| 7), naive(&keys));
        }
    }
}
