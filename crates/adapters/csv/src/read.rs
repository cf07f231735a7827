//! Reading a dataset: every file of part B into [`Tables`], then [`Dataset::new`], all or nothing.

use crate::cell::*;
use crate::error::{LoadError, LoadErrors, ERROR_CAP};
use crate::schema::columns;
use csv::ByteRecord;
use rustc_hash::FxHashSet;
use std::collections::BTreeMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use zhongjie_core::*;

/// The problems of one file, the first [`ERROR_CAP`] kept, the rest counted.
struct Sink {
    table: TableName,
    errors: Vec<LoadError>,
    total: usize,
    /// Some row or the header was refused: the table is not whole, so references into it
    /// cannot be judged.
    incomplete: bool,
}

impl Sink {
    fn new(table: TableName) -> Sink {
        Sink {
            table,
            errors: Vec::new(),
            total: 0,
            incomplete: false,
        }
    }

    fn push(
        &mut self,
        line: Option<usize>,
        column: Option<&str>,
        code: &'static str,
        message: impl FnOnce() -> String,
    ) {
        self.incomplete = true;
        self.total += 1;
        if self.errors.len() < ERROR_CAP {
            self.errors.push(LoadError {
                file: self.table.file_name().to_owned(),
                line,
                column: column.map(str::to_owned),
                code,
                message: message(),
            });
        }
    }
}

/// Where the columns of part B are in the file's header.
struct Header {
    /// For each column of [`columns`], its field index.
    pos: Vec<Option<usize>>,
    width: usize,
}

/// One record being parsed.
struct Row<'r, 's> {
    rec: &'r ByteRecord,
    header: &'r Header,
    line: usize,
    sink: &'s mut Sink,
}

impl<'r> Row<'r, '_> {
    fn column_name(&self, col: usize) -> &'static str {
        columns(self.sink.table).get(col).copied().unwrap_or("?")
    }

    fn error(&mut self, col: usize, code: &'static str, message: impl FnOnce() -> String) {
        let name = self.column_name(col);
        self.sink.push(Some(self.line), Some(name), code, message);
    }

    /// The cell's text; `None` when the column is missing (already reported) or the cell is not
    /// UTF-8 (reported here).
    fn cell(&mut self, col: usize) -> Option<&'r str> {
        let i = self.header.pos.get(col).copied().flatten()?;
        let bytes = self.rec.get(i)?;
        match std::str::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                let at = e.valid_up_to();
                self.error(col, "bad_utf8", || {
                    format!(
                        "单元格不是有效的 UTF-8 文本（第 {} 个字节起），应为 UTF-8 编码",
                        at + 1
                    )
                });
                None
            }
        }
    }

    /// A required cell.
    fn req<T>(&mut self, col: usize, k: Kind<T>) -> Option<T> {
        let s = self.cell(col)?;
        if s.is_empty() {
            self.error(col, "missing_value", || {
                format!("必填项为空，应填写{}", k.what)
            });
            return None;
        }
        self.parsed(col, s, k)
    }

    /// An optional cell: `Some(None)` when empty.
    fn opt<T>(&mut self, col: usize, k: Kind<T>) -> Option<Option<T>> {
        let s = self.cell(col)?;
        if s.is_empty() {
            return Some(None);
        }
        self.parsed(col, s, k).map(Some)
    }

    /// A list: values joined by `;`, empty cell = empty list.
    fn list<T>(&mut self, col: usize, k: Kind<T>) -> Option<Vec<T>> {
        let s = self.cell(col)?;
        if s.is_empty() {
            return Some(Vec::new());
        }
        let mut out = Vec::new();
        let mut ok = true;
        for part in s.split(';') {
            match (k.parse)(part) {
                Ok(v) => out.push(v),
                Err(b) => {
                    ok = false;
                    self.error(col, b.code, || {
                        format!("列表（以 ; 分隔，不含空格）中的一项有误：{}", b.message)
                    });
                }
            }
        }
        ok.then_some(out)
    }

    fn parsed<T>(&mut self, col: usize, s: &str, k: Kind<T>) -> Option<T> {
        match (k.parse)(s) {
            Ok(v) => Some(v),
            Err(b) => {
                self.error(col, b.code, || b.message);
                None
            }
        }
    }
}

/// The rows of one file and the line of each.
struct Parsed<T> {
    rows: Vec<T>,
    lines: Vec<u32>,
    sink: Sink,
}

fn parse_header(rec: &ByteRecord, line: usize, sink: &mut Sink) -> Header {
    let cols = columns(sink.table);
    let mut pos: Vec<Option<usize>> = vec![None; cols.len()];
    let mut seen: FxHashSet<&[u8]> = FxHashSet::default();
    let file = sink.table.file_name();
    for (i, name) in rec.iter().enumerate() {
        let Ok(text) = std::str::from_utf8(name) else {
            sink.push(Some(line), None, "bad_utf8", || {
                format!("表头第 {} 个列名不是有效的 UTF-8 文本", i + 1)
            });
            continue;
        };
        if text.is_empty() {
            sink.push(Some(line), None, "unknown_column", || {
                format!(
                    "表头第 {} 个列名为空（多余的逗号？），{file} 的列应为：{}",
                    i + 1,
                    cols.join(",")
                )
            });
            continue;
        }
        if !seen.insert(name) {
            sink.push(Some(line), Some(text), "duplicate_column", || {
                format!("列 `{}` 在表头中重复出现，每列只能出现一次", show(text))
            });
            continue;
        }
        match cols.iter().position(|c| *c == text) {
            Some(c) => pos[c] = Some(i),
            None => sink.push(Some(line), Some(text), "unknown_column", || {
                format!(
                    "未知的列 `{}`，{} 的列应为：{}",
                    show(text),
                    file,
                    cols.join(",")
                )
            }),
        }
    }
    for (c, p) in cols.iter().zip(&pos) {
        if p.is_none() {
            sink.push(Some(line), Some(c), "missing_column", || {
                format!("表头缺少列 `{c}`（即使该列可为空，也必须出现在表头中）")
            });
        }
    }
    Header {
        pos,
        width: rec.len(),
    }
}

fn read_csv<R: Read, T>(
    src: R,
    table: TableName,
    parse: fn(&mut Row<'_, '_>) -> Option<T>,
) -> Parsed<T> {
    let mut sink = Sink::new(table);
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(src);
    let mut rec = ByteRecord::new();
    let line_of = |rec: &ByteRecord| {
        rec.position()
            .map_or(0, |p| usize::try_from(p.line()).unwrap_or(usize::MAX))
    };
    let header = match rdr.read_byte_record(&mut rec) {
        Ok(true) => {
            let line = line_of(&rec);
            parse_header(&rec, line, &mut sink)
        }
        Ok(false) => {
            let cols = columns(table).join(",");
            sink.push(None, None, "missing_column", || {
                format!("文件为空，缺少表头行，应为：{cols}")
            });
            return Parsed { rows, lines, sink };
        }
        Err(e) => {
            read_error(&mut sink, &e);
            return Parsed { rows, lines, sink };
        }
    };
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                read_error(&mut sink, &e);
                break;
            }
        }
        let line = line_of(&rec);
        if rec.len() != header.width {
            let (n, w) = (rec.len(), header.width);
            sink.push(Some(line), None, "bad_csv", || {
                format!(
                    "该行有 {n} 个字段，表头有 {w} 个，应与表头一致（含逗号的值须用双引号括起）"
                )
            });
            continue;
        }
        let mut row = Row {
            rec: &rec,
            header: &header,
            line,
            sink: &mut sink,
        };
        match parse(&mut row) {
            Some(v) => {
                rows.push(v);
                lines.push(u32::try_from(line).unwrap_or(u32::MAX));
            }
            None => sink.incomplete = true,
        }
    }
    Parsed { rows, lines, sink }
}

fn read_error(sink: &mut Sink, e: &csv::Error) {
    let line = e
        .position()
        .map(|p| usize::try_from(p.line()).unwrap_or(usize::MAX));
    match e.kind() {
        csv::ErrorKind::Io(io) => {
            let msg = io.to_string();
            sink.push(line, None, "io", || format!("读取文件失败：{msg}"));
        }
        _ => {
            let msg = e.to_string();
            sink.push(line, None, "bad_csv", || {
                format!("不是合规的 CSV（RFC 4180）：{msg}")
            });
        }
    }
}

/// Where a file comes from.
enum Source<'a> {
    Missing,
    Bytes(&'a [u8]),
    Path(PathBuf),
}

fn load<T>(
    src: Source<'_>,
    table: TableName,
    parse: fn(&mut Row<'_, '_>) -> Option<T>,
) -> Parsed<T> {
    let missing = |table: TableName| {
        let mut sink = Sink::new(table);
        if table.required() {
            sink.push(None, None, "missing_file", || {
                format!("缺少必需的文件 {}（{}）", table.file_name(), table.zh())
            });
        }
        Parsed {
            rows: Vec::new(),
            lines: Vec::new(),
            sink,
        }
    };
    match src {
        Source::Missing => missing(table),
        Source::Bytes(b) => read_csv(b, table, parse),
        Source::Path(p) => match File::open(&p) {
            Ok(f) => read_csv(f, table, parse),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => missing(table),
            Err(e) => {
                let mut sink = Sink::new(table);
                let msg = io_reason(&e);
                sink.push(None, None, "io", || format!("无法打开文件：{msg}"));
                Parsed {
                    rows: Vec::new(),
                    lines: Vec::new(),
                    sink,
                }
            }
        },
    }
}

fn agency(r: &mut Row<'_, '_>) -> Option<Agency> {
    let id = r.req(0, AGENCY_ID);
    let name = r.req(1, TEXT);
    let kind = r.req(2, AGENCY_KIND);
    let uscc = r.req(3, USCC);
    let region = r.req(4, REGION);
    let parent = r.opt(5, AGENCY_ID);
    let qualified_until = r.opt(6, DATE);
    let scopes = r.list(7, SCOPE);
    let status = r.req(8, AGENCY_STATUS);
    Some(Agency {
        id: id?,
        name: name?,
        kind: kind?,
        uscc: uscc?,
        region: region?,
        parent: parent?,
        qualified_until: qualified_until?,
        scopes: scopes?,
        status: status?,
    })
}

fn practitioner(r: &mut Row<'_, '_>) -> Option<Practitioner> {
    let id = r.req(0, PRACTITIONER_ID);
    let name = r.req(1, TEXT);
    let id_number = r.req(2, RESIDENT_ID);
    let agency = r.req(3, AGENCY_ID);
    let evaluator_level = r.opt(4, EVALUATOR_LEVEL);
    let safety_engineer = r.opt(5, ENGINEER_GRADE);
    let title = r.req(6, TITLE);
    let specialties = r.list(7, INDUSTRY_SCOPE);
    let practice_since = r.opt(8, DATE);
    let expert_pool = r.req(9, BOOL);
    Some(Practitioner {
        id: id?,
        name: name?,
        id_number: id_number?,
        agency: agency?,
        evaluator_level: evaluator_level?,
        safety_engineer: safety_engineer?,
        title: title?,
        specialties: specialties?,
        practice_since: practice_since?,
        expert_pool: expert_pool?,
    })
}

fn certificate(r: &mut Row<'_, '_>) -> Option<Certificate> {
    let practitioner = r.req(0, PRACTITIONER_ID);
    let kind = r.req(1, CERT_KIND);
    let number = r.req(2, TEXT);
    let valid_from = r.req(3, DATE);
    let valid_until = r.opt(4, DATE);
    let verification = r.req(5, VERIFICATION);
    Some(Certificate {
        practitioner: practitioner?,
        kind: kind?,
        number: number?,
        valid_from: valid_from?,
        valid_until: valid_until?,
        verification: verification?,
    })
}

fn contribution(r: &mut Row<'_, '_>) -> Option<Contribution> {
    let id_number = r.req(0, RESIDENT_ID);
    let payer = r.req(1, USCC);
    let month = r.req(2, MONTH);
    let kind = r.req(3, CONTRIBUTION_KIND);
    Some(Contribution {
        id_number: id_number?,
        payer: payer?,
        month: month?,
        kind: kind?,
    })
}

fn project(r: &mut Row<'_, '_>) -> Option<Project> {
    let id = r.req(0, PROJECT_ID);
    let agency = r.req(1, AGENCY_ID);
    let service_type = r.req(2, SERVICE_TYPE);
    let scope = r.opt(3, INDUSTRY_SCOPE);
    let client_uscc = r.req(4, USCC);
    let client_name = r.req(5, TEXT);
    let site_region = r.req(6, REGION);
    let contract_signed_on = r.req(7, DATE);
    let notice_filed_on = r.opt(8, DATE);
    let service_started_on = r.opt(9, DATE);
    let service_ended_on = r.opt(10, DATE);
    let report_uploaded_on = r.opt(11, DATE);
    let government_funded = r.req(12, BOOL);
    let fee_yuan = r.req(13, DECIMAL);
    Some(Project {
        id: id?,
        agency: agency?,
        service_type: service_type?,
        scope: scope?,
        client_uscc: client_uscc?,
        client_name: client_name?,
        site_region: site_region?,
        contract_signed_on: contract_signed_on?,
        notice_filed_on: notice_filed_on?,
        service_started_on: service_started_on?,
        service_ended_on: service_ended_on?,
        report_uploaded_on: report_uploaded_on?,
        government_funded: government_funded?,
        fee_yuan: fee_yuan?,
    })
}

fn team_member(r: &mut Row<'_, '_>) -> Option<TeamMember> {
    let project = r.req(0, PROJECT_ID);
    let practitioner = r.req(1, PRACTITIONER_ID);
    let role = r.req(2, ROLE);
    Some(TeamMember {
        project: project?,
        practitioner: practitioner?,
        role: role?,
    })
}

fn attendance(r: &mut Row<'_, '_>) -> Option<Attendance> {
    let id = r.req(0, RECORD_ID);
    let project = r.req(1, PROJECT_ID);
    let practitioner = r.req(2, PRACTITIONER_ID);
    let check_in = r.req(3, DATETIME);
    let check_out = r.req(4, DATETIME);
    let lat = r.req(5, LAT);
    let lon = r.req(6, LON);
    Some(Attendance {
        id: id?,
        project: project?,
        practitioner: practitioner?,
        check_in: check_in?,
        check_out: check_out?,
        lat: lat?,
        lon: lon?,
    })
}

fn stage(r: &mut Row<'_, '_>) -> Option<StageRecord> {
    let project = r.req(0, PROJECT_ID);
    let stage = r.req(1, STAGE);
    let completed_on = r.req(2, DATE);
    let evidence = r.opt(3, TEXT);
    Some(StageRecord {
        project: project?,
        stage: stage?,
        completed_on: completed_on?,
        evidence: evidence?,
    })
}

fn complaint(r: &mut Row<'_, '_>) -> Option<Complaint> {
    let id = r.req(0, COMPLAINT_ID);
    let received_on = r.req(1, DATE);
    let agency = r.req(2, AGENCY_ID);
    let practitioner = r.opt(3, PRACTITIONER_ID);
    let category = r.req(4, COMPLAINT_CATEGORY);
    let status = r.req(5, COMPLAINT_STATUS);
    let closed_on = r.opt(6, DATE);
    // Confidential: any text is accepted and never repeated.
    let reporter_contact = r.opt(7, TEXT);
    Some(Complaint {
        id: id?,
        received_on: received_on?,
        agency: agency?,
        practitioner: practitioner?,
        category: category?,
        status: status?,
        closed_on: closed_on?,
        reporter_contact: reporter_contact?.map(Confidential::new),
    })
}

fn client_event(r: &mut Row<'_, '_>) -> Option<ClientEvent> {
    let id = r.req(0, EVENT_ID);
    let client_uscc = r.req(1, USCC);
    let kind = r.req(2, CLIENT_EVENT_KIND);
    let occurred_on = r.req(3, DATE);
    let severity = r.opt(4, SEVERITY);
    let deaths = r.opt(5, DEATHS);
    Some(ClientEvent {
        id: id?,
        client_uscc: client_uscc?,
        kind: kind?,
        occurred_on: occurred_on?,
        severity: severity?,
        deaths: deaths?.unwrap_or(0),
    })
}

fn sanction(r: &mut Row<'_, '_>) -> Option<Sanction> {
    let id = r.req(0, SANCTION_ID);
    let subject_kind = r.req(1, SUBJECT_KIND);
    let subject_id = r.req(2, ANY_ID);
    let measure = r.req(3, MEASURE);
    let violation = r.req(4, VIOLATION);
    let decided_on = r.req(5, DATE);
    let fine_yuan = r.opt(6, DECIMAL);
    let ends_on = r.opt(7, DATE);
    let subject_id = subject_id?;
    let subject = match subject_kind? {
        SubjectKind::Agency => Subject::Agency(subject_id.parse().ok()?),
        SubjectKind::Practitioner => Subject::Practitioner(subject_id.parse().ok()?),
    };
    Some(Sanction {
        id: id?,
        subject,
        measure: measure?,
        violation: violation?,
        decided_on: decided_on?,
        fine_yuan: fine_yuan?,
        ends_on: ends_on?,
    })
}

fn exam(r: &mut Row<'_, '_>) -> Option<Exam> {
    let practitioner = r.req(0, PRACTITIONER_ID);
    let exam = r.req(1, EXAM_ID);
    let taken_on = r.req(2, DATE);
    let score = r.req(3, SCORE);
    Some(Exam {
        practitioner: practitioner?,
        exam: exam?,
        taken_on: taken_on?,
        score: score?,
    })
}

fn inspection(r: &mut Row<'_, '_>) -> Option<Inspection> {
    let id = r.req(0, INSPECTION_ID);
    let agency = r.req(1, AGENCY_ID);
    let inspected_on = r.req(2, DATE);
    let kind = r.req(3, INSPECTION_KIND);
    let result = r.req(4, INSPECTION_RESULT);
    Some(Inspection {
        id: id?,
        agency: agency?,
        inspected_on: inspected_on?,
        kind: kind?,
        result: result?,
    })
}

/// Rows with the same four values are one fact: keep the first. Sorting (rather than hashing)
/// keeps the memory access sequential on millions of rows.
fn collapse_contributions(p: &mut Parsed<Contribution>) {
    let n = p.rows.len();
    let mut order: Vec<u32> = (0..n)
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    order.sort_unstable_by(|&a, &b| {
        let (x, y) = (&p.rows[a as usize], &p.rows[b as usize]);
        x.cmp(y).then(a.cmp(&b))
    });
    let mut keep = vec![true; n];
    let mut any = false;
    for w in order.windows(2) {
        if p.rows[w[0] as usize] == p.rows[w[1] as usize] {
            keep[w[1] as usize] = false;
            any = true;
        }
    }
    if !any {
        return;
    }
    let mut i = 0;
    p.rows.retain(|_| {
        i += 1;
        keep[i - 1]
    });
    let mut i = 0;
    p.lines.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

/// The parsed rows of any file.
enum Loaded {
    Agencies(Parsed<Agency>),
    Practitioners(Parsed<Practitioner>),
    Certificates(Parsed<Certificate>),
    Contributions(Parsed<Contribution>),
    Projects(Parsed<Project>),
    Team(Parsed<TeamMember>),
    Attendance(Parsed<Attendance>),
    Stages(Parsed<StageRecord>),
    Complaints(Parsed<Complaint>),
    ClientEvents(Parsed<ClientEvent>),
    Sanctions(Parsed<Sanction>),
    Exams(Parsed<Exam>),
    Inspections(Parsed<Inspection>),
}

fn load_any(table: TableName, src: Source<'_>) -> Loaded {
    use TableName as T;
    match table {
        T::Agencies => Loaded::Agencies(load(src, table, agency)),
        T::Practitioners => Loaded::Practitioners(load(src, table, practitioner)),
        T::Certificates => Loaded::Certificates(load(src, table, certificate)),
        T::Contributions => {
            let mut p = load(src, table, contribution);
            collapse_contributions(&mut p);
            Loaded::Contributions(p)
        }
        T::Projects => Loaded::Projects(load(src, table, project)),
        T::Team => Loaded::Team(load(src, table, team_member)),
        T::Attendance => Loaded::Attendance(load(src, table, attendance)),
        T::Stages => Loaded::Stages(load(src, table, stage)),
        T::Complaints => Loaded::Complaints(load(src, table, complaint)),
        T::ClientEvents => Loaded::ClientEvents(load(src, table, client_event)),
        T::Sanctions => Loaded::Sanctions(load(src, table, sanction)),
        T::Exams => Loaded::Exams(load(src, table, exam)),
        T::Inspections => Loaded::Inspections(load(src, table, inspection)),
    }
}

/// How many threads read files: one per core where threads exist, else the caller's alone.
fn workers() -> usize {
    if cfg!(all(target_family = "wasm", not(target_feature = "atomics"))) {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Reads every file, largest first, on as many threads as there are cores (files are
/// independent, so this is an easy win on the big ones: attendance, contributions).
fn load_all(mut jobs: Vec<(TableName, Source<'_>, u64)>) -> Vec<Loaded> {
    // Ascending by size: `pop` hands out the largest first.
    jobs.sort_by_key(|j| j.2);
    // Below a megabyte a helper thread costs more than it saves.
    let total: u64 = jobs.iter().map(|j| j.2).sum();
    let n = if total < 1 << 20 { 1 } else { workers() };
    let queue = std::sync::Mutex::new(jobs);
    let work = || {
        let mut out = Vec::new();
        loop {
            let job = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
            match job {
                Some((table, src, _)) => out.push(load_any(table, src)),
                None => return out,
            }
        }
    };
    let n = n.clamp(1, TableName::ALL.len());
    if n == 1 {
        // No helper threads (WebAssembly, or a single core): no scope either.
        return work();
    }
    std::thread::scope(|s| {
        let helpers: Vec<_> = (1..n)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(s, work).ok())
            .collect();
        let mut all = work();
        for h in helpers {
            // A helper only ends by returning: the readers do not panic.
            if let Ok(mut v) = h.join() {
                all.append(&mut v);
            }
        }
        all
    })
}

/// Reads the files of part B from `sources` and checks the whole.
fn read_all(sources: Vec<(TableName, Source<'_>, u64)>) -> Result<Dataset, LoadErrors> {
    let mut tables = Tables::default();
    let mut sinks: Vec<Sink> = TableName::ALL.iter().map(|t| Sink::new(*t)).collect();
    let mut lines: Vec<Vec<u32>> = vec![Vec::new(); TableName::ALL.len()];
    let mut seen = [false; 13];
    for loaded in load_all(sources) {
        macro_rules! take {
            ($p:expr, $field:ident) => {{
                let p = $p;
                let i = table_index(p.sink.table);
                seen[i] = true;
                tables.$field = p.rows;
                lines[i] = p.lines;
                sinks[i] = p.sink;
            }};
        }
        match loaded {
            Loaded::Agencies(p) => take!(p, agencies),
            Loaded::Practitioners(p) => take!(p, practitioners),
            Loaded::Certificates(p) => take!(p, certificates),
            Loaded::Contributions(p) => take!(p, contributions),
            Loaded::Projects(p) => take!(p, projects),
            Loaded::Team(p) => take!(p, team),
            Loaded::Attendance(p) => take!(p, attendance),
            Loaded::Stages(p) => take!(p, stages),
            Loaded::Complaints(p) => take!(p, complaints),
            Loaded::ClientEvents(p) => take!(p, client_events),
            Loaded::Sanctions(p) => take!(p, sanctions),
            Loaded::Exams(p) => take!(p, exams),
            Loaded::Inspections(p) => take!(p, inspections),
        }
    }
    for (i, sink) in sinks.iter_mut().enumerate() {
        if !seen[i] {
            sink.push(None, None, "io", || {
                "读取线程异常终止，文件未能读取".to_owned()
            });
        }
    }
    let incomplete: Vec<TableName> = sinks
        .iter()
        .filter(|s| s.incomplete)
        .map(|s| s.table)
        .collect();
    match Dataset::new(tables) {
        Ok(ds) if incomplete.is_empty() => Ok(ds),
        Ok(_) => Err(merge(&mut sinks, &lines, Vec::new())),
        Err(integrity) => {
            // A reference into a file with refused rows may name one of those rows: it
            // cannot be judged, so it is not reported.
            let integrity = integrity
                .into_iter()
                .filter(|e| match &e.kind {
                    IntegrityKind::Dangling { target, .. } => !incomplete.contains(target),
                    _ => true,
                })
                .collect();
            Err(merge(&mut sinks, &lines, integrity))
        }
    }
}

fn table_index(t: TableName) -> usize {
    TableName::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

fn integrity_error(e: &IntegrityError, lines: &[u32]) -> LoadError {
    let line_of = |row: usize| lines.get(row).map(|&l| l as usize);
    let message = match &e.kind {
        IntegrityKind::Duplicate { value, first_row } => match line_of(*first_row) {
            Some(l) => format!("重复的值 `{}`（第 {l} 行已出现），应唯一", show(value)),
            None => format!("重复的值 `{}`，应唯一", show(value)),
        },
        _ => e.message(),
    };
    LoadError {
        file: e.table.file_name().to_owned(),
        line: line_of(e.row),
        column: Some(e.column.to_owned()),
        code: e.code(),
        message,
    }
}

/// Errors by file in the order of part B, then by line; the first [`ERROR_CAP`] kept.
fn merge(sinks: &mut [Sink], lines: &[Vec<u32>], integrity: Vec<IntegrityError>) -> LoadErrors {
    let mut out = LoadErrors::default();
    let mut total = 0usize;
    let mut integrity = integrity.into_iter().peekable();
    for (i, sink) in sinks.iter_mut().enumerate() {
        let table = sink.table;
        total += sink.total;
        let mut mine: Vec<LoadError> = std::mem::take(&mut sink.errors);
        let empty = Vec::new();
        let table_lines = lines.get(i).unwrap_or(&empty);
        while let Some(e) = integrity.next_if(|e| e.table == table) {
            total += 1;
            if mine.len() < 2 * ERROR_CAP {
                mine.push(integrity_error(&e, table_lines));
            }
        }
        // Stable: header problems (line 1) first, then by line; whole-file problems first.
        mine.sort_by_key(|e| e.line.unwrap_or(0));
        for e in mine {
            if out.errors.len() < ERROR_CAP {
                out.errors.push(e);
            }
        }
    }
    // Integrity errors of tables out of order (none expected): counted, listed if room.
    for e in integrity {
        total += 1;
        if out.errors.len() < ERROR_CAP {
            let idx = TableName::ALL
                .iter()
                .position(|t| *t == e.table)
                .unwrap_or(0);
            let empty = Vec::new();
            out.errors
                .push(integrity_error(&e, lines.get(idx).unwrap_or(&empty)));
        }
    }
    out.omitted = total.saturating_sub(out.errors.len());
    out
}

/// Reads a dataset folder (exchange v1 parts A and B) and checks it: the whole dataset, or every
/// problem found (up to [`ERROR_CAP`], then a count).
pub fn read_dataset(dir: &Path) -> Result<Dataset, LoadErrors> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return Err(folder_error(dir, "不是文件夹".to_owned())),
        Err(e) => return Err(folder_error(dir, io_reason(&e))),
    }
    let sources = TableName::ALL
        .into_iter()
        .map(|t| {
            let path = dir.join(t.file_name());
            let size = std::fs::metadata(&path).map_or(0, |m| m.len());
            (t, Source::Path(path), size)
        })
        .collect();
    read_all(sources)
}

/// A Chinese reason for the common IO failures, the system's text for the others.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "不存在".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        _ => e.to_string(),
    }
}

fn folder_error(dir: &Path, why: String) -> LoadErrors {
    LoadErrors {
        errors: vec![LoadError {
            file: dir.display().to_string(),
            line: None,
            column: None,
            code: "io",
            message: format!("无法读取数据集文件夹：{why}，应为包含 agencies.csv 等文件的文件夹"),
        }],
        omitted: 0,
    }
}

/// Reads a dataset given as file name → bytes (the same checks as [`read_dataset`]). Names that
/// are not files of part B are ignored.
pub fn read_dataset_from_memory(files: &BTreeMap<String, Vec<u8>>) -> Result<Dataset, LoadErrors> {
    let sources = TableName::ALL
        .into_iter()
        .map(|t| match files.get(t.file_name()) {
            Some(b) => (t, Source::Bytes(b.as_slice()), b.len() as u64),
            None => (t, Source::Missing, 0),
        })
        .collect();
    read_all(sources)
}
