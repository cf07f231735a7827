//! Scaling of the attendance rules (CONCURRENT_PRACTICE and INFEASIBLE_TRAVEL, issue 3): the
//! point-in-time view plus the finding rules (`Ctx::new` + `findings::all`) over synthetic
//! attendance of n = 10k, 100k and 1M records, built in memory.
//!
//! The fixture holds one (suspended) agency, non-professional practitioners and projects that
//! have not started, so that every rule but the two attendance rules is (close to) a no-op; what
//! is timed is grouping the records by person, the per-person sort by (check_in, record_id), the
//! overlap sweep and the travel scan, and building the findings they emit.
//!
//! Families:
//! - `per_person_100`: n / 100 practitioners with 100 records each (realistic shape), the rows
//!   of the file in random order;
//! - `per_person_100_in_order`: the same rows in file order by person then check-in (as an
//!   export sorted by the source system would be): the same work with sequential memory access,
//!   which separates the algorithm's growth from the cache misses of the shuffled file;
//! - `people_10`: 10 practitioners, n / 10 records each (the per-person sort grows with n);
//! - `nested_same_project`: one practitioner whose k records on one project all overlap one
//!   another (no finding is due): the worst case of a sweep that visits every open record
//!   (quadratic before the open records were kept per project);
//! - `nested_plus_other`: the same k records plus one record on a second project that spans
//!   them all: k findings, each new record must find the one open record of the other project
//!   without visiting the k − 1 open records of its own.
//!
//! `cargo bench -p zhongjie-scoring --bench attendance_scaling`
//! Figures and their reading: docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::time::Duration;
use zhongjie_core::chrono::{DateTime, FixedOffset, NaiveDate, TimeZone};
use zhongjie_core::resident_id::resident_id_check_char;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::uscc::uscc_check_char;
use zhongjie_core::{
    Agency, AgencyKind, AgencyStatus, Attendance, Dataset, Practitioner, Project, RulePack, Scope,
    ServiceType, Tables, Title,
};
use zhongjie_scoring::{context::Ctx, findings, Params, RuleId};

/// SplitMix64: a tiny deterministic generator, enough for a fixture.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [lo, hi).
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo) as u64) as i64
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn as_of() -> NaiveDate {
    // Far enough that no synthetic record is after D (10 people x 100k visits span ~160 years).
    NaiveDate::from_ymd_opt(2300, 12, 31).unwrap()
}

fn uscc(seq: u32) -> zhongjie_core::Uscc {
    let first = format!("91330106{seq:09}");
    format!("{first}{}", uscc_check_char(&first).unwrap())
        .parse()
        .unwrap()
}

fn resident_id(i: usize) -> zhongjie_core::ResidentId {
    let birth = NaiveDate::from_ymd_opt(1960, 1, 1).unwrap()
        + zhongjie_core::chrono::Days::new((i / 1000) as u64);
    let first = format!("330106{}{:03}", birth.format("%Y%m%d"), i % 1000);
    format!("{first}{}", resident_id_check_char(&first).unwrap())
        .parse()
        .unwrap()
}

/// One agency, `people` practitioners, `projects` projects (not started), no attendance.
fn base(people: usize, projects: usize) -> Tables {
    let agency = Agency {
        id: "R1".parse().unwrap(),
        name: "R1安全技术服务有限公司".into(),
        kind: AgencyKind::SocialService,
        uscc: uscc(1),
        region: "330106".parse().unwrap(),
        parent: None,
        qualified_until: None,
        scopes: vec![Scope::Service(ServiceType::Consulting)],
        status: AgencyStatus::Suspended,
    };
    let practitioners = (0..people)
        .map(|i| Practitioner {
            id: format!("P{i}").parse().unwrap(),
            name: format!("从业人员{i}"),
            id_number: resident_id(i),
            agency: agency.id.clone(),
            evaluator_level: None,
            safety_engineer: None,
            title: Title::None,
            specialties: Vec::new(),
            practice_since: None,
            expert_pool: false,
        })
        .collect();
    let signed = NaiveDate::from_ymd_opt(2019, 12, 1).unwrap();
    let projects = (0..projects)
        .map(|j| Project {
            id: format!("J{j}").parse().unwrap(),
            agency: agency.id.clone(),
            service_type: ServiceType::Consulting,
            scope: None,
            client_uscc: uscc(2),
            client_name: "C1化工有限公司".into(),
            site_region: "330106".parse().unwrap(),
            contract_signed_on: signed,
            notice_filed_on: None,
            service_started_on: None,
            service_ended_on: None,
            report_uploaded_on: None,
            government_funded: false,
            fee_yuan: Decimal::ZERO,
        })
        .collect();
    Tables {
        agencies: vec![agency],
        practitioners,
        projects,
        ..Tables::default()
    }
}

fn at(secs: i64) -> DateTime<FixedOffset> {
    FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .timestamp_opt(secs, 0)
        .single()
        .unwrap()
}

/// 2020-01-01T08:00:00+08:00.
const T0: i64 = 1_577_836_800;

/// `people` practitioners with `per_person` records each. A person works on 4 of the projects,
/// one site each around Hangzhou; a visit lasts 1–4 h, the next check-in comes 2–26 h after
/// this one, so a few percent of consecutive visits overlap and some are too far apart for the
/// gap between them.
fn shaped(people: usize, per_person: usize, seed: u64, shuffle: bool) -> Tables {
    let n_projects = (people * 2).max(8);
    let mut t = base(people, n_projects);
    let mut rng = Rng(seed);
    let sites: Vec<(f64, f64)> = (0..n_projects)
        .map(|_| (29.8 + 0.6 * rng.unit(), 119.8 + 0.8 * rng.unit()))
        .collect();
    let mut att = Vec::with_capacity(people * per_person);
    for p in 0..people {
        let mine: Vec<usize> = (0..4)
            .map(|_| rng.range(0, n_projects as i64) as usize)
            .collect();
        let mut start = T0 + rng.range(0, 86_400);
        for _ in 0..per_person {
            let pj = mine[rng.range(0, 4) as usize];
            let dur = rng.range(3_600, 4 * 3_600);
            let (lat, lon) = sites[pj];
            att.push(Attendance {
                id: format!("a{}", att.len()).parse().unwrap(),
                project: t.projects[pj].id.clone(),
                practitioner: t.practitioners[p].id.clone(),
                check_in: at(start),
                check_out: at(start + dur),
                lat,
                lon,
            });
            start += rng.range(2 * 3_600, 26 * 3_600);
        }
    }
    // A file is not necessarily sorted by person.
    for i in (1..att.len()).rev().filter(|_| shuffle) {
        let j = rng.range(0, i as i64 + 1) as usize;
        att.swap(i, j);
    }
    t.attendance = att;
    t
}

/// One practitioner, `k` records on one project, check-ins a minute apart, all open for a year;
/// with `other`, one more record on a second project open over all of them.
fn nested(k: usize, other: bool) -> Tables {
    let mut t = base(1, 2);
    t.attendance = (0..k as i64)
        .map(|i| Attendance {
            id: format!("a{i}").parse().unwrap(),
            project: t.projects[0].id.clone(),
            practitioner: t.practitioners[0].id.clone(),
            check_in: at(T0 + 60 * i),
            check_out: at(T0 + 60 * i + 365 * 86_400),
            lat: 30.0,
            lon: 120.0,
        })
        .collect();
    if other {
        t.attendance.push(Attendance {
            id: "b0".parse().unwrap(),
            project: t.projects[1].id.clone(),
            practitioner: t.practitioners[0].id.clone(),
            check_in: at(T0 - 60),
            check_out: at(T0 + 2 * 365 * 86_400),
            lat: 30.0,
            lon: 120.0,
        });
    }
    t
}

fn run(ds: &Dataset, params: &Params) -> usize {
    let ctx = Ctx::new(ds, as_of(), params);
    findings::all(&ctx).len()
}

fn report(name: &str, n: usize, ds: &Dataset, params: &Params) {
    let ctx = Ctx::new(ds, as_of(), params);
    let f = findings::all(&ctx);
    let count = |r: RuleId| f.iter().filter(|x| x.rule == r).count();
    eprintln!(
        "fixture {name} n={n}: findings {} (CONCURRENT_PRACTICE {}, INFEASIBLE_TRAVEL {})",
        f.len(),
        count(RuleId::ConcurrentPractice),
        count(RuleId::InfeasibleTravel)
    );
}

fn bench(c: &mut Criterion) {
    let pack = RulePack::zj_2024().unwrap();
    let params = Params::from_pack(&pack, as_of()).unwrap();

    let mut g = c.benchmark_group("attendance_rules");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for n in [10_000usize, 100_000, 1_000_000] {
        for (family, people, shuffle) in [
            ("per_person_100", n / 100, true),
            ("per_person_100_in_order", n / 100, false),
            ("people_10", 10, true),
        ] {
            let ds = Dataset::new(shaped(people, n / people, 1, shuffle)).unwrap();
            report(family, n, &ds, &params);
            g.throughput(Throughput::Elements(n as u64));
            g.bench_with_input(BenchmarkId::new(family, n), &ds, |b, ds| {
                b.iter(|| run(ds, &params))
            });
        }
    }
    for k in [1_000usize, 4_000, 16_000, 64_000] {
        for (family, other) in [("nested_same_project", false), ("nested_plus_other", true)] {
            let ds = Dataset::new(nested(k, other)).unwrap();
            report(family, k, &ds, &params);
            g.throughput(Throughput::Elements(k as u64));
            g.bench_with_input(BenchmarkId::new(family, k), &ds, |b, ds| {
                b.iter(|| run(ds, &params))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
