//! Shared helpers of the scoring tests: a small dataset builder, the comparable form of a run's
//! rendered outputs ([`Outcome`]), a readable diff, and a wrapper around the real engine.
//!
//! Every test binary includes this module; not every binary uses every helper.
#![allow(dead_code)]

pub mod gen;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;
use std::str::FromStr;

use zhongjie_core::chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use zhongjie_core::resident_id::resident_id_check_char;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::uscc::uscc_check_char;
use zhongjie_core::{
    Agency, Attendance, Certificate, ClientEvent, Complaint, Confidential, Contribution, Dataset,
    Exam, Inspection, Practitioner, Project, RulePack, Sanction, StageRecord, Subject, Tables,
    TeamMember, Uscc, YearMonth,
};

// ---------------------------------------------------------------------------------------------
// Parsing little values
// ---------------------------------------------------------------------------------------------

/// Parses anything with `FromStr`, panicking with the text on failure (test input is ours).
pub fn p<T: FromStr>(s: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    match s.parse() {
        Ok(v) => v,
        Err(e) => panic!("test input `{s}` does not parse: {e:?}"),
    }
}

/// A date `YYYY-MM-DD`.
pub fn d(s: &str) -> NaiveDate {
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(v) => v,
        Err(e) => panic!("bad test date `{s}`: {e}"),
    }
}

/// An RFC 3339 datetime.
pub fn dt(s: &str) -> DateTime<FixedOffset> {
    match DateTime::parse_from_rfc3339(s) {
        Ok(v) => v,
        Err(e) => panic!("bad test datetime `{s}`: {e}"),
    }
}

/// Hangzhou, the default site of a check-in.
pub const HANGZHOU: (f64, f64) = (30.2741, 120.1551);

/// A valid USCC numbered `n` (prefix `91` + region 330106 + 9 digits + check character).
pub fn uscc_n(prefix: &str, n: u32) -> Uscc {
    let body = format!("{prefix}330106{n:09}");
    let check = uscc_check_char(&body).unwrap_or('0');
    p(&format!("{body}{check}"))
}

/// The USCC of client enterprise `n` (outside the dataset's agencies).
pub fn client(n: u32) -> Uscc {
    uscc_n("92", n)
}

/// A USCC outside the dataset's agencies that pays pensions (another employer).
pub fn outside_payer(n: u32) -> Uscc {
    uscc_n("93", n)
}

fn resident_id_n(n: u32) -> zhongjie_core::ResidentId {
    let year = 1950 + n / 1000;
    let body = format!("330106{year:04}0101{:03}", n % 1000);
    let check = resident_id_check_char(&body).unwrap_or('0');
    p(&format!("{body}{check}"))
}

// ---------------------------------------------------------------------------------------------
// Dataset builder
// ---------------------------------------------------------------------------------------------

/// A tiny dataset builder: sensible defaults, every field still reachable through the returned
/// `&mut` row.
#[derive(Debug, Clone, Default)]
pub struct Builder {
    /// The rows so far.
    pub t: Tables,
    usccs: u32,
    people: u32,
}

fn scopes(list: &str) -> Vec<zhongjie_core::Scope> {
    list.split(';').filter(|s| !s.is_empty()).map(p).collect()
}

impl Builder {
    /// An empty dataset.
    pub fn new() -> Builder {
        Builder::default()
    }

    /// A head office: `kind` is `safety_evaluation` or `social_service`, `scopes` a `;` list;
    /// active, region 330106, no qualification date.
    pub fn agency(&mut self, id: &str, kind: &str, scope_list: &str) -> &mut Agency {
        self.usccs += 1;
        self.t.agencies.push(Agency {
            id: p(id),
            name: format!("{id}安全技术服务有限公司"),
            kind: p(kind),
            uscc: uscc_n("91", self.usccs),
            region: p("330106"),
            parent: None,
            qualified_until: None,
            scopes: scopes(scope_list),
            status: p("active"),
        });
        self.t.agencies.last_mut().unwrap()
    }

    /// A branch of `parent` (same kind as the parent row, no scopes of its own).
    pub fn branch(&mut self, id: &str, parent: &str) -> &mut Agency {
        let kind = self.agency_row(parent).kind;
        self.usccs += 1;
        self.t.agencies.push(Agency {
            id: p(id),
            name: format!("{id}分公司"),
            kind,
            uscc: uscc_n("91", self.usccs),
            region: p("330106"),
            parent: Some(p(parent)),
            qualified_until: None,
            scopes: Vec::new(),
            status: p("active"),
        });
        self.t.agencies.last_mut().unwrap()
    }

    fn agency_row(&self, id: &str) -> &Agency {
        self.t
            .agencies
            .iter()
            .find(|a| a.id.as_str() == id)
            .unwrap_or_else(|| panic!("no agency {id} in the builder"))
    }

    /// The USCC of an agency.
    pub fn uscc_of(&self, agency: &str) -> Uscc {
        self.agency_row(agency).uscc
    }

    /// A practitioner declared at `agency`: no level, no grade, title none, nothing else.
    pub fn person(&mut self, id: &str, agency: &str) -> &mut Practitioner {
        self.people += 1;
        self.t.practitioners.push(Practitioner {
            id: p(id),
            name: format!("从业人员{id}"),
            id_number: resident_id_n(self.people),
            agency: p(agency),
            evaluator_level: None,
            safety_engineer: None,
            title: p("none"),
            specialties: Vec::new(),
            practice_since: None,
            expert_pool: false,
        });
        self.t.practitioners.last_mut().unwrap()
    }

    /// A practitioner with an evaluator level (a professional).
    pub fn evaluator(&mut self, id: &str, agency: &str, level: &str) -> &mut Practitioner {
        let x = self.person(id, agency);
        x.evaluator_level = Some(p(level));
        x
    }

    fn person_row(&self, id: &str) -> &Practitioner {
        self.t
            .practitioners
            .iter()
            .find(|x| x.id.as_str() == id)
            .unwrap_or_else(|| panic!("no practitioner {id} in the builder"))
    }

    /// A resident ID number that belongs to nobody in the dataset.
    pub fn stranger_id_number(&mut self) -> zhongjie_core::ResidentId {
        self.people += 1;
        resident_id_n(self.people)
    }

    /// A project of `agency`, signed on `signed`, client 0, nothing else filled in.
    pub fn project(
        &mut self,
        id: &str,
        agency: &str,
        service_type: &str,
        signed: &str,
    ) -> &mut Project {
        self.project_on(id, agency, service_type, d(signed))
    }

    /// [`Builder::project`] with a `NaiveDate`.
    pub fn project_on(
        &mut self,
        id: &str,
        agency: &str,
        service_type: &str,
        signed: NaiveDate,
    ) -> &mut Project {
        self.t.projects.push(Project {
            id: p(id),
            agency: p(agency),
            service_type: p(service_type),
            scope: None,
            client_uscc: client(0),
            client_name: "服务对象".into(),
            site_region: p("330110"),
            contract_signed_on: signed,
            notice_filed_on: None,
            service_started_on: None,
            service_ended_on: None,
            report_uploaded_on: None,
            government_funded: false,
            fee_yuan: Decimal::new(500_000, 2),
        });
        self.t.projects.last_mut().unwrap()
    }

    /// A team row.
    pub fn team(&mut self, project: &str, person: &str, role: &str) -> &mut Builder {
        self.t.team.push(TeamMember {
            project: p(project),
            practitioner: p(person),
            role: p(role),
        });
        self
    }

    /// A check-in at Hangzhou (RFC 3339 datetimes).
    pub fn attend(
        &mut self,
        id: &str,
        project: &str,
        person: &str,
        check_in: &str,
        check_out: &str,
    ) -> &mut Attendance {
        self.attend_at(id, project, person, dt(check_in), dt(check_out))
    }

    /// [`Builder::attend`] with parsed datetimes.
    pub fn attend_at(
        &mut self,
        id: &str,
        project: &str,
        person: &str,
        check_in: DateTime<FixedOffset>,
        check_out: DateTime<FixedOffset>,
    ) -> &mut Attendance {
        self.t.attendance.push(Attendance {
            id: p(id),
            project: p(project),
            practitioner: p(person),
            check_in,
            check_out,
            lat: HANGZHOU.0,
            lon: HANGZHOU.1,
        });
        self.t.attendance.last_mut().unwrap()
    }

    /// One archive stage.
    pub fn stage(&mut self, project: &str, stage: &str, completed_on: &str) -> &mut Builder {
        self.stage_on(project, stage, d(completed_on))
    }

    /// [`Builder::stage`] with a `NaiveDate`.
    pub fn stage_on(
        &mut self,
        project: &str,
        stage: &str,
        completed_on: NaiveDate,
    ) -> &mut Builder {
        self.t.stages.push(StageRecord {
            project: p(project),
            stage: p(stage),
            completed_on,
            evidence: Some(format!("DOC-{project}-{stage}")),
        });
        self
    }

    /// Several stages (a `;` list) completed the same day.
    pub fn stages(&mut self, project: &str, list: &str, completed_on: &str) -> &mut Builder {
        for s in list.split(';').filter(|s| !s.is_empty()) {
            self.stage(project, s, completed_on);
        }
        self
    }

    /// A certificate.
    pub fn cert(
        &mut self,
        person: &str,
        kind: &str,
        number: &str,
        valid_from: &str,
        valid_until: Option<&str>,
        verification: &str,
    ) -> &mut Certificate {
        self.t.certificates.push(Certificate {
            practitioner: p(person),
            kind: p(kind),
            number: number.into(),
            valid_from: d(valid_from),
            valid_until: valid_until.map(d),
            verification: p(verification),
        });
        self.t.certificates.last_mut().unwrap()
    }

    /// A contribution row for a practitioner; `payer` is an agency id of the dataset, or
    /// `OUT<n>` for [`outside_payer`]`(n)`.
    pub fn pay(&mut self, person: &str, payer: &str, month: &str, kind: &str) -> &mut Builder {
        let id_number = self.person_row(person).id_number;
        let payer = match payer.strip_prefix("OUT") {
            Some(n) => outside_payer(p(n)),
            None => self.uscc_of(payer),
        };
        self.t.contributions.push(Contribution {
            id_number,
            payer,
            month: p(month),
            kind: p(kind),
        });
        self
    }

    /// Pension rows paid by the person's declared agency for the three months before `as_of`'s
    /// month (what makes someone full-time on `as_of`).
    pub fn full_time(&mut self, person: &str, as_of: NaiveDate) -> &mut Builder {
        let agency = self.person_row(person).agency.to_string();
        for k in 1..=3 {
            let m = YearMonth::of(as_of).minus(k).to_string();
            self.pay(person, &agency, &m, "pension");
        }
        self
    }

    /// A complaint against `agency`.
    pub fn complaint(
        &mut self,
        id: &str,
        agency: &str,
        received: &str,
        status: &str,
    ) -> &mut Complaint {
        self.t.complaints.push(Complaint {
            id: p(id),
            received_on: d(received),
            agency: p(agency),
            practitioner: None,
            category: p("other"),
            status: p(status),
            closed_on: None,
            reporter_contact: Some(Confidential::new("13800000000")),
        });
        self.t.complaints.last_mut().unwrap()
    }

    /// An event at a client enterprise (`kind`: major_hazard, penalty, accident).
    pub fn client_event(
        &mut self,
        id: &str,
        client_uscc: Uscc,
        kind: &str,
        occurred: &str,
    ) -> &mut ClientEvent {
        let accident = kind == "accident";
        self.t.client_events.push(ClientEvent {
            id: p(id),
            client_uscc,
            kind: p(kind),
            occurred_on: d(occurred),
            severity: accident.then(|| p("general")),
            deaths: 0,
        });
        self.t.client_events.last_mut().unwrap()
    }

    /// A sanction; `subject` is `agency:<id>` or `practitioner:<id>`.
    pub fn sanction(
        &mut self,
        id: &str,
        subject: &str,
        measure: &str,
        violation: &str,
        decided: &str,
    ) -> &mut Sanction {
        let subject = match subject.split_once(':') {
            Some(("agency", a)) => Subject::Agency(p(a)),
            Some(("practitioner", x)) => Subject::Practitioner(p(x)),
            _ => panic!("subject `{subject}` is not kind:id"),
        };
        self.t.sanctions.push(Sanction {
            id: p(id),
            subject,
            measure: p(measure),
            violation: p(violation),
            decided_on: d(decided),
            fine_yuan: None,
            ends_on: None,
        });
        self.t.sanctions.last_mut().unwrap()
    }

    /// An exam result.
    pub fn exam(&mut self, person: &str, exam_id: &str, taken: &str, score: u8) -> &mut Builder {
        self.t.exams.push(Exam {
            practitioner: p(person),
            exam: p(exam_id),
            taken_on: d(taken),
            score,
        });
        self
    }

    /// An inspection of `agency`.
    pub fn inspection(&mut self, id: &str, agency: &str, on: &str) -> &mut Builder {
        self.t.inspections.push(Inspection {
            id: p(id),
            agency: p(agency),
            inspected_on: d(on),
            kind: p("routine"),
            result: p("pass"),
        });
        self
    }

    /// The checked dataset (panics with the integrity errors if the test built a bad one).
    pub fn build(&self) -> Dataset {
        match Dataset::new(self.t.clone()) {
            Ok(ds) => ds,
            Err(e) => panic!("the test built an invalid dataset: {e:#?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The comparable form of a run
// ---------------------------------------------------------------------------------------------

/// A finding as compared: rule, subject, evidence and date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct FindingRow {
    pub rule: String,
    pub subject_kind: String,
    pub subject_id: String,
    pub evidence: Vec<String>,
    pub date: String,
}

impl FindingRow {
    /// Builds a row (for hand-written expectations).
    pub fn new(
        rule: &str,
        subject_kind: &str,
        subject_id: &str,
        date: &str,
        evidence: &[&str],
    ) -> FindingRow {
        FindingRow {
            rule: rule.into(),
            subject_kind: subject_kind.into(),
            subject_id: subject_id.into(),
            evidence: evidence.iter().map(|s| (*s).to_owned()).collect(),
            date: date.into(),
        }
    }
}

impl std::fmt::Display for FindingRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {}:{} [{}] @{}",
            self.rule,
            self.subject_kind,
            self.subject_id,
            self.evidence.join(", "),
            self.date
        )
    }
}

/// A row of `agency_grades.csv` (required columns, as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeRow {
    pub agency_id: String,
    pub score: String,
    pub grade: String,
    pub vetoes: String,
    pub procurement_eligible: String,
    pub supervision: String,
}

/// A row of `practitioner_stars.csv` (required columns, as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarRow {
    pub practitioner_id: String,
    pub stars: String,
    pub points: String,
    pub exam: String,
    pub card: String,
    pub expert_pool_removal: String,
}

/// A row of `must_inspect.csv` (required columns, as text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InspectRow {
    pub agency_id: String,
    pub reasons: String,
}

/// The four outputs of part C in comparable form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Findings as a set.
    pub findings: BTreeSet<FindingRow>,
    /// Lines whose identity (rule, subject, evidence) was already seen: must stay empty.
    pub duplicate_identities: Vec<FindingRow>,
    pub grades: Vec<GradeRow>,
    pub stars: Vec<StarRow>,
    pub must_inspect: Vec<InspectRow>,
}

pub const GRADE_COLUMNS: [&str; 6] = [
    "agency_id",
    "score",
    "grade",
    "vetoes",
    "procurement_eligible",
    "supervision",
];
pub const STAR_COLUMNS: [&str; 6] = [
    "practitioner_id",
    "stars",
    "points",
    "exam",
    "card",
    "expert_pool_removal",
];
pub const INSPECT_COLUMNS: [&str; 2] = ["agency_id", "reasons"];

/// Reads the required columns (by header name, any order, extra columns allowed) of a CSV text.
pub fn csv_columns(name: &str, text: &str, required: &[&str]) -> Result<Vec<Vec<String>>, String> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| format!("{name}: header: {e}"))?
        .clone();
    let mut idx = Vec::new();
    for col in required {
        let i = headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == *col)
            .ok_or_else(|| format!("{name}: no column `{col}` in header {headers:?}"))?;
        idx.push(i);
    }
    let mut rows = Vec::new();
    for (n, rec) in r.records().enumerate() {
        let rec = rec.map_err(|e| format!("{name}: record {}: {e}", n + 1))?;
        rows.push(
            idx.iter()
                .map(|&i| rec.get(i).unwrap_or("").to_owned())
                .collect(),
        );
    }
    Ok(rows)
}

/// Parses `findings.jsonl`: one JSON object per line.
pub fn parse_findings(text: &str) -> Result<(BTreeSet<FindingRow>, Vec<FindingRow>), String> {
    let mut set = BTreeSet::new();
    let mut dups = Vec::new();
    let mut identities = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| format!("findings line {}: {e}: {line}", n + 1))?;
        let s = |k: &str| -> Result<String, String> {
            v.get(k)
                .and_then(|x| x.as_str())
                .map(str::to_owned)
                .ok_or_else(|| format!("findings line {}: no string `{k}`: {line}", n + 1))
        };
        let evidence = v
            .get("evidence")
            .and_then(|x| x.as_array())
            .ok_or_else(|| format!("findings line {}: no array `evidence`: {line}", n + 1))?
            .iter()
            .map(|e| match e.as_str() {
                Some(s) => s.to_owned(),
                None => format!("<not a string: {e}>"),
            })
            .collect();
        let row = FindingRow {
            rule: s("rule")?,
            subject_kind: s("subject_kind")?,
            subject_id: s("subject_id")?,
            evidence,
            date: s("date")?,
        };
        let identity = (
            row.rule.clone(),
            row.subject_kind.clone(),
            row.subject_id.clone(),
            row.evidence.clone(),
        );
        if !identities.insert(identity) {
            dups.push(row.clone());
        }
        set.insert(row);
    }
    Ok((set, dups))
}

impl Outcome {
    /// From the four rendered texts.
    pub fn parse(
        findings: &str,
        grades: &str,
        stars: &str,
        inspect: &str,
    ) -> Result<Outcome, String> {
        let (findings, duplicate_identities) = parse_findings(findings)?;
        let grades = csv_columns("agency_grades.csv", grades, &GRADE_COLUMNS)?
            .into_iter()
            .map(|r| GradeRow {
                agency_id: r[0].clone(),
                score: r[1].clone(),
                grade: r[2].clone(),
                vetoes: r[3].clone(),
                procurement_eligible: r[4].clone(),
                supervision: r[5].clone(),
            })
            .collect();
        let stars = csv_columns("practitioner_stars.csv", stars, &STAR_COLUMNS)?
            .into_iter()
            .map(|r| StarRow {
                practitioner_id: r[0].clone(),
                stars: r[1].clone(),
                points: r[2].clone(),
                exam: r[3].clone(),
                card: r[4].clone(),
                expert_pool_removal: r[5].clone(),
            })
            .collect();
        let must_inspect = csv_columns("must_inspect.csv", inspect, &INSPECT_COLUMNS)?
            .into_iter()
            .map(|r| InspectRow {
                agency_id: r[0].clone(),
                reasons: r[1].clone(),
            })
            .collect();
        Ok(Outcome {
            findings,
            duplicate_identities,
            grades,
            stars,
            must_inspect,
        })
    }

    /// From an `expected/` folder of a worked example.
    pub fn from_dir(dir: &Path) -> Outcome {
        let read = |f: &str| {
            std::fs::read_to_string(dir.join(f))
                .unwrap_or_else(|e| panic!("{}: {e}", dir.join(f).display()))
        };
        Outcome::parse(
            &read("findings.jsonl"),
            &read("agency_grades.csv"),
            &read("practitioner_stars.csv"),
            &read("must_inspect.csv"),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
    }

    /// The findings of one rule.
    pub fn rule(&self, rule: &str) -> Vec<FindingRow> {
        self.findings
            .iter()
            .filter(|f| f.rule == rule)
            .cloned()
            .collect()
    }

    /// Asserts the findings of one rule are exactly `expected` (in any order).
    pub fn assert_rule(&self, who: &str, rule: &str, mut expected: Vec<FindingRow>) {
        expected.sort();
        let got = self.rule(rule);
        assert_eq!(
            got, expected,
            "{who}: findings of {rule}\n  got:      {got:?}\n  expected: {expected:?}"
        );
    }

    /// The grade row of a root (panics if absent).
    pub fn grade(&self, agency: &str) -> &GradeRow {
        self.grades
            .iter()
            .find(|g| g.agency_id == agency)
            .unwrap_or_else(|| panic!("no grade row for {agency}: {:#?}", self.grades))
    }

    /// The star row of a practitioner (panics if absent).
    pub fn star(&self, person: &str) -> &StarRow {
        self.stars
            .iter()
            .find(|s| s.practitioner_id == person)
            .unwrap_or_else(|| panic!("no star row for {person}: {:#?}", self.stars))
    }

    /// The must-inspect reasons of a root (`""` when it is not listed).
    pub fn reasons(&self, agency: &str) -> &str {
        self.must_inspect
            .iter()
            .find(|m| m.agency_id == agency)
            .map_or("", |m| m.reasons.as_str())
    }

    /// Score of a root as a number.
    pub fn score(&self, agency: &str) -> i64 {
        p(&self.grade(agency).score)
    }

    /// Stars of a practitioner as a number.
    pub fn stars_of(&self, person: &str) -> i64 {
        p(&self.star(person).stars)
    }

    /// Points of a practitioner as a number.
    pub fn points_of(&self, person: &str) -> i64 {
        p(&self.star(person).points)
    }
}

fn diff_rows<R: std::fmt::Debug + PartialEq>(
    out: &mut String,
    what: &str,
    (ln, left): (&str, &[R]),
    (rn, right): (&str, &[R]),
    key: impl Fn(&R) -> String,
) {
    if left == right {
        return;
    }
    let lm: BTreeMap<String, &R> = left.iter().map(|r| (key(r), r)).collect();
    let rm: BTreeMap<String, &R> = right.iter().map(|r| (key(r), r)).collect();
    let _ = writeln!(out, "  {what}:");
    let keys: BTreeSet<&String> = lm.keys().chain(rm.keys()).collect();
    let mut any = false;
    for k in keys {
        match (lm.get(k), rm.get(k)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                any = true;
                let _ = writeln!(out, "    {k}:\n      {ln}: {a:?}\n      {rn}: {b:?}");
            }
            (Some(a), None) => {
                any = true;
                let _ = writeln!(out, "    {k}: only in {ln}: {a:?}");
            }
            (None, Some(b)) => {
                any = true;
                let _ = writeln!(out, "    {k}: only in {rn}: {b:?}");
            }
            (None, None) => {}
        }
    }
    if !any {
        let lk: Vec<String> = left.iter().map(&key).collect();
        let rk: Vec<String> = right.iter().map(&key).collect();
        let _ = writeln!(out, "    same rows, different order or repeated keys:\n      {ln}: {lk:?}\n      {rn}: {rk:?}");
    }
}

/// A readable difference between two outcomes, `None` when they agree.
pub fn diff(ln: &str, left: &Outcome, rn: &str, right: &Outcome) -> Option<String> {
    if left == right {
        return None;
    }
    let mut out = String::new();
    let only_l: Vec<&FindingRow> = left.findings.difference(&right.findings).collect();
    let only_r: Vec<&FindingRow> = right.findings.difference(&left.findings).collect();
    if !only_l.is_empty() || !only_r.is_empty() {
        let _ = writeln!(out, "  findings:");
        for f in only_l {
            let _ = writeln!(out, "    only in {ln}: {f}");
        }
        for f in only_r {
            let _ = writeln!(out, "    only in {rn}: {f}");
        }
    }
    for (n, o) in [(ln, left), (rn, right)] {
        for f in &o.duplicate_identities {
            let _ = writeln!(out, "  {n} repeats the identity of a finding: {f}");
        }
    }
    diff_rows(
        &mut out,
        "agency_grades.csv",
        (ln, &left.grades),
        (rn, &right.grades),
        |r| r.agency_id.clone(),
    );
    diff_rows(
        &mut out,
        "practitioner_stars.csv",
        (ln, &left.stars),
        (rn, &right.stars),
        |r| r.practitioner_id.clone(),
    );
    diff_rows(
        &mut out,
        "must_inspect.csv",
        (ln, &left.must_inspect),
        (rn, &right.must_inspect),
        |r| r.agency_id.clone(),
    );
    Some(out)
}

// ---------------------------------------------------------------------------------------------
// The real engine
// ---------------------------------------------------------------------------------------------

/// The four rendered outputs of the real engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub findings: String,
    pub agency_grades: String,
    pub practitioner_stars: String,
    pub must_inspect: String,
}

impl Rendered {
    /// The comparable form (panics if the engine's text does not parse).
    pub fn outcome(&self) -> Outcome {
        Outcome::parse(
            &self.findings,
            &self.agency_grades,
            &self.practitioner_stars,
            &self.must_inspect,
        )
        .unwrap_or_else(|e| panic!("the engine's output does not parse: {e}\n{self:#?}"))
    }
}

/// The default pack (parsed once per test binary).
pub fn pack() -> &'static RulePack {
    static PACK: std::sync::OnceLock<RulePack> = std::sync::OnceLock::new();
    PACK.get_or_init(|| RulePack::zj_2024().expect("the embedded zj-2024 pack loads"))
}

/// Runs the real engine with `zj-2024` and renders its four outputs.
pub fn engine(ds: &Dataset, as_of: NaiveDate) -> Rendered {
    let out = zhongjie_scoring::supervise(ds, as_of, pack())
        .unwrap_or_else(|e| panic!("supervise failed on {as_of}: {e}"));
    use zhongjie_scoring::render;
    Rendered {
        findings: render::findings_jsonl(&out),
        agency_grades: render::agency_grades_csv(&out),
        practitioner_stars: render::practitioner_stars_csv(&out),
        must_inspect: render::must_inspect_csv(&out),
    }
}

/// The engine's outcome.
pub fn run(ds: &Dataset, as_of: NaiveDate) -> Outcome {
    engine(ds, as_of).outcome()
}

/// `d` as `YYYY-MM-DD`.
pub fn ymd(x: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", x.year(), x.month(), x.day())
}
