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
    pub attendance_by_practitioner: Groups,
    /// Attendance rows that exist on D, grouped by project row.
    pub attendance_by_project: Groups,
    /// Attendance row → project row.
    pub attendance_project: Vec<u32>,
    /// Full-time on D, per practitioner row.
    pub full_time: Vec<bool>,
    /// Pension payers per practitioner per month offset 1..=scan (index 0 = M1).
    pub months: FxHashMap<u32, Vec<MonthFacts>>,
    /// Team rows per project row.
    pub team_by_project: Groups,
    /// Stage rows (completed ≤ D) per project row.
    pub stages_by_project: Groups,
}

/// Rows grouped by a key row (one flat array and offsets: no allocation per group), each group
/// in row order unless sorted afterwards.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    start: Vec<u32>,
    rows: Vec<u32>,
}

impl Groups {
    /// Groups `(group, row)` pairs (groups below `n`; others dropped) by a counting sort.
    fn build<I: Iterator<Item = (u32, u32)>>(n: usize, items: impl Fn() -> I) -> Groups {
        let mut start = vec![0u32; n + 1];
        for (g, _) in items() {
            if let Some(c) = start.get_mut(g as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut fill = start.clone();
        let mut rows = vec![0u32; start[n] as usize];
        for (g, row) in items() {
            if (g as usize) < n {
                let at = &mut fill[g as usize];
                rows[*at as usize] = row;
                *at += 1;
            }
        }
        Groups { start, rows }
    }

    /// The number of groups.
    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The groups in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u32]> + '_ {
        (0..self.len()).map(move |g| &self[g])
    }
}

impl std::ops::Index<usize> for Groups {
    type Output = [u32];
    fn index(&self, g: usize) -> &[u32] {
        match (self.start.get(g), self.start.get(g + 1)) {
            (Some(&a), Some(&b)) => &self.rows[a as usize..b as usize],
            _ => &[],
        }
    }
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
        let npj = t.projects.len();
        // Project row of each attendance row that exists on D (u32::MAX: it does not).
        let refs = ds.attendance_refs();
        let attendance_project: Vec<u32> = t
            .attendance
            .iter()
            .zip(refs)
            .map(|(a, &(pj, _))| {
                let exists = project_kept.get(pj as usize).copied().unwrap_or(false)
                    && end.is_none_or(|e| a.check_in < e);
                if exists {
                    pj
                } else {
                    u32::MAX
                }
            })
            .collect();
        let kept_rows = || {
            attendance_project
                .iter()
                .zip(refs)
                .enumerate()
                .filter(|(_, (&pj, _))| pj != u32::MAX)
                .map(|(i, (&pj, &(_, pr)))| (i as u32, pj, pr))
        };
        let attendance_by_project = Groups::build(npj, || kept_rows().map(|(i, pj, _)| (pj, i)));
        let mut attendance_by_practitioner =
            Groups::build(np, || kept_rows().map(|(i, _, pr)| (pr, i)));
        // Each person's records by (check_in, record_id): sorted on compact keys (instant as
        // seconds and nanoseconds, row), the record itself read only on a tie.
        let mut keys: Vec<(i64, u32, u32)> = Vec::new();
        for g in 0..np {
            let (a, b) = (
                attendance_by_practitioner.start[g] as usize,
                attendance_by_practitioner.start[g + 1] as usize,
            );
            let rows = &mut attendance_by_practitioner.rows[a..b];
            if rows.len() < 2 {
                continue;
            }
            keys.clear();
            keys.extend(rows.iter().map(|&r| {
                let c = &t.attendance[r as usize].check_in;
                (c.timestamp(), c.timestamp_subsec_nanos(), r)
            }));
            keys.sort_unstable_by(|x, y| {
                (x.0, x.1).cmp(&(y.0, y.1)).then_with(|| {
                    t.attendance[x.2 as usize]
                        .id
                        .cmp(&t.attendance[y.2 as usize].id)
                })
            });
            for (r, k) in rows.iter_mut().zip(&keys) {
                *r = k.2;
            }
        }

        let team_refs = ds.team_refs();
        let team_by_project = Groups::build(npj, || {
            team_refs
                .iter()
                .enumerate()
                .filter(|(_, (pj, _))| project_kept.get(*pj as usize).copied().unwrap_or(false))
                .map(|(i, &(pj, _))| (pj, i as u32))
        });
        let stage_projects = ds.stage_projects();
        let stages_by_project = Groups::build(npj, || {
            t.stages
                .iter()
                .zip(stage_projects)
                .enumerate()
                .filter(|(_, (s, pj))| {
                    s.completed_on <= d && project_kept.get(**pj as usize).copied().unwrap_or(false)
                })
                .map(|(i, (_, &pj))| (pj, i as u32))
        });

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
