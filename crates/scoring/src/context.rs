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
    /// The attendance records that exist on D as the overlap and travel rules read them,
    /// grouped by practitioner row, each group sorted by (check_in, record_id): one sequential
    /// array instead of a scattered read of every record.
    pub visits_by_practitioner: Grouped<Visit>,
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
    /// Threads the run may use (1: the caller's alone).
    pub threads: usize,
}

/// One attendance record as the overlap and travel rules read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Visit {
    /// 签到.
    pub check_in: DateTime<FixedOffset>,
    /// 签退.
    pub check_out: DateTime<FixedOffset>,
    /// Project row.
    pub project: u32,
    /// Attendance row.
    pub row: u32,
    /// Latitude, decimal degrees.
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
}

/// Items grouped by a key row: one flat array and offsets, no allocation per group.
#[derive(Debug, Clone, Default)]
pub struct Grouped<T> {
    start: Vec<u32>,
    items: Vec<T>,
}

/// Rows grouped by a key row, each group in row order.
pub type Groups = Grouped<u32>;

impl Groups {
    /// Groups `(group, row)` pairs (groups below `n`; others dropped).
    pub(crate) fn of_rows<I: Iterator<Item = (u32, u32)>>(
        n: usize,
        pairs: impl Fn() -> I,
    ) -> Groups {
        Grouped::build(n, 0, pairs, |row| row)
    }
}

impl<T: Clone> Grouped<T> {
    /// A counting sort: `pairs` gives (group, row) twice, once to count and once to place
    /// `make(row)` in its group's next slot (groups below `n`; others dropped). The rows are
    /// visited in the order given; the slots being filled (one per group) stay in cache.
    fn build<I: Iterator<Item = (u32, u32)>>(
        n: usize,
        blank: T,
        pairs: impl Fn() -> I,
        make: impl Fn(u32) -> T,
    ) -> Grouped<T> {
        let mut start = vec![0u32; n + 1];
        for (g, _) in pairs() {
            if let Some(c) = start.get_mut(g as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..start.len() {
            start[i] += start[i - 1];
        }
        let mut fill = start.clone();
        let mut items = vec![blank; start[n] as usize];
        for (g, row) in pairs() {
            if let Some(at) = fill.get_mut(g as usize).filter(|_| (g as usize) < n) {
                items[*at as usize] = make(row);
                *at += 1;
            }
        }
        Grouped { start, items }
    }
}

impl<T> Grouped<T> {
    /// The number of groups.
    pub fn len(&self) -> usize {
        self.start.len().saturating_sub(1)
    }

    /// Whether there are no groups.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The positions of group `g` in the flat order (empty when there is no such group).
    pub fn range(&self, g: usize) -> std::ops::Range<usize> {
        match (self.start.get(g), self.start.get(g + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        }
    }

    /// The groups in order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> + '_ {
        (0..self.len()).map(move |g| &self[g])
    }

    /// The first group at or after which half of the items lie: where to cut the groups in two
    /// halves of about equal work.
    pub fn half_point(&self) -> usize {
        let half = self.start.last().copied().unwrap_or(0) / 2;
        self.start.partition_point(|&x| x < half).min(self.len())
    }

    /// Sorts each group in place by `cmp`, the two halves of the groups (see
    /// [`Grouped::half_point`]) on two threads when `threads` allows.
    fn sort_each(&mut self, threads: usize, cmp: &(dyn Fn(&T, &T) -> std::cmp::Ordering + Sync))
    where
        T: Send,
    {
        let (mid, n) = (self.half_point(), self.len());
        let start = &self.start;
        let sort = |groups: std::ops::Range<usize>, items: &mut [T], offset: usize| {
            for g in groups {
                let (a, b) = (start[g] as usize - offset, start[g + 1] as usize - offset);
                if let Some(mine) = items.get_mut(a..b) {
                    mine.sort_unstable_by(cmp);
                }
            }
        };
        let (lo, hi) = self.items.split_at_mut(start[mid] as usize);
        // `join` may call its second part again where no helper ran it: behind a lock, and
        // sorting twice changes nothing.
        let hi = std::sync::Mutex::new(hi);
        crate::par::join(
            threads,
            || sort(0..mid, lo, 0),
            || {
                let mut hi = hi.lock().unwrap_or_else(|e| e.into_inner());
                sort(mid..n, &mut hi, start[mid] as usize);
            },
        );
    }
}

impl<T> std::ops::Index<usize> for Grouped<T> {
    type Output = [T];
    fn index(&self, g: usize) -> &[T] {
        &self.items[self.range(g)]
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
        let rows = t.attendance.len()
            + t.contributions.len()
            + t.team.len()
            + t.stages.len()
            + t.projects.len();
        Ctx::with_threads(ds, d, p, crate::par::threads_for(rows))
    }

    /// [`Ctx::new`] on at most `threads` threads (this view and the rules run on it; 1: the
    /// caller's thread alone). The result does not depend on it.
    pub fn with_threads(ds: &'a Dataset, d: NaiveDate, p: &'a Params, threads: usize) -> Ctx<'a> {
        let t = ds.tables();
        let w_start = minus_days(d, p.window_days);
        let project_kept: Vec<bool> = t
            .projects
            .iter()
            .map(|x| x.contract_signed_on <= d)
            .collect();
        // The attendance view on this thread; the rest, independent of it, on a helper.
        let (att, rest) = crate::par::join(
            threads,
            || AttendanceView::new(ds, d, &project_kept, threads),
            || Rest::new(ds, d, p, &project_kept),
        );
        Ctx {
            ds,
            d,
            p,
            w_start,
            project_kept,
            project_root: rest.project_root,
            practitioner_root: rest.practitioner_root,
            visits_by_practitioner: att.by_practitioner,
            attendance_by_project: att.by_project,
            attendance_project: att.project,
            full_time: rest.full_time,
            months: rest.months,
            team_by_project: rest.team_by_project,
            stages_by_project: rest.stages_by_project,
            threads,
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

/// The attendance part of the view.
struct AttendanceView {
    by_practitioner: Grouped<Visit>,
    by_project: Groups,
    project: Vec<u32>,
}

impl AttendanceView {
    fn new(ds: &Dataset, d: NaiveDate, project_kept: &[bool], threads: usize) -> AttendanceView {
        let t = ds.tables();
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
        // The grouping by project on a helper, the grouping by person here.
        let (by_practitioner, by_project) = crate::par::join(
            threads,
            || visits_by_person(t, np, &kept_rows, &attendance_project, threads),
            || Groups::of_rows(npj, || kept_rows().map(|(i, pj, _)| (pj, i))),
        );
        AttendanceView {
            by_practitioner,
            by_project,
            project: attendance_project,
        }
    }
}

/// Each person's records by (check_in, record_id), from (row, project row, person row) of the
/// records that exist on D. The records are read once, in file order, each into its person's
/// next slot (a counting sort); then each person's few records are sorted in place, half of the
/// people on each core. A record is read again only on a tie of check-ins.
fn visits_by_person<I: Iterator<Item = (u32, u32, u32)>>(
    t: &zhongjie_core::Tables,
    np: usize,
    kept_rows: &(dyn Fn() -> I + Sync),
    attendance_project: &[u32],
    threads: usize,
) -> Grouped<Visit> {
    let blank = Visit {
        check_in: DateTime::<FixedOffset>::MIN_UTC.fixed_offset(),
        check_out: DateTime::<FixedOffset>::MIN_UTC.fixed_offset(),
        project: u32::MAX,
        row: u32::MAX,
        lat: 0.0,
        lon: 0.0,
    };
    let mut visits = Grouped::build(
        np,
        blank,
        || kept_rows().map(|(i, _, pr)| (pr, i)),
        |i| {
            let a = &t.attendance[i as usize];
            Visit {
                check_in: a.check_in,
                check_out: a.check_out,
                project: attendance_project[i as usize],
                row: i,
                lat: a.lat,
                lon: a.lon,
            }
        },
    );
    visits.sort_each(threads, &|x: &Visit, y: &Visit| {
        x.check_in.cmp(&y.check_in).then_with(|| {
            t.attendance[x.row as usize]
                .id
                .cmp(&t.attendance[y.row as usize].id)
        })
    });
    visits
}

/// The part of the view that does not read attendance.
struct Rest {
    project_root: Vec<u32>,
    practitioner_root: Vec<u32>,
    team_by_project: Groups,
    stages_by_project: Groups,
    months: FxHashMap<u32, Vec<MonthFacts>>,
    full_time: Vec<bool>,
}

impl Rest {
    fn new(ds: &Dataset, d: NaiveDate, p: &Params, project_kept: &[bool]) -> Rest {
        let t = ds.tables();
        let npj = t.projects.len();
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
        let kept = |pj: u32| project_kept.get(pj as usize).copied().unwrap_or(false);
        let team_refs = ds.team_refs();
        let team_by_project = Groups::of_rows(npj, || {
            team_refs
                .iter()
                .enumerate()
                .filter(|(_, (pj, _))| kept(*pj))
                .map(|(i, &(pj, _))| (pj, i as u32))
        });
        let stage_projects = ds.stage_projects();
        let stages_by_project = Groups::of_rows(npj, || {
            t.stages
                .iter()
                .zip(stage_projects)
                .enumerate()
                .filter(|(_, (s, pj))| s.completed_on <= d && kept(**pj))
                .map(|(i, (_, &pj))| (pj, i as u32))
        });
        let (months, full_time) = contribution_facts(ds, d, p, &practitioner_root);
        Rest {
            project_root,
            practitioner_root,
            team_by_project,
            stages_by_project,
            months,
            full_time,
        }
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
