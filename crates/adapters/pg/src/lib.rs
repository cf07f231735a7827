//! # zhongjie-pg
//!
//! The PostgreSQL adapter: stores an exchange-v1 dataset and the outputs of its supervision runs
//! in one schema of a database, with proper types (`date`, `timestamptz`, `numeric` for money,
//! `text[]` for lists, text ids with primary and foreign keys, every code checked against its
//! vocabulary).
//!
//! ```no_run
//! # fn main() -> Result<(), zhongjie_pg::PgError> {
//! # let ds = zhongjie_core::Dataset::new(Default::default()).unwrap();
//! let mut client = zhongjie_pg::connect("host=127.0.0.1 user=postgres dbname=test")?;
//! zhongjie_pg::create_schema(&mut client, "zj_2024")?;
//! let stats = zhongjie_pg::import_dataset(&mut client, "zj_2024", &ds)?;
//! let tables = zhongjie_pg::export_tables(&mut client, "zj_2024")?;
//! assert_eq!(&tables, ds.tables());
//! # Ok(()) }
//! ```
//!
//! One schema holds one dataset: [`import_dataset`] refuses a schema that already has one, and
//! loads the whole dataset with `COPY` inside one transaction (all or nothing). [`export_tables`]
//! gives back exactly the rows imported, in their order. [`save_run`] stores a run's four outputs
//! under a new run id.
//!
//! `reporter_contact` (举报人联系方式) is stored, apart, in `complaint_contacts`; this crate logs
//! nothing, and no error it returns can hold the contact (see [`PgError`]).

mod copy;
mod error;
mod export;
mod import;
pub mod schema;

pub use error::PgError;
pub use export::export_tables;
pub use import::{import_dataset, ImportStats};
pub use postgres::Client;

use zhongjie_core::chrono::NaiveDate;
use zhongjie_scoring::{render, RunOutput};

/// Connects to PostgreSQL without TLS. `url` is a `postgresql://` URL or a `key=value` string
/// (`host=127.0.0.1 port=5432 user=postgres dbname=test`).
pub fn connect(url: &str) -> Result<Client, PgError> {
    Client::connect(url, postgres::NoTls).map_err(|e| PgError::Connect {
        message: e.to_string(),
    })
}

/// Checks a schema name (a plain lower-case identifier, not `pg_…`) and returns it quoted.
pub fn schema_ident(schema: &str) -> Result<String, PgError> {
    let ok = !schema.is_empty()
        && schema.len() <= 63
        && !schema.starts_with("pg_")
        && schema
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && schema
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(format!("\"{schema}\""))
    } else {
        Err(PgError::BadSchemaName(schema.to_owned()))
    }
}

/// Creates the schema and its tables if they do not exist (idempotent, in one transaction).
pub fn create_schema(client: &mut Client, schema: &str) -> Result<(), PgError> {
    let s = schema_ident(schema)?;
    let mut tx = client.transaction().map_err(|e| PgError::db(&e, None))?;
    tx.batch_execute(&schema::ddl(&s))
        .map_err(|e| PgError::db(&e, None))?;
    tx.commit().map_err(|e| PgError::db(&e, None))
}

/// Drops the schema with everything in it (`DROP SCHEMA … CASCADE`); nothing if it is absent.
pub fn drop_schema(client: &mut Client, schema: &str) -> Result<(), PgError> {
    let s = schema_ident(schema)?;
    client
        .batch_execute(&format!("DROP SCHEMA IF EXISTS {s} CASCADE"))
        .map_err(|e| PgError::db(&e, None))
}

/// Maps "no such schema / table" to [`PgError::SchemaMissing`].
pub(crate) fn missing_or(
    e: &postgres::Error,
    schema: &str,
    table: Option<&'static str>,
) -> PgError {
    use postgres::error::SqlState;
    match e.code() {
        Some(c) if *c == SqlState::UNDEFINED_TABLE || *c == SqlState::INVALID_SCHEMA_NAME => {
            PgError::SchemaMissing(schema.to_owned())
        }
        _ => PgError::db(e, table),
    }
}

/// Stores the outputs of a run (findings, agency grades, practitioner stars, must-inspect list)
/// under a new run id, with its as-of date and pack stamp, in one transaction. The run must be of
/// the dataset stored in the schema (its agencies and practitioners are foreign keys).
pub fn save_run(client: &mut Client, schema: &str, out: &RunOutput) -> Result<i64, PgError> {
    use copy::Rows;
    use std::io::Write as _;
    let s = schema_ident(schema)?;
    let mut tx = client.transaction().map_err(|e| PgError::db(&e, None))?;
    let row = tx
        .query_one(
            &format!(
                "INSERT INTO {s}.runs (as_of, pack) VALUES ($1::text::date, $2) RETURNING run_id"
            ),
            &[&out.as_of.to_string(), &out.pack],
        )
        .map_err(|e| missing_or(&e, schema, Some("runs")))?;
    let run_id: i64 = row.try_get(0).map_err(|e| PgError::db(&e, Some("runs")))?;

    let mut findings = Rows::default();
    for (seq, f) in out.findings.iter().enumerate() {
        let legal_ref = out
            .rule_refs
            .iter()
            .find(|(r, _)| *r == f.rule)
            .map(|(_, l)| l.to_string())
            .unwrap_or_default();
        findings.push(|r| {
            r.show(run_id)
                .show(seq + 1)
                .show(f.rule)
                .show(f.subject_kind)
                .text(&f.subject_id)
                .show(f.date)
                .array(&f.evidence)
                .text(f.root.as_str())
                .text(&legal_ref)
                .text(&render::message(f));
        });
    }
    let mut grades = Rows::default();
    for g in &out.grades {
        let vetoes: Vec<&str> = g.vetoes.iter().map(|v| v.code()).collect();
        let deductions = serde_json::to_string(&g.deductions).unwrap_or_else(|_| "[]".to_owned());
        grades.push(|r| {
            r.show(run_id)
                .text(g.agency_id.as_str())
                .show(g.score)
                .show(g.grade)
                .array(&vetoes)
                .bool(g.procurement_eligible)
                .show(g.supervision)
                .text(&deductions)
                .array(&g.veto_evidence);
        });
    }
    let mut stars = Rows::default();
    for p in &out.stars {
        let details = serde_json::to_string(p).unwrap_or_else(|_| "{}".to_owned());
        stars.push(|r| {
            r.show(run_id)
                .text(p.practitioner_id.as_str())
                .show(p.stars)
                .show(p.points)
                .show(p.exam)
                .show(p.card)
                .bool(p.expert_pool_removal)
                .text(&details);
        });
    }
    let mut must = Rows::default();
    for m in &out.must_inspect {
        let reasons: Vec<&str> = m.reasons.iter().map(|v| v.code()).collect();
        must.push(|r| {
            r.show(run_id)
                .text(m.agency_id.as_str())
                .array(&reasons)
                .array(&m.evidence);
        });
    }
    let batches: [(&'static str, &str, Rows); 4] = [
        (
            "findings",
            "run_id, seq, rule, subject_kind, subject_id, date, evidence, agency_id, legal_ref, message",
            findings,
        ),
        (
            "agency_grades",
            "run_id, agency_id, score, grade, vetoes, procurement_eligible, supervision, deductions, veto_evidence",
            grades,
        ),
        (
            "practitioner_stars",
            "run_id, practitioner_id, stars, points, exam, card, expert_pool_removal, details",
            stars,
        ),
        ("must_inspect", "run_id, agency_id, reasons, evidence", must),
    ];
    for (table, cols, rows) in batches {
        if rows.count == 0 {
            continue;
        }
        if let Some(row_no) = rows.first_nul {
            return Err(PgError::NulCharacter { table, row_no });
        }
        let mut w = tx
            .copy_in(&format!("COPY {s}.{table} ({cols}) FROM STDIN"))
            .map_err(|e| PgError::db(&e, Some(table)))?;
        w.write_all(rows.text.as_bytes()).map_err(|e| PgError::Db {
            sqlstate: String::new(),
            table: Some(table),
            message: e.to_string(),
        })?;
        w.finish().map_err(|e| PgError::db(&e, Some(table)))?;
    }
    tx.commit().map_err(|e| match e.code() {
        Some(c) if *c == postgres::error::SqlState::FOREIGN_KEY_VIOLATION => {
            PgError::RunNotOfDataset(schema.to_owned())
        }
        _ => PgError::db(&e, None),
    })?;
    Ok(run_id)
}

/// A saved run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunInfo {
    /// The run id.
    pub run_id: i64,
    /// The as-of date.
    pub as_of: NaiveDate,
    /// `pack@version`.
    pub pack: String,
    /// Rows in each output table.
    pub findings: i64,
    /// Graded agencies.
    pub agency_grades: i64,
    /// Rated practitioners.
    pub practitioner_stars: i64,
    /// Agencies on the must-inspect list.
    pub must_inspect: i64,
}

/// The runs saved in the schema, oldest first.
pub fn list_runs(client: &mut Client, schema: &str) -> Result<Vec<RunInfo>, PgError> {
    let s = schema_ident(schema)?;
    let count = |t: &str| format!("(SELECT count(*) FROM {s}.{t} x WHERE x.run_id = r.run_id)");
    let sql = format!(
        "SELECT r.run_id, to_char(r.as_of, 'YYYY-MM-DD'), r.pack, {}, {}, {}, {} FROM {s}.runs r ORDER BY r.run_id",
        count("findings"),
        count("agency_grades"),
        count("practitioner_stars"),
        count("must_inspect"),
    );
    let rows = client
        .query(&sql, &[])
        .map_err(|e| missing_or(&e, schema, Some("runs")))?;
    let mut out = Vec::new();
    for row in rows {
        let get = |i: usize| -> Result<i64, PgError> {
            row.try_get(i).map_err(|e| PgError::db(&e, Some("runs")))
        };
        let date: String = row.try_get(1).map_err(|e| PgError::db(&e, Some("runs")))?;
        let run_id = get(0)?;
        let as_of = zhongjie_core::time::parse_date(&date).ok_or_else(|| PgError::BadRow {
            table: "runs",
            column: "as_of",
            row_no: run_id,
            message: format!("日期 `{date}` 无效"),
        })?;
        out.push(RunInfo {
            run_id,
            as_of,
            pack: row.try_get(2).map_err(|e| PgError::db(&e, Some("runs")))?,
            findings: get(3)?,
            agency_grades: get(4)?,
            practitioner_stars: get(5)?,
            must_inspect: get(6)?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_names_are_plain_identifiers() {
        assert_eq!(schema_ident("zj_2024").unwrap(), "\"zj_2024\"");
        assert_eq!(schema_ident("_x").unwrap(), "\"_x\"");
        for bad in [
            "",
            "Zj",
            "1abc",
            "a-b",
            "a\"b",
            "pg_temp",
            "a b",
            &"a".repeat(64),
        ] {
            let e = schema_ident(bad).unwrap_err();
            assert_eq!(e.code(), "bad_schema_name", "{bad}");
        }
    }

    #[test]
    fn ddl_checks_codes_from_the_core() {
        let ddl = schema::ddl("\"s\"");
        assert!(ddl.contains("CHECK (kind IN ('safety_evaluation', 'social_service'))"));
        assert!(ddl.contains("fee_yuan numeric NOT NULL"));
        assert!(ddl.contains("check_in timestamptz NOT NULL"));
        assert!(ddl.contains("CREATE TABLE IF NOT EXISTS \"s\".complaint_contacts"));
        assert!(!ddl.contains("double precision NOT NULL,\n    fee"));
    }
}
