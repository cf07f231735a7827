//! Any valid dataset survives writing and reading unchanged (proptest).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers
#![allow(clippy::type_complexity)] // the drawn tuples are resolved right away in `build`

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use std::collections::BTreeMap;
use zhongjie_core::chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use zhongjie_core::resident_id::resident_id_check_char;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::time::YearMonth;
use zhongjie_core::uscc::uscc_check_char;
use zhongjie_core::*;
use zhongjie_csv::{
    read_dataset, read_dataset_from_memory, write_dataset, write_dataset_to_memory,
};

const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid USCC, unique per `n`.
fn uscc(body: &[usize], n: usize) -> Uscc {
    let mut s: String = body.iter().map(|&i| USCC_CHARS[i % 31] as char).collect();
    s.push(USCC_CHARS[n / 31 % 31] as char);
    s.push(USCC_CHARS[n % 31] as char);
    let c = uscc_check_char(&s).unwrap();
    s.push(c);
    s.parse().unwrap()
}

fn uscc_body() -> impl Strategy<Value = Vec<usize>> {
    vec(0usize..31, 15)
}

/// A valid resident ID number, unique per `n`.
fn resident_id(body: u64, n: usize) -> ResidentId {
    let s = format!("{:013}{:04}", body % 10u64.pow(13), n);
    let c = resident_id_check_char(&s).unwrap();
    format!("{s}{c}").parse().unwrap()
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0i64..12_000).prop_map(|d| NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Duration::days(d))
}

fn datetime() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (
        0i64..400_000_000,
        -48i32..=56,
        prop_oneof![
            Just(0u32),
            0u32..1_000_000_000,
            (0u32..1000).prop_map(|m| m * 1_000_000)
        ],
    )
        .prop_map(|(secs, quarter_hours, nanos)| {
            let off = FixedOffset::east_opt(quarter_hours * 15 * 60).unwrap();
            let utc = DateTime::from_timestamp(946_684_800 + secs, nanos).unwrap();
            off.from_utc_datetime(&utc.naive_utc())
        })
}

/// Text as found in the registers: Chinese, commas, quotes, line breaks, never empty.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 甲乙丙安全评价有限公司，,\"';\r\n\t-]{1,12}"
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..6).prop_map(|(m, s)| Decimal::new(m, s))
}

fn pick<T: Copy + std::fmt::Debug + 'static>(all: &'static [T]) -> impl Strategy<Value = T> {
    proptest::sample::select(all)
}

fn region() -> impl Strategy<Value = RegionCode> {
    (pick(&["11", "31", "33", "44", "65"]), 0u32..10_000)
        .prop_map(|(p, rest)| format!("{p}{rest:04}").parse().unwrap())
}

fn scopes() -> impl Strategy<Value = Vec<Scope>> {
    vec(
        pick(&[
            0usize, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,
        ]),
        0..4,
    )
    .prop_map(|v| {
        let all: Vec<Scope> = Scope::all().collect();
        v.into_iter().map(|i| all[i]).collect()
    })
}

prop_compose! {
    fn agency()(
        name in text(),
        kind in pick(AgencyKind::ALL),
        body in uscc_body(),
        region in region(),
        parent in any::<Option<Index>>(),
        qualified_until in proptest::option::of(date()),
        scopes in scopes(),
        status in pick(AgencyStatus::ALL),
    ) -> (Agency, Option<Index>, Vec<usize>) {
        let a = Agency {
            id: "X".parse().unwrap(),
            name,
            kind,
            uscc: uscc(&body, 0),
            region,
            parent: None,
            qualified_until,
            scopes,
            status,
        };
        (a, parent, body)
    }
}

prop_compose! {
    fn practitioner()(
        name in text(),
        body in any::<u64>(),
        agency in any::<Index>(),
        evaluator_level in proptest::option::of(pick(EvaluatorLevel::ALL)),
        safety_engineer in proptest::option::of(pick(SafetyEngineerGrade::ALL)),
        title in pick(Title::ALL),
        specialties in vec(pick(IndustryScope::ALL), 0..3),
        practice_since in proptest::option::of(date()),
        expert_pool in any::<bool>(),
    ) -> (Practitioner, u64, Index) {
        let p = Practitioner {
            id: "X".parse().unwrap(),
            name,
            id_number: resident_id(body, 0),
            agency: "X".parse().unwrap(),
            evaluator_level,
            safety_engineer,
            title,
            specialties,
            practice_since,
            expert_pool,
        };
        (p, body, agency)
    }
}

prop_compose! {
    fn project()(
        agency in any::<Index>(),
        service_type in pick(ServiceType::ALL),
        scope in proptest::option::of(pick(IndustryScope::ALL)),
        body in uscc_body(),
        client_name in text(),
        site_region in region(),
        dates in (date(), proptest::option::of(date()), proptest::option::of(date()),
                  proptest::option::of(date()), proptest::option::of(date())),
        government_funded in any::<bool>(),
        fee_yuan in decimal(),
    ) -> (Project, Index) {
        let scope = if service_type.is_evaluation() {
            Some(scope.unwrap_or(IndustryScope::Petrochemical))
        } else {
            scope
        };
        let p = Project {
            id: "X".parse().unwrap(),
            agency: "X".parse().unwrap(),
            service_type,
            scope,
            client_uscc: uscc(&body, 999),
            client_name,
            site_region,
            contract_signed_on: dates.0,
            notice_filed_on: dates.1,
            service_started_on: dates.2,
            service_ended_on: dates.3,
            report_uploaded_on: dates.4,
            government_funded,
            fee_yuan,
        };
        (p, agency)
    }
}

/// References are drawn as indices and resolved once the sizes are known.
#[derive(Debug, Clone)]
struct Draw {
    agencies: Vec<(Agency, Option<Index>, Vec<usize>)>,
    practitioners: Vec<(Practitioner, u64, Index)>,
    projects: Vec<(Project, Index)>,
    certificates: Vec<(
        Index,
        CertificateKind,
        String,
        NaiveDate,
        Option<NaiveDate>,
        Verification,
    )>,
    contributions: Vec<(Index, Option<Vec<usize>>, u32, ContributionKind)>,
    team: Vec<(Index, Index, Role)>,
    attendance: Vec<(Index, Index, DateTime<FixedOffset>, u32, f64, f64)>,
    stages: Vec<(Index, Stage, NaiveDate, Option<String>)>,
    complaints: Vec<(
        NaiveDate,
        Index,
        Option<Index>,
        ComplaintCategory,
        ComplaintStatus,
        Option<NaiveDate>,
        Option<String>,
    )>,
    events: Vec<(
        Vec<usize>,
        ClientEventKind,
        NaiveDate,
        Option<Severity>,
        u32,
    )>,
    sanctions: Vec<(
        bool,
        Index,
        Measure,
        Violation,
        NaiveDate,
        Option<Decimal>,
        Option<NaiveDate>,
    )>,
    exams: Vec<(Index, NaiveDate, u8)>,
    inspections: Vec<(Index, NaiveDate, InspectionKind, InspectionResult)>,
}

fn draw() -> impl Strategy<Value = Draw> {
    let people = (
        vec(agency(), 1..5),
        vec(practitioner(), 1..6),
        vec(project(), 0..5),
        vec(
            (
                any::<Index>(),
                pick(CertificateKind::ALL),
                text(),
                date(),
                proptest::option::of(date()),
                pick(Verification::ALL),
            ),
            0..4,
        ),
        vec(
            (
                any::<Index>(),
                proptest::option::of(uscc_body()),
                0u32..400,
                pick(ContributionKind::ALL),
            ),
            0..8,
        ),
        vec((any::<Index>(), any::<Index>(), pick(Role::ALL)), 0..6),
        vec(
            (
                any::<Index>(),
                any::<Index>(),
                datetime(),
                1u32..100_000,
                -90.0f64..=90.0,
                -180.0f64..=180.0,
            ),
            0..6,
        ),
    );
    let events = (
        vec(
            (
                any::<Index>(),
                pick(Stage::ALL),
                date(),
                proptest::option::of(text()),
            ),
            0..5,
        ),
        vec(
            (
                date(),
                any::<Index>(),
                proptest::option::of(any::<Index>()),
                pick(ComplaintCategory::ALL),
                pick(ComplaintStatus::ALL),
                proptest::option::of(date()),
                proptest::option::of(text()),
            ),
            0..4,
        ),
        vec(
            (
                uscc_body(),
                pick(ClientEventKind::ALL),
                date(),
                proptest::option::of(pick(Severity::ALL)),
                0u32..50,
            ),
            0..4,
        ),
        vec(
            (
                any::<bool>(),
                any::<Index>(),
                pick(Measure::ALL),
                pick(Violation::ALL),
                date(),
                proptest::option::of(decimal()),
                proptest::option::of(date()),
            ),
            0..4,
        ),
        vec((any::<Index>(), date(), 0u8..=100), 0..4),
        vec(
            (
                any::<Index>(),
                date(),
                pick(InspectionKind::ALL),
                pick(InspectionResult::ALL),
            ),
            0..3,
        ),
    );
    (people, events).prop_map(|(p, e)| Draw {
        agencies: p.0,
        practitioners: p.1,
        projects: p.2,
        certificates: p.3,
        contributions: p.4,
        team: p.5,
        attendance: p.6,
        stages: e.0,
        complaints: e.1,
        events: e.2,
        sanctions: e.3,
        exams: e.4,
        inspections: e.5,
    })
}

fn id<T: std::str::FromStr>(prefix: &str, i: usize) -> T
where
    T::Err: std::fmt::Debug,
{
    format!("{prefix}{i}").parse().unwrap()
}

/// Builds valid tables: unique ids, resolving references, parents only to earlier agencies
/// (no cycles), check-out after check-in, no duplicate contribution or team row.
fn build(d: Draw) -> Tables {
    let na = d.agencies.len();
    let agencies: Vec<Agency> = d
        .agencies
        .into_iter()
        .enumerate()
        .map(|(i, (mut a, parent, body))| {
            a.id = id("A", i);
            a.uscc = uscc(&body, i);
            a.parent = parent.filter(|_| i > 0).map(|p| id("A", p.index(i)));
            a
        })
        .collect();
    let np = d.practitioners.len();
    let practitioners: Vec<Practitioner> = d
        .practitioners
        .into_iter()
        .enumerate()
        .map(|(i, (mut p, body, ag))| {
            p.id = id("P.", i);
            p.id_number = resident_id(body, i);
            p.agency = id("A", ag.index(na));
            p
        })
        .collect();
    let nj = d.projects.len();
    let projects: Vec<Project> = d
        .projects
        .into_iter()
        .enumerate()
        .map(|(i, (mut p, ag))| {
            p.id = id("J_", i);
            p.agency = id("A", ag.index(na));
            p
        })
        .collect();
    let certificates = d
        .certificates
        .into_iter()
        .map(
            |(p, kind, number, valid_from, valid_until, verification)| Certificate {
                practitioner: id("P.", p.index(np)),
                kind,
                number,
                valid_from,
                valid_until,
                verification,
            },
        )
        .collect();
    let mut contributions: Vec<Contribution> = Vec::new();
    for (p, payer, month, kind) in d.contributions {
        let c = Contribution {
            id_number: practitioners[p.index(np)].id_number,
            payer: match payer {
                Some(body) => uscc(&body, 998),
                None => agencies[p.index(na)].uscc,
            },
            month: YearMonth::new(2000 + (month / 12) as i32, month % 12 + 1).unwrap(),
            kind,
        };
        if !contributions.contains(&c) {
            contributions.push(c);
        }
    }
    let mut team: Vec<TeamMember> = Vec::new();
    if nj > 0 {
        for (j, p, role) in d.team {
            let m = TeamMember {
                project: id("J_", j.index(nj)),
                practitioner: id("P.", p.index(np)),
                role,
            };
            if !team.contains(&m) {
                team.push(m);
            }
        }
    }
    let attendance = if nj == 0 {
        Vec::new()
    } else {
        d.attendance
            .into_iter()
            .enumerate()
            .map(|(i, (j, p, check_in, secs, lat, lon))| Attendance {
                id: id("R-", i),
                project: id("J_", j.index(nj)),
                practitioner: id("P.", p.index(np)),
                check_in,
                check_out: check_in + Duration::seconds(i64::from(secs)),
                lat,
                lon,
            })
            .collect()
    };
    let stages = if nj == 0 {
        Vec::new()
    } else {
        d.stages
            .into_iter()
            .map(|(j, stage, completed_on, evidence)| StageRecord {
                project: id("J_", j.index(nj)),
                stage,
                completed_on,
                evidence,
            })
            .collect()
    };
    let complaints = d
        .complaints
        .into_iter()
        .enumerate()
        .map(
            |(i, (received_on, a, p, category, status, closed_on, contact))| Complaint {
                id: id("C", i),
                received_on,
                agency: id("A", a.index(na)),
                practitioner: p.map(|p| id("P.", p.index(np))),
                category,
                status,
                closed_on,
                reporter_contact: contact.map(Confidential::new),
            },
        )
        .collect();
    let client_events = d
        .events
        .into_iter()
        .enumerate()
        .map(
            |(i, (body, kind, occurred_on, severity, deaths))| ClientEvent {
                id: id("E", i),
                client_uscc: uscc(&body, 997),
                kind,
                occurred_on,
                severity,
                deaths,
            },
        )
        .collect();
    let sanctions = d
        .sanctions
        .into_iter()
        .enumerate()
        .map(
            |(i, (on_agency, s, measure, violation, decided_on, fine_yuan, ends_on))| Sanction {
                id: id("S", i),
                subject: if on_agency {
                    Subject::Agency(id("A", s.index(na)))
                } else {
                    Subject::Practitioner(id("P.", s.index(np)))
                },
                measure,
                violation,
                decided_on,
                fine_yuan,
                ends_on,
            },
        )
        .collect();
    let exams = d
        .exams
        .into_iter()
        .enumerate()
        .map(|(i, (p, taken_on, score))| Exam {
            practitioner: id("P.", p.index(np)),
            exam: id("X", i),
            taken_on,
            score,
        })
        .collect();
    let inspections = d
        .inspections
        .into_iter()
        .enumerate()
        .map(|(i, (a, inspected_on, kind, result))| Inspection {
            id: id("I", i),
            agency: id("A", a.index(na)),
            inspected_on,
            kind,
            result,
        })
        .collect();
    Tables {
        agencies,
        practitioners,
        certificates,
        contributions,
        projects,
        team,
        attendance,
        stages,
        complaints,
        client_events,
        sanctions,
        exams,
        inspections,
    }
}

fn tables() -> impl Strategy<Value = Tables> {
    draw().prop_map(build)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn tables_survive_writing_and_reading(t in tables()) {
        let files = write_dataset_to_memory(&t);
        let back = read_dataset_from_memory(&files);
        prop_assert!(back.is_ok(), "refused: {}", back.err().map(|e| e.to_string()).unwrap_or_default());
        if let Ok(ds) = back {
            prop_assert_eq!(ds.tables(), &t);
        }
    }

    #[test]
    fn crlf_line_ends_read_the_same(t in tables()) {
        let files: BTreeMap<String, Vec<u8>> = write_dataset_to_memory(&t)
            .into_iter()
            .map(|(k, v)| {
                // Only record ends: a line break inside a quoted cell is part of the value.
                let text = String::from_utf8(v).unwrap();
                let mut out = String::new();
                let mut quoted = false;
                for c in text.chars() {
                    if c == '"' { quoted = !quoted; }
                    if c == '\n' && !quoted { out.push('\r'); }
                    out.push(c);
                }
                (k, out.into_bytes())
            })
            .collect();
        let ds = read_dataset_from_memory(&files).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(ds.tables(), &t);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn tables_survive_a_folder(t in tables()) {
        let dir = tempfile::tempdir().unwrap();
        write_dataset(dir.path(), &t).unwrap();
        let ds = read_dataset(dir.path()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(ds.tables(), &t);
    }
}
