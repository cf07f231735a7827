//! Export of the stored dataset back to [`Tables`], every value checked again by the core's types.

use crate::{missing_or, schema_ident, PgError};
use core::str::FromStr;
use postgres::{Client, GenericClient, Row};
use zhongjie_core::chrono::{DateTime, FixedOffset, NaiveDate};
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::time::{parse_date, YearMonth};
use zhongjie_core::*;

/// Reads the columns of one row, naming table, column and `row_no` in any error.
struct Cells<'a> {
    row: &'a Row,
    table: &'static str,
    row_no: i64,
}

impl<'a> Cells<'a> {
    fn new(row: &'a Row, table: &'static str) -> Result<Cells<'a>, PgError> {
        let row_no: i64 = row.try_get(0).map_err(|e| PgError::db(&e, Some(table)))?;
        Ok(Cells { row, table, row_no })
    }

    fn bad(&self, column: &'static str, message: String) -> PgError {
        PgError::BadRow {
            table: self.table,
            column,
            row_no: self.row_no,
            message,
        }
    }

    fn raw<T: for<'b> postgres::types::FromSql<'b>>(
        &self,
        i: usize,
        column: &'static str,
    ) -> Result<T, PgError> {
        self.row
            .try_get(i)
            .map_err(|e| self.bad(column, e.to_string()))
    }

    fn opt_text(&self, i: usize, column: &'static str) -> Result<Option<String>, PgError> {
        self.raw(i, column)
    }

    fn text(&self, i: usize, column: &'static str) -> Result<String, PgError> {
        self.opt_text(i, column)?
            .ok_or_else(|| self.bad(column, "不应为空".to_owned()))
    }

    fn opt<T: FromStr>(&self, i: usize, column: &'static str) -> Result<Option<T>, PgError>
    where
        T::Err: core::fmt::Display,
    {
        match self.opt_text(i, column)? {
            None => Ok(None),
            Some(s) => s
                .parse()
                .map(Some)
                .map_err(|e: T::Err| self.bad(column, e.to_string())),
        }
    }

    fn get<T: FromStr>(&self, i: usize, column: &'static str) -> Result<T, PgError>
    where
        T::Err: core::fmt::Display,
    {
        self.opt(i, column)?
            .ok_or_else(|| self.bad(column, "不应为空".to_owned()))
    }

    fn opt_date(&self, i: usize, column: &'static str) -> Result<Option<NaiveDate>, PgError> {
        match self.opt_text(i, column)? {
            None => Ok(None),
            Some(s) => parse_date(&s)
                .map(Some)
                .ok_or_else(|| self.bad(column, format!("日期 `{s}` 无效"))),
        }
    }

    fn date(&self, i: usize, column: &'static str) -> Result<NaiveDate, PgError> {
        self.opt_date(i, column)?
            .ok_or_else(|| self.bad(column, "不应为空".to_owned()))
    }

    fn list<T: FromStr>(&self, i: usize, column: &'static str) -> Result<Vec<T>, PgError>
    where
        T::Err: core::fmt::Display,
    {
        let items: Vec<String> = self.raw(i, column)?;
        items
            .iter()
            .map(|s| {
                s.parse()
                    .map_err(|e: T::Err| self.bad(column, e.to_string()))
            })
            .collect()
    }

    fn bool(&self, i: usize, column: &'static str) -> Result<bool, PgError> {
        self.raw(i, column)
    }

    fn f64(&self, i: usize, column: &'static str) -> Result<f64, PgError> {
        self.raw(i, column)
    }

    /// A datetime from UTC microseconds (column `i`) and the offset in seconds (column `i + 1`).
    fn datetime(&self, i: usize, column: &'static str) -> Result<DateTime<FixedOffset>, PgError> {
        let micros: i64 = self.raw(i, column)?;
        let offset: i32 = self.raw(i + 1, column)?;
        let off = FixedOffset::east_opt(offset)
            .ok_or_else(|| self.bad(column, format!("时区偏移 {offset} 秒无效")))?;
        DateTime::from_timestamp_micros(micros)
            .map(|u| u.with_timezone(&off))
            .ok_or_else(|| self.bad(column, "时间超出范围".to_owned()))
    }
}

fn d(col: &str) -> String {
    format!("to_char({col}, 'YYYY-MM-DD')")
}

fn ts(col: &str) -> String {
    format!("(extract(epoch FROM {col}) * 1000000)::bigint, {col}_offset")
}

fn select(
    client: &mut impl GenericClient,
    schema: &str,
    s: &str,
    table: &'static str,
    columns: &[String],
) -> Result<Vec<Row>, PgError> {
    let sql = format!(
        "SELECT row_no::bigint, {} FROM {s}.{table} ORDER BY row_no",
        columns.join(", ")
    );
    client
        .query(&sql, &[])
        .map_err(|e| missing_or(&e, schema, Some(table)))
}

fn cols(c: &[&str]) -> Vec<String> {
    c.iter().map(|x| (*x).to_owned()).collect()
}

/// Reads the dataset stored in the schema back, rows in the order they were imported. The
/// tables are exactly those imported (check them with [`Dataset::new`] to use them).
pub fn export_tables(client: &mut Client, schema: &str) -> Result<Tables, PgError> {
    let s = schema_ident(schema)?;
    let mut t = Tables::default();
    // One snapshot for all the reads.
    let mut tx = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(|e| PgError::db(&e, None))?;
    let c = &mut tx;

    let q = [
        "agency_id".to_owned(),
        "name".to_owned(),
        "kind".to_owned(),
        "uscc".to_owned(),
        "region_code".to_owned(),
        "parent_agency_id".to_owned(),
        d("qualified_until"),
        "scopes".to_owned(),
        "status".to_owned(),
    ];
    for row in select(c, schema, &s, "agencies", &q)? {
        let r = Cells::new(&row, "agencies")?;
        t.agencies.push(Agency {
            id: r.get(1, "agency_id")?,
            name: r.text(2, "name")?,
            kind: r.get(3, "kind")?,
            uscc: r.get(4, "uscc")?,
            region: r.get(5, "region_code")?,
            parent: r.opt(6, "parent_agency_id")?,
            qualified_until: r.opt_date(7, "qualified_until")?,
            scopes: r.list(8, "scopes")?,
            status: r.get(9, "status")?,
        });
    }

    let q = [
        "practitioner_id".to_owned(),
        "name".to_owned(),
        "id_number".to_owned(),
        "agency_id".to_owned(),
        "evaluator_level::text".to_owned(),
        "registered_safety_engineer".to_owned(),
        "title".to_owned(),
        "specialties".to_owned(),
        d("practice_since"),
        "expert_pool".to_owned(),
    ];
    for row in select(c, schema, &s, "practitioners", &q)? {
        let r = Cells::new(&row, "practitioners")?;
        t.practitioners.push(Practitioner {
            id: r.get(1, "practitioner_id")?,
            name: r.text(2, "name")?,
            id_number: r.get(3, "id_number")?,
            agency: r.get(4, "agency_id")?,
            evaluator_level: r.opt(5, "evaluator_level")?,
            safety_engineer: r.opt(6, "registered_safety_engineer")?,
            title: r.get(7, "title")?,
            specialties: r.list(8, "specialties")?,
            practice_since: r.opt_date(9, "practice_since")?,
            expert_pool: r.bool(10, "expert_pool")?,
        });
    }

    let q = [
        "practitioner_id".to_owned(),
        "kind".to_owned(),
        "number".to_owned(),
        d("valid_from"),
        d("valid_until"),
        "verification".to_owned(),
    ];
    for row in select(c, schema, &s, "certificates", &q)? {
        let r = Cells::new(&row, "certificates")?;
        t.certificates.push(Certificate {
            practitioner: r.get(1, "practitioner_id")?,
            kind: r.get(2, "kind")?,
            number: r.text(3, "number")?,
            valid_from: r.date(4, "valid_from")?,
            valid_until: r.opt_date(5, "valid_until")?,
            verification: r.get(6, "verification")?,
        });
    }

    let q = cols(&[
        "id_number",
        "payer_uscc",
        "to_char(month, 'YYYY-MM')",
        "kind",
    ]);
    for row in select(c, schema, &s, "contributions", &q)? {
        let r = Cells::new(&row, "contributions")?;
        t.contributions.push(Contribution {
            id_number: r.get(1, "id_number")?,
            payer: r.get(2, "payer_uscc")?,
            month: r.get::<YearMonth>(3, "month")?,
            kind: r.get(4, "kind")?,
        });
    }

    let q = [
        "project_id".to_owned(),
        "agency_id".to_owned(),
        "service_type".to_owned(),
        "scope".to_owned(),
        "client_uscc".to_owned(),
        "client_name".to_owned(),
        "site_region_code".to_owned(),
        d("contract_signed_on"),
        d("notice_filed_on"),
        d("service_started_on"),
        d("service_ended_on"),
        d("report_uploaded_on"),
        "government_funded".to_owned(),
        "fee_yuan::text".to_owned(),
    ];
    for row in select(c, schema, &s, "projects", &q)? {
        let r = Cells::new(&row, "projects")?;
        t.projects.push(Project {
            id: r.get(1, "project_id")?,
            agency: r.get(2, "agency_id")?,
            service_type: r.get(3, "service_type")?,
            scope: r.opt(4, "scope")?,
            client_uscc: r.get(5, "client_uscc")?,
            client_name: r.text(6, "client_name")?,
            site_region: r.get(7, "site_region_code")?,
            contract_signed_on: r.date(8, "contract_signed_on")?,
            notice_filed_on: r.opt_date(9, "notice_filed_on")?,
            service_started_on: r.opt_date(10, "service_started_on")?,
            service_ended_on: r.opt_date(11, "service_ended_on")?,
            report_uploaded_on: r.opt_date(12, "report_uploaded_on")?,
            government_funded: r.bool(13, "government_funded")?,
            fee_yuan: r.get::<Decimal>(14, "fee_yuan")?,
        });
    }

    let q = cols(&["project_id", "practitioner_id", "role"]);
    for row in select(c, schema, &s, "team", &q)? {
        let r = Cells::new(&row, "team")?;
        t.team.push(TeamMember {
            project: r.get(1, "project_id")?,
            practitioner: r.get(2, "practitioner_id")?,
            role: r.get(3, "role")?,
        });
    }

    let q = [
        "record_id".to_owned(),
        "project_id".to_owned(),
        "practitioner_id".to_owned(),
        ts("check_in"),
        ts("check_out"),
        "lat".to_owned(),
        "lon".to_owned(),
    ];
    for row in select(c, schema, &s, "attendance", &q)? {
        let r = Cells::new(&row, "attendance")?;
        t.attendance.push(Attendance {
            id: r.get(1, "record_id")?,
            project: r.get(2, "project_id")?,
            practitioner: r.get(3, "practitioner_id")?,
            check_in: r.datetime(4, "check_in")?,
            check_out: r.datetime(6, "check_out")?,
            lat: r.f64(8, "lat")?,
            lon: r.f64(9, "lon")?,
        });
    }

    let q = [
        "project_id".to_owned(),
        "stage".to_owned(),
        d("completed_on"),
        "evidence".to_owned(),
    ];
    for row in select(c, schema, &s, "stages", &q)? {
        let r = Cells::new(&row, "stages")?;
        t.stages.push(StageRecord {
            project: r.get(1, "project_id")?,
            stage: r.get(2, "stage")?,
            completed_on: r.date(3, "completed_on")?,
            evidence: r.opt_text(4, "evidence")?,
        });
    }

    // The contact is joined in and never parsed, so no error can carry it.
    let q = [
        "complaint_id".to_owned(),
        d("received_on"),
        "agency_id".to_owned(),
        "practitioner_id".to_owned(),
        "category".to_owned(),
        "status".to_owned(),
        d("closed_on"),
        format!("(SELECT x.reporter_contact FROM {s}.complaint_contacts x WHERE x.complaint_id = complaints.complaint_id)"),
    ];
    for row in select(c, schema, &s, "complaints", &q)? {
        let r = Cells::new(&row, "complaints")?;
        let contact: Option<String> = row
            .try_get(8)
            .map_err(|e| PgError::db(&e, Some("complaint_contacts")))?;
        t.complaints.push(Complaint {
            id: r.get(1, "complaint_id")?,
            received_on: r.date(2, "received_on")?,
            agency: r.get(3, "agency_id")?,
            practitioner: r.opt(4, "practitioner_id")?,
            category: r.get(5, "category")?,
            status: r.get(6, "status")?,
            closed_on: r.opt_date(7, "closed_on")?,
            reporter_contact: contact.map(Confidential::new),
        });
    }

    let q = [
        "event_id".to_owned(),
        "client_uscc".to_owned(),
        "kind".to_owned(),
        d("occurred_on"),
        "severity".to_owned(),
        "deaths::text".to_owned(),
    ];
    for row in select(c, schema, &s, "client_events", &q)? {
        let r = Cells::new(&row, "client_events")?;
        t.client_events.push(ClientEvent {
            id: r.get(1, "event_id")?,
            client_uscc: r.get(2, "client_uscc")?,
            kind: r.get(3, "kind")?,
            occurred_on: r.date(4, "occurred_on")?,
            severity: r.opt(5, "severity")?,
            deaths: r.get(6, "deaths")?,
        });
    }

    let q = [
        "sanction_id".to_owned(),
        "subject_kind".to_owned(),
        "subject_id".to_owned(),
        "measure".to_owned(),
        "violation".to_owned(),
        d("decided_on"),
        "fine_yuan::text".to_owned(),
        d("ends_on"),
    ];
    for row in select(c, schema, &s, "sanctions", &q)? {
        let r = Cells::new(&row, "sanctions")?;
        let subject = match r.get::<SubjectKind>(2, "subject_kind")? {
            SubjectKind::Agency => Subject::Agency(r.get(3, "subject_id")?),
            SubjectKind::Practitioner => Subject::Practitioner(r.get(3, "subject_id")?),
        };
        t.sanctions.push(Sanction {
            id: r.get(1, "sanction_id")?,
            subject,
            measure: r.get(4, "measure")?,
            violation: r.get(5, "violation")?,
            decided_on: r.date(6, "decided_on")?,
            fine_yuan: r.opt::<Decimal>(7, "fine_yuan")?,
            ends_on: r.opt_date(8, "ends_on")?,
        });
    }

    let q = [
        "practitioner_id".to_owned(),
        "exam_id".to_owned(),
        d("taken_on"),
        "score::text".to_owned(),
    ];
    for row in select(c, schema, &s, "exams", &q)? {
        let r = Cells::new(&row, "exams")?;
        t.exams.push(Exam {
            practitioner: r.get(1, "practitioner_id")?,
            exam: r.get(2, "exam_id")?,
            taken_on: r.date(3, "taken_on")?,
            score: r.get(4, "score")?,
        });
    }

    let q = [
        "inspection_id".to_owned(),
        "agency_id".to_owned(),
        d("inspected_on"),
        "kind".to_owned(),
        "result".to_owned(),
    ];
    for row in select(c, schema, &s, "inspections", &q)? {
        let r = Cells::new(&row, "inspections")?;
        t.inspections.push(Inspection {
            id: r.get(1, "inspection_id")?,
            agency: r.get(2, "agency_id")?,
            inspected_on: r.date(3, "inspected_on")?,
            kind: r.get(4, "kind")?,
            result: r.get(5, "result")?,
        });
    }
    tx.commit().map_err(|e| PgError::db(&e, None))?;
    Ok(t)
}
