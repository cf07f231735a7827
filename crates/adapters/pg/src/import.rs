//! Import of a dataset: every table by `COPY … FROM STDIN` in one transaction.

use crate::copy::Rows;
use crate::{missing_or, schema_ident, PgError};
use postgres::{Client, Transaction};
use std::io::Write as _;
use zhongjie_core::chrono::{DateTime, FixedOffset, Offset, Timelike, Utc};
use zhongjie_core::{Dataset, Subject, Tables};

/// Rows written per table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportStats {
    /// Database table name and rows written, in the order of part B (`complaint_contacts` after
    /// `complaints`: one row per complaint that has a reporter contact).
    pub rows: Vec<(&'static str, u64)>,
}

impl ImportStats {
    /// All rows written.
    pub fn total(&self) -> u64 {
        self.rows.iter().map(|(_, n)| n).sum()
    }

    /// Rows written to one table (0 when absent).
    pub fn rows_of(&self, table: &str) -> u64 {
        self.rows
            .iter()
            .find(|(t, _)| *t == table)
            .map_or(0, |(_, n)| *n)
    }
}

/// A table to copy: its name, its columns and how to encode it.
struct Copy {
    table: &'static str,
    columns: &'static str,
    encode: fn(&Tables) -> Result<Rows, PgError>,
}

/// The instant in UTC (microseconds) and the offset the source wrote, in seconds.
fn instant(
    dt: &DateTime<FixedOffset>,
    table: &'static str,
    column: &'static str,
    row_no: usize,
) -> Result<(String, i32), PgError> {
    if dt.nanosecond() % 1000 != 0 {
        return Err(PgError::Precision {
            table,
            column,
            row_no,
        });
    }
    let utc = dt.with_timezone(&Utc);
    Ok((
        utc.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
        dt.offset().fix().local_minus_utc(),
    ))
}

const COPIES: [Copy; 14] = [
    Copy {
        table: "agencies",
        columns: "row_no, agency_id, name, kind, uscc, region_code, parent_agency_id, qualified_until, scopes, status",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, a) in t.agencies.iter().enumerate() {
                let scopes: Vec<&str> = a.scopes.iter().map(|x| x.code()).collect();
                rows.push(|r| {
                    r.show(i + 1)
                        .text(a.id.as_str())
                        .text(&a.name)
                        .show(a.kind)
                        .show(a.uscc)
                        .show(a.region)
                        .opt(a.parent.as_ref())
                        .opt(a.qualified_until)
                        .array(&scopes)
                        .show(a.status);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "practitioners",
        columns: "row_no, practitioner_id, name, id_number, agency_id, evaluator_level, registered_safety_engineer, title, specialties, practice_since, expert_pool",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, p) in t.practitioners.iter().enumerate() {
                let specialties: Vec<&str> = p.specialties.iter().map(|x| x.code()).collect();
                rows.push(|r| {
                    r.show(i + 1)
                        .text(p.id.as_str())
                        .text(&p.name)
                        .text(p.id_number.expose())
                        .text(p.agency.as_str())
                        .opt(p.evaluator_level)
                        .opt(p.safety_engineer)
                        .show(p.title)
                        .array(&specialties)
                        .opt(p.practice_since)
                        .bool(p.expert_pool);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "certificates",
        columns: "row_no, practitioner_id, kind, number, valid_from, valid_until, verification",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, c) in t.certificates.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(c.practitioner.as_str())
                        .show(c.kind)
                        .text(&c.number)
                        .show(c.valid_from)
                        .opt(c.valid_until)
                        .show(c.verification);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "contributions",
        columns: "row_no, id_number, payer_uscc, month, kind",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, c) in t.contributions.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(c.id_number.expose())
                        .show(c.payer)
                        .show(c.month.first_day())
                        .show(c.kind);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "projects",
        columns: "row_no, project_id, agency_id, service_type, scope, client_uscc, client_name, site_region_code, contract_signed_on, notice_filed_on, service_started_on, service_ended_on, report_uploaded_on, government_funded, fee_yuan",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, p) in t.projects.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(p.id.as_str())
                        .text(p.agency.as_str())
                        .show(p.service_type)
                        .opt(p.scope)
                        .show(p.client_uscc)
                        .text(&p.client_name)
                        .show(p.site_region)
                        .show(p.contract_signed_on)
                        .opt(p.notice_filed_on)
                        .opt(p.service_started_on)
                        .opt(p.service_ended_on)
                        .opt(p.report_uploaded_on)
                        .bool(p.government_funded)
                        .show(p.fee_yuan);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "team",
        columns: "row_no, project_id, practitioner_id, role",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, m) in t.team.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(m.project.as_str())
                        .text(m.practitioner.as_str())
                        .show(m.role);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "attendance",
        columns: "row_no, record_id, project_id, practitioner_id, check_in, check_in_offset, check_out, check_out_offset, lat, lon",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, a) in t.attendance.iter().enumerate() {
                let (cin, cin_off) = instant(&a.check_in, "attendance", "check_in", i + 1)?;
                let (cout, cout_off) = instant(&a.check_out, "attendance", "check_out", i + 1)?;
                rows.push(|r| {
                    r.show(i + 1)
                        .text(a.id.as_str())
                        .text(a.project.as_str())
                        .text(a.practitioner.as_str())
                        .text(&cin)
                        .show(cin_off)
                        .text(&cout)
                        .show(cout_off)
                        .show(a.lat)
                        .show(a.lon);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "stages",
        columns: "row_no, project_id, stage, completed_on, evidence",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, s) in t.stages.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(s.project.as_str())
                        .show(s.stage)
                        .show(s.completed_on)
                        .opt(s.evidence.as_deref());
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "complaints",
        columns: "row_no, complaint_id, received_on, agency_id, practitioner_id, category, status, closed_on",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, c) in t.complaints.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(c.id.as_str())
                        .show(c.received_on)
                        .text(c.agency.as_str())
                        .opt(c.practitioner.as_ref())
                        .show(c.category)
                        .show(c.status)
                        .opt(c.closed_on);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "complaint_contacts",
        columns: "complaint_id, reporter_contact",
        encode: |t| {
            let mut rows = Rows::default();
            for c in &t.complaints {
                if let Some(contact) = &c.reporter_contact {
                    rows.push(|r| {
                        r.text(c.id.as_str()).text(contact.expose());
                    });
                }
            }
            Ok(rows)
        },
    },
    Copy {
        table: "client_events",
        columns: "row_no, event_id, client_uscc, kind, occurred_on, severity, deaths",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, e) in t.client_events.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(e.id.as_str())
                        .show(e.client_uscc)
                        .show(e.kind)
                        .show(e.occurred_on)
                        .opt(e.severity)
                        .show(e.deaths);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "sanctions",
        columns: "row_no, sanction_id, subject_kind, subject_id, measure, violation, decided_on, fine_yuan, ends_on",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, s) in t.sanctions.iter().enumerate() {
                let subject_id = match &s.subject {
                    Subject::Agency(a) => a.as_str(),
                    Subject::Practitioner(p) => p.as_str(),
                };
                rows.push(|r| {
                    r.show(i + 1)
                        .text(s.id.as_str())
                        .show(s.subject.kind())
                        .text(subject_id)
                        .show(s.measure)
                        .show(s.violation)
                        .show(s.decided_on)
                        .opt(s.fine_yuan)
                        .opt(s.ends_on);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "exams",
        columns: "row_no, practitioner_id, exam_id, taken_on, score",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, x) in t.exams.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(x.practitioner.as_str())
                        .text(x.exam.as_str())
                        .show(x.taken_on)
                        .show(x.score);
                });
            }
            Ok(rows)
        },
    },
    Copy {
        table: "inspections",
        columns: "row_no, inspection_id, agency_id, inspected_on, kind, result",
        encode: |t| {
            let mut rows = Rows::default();
            for (i, x) in t.inspections.iter().enumerate() {
                rows.push(|r| {
                    r.show(i + 1)
                        .text(x.id.as_str())
                        .text(x.agency.as_str())
                        .show(x.inspected_on)
                        .show(x.kind)
                        .show(x.result);
                });
            }
            Ok(rows)
        },
    },
];

/// Refuses a schema that already holds rows, locking its tables against a concurrent import.
fn check_empty(tx: &mut Transaction<'_>, schema: &str, s: &str) -> Result<(), PgError> {
    let tables = crate::schema::DATASET_TABLES;
    let list = tables
        .iter()
        .map(|t| format!("{s}.{t}"))
        .collect::<Vec<_>>()
        .join(", ");
    tx.batch_execute(&format!("LOCK TABLE {list} IN SHARE ROW EXCLUSIVE MODE"))
        .map_err(|e| missing_or(&e, schema, None))?;
    let probe = tables
        .iter()
        .map(|t| format!("SELECT '{t}'::text FROM {s}.{t} HAVING count(*) > 0"))
        .collect::<Vec<_>>()
        .join(" UNION ALL ");
    let rows = tx
        .query(&probe, &[])
        .map_err(|e| missing_or(&e, schema, None))?;
    if let Some(row) = rows.first() {
        let name: String = row.try_get(0).map_err(|e| PgError::db(&e, None))?;
        let table = tables
            .iter()
            .copied()
            .find(|t| *t == name)
            .unwrap_or("agencies");
        return Err(PgError::SchemaNotEmpty {
            schema: schema.to_owned(),
            table,
        });
    }
    Ok(())
}

/// Imports a dataset into an existing, empty schema (see [`crate::create_schema`]): all of it in
/// one transaction, or nothing. Row order is kept (`row_no`, 1-based), so [`crate::export_tables`]
/// gives back the same tables.
pub fn import_dataset(
    client: &mut Client,
    schema: &str,
    ds: &Dataset,
) -> Result<ImportStats, PgError> {
    let s = schema_ident(schema)?;
    let t = ds.tables();
    let mut tx = client.transaction().map_err(|e| PgError::db(&e, None))?;
    check_empty(&mut tx, schema, &s)?;
    tx.batch_execute("SET CONSTRAINTS ALL DEFERRED")
        .map_err(|e| PgError::db(&e, None))?;
    let mut stats = ImportStats::default();
    for c in &COPIES {
        let rows = (c.encode)(t)?;
        if let Some(row_no) = rows.first_nul {
            return Err(PgError::NulCharacter {
                table: c.table,
                row_no,
            });
        }
        if rows.count > 0 {
            let mut w = tx
                .copy_in(&format!("COPY {s}.{} ({}) FROM STDIN", c.table, c.columns))
                .map_err(|e| PgError::db(&e, Some(c.table)))?;
            w.write_all(rows.text.as_bytes()).map_err(|e| PgError::Db {
                sqlstate: String::new(),
                table: Some(c.table),
                message: e.to_string(),
            })?;
            w.finish().map_err(|e| PgError::db(&e, Some(c.table)))?;
        }
        if c.columns.starts_with("row_no") {
            // Rows added later by SQL get the next number after the imported ones.
            let name = format!("{s}.{}", c.table).replace('\'', "''");
            tx.batch_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{name}', 'row_no'), {}, {})",
                rows.count.max(1),
                rows.count > 0
            ))
            .map_err(|e| PgError::db(&e, Some(c.table)))?;
        }
        stats.rows.push((c.table, rows.count));
    }
    tx.commit().map_err(|e| PgError::db(&e, None))?;
    Ok(stats)
}
