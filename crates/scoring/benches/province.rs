//! The engine on the province-scale sample (issues 2 and 3), loaded once from CSV:
//!
//! - `view_full`, `view_findings_full`: `Ctx::new` alone, then with `findings::all` (the 20
//!   rules), on the whole dataset;
//! - `view_attendance_only`, `view_findings_attendance_only`: the same on the tables the two
//!   attendance rules read, as alone as the public API allows (their functions are private):
//!   agencies, practitioners (made non-professional), projects (service dates cleared, notice on
//!   the contract date) and attendance, every other table empty; the other rules then have
//!   (almost) nothing to do. `view_findings_attendance_only` is the side compared with DuckDB
//!   (scripts/duckdb_rules.py); `view_attendance_only` is the grouping and per-person sort
//!   alone, the rest is the sweep;
//! - `read_attendance_projects`: `read_dataset` of a folder holding only agencies, practitioners,
//!   projects and attendance (set ZHONGJIE_BENCH_REDUCED), the load comparable to DuckDB's;
//! - `supervise_full`: the whole engine in memory (`zhongjie_scoring::supervise`).
//!
//! ZHONGJIE_BENCH_DATA (default `target/bench-data/province`) and ZHONGJIE_BENCH_AS_OF (default
//! 2024-11-30) say what to load; without the folder the bench prints a note and does nothing.
//! `scripts/bench.sh` generates the data and runs this bench; figures in docs/PERFORMANCE.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{Dataset, RulePack, Tables, Title};
use zhongjie_scoring::{context::Ctx, findings, Params, RuleId};

fn data_dir() -> PathBuf {
    match std::env::var_os("ZHONGJIE_BENCH_DATA") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench-data/province"),
    }
}

fn as_of() -> NaiveDate {
    let s = std::env::var("ZHONGJIE_BENCH_AS_OF").unwrap_or_else(|_| "2024-11-30".into());
    zhongjie_core::time::parse_date(&s).expect("ZHONGJIE_BENCH_AS_OF: YYYY-MM-DD")
}

/// The tables the two attendance rules read, everything else made inert.
fn attendance_only(t: &Tables) -> Tables {
    let mut practitioners = t.practitioners.clone();
    for p in &mut practitioners {
        p.evaluator_level = None;
        p.safety_engineer = None;
        p.title = Title::None;
    }
    let mut projects = t.projects.clone();
    for p in &mut projects {
        p.notice_filed_on = Some(p.contract_signed_on);
        p.service_started_on = None;
        p.service_ended_on = None;
        p.report_uploaded_on = None;
    }
    Tables {
        agencies: t.agencies.clone(),
        practitioners,
        projects,
        attendance: t.attendance.clone(),
        ..Tables::default()
    }
}

fn describe(name: &str, ds: &Dataset, d: NaiveDate, params: &Params) {
    let start = Instant::now();
    let ctx = Ctx::new(ds, d, params);
    let f = findings::all(&ctx);
    let took = start.elapsed();
    let count = |r: RuleId| f.iter().filter(|x| x.rule == r).count();
    let conc = count(RuleId::ConcurrentPractice);
    let travel = count(RuleId::InfeasibleTravel);
    eprintln!(
        "province {name}: attendance {} rows; findings {} (CONCURRENT_PRACTICE {conc}, \
         INFEASIBLE_TRAVEL {travel}, other rules {}); one run {took:.2?}",
        ds.tables().attendance.len(),
        f.len(),
        f.len() - conc - travel
    );
}

fn bench(c: &mut Criterion) {
    let dir = data_dir();
    if !dir.join("agencies.csv").exists() {
        eprintln!(
            "province bench: no dataset at {} (run scripts/bench.sh, or set ZHONGJIE_BENCH_DATA); skipped",
            dir.display()
        );
        return;
    }
    let d = as_of();
    let pack = RulePack::zj_2024().unwrap();
    let params = Params::from_pack(&pack, d).unwrap();
    let start = Instant::now();
    let full = zhongjie_csv::read_dataset(&dir).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "province: read {} in {:.2?}",
        dir.display(),
        start.elapsed()
    );

    let mut g = c.benchmark_group("province");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(30));

    describe("full", &full, d, &params);
    g.bench_function("view_full", |b| {
        b.iter(|| Ctx::new(&full, d, &params).visits_by_practitioner.len())
    });
    g.bench_function("view_findings_full", |b| {
        b.iter(|| findings::all(&Ctx::new(&full, d, &params)).len())
    });
    g.bench_function("supervise_full", |b| {
        b.iter(|| {
            zhongjie_scoring::supervise(&full, d, &pack)
                .unwrap()
                .findings
                .len()
        })
    });

    let only = Dataset::new(attendance_only(full.tables())).unwrap();
    drop(full);
    describe("attendance_only", &only, d, &params);
    g.bench_function("view_attendance_only", |b| {
        b.iter(|| Ctx::new(&only, d, &params).visits_by_practitioner.len())
    });
    g.bench_function("view_findings_attendance_only", |b| {
        b.iter(|| findings::all(&Ctx::new(&only, d, &params)).len())
    });
    drop(only);

    if let Some(reduced) = std::env::var_os("ZHONGJIE_BENCH_REDUCED").map(PathBuf::from) {
        g.bench_function("read_attendance_projects", |b| {
            b.iter(|| {
                zhongjie_csv::read_dataset(&reduced)
                    .unwrap_or_else(|e| panic!("{e}"))
                    .tables()
                    .attendance
                    .len()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
