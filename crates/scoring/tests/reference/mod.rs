//! A deliberately naive reference implementation of exchange v1 part C (the supervision run),
//! written straight from the text of `shared/spec/exchange-v1.md` and independent of the real
//! engine in `crates/scoring/src`.
//!
//! Clarity over speed: every rule is a loop over raw rows (`ds.tables()`), nested loops are fine.
//! The point-in-time filtering of part C is done here too (this module does not call
//! `Dataset::as_of`), and so are the calendar helpers (whole years, local dates, months) and
//! the haversine distance. The numbers are the spec's `zj-2024` defaults, transcribed below.
//!
//! Choices where the spec's words leave room (each is written down where it is used):
//! - evidence lists of person ids hold each person once, even with several roles;
//! - the industry scopes of a root are counted once each;
//! - "a sanction on the tree" and "sanctions on the tree's agencies" mean sanctions whose subject
//!   is an agency of the tree (the worked example `points_stars` confirms that sanctions on
//!   practitioners are not vetoes of their agency).
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};

use zhongjie_core::chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use zhongjie_core::{
    Agency, AgencyKind, AgencyStatus, Attendance, CertificateKind, ClientEventKind,
    ComplaintStatus, ContributionKind, Dataset, EvaluatorLevel, Measure, Practitioner, Project,
    Role, SafetyEngineerGrade, Scope, ServiceType, Stage, Subject, Tables, Title, Verification,
    Violation,
};

use super::common::{FindingRow, GradeRow, InspectRow, Outcome, StarRow};

// ------------------------------------------------------------------------------------------
// The numbers of the pack zj-2024, as the spec gives them
// ------------------------------------------------------------------------------------------

/// W = (D − 365 days, D].
const WINDOW_DAYS: i64 = 365;
const EARTH_RADIUS_KM: f64 = 6371.0088;
const MAX_SPEED_KMH: f64 = 120.0;
const MIN_TRAVEL_KM: f64 = 1.0;
const HEADCOUNT_BASE: i64 = 25;
const HEADCOUNT_PER_EXTRA_SCOPE: i64 = 5;
const ENGINEER_PERCENT: i64 = 30;
const MIN_PROFESSIONALS: i64 = 5;
const REPORT_DUE_DAYS: i64 = 30;
const PROJECTS_PER_PROFESSIONAL: i64 = 4;
const RULE_CAP: i64 = 20;
const COMPLAINT_POINTS: i64 = 5;
const COMPLAINT_CAP: i64 = 20;
const SERIOUS_VIOLATION_DAYS: i64 = 1095;
const DISHONESTY_YEARS: i32 = 3;
const INSPECTION_CYCLE_DAYS: i64 = 1095;
const CLIENT_EVENT_AFTER_DAYS: i64 = 365;

/// The rules of C.1 in the spec's order, with their agency deduction (C.2).
const RULES: [(&str, i64); 20] = [
    ("CONCURRENT_PRACTICE", 2),
    ("INFEASIBLE_TRAVEL", 2),
    ("DUAL_PENSION", 3),
    ("PAY_MISMATCH", 3),
    ("NOT_FULL_TIME", 2),
    ("HEADCOUNT_SHORTFALL", 20),
    ("ENGINEER_RATIO_SHORTFALL", 5),
    ("MIN_PROFESSIONALS", 10),
    ("QUALIFICATION_INVALID", 20),
    ("OUT_OF_SCOPE", 10),
    ("NOTICE_LATE", 2),
    ("REPORT_OVERDUE", 2),
    ("ARCHIVE_INCOMPLETE", 2),
    ("LEADER_ABSENT", 5),
    ("DURATION_SHORT", 2),
    ("NO_QUALIFIED_SPECIALIST", 3),
    ("STAFF_NOT_EMPLOYED", 3),
    ("CAPACITY_EXCEEDED", 10),
    ("CERT_INVALID", 5),
    ("CERT_EXPIRED_ON_PROJECT", 3),
];

fn agency_sanction_points(m: Measure) -> i64 {
    match m {
        Measure::Circular => 5,
        Measure::Interview => 5,
        Measure::Warning => 10,
        Measure::Fine => 15,
        Measure::Suspension => 30,
        _ => 0,
    }
}

fn person_finding_points(rule: &str) -> i64 {
    match rule {
        "CONCURRENT_PRACTICE" => 3,
        "INFEASIBLE_TRAVEL" => 3,
        "DUAL_PENSION" => 6,
        "PAY_MISMATCH" => 3,
        "NOT_FULL_TIME" => 2,
        "CERT_INVALID" => 12,
        _ => 0,
    }
}

const LEADER_ABSENT_PERSON_POINTS: i64 = 6;

fn person_sanction_points(m: Measure) -> i64 {
    match m {
        Measure::PracticeBan => 12,
        Measure::JudicialReferral => 12,
        Measure::Fine => 6,
        Measure::Warning => 3,
        Measure::Circular => 2,
        Measure::Interview => 2,
        _ => 0,
    }
}

/// Minimum attendance hours per service type (DURATION_SHORT).
fn min_hours(t: ServiceType) -> i64 {
    match t {
        ServiceType::PreEvaluation
        | ServiceType::AcceptanceEvaluation
        | ServiceType::StatusEvaluation => 16,
        ServiceType::HazardInspection => 8,
        ServiceType::Training => 4,
        ServiceType::Consulting => 4,
        ServiceType::Testing => 8,
        ServiceType::Trusteeship => 40,
        ServiceType::EmergencyPlan => 8,
        ServiceType::Standardization => 16,
        ServiceType::Assessment => 8,
    }
}

fn is_evaluation(t: ServiceType) -> bool {
    matches!(
        t,
        ServiceType::PreEvaluation
            | ServiceType::AcceptanceEvaluation
            | ServiceType::StatusEvaluation
    )
}

fn required_stages(t: ServiceType) -> Vec<Stage> {
    if is_evaluation(t) {
        vec![
            Stage::Contract,
            Stage::Notice,
            Stage::SiteSurvey,
            Stage::Report,
        ]
    } else {
        vec![
            Stage::Contract,
            Stage::Plan,
            Stage::SiteSurvey,
            Stage::Rectification,
            Stage::Closure,
        ]
    }
}

// ------------------------------------------------------------------------------------------
// Calendar helpers, from part C's words
// ------------------------------------------------------------------------------------------

fn minus_days(d: NaiveDate, n: i64) -> NaiveDate {
    d - Duration::days(n)
}

fn plus_days(d: NaiveDate, n: i64) -> NaiveDate {
    d + Duration::days(n)
}

/// x lies in the `n` days ending on D: (D − n days, D].
fn in_days_ending(x: NaiveDate, d: NaiveDate, n: i64) -> bool {
    x > minus_days(d, n) && x <= d
}

fn in_w(x: NaiveDate, d: NaiveDate) -> bool {
    in_days_ending(x, d, WINDOW_DAYS)
}

/// The date at UTC+08:00 of an instant.
fn local_date(t: &DateTime<FixedOffset>) -> NaiveDate {
    (t.naive_utc() + Duration::hours(8)).date()
}

/// `a` plus `n` years; 29 February lands on 28 February in a common year.
fn add_years(a: NaiveDate, n: i32) -> NaiveDate {
    let y = a.year() + n;
    NaiveDate::from_ymd_opt(y, a.month(), a.day())
        .or_else(|| NaiveDate::from_ymd_opt(y, a.month(), 28))
        .unwrap_or(NaiveDate::MAX)
}

/// Whole years from a to D, counting anniversaries; 0 when a is after D.
fn whole_years(a: NaiveDate, d: NaiveDate) -> i64 {
    if a > d {
        return 0;
    }
    let mut n = 0;
    while add_years(a, n + 1) <= d {
        n += 1;
    }
    i64::from(n)
}

/// A calendar month as a count of months (year × 12 + month − 1).
fn month_index(year: i32, month: u32) -> i64 {
    i64::from(year) * 12 + i64::from(month) - 1
}

fn month_text(idx: i64) -> String {
    format!("{:04}-{:02}", idx.div_euclid(12), idx.rem_euclid(12) + 1)
}

fn month_first_day(idx: i64) -> NaiveDate {
    let y = i32::try_from(idx.div_euclid(12)).unwrap_or(0);
    let m = u32::try_from(idx.rem_euclid(12) + 1).unwrap_or(1);
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MIN)
}

fn haversine_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()
}

fn millis(a: &DateTime<FixedOffset>, b: &DateTime<FixedOffset>) -> i64 {
    (*b - *a).num_milliseconds()
}

// ------------------------------------------------------------------------------------------
// Point in time: the data as they stood at the end of D
// ------------------------------------------------------------------------------------------

fn point_in_time(t: &Tables, d: NaiveDate) -> Tables {
    let keep_date = |x: Option<NaiveDate>| x.filter(|v| *v <= d);
    let d_month = month_index(d.year(), d.month());
    let mut v = Tables {
        agencies: t.agencies.clone(),
        practitioners: t.practitioners.clone(),
        // Certificates carry no record date; their validity dates are not `*_on` dates.
        certificates: t.certificates.clone(),
        ..Tables::default()
    };
    v.contributions = t
        .contributions
        .iter()
        .filter(|c| month_index(c.month.year(), c.month.month()) <= d_month)
        .copied()
        .collect();
    for p in &t.projects {
        if p.contract_signed_on > d {
            continue;
        }
        let mut p = p.clone();
        p.notice_filed_on = keep_date(p.notice_filed_on);
        p.service_started_on = keep_date(p.service_started_on);
        p.service_ended_on = keep_date(p.service_ended_on);
        p.report_uploaded_on = keep_date(p.report_uploaded_on);
        v.projects.push(p);
    }
    let kept = |id: &str| v.projects.iter().any(|p| p.id.as_str() == id);
    v.team = t
        .team
        .iter()
        .filter(|m| kept(m.project.as_str()))
        .cloned()
        .collect();
    v.attendance = t
        .attendance
        .iter()
        .filter(|a| kept(a.project.as_str()) && local_date(&a.check_in) <= d)
        .cloned()
        .collect();
    v.stages = t
        .stages
        .iter()
        .filter(|s| kept(s.project.as_str()) && s.completed_on <= d)
        .cloned()
        .collect();
    v.complaints = t
        .complaints
        .iter()
        .filter(|c| c.received_on <= d)
        .cloned()
        .map(|mut c| {
            c.closed_on = keep_date(c.closed_on);
            c
        })
        .collect();
    v.client_events = t
        .client_events
        .iter()
        .filter(|e| e.occurred_on <= d)
        .cloned()
        .collect();
    // `ends_on` of a sanction is a planned end and stays as written.
    v.sanctions = t
        .sanctions
        .iter()
        .filter(|s| s.decided_on <= d)
        .cloned()
        .collect();
    v.exams = t
        .exams
        .iter()
        .filter(|x| x.taken_on <= d)
        .cloned()
        .collect();
    v.inspections = t
        .inspections
        .iter()
        .filter(|i| i.inspected_on <= d)
        .cloned()
        .collect();
    v
}

// ------------------------------------------------------------------------------------------
// Trees, payers, full-time
// ------------------------------------------------------------------------------------------

struct World<'a> {
    v: &'a Tables,
    d: NaiveDate,
}

impl World<'_> {
    fn agency(&self, id: &str) -> Option<&Agency> {
        self.v.agencies.iter().find(|a| a.id.as_str() == id)
    }

    /// The head office at the end of the parent chain.
    fn root_of(&self, id: &str) -> String {
        let mut cur = id.to_owned();
        // The dataset has no cycles; the bound only guards against a broken one.
        for _ in 0..=self.v.agencies.len() {
            match self.agency(&cur).and_then(|a| a.parent.as_ref()) {
                Some(parent) => cur = parent.to_string(),
                None => return cur,
            }
        }
        cur
    }

    fn root_agency(&self, id: &str) -> Option<&Agency> {
        let r = self.root_of(id);
        self.agency(&r)
    }

    fn roots(&self) -> Vec<&Agency> {
        self.v
            .agencies
            .iter()
            .filter(|a| a.parent.is_none())
            .collect()
    }

    fn tree_usccs(&self, root: &str) -> Vec<zhongjie_core::Uscc> {
        self.v
            .agencies
            .iter()
            .filter(|a| self.root_of(a.id.as_str()) == root)
            .map(|a| a.uscc)
            .collect()
    }

    fn in_tree(&self, agency: &str, root: &str) -> bool {
        self.root_of(agency) == root
    }

    /// A payer: the root of the agency that owns the USCC, or the USCC itself.
    fn payer(&self, uscc: &zhongjie_core::Uscc) -> String {
        match self.v.agencies.iter().find(|a| a.uscc == *uscc) {
            Some(a) => format!("agency:{}", self.root_of(a.id.as_str())),
            None => format!("uscc:{uscc}"),
        }
    }

    fn d_month(&self) -> i64 {
        month_index(self.d.year(), self.d.month())
    }

    fn pension_rows<'b>(
        &'b self,
        p: &'b Practitioner,
        month: i64,
    ) -> impl Iterator<Item = &'b zhongjie_core::Contribution> + 'b {
        self.v.contributions.iter().filter(move |c| {
            c.id_number == p.id_number
                && c.kind == ContributionKind::Pension
                && month_index(c.month.year(), c.month.month()) == month
        })
    }

    /// Full-time on D: in each of the three months before D's month, a pension paid by a USCC
    /// of the person's tree, and in none of them a pension paid by a USCC outside it.
    fn full_time(&self, p: &Practitioner) -> bool {
        let root = self.root_of(p.agency.as_str());
        let usccs = self.tree_usccs(&root);
        (1..=3).all(|k| {
            let m = self.d_month() - k;
            let inside = self.pension_rows(p, m).any(|c| usccs.contains(&c.payer));
            let outside = self.pension_rows(p, m).any(|c| !usccs.contains(&c.payer));
            inside && !outside
        })
    }

    fn practitioners_of(&self, root: &str) -> Vec<&Practitioner> {
        self.v
            .practitioners
            .iter()
            .filter(|p| self.in_tree(p.agency.as_str(), root))
            .collect()
    }

    fn project(&self, id: &str) -> Option<&Project> {
        self.v.projects.iter().find(|p| p.id.as_str() == id)
    }

    fn practitioner(&self, id: &str) -> Option<&Practitioner> {
        self.v.practitioners.iter().find(|p| p.id.as_str() == id)
    }

    fn attendance_of_project(&self, project: &str) -> Vec<&Attendance> {
        self.v
            .attendance
            .iter()
            .filter(|a| a.project.as_str() == project)
            .collect()
    }

    /// The distinct ids, sorted by code point, of the team members of a project in the given
    /// roles.
    fn team_ids(&self, project: &str, roles: &[Role]) -> Vec<String> {
        let set: BTreeSet<String> = self
            .v
            .team
            .iter()
            .filter(|m| m.project.as_str() == project && roles.contains(&m.role))
            .map(|m| m.practitioner.to_string())
            .collect();
        set.into_iter().collect()
    }
}

fn is_professional(p: &Practitioner) -> bool {
    p.evaluator_level.is_some()
        || p.safety_engineer.is_some()
        || matches!(p.title, Title::Intermediate | Title::Senior)
}

fn industry_scope_count(root: &Agency) -> i64 {
    let set: BTreeSet<_> = root
        .scopes
        .iter()
        .filter_map(|s| match s {
            Scope::Industry(i) => Some(*i),
            Scope::Service(_) => None,
        })
        .collect();
    set.len() as i64
}

const NON_EXTERNAL_ROLES: [Role; 4] = [
    Role::Leader,
    Role::Member,
    Role::Reviewer,
    Role::TechnicalLead,
];

// ------------------------------------------------------------------------------------------
// C.1 findings
// ------------------------------------------------------------------------------------------

/// A finding and the root it is attributed to.
struct Found {
    row: FindingRow,
    date: NaiveDate,
    root: String,
}

struct Findings<'a> {
    w: &'a World<'a>,
    all: Vec<Found>,
}

impl Findings<'_> {
    fn push(&mut self, rule: &str, kind: &str, id: &str, date: NaiveDate, evidence: Vec<String>) {
        let root = match kind {
            "agency" => id.to_owned(),
            "practitioner" => self
                .w
                .practitioner(id)
                .map(|p| self.w.root_of(p.agency.as_str()))
                .unwrap_or_default(),
            _ => self
                .w
                .project(id)
                .map(|p| self.w.root_of(p.agency.as_str()))
                .unwrap_or_default(),
        };
        let row = FindingRow {
            rule: rule.into(),
            subject_kind: kind.into(),
            subject_id: id.into(),
            evidence,
            date: date.to_string(),
        };
        // The identity rule: (rule, subject_kind, subject_id, evidence) appears once.
        let seen = self.all.iter().any(|f| {
            f.row.rule == row.rule
                && f.row.subject_kind == row.subject_kind
                && f.row.subject_id == row.subject_id
                && f.row.evidence == row.evidence
        });
        if !seen {
            self.all.push(Found { row, date, root });
        }
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

fn find_all(w: &World<'_>) -> Vec<Found> {
    let d = w.d;
    let v = w.v;
    let mut f = Findings { w, all: Vec::new() };

    // CONCURRENT_PRACTICE and INFEASIBLE_TRAVEL
    for p in &v.practitioners {
        let mine: Vec<&Attendance> = v
            .attendance
            .iter()
            .filter(|a| a.practitioner == p.id)
            .collect();
        for (i, a) in mine.iter().enumerate() {
            for b in mine.iter().skip(i + 1) {
                if a.project != b.project && a.check_in < b.check_out && b.check_in < a.check_out {
                    let later = if a.check_in >= b.check_in { a } else { b };
                    f.push(
                        "CONCURRENT_PRACTICE",
                        "practitioner",
                        p.id.as_str(),
                        local_date(&later.check_in),
                        sorted(vec![a.id.to_string(), b.id.to_string()]),
                    );
                }
            }
        }
        let mut ordered = mine.clone();
        ordered.sort_by(|a, b| {
            a.check_in
                .cmp(&b.check_in)
                .then_with(|| a.id.as_str().cmp(b.id.as_str()))
        });
        for pair in ordered.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if a.project == b.project || b.check_in < a.check_out {
                continue;
            }
            let km = haversine_km((a.lat, a.lon), (b.lat, b.lon));
            let hours = millis(&a.check_out, &b.check_in) as f64 / 3_600_000.0;
            if km > MIN_TRAVEL_KM && km > MAX_SPEED_KMH * hours {
                f.push(
                    "INFEASIBLE_TRAVEL",
                    "practitioner",
                    p.id.as_str(),
                    local_date(&b.check_in),
                    vec![a.id.to_string(), b.id.to_string()],
                );
            }
        }
    }

    // DUAL_PENSION and PAY_MISMATCH over the 12 months before D's month
    for p in &v.practitioners {
        for k in 1..=12 {
            let m = w.d_month() - k;
            let pension_payers: BTreeSet<String> =
                w.pension_rows(p, m).map(|c| w.payer(&c.payer)).collect();
            if pension_payers.len() >= 2 {
                f.push(
                    "DUAL_PENSION",
                    "practitioner",
                    p.id.as_str(),
                    month_first_day(m),
                    vec![month_text(m)],
                );
            }
            if pension_payers.len() == 1 {
                let only = pension_payers.iter().next().cloned().unwrap_or_default();
                let other_pay = v.contributions.iter().any(|c| {
                    c.id_number == p.id_number
                        && matches!(
                            c.kind,
                            ContributionKind::IncomeTax | ContributionKind::Payroll
                        )
                        && month_index(c.month.year(), c.month.month()) == m
                        && w.payer(&c.payer) != only
                });
                if other_pay {
                    f.push(
                        "PAY_MISMATCH",
                        "practitioner",
                        p.id.as_str(),
                        month_first_day(m),
                        vec![month_text(m)],
                    );
                }
            }
        }
    }

    // NOT_FULL_TIME
    for p in &v.practitioners {
        if is_professional(p) && !w.full_time(p) {
            f.push("NOT_FULL_TIME", "practitioner", p.id.as_str(), d, vec![]);
        }
    }

    // Agency (root) rules
    for root in w.roots() {
        let rid = root.id.as_str();
        let active = root.status == AgencyStatus::Active;
        let people = w.practitioners_of(rid);
        let full_time_pros: Vec<&&Practitioner> = people
            .iter()
            .filter(|p| is_professional(p) && w.full_time(p))
            .collect();

        // HEADCOUNT_SHORTFALL
        if active && root.kind == AgencyKind::SafetyEvaluation {
            let scopes = industry_scope_count(root);
            let required = if scopes == 0 {
                HEADCOUNT_BASE
            } else {
                HEADCOUNT_BASE + HEADCOUNT_PER_EXTRA_SCOPE * (scopes - 1)
            };
            let actual = people
                .iter()
                .filter(|p| {
                    p.evaluator_level.is_some()
                        && !v.certificates.iter().any(|c| {
                            c.practitioner == p.id
                                && c.kind == CertificateKind::Evaluator
                                && c.verification == Verification::Failed
                        })
                        && w.full_time(p)
                })
                .count() as i64;
            if actual < required {
                f.push(
                    "HEADCOUNT_SHORTFALL",
                    "agency",
                    rid,
                    d,
                    vec![required.to_string(), actual.to_string()],
                );
            }
        }

        // ENGINEER_RATIO_SHORTFALL
        if active {
            let ff = full_time_pros.len() as i64;
            let e = full_time_pros
                .iter()
                .filter(|p| p.safety_engineer.is_some())
                .count() as i64;
            if ff > 0 && 100 * e < ENGINEER_PERCENT * ff {
                f.push(
                    "ENGINEER_RATIO_SHORTFALL",
                    "agency",
                    rid,
                    d,
                    vec![e.to_string(), ff.to_string()],
                );
            }
        }

        // MIN_PROFESSIONALS
        if active && root.kind == AgencyKind::SocialService {
            let n = full_time_pros.len() as i64;
            if n < MIN_PROFESSIONALS {
                f.push(
                    "MIN_PROFESSIONALS",
                    "agency",
                    rid,
                    d,
                    vec![MIN_PROFESSIONALS.to_string(), n.to_string()],
                );
            }
        }

        // CAPACITY_EXCEEDED
        if active {
            let running = v
                .projects
                .iter()
                .filter(|pj| {
                    w.in_tree(pj.agency.as_str(), rid)
                        && pj.service_started_on.is_some_and(|s| s <= d)
                        && pj.service_ended_on.is_none_or(|e| e >= d)
                })
                .count() as i64;
            let pros = full_time_pros.len() as i64;
            if running > PROJECTS_PER_PROFESSIONAL * pros {
                f.push(
                    "CAPACITY_EXCEEDED",
                    "agency",
                    rid,
                    d,
                    vec![running.to_string(), pros.to_string()],
                );
            }
        }
    }

    // Project rules
    for pj in &v.projects {
        let pid = pj.id.as_str();
        let Some(root) = w.root_agency(pj.agency.as_str()) else {
            continue;
        };
        let root_id = root.id.to_string();
        let eval = is_evaluation(pj.service_type);
        let started = pj.service_started_on.filter(|s| *s <= d);
        let ended = pj.service_ended_on.filter(|e| *e <= d);
        let atts = w.attendance_of_project(pid);

        // QUALIFICATION_INVALID
        if let (true, Some(s)) = (eval, started) {
            if root.qualified_until.is_none_or(|q| q < s) {
                f.push("QUALIFICATION_INVALID", "project", pid, s, vec![]);
            }
        }

        // OUT_OF_SCOPE (every kept project was signed on or before D)
        let out_of_scope = if eval {
            root.kind != AgencyKind::SafetyEvaluation
                || !pj
                    .scope
                    .is_some_and(|sc| root.scopes.contains(&Scope::Industry(sc)))
        } else {
            !root.scopes.contains(&Scope::Service(pj.service_type))
        };
        if pj.contract_signed_on <= d && out_of_scope {
            f.push(
                "OUT_OF_SCOPE",
                "project",
                pid,
                pj.contract_signed_on,
                vec![],
            );
        }

        // NOTICE_LATE
        if eval && !atts.is_empty() {
            let first_site_day = atts
                .iter()
                .map(|a| local_date(&a.check_in))
                .min()
                .unwrap_or(d);
            if pj.notice_filed_on.is_none_or(|n| n >= first_site_day) {
                f.push("NOTICE_LATE", "project", pid, first_site_day, vec![]);
            }
        }

        // REPORT_OVERDUE
        if let (false, Some(e)) = (eval, ended) {
            let due = plus_days(e, REPORT_DUE_DAYS);
            let late = match pj.report_uploaded_on {
                None => d > due,
                Some(u) => u > due,
            };
            if late {
                f.push("REPORT_OVERDUE", "project", pid, due, vec![]);
            }
        }

        if let Some(e) = ended {
            // ARCHIVE_INCOMPLETE
            let missing: Vec<String> = required_stages(pj.service_type)
                .into_iter()
                .filter(|st| {
                    !v.stages
                        .iter()
                        .any(|s| s.project == pj.id && s.stage == *st)
                })
                .map(|st| st.code().to_owned())
                .collect();
            if !missing.is_empty() {
                f.push("ARCHIVE_INCOMPLETE", "project", pid, e, sorted(missing));
            }

            // LEADER_ABSENT
            let leaders = w.team_ids(pid, &[Role::Leader]);
            if leaders.is_empty() {
                f.push("LEADER_ABSENT", "project", pid, e, vec![]);
            } else {
                let absent: Vec<String> = leaders
                    .into_iter()
                    .filter(|l| !atts.iter().any(|a| a.practitioner.as_str() == l))
                    .collect();
                if !absent.is_empty() {
                    f.push("LEADER_ABSENT", "project", pid, e, absent);
                }
            }

            // DURATION_SHORT
            let total_ms: i64 = atts.iter().map(|a| millis(&a.check_in, &a.check_out)).sum();
            if total_ms < min_hours(pj.service_type) * 3_600_000 {
                f.push("DURATION_SHORT", "project", pid, e, vec![]);
            }
        }

        if let Some(s) = started {
            // NO_QUALIFIED_SPECIALIST
            if eval {
                let qualified = w
                    .team_ids(pid, &[Role::Leader, Role::Member])
                    .iter()
                    .filter_map(|id| w.practitioner(id))
                    .any(|p| pj.scope.is_some_and(|sc| p.specialties.contains(&sc)));
                if !qualified {
                    f.push("NO_QUALIFIED_SPECIALIST", "project", pid, s, vec![]);
                }
            }

            // STAFF_NOT_EMPLOYED
            let strangers: Vec<String> = w
                .team_ids(pid, &NON_EXTERNAL_ROLES)
                .into_iter()
                .filter(|id| {
                    w.practitioner(id)
                        .is_some_and(|p| w.root_of(p.agency.as_str()) != root_id)
                })
                .collect();
            if !strangers.is_empty() {
                f.push("STAFF_NOT_EMPLOYED", "project", pid, s, strangers);
            }

            // CERT_EXPIRED_ON_PROJECT
            let expired: Vec<String> = w
                .team_ids(pid, &NON_EXTERNAL_ROLES)
                .into_iter()
                .filter(|id| {
                    let certs: Vec<_> = v
                        .certificates
                        .iter()
                        .filter(|c| {
                            c.practitioner.as_str() == id && c.kind == CertificateKind::Evaluator
                        })
                        .collect();
                    !certs.is_empty()
                        && !certs
                            .iter()
                            .any(|c| c.valid_from <= s && c.valid_until.is_none_or(|u| u >= s))
                })
                .collect();
            if !expired.is_empty() {
                f.push("CERT_EXPIRED_ON_PROJECT", "project", pid, s, expired);
            }
        }
    }

    // CERT_INVALID
    for c in &v.certificates {
        if c.verification == Verification::Failed {
            f.push(
                "CERT_INVALID",
                "practitioner",
                c.practitioner.as_str(),
                d,
                vec![c.number.clone()],
            );
        }
    }

    f.all
}

// ------------------------------------------------------------------------------------------
// C.2 grades
// ------------------------------------------------------------------------------------------

fn sanction_on_tree(w: &World<'_>, s: &zhongjie_core::Sanction, root: &str) -> bool {
    match &s.subject {
        Subject::Agency(a) => w.in_tree(a.as_str(), root),
        Subject::Practitioner(_) => false,
    }
}

fn grades(w: &World<'_>, found: &[Found]) -> Vec<GradeRow> {
    let d = w.d;
    let v = w.v;
    let mut rows = Vec::new();
    for root in w.roots() {
        if root.status == AgencyStatus::Cancelled {
            continue;
        }
        let rid = root.id.as_str();
        let mut deductions = 0i64;
        for (rule, each) in RULES {
            let n = found
                .iter()
                .filter(|f| f.root == rid && f.row.rule == rule && in_w(f.date, d))
                .count() as i64;
            deductions += (n * each).min(RULE_CAP);
        }
        let complaints = v
            .complaints
            .iter()
            .filter(|c| {
                c.status == ComplaintStatus::Substantiated
                    && w.in_tree(c.agency.as_str(), rid)
                    && in_w(c.received_on, d)
            })
            .count() as i64;
        deductions += (complaints * COMPLAINT_POINTS).min(COMPLAINT_CAP);
        for s in &v.sanctions {
            if sanction_on_tree(w, s, rid) && in_w(s.decided_on, d) {
                deductions += agency_sanction_points(s.measure);
            }
        }
        let score = (100 - deductions).max(0);

        let mut vetoes: Vec<&str> = Vec::new();
        let listed = v.sanctions.iter().any(|s| {
            sanction_on_tree(w, s, rid)
                && s.measure == Measure::DishonestyListing
                && s.decided_on <= d
                && match s.ends_on {
                    Some(end) => end > d,
                    None => add_years(s.decided_on, DISHONESTY_YEARS) > d,
                }
        });
        if listed {
            vetoes.push("dishonesty_list");
        }
        let serious = v.sanctions.iter().any(|s| {
            sanction_on_tree(w, s, rid)
                && matches!(
                    s.violation,
                    Violation::FalseReport | Violation::QualificationLending
                )
                && in_days_ending(s.decided_on, d, SERIOUS_VIOLATION_DAYS)
        });
        if serious {
            vetoes.push("serious_violation");
        }
        if matches!(root.status, AgencyStatus::Suspended | AgencyStatus::Revoked) {
            vetoes.push("status");
        }
        vetoes.sort();

        let grade = if !vetoes.is_empty() {
            "D"
        } else if score >= 90 {
            "A"
        } else if score >= 75 {
            "B"
        } else if score >= 60 {
            "C"
        } else {
            "D"
        };
        let supervision = match grade {
            "A" | "B" => "routine",
            "C" => "enhanced",
            _ => "key",
        };
        rows.push(GradeRow {
            agency_id: rid.to_owned(),
            score: score.to_string(),
            grade: grade.to_owned(),
            vetoes: vetoes.join(";"),
            procurement_eligible: matches!(grade, "A" | "B" | "C").to_string(),
            supervision: supervision.to_owned(),
        });
    }
    rows.sort_by(|a, b| a.agency_id.cmp(&b.agency_id));
    rows
}

// ------------------------------------------------------------------------------------------
// C.3 stars
// ------------------------------------------------------------------------------------------

fn stars(w: &World<'_>, found: &[Found]) -> Vec<StarRow> {
    let d = w.d;
    let v = w.v;
    let mut rows = Vec::new();
    for p in &v.practitioners {
        let pid = p.id.as_str();
        let mut base = 1;
        match p.evaluator_level {
            Some(EvaluatorLevel::One) => base = base.max(6),
            Some(EvaluatorLevel::Two) => base = base.max(4),
            Some(EvaluatorLevel::Three) => base = base.max(2),
            None => {}
        }
        match p.safety_engineer {
            Some(SafetyEngineerGrade::Senior) => base = base.max(5),
            Some(SafetyEngineerGrade::Intermediate) => base = base.max(3),
            None => {}
        }
        match p.title {
            Title::Senior => base = base.max(3),
            Title::Intermediate => base = base.max(2),
            _ => {}
        }
        let experience = p
            .practice_since
            .map_or(0, |since| (whole_years(since, d) / 3).min(2));

        // The latest exam in W; ties on the date go to the largest exam_id.
        let mut latest: Option<&zhongjie_core::Exam> = None;
        for x in &v.exams {
            if x.practitioner != p.id || !in_w(x.taken_on, d) {
                continue;
            }
            let better = match latest {
                None => true,
                Some(l) => {
                    x.taken_on > l.taken_on
                        || (x.taken_on == l.taken_on && x.exam.as_str() > l.exam.as_str())
                }
            };
            if better {
                latest = Some(x);
            }
        }
        let (exam, bonus) = match latest.map(|x| x.score) {
            None => ("untested", 0),
            Some(s) if s >= 90 => ("excellent", 2),
            Some(s) if s >= 75 => ("good", 1),
            Some(s) if s >= 60 => ("pass", 0),
            Some(_) => ("failed", 0),
        };

        let mut points = 0i64;
        for f in found {
            if !in_w(f.date, d) {
                continue;
            }
            if f.row.subject_kind == "practitioner" && f.row.subject_id == pid {
                points += person_finding_points(&f.row.rule);
            }
            if f.row.rule == "LEADER_ABSENT" && f.row.evidence.iter().any(|e| e == pid) {
                points += LEADER_ABSENT_PERSON_POINTS;
            }
        }
        for s in &v.sanctions {
            if let Subject::Practitioner(x) = &s.subject {
                if x == &p.id && in_w(s.decided_on, d) {
                    points += person_sanction_points(s.measure);
                }
            }
        }

        let mut stars = base + experience + bonus - points / 3;
        if exam == "failed" {
            stars = stars.min(3);
        }
        if exam == "untested" {
            stars = stars.min(5);
        }
        if points >= 12 {
            stars = 1;
        }
        let stars = stars.clamp(1, 10);
        let card = if points >= 12 {
            "red"
        } else if points >= 6 {
            "yellow"
        } else {
            "green"
        };
        let removal = p.expert_pool && (exam == "failed" || points >= 12);
        rows.push(StarRow {
            practitioner_id: pid.to_owned(),
            stars: stars.to_string(),
            points: points.to_string(),
            exam: exam.to_owned(),
            card: card.to_owned(),
            expert_pool_removal: removal.to_string(),
        });
    }
    rows.sort_by(|a, b| a.practitioner_id.cmp(&b.practitioner_id));
    rows
}

// ------------------------------------------------------------------------------------------
// C.4 must-inspect
// ------------------------------------------------------------------------------------------

fn must_inspect(w: &World<'_>) -> Vec<InspectRow> {
    let d = w.d;
    let v = w.v;
    let mut rows = Vec::new();
    for root in w.roots() {
        if root.status == AgencyStatus::Cancelled {
            continue;
        }
        let rid = root.id.as_str();
        let mut reasons: BTreeSet<&str> = BTreeSet::new();
        if v.complaints
            .iter()
            .any(|c| w.in_tree(c.agency.as_str(), rid) && in_w(c.received_on, d))
        {
            reasons.insert("complaint");
        }
        for e in &v.client_events {
            if !in_w(e.occurred_on, d) {
                continue;
            }
            let linked = v.projects.iter().any(|pj| {
                w.in_tree(pj.agency.as_str(), rid)
                    && pj.client_uscc == e.client_uscc
                    && pj.service_started_on.is_some_and(|s| s <= e.occurred_on)
                    && e.occurred_on
                        <= plus_days(pj.service_ended_on.unwrap_or(d), CLIENT_EVENT_AFTER_DAYS)
            });
            if linked {
                reasons.insert(match e.kind {
                    ClientEventKind::MajorHazard => "client_major_hazard",
                    ClientEventKind::Penalty => "client_penalty",
                    ClientEventKind::Accident => "client_accident",
                });
            }
        }
        if root.status == AgencyStatus::Active
            && root.kind == AgencyKind::SafetyEvaluation
            && !v.inspections.iter().any(|i| {
                w.in_tree(i.agency.as_str(), rid)
                    && in_days_ending(i.inspected_on, d, INSPECTION_CYCLE_DAYS)
            })
        {
            reasons.insert("inspection_due");
        }
        if !reasons.is_empty() {
            rows.push(InspectRow {
                agency_id: rid.to_owned(),
                reasons: reasons.into_iter().collect::<Vec<_>>().join(";"),
            });
        }
    }
    rows.sort_by(|a, b| a.agency_id.cmp(&b.agency_id));
    rows
}

// ------------------------------------------------------------------------------------------
// The run
// ------------------------------------------------------------------------------------------

/// The reference outcome of a supervision run of `ds` as of `d` with the `zj-2024` defaults.
pub fn run(ds: &Dataset, d: NaiveDate) -> Outcome {
    let v = point_in_time(ds.tables(), d);
    let w = World { v: &v, d };
    let found = find_all(&w);
    let grades = grades(&w, &found);
    let stars = stars(&w, &found);
    let must_inspect = must_inspect(&w);
    Outcome {
        findings: found.into_iter().map(|f| f.row).collect(),
        duplicate_identities: Vec::new(),
        grades,
        stars,
        must_inspect,
    }
}

/// The findings of the reference grouped by rule (handy in failure messages).
pub fn by_rule(o: &Outcome) -> BTreeMap<String, Vec<FindingRow>> {
    let mut m: BTreeMap<String, Vec<FindingRow>> = BTreeMap::new();
    for f in &o.findings {
        m.entry(f.rule.clone()).or_default().push(f.clone());
    }
    m
}
