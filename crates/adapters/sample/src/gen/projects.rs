//! Projects: a draft (dates, client, team, planted check-ins) is completed with natural
//! check-ins and the process archive, then written with its team, attendance and stages.

use super::plan::TreePlan;
use super::{round6, Gen};
use crate::vocab::CITIES;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::*;

/// A team member: of this tree (local index) or of another tree (global practitioner index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Member {
    Local(u32),
    Foreign(u32),
}

/// A check-in of a local person: local day, minutes of the day at UTC+08:00.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rec {
    pub person: u32,
    pub day: i32,
    pub in_min: u32,
    pub out_min: u32,
    pub lat: f64,
    pub lon: f64,
    /// Written with a `Z` offset.
    pub utc: bool,
}

/// How the practice notice (执业告知) is dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Notice {
    /// Before the service starts (evaluations always; other services sometimes).
    Natural,
    /// On the first site day (late: the rule wants it before).
    SameDay,
    /// Never filed.
    Missing,
    /// On this day.
    At(i32),
}

/// A project before it is written.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub agency: usize,
    pub st: ServiceType,
    pub scope: Option<IndustryScope>,
    pub client: u32,
    pub site_region: u32,
    pub lat: f64,
    pub lon: f64,
    pub contract: i32,
    pub notice: Notice,
    pub start: Option<i32>,
    pub end: Option<i32>,
    /// The last day of site work: the planned end even when not yet recorded.
    pub work_end: i32,
    pub upload: Option<i32>,
    pub funded: bool,
    pub fee_cents: i64,
    pub team: Vec<(Member, Role)>,
    /// Local people of the team who never go on site.
    pub absent: Vec<u32>,
    pub planned: Vec<Rec>,
    pub natural_att: bool,
    /// Too few hours on site (DURATION_SHORT).
    pub short: bool,
    pub drop_stages: Vec<Stage>,
    pub late_stages: Vec<(Stage, i32)>,
}

/// What a draft is made from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub agency: usize,
    pub st: ServiceType,
    pub scope: Option<IndustryScope>,
    pub city: usize,
    pub fresh_client: bool,
    pub contract: i32,
    pub start: Option<i32>,
    pub end: Option<i32>,
    pub upload: Option<i32>,
}

/// Minimum hours on site by type (part C, DURATION_SHORT).
pub(crate) fn min_hours(st: ServiceType) -> u32 {
    match st {
        ServiceType::PreEvaluation
        | ServiceType::AcceptanceEvaluation
        | ServiceType::StatusEvaluation
        | ServiceType::Standardization => 16,
        ServiceType::Training | ServiceType::Consulting => 4,
        ServiceType::Trusteeship => 40,
        ServiceType::HazardInspection
        | ServiceType::Testing
        | ServiceType::EmergencyPlan
        | ServiceType::Assessment => 8,
    }
}

/// Usual days on site by type (before scaling to the configured check-ins per project).
fn base_days(st: ServiceType) -> f64 {
    match st {
        ServiceType::PreEvaluation
        | ServiceType::AcceptanceEvaluation
        | ServiceType::StatusEvaluation
        | ServiceType::HazardInspection
        | ServiceType::Standardization => 3.0,
        ServiceType::Training => 1.0,
        ServiceType::Trusteeship => 6.0,
        ServiceType::Consulting
        | ServiceType::Testing
        | ServiceType::EmergencyPlan
        | ServiceType::Assessment => 2.0,
    }
}

/// Service duration in days by type.
fn duration(st: ServiceType) -> (i32, i32) {
    match st {
        ServiceType::PreEvaluation => (20, 60),
        ServiceType::AcceptanceEvaluation => (15, 45),
        ServiceType::StatusEvaluation => (20, 75),
        ServiceType::HazardInspection => (3, 30),
        ServiceType::Training => (1, 5),
        ServiceType::Consulting => (7, 60),
        ServiceType::Testing => (2, 20),
        ServiceType::Trusteeship => (180, 365),
        ServiceType::EmergencyPlan => (15, 60),
        ServiceType::Standardization => (45, 150),
        ServiceType::Assessment => (10, 45),
    }
}

/// Fee range in yuan by type.
fn fee_range(st: ServiceType) -> (i64, i64) {
    match st {
        ServiceType::PreEvaluation => (30_000, 150_000),
        ServiceType::AcceptanceEvaluation => (40_000, 200_000),
        ServiceType::StatusEvaluation => (20_000, 120_000),
        ServiceType::HazardInspection => (5_000, 60_000),
        ServiceType::Training => (2_000, 30_000),
        ServiceType::Consulting => (5_000, 50_000),
        ServiceType::Testing => (3_000, 60_000),
        ServiceType::Trusteeship => (36_000, 240_000),
        ServiceType::EmergencyPlan => (5_000, 30_000),
        ServiceType::Standardization => (20_000, 100_000),
        ServiceType::Assessment => (10_000, 80_000),
    }
}

/// Anomalies planted in natural projects of random trees.
#[derive(Debug, Clone, Copy)]
enum Plant {
    ReportLate,
    ReportMissing,
    NoticeLate,
    Archive,
    LeaderAbsent,
    DurationShort,
    NoSpecialist,
    Borrowed,
    OutOfScope,
}

/// Pairs of projects sharing one person's day on site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairKind {
    /// Overlapping check-ins on two projects (CONCURRENT_PRACTICE).
    Overlap,
    /// Sites far apart with an hour between (INFEASIBLE_TRAVEL).
    FarShortGap,
    /// Check-out and check-in at the same minute at sites in two cities (INFEASIBLE_TRAVEL).
    TouchingFar,
    /// Check-out and check-in at the same minute at one client's site: no finding.
    TouchingNear,
    /// 20 km in an hour and a half: no finding.
    FeasibleHop,
}

/// Great-circle distance in km (R = 6371.0088 km).
pub(crate) fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

impl Gen<'_> {
    /// The Zhejiang city where an agency of the tree works (its own, or a weighted draw for an
    /// out-of-province head office).
    pub(super) fn agency_city(&mut self, tp: &TreePlan, agency: usize) -> usize {
        match tp.agencies.get(agency).and_then(|a| a.city) {
            Some(c) => c,
            None => self.city(),
        }
    }

    /// A random performing agency: branches do much of the work, all of it for an
    /// out-of-province head office.
    fn performing_agency(&mut self, tp: &TreePlan) -> usize {
        let n = tp.agencies.len();
        if n <= 1 {
            return 0;
        }
        let outside = tp.agencies.first().is_some_and(|a| a.city.is_none());
        if (outside && self.chance(0.9)) || self.chance(0.5) {
            1 + self.idx(n - 1)
        } else {
            0
        }
    }

    /// A random service type the tree is licensed for, weighted to evaluations for safety
    /// evaluation trees.
    fn service_type(&mut self, tp: &TreePlan) -> ServiceType {
        let w: Vec<u32> = tp
            .services
            .iter()
            .map(|s| match s {
                ServiceType::StatusEvaluation => 45,
                ServiceType::PreEvaluation => 30,
                ServiceType::AcceptanceEvaluation => 25,
                ServiceType::HazardInspection => 30,
                ServiceType::Training => 25,
                ServiceType::Consulting => 20,
                ServiceType::Trusteeship => 6,
                _ => 12,
            })
            .collect();
        tp.services
            .get(self.weighted(&w))
            .copied()
            .unwrap_or(ServiceType::Consulting)
    }

    /// Natural dates from a contract day.
    pub(super) fn natural_dates(
        &mut self,
        st: ServiceType,
        contract: i32,
    ) -> (Option<i32>, Option<i32>, Option<i32>, i32) {
        let delay = if st.is_evaluation() {
            self.int(3, 30)
        } else {
            self.int(2, 20)
        };
        let s = contract + delay;
        let (lo, hi) = duration(st);
        let e = s + self.int(lo, hi);
        let start = if s > self.d && self.chance(0.5) {
            None
        } else {
            Some(s)
        };
        let end = match start {
            None => None,
            Some(_) if e > self.d => {
                if self.chance(0.35) {
                    Some(e)
                } else {
                    None
                }
            }
            Some(_) => Some(e),
        };
        let upload = end.map(|x| x + self.int(1, 28));
        (start, end, upload, e)
    }

    fn natural_spec(&mut self, tp: &TreePlan) -> (Spec, i32) {
        let agency = self.performing_agency(tp);
        let city = match tp.agencies.get(agency).and_then(|a| a.city) {
            Some(c) if self.chance(0.8) => c,
            _ => self.city(),
        };
        let st = self.service_type(tp);
        let scope = if st.is_evaluation() {
            self.pick(&tp.industries)
                .or(Some(IndustryScope::Petrochemical))
        } else if !tp.industries.is_empty() && self.chance(0.2) {
            self.pick(&tp.industries)
        } else {
            None
        };
        let contract = self.int(tp.contracts.0, tp.contracts.1);
        let (start, end, upload, work_end) = self.natural_dates(st, contract);
        (
            Spec {
                agency,
                st,
                scope,
                city,
                fresh_client: false,
                contract,
                start,
                end,
                upload,
            },
            work_end,
        )
    }

    /// A draft from a spec, with a natural team and notice.
    pub(super) fn draft(&mut self, s: Spec, work_end: i32) -> Draft {
        let client = self.client(s.city, s.scope, s.fresh_client);
        let (region, lat, lon) = self
            .clients
            .get(client as usize)
            .map_or((330106, 30.27, 120.15), |c| (c.region, c.lat, c.lon));
        let (lo, hi) = fee_range(s.st);
        let yuan = self.int(lo as i32, hi as i32) as i64;
        let fee_cents = if self.chance(0.8) {
            yuan / 100 * 100 * 100
        } else {
            yuan * 100 + self.int(0, 99) as i64
        };
        let funded = self.chance(match s.st {
            ServiceType::HazardInspection => 0.35,
            ServiceType::Training => 0.3,
            st if st.is_evaluation() => 0.05,
            _ => 0.1,
        });
        let team = self.pick_team(s.st, s.scope, s.agency, s.contract);
        Draft {
            agency: s.agency,
            st: s.st,
            scope: s.scope,
            client,
            site_region: region,
            lat,
            lon,
            contract: s.contract,
            notice: Notice::Natural,
            start: s.start,
            end: s.end,
            work_end: work_end.max(s.start.unwrap_or(s.contract)),
            upload: s.upload,
            funded,
            fee_cents,
            team,
            absent: Vec::new(),
            planned: Vec::new(),
            natural_att: true,
            short: false,
            drop_stages: Vec::new(),
            late_stages: Vec::new(),
        }
    }

    /// A natural team: a leader competent in the scope, members, often a reviewer, sometimes a
    /// technical lead and an external expert from the expert pool.
    fn pick_team(
        &mut self,
        st: ServiceType,
        scope: Option<IndustryScope>,
        agency: usize,
        contract: i32,
    ) -> Vec<(Member, Role)> {
        let n = self.people.len() as u32;
        let mut pool = std::mem::take(&mut self.scratch);
        pool.clear();
        pool.extend((0..n).filter(|&i| {
            self.people
                .get(i as usize)
                .is_some_and(|p| p.hire <= contract)
        }));
        if pool.is_empty() {
            pool.extend(0..n);
        }
        if self.chance(0.75) {
            let same = pool
                .iter()
                .filter(|&&i| {
                    self.people
                        .get(i as usize)
                        .is_some_and(|p| p.agency == agency)
                })
                .count();
            if same >= 3 {
                pool.retain(|&i| {
                    self.people
                        .get(i as usize)
                        .is_some_and(|p| p.agency == agency)
                });
            }
        }
        let eval = st.is_evaluation();
        let fit = move |g: &Gen<'_>, i: u32| {
            g.people.get(i as usize).is_some_and(|p| {
                if eval {
                    p.level.is_some() && scope.is_some_and(|s| p.specialties.contains(&s))
                } else {
                    p.professional()
                }
            })
        };
        let mut team = Vec::with_capacity(6);
        let leader = match self.pick_where(&pool, fit) {
            Some(l) => Some(l),
            // Nobody fit at the performing branch: someone from elsewhere in the tree leads.
            None => {
                let all: Vec<u32> = (0..n).collect();
                self.pick_where(&all, |g, i| {
                    fit(g, i) && g.people.get(i as usize).is_some_and(|p| p.hire <= contract)
                })
                .or_else(|| self.pick(&pool))
            }
        };
        let Some(leader) = leader else {
            self.scratch = pool;
            return team;
        };
        team.push((Member::Local(leader), Role::Leader));
        let members = if eval {
            self.int(2, 3)
        } else {
            match st {
                ServiceType::Training | ServiceType::Consulting => self.int(0, 1),
                ServiceType::EmergencyPlan => 1,
                _ => self.int(1, 2),
            }
        };
        // Who is on the team already (copied into each predicate; teams are small).
        let mut used = [leader; 8];
        let mut n_used = 1;
        for _ in 0..members {
            let u = used;
            let k = n_used;
            if let Some(m) = self.pick_where(&pool, move |_, i| !u[..k].contains(&i)) {
                team.push((Member::Local(m), Role::Member));
                if let Some(slot) = used.get_mut(n_used) {
                    *slot = m;
                    n_used += 1;
                }
            }
        }
        let roles = [
            (Role::Reviewer, if eval { 1.0 } else { 0.35 }),
            (Role::TechnicalLead, if eval { 0.4 } else { 0.15 }),
        ];
        for (role, p) in roles {
            if self.chance(p) {
                let u = used;
                let k = n_used;
                let free = move |i: u32| !u[..k].contains(&i);
                let senior = move |g: &Gen<'_>, i: u32| {
                    free(i)
                        && g.people.get(i as usize).is_some_and(|p| {
                            matches!(p.level, Some(EvaluatorLevel::One | EvaluatorLevel::Two))
                                || p.title == Title::Senior
                        })
                };
                let m = self
                    .pick_where(&pool, senior)
                    .or_else(|| self.pick_where(&pool, move |_, i| free(i)));
                if let Some(m) = m {
                    team.push((Member::Local(m), role));
                    if let Some(slot) = used.get_mut(n_used) {
                        *slot = m;
                        n_used += 1;
                    }
                }
            }
        }
        if self.chance(0.06) && !self.experts.is_empty() {
            let k = self.idx(self.experts.len());
            if let Some(g) = self.experts.get(k) {
                team.push((Member::Foreign(*g), Role::ExternalExpert));
            }
        }
        self.scratch = pool;
        team
    }

    /// A uniformly drawn element of `xs` satisfying `pred`, without allocating.
    fn pick_where(&mut self, xs: &[u32], pred: impl Fn(&Gen<'_>, u32) -> bool) -> Option<u32> {
        let n = xs.iter().filter(|&&i| pred(self, i)).count();
        if n == 0 {
            return None;
        }
        let k = self.idx(n);
        xs.iter().copied().filter(|&i| pred(self, i)).nth(k)
    }

    /// Builds every project of a tree.
    pub(super) fn build_projects(&mut self, t: usize, tp: &TreePlan) {
        if tp.is_showcase() {
            let made = self.showcase_projects(tp);
            let natural = tp.projects.saturating_sub(made).max(2);
            for _ in 0..natural {
                let (s, w) = self.natural_spec(tp);
                let dr = self.draft(s, w);
                self.emit(tp, dr);
            }
            return;
        }
        let d = tp.discipline;
        let mut budget = tp.projects;
        if tp.flags.capacity {
            let f = self.people.iter().filter(|p| p.professional()).count();
            if f <= 8 {
                budget = budget.saturating_sub(self.running_projects(tp, 4 * f + 2));
            }
        }
        let pairs = self.poisson(tp.projects as f64 * 0.005 * d);
        for _ in 0..pairs {
            let kind = [
                PairKind::Overlap,
                PairKind::Overlap,
                PairKind::FarShortGap,
                PairKind::TouchingFar,
                PairKind::TouchingNear,
                PairKind::FeasibleHop,
            ][self.idx(6)];
            let around = self.int(tp.contracts.0 + 40, tp.contracts.1.min(self.d) - 10);
            if let Some((a, b)) = self.pair(tp, kind, around, None) {
                self.emit(tp, a);
                self.emit(tp, b);
                budget = budget.saturating_sub(2);
            }
        }
        for _ in 0..budget {
            let (s, w) = self.natural_spec(tp);
            let mut dr = self.draft(s, w);
            if self.chance(0.1 * d) {
                self.plant(t, tp, &mut dr);
            }
            if self.chance(0.006) {
                self.client_event_near(&dr);
            }
            self.emit(tp, dr);
        }
    }

    /// `n` projects running on the as-of date (CAPACITY_EXCEEDED when above 4 per professional).
    pub(super) fn running_projects(&mut self, tp: &TreePlan, n: usize) -> usize {
        for _ in 0..n {
            let agency = self.performing_agency(tp);
            let city = self.agency_city(tp, agency);
            let st = if tp.services.contains(&ServiceType::Trusteeship) && self.chance(0.7) {
                ServiceType::Trusteeship
            } else {
                self.service_type(tp)
            };
            let scope = if st.is_evaluation() {
                self.pick(&tp.industries)
            } else {
                None
            };
            let contract = self.day_in(-200, -15);
            let start = (contract + self.int(2, 10)).min(self.rel(-5));
            let spec = Spec {
                agency,
                st,
                scope,
                city,
                fresh_client: false,
                contract,
                start: Some(start),
                end: None,
                upload: None,
            };
            let work_end = self.day_in(20, 90);
            let dr = self.draft(spec, work_end);
            self.emit(tp, dr);
        }
        n
    }

    /// Plants one anomaly in a natural project of a random tree.
    fn plant(&mut self, t: usize, tp: &TreePlan, dr: &mut Draft) {
        let kinds = [
            (Plant::ReportLate, 25),
            (Plant::ReportMissing, 10),
            (Plant::NoticeLate, 15),
            (Plant::Archive, 20),
            (Plant::LeaderAbsent, 6),
            (Plant::DurationShort, 10),
            (Plant::NoSpecialist, 5),
            (Plant::Borrowed, 6),
            (Plant::OutOfScope, 3),
        ];
        let w: Vec<u32> = kinds.iter().map(|k| k.1).collect();
        let kind = kinds[self.weighted(&w)].0;
        let eval = dr.st.is_evaluation();
        match kind {
            Plant::ReportLate => {
                if let (false, Some(e)) = (eval, dr.end) {
                    dr.upload = Some(e + self.int(31, 90));
                }
            }
            Plant::ReportMissing => {
                if !eval && dr.end.is_some() {
                    dr.upload = None;
                }
            }
            Plant::NoticeLate => {
                if eval {
                    dr.notice = match self.idx(3) {
                        0 => Notice::SameDay,
                        1 => Notice::Missing,
                        _ => Notice::At(dr.start.unwrap_or(dr.contract) + self.int(3, 12)),
                    };
                }
            }
            Plant::Archive => {
                if dr.end.is_some() {
                    let req: &[Stage] = if eval {
                        &[Stage::Notice, Stage::SiteSurvey, Stage::Report]
                    } else {
                        &[Stage::Plan, Stage::Rectification, Stage::Closure]
                    };
                    if let Some(s) = self.pick(req) {
                        dr.drop_stages.push(s);
                    }
                }
            }
            Plant::LeaderAbsent => {
                if let Some((Member::Local(l), _)) =
                    dr.team.iter().find(|(_, r)| *r == Role::Leader).copied()
                {
                    if dr.team.len() > 1 {
                        dr.absent.push(l);
                    }
                }
            }
            Plant::DurationShort => dr.short = true,
            Plant::NoSpecialist => {
                if let Some(scope) = dr.scope.filter(|_| eval) {
                    let others: Vec<u32> = (0..self.people.len() as u32)
                        .filter(|&i| {
                            self.people.get(i as usize).is_some_and(|p| {
                                p.level.is_some() && !p.specialties.contains(&scope)
                            })
                        })
                        .collect();
                    if others.len() >= 2 {
                        dr.team
                            .retain(|(_, r)| !matches!(r, Role::Leader | Role::Member));
                        let a = others[self.idx(others.len())];
                        let mut b = others[self.idx(others.len())];
                        if b == a {
                            b = others[(others.iter().position(|x| *x == a).unwrap_or(0) + 1)
                                % others.len()];
                        }
                        dr.team
                            .retain(|(m, _)| *m != Member::Local(a) && *m != Member::Local(b));
                        dr.team.insert(0, (Member::Local(a), Role::Leader));
                        dr.team.insert(1, (Member::Local(b), Role::Member));
                    }
                }
            }
            Plant::Borrowed => {
                if let Some(g) = self.foreign_person(t) {
                    let role = if self.chance(0.7) {
                        Role::Member
                    } else {
                        Role::TechnicalLead
                    };
                    dr.team.push((Member::Foreign(g), role));
                }
            }
            Plant::OutOfScope => {
                if !eval {
                    let outside: Vec<ServiceType> = ServiceType::ALL
                        .iter()
                        .copied()
                        .filter(|s| !s.is_evaluation() && !tp.services.contains(s))
                        .collect();
                    if let Some(s) = self.pick(&outside) {
                        dr.st = s;
                    }
                }
            }
        }
    }

    /// A practitioner of an earlier tree (certificate lending: on the team, never on site).
    pub(super) fn foreign_person(&mut self, t: usize) -> Option<u32> {
        let k = self.idx(t.max(1));
        let (a, b) = *self.tree_people.get(k)?;
        if b > a && t > 0 {
            Some(a + self.int(0, (b - a - 1) as i32) as u32)
        } else {
            None
        }
    }

    /// Two projects on which one person works the same day (see [`PairKind`]). `x` is the
    /// person, or any suitable one.
    pub(super) fn pair(
        &mut self,
        tp: &TreePlan,
        kind: PairKind,
        around: i32,
        x: Option<u32>,
    ) -> Option<(Draft, Draft)> {
        let x = match x {
            Some(x) => x,
            None => {
                let fit: Vec<u32> = (0..self.people.len() as u32)
                    .filter(|&i| {
                        self.people.get(i as usize).is_some_and(|p| {
                            p.hire < around - 60
                                && if tp.industries.is_empty() {
                                    p.professional()
                                } else {
                                    p.level.is_some()
                                        && p.specialties.iter().any(|s| tp.industries.contains(s))
                                }
                        })
                    })
                    .collect();
                self.pick(&fit)?
            }
        };
        let person = self.people.get(x as usize)?.clone();
        let scope = person
            .specialties
            .iter()
            .copied()
            .find(|s| tp.industries.contains(s));
        let types: Vec<ServiceType> = tp
            .services
            .iter()
            .copied()
            .filter(|s| !s.is_evaluation() || scope.is_some())
            .collect();
        let st_a = self.pick(&types)?;
        let st_b = self.pick(&types)?;
        let agency = person.agency;
        let city_a = self.agency_city(tp, agency);
        let far_city = |from: usize, lo: f64, hi: f64| -> Vec<usize> {
            let a = CITIES.get(from).map_or((30.27, 120.15), |c| (c.lat, c.lon));
            (0..CITIES.len())
                .filter(|&k| {
                    let b = CITIES.get(k).map_or(a, |c| (c.lat, c.lon));
                    let d = haversine(a, b);
                    d > lo && d < hi
                })
                .collect()
        };
        let city_b = match kind {
            PairKind::FarShortGap => self
                .pick(&far_city(city_a, 230.0, 1000.0))
                .unwrap_or(city_a),
            PairKind::TouchingFar => self.pick(&far_city(city_a, 40.0, 200.0)).unwrap_or(city_a),
            _ => city_a,
        };
        let mk = |g: &mut Gen<'_>, st: ServiceType, city: usize| {
            let contract = around - g.int(20, 40);
            let start = around - g.int(3, 15);
            let (lo, hi) = duration(st);
            let planned_end = (start + g.int(lo, hi.min(90))).max(around + 3);
            let (end, upload) = if planned_end <= g.d {
                (Some(planned_end), Some(planned_end + g.int(1, 28)))
            } else {
                (None, None)
            };
            (
                Spec {
                    agency,
                    st,
                    scope: if st.is_evaluation() { scope } else { None },
                    city,
                    fresh_client: false,
                    contract,
                    start: Some(start),
                    end,
                    upload,
                },
                planned_end,
            )
        };
        let (sa, wa) = mk(self, st_a, city_a);
        let (sb, wb) = mk(self, st_b, city_b);
        let mut a = self.draft(sa, wa);
        let mut b = self.draft(sb, wb);
        if kind == PairKind::TouchingNear {
            b.client = a.client;
            b.site_region = a.site_region;
            b.lat = a.lat;
            b.lon = a.lon;
        }
        if kind == PairKind::FeasibleHop {
            b.lat = round6(a.lat + 0.2);
            b.lon = a.lon;
        }
        for dr in [&mut a, &mut b] {
            dr.team.retain(|(m, _)| *m != Member::Local(x));
            dr.team.insert(0, (Member::Local(x), Role::Leader));
            let leaders = dr.team.iter().filter(|(_, r)| *r == Role::Leader).count();
            if leaders > 1 {
                // The natural leader becomes a member.
                if let Some(slot) = dr.team.iter_mut().skip(1).find(|(_, r)| *r == Role::Leader) {
                    slot.1 = Role::Member;
                }
            }
        }
        let mut day = self.weekday_from(around);
        while self.occupied.contains(&(x, day)) {
            day = self.weekday_from(day + 1);
        }
        let (ai, ao, bi, bo) = match kind {
            PairKind::Overlap => (540, 750, 690, 990),
            PairKind::FarShortGap => (510, 660, 720, 990),
            PairKind::TouchingFar => (510, 720, 720, 990),
            PairKind::TouchingNear => (510, 720, 720, 1020),
            PairKind::FeasibleHop => (510, 660, 750, 1020),
        };
        let jit = |g: &mut Gen<'_>| (g.unit() - 0.5) * 0.001;
        let ra = Rec {
            person: x,
            day,
            in_min: ai,
            out_min: ao,
            lat: round6(a.lat + jit(self)),
            lon: round6(a.lon + jit(self)),
            utc: false,
        };
        let rb = Rec {
            person: x,
            day,
            in_min: bi,
            out_min: bo,
            lat: round6(b.lat + jit(self)),
            lon: round6(b.lon + jit(self)),
            utc: false,
        };
        a.planned.push(ra);
        b.planned.push(rb);
        self.occupied.insert((x, day));
        Some((a, b))
    }

    /// Writes a project with its team, check-ins and archive; returns its id.
    pub(super) fn emit(&mut self, tp: &TreePlan, mut dr: Draft) -> ProjectId {
        let pid: ProjectId = self.tree_id("J", self.n_project, 4);
        self.n_project += 1;
        let mut recs = std::mem::take(&mut self.recs);
        recs.clear();
        recs.append(&mut dr.planned);
        for r in &recs {
            self.occupied.insert((r.person, r.day));
        }
        if dr.natural_att {
            if let Some(s) = dr.start {
                self.natural_attendance(&mut dr, s, &mut recs);
            }
        }
        let first_site = recs.iter().map(|r| r.day).min();
        let notice = if dr.st.is_evaluation() {
            match dr.notice {
                Notice::Natural => dr
                    .start
                    .map(|s| (s - self.int(1, 5)).max(dr.contract).min(s - 1)),
                Notice::SameDay => first_site.or(dr.start),
                Notice::Missing => None,
                Notice::At(x) => Some(x),
            }
        } else {
            match dr.notice {
                Notice::Natural if self.chance(0.4) => {
                    dr.start.map(|s| (s - self.int(0, 3)).max(dr.contract))
                }
                Notice::At(x) => Some(x),
                _ => None,
            }
        };
        let agency = tp
            .agencies
            .get(dr.agency)
            .or(tp.agencies.first())
            .map(|a| a.id.clone());
        let Some(agency) = agency else { return pid };
        let (client_uscc, client_name) = self
            .clients
            .get(dr.client as usize)
            .map(|c| (c.uscc, c.name.clone()))
            .unwrap_or((tp.agencies[0].uscc, String::new()));
        self.out.projects.push(Project {
            id: pid.clone(),
            agency,
            service_type: dr.st,
            scope: dr.scope,
            client_uscc,
            client_name,
            site_region: crate::ident::valid(&dr.site_region.to_string()),
            contract_signed_on: self.date(dr.contract),
            notice_filed_on: notice.map(|n| self.date(n)),
            service_started_on: dr.start.map(|s| self.date(s)),
            service_ended_on: dr.end.map(|e| self.date(e)),
            report_uploaded_on: dr.upload.map(|u| self.date(u)),
            government_funded: dr.funded,
            fee_yuan: Decimal::new(dr.fee_cents, 2),
        });
        for (m, role) in &dr.team {
            let practitioner = match m {
                Member::Local(l) => self.people.get(*l as usize).map(|p| p.id.clone()),
                Member::Foreign(g) => Some(Self::practitioner_id(*g)),
            };
            if let Some(practitioner) = practitioner {
                self.out.team.push(TeamMember {
                    project: pid.clone(),
                    practitioner,
                    role: *role,
                });
            }
        }
        recs.sort_by_key(|r| (r.day, r.in_min, r.person));
        for r in &recs {
            let Some(p) = self.people.get(r.person as usize) else {
                continue;
            };
            let rid: RecordId = self.tree_id("AT", self.n_record, 5);
            self.n_record += 1;
            let practitioner = p.id.clone();
            self.out.attendance.push(Attendance {
                id: rid,
                project: pid.clone(),
                practitioner,
                check_in: self.instant(r.day, r.in_min, r.utc),
                check_out: self.instant(r.day, r.out_min, r.utc),
                lat: r.lat,
                lon: r.lon,
            });
        }
        self.stages(&pid, &dr, notice, first_site);
        self.recs = recs;
        pid
    }

    fn natural_attendance(&mut self, dr: &mut Draft, start: i32, recs: &mut Vec<Rec>) {
        let mut onsite: Vec<u32> = Vec::new();
        let mut leader = None;
        for (m, role) in &dr.team {
            if let Member::Local(p) = m {
                if dr.absent.contains(p) || onsite.contains(p) {
                    continue;
                }
                match role {
                    Role::Leader => {
                        leader.get_or_insert(*p);
                        onsite.push(*p);
                    }
                    Role::Member | Role::TechnicalLead => onsite.push(*p),
                    _ => {}
                }
            }
        }
        if onsite.is_empty() {
            return;
        }
        let end = dr.work_end.max(start);
        let span = end - start;
        let need = min_hours(dr.st) * 60;
        let target = (base_days(dr.st) * self.att_factor).round().max(1.0) as usize;
        let mut total: u32 = recs.iter().map(|r| r.out_min - r.in_min).sum();
        let mut days: Vec<i32> = recs.iter().map(|r| r.day).collect();
        let mut n_days = 0;
        let mut attempts = 0;
        while attempts < 80 {
            attempts += 1;
            if dr.short {
                if n_days >= 1 {
                    break;
                }
            } else if n_days >= target && total * 5 >= need * 6 {
                break;
            }
            let day = start + self.int(0, span);
            if self.is_weekend(day) && span > 3 && self.chance(0.9) {
                continue;
            }
            if days.contains(&day) && span >= 2 * target as i32 {
                continue;
            }
            if n_days == 0 {
                if let Some(l) = leader {
                    if self.occupied.contains(&(l, day)) {
                        continue;
                    }
                }
            }
            let mut any = false;
            for &p in &onsite {
                let go = (n_days == 0 && Some(p) == leader)
                    || self.chance(if Some(p) == leader { 0.8 } else { 0.62 });
                if !go || self.occupied.contains(&(p, day)) {
                    continue;
                }
                if dr.short && any {
                    break;
                }
                let in_min = 480 + 5 * self.int(0, 30) as u32;
                let dur = if dr.short {
                    (need / 2).clamp(60, 300)
                } else {
                    240 + 5 * self.int(0, 60) as u32
                };
                let out_min = (in_min + dur).min(1080);
                let jl = (self.unit() - 0.5) * 0.002;
                let jo = (self.unit() - 0.5) * 0.002;
                let utc = self.chance(0.01);
                recs.push(Rec {
                    person: p,
                    day,
                    in_min,
                    out_min,
                    lat: round6(dr.lat + jl),
                    lon: round6(dr.lon + jo),
                    utc,
                });
                self.occupied.insert((p, day));
                total += out_min - in_min;
                any = true;
            }
            if any {
                days.push(day);
                n_days += 1;
            }
        }
        if dr.short {
            return;
        }
        // The draws left the leader away or the hours short (busy people): walk the service
        // days in order and fill in.
        let mut day = start;
        while day <= end {
            let leader_missing = leader.is_some_and(|l| !recs.iter().any(|r| r.person == l));
            if !leader_missing && total * 5 >= need * 6 {
                break;
            }
            for &p in &onsite {
                if (leader_missing && Some(p) != leader) || self.occupied.contains(&(p, day)) {
                    continue;
                }
                let in_min = 480 + 5 * self.int(0, 24) as u32;
                let out_min = (in_min + 240 + 5 * self.int(0, 60) as u32).min(1080);
                let jl = (self.unit() - 0.5) * 0.002;
                let jo = (self.unit() - 0.5) * 0.002;
                recs.push(Rec {
                    person: p,
                    day,
                    in_min,
                    out_min,
                    lat: round6(dr.lat + jl),
                    lon: round6(dr.lon + jo),
                    utc: false,
                });
                self.occupied.insert((p, day));
                total += out_min - in_min;
            }
            day += 1;
        }
        // Still nobody free on the team: a free colleague steps in (as leader if needed).
        let mut tries = 0;
        while tries < self.people.len() {
            let leader_missing = leader.is_some_and(|l| !recs.iter().any(|r| r.person == l));
            if !leader_missing && total * 5 >= need * 6 {
                break;
            }
            let cand = ((tries + self.idx(self.people.len())) % self.people.len()) as u32;
            tries += 1;
            let ok = !dr.team.iter().any(|(m, _)| *m == Member::Local(cand))
                && self.people.get(cand as usize).is_some_and(|p| {
                    p.hire <= dr.contract
                        && (!dr.st.is_evaluation()
                            || (p.level.is_some()
                                && dr.scope.is_some_and(|s| p.specialties.contains(&s))))
                });
            if !ok {
                continue;
            }
            let free: Vec<i32> = (start..=end)
                .filter(|d| !self.occupied.contains(&(cand, *d)))
                .take(3)
                .collect();
            if free.is_empty() {
                continue;
            }
            if leader_missing {
                for slot in dr.team.iter_mut() {
                    if slot.1 == Role::Leader {
                        slot.1 = Role::Member;
                    }
                }
                dr.team.insert(0, (Member::Local(cand), Role::Leader));
                leader = Some(cand);
            } else {
                dr.team.push((Member::Local(cand), Role::Member));
            }
            for day in free {
                let in_min = 480 + 5 * self.int(0, 24) as u32;
                let out_min = (in_min + 300 + 5 * self.int(0, 48) as u32).min(1080);
                recs.push(Rec {
                    person: cand,
                    day,
                    in_min,
                    out_min,
                    lat: dr.lat,
                    lon: dr.lon,
                    utc: false,
                });
                self.occupied.insert((cand, day));
                total += out_min - in_min;
            }
        }
    }

    fn stages(
        &mut self,
        pid: &ProjectId,
        dr: &Draft,
        notice: Option<i32>,
        first_site: Option<i32>,
    ) {
        let eval = dr.st.is_evaluation();
        let mut st: Vec<(Stage, i32)> = vec![(Stage::Contract, dr.contract)];
        if let Some(n) = notice {
            st.push((Stage::Notice, n));
        }
        if let Some(s) = dr.start {
            if !eval || self.chance(0.6) {
                st.push((Stage::Plan, (s - 1).max(dr.contract)));
            }
            let site = first_site.unwrap_or(s);
            if first_site.is_some() || dr.end.is_some() {
                st.push((Stage::SiteSurvey, site));
                if self.chance(0.6) {
                    let f = site + self.int(1, 3);
                    st.push((Stage::Findings, dr.end.map_or(f, |e| f.min(e))));
                }
            }
            if let Some(e) = dr.end {
                if eval {
                    st.push((Stage::Report, e));
                } else {
                    st.push((Stage::Rectification, (e - self.int(0, 3)).max(site).min(e)));
                    if self.chance(0.5) {
                        st.push((Stage::Report, dr.upload.unwrap_or(e)));
                    }
                    st.push((Stage::Closure, e));
                }
            }
        }
        for (stage, day) in st {
            if dr.drop_stages.contains(&stage) {
                continue;
            }
            let day = dr
                .late_stages
                .iter()
                .find(|(s, _)| *s == stage)
                .map_or(day, |(_, d)| *d);
            let evidence = if self.chance(0.9) {
                let code = stage.code();
                let mut e = String::with_capacity(pid.as_str().len() + code.len() + 5);
                e.push_str(pid.as_str());
                e.push('-');
                e.push_str(code);
                e.push_str(".pdf");
                Some(e)
            } else {
                None
            };
            self.out.stages.push(StageRecord {
                project: pid.clone(),
                stage,
                completed_on: self.date(day),
                evidence,
            });
        }
    }
}
