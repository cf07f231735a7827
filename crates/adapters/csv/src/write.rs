//! Writing a dataset: every file of part B, in the spec's column order, streaming.

use crate::schema::columns;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::marker::PhantomData;
use std::path::Path;
use zhongjie_core::chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat, Timelike};
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::*;

/// A file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The operating system refused (folder missing and not creatable, disk full, …).
    #[error("无法写入 {file}：{source}")]
    Io {
        /// The file (or folder) concerned.
        file: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl WriteError {
    /// Stable English code of the error class.
    pub fn code(&self) -> &'static str {
        match self {
            WriteError::Io { .. } => "io",
        }
    }
}

fn io_err(file: impl Into<String>) -> impl FnOnce(std::io::Error) -> WriteError {
    let file = file.into();
    move |source| WriteError::Io { file, source }
}

fn csv_err(file: &str) -> impl FnOnce(csv::Error) -> WriteError + '_ {
    move |e| WriteError::Io {
        file: file.to_owned(),
        source: std::io::Error::from(e),
    }
}

/// Writes the cells of one row. Used by [`ExchangeRow`] implementations.
pub struct Cells<'a, W: Write> {
    csv: &'a mut csv::Writer<W>,
    buf: &'a mut Vec<u8>,
}

impl<W: Write> Cells<'_, W> {
    fn raw(&mut self, b: &[u8]) -> csv::Result<()> {
        self.csv.write_field(b)
    }
    fn text(&mut self, s: &str) -> csv::Result<()> {
        self.raw(s.as_bytes())
    }
    fn opt_text(&mut self, s: Option<&str>) -> csv::Result<()> {
        self.text(s.unwrap_or(""))
    }
    fn empty(&mut self) -> csv::Result<()> {
        self.raw(b"")
    }
    fn flag(&mut self, b: bool) -> csv::Result<()> {
        self.text(if b { "true" } else { "false" })
    }
    fn date(&mut self, d: NaiveDate) -> csv::Result<()> {
        self.buf.clear();
        push_date(self.buf, d);
        self.csv.write_field(&*self.buf)
    }
    fn opt_date(&mut self, d: Option<NaiveDate>) -> csv::Result<()> {
        match d {
            Some(d) => self.date(d),
            None => self.empty(),
        }
    }
    fn datetime(&mut self, dt: &DateTime<FixedOffset>) -> csv::Result<()> {
        self.buf.clear();
        push_datetime(self.buf, dt);
        self.csv.write_field(&*self.buf)
    }
    fn display(&mut self, v: impl core::fmt::Display) -> csv::Result<()> {
        self.buf.clear();
        // Writing into a Vec cannot fail.
        let _ = write!(self.buf, "{v}");
        self.csv.write_field(&*self.buf)
    }
    fn decimal(&mut self, d: &Decimal) -> csv::Result<()> {
        self.display(d)
    }
    fn opt_decimal(&mut self, d: Option<&Decimal>) -> csv::Result<()> {
        match d {
            Some(d) => self.decimal(d),
            None => self.empty(),
        }
    }
    fn list<T: Copy>(&mut self, items: &[T], code: impl Fn(T) -> &'static str) -> csv::Result<()> {
        self.buf.clear();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.buf.push(b';');
            }
            self.buf.extend_from_slice(code(*x).as_bytes());
        }
        self.csv.write_field(&*self.buf)
    }
}

fn push_digits(buf: &mut Vec<u8>, v: u32, width: usize) {
    let mut tmp = [b'0'; 10];
    let mut v = v;
    for slot in tmp.iter_mut().rev().take(width) {
        *slot = b'0' + (v % 10) as u8;
        v /= 10;
    }
    buf.extend_from_slice(&tmp[10 - width..]);
}

fn push_date(buf: &mut Vec<u8>, d: NaiveDate) {
    match u32::try_from(d.year()) {
        Ok(y) if y <= 9999 => {
            push_digits(buf, y, 4);
            buf.push(b'-');
            push_digits(buf, d.month(), 2);
            buf.push(b'-');
            push_digits(buf, d.day(), 2);
        }
        // Outside 0000..=9999 no valid exchange file can hold it; write chrono's form.
        _ => {
            let _ = write!(buf, "{d}");
        }
    }
}

/// RFC 3339 keeping the datetime's own offset; fractional seconds only when present.
fn push_datetime(buf: &mut Vec<u8>, dt: &DateTime<FixedOffset>) {
    let local = dt.naive_local();
    let off = dt.offset().local_minus_utc();
    let nanos = local.nanosecond();
    let year_ok = (0..=9999).contains(&local.year());
    if !year_ok || nanos >= 1_000_000_000 || off % 60 != 0 {
        buf.extend_from_slice(dt.to_rfc3339_opts(SecondsFormat::AutoSi, false).as_bytes());
        return;
    }
    push_date(buf, local.date());
    buf.push(b'T');
    push_digits(buf, local.hour(), 2);
    buf.push(b':');
    push_digits(buf, local.minute(), 2);
    buf.push(b':');
    push_digits(buf, local.second(), 2);
    if nanos != 0 {
        buf.push(b'.');
        if nanos % 1_000_000 == 0 {
            push_digits(buf, nanos / 1_000_000, 3);
        } else if nanos % 1_000 == 0 {
            push_digits(buf, nanos / 1_000, 6);
        } else {
            push_digits(buf, nanos, 9);
        }
    }
    buf.push(if off < 0 { b'-' } else { b'+' });
    let m = off.unsigned_abs() / 60;
    push_digits(buf, m / 60, 2);
    buf.push(b':');
    push_digits(buf, m % 60, 2);
}

/// A row of one of the files of part B.
pub trait ExchangeRow {
    /// The file it belongs to.
    const TABLE: TableName;
    /// Writes its cells, in the order of [`crate::columns`]`(Self::TABLE)`.
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()>;
}

impl ExchangeRow for Agency {
    const TABLE: TableName = TableName::Agencies;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id.as_str())?;
        c.text(&self.name)?;
        c.text(self.kind.code())?;
        c.text(self.uscc.as_str())?;
        c.display(self.region)?;
        c.opt_text(self.parent.as_ref().map(AgencyId::as_str))?;
        c.opt_date(self.qualified_until)?;
        c.list(&self.scopes, Scope::code)?;
        c.text(self.status.code())
    }
}

impl ExchangeRow for Practitioner {
    const TABLE: TableName = TableName::Practitioners;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id.as_str())?;
        c.text(&self.name)?;
        c.text(self.id_number.expose())?;
        c.text(self.agency.as_str())?;
        c.opt_text(self.evaluator_level.map(EvaluatorLevel::code))?;
        c.opt_text(self.safety_engineer.map(SafetyEngineerGrade::code))?;
        c.text(self.title.code())?;
        c.list(&self.specialties, IndustryScope::code)?;
        c.opt_date(self.practice_since)?;
        c.flag(self.expert_pool)
    }
}

impl ExchangeRow for Certificate {
    const TABLE: TableName = TableName::Certificates;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.practitioner.as_str())?;
        c.text(self.kind.code())?;
        c.text(&self.number)?;
        c.date(self.valid_from)?;
        c.opt_date(self.valid_until)?;
        c.text(self.verification.code())
    }
}

impl ExchangeRow for Contribution {
    const TABLE: TableName = TableName::Contributions;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id_number.expose())?;
        c.text(self.payer.as_str())?;
        c.display(self.month)?;
        c.text(self.kind.code())
    }
}

impl ExchangeRow for Project {
    const TABLE: TableName = TableName::Projects;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id.as_str())?;
        c.text(self.agency.as_str())?;
        c.text(self.service_type.code())?;
        c.opt_text(self.scope.map(IndustryScope::code))?;
        c.text(self.client_uscc.as_str())?;
        c.text(&self.client_name)?;
        c.display(self.site_region)?;
        c.date(self.contract_signed_on)?;
        c.opt_date(self.notice_filed_on)?;
        c.opt_date(self.service_started_on)?;
        c.opt_date(self.service_ended_on)?;
        c.opt_date(self.report_uploaded_on)?;
        c.flag(self.government_funded)?;
        c.decimal(&self.fee_yuan)
    }
}

impl ExchangeRow for TeamMember {
    const TABLE: TableName = TableName::Team;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.project.as_str())?;
        c.text(self.practitioner.as_str())?;
        c.text(self.role.code())
    }
}

impl ExchangeRow for Attendance {
    const TABLE: TableName = TableName::Attendance;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id.as_str())?;
        c.text(self.project.as_str())?;
        c.text(self.practitioner.as_str())?;
        c.datetime(&self.check_in)?;
        c.datetime(&self.check_out)?;
        // `{}` of an f64 is the shortest text that reads back to the same value, never with an
        // exponent.
        c.display(self.lat)?;
        c.display(self.lon)
    }
}

impl ExchangeRow for StageRecord {
    const TABLE: TableName = TableName::Stages;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.project.as_str())?;
        c.text(self.stage.code())?;
        c.date(self.completed_on)?;
        c.opt_text(self.evidence.as_deref())
    }
}

impl ExchangeRow for Complaint {
    const TABLE: TableName = TableName::Complaints;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id.as_str())?;
        c.date(self.received_on)?;
        c.text(self.agency.as_str())?;
        c.opt_text(self.practitioner.as_ref().map(PractitionerId::as_str))?;
        c.text(self.category.code())?;
        c.text(self.status.code())?;
        c.opt_date(self.closed_on)?;
        c.opt_text(self.reporter_contact.as_ref().map(Confidential::expose))
    }
}

impl ExchangeRow for ClientEvent {
    const TABLE: TableName = TableName::ClientEvents;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id.as_str())?;
        c.text(self.client_uscc.as_str())?;
        c.text(self.kind.code())?;
        c.date(self.occurred_on)?;
        c.opt_text(self.severity.map(Severity::code))?;
        c.display(self.deaths)
    }
}

impl ExchangeRow for Sanction {
    const TABLE: TableName = TableName::Sanctions;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id.as_str())?;
        c.text(self.subject.kind().code())?;
        c.text(self.subject.id())?;
        c.text(self.measure.code())?;
        c.text(self.violation.code())?;
        c.date(self.decided_on)?;
        c.opt_decimal(self.fine_yuan.as_ref())?;
        c.opt_date(self.ends_on)
    }
}

impl ExchangeRow for Exam {
    const TABLE: TableName = TableName::Exams;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.practitioner.as_str())?;
        c.text(self.exam.as_str())?;
        c.date(self.taken_on)?;
        c.display(self.score)
    }
}

impl ExchangeRow for Inspection {
    const TABLE: TableName = TableName::Inspections;
    fn write_cells<W: Write>(&self, c: &mut Cells<'_, W>) -> csv::Result<()> {
        c.text(self.id.as_str())?;
        c.text(self.agency.as_str())?;
        c.date(self.inspected_on)?;
        c.text(self.kind.code())?;
        c.text(self.result.code())
    }
}

/// Streams the rows of one file: the header on creation, then one record per [`write`] call.
/// Nothing is held in memory beyond the output buffer, so millions of rows can be written from
/// an iterator.
///
/// [`write`]: TableWriter::write
pub struct TableWriter<W: Write, R: ExchangeRow> {
    csv: csv::Writer<W>,
    buf: Vec<u8>,
    _row: PhantomData<fn(&R)>,
}

impl<W: Write, R: ExchangeRow> TableWriter<W, R> {
    /// Starts the file `R::TABLE` on `w` and writes its header.
    pub fn new(w: W) -> Result<Self, WriteError> {
        let mut csv = csv::WriterBuilder::new()
            .buffer_capacity(1 << 16)
            .from_writer(w);
        csv.write_record(columns(R::TABLE))
            .map_err(csv_err(R::TABLE.file_name()))?;
        Ok(TableWriter {
            csv,
            buf: Vec::with_capacity(64),
            _row: PhantomData,
        })
    }

    /// Writes one row.
    pub fn write(&mut self, row: &R) -> Result<(), WriteError> {
        let file = R::TABLE.file_name();
        let mut cells = Cells {
            csv: &mut self.csv,
            buf: &mut self.buf,
        };
        row.write_cells(&mut cells).map_err(csv_err(file))?;
        self.csv.write_record(None::<&[u8]>).map_err(csv_err(file))
    }

    /// Flushes and gives the underlying writer back.
    pub fn finish(self) -> Result<W, WriteError> {
        let file = R::TABLE.file_name();
        self.csv.into_inner().map_err(|e| WriteError::Io {
            file: file.to_owned(),
            source: e.into_error(),
        })
    }
}

/// Writes all `rows` as the file `R::TABLE` (header first) to `w`.
pub fn write_rows_to<'a, W: Write, R: ExchangeRow + 'a>(
    w: W,
    rows: impl IntoIterator<Item = &'a R>,
) -> Result<W, WriteError> {
    let mut tw = TableWriter::<W, R>::new(w)?;
    for r in rows {
        tw.write(r)?;
    }
    tw.finish()
}

/// Writes the file `table` of `t` to `w` (header only when the table is empty).
pub fn write_table_to<W: Write>(w: W, t: &Tables, table: TableName) -> Result<W, WriteError> {
    match table {
        TableName::Agencies => write_rows_to(w, &t.agencies),
        TableName::Practitioners => write_rows_to(w, &t.practitioners),
        TableName::Certificates => write_rows_to(w, &t.certificates),
        TableName::Contributions => write_rows_to(w, &t.contributions),
        TableName::Projects => write_rows_to(w, &t.projects),
        TableName::Team => write_rows_to(w, &t.team),
        TableName::Attendance => write_rows_to(w, &t.attendance),
        TableName::Stages => write_rows_to(w, &t.stages),
        TableName::Complaints => write_rows_to(w, &t.complaints),
        TableName::ClientEvents => write_rows_to(w, &t.client_events),
        TableName::Sanctions => write_rows_to(w, &t.sanctions),
        TableName::Exams => write_rows_to(w, &t.exams),
        TableName::Inspections => write_rows_to(w, &t.inspections),
    }
}

/// Creates (or truncates) `dir/<file>` for streaming one file, buffered.
pub fn create_table_file<R: ExchangeRow>(
    dir: &Path,
) -> Result<TableWriter<BufWriter<File>, R>, WriteError> {
    let path = dir.join(R::TABLE.file_name());
    let f = File::create(&path).map_err(io_err(path.display().to_string()))?;
    TableWriter::new(BufWriter::with_capacity(1 << 16, f))
}

/// Writes all 13 files of part B into `dir` (created if missing), in the spec's column order;
/// an empty table gets its header only.
pub fn write_dataset(dir: &Path, t: &Tables) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(io_err(dir.display().to_string()))?;
    for table in TableName::ALL {
        let path = dir.join(table.file_name());
        let f = File::create(&path).map_err(io_err(path.display().to_string()))?;
        let mut w = write_table_to(BufWriter::with_capacity(1 << 16, f), t, table)?;
        w.flush().map_err(io_err(path.display().to_string()))?;
    }
    Ok(())
}

/// All 13 files of part B in memory: file name → bytes.
pub fn write_dataset_to_memory(t: &Tables) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for table in TableName::ALL {
        // Writing into a Vec cannot fail.
        if let Ok(bytes) = write_table_to(Vec::new(), t, table) {
            out.insert(table.file_name().to_owned(), bytes);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use zhongjie_core::time::{parse_date, parse_datetime};

    fn agency() -> Agency {
        Agency {
            id: "R1".parse().unwrap(),
            name: "R1安全技术服务有限公司，杭州".into(),
            kind: AgencyKind::SocialService,
            uscc: "91330106310000006N".parse().unwrap(),
            region: "330106".parse().unwrap(),
            parent: None,
            qualified_until: parse_date("2026-01-31"),
            scopes: vec![
                Scope::Service(ServiceType::Consulting),
                Scope::Industry(IndustryScope::Fireworks),
            ],
            status: AgencyStatus::Active,
        }
    }

    #[test]
    fn agencies_file_has_spec_header_and_quotes_only_when_needed() {
        let t = Tables {
            agencies: vec![agency()],
            ..Tables::default()
        };
        let bytes = write_table_to(Vec::new(), &t, TableName::Agencies).unwrap();
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "agency_id,name,kind,uscc,region_code,parent_agency_id,qualified_until,scopes,status\n\
             R1,R1安全技术服务有限公司，杭州,social_service,91330106310000006N,330106,,2026-01-31,consulting;fireworks,active\n"
        );
    }

    #[test]
    fn datetimes_keep_their_offset_and_fraction() {
        let mut buf = Vec::new();
        for s in [
            "2024-07-01T09:30:00+08:00",
            "2024-07-01T01:30:00+00:00",
            "2024-07-01T09:30:00.5-05:30",
            "2024-07-01T09:30:00.000123+08:00",
            "2024-07-01T09:30:00.000000007+08:00",
        ] {
            buf.clear();
            push_datetime(&mut buf, &parse_datetime(s).unwrap());
            let out = String::from_utf8(buf.clone()).unwrap();
            let expected = s.replace(".5-", ".500-");
            assert_eq!(out, expected);
            assert_eq!(parse_datetime(&out), parse_datetime(s));
        }
        buf.clear();
        push_datetime(&mut buf, &parse_datetime("2024-07-01T01:30:00Z").unwrap());
        assert_eq!(buf, b"2024-07-01T01:30:00+00:00");
    }

    #[test]
    fn empty_tables_give_headers_only() {
        let files = write_dataset_to_memory(&Tables::default());
        assert_eq!(files.len(), 13);
        assert_eq!(files["team.csv"], b"project_id,practitioner_id,role\n");
    }

    #[test]
    fn text_with_comma_quote_or_newline_is_quoted() {
        let mut a = agency();
        a.name = "甲,\"乙\"\n丙".into();
        let t = Tables {
            agencies: vec![a],
            ..Tables::default()
        };
        let bytes = write_table_to(Vec::new(), &t, TableName::Agencies).unwrap();
        let s = String::from_utf8(bytes).unwrap();
        assert!(s.contains(",\"甲,\"\"乙\"\"\n丙\","), "{s}");
    }
}
