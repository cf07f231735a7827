//! Proptest strategies for small random datasets dense in the edge cases of part C: touching and
//! overlapping check-ins, check-ins across midnight at several offsets, the day-30 report deadline,
//! window edges ±1 day, the 25 + 5 headcount boundary, anniversaries (29 February too), ties of
//! exam dates and exam ids, records dated after D.
//!
//! A [`Spec`] is a bag of small numbers; [`Spec::tables`] turns it into rows. References are taken
//! modulo the length of what they point to, so every shrunk spec still builds a valid dataset.

use std::collections::{BTreeMap, BTreeSet};

use proptest::prelude::*;
use proptest::sample::select;
use zhongjie_core::chrono::{DateTime, Duration, FixedOffset, NaiveDate, TimeZone};
use zhongjie_core::{Dataset, Tables, YearMonth};

use super::{client, d, ymd, Builder};

/// The as-of dates the strategies pick from (leap days and month and year ends included).
pub const AS_OF_DATES: [&str; 8] = [
    "2024-11-30",
    "2023-02-28",
    "2024-02-29",
    "2024-03-01",
    "2025-02-28",
    "2023-12-31",
    "2024-01-15",
    "2025-03-01",
];

/// Day offsets from D: the edges of every window of part C, and some plain days.
const EDGE_DAYS: [i64; 22] = [
    0, 1, 2, -1, -2, -29, -30, -31, -60, -200, -364, -365, -366, -367, -730, -1094, -1095, -1096,
    -1097, -1460, 30, 400,
];

fn day_offset() -> impl Strategy<Value = i64> {
    prop_oneof![3 => select(&EDGE_DAYS[..]), 1 => -1200i64..40]
}

/// Offsets from D that are mostly in the past.
fn past_offset() -> impl Strategy<Value = i64> {
    prop_oneof![4 => select(&EDGE_DAYS[..20]), 1 => -800i64..=0]
}

const ROOT_SCOPES: [&str; 10] = [
    "coal_mining",
    "petrochemical",
    "fireworks",
    "pre_evaluation",
    "status_evaluation",
    "consulting",
    "training",
    "hazard_inspection",
    "trusteeship",
    "assessment",
];

const INDUSTRIES: [&str; 3] = ["coal_mining", "petrochemical", "fireworks"];

const SERVICE_TYPES: [&str; 11] = [
    "pre_evaluation",
    "acceptance_evaluation",
    "status_evaluation",
    "hazard_inspection",
    "training",
    "consulting",
    "testing",
    "trusteeship",
    "emergency_plan",
    "standardization",
    "assessment",
];

const STAGES: [&str; 8] = [
    "contract",
    "notice",
    "plan",
    "site_survey",
    "findings",
    "rectification",
    "report",
    "closure",
];

const ROLES: [&str; 5] = [
    "leader",
    "member",
    "reviewer",
    "technical_lead",
    "external_expert",
];
const MEASURES: [&str; 9] = [
    "circular",
    "interview",
    "warning",
    "fine",
    "suspension",
    "revocation",
    "practice_ban",
    "judicial_referral",
    "dishonesty_listing",
];
const VIOLATIONS: [&str; 7] = [
    "false_report",
    "inaccurate_report",
    "qualification_lending",
    "absent_from_site",
    "over_scope",
    "procedure",
    "other",
];

/// Sites: Hangzhou; 0.96 km east; 1.06 km east; 51 km south-east; Shanghai (165 km).
pub const SITES: [(f64, f64); 5] = [
    (30.2741, 120.1551),
    (30.2741, 120.1651),
    (30.2741, 120.1661),
    (30.0, 120.58),
    (31.2304, 121.4737),
];

/// A chain "gap" meaning: check in at the same instant as the person's previous check-in.
pub const SAME_START: i64 = 1_000_000;

/// Offsets of check-in datetimes, in minutes east of UTC.
const ZONES: [i32; 6] = [480, 0, -300, 540, 345, -570];

#[derive(Debug, Clone)]
pub struct RootSpec {
    pub kind: u8,
    pub status: u8,
    pub branches: u8,
    pub qualified: Option<i64>,
    pub scopes: u16,
    /// Branch k > 0 hangs under branch k − 1 instead of the head office.
    pub nested: bool,
    /// Noise on the branches (kind, status, scopes, qualification), which must all be ignored:
    /// those are read from the root.
    pub branch_noise: u8,
}

#[derive(Debug, Clone)]
pub struct PersonSpec {
    pub agency: u8,
    pub level: u8,
    pub engineer: u8,
    pub title: u8,
    pub specialties: u8,
    /// (whole years back, ±days) from D for practice_since.
    pub since: Option<(i32, i64)>,
    pub expert_pool: bool,
    /// Pension from the own tree for M1..M3 (0 none, 1 own agency, 2 the root, 3 two of three).
    pub full_time: u8,
}

#[derive(Debug, Clone)]
pub struct BulkSpec {
    pub root: u8,
    pub evaluators: u8,
    /// 0: none; 1, 2, 3: one less than, exactly, one more than 30 % of the evaluators.
    pub engineers: u8,
    pub failed_cert: bool,
}

#[derive(Debug, Clone)]
pub struct CertSpec {
    pub person: u8,
    pub kind: u8,
    pub number: u8,
    pub from: i64,
    pub until: Option<i64>,
    pub verification: u8,
}

#[derive(Debug, Clone)]
pub struct PaySpec {
    pub person: u8,
    /// An agency index, or (≥ agencies) an outside payer.
    pub payer: u8,
    /// Months before D's month (0 = D's month, −1 = the month after).
    pub month_back: i64,
    pub kind: u8,
}

#[derive(Debug, Clone)]
pub struct ProjectSpec {
    pub agency: u8,
    pub service_type: u8,
    pub scope: u8,
    pub client: u8,
    /// Start relative to D.
    pub start: i64,
    /// Days from contract to start.
    pub lead: i64,
    pub started: bool,
    /// Days from start to end.
    pub duration: Option<i64>,
    /// Upload relative to the end.
    pub upload: Option<i64>,
    /// Notice relative to the start.
    pub notice: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct AttSpec {
    pub project: u8,
    pub person: u8,
    /// Chain on the person's previous check-out with this gap (minutes; [`SAME_START`]: start
    /// with the previous check-in), or start on (project start + day) at `hour` local time of
    /// `zone`.
    pub chain: Option<i64>,
    pub day: i64,
    pub hour: u32,
    pub zone: u8,
    pub minutes: i64,
    pub site: u8,
}

#[derive(Debug, Clone)]
pub struct StageSpec {
    pub project: u8,
    pub mask: u8,
    /// Completion relative to the project end (or to D when it has none).
    pub offset: i64,
}

#[derive(Debug, Clone)]
pub struct EventSpec {
    pub agency: u8,
    pub kind: u8,
    pub offset: i64,
    pub status: u8,
}

#[derive(Debug, Clone)]
pub struct ClientEventSpec {
    pub client: u8,
    pub kind: u8,
    pub offset: i64,
    /// Dated relative to a project's start (false) or end (true), at that project's client.
    pub anchor: Option<(u8, bool, i64)>,
}

#[derive(Debug, Clone)]
pub struct SanctionSpec {
    pub subject: u8,
    pub on_person: bool,
    pub measure: u8,
    pub violation: u8,
    pub decided: i64,
    /// Decided exactly `n` years before D plus ±days (anniversary edges of the dishonesty list).
    pub years_back: Option<(i32, i64)>,
    pub ends: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct ExamSpec {
    pub person: u8,
    pub exam: u8,
    pub taken: i64,
    pub score: u8,
}

/// A whole random dataset.
#[derive(Debug, Clone)]
pub struct Spec {
    pub as_of: NaiveDate,
    pub roots: Vec<RootSpec>,
    pub people: Vec<PersonSpec>,
    pub bulk: Option<BulkSpec>,
    pub certs: Vec<CertSpec>,
    pub pays: Vec<PaySpec>,
    pub projects: Vec<ProjectSpec>,
    pub team: Vec<(u8, u8, u8)>,
    pub attendance: Vec<AttSpec>,
    pub stages: Vec<StageSpec>,
    pub complaints: Vec<EventSpec>,
    /// Several substantiated complaints in W against one agency: (agency, count).
    pub complaint_burst: Option<(u8, u8)>,
    pub client_events: Vec<ClientEventSpec>,
    pub sanctions: Vec<SanctionSpec>,
    pub exams: Vec<ExamSpec>,
    pub inspections: Vec<EventSpec>,
}

fn root_spec() -> impl Strategy<Value = RootSpec> {
    (
        0u8..2,
        prop_oneof![6 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8), 1 => Just(3u8)],
        0u8..3,
        proptest::option::weighted(0.8, day_offset()),
        any::<u16>(),
        any::<bool>(),
        any::<u8>(),
    )
        .prop_map(
            |(kind, status, branches, qualified, scopes, nested, branch_noise)| RootSpec {
                kind,
                status,
                branches,
                qualified,
                scopes,
                nested,
                branch_noise,
            },
        )
}

fn person_spec() -> impl Strategy<Value = PersonSpec> {
    (
        any::<u8>(),
        0u8..5,
        0u8..4,
        0u8..4,
        any::<u8>(),
        proptest::option::weighted(0.7, (0i32..13, -1i64..=1)),
        any::<bool>(),
        prop_oneof![3 => Just(1u8), 1 => Just(0u8), 1 => Just(2u8), 1 => Just(3u8)],
    )
        .prop_map(
            |(agency, level, engineer, title, specialties, since, expert_pool, full_time)| {
                PersonSpec {
                    agency,
                    level,
                    engineer,
                    title,
                    specialties,
                    since,
                    expert_pool,
                    full_time,
                }
            },
        )
}

fn bulk_spec() -> impl Strategy<Value = BulkSpec> {
    (
        any::<u8>(),
        prop_oneof![
            select(&[10u8, 20, 30][..]),
            select(&[4u8, 5, 19, 24, 25, 26, 29, 31, 34, 35][..]),
        ],
        0u8..4,
        any::<bool>(),
    )
        .prop_map(|(root, evaluators, engineers, failed_cert)| BulkSpec {
            root,
            evaluators,
            engineers,
            failed_cert,
        })
}

fn cert_spec() -> impl Strategy<Value = CertSpec> {
    (
        any::<u8>(),
        prop_oneof![3 => Just(0u8), 1 => Just(1u8), 1 => Just(2u8)],
        0u8..3,
        prop_oneof![past_offset(), -4000i64..-1500],
        proptest::option::of(day_offset()),
        0u8..3,
    )
        .prop_map(
            |(person, kind, number, from, until, verification)| CertSpec {
                person,
                kind,
                number,
                from,
                until,
                verification,
            },
        )
}

fn pay_spec() -> impl Strategy<Value = PaySpec> {
    (any::<u8>(), any::<u8>(), -1i64..=14, 0u8..3).prop_map(|(person, payer, month_back, kind)| {
        PaySpec {
            person,
            payer,
            month_back,
            kind,
        }
    })
}

fn project_spec() -> impl Strategy<Value = ProjectSpec> {
    (
        (any::<u8>(), 0u8..11, any::<u8>(), 0u8..3),
        prop_oneof![3 => select(&EDGE_DAYS[..]), 1 => -500i64..10],
        select(&[0i64, 0, 1, 5, 30][..]),
        prop_oneof![5 => Just(true), 1 => Just(false)],
        proptest::option::weighted(
            0.7,
            prop_oneof![select(&[0i64, 1, 2, 3, 10, 29, 30, 31, 60][..]), 0i64..400],
        ),
        proptest::option::weighted(0.6, select(&[0i64, 1, 29, 30, 31, 45, 400][..])),
        proptest::option::weighted(0.7, select(&[-5i64, -1, 0, 1, 2][..])),
    )
        .prop_map(
            |(
                (agency, service_type, scope, client),
                start,
                lead,
                started,
                duration,
                upload,
                notice,
            )| {
                ProjectSpec {
                    agency,
                    service_type,
                    scope,
                    client,
                    start,
                    lead,
                    started,
                    duration,
                    upload,
                    notice,
                }
            },
        )
}

fn att_spec() -> impl Strategy<Value = AttSpec> {
    (
        any::<u8>(),
        any::<u8>(),
        proptest::option::weighted(
            0.6,
            select(&[-60i64, -1, 0, 1, 25, 26, 82, 83, 600, SAME_START][..]),
        ),
        0i64..3,
        prop_oneof![select(&[0u32, 7, 8, 15, 16, 17, 23][..]), 0u32..24],
        0u8..6,
        select(&[30i64, 60, 239, 240, 241, 479, 480, 960, 2400][..]),
        0u8..5,
    )
        .prop_map(
            |(project, person, chain, day, hour, zone, minutes, site)| AttSpec {
                project,
                person,
                chain,
                day,
                hour,
                zone,
                minutes,
                site,
            },
        )
}

fn stage_spec() -> impl Strategy<Value = StageSpec> {
    (
        any::<u8>(),
        prop_oneof![2 => Just(0xffu8), 3 => any::<u8>()],
        select(&[0i64, -1, 1, 5, 400][..]),
    )
        .prop_map(|(project, mask, offset)| StageSpec {
            project,
            mask,
            offset,
        })
}

fn event_spec() -> impl Strategy<Value = EventSpec> {
    (any::<u8>(), 0u8..3, day_offset(), 0u8..3).prop_map(|(agency, kind, offset, status)| {
        EventSpec {
            agency,
            kind,
            offset,
            status,
        }
    })
}

fn client_event_spec() -> impl Strategy<Value = ClientEventSpec> {
    (
        0u8..3,
        0u8..3,
        day_offset(),
        proptest::option::weighted(
            0.6,
            (
                any::<u8>(),
                any::<bool>(),
                select(&[-1i64, 0, 1, 30, 364, 365, 366][..]),
            ),
        ),
    )
        .prop_map(|(client, kind, offset, anchor)| ClientEventSpec {
            client,
            kind,
            offset,
            anchor,
        })
}

fn sanction_spec() -> impl Strategy<Value = SanctionSpec> {
    (
        any::<u8>(),
        any::<bool>(),
        prop_oneof![2 => Just(8u8), 5 => 0u8..9],
        prop_oneof![2 => Just(0u8), 1 => Just(2u8), 4 => 0u8..7],
        day_offset(),
        proptest::option::weighted(0.3, (1i32..=4, -1i64..=1)),
        proptest::option::weighted(0.3, select(&[-1i64, 0, 1, 100, 2000][..])),
    )
        .prop_map(
            |(subject, on_person, measure, violation, decided, years_back, ends)| SanctionSpec {
                subject,
                on_person,
                measure,
                violation,
                decided,
                years_back,
                ends,
            },
        )
}

fn exam_spec() -> impl Strategy<Value = ExamSpec> {
    (
        // Few people and few dates, so that exams of one person tie on the date.
        0u8..3,
        0u8..5,
        prop_oneof![3 => select(&[0i64, -10, -364, -365, 1][..]), 1 => -400i64..=0],
        prop_oneof![select(&[59u8, 60, 74, 75, 89, 90, 100][..]), 0u8..=100],
    )
        .prop_map(|(person, exam, taken, score)| ExamSpec {
            person,
            exam,
            taken,
            score,
        })
}

/// The strategy of a whole dataset.
pub fn spec() -> impl Strategy<Value = Spec> {
    let head = (
        select(&AS_OF_DATES[..]).prop_map(d),
        proptest::collection::vec(root_spec(), 1..=3),
        proptest::collection::vec(person_spec(), 1..=8),
        proptest::option::weighted(0.35, bulk_spec()),
        proptest::collection::vec(cert_spec(), 0..=5),
        proptest::collection::vec(pay_spec(), 0..=14),
    );
    let work = (
        proptest::collection::vec(project_spec(), 0..=6),
        proptest::collection::vec((any::<u8>(), any::<u8>(), 0u8..5), 0..=10),
        proptest::collection::vec(att_spec(), 0..=14),
        proptest::collection::vec(stage_spec(), 0..=6),
    );
    let records = (
        proptest::collection::vec(event_spec(), 0..=6),
        proptest::collection::vec(client_event_spec(), 0..=4),
        proptest::collection::vec(sanction_spec(), 0..=4),
        proptest::collection::vec(exam_spec(), 0..=5),
        proptest::collection::vec(event_spec(), 0..=2),
        proptest::option::weighted(0.2, (any::<u8>(), 3u8..=6)),
    );
    (head, work, records).prop_map(
        |(
            (as_of, roots, people, bulk, certs, pays),
            (projects, team, attendance, stages),
            (complaints, client_events, sanctions, exams, inspections, complaint_burst),
        )| Spec {
            as_of,
            roots,
            people,
            bulk,
            certs,
            pays,
            projects,
            team,
            attendance,
            stages,
            complaints,
            complaint_burst,
            client_events,
            sanctions,
            exams,
            inspections,
        },
    )
}

fn pick<T: Clone>(list: &[T], i: u8) -> T {
    list[usize::from(i) % list.len()].clone()
}

fn plus(x: NaiveDate, n: i64) -> NaiveDate {
    x + Duration::days(n)
}

fn years_back(x: NaiveDate, n: i32) -> NaiveDate {
    zhongjie_core::time::add_years(x, -n).unwrap_or(x)
}

/// `day` at `hour`:00 local time at `zone` minutes east of UTC.
fn at(day: NaiveDate, hour: u32, zone: i32) -> DateTime<FixedOffset> {
    let off = FixedOffset::east_opt(zone * 60).unwrap();
    off.from_local_datetime(&day.and_hms_opt(hour, 0, 0).unwrap())
        .single()
        .unwrap()
}

impl Spec {
    /// The rows.
    pub fn tables(&self) -> Tables {
        self.builder().t
    }

    /// The checked dataset.
    pub fn dataset(&self) -> Dataset {
        self.builder().build()
    }

    /// The builder holding the rows (tests may add more).
    pub fn builder(&self) -> Builder {
        let dd = self.as_of;
        let mut b = Builder::new();

        // Agencies: roots R0.., branches R<i>B<k>.
        let mut agencies: Vec<String> = Vec::new();
        let mut roots: Vec<String> = Vec::new();
        for (i, r) in self.roots.iter().enumerate() {
            let id = format!("R{i}");
            let scopes: Vec<&str> = ROOT_SCOPES
                .iter()
                .enumerate()
                .filter(|(k, _)| r.scopes & (1 << k) != 0)
                .map(|(_, s)| *s)
                .collect();
            let kind = if r.kind == 0 {
                "safety_evaluation"
            } else {
                "social_service"
            };
            let a = b.agency(&id, kind, &scopes.join(";"));
            a.status =
                super::p(["active", "suspended", "revoked", "cancelled"][usize::from(r.status)]);
            a.qualified_until = r.qualified.map(|o| plus(dd, o));
            agencies.push(id.clone());
            roots.push(id.clone());
            for k in 0..r.branches {
                let bid = format!("R{i}B{k}");
                let parent = if r.nested && k > 0 {
                    format!("R{i}B{}", k - 1)
                } else {
                    id.clone()
                };
                let x = b.branch(&bid, &parent);
                let noise = r.branch_noise.rotate_left(u32::from(k));
                if noise & 1 != 0 {
                    x.kind = super::p(if r.kind == 0 {
                        "social_service"
                    } else {
                        "safety_evaluation"
                    });
                }
                if noise & 2 != 0 {
                    x.status = super::p(
                        ["active", "suspended", "revoked", "cancelled"][usize::from(noise >> 6)],
                    );
                }
                if noise & 4 != 0 {
                    x.scopes = vec![
                        super::p("fireworks"),
                        super::p("testing"),
                        super::p("consulting"),
                    ];
                }
                if noise & 8 != 0 {
                    x.qualified_until = Some(plus(dd, 3000));
                }
                agencies.push(bid);
            }
        }

        // People.
        let mut people: Vec<String> = Vec::new();
        for (i, ps) in self.people.iter().enumerate() {
            let id = format!("P{i}");
            let agency = agencies[usize::from(ps.agency) % agencies.len()].clone();
            let x = b.person(&id, &agency);
            x.evaluator_level =
                [None, Some("1"), Some("2"), Some("3"), None][usize::from(ps.level)].map(super::p);
            x.safety_engineer = [None, Some("intermediate"), Some("senior"), None]
                [usize::from(ps.engineer)]
            .map(super::p);
            x.title = super::p(["none", "junior", "intermediate", "senior"][usize::from(ps.title)]);
            x.specialties = INDUSTRIES
                .iter()
                .enumerate()
                .filter(|(k, _)| ps.specialties & (1 << k) != 0)
                .map(|(_, s)| super::p(s))
                .collect();
            x.practice_since = ps.since.map(|(y, delta)| plus(years_back(dd, y), delta));
            x.expert_pool = ps.expert_pool;
            let root = agency.split('B').next().unwrap_or(&agency).to_owned();
            for k in 1..=3 {
                let payer = match ps.full_time {
                    1 => agency.clone(),
                    2 => root.clone(),
                    3 if k != 2 => agency.clone(),
                    _ => continue,
                };
                let m = YearMonth::of(dd).minus(k).to_string();
                b.pay(&id, &payer, &m, "pension");
            }
            people.push(id);
        }
        if let Some(bulk) = &self.bulk {
            let root = pick(&roots, bulk.root);
            let engineers = match bulk.engineers {
                0 => 0,
                k => (u32::from(bulk.evaluators) * 3).div_ceil(10) + u32::from(k) - 2,
            };
            for i in 0..bulk.evaluators {
                let id = format!("{root}E{i}");
                let x = b.evaluator(&id, &root, ["1", "2", "3"][usize::from(i % 3)]);
                if u32::from(i) < engineers {
                    x.safety_engineer = Some(super::p("intermediate"));
                }
                b.full_time(&id, dd);
                people.push(id);
            }
            if bulk.failed_cert && bulk.evaluators > 0 {
                let id = format!("{root}E0");
                b.cert(&id, "evaluator", "BULK-0", "2015-01-01", None, "failed");
            }
        }

        for c in &self.certs {
            let person = pick(&people, c.person);
            let number = ["C1", "C10", "C9"][usize::from(c.number)];
            let kind = ["evaluator", "safety_engineer", "title"][usize::from(c.kind)];
            let verification = ["verified", "pending", "failed"][usize::from(c.verification)];
            let from = ymd(plus(dd, c.from));
            let until = c.until.map(|u| ymd(plus(dd, u)));
            b.cert(&person, kind, number, &from, until.as_deref(), verification);
        }

        for pay in &self.pays {
            let payer = if usize::from(pay.payer) % (agencies.len() + 2) < agencies.len() {
                agencies[usize::from(pay.payer) % (agencies.len() + 2)].clone()
            } else {
                format!("OUT{}", pay.payer % 2)
            };
            let month = YearMonth::of(dd).minus(pay.month_back as i32).to_string();
            let kind = ["pension", "income_tax", "payroll"][usize::from(pay.kind)];
            if pay.person % 11 == 10 {
                // Someone who is not a practitioner: the row is ignored.
                let id_number = b.stranger_id_number();
                let payer = match payer.strip_prefix("OUT") {
                    Some(n) => super::outside_payer(super::p(n)),
                    None => b.uscc_of(&payer),
                };
                b.t.contributions.push(zhongjie_core::Contribution {
                    id_number,
                    payer,
                    month: super::p(&month),
                    kind: super::p(kind),
                });
                continue;
            }
            let person = pick(&people, pay.person);
            b.pay(&person, &payer, &month, kind);
        }

        // Projects J0..
        let mut projects: Vec<(String, Option<NaiveDate>, Option<NaiveDate>, u32)> = Vec::new();
        for (i, ps) in self.projects.iter().enumerate() {
            let id = format!("J{i}");
            let agency = pick(&agencies, ps.agency);
            let st = SERVICE_TYPES[usize::from(ps.service_type)];
            let start = plus(dd, ps.start);
            let signed = plus(start, -ps.lead);
            let started = ps.started.then_some(start);
            let ended = started.and_then(|s| ps.duration.map(|n| plus(s, n)));
            let x = b.project_on(&id, &agency, st, signed);
            let evaluation = st.ends_with("_evaluation");
            x.scope = if evaluation || ps.scope % 3 == 0 {
                Some(super::p(pick(&INDUSTRIES, ps.scope)))
            } else {
                None
            };
            x.client_uscc = client(u32::from(ps.client));
            x.service_started_on = started;
            x.service_ended_on = ended;
            x.report_uploaded_on = ended.and_then(|e| ps.upload.map(|u| plus(e, u)));
            x.notice_filed_on = ps.notice.map(|n| plus(start, n));
            projects.push((id, started, ended, u32::from(ps.client)));
        }

        if !projects.is_empty() {
            let mut seen = BTreeSet::new();
            for &(pj, person, role) in &self.team {
                let pj = pick(&projects, pj).0;
                let person = pick(&people, person);
                let role = ROLES[usize::from(role)];
                if seen.insert((pj.clone(), person.clone(), role)) {
                    b.team(&pj, &person, role);
                }
            }

            let mut last: BTreeMap<String, (DateTime<FixedOffset>, DateTime<FixedOffset>)> =
                BTreeMap::new();
            for (i, a) in self.attendance.iter().enumerate() {
                let (pj, start, _, _) = pick(&projects, a.project);
                let person = pick(&people, a.person);
                let base = start.unwrap_or(dd);
                let zone = pick(&ZONES, a.zone);
                let check_in = match (a.chain, last.get(&person)) {
                    (Some(SAME_START), Some((prev_in, _))) => *prev_in,
                    (Some(gap), Some((_, prev_out))) => *prev_out + Duration::minutes(gap),
                    _ => at(plus(base, a.day), a.hour, zone),
                };
                let check_out = check_in + Duration::minutes(a.minutes);
                last.insert(person.clone(), (check_in, check_out));
                let site = pick(&SITES, a.site);
                let r = b.attend_at(&format!("a{i}"), &pj, &person, check_in, check_out);
                r.lat = site.0;
                r.lon = site.1;
            }

            for s in &self.stages {
                let (pj, _, ended, _) = pick(&projects, s.project);
                let on = plus(ended.unwrap_or(dd), s.offset);
                for (k, stage) in STAGES.iter().enumerate() {
                    if s.mask & (1 << k) != 0 {
                        b.stage_on(&pj, stage, on);
                    }
                }
            }
        }

        for (i, c) in self.complaints.iter().enumerate() {
            let agency = pick(&agencies, c.agency);
            let status = ["pending", "substantiated", "unsubstantiated"][usize::from(c.status)];
            b.complaint(&format!("c{i}"), &agency, &ymd(plus(dd, c.offset)), status);
        }
        if let Some((agency, n)) = self.complaint_burst {
            let agency = pick(&agencies, agency);
            for k in 0..n {
                let on = ymd(plus(dd, -i64::from(k) * 50));
                b.complaint(&format!("cb{k}"), &agency, &on, "substantiated");
            }
        }
        for (i, e) in self.client_events.iter().enumerate() {
            let kind = ["major_hazard", "penalty", "accident"][usize::from(e.kind)];
            let (who, on) = match (e.anchor, projects.is_empty()) {
                (Some((pj, at_end, delta)), false) => {
                    let (_, start, end, c) = pick(&projects, pj);
                    let base = if at_end { end } else { start };
                    (c, plus(base.unwrap_or(dd), delta))
                }
                _ => (u32::from(e.client), plus(dd, e.offset)),
            };
            b.client_event(&format!("e{i}"), client(who), kind, &ymd(on));
        }
        for (i, s) in self.sanctions.iter().enumerate() {
            let subject = if s.on_person {
                format!("practitioner:{}", pick(&people, s.subject))
            } else {
                format!("agency:{}", pick(&agencies, s.subject))
            };
            let decided = match s.years_back {
                Some((y, delta)) => plus(years_back(dd, y), delta),
                None => plus(dd, s.decided),
            };
            let x = b.sanction(
                &format!("s{i}"),
                &subject,
                MEASURES[usize::from(s.measure)],
                VIOLATIONS[usize::from(s.violation)],
                &ymd(decided),
            );
            x.ends_on = s.ends.map(|e| plus(dd, e));
        }
        let mut exam_ids = BTreeSet::new();
        for x in &self.exams {
            let person = pick(&people, x.person);
            let exam = ["X1", "X10", "X9", "X2", "x1"][usize::from(x.exam)];
            if exam_ids.insert((person.clone(), exam)) {
                b.exam(&person, exam, &ymd(plus(dd, x.taken)), x.score);
            }
        }
        for (i, x) in self.inspections.iter().enumerate() {
            let agency = pick(&agencies, x.agency);
            b.inspection(&format!("i{i}"), &agency, &ymd(plus(dd, x.offset)));
        }
        b
    }
}
