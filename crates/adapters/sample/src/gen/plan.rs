//! Planning the agency trees: kind, home, branches, scopes, qualification, status, sizes, and
//! which anomalies a tree carries. The first eight trees are fixed showcases.

use super::Gen;
use crate::ident::{id, uscc, OrgFamily};
use crate::vocab::{
    district_short, BRAND_A, BRAND_B, CITIES, OUTSIDE_ROOTS, SE_SUFFIX, SOCIAL_SUFFIX,
};
use zhongjie_core::*;

/// The showcase role of a tree (exchange v1 part C, rule by rule), or `Random`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arche {
    /// Drawn at random, with anomalies at the configured rates.
    Random,
    /// 0 — a model safety evaluation agency (grade A): attendance edge cases.
    Model,
    /// 1 — an ordinary social service agency (grade B): report deadlines, archive, duration.
    Ordinary,
    /// 2 — an out-of-province safety evaluation agency with branches in Zhejiang (vetoes).
    OutOfProvince,
    /// 3 — a small social service agency (grade C): headcount, ratio, capacity, scope.
    Small,
    /// 4 — a suspended social service agency.
    Suspended,
    /// 5 — a safety evaluation agency whose qualification expired (dishonesty list).
    Expired,
    /// 6 — a revoked social service agency.
    Revoked,
    /// 7 — a cancelled social service agency (no grade, never must-inspect).
    Cancelled,
}

/// The showcase trees, in order.
pub(crate) const SHOWCASES: [Arche; 8] = [
    Arche::Model,
    Arche::Ordinary,
    Arche::OutOfProvince,
    Arche::Small,
    Arche::Suspended,
    Arche::Expired,
    Arche::Revoked,
    Arche::Cancelled,
];

/// One agency of a tree (index 0 is the root).
#[derive(Debug, Clone)]
pub(crate) struct AgencyPlan {
    pub id: AgencyId,
    pub uscc: Uscc,
    pub region: u32,
    /// Zhejiang city index; `None` for an out-of-province head office.
    pub city: Option<usize>,
    pub name: String,
    pub status: AgencyStatus,
}

/// Anomalies of a random tree that concern the whole tree.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TreeFlags {
    pub headcount_short: bool,
    pub ratio_short: bool,
    pub min_prof_short: bool,
    pub capacity: bool,
    pub no_inspection: bool,
}

/// The plan of one tree.
#[derive(Debug, Clone)]
pub(crate) struct TreePlan {
    pub arche: Arche,
    pub kind: AgencyKind,
    pub status: AgencyStatus,
    pub industries: Vec<IndustryScope>,
    pub services: Vec<ServiceType>,
    pub qualified_until: Option<i32>,
    pub agencies: Vec<AgencyPlan>,
    /// Practitioners; for a safety evaluation tree `evaluators` of them are evaluators.
    pub people: usize,
    pub evaluators: usize,
    pub projects: usize,
    /// Multiplier of anomaly rates (0 for the showcase trees).
    pub discipline: f64,
    pub flags: TreeFlags,
    /// Contracts of natural projects are signed in this range (day numbers).
    pub contracts: (i32, i32),
}

impl TreePlan {
    pub fn scopes(&self) -> Vec<Scope> {
        self.industries
            .iter()
            .map(|i| Scope::Industry(*i))
            .chain(self.services.iter().map(|s| Scope::Service(*s)))
            .collect()
    }
    pub fn is_showcase(&self) -> bool {
        self.arche != Arche::Random
    }
}

use IndustryScope as I;
use ServiceType as S;

/// Fixed parts of a showcase tree.
struct Showcase {
    kind: AgencyKind,
    status: AgencyStatus,
    root_region: u32,
    /// Prefix of the name of an out-of-province root.
    outside: Option<&'static str>,
    branches: &'static [u32],
    industries: &'static [IndustryScope],
    services: &'static [ServiceType],
    /// Qualification end relative to the as-of date, in days.
    qualified: Option<i32>,
    people: usize,
    evaluators: usize,
    /// Natural projects signed no later than this many days before the as-of date.
    latest_contract: i32,
}

fn showcase(a: Arche) -> Showcase {
    use AgencyKind::{SafetyEvaluation as SE, SocialService as SS};
    use AgencyStatus::*;
    match a {
        Arche::Model | Arche::Random => Showcase {
            kind: SE,
            status: Active,
            root_region: 330106,
            outside: None,
            branches: &[330212, 330302],
            industries: &[I::Petrochemical],
            services: &[
                S::PreEvaluation,
                S::AcceptanceEvaluation,
                S::StatusEvaluation,
                S::Assessment,
                S::Consulting,
            ],
            qualified: Some(900),
            people: 31,
            evaluators: 29,
            latest_contract: -20,
        },
        Arche::Ordinary => Showcase {
            kind: SS,
            status: Active,
            root_region: 330212,
            outside: None,
            branches: &[330902],
            industries: &[],
            services: &[
                S::HazardInspection,
                S::Training,
                S::Consulting,
                S::EmergencyPlan,
                S::Trusteeship,
            ],
            qualified: None,
            people: 8,
            evaluators: 0,
            latest_contract: -20,
        },
        Arche::OutOfProvince => Showcase {
            kind: SE,
            status: Active,
            root_region: 310115,
            outside: Some("上海"),
            branches: &[330402, 330304],
            industries: &[I::Petrochemical, I::OnshorePipeline],
            services: &[
                S::PreEvaluation,
                S::AcceptanceEvaluation,
                S::StatusEvaluation,
            ],
            qualified: Some(500),
            people: 9,
            evaluators: 6,
            latest_contract: -20,
        },
        Arche::Small => Showcase {
            kind: SS,
            status: Active,
            root_region: 330304,
            outside: None,
            branches: &[],
            industries: &[],
            services: &[S::HazardInspection, S::Testing, S::Trusteeship],
            qualified: None,
            people: 4,
            evaluators: 0,
            latest_contract: -20,
        },
        Arche::Suspended => Showcase {
            kind: SS,
            status: Suspended,
            root_region: 330411,
            outside: None,
            branches: &[],
            industries: &[],
            services: &[S::Training, S::Consulting, S::Standardization],
            qualified: None,
            people: 5,
            evaluators: 0,
            latest_contract: -90,
        },
        Arche::Expired => Showcase {
            kind: SE,
            status: Active,
            root_region: 330602,
            outside: None,
            branches: &[],
            industries: &[I::MetalNonmetalMining],
            services: &[S::PreEvaluation, S::StatusEvaluation],
            qualified: Some(-90),
            people: 7,
            evaluators: 5,
            latest_contract: -190,
        },
        Arche::Revoked => Showcase {
            kind: SS,
            status: Revoked,
            root_region: 331002,
            outside: None,
            branches: &[],
            industries: &[],
            services: &[S::HazardInspection, S::Assessment, S::EmergencyPlan],
            qualified: None,
            people: 4,
            evaluators: 0,
            latest_contract: -260,
        },
        Arche::Cancelled => Showcase {
            kind: SS,
            status: Cancelled,
            root_region: 330782,
            outside: None,
            branches: &[],
            industries: &[],
            services: &[S::Training],
            qualified: None,
            people: 2,
            evaluators: 0,
            latest_contract: -420,
        },
    }
}

/// City index of a Zhejiang district code.
pub(crate) fn city_of(region: u32) -> Option<usize> {
    CITIES.iter().position(|c| c.code == region / 100 * 100)
}

fn district_name(region: u32) -> &'static str {
    CITIES
        .iter()
        .flat_map(|c| c.districts.iter())
        .find(|(d, _)| *d == region)
        .map_or("", |(_, n)| *n)
}

impl Gen<'_> {
    /// Plans every tree (sizes fitted to the configuration).
    pub(super) fn plan_trees(&mut self) {
        let n = self.cfg.roots;
        let span = 1095;
        let default_contracts = (self.rel(-span), self.rel(20));
        let mut plans = Vec::with_capacity(n);
        for t in 0..n {
            let plan = match super::plan::SHOWCASES.get(t) {
                Some(a) => self.plan_showcase(t, *a),
                None => self.plan_random(t, default_contracts),
            };
            plans.push(plan);
        }
        // Social trees share what the safety evaluation and showcase trees leave.
        let fixed: usize = plans
            .iter()
            .filter(|p| p.is_showcase() || p.kind == AgencyKind::SafetyEvaluation)
            .map(|p| p.people)
            .sum();
        let weights: Vec<(usize, f64)> = plans
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.is_showcase() && p.kind == AgencyKind::SocialService)
            .map(|(i, _)| (i, 0.35 + 1.3 * self.unit()))
            .collect();
        let left = self.cfg.practitioners.saturating_sub(fixed) as f64;
        let wsum: f64 = weights.iter().map(|(_, w)| w).sum::<f64>().max(1e-9);
        for (i, w) in weights {
            let short = plans.get(i).is_some_and(|p| p.flags.min_prof_short);
            let size = if short {
                self.int(3, 6) as usize
            } else {
                ((left * w / wsum).round() as usize).max(7)
            };
            if let Some(p) = plans.get_mut(i) {
                p.people = size;
            }
        }
        // Projects follow people (fewer for revoked and cancelled agencies), scaled to the
        // configured total.
        let mut raw = Vec::with_capacity(plans.len());
        for p in &plans {
            let f = match p.status {
                AgencyStatus::Cancelled => 0.3,
                AgencyStatus::Revoked => 0.6,
                _ => 1.0,
            };
            raw.push(p.people as f64 * f * (0.75 + 0.5 * self.unit()));
        }
        let scale = self.cfg.projects as f64 / raw.iter().sum::<f64>().max(1e-9);
        for (p, r) in plans.iter_mut().zip(raw) {
            p.projects = ((r * scale).round() as usize).max(2);
        }
        self.trees = std::sync::Arc::new(plans);
    }

    fn next_agency_serial(&mut self) -> u64 {
        let s = self.n_agency_code;
        self.n_agency_code += 1;
        s
    }

    fn brand(&mut self) -> String {
        let a = self.pick(&BRAND_A).unwrap_or("安");
        let b = self.pick(&BRAND_B).unwrap_or("泰");
        format!("{a}{b}")
    }

    /// A root name not used before.
    fn root_name(&mut self, kind: AgencyKind, prefix: &str) -> String {
        for _ in 0..200 {
            let brand = self.brand();
            let suffix = match kind {
                AgencyKind::SafetyEvaluation => self.pick(&SE_SUFFIX),
                AgencyKind::SocialService => self.pick(&SOCIAL_SUFFIX),
            }
            .unwrap_or("安全技术服务有限公司");
            let name = format!("{prefix}{brand}{suffix}");
            if self.names.insert(name.clone()) {
                return name;
            }
        }
        let n = self.names.len();
        format!("{prefix}安泰第{n}安全技术服务有限公司")
    }

    fn agencies_for(
        &mut self,
        t: usize,
        kind: AgencyKind,
        root_region: u32,
        outside: Option<&str>,
        branches: &[u32],
        status: AgencyStatus,
    ) -> Vec<AgencyPlan> {
        let root_city = city_of(root_region);
        let prefix = match (outside, root_city) {
            (Some(p), _) => p.to_owned(),
            (None, Some(c)) => {
                if kind == AgencyKind::SafetyEvaluation && self.chance(0.35) {
                    "浙江".to_owned()
                } else {
                    CITIES.get(c).map_or("浙江", |x| x.short).to_owned()
                }
            }
            (None, None) => "浙江".to_owned(),
        };
        let name = self.root_name(kind, &prefix);
        let serial = self.next_agency_serial();
        let mut v = vec![AgencyPlan {
            id: id("A", t as u64 + 1, 4),
            uscc: uscc(root_region, OrgFamily::Recent, serial),
            region: root_region,
            city: root_city,
            name: name.clone(),
            status,
        }];
        for (k, region) in branches.iter().enumerate() {
            let city = city_of(*region);
            let place = match city {
                Some(c) if Some(c) == root_city => {
                    district_short(district_name(*region)).to_owned()
                }
                Some(c) => CITIES.get(c).map_or("", |x| x.short).to_owned(),
                None => String::new(),
            };
            let serial = self.next_agency_serial();
            let bstatus = if status == AgencyStatus::Active && self.chance(0.03) {
                AgencyStatus::Cancelled
            } else {
                status
            };
            v.push(AgencyPlan {
                id: id(&format!("A{:04}-", t + 1), k as u64 + 1, 2),
                uscc: uscc(*region, OrgFamily::Recent, serial),
                region: *region,
                city,
                name: format!("{name}{place}分公司"),
                status: bstatus,
            });
        }
        v
    }

    fn plan_showcase(&mut self, t: usize, a: Arche) -> TreePlan {
        let s = showcase(a);
        let agencies = self.agencies_for(t, s.kind, s.root_region, s.outside, s.branches, s.status);
        TreePlan {
            arche: a,
            kind: s.kind,
            status: s.status,
            industries: s.industries.to_vec(),
            services: s.services.to_vec(),
            qualified_until: s.qualified.map(|q| self.rel(q)),
            agencies,
            people: s.people,
            evaluators: s.evaluators,
            projects: 0,
            discipline: 0.0,
            flags: TreeFlags::default(),
            contracts: (self.rel(-1095), self.rel(s.latest_contract)),
        }
    }

    fn plan_random(&mut self, t: usize, contracts: (i32, i32)) -> TreePlan {
        let se = self.chance(0.12);
        let kind = if se {
            AgencyKind::SafetyEvaluation
        } else {
            AgencyKind::SocialService
        };
        let status = match self.weighted(&[90, 4, 3, 3]) {
            0 => AgencyStatus::Active,
            1 => AgencyStatus::Suspended,
            2 => AgencyStatus::Revoked,
            _ => AgencyStatus::Cancelled,
        };
        let outside = se && self.chance(0.25);
        let (root_region, prefix) = if outside {
            let (r, p) = self.pick(&OUTSIDE_ROOTS).unwrap_or((310115, "上海"));
            (r, Some(p))
        } else {
            let c = self.city();
            (self.district(c).0, None)
        };
        let n_branches = if outside {
            self.int(1, 3) as usize
        } else if se {
            [0, 0, 1, 1, 1, 2, 2, 3][self.idx(8)]
        } else {
            [0, 0, 0, 0, 0, 0, 1, 1, 1, 2][self.idx(10)]
        };
        let root_city = city_of(root_region);
        let mut branches = Vec::with_capacity(n_branches);
        for _ in 0..n_branches {
            let c = match root_city {
                Some(rc) if self.chance(0.3) => rc,
                _ => self.city(),
            };
            let (d, _) = self.district(c);
            if d != root_region && !branches.contains(&d) {
                branches.push(d);
            }
        }
        let agencies = self.agencies_for(t, kind, root_region, prefix, &branches, status);
        let discipline = [0.3, 1.0, 2.5][self.weighted(&[55, 30, 15])] * self.cfg.anomaly_rate;
        let mut flags = TreeFlags::default();
        let (industries, services, qualified_until, people, evaluators) = if se {
            let k = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3][self.idx(10)];
            let mut industries = Vec::new();
            let no_industry = self.chance(0.005);
            while !no_industry && industries.len() < k {
                let i = match self.weighted(&[50, 15, 15, 6, 8, 2, 4]) {
                    0 => I::Petrochemical,
                    1 => I::MetalSmelting,
                    2 => I::MetalNonmetalMining,
                    3 => I::Fireworks,
                    4 => I::OnshorePipeline,
                    5 => I::OnshoreOilGas,
                    _ if outside => I::CoalMining,
                    _ => I::Petrochemical,
                };
                if !industries.contains(&i) {
                    industries.push(i);
                }
            }
            let mut services = Vec::new();
            for s in [
                S::PreEvaluation,
                S::AcceptanceEvaluation,
                S::StatusEvaluation,
            ] {
                if self.chance(0.85) {
                    services.push(s);
                }
            }
            if services.is_empty() {
                services.push(S::StatusEvaluation);
            }
            for s in [S::Assessment, S::Consulting, S::HazardInspection] {
                if self.chance(0.2) {
                    services.push(s);
                }
            }
            let q = if self.chance(0.03 * discipline.min(2.0)) {
                Some(self.day_in(-300, -30))
            } else if self.chance(0.01) {
                None
            } else {
                Some(self.day_in(30, 1800))
            };
            let required = 25 + 5 * industries.len().saturating_sub(1);
            flags.headcount_short = self.chance(0.08 * discipline.min(2.0));
            let evaluators = if flags.headcount_short {
                required.saturating_sub(self.int(2, 12) as usize).max(3)
            } else {
                required + self.int(3, 10) as usize
            };
            let people = evaluators + self.int(2, 8) as usize;
            (industries, services, q, people, evaluators)
        } else {
            let all = [
                S::HazardInspection,
                S::Training,
                S::Consulting,
                S::EmergencyPlan,
                S::Standardization,
                S::Testing,
                S::Assessment,
                S::Trusteeship,
            ];
            let w = [30, 25, 25, 15, 12, 10, 10, 10];
            let k = self.int(2, 5) as usize;
            let mut services = Vec::new();
            let mut guard = 0;
            while services.len() < k && guard < 50 {
                guard += 1;
                let s = all[self.weighted(&w)];
                if !services.contains(&s) {
                    services.push(s);
                }
            }
            flags.min_prof_short = self.chance(0.06 * discipline.min(2.0));
            (Vec::new(), services, None, 0, 0)
        };
        flags.ratio_short = self.chance(0.05 * discipline.min(2.0));
        flags.capacity = self.chance(0.03 * discipline.min(2.0));
        flags.no_inspection = se && self.chance(0.08 * discipline.min(2.0));
        let contracts = match status {
            AgencyStatus::Cancelled => (contracts.0, self.day_in(-900, -300)),
            AgencyStatus::Revoked => (contracts.0, self.day_in(-400, -150)),
            _ => contracts,
        };
        TreePlan {
            arche: Arche::Random,
            kind,
            status,
            industries,
            services,
            qualified_until,
            agencies,
            people,
            evaluators,
            projects: 0,
            discipline,
            flags,
            contracts,
        }
    }

    /// Writes the agencies of a tree.
    pub(super) fn emit_agencies(&mut self, tp: &TreePlan) {
        let scopes = tp.scopes();
        for (k, a) in tp.agencies.iter().enumerate() {
            let root = k == 0;
            let region: RegionCode = crate::ident::valid(&a.region.to_string());
            self.out.agencies.push(Agency {
                id: a.id.clone(),
                name: a.name.clone(),
                kind: tp.kind,
                uscc: a.uscc,
                region,
                parent: if root {
                    None
                } else {
                    tp.agencies.first().map(|r| r.id.clone())
                },
                // Read from the root only; branches repeat the root's scopes as registries do.
                qualified_until: if root {
                    tp.qualified_until.map(|q| self.date(q))
                } else {
                    None
                },
                scopes: scopes.clone(),
                status: a.status,
            });
        }
    }
}
