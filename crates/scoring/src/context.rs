//! The point-in-time view of a dataset that the rules read: which rows exist on D, their
//! effective dates, and the per-person facts (full-time, payers) several rules share.

use crate::params::Params;
use rustc_hash::FxHashMap;
use zhongjie_core::chrono::{DateTime, FixedOffset, NaiveDate};
use zhongjie_core::time::{end_of_local_day, minus_days, YearMonth};
use zhongjie_core::{ContributionKind, Dataset, Project, Uscc};

/// A payer: the root agency row of the paying USCC, or an outside USCC (interned).
pub type PayerKey = u32;

/// What every rule needs, computed once.
pub struct Ctx<'a> {
    pub ds: &'a Dataset,
    pub d: NaiveDate,
    pub p: &'a Params,
    /// Exclusive lower bound of the window W = (w_start, d].
    pub w_start: NaiveDate,
    /// Projects that exist on D (contract signed ≤ D), by row.
    pub project_kept: Vec<bool>,
    /// Root row of each project's agency.
    pub project_root: Vec<u32>,
    /// Root row of each practitioner's agency.
    pub practitioner_root: Vec<u32>,
    /// Attendance rows that exist on D, grouped by practitioner row, each group sorted by
    /// (check_in, record_id).
    pub attendance_by_practitioner: Vec<Vec<u32>>,
    /// Attendance rows that exist on D, grouped by project row.
    pub attendance_by_project: Vec<Vec<u32>>,
    /// Attendance row → project row.
    pub attendance_project: Vec<u32>,
    /// Full-time on D, per practitioner row.
    pub full_time: Vec<bool>,
    /// Pension payers per practitioner per month offset 1..=scan (index 0 = M1).
    pub months: FxHashMap<u32, Vec<MonthFacts>>,
    /// Team rows per project row.
    pub team_by_project: Vec<Vec<u32>>,
    /// Stage rows (completed ≤ D) per project row.
    pub stages_by_project: Vec<Vec<u32>>,
}

/// Payers seen in one month for one person.
#[derive(Debug, Clone, Default)]
pub struct MonthFacts {
    pub pension: Vec<PayerKey>,
    pub other: Vec<PayerKey>,
}

/// A date that exists on D: the date itself when ≤ D, else none.
pub fn on_or_before(x: Option<NaiveDate>, d: NaiveDate) -> Option<NaiveDate> {
    x.filter(|v| *v <= d)
}

impl<'a> Ctx<'a> {
    /// Builds the view.
    pub fn new(ds: &'a Dataset, d: NaiveDate, p: &'a Params) -> Ctx<'a> {
        let t = ds.tables();
        let w_start = minus_days(d, p.window_days);
        let project_kept: Vec<bool> = t
            .projects
            .iter()
            .map(|x| x.contract_signed_on <= d)
            .collect();
        let project_root: Vec<u32> = t
            .projects
            .iter()
            .map(|x| ds.root_index_of(x.agency.as_str()).unwrap_or(0) as u32)
            .collect();
        let practitioner_root: Vec<u32> = t
            .practitioners
            .iter()
            .map(|x| ds.root_index_of(x.agency.as_str()).unwrap_or(0) as u32)
            .collect();

        let end: Option<DateTime<FixedOffset>> = end_of_local_day(d);
        let np = t.practitioners.len();
        let mut attendance_by_practitioner: Vec<Vec<u32>> = vec![Vec::new(); np];
        let mut attendance_by_project: Vec<Vec<u32>> = vec![Vec::new(); t.projects.len()];
        let mut attendance_project = vec![u32::MAX; t.attendance.len()];
        // Rows come grouped by project and person: reuse the previous row's lookups when the
        // ids repeat.
        let mut last: Option<(usize, Option<usize>, Option<usize>)> = None;
        for (i, a) in t.attendance.iter().enumerate() {
            if end.is_some_and(|e| a.check_in >= e) {
                continue;
            }
            let prev = last.and_then(|(j, pj, pr)| t.attendance.get(j).map(|b| (b, pj, pr)));
            let pj = match prev {
                Some((b, pj, _)) if b.project == a.project => pj,
                _ => ds.project_index(a.project.as_str()),
            };
            let pr = match prev {
                Some((b, _, pr)) if b.practitioner == a.practitioner => pr,
                _ => ds.practitioner_index(a.practitioner.as_str()),
            };
            last = Some((i, pj, pr));
            let (Some(pj), Some(pr)) = (pj, pr) else {
                continue;
            };
            if !project_kept[pj] {
                continue;
            }
            attendance_project[i] = pj as u32;
            attendance_by_practitioner[pr].push(i as u32);
            attendance_by_project[pj].push(i as u32);
        }
        for v in &mut attendance_by_practitioner {
            v.sort_by(|&a, &b| {
                let (x, y) = (&t.attendance[a as usize], &t.attendance[b as usize]);
                x.check_in.cmp(&y.check_in).then_with(|| x.id.cmp(&y.id))
            });
        }

        let mut team_by_project: Vec<Vec<u32>> = vec![Vec::new(); t.projects.len()];
        for (i, m) in t.team.iter().enumerate() {
            if let Some(pj) = ds.project_index(m.project.as_str()) {
                if project_kept[pj] {
                    team_by_project[pj].push(i as u32);
                }
            }
        }
        let mut stages_by_project: Vec<Vec<u32>> = vec![Vec::new(); t.projects.len()];
        for (i, s) in t.stages.iter().enumerate() {
            if s.completed_on > d {
                continue;
            }
            if let Some(pj) = ds.project_index(s.project.as_str()) {
                if project_kept[pj] {
                    stages_by_project[pj].push(i as u32);
                }
            }
        }

        let (months, full_time) = contribution_facts(ds, d, p, &practitioner_root);
        Ctx {
            ds,
            d,
            p,
            w_start,
            project_kept,
            project_root,
            practitioner_root,
            attendance_by_practitioner,
            attendance_by_project,
            attendance_project,
            full_time,
            months,
            team_by_project,
            stages_by_project,
        }
    }

    /// Whether a date lies in W.
    pub fn in_window(&self, x: NaiveDate) -> bool {
        x > self.w_start && x <= self.d
    }

    /// A project's dates as they stand on D.
    pub fn started(&self, pj: &Project) -> Option<NaiveDate> {
        on_or_before(pj.service_started_on, self.d)
    }
    /// Service end as it stands on D (none while running).
    pub fn ended(&self, pj: &Project) -> Option<NaiveDate> {
        on_or_before(pj.service_ended_on, self.d)
    }
}

/// Per practitioner: payers by month (M1..M_scan) and full-time on D.
fn contribution_facts(
    ds: &Dataset,
    d: NaiveDate,
    p: &Params,
    practitioner_root: &[u32],
) -> (FxHashMap<u32, Vec<MonthFacts>>, Vec<bool>) {
    let t = ds.tables();
    let m0 = YearMonth::of(d);
    let scan = p.pension_scan_months.max(p.full_time_months) as i32;
    let first = m0.minus(scan);
    let by_id_number: FxHashMap<&str, u32> = t
        .practitioners
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id_number.expose(), i as u32))
        .collect();
    let n_agencies = t.agencies.len() as u32;
    let mut outside: FxHashMap<Uscc, u32> = FxHashMap::default();
    let mut months: FxHashMap<u32, Vec<MonthFacts>> = FxHashMap::default();
    for c in &t.contributions {
        if c.month < first || c.month >= m0 {
            continue;
        }
        let Some(&pr) = by_id_number.get(c.id_number.expose()) else {
            continue;
        };
        let payer = match ds.payer_root(&c.payer) {
            Some(r) => r as u32,
            None => {
                let next = n_agencies + outside.len() as u32;
                *outside.entry(c.payer).or_insert(next)
            }
        };
        // offset 1 = M1 (the month before D's month)
        let offset = month_distance(c.month, m0);
        let facts = months
            .entry(pr)
            .or_insert_with(|| vec![MonthFacts::default(); scan as usize]);
        if let Some(f) = facts.get_mut(offset as usize - 1) {
            let list = match c.kind {
                ContributionKind::Pension => &mut f.pension,
                ContributionKind::IncomeTax | ContributionKind::Payroll => &mut f.other,
            };
            if !list.contains(&payer) {
                list.push(payer);
            }
        }
    }
    let ft = p.full_time_months as usize;
    let full_time = (0..t.practitioners.len())
        .map(|i| {
            let own = practitioner_root[i];
            match months.get(&(i as u32)) {
                Some(f) => {
                    ft > 0
                        && f.iter().take(ft).all(|m| {
                            m.pension.contains(&own) && m.pension.iter().all(|x| *x == own)
                        })
                }
                None => ft == 0,
            }
        })
        .collect();
    (months, full_time)
}

/// Months from `a` to `b` (b − a).
fn month_distance(a: YearMonth, b: YearMonth) -> i32 {
    (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32
}
