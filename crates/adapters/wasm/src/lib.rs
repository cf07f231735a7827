//! # zhongjie-wasm
//!
//! The browser calculator (自查计算器): an agency pastes or drops the CSV files of a small
//! exchange-v1 dataset, picks an as-of date, and sees what the supervision run of part C says
//! about it — grades, stars, findings, the must-inspect list and the Chinese explanations — without
//! the data leaving the browser.
//!
//! Every function here takes text and returns text (JSON) and never fails: the answer is a tagged
//! value, either
//!
//! ```json
//! {"status": "success", "as_of": "2024-11-30", "pack": "zj-2024@1.0.0", ...}
//! ```
//!
//! or
//!
//! ```json
//! {"status": "failure", "errors": [{"code": "bad_uscc", "file": "agencies.csv", "line": 2,
//!   "column": "uscc", "message": "…"}], "omitted": 0}
//! ```
//!
//! Error codes are stable English; messages are Chinese. The input `files_json` is a JSON object
//! from file name to the file's text: `{"agencies.csv": "agency_id,name,...\n...", ...}`; only the
//! names of exchange v1 part B are accepted, `agencies.csv` and `practitioners.csv` are required.
//! An optional rule-pack TOML text replaces the built-in `zj-2024` pack.
//!
//! The logic is plain Rust (tested natively); the wasm-bindgen exports of the `bindgen` feature
//! are thin wrappers with the same names. Nothing here reads the clock, the file system or a
//! random source: the as-of date is always an argument.

use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{Dataset, PackError, RulePack, TableName};
use zhongjie_scoring::{render, RunOutput};

#[cfg(feature = "bindgen")]
mod bindings;

/// One problem with a request: a stable English code, a Chinese message and, for a problem in a
/// file, where it is. Never holds a `reporter_contact` or a full resident ID number (the CSV
/// reader's messages already guarantee that; this crate adds none of its own data).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// Stable English code (`bad_json`, `bad_as_of`, `unknown_file`, the CSV reader's codes such
    /// as `bad_uscc` or `dangling_reference`, the pack's codes such as `pack_syntax`, …).
    pub code: String,
    /// The file concerned (`agencies.csv`, or `rule_pack.toml` for the pack).
    pub file: Option<String>,
    /// 1-based line in that file.
    pub line: Option<usize>,
    /// The column (header name) concerned.
    pub column: Option<String>,
    /// What was wrong and what was expected, in Chinese.
    pub message: String,
}

impl ApiError {
    fn new(code: &str, message: String) -> ApiError {
        ApiError {
            code: code.to_owned(),
            file: None,
            line: None,
            column: None,
            message,
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "code": self.code,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        })
    }
}

/// Why a request failed: every problem found (the CSV reader lists at most
/// [`zhongjie_csv::ERROR_CAP`]) and how many more were not listed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Failure {
    /// The problems.
    pub errors: Vec<ApiError>,
    /// How many more problems were found but not listed.
    pub omitted: usize,
}

impl Failure {
    fn one(code: &str, message: String) -> Failure {
        Failure {
            errors: vec![ApiError::new(code, message)],
            omitted: 0,
        }
    }

    /// The failure as the JSON answer `{"status":"failure","errors":[...],"omitted":n}`.
    pub fn to_json(&self) -> Value {
        json!({
            "status": "failure",
            "errors": self.errors.iter().map(ApiError::to_json).collect::<Vec<_>>(),
            "omitted": self.omitted,
        })
    }
}

/// The checked inputs of a run.
#[derive(Debug)]
pub struct Request {
    /// The dataset, whole and checked.
    pub dataset: Dataset,
    /// The as-of date D.
    pub as_of: NaiveDate,
    /// The rule pack (the built-in `zj-2024` unless one was given).
    pub pack: RulePack,
}

fn pack_error(e: &PackError) -> ApiError {
    let mut err = ApiError::new(e.code(), e.to_string());
    err.file = Some("rule_pack.toml".to_owned());
    if let PackError::Syntax { at: Some(at), .. } = e {
        err.line = Some(at.line);
    }
    err
}

/// Parses `files_json` into file name → bytes. Every problem is reported; unknown names are
/// refused (a misspelt `agency.csv` would otherwise be silently ignored).
pub fn parse_files(files_json: &str) -> Result<BTreeMap<String, Vec<u8>>, Vec<ApiError>> {
    let value: Value = serde_json::from_str(files_json).map_err(|e| {
        vec![ApiError::new(
            "bad_json",
            format!(
                "数据集应为 JSON 对象（文件名 → 文件内容），解析失败：第 {} 行第 {} 列",
                e.line(),
                e.column()
            ),
        )]
    })?;
    let Value::Object(map) = value else {
        return Err(vec![ApiError::new(
            "bad_json",
            "数据集应为 JSON 对象（文件名 → 文件内容），如 {\"agencies.csv\": \"...\"}".to_owned(),
        )]);
    };
    let mut files = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, v) in map {
        if zhongjie_csv::table_of_file(&name).is_none() {
            let expected: Vec<&str> = TableName::ALL.iter().map(|t| t.file_name()).collect();
            let mut e = ApiError::new(
                "unknown_file",
                format!("未知文件名，应为 {} 之一", expected.join(" | ")),
            );
            e.file = Some(name);
            errors.push(e);
            continue;
        }
        match v {
            Value::String(text) => {
                files.insert(name, text.into_bytes());
            }
            _ => {
                let mut e = ApiError::new(
                    "bad_file_content",
                    "文件内容应为字符串（CSV 文本）".to_owned(),
                );
                e.file = Some(name);
                errors.push(e);
            }
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Parses the as-of date (`YYYY-MM-DD`).
pub fn parse_as_of(as_of: &str) -> Result<NaiveDate, ApiError> {
    zhongjie_core::time::parse_date(as_of.trim()).ok_or_else(|| {
        ApiError::new(
            "bad_as_of",
            format!("评定日期应为 YYYY-MM-DD 格式的有效日期，实为 `{as_of}`"),
        )
    })
}

/// Checks all inputs of a request and reports every problem found in them together: the date,
/// the pack, the file names and the dataset itself.
pub fn load(files_json: &str, as_of: &str, pack_toml: Option<&str>) -> Result<Request, Failure> {
    let mut failure = Failure::default();
    let date = parse_as_of(as_of).map_err(|e| failure.errors.push(e)).ok();
    let pack = match pack_toml {
        Some(text) if !text.trim().is_empty() => RulePack::parse(text),
        _ => RulePack::zj_2024(),
    }
    .map_err(|e| failure.errors.push(pack_error(&e)))
    .ok();
    let dataset = match parse_files(files_json) {
        Ok(files) => match zhongjie_csv::read_dataset_from_memory(&files) {
            Ok(ds) => Some(ds),
            Err(errs) => {
                failure.omitted += errs.omitted;
                failure
                    .errors
                    .extend(errs.errors.into_iter().map(|e| ApiError {
                        code: e.code.to_owned(),
                        file: Some(e.file),
                        line: e.line,
                        column: e.column,
                        message: e.message,
                    }));
                None
            }
        },
        Err(errs) => {
            failure.errors.extend(errs);
            None
        }
    };
    match (dataset, date, pack) {
        (Some(dataset), Some(as_of), Some(pack)) if failure.errors.is_empty() => Ok(Request {
            dataset,
            as_of,
            pack,
        }),
        _ => Err(failure),
    }
}

/// Runs part C on a checked request.
pub fn run(req: &Request) -> Result<RunOutput, Failure> {
    zhongjie_scoring::supervise(&req.dataset, req.as_of, &req.pack).map_err(|e| Failure {
        errors: vec![pack_error(&e)],
        omitted: 0,
    })
}

fn to_value<T: serde::Serialize>(x: &T) -> Value {
    serde_json::to_value(x).unwrap_or(Value::Null)
}

fn row_counts(ds: &Dataset) -> Value {
    let mut m = Map::new();
    for t in TableName::ALL {
        m.insert(
            t.file_name().to_owned(),
            Value::from(ds.tables().row_count(t)),
        );
    }
    Value::Object(m)
}

/// The success answer of [`supervise_json`] for a finished run.
pub fn run_json(req: &Request, out: &RunOutput) -> Value {
    let jsonl = render::findings_jsonl(out);
    let findings: Vec<Value> = jsonl
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let grades: Vec<Value> = out
        .grades
        .iter()
        .map(|g| {
            let mut v = to_value(g);
            if let Value::Object(m) = &mut v {
                m.insert("grade_name".to_owned(), g.grade.zh().into());
                m.insert("supervision_name".to_owned(), g.supervision.zh().into());
            }
            v
        })
        .collect();
    let stars: Vec<Value> = out
        .stars
        .iter()
        .map(|s| {
            let mut v = to_value(s);
            if let Value::Object(m) = &mut v {
                m.insert("exam_name".to_owned(), s.exam.zh().into());
                m.insert("card_name".to_owned(), s.card.zh().into());
            }
            v
        })
        .collect();
    json!({
        "status": "success",
        "as_of": out.as_of.to_string(),
        "pack": out.pack,
        "rows": row_counts(&req.dataset),
        "agency_grades": grades,
        "practitioner_stars": stars,
        "findings": findings,
        "must_inspect": to_value(&out.must_inspect),
        "files": {
            "findings.jsonl": jsonl,
            "agency_grades.csv": render::agency_grades_csv(out),
            "practitioner_stars.csv": render::practitioner_stars_csv(out),
            "must_inspect.csv": render::must_inspect_csv(out),
        },
    })
}

fn answer(r: Result<Value, Failure>) -> String {
    match r {
        Ok(v) => v.to_string(),
        Err(f) => f.to_json().to_string(),
    }
}

/// The supervision run of part C on a dataset given as JSON (file name → CSV text), as of a date
/// (`YYYY-MM-DD`), under the built-in `zj-2024` pack or the given pack TOML.
///
/// Success: `{"status":"success","as_of","pack","rows":{file: rows},"agency_grades":[...],
/// "practitioner_stars":[...],"findings":[...],"must_inspect":[...],"files":{"findings.jsonl",
/// "agency_grades.csv","practitioner_stars.csv","must_inspect.csv"}}` — the four `files` are
/// byte for byte what the command line writes.
pub fn supervise_json(files_json: &str, as_of: &str, pack_toml: Option<&str>) -> String {
    answer(load(files_json, as_of, pack_toml).and_then(|req| {
        let out = run(&req)?;
        Ok(run_json(&req, &out))
    }))
}

/// Why an agency got its grade, in Chinese (the text of `zhongjie explain`). A branch is
/// explained through its head office. Success: `{"status":"success","as_of","pack","agency_id",
/// "root_id","text"}`; `unknown_agency` when the id is not in the dataset, `not_graded` when its
/// head office is cancelled (注销, not graded).
pub fn explain_agency_json(
    files_json: &str,
    as_of: &str,
    agency_id: &str,
    pack_toml: Option<&str>,
) -> String {
    answer(load(files_json, as_of, pack_toml).and_then(|req| {
        let Some(root) = req.dataset.root_of(agency_id) else {
            return Err(Failure::one(
                "unknown_agency",
                format!("数据集中没有机构 `{agency_id}`"),
            ));
        };
        let root_id = root.id.to_string();
        let out = run(&req)?;
        match zhongjie_scoring::explain::agency(&out, &req.dataset, &req.pack, agency_id) {
            Some(text) => Ok(json!({
                "status": "success",
                "as_of": out.as_of.to_string(),
                "pack": out.pack,
                "agency_id": agency_id,
                "root_id": root_id,
                "text": text,
            })),
            None => Err(Failure::one(
                "not_graded",
                format!("机构 `{agency_id}` 所属机构树的总部 `{root_id}` 已注销，不评定信用等级"),
            )),
        }
    }))
}

/// Why a practitioner got their stars, in Chinese (the resident ID shows only its first 3 and
/// last 4 characters). Success: `{"status":"success","as_of","pack","practitioner_id","text"}`;
/// `unknown_practitioner` when the id is not in the dataset.
pub fn explain_practitioner_json(
    files_json: &str,
    as_of: &str,
    practitioner_id: &str,
    pack_toml: Option<&str>,
) -> String {
    answer(load(files_json, as_of, pack_toml).and_then(|req| {
        let out = run(&req)?;
        match zhongjie_scoring::explain::practitioner(&out, &req.dataset, practitioner_id) {
            Some(text) => Ok(json!({
                "status": "success",
                "as_of": out.as_of.to_string(),
                "pack": out.pack,
                "practitioner_id": practitioner_id,
                "text": text,
            })),
            None => Err(Failure::one(
                "unknown_practitioner",
                format!("数据集中没有从业人员 `{practitioner_id}`"),
            )),
        }
    }))
}

/// What the calculator accepts: its version, the built-in pack's stamp, and every file of part B
/// with its Chinese name, whether it is required, and its columns in the spec's order (for a page
/// that offers empty templates).
pub fn about_json() -> String {
    let files: Vec<Value> = TableName::ALL
        .iter()
        .map(|t| {
            json!({
                "name": t.file_name(),
                "zh": t.zh(),
                "required": t.required(),
                "columns": zhongjie_csv::columns(*t),
            })
        })
        .collect();
    let pack = match RulePack::zj_2024() {
        Ok(p) => Value::from(p.stamp()),
        Err(e) => Value::from(format!("error: {}", e.code())),
    };
    json!({
        "status": "success",
        "version": env!("CARGO_PKG_VERSION"),
        "exchange": "v1",
        "default_pack": pack,
        "files": files,
    })
    .to_string()
}
