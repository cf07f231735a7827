//! What every report reads: the point-in-time view of the dataset on the run's as-of date, the
//! run's outputs indexed by agency, and where each agency is supervised.

use std::collections::BTreeMap;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{Agency, AgencyKind, Dataset, RegionCode, RulePack, TableName};
use zhongjie_scoring::{AgencyGrade, Finding, FindingSubject, Grade, RuleId, RunOutput};

/// Parameter: the province whose regulators the reports are for (6-digit code).
pub const HOME_PROVINCE_KEY: &str = "report.home_province";

/// The run, its dataset as it stood on the as-of date, and indexes.
pub struct View<'a> {
    /// The dataset as it stood at the end of the as-of date: agencies, practitioners, projects,
    /// certificates and inspections (the other tables are left empty).
    pub ds: Dataset,
    /// The run.
    pub out: &'a RunOutput,
    /// The rule pack of the run.
    pub pack: &'a RulePack,
    /// The as-of date.
    pub d: NaiveDate,
    /// The province (`xx0000`): the pack's, else the one most agencies are in (none: no agency).
    pub home: Option<RegionCode>,
    /// Grades by root agency id.
    pub grades: BTreeMap<&'a str, &'a AgencyGrade>,
    /// Agency rows of each root's tree (root row → rows, root first).
    pub trees: BTreeMap<usize, Vec<usize>>,
}

impl<'a> View<'a> {
    /// Builds the view of `ds` as of the run's date.
    pub fn new(ds: &Dataset, out: &'a RunOutput, pack: &'a RulePack) -> View<'a> {
        let d = out.as_of;
        // The reports read agencies, practitioners, projects, certificates and inspections:
        // the millions of attendance, team, stage and contribution rows are not copied.
        let ds = ds.as_of_only(d, &[TableName::Certificates, TableName::Inspections]);
        let home = pack
            .int(HOME_PROVINCE_KEY, d)
            .ok()
            .and_then(|i| format!("{i:06}").parse::<RegionCode>().ok())
            .map(RegionCode::province)
            .or_else(|| most_common_province(&ds));
        let grades = out
            .grades
            .iter()
            .map(|g| (g.agency_id.as_str(), g))
            .collect();
        let mut trees: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for r in ds.roots() {
            trees.insert(r, vec![r]);
        }
        for i in 0..ds.tables().agencies.len() {
            let r = ds.root_index(i);
            if r != i {
                trees.entry(r).or_default().push(i);
            }
        }
        View {
            ds,
            out,
            pack,
            d,
            home,
            grades,
            trees,
        }
    }

    /// The agency at a row.
    pub fn agency(&self, row: usize) -> Option<&Agency> {
        self.ds.tables().agencies.get(row)
    }

    /// The root row of an agency id.
    pub fn root_row(&self, id: &str) -> Option<usize> {
        self.ds.root_index_of(id)
    }

    /// An agency's name, or its id when unknown.
    pub fn agency_name(&self, id: &str) -> String {
        self.ds
            .agency(id)
            .map_or_else(|| id.to_owned(), |a| a.name.clone())
    }

    /// Whether a region is in the home province.
    pub fn in_home(&self, r: RegionCode) -> bool {
        self.home == Some(r.province())
    }

    /// The city that supervises a tree in this province: the root's city when the root is in
    /// the province, else the city of its first in-province branch (by id), else the root's city.
    pub fn tree_city(&self, root: usize) -> Option<RegionCode> {
        let a = self.agency(root)?;
        if self.in_home(a.region) {
            return Some(a.region.city());
        }
        Some(
            self.in_home_branches(root)
                .first()
                .map_or(a.region.city(), |b| b.region.city()),
        )
    }

    /// The name of the city that supervises a tree.
    pub fn tree_city_name(&self, root: usize) -> String {
        self.tree_city(root)
            .map(RegionCode::city_name)
            .unwrap_or_default()
    }

    /// The branches of a tree registered in the province, sorted by id.
    pub fn in_home_branches(&self, root: usize) -> Vec<&Agency> {
        let mut v: Vec<&Agency> = self
            .trees
            .get(&root)
            .into_iter()
            .flatten()
            .filter(|&&i| i != root)
            .filter_map(|&i| self.agency(i))
            .filter(|a| self.in_home(a.region))
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }

    /// The grade of a root, if graded.
    pub fn grade(&self, root_id: &str) -> Option<&'a AgencyGrade> {
        self.grades.get(root_id).copied()
    }

    /// The agency most directly involved in a finding (the performing agency of a project, the
    /// declared employer of a practitioner, the root itself), by row.
    pub fn finding_agency(&self, f: &Finding) -> Option<usize> {
        match f.subject_kind {
            FindingSubject::Project => self
                .ds
                .project(&f.subject_id)
                .and_then(|p| self.ds.agency_index(p.agency.as_str())),
            FindingSubject::Practitioner => self
                .ds
                .practitioner(&f.subject_id)
                .and_then(|p| self.ds.agency_index(p.agency.as_str())),
            FindingSubject::Agency => None,
        }
        .or_else(|| self.ds.agency_index(f.root.as_str()))
    }

    /// A readable name of a finding's subject.
    pub fn subject_label(&self, f: &Finding) -> String {
        match f.subject_kind {
            FindingSubject::Agency => self.agency_name(&f.subject_id),
            FindingSubject::Practitioner => match self.ds.practitioner(&f.subject_id) {
                Some(p) => format!("{}（{}）", p.name, p.id),
                None => f.subject_id.clone(),
            },
            FindingSubject::Project => match self.ds.project(&f.subject_id) {
                Some(p) => format!("{}（{}）", p.id, p.client_name),
                None => f.subject_id.clone(),
            },
        }
    }

    /// The legal reference of a finding rule, as text.
    pub fn rule_ref(&self, r: RuleId) -> String {
        self.out
            .rule_refs
            .iter()
            .find(|(x, _)| *x == r)
            .map(|(_, l)| l.to_string())
            .unwrap_or_default()
    }

    /// The province's regulator (省应急管理厅).
    pub fn province_authority(&self) -> String {
        match self.home {
            Some(h) => format!("{}应急管理厅", h.province_name()),
            None => "省级应急管理部门".to_owned(),
        }
    }

    /// The kind of a tree.
    pub fn tree_kind(&self, root: usize) -> Option<AgencyKind> {
        self.agency(root).map(|a| a.kind)
    }
}

/// The province most agencies are registered in (smallest code on a tie).
fn most_common_province(ds: &Dataset) -> Option<RegionCode> {
    let mut n: BTreeMap<RegionCode, usize> = BTreeMap::new();
    for a in &ds.tables().agencies {
        *n.entry(a.region.province()).or_default() += 1;
    }
    n.iter()
        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(r, _)| *r)
}

/// The four grades in order, with their labels.
pub const GRADES: [Grade; 4] = [Grade::A, Grade::B, Grade::C, Grade::D];

/// 是 / 否.
pub fn yes_no(b: bool) -> &'static str {
    if b {
        "是"
    } else {
        "否"
    }
}
