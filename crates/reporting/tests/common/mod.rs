//! Test helpers: the tiny province of `fixtures/tiny`, its run, the extra files, an earlier run,
//! and a generated province large enough for the draws.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::resident_id::resident_id_check_char;
use zhongjie_core::uscc::uscc_check_char;
use zhongjie_core::*;
use zhongjie_reporting::*;
use zhongjie_scoring::RunOutput;

pub fn d(s: &str) -> NaiveDate {
    zhongjie_core::time::parse_date(s).unwrap()
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

pub fn pack() -> RulePack {
    RulePack::zj_2024().unwrap()
}

pub const AS_OF: &str = "2024-11-30";

pub fn tiny() -> Dataset {
    zhongjie_csv::read_dataset(&fixture("tiny")).unwrap()
}

pub fn run(ds: &Dataset, as_of: &str) -> RunOutput {
    zhongjie_scoring::supervise(ds, d(as_of), &pack()).unwrap()
}

pub fn inspectors() -> Vec<Inspector> {
    let text = std::fs::read_to_string(fixture("inspectors.csv")).unwrap();
    parse_inspectors("inspectors.csv", &text).unwrap()
}

pub fn tasks() -> Vec<Task> {
    let text = std::fs::read_to_string(fixture("tasks.csv")).unwrap();
    parse_tasks("tasks.csv", &text).unwrap()
}

/// An earlier run of the same dataset, written and read back as `zhongjie supervise` files.
pub fn previous(ds: &Dataset, as_of: &str) -> PreviousRun {
    use zhongjie_scoring::render;
    let out = run(ds, as_of);
    parse_previous(
        as_of,
        &render::explanation_json(&out),
        &render::findings_jsonl(&out),
        &render::agency_grades_csv(&out),
    )
    .unwrap()
}

/// Every kind of report of a run, with a seed, the inspectors, the tasks and earlier runs.
pub fn all_reports(
    ds: &Dataset,
    out: &RunOutput,
    previous: &[PreviousRun],
    seed: u64,
) -> Vec<(ReportKind, Report)> {
    let pack = pack();
    let insp = inspectors();
    let tasks = tasks();
    let mut input = ReportInput::new(ds, out, &pack);
    input.seed = Some(seed);
    input.inspectors = Some(&insp);
    input.tasks = Some(&tasks);
    input.previous = previous;
    ReportKind::ALL
        .iter()
        .map(|k| (*k, build(*k, &input).unwrap()))
        .collect()
}

/// Every rendering of a report, as (name, text).
pub fn renderings(r: &Report) -> Vec<(String, String)> {
    let mut v = vec![
        (format!("{}.html", r.kind), to_html(r)),
        (format!("{}.md", r.kind), to_markdown(r)),
        (format!("{}.json", r.kind), to_json(r)),
    ];
    for f in to_csv(r) {
        v.push((f.name, f.text));
    }
    v
}

// ---- a generated province -------------------------------------------------------------------

pub const CITIES: [&str; 11] = [
    "330102", "330203", "330302", "330402", "330502", "330602", "330702", "330802", "330902",
    "331002", "331102",
];

fn uscc_for(n: u32) -> Uscc {
    let body = format!("9133{:04}MA{:07}", n % 10000, n);
    let c = uscc_check_char(&body).unwrap();
    format!("{body}{c}").parse().unwrap()
}

fn rid_for(n: u32) -> ResidentId {
    let body = format!(
        "330106{}{:02}{:02}{:03}",
        1970 + n % 30,
        1 + n % 12,
        1 + n % 28,
        n % 1000
    );
    let c = resident_id_check_char(&body).unwrap();
    format!("{body}{c}").parse().unwrap()
}

/// A province of `per_city` agencies in each of the 11 cities, each with 3 practitioners and
/// `projects` projects whose reports were uploaded in the second half of 2024, complaints with
/// reporter contacts against every third agency, and resident IDs everywhere they may appear.
pub fn generated(per_city: u32, projects: u32) -> Dataset {
    let mut t = Tables::default();
    let mut n = 0u32;
    for (ci, city) in CITIES.iter().enumerate() {
        for k in 0..per_city {
            n += 1;
            let kind = if k % 3 == 0 {
                AgencyKind::SafetyEvaluation
            } else {
                AgencyKind::SocialService
            };
            let id: AgencyId = format!("G{ci:02}{k:03}").parse().unwrap();
            t.agencies.push(Agency {
                id: id.clone(),
                name: format!("生成机构{ci}-{k}"),
                kind,
                uscc: uscc_for(n),
                region: city.parse().unwrap(),
                parent: None,
                qualified_until: Some(d("2027-01-01")),
                scopes: vec![
                    Scope::Industry(IndustryScope::Petrochemical),
                    Scope::Service(ServiceType::StatusEvaluation),
                    Scope::Service(ServiceType::HazardInspection),
                    Scope::Service(ServiceType::Training),
                ],
                status: if k % 7 == 6 {
                    AgencyStatus::Suspended
                } else {
                    AgencyStatus::Active
                },
            });
            for j in 0..3u32 {
                let pid: PractitionerId = format!("GP{ci:02}{k:03}{j}").parse().unwrap();
                let number = rid_for(n * 10 + j);
                t.practitioners.push(Practitioner {
                    id: pid.clone(),
                    name: format!("人员{ci}{k}{j}"),
                    id_number: number,
                    agency: id.clone(),
                    evaluator_level: (j == 0).then_some(EvaluatorLevel::Two),
                    safety_engineer: (j == 1).then_some(SafetyEngineerGrade::Intermediate),
                    title: Title::Intermediate,
                    specialties: vec![IndustryScope::Petrochemical],
                    practice_since: Some(d("2015-01-01")),
                    expert_pool: j == 2,
                });
                // A certificate numbered with the resident ID, failed: its number is evidence.
                t.certificates.push(Certificate {
                    practitioner: pid.clone(),
                    kind: CertificateKind::Evaluator,
                    number: number.expose().to_owned(),
                    valid_from: d("2015-01-01"),
                    valid_until: None,
                    verification: if j == 0 {
                        Verification::Failed
                    } else {
                        Verification::Verified
                    },
                });
                for m in ["2024-08", "2024-09", "2024-10"] {
                    t.contributions.push(Contribution {
                        id_number: number,
                        payer: uscc_for(n),
                        month: m.parse().unwrap(),
                        kind: ContributionKind::Pension,
                    });
                }
            }
            for p in 0..projects {
                let pid: ProjectId = format!("GJ{ci:02}{k:03}{p:03}").parse().unwrap();
                let day = 1 + (p * 7 + k) % 28;
                let month = 7 + (p + k) % 5;
                let ended = NaiveDate::from_ymd_opt(2024, month, day).unwrap();
                t.projects.push(Project {
                    id: pid.clone(),
                    agency: id.clone(),
                    service_type: if kind == AgencyKind::SafetyEvaluation {
                        ServiceType::StatusEvaluation
                    } else {
                        ServiceType::HazardInspection
                    },
                    scope: (kind == AgencyKind::SafetyEvaluation)
                        .then_some(IndustryScope::Petrochemical),
                    client_uscc: uscc_for(100_000 + n * 100 + p),
                    client_name: format!("客户{ci}{k}{p}"),
                    site_region: CITIES[(ci + p as usize) % CITIES.len()].parse().unwrap(),
                    contract_signed_on: d("2024-06-01"),
                    notice_filed_on: Some(d("2024-06-02")),
                    service_started_on: Some(ended),
                    service_ended_on: Some(ended),
                    report_uploaded_on: Some(ended),
                    government_funded: false,
                    fee_yuan: rust_decimal::Decimal::from(10_000),
                });
                t.team.push(TeamMember {
                    project: pid,
                    practitioner: format!("GP{ci:02}{k:03}0").parse().unwrap(),
                    role: Role::Leader,
                });
            }
            if k % 3 != 1 {
                continue; // a complaint against every third agency only
            }
            t.complaints.push(Complaint {
                id: format!("GC{ci:02}{k:03}").parse().unwrap(),
                received_on: d("2024-09-01"),
                agency: id.clone(),
                practitioner: Some(format!("GP{ci:02}{k:03}1").parse().unwrap()),
                category: ComplaintCategory::Other,
                status: ComplaintStatus::Substantiated,
                closed_on: None,
                reporter_contact: Some(Confidential::new(format!("1390000{:04}", n))),
            });
        }
    }
    Dataset::new(t).unwrap()
}
