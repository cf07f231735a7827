//! The extra files some reports read, parsed from text (no IO here): the inspectors file (检查
//!人员名录) for the double-random draw, the reform task file (任务清单) for the progress report.
//! Every problem names file, line and column (the header being line 1) and says what was expected;
//! a file with any problem is refused whole.

use core::fmt;
use std::collections::BTreeMap;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::ids::check_id;
use zhongjie_core::time::parse_date;
use zhongjie_core::RegionCode;

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// File name as given.
    pub file: String,
    /// 1-based line (header = 1).
    pub line: u64,
    /// Column (header name), when the problem is in one cell.
    pub column: Option<String>,
    /// What is wrong and what was expected (Chinese).
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(
                f,
                "{} 第 {} 行，列 {}：{}",
                self.file, self.line, c, self.message
            ),
            None => write!(f, "{} 第 {} 行：{}", self.file, self.line, self.message),
        }
    }
}

/// Rows of a CSV text as (line, cells by column name), after checking the header: every
/// `required` column present, nothing but `required` and `optional`, no duplicate.
struct Rows {
    rows: Vec<(u64, BTreeMap<String, String>)>,
}

fn read_csv(
    file: &str,
    text: &str,
    required: &[&str],
    optional: &[&str],
    errors: &mut Vec<InputError>,
) -> Rows {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut err = |line: u64, column: Option<&str>, message: String| {
        errors.push(InputError {
            file: file.to_owned(),
            line,
            column: column.map(str::to_owned),
            message,
        })
    };
    let mut records = rdr.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            err(1, None, format!("无法读取表头：{e}"));
            return Rows { rows: Vec::new() };
        }
        None => {
            err(
                1,
                None,
                format!("文件为空，应有表头：{}", required.join(",")),
            );
            return Rows { rows: Vec::new() };
        }
    };
    let names: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let mut ok = true;
    for (i, n) in names.iter().enumerate() {
        if names[..i].contains(n) {
            err(1, Some(n), "表头中重复的列，每列只应出现一次".to_owned());
            ok = false;
        } else if !required.contains(&n.as_str()) && !optional.contains(&n.as_str()) {
            let mut all: Vec<&str> = required.to_vec();
            all.extend_from_slice(optional);
            err(
                1,
                Some(n),
                format!("未知的列，应为 {} 之一", all.join(", ")),
            );
            ok = false;
        }
    }
    for r in required {
        if !names.iter().any(|n| n == r) {
            err(1, Some(r), "缺少必需的列".to_owned());
            ok = false;
        }
    }
    if !ok {
        return Rows { rows: Vec::new() };
    }
    let mut rows = Vec::new();
    for rec in records {
        match rec {
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                err(line, None, format!("CSV 格式错误：{e}"));
            }
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                if r.len() == 1 && r.get(0).is_some_and(str::is_empty) {
                    continue; // a blank line
                }
                if r.len() != names.len() {
                    err(
                        line,
                        None,
                        format!("有 {} 个字段，应与表头一样有 {} 个", r.len(), names.len()),
                    );
                    continue;
                }
                let cells = names
                    .iter()
                    .cloned()
                    .zip(r.iter().map(|c| c.trim().to_owned()))
                    .collect();
                rows.push((line, cells));
            }
        }
    }
    Rows { rows }
}

/// A checker of one row's cells that records problems with their line and column.
struct Cells<'a> {
    file: &'a str,
    line: u64,
    cells: &'a BTreeMap<String, String>,
    errors: &'a mut Vec<InputError>,
}

impl Cells<'_> {
    fn fail(&mut self, column: &str, message: String) {
        self.errors.push(InputError {
            file: self.file.to_owned(),
            line: self.line,
            column: Some(column.to_owned()),
            message,
        });
    }
    fn opt(&self, column: &str) -> Option<&str> {
        self.cells
            .get(column)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }
    fn required(&mut self, column: &str) -> Option<String> {
        let v = self.opt(column).map(str::to_owned);
        if v.is_none() {
            self.fail(column, "必填，不能为空".to_owned());
        }
        v
    }
    fn id(&mut self, column: &str) -> Option<String> {
        let v = self.required(column)?;
        match check_id(&v) {
            Ok(()) => Some(v),
            Err(e) => {
                self.fail(column, format!("`{v}`：{e}"));
                None
            }
        }
    }
    fn date(&mut self, column: &str) -> Option<Option<NaiveDate>> {
        match self.opt(column).map(str::to_owned) {
            None => Some(None),
            Some(v) => match parse_date(&v) {
                Some(d) => Some(Some(d)),
                None => {
                    self.fail(column, format!("日期 `{v}` 无效，应为 YYYY-MM-DD"));
                    None
                }
            },
        }
    }
}

/// An inspector (检查人员) of the double-random draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inspector {
    /// `inspector_id`.
    pub id: String,
    /// 姓名.
    pub name: String,
    /// Where the inspector works (`home_region_code`); only its city matters for the draw.
    pub home: RegionCode,
}

/// The columns of the inspectors file.
pub const INSPECTOR_COLUMNS: [&str; 3] = ["inspector_id", "name", "home_region_code"];

/// Parses the inspectors file (CSV `inspector_id,name,home_region_code`, UTF-8, optional BOM).
pub fn parse_inspectors(file: &str, text: &str) -> Result<Vec<Inspector>, Vec<InputError>> {
    let mut errors = Vec::new();
    let rows = read_csv(file, text, &INSPECTOR_COLUMNS, &[], &mut errors);
    let mut out: Vec<Inspector> = Vec::new();
    let mut first_line: BTreeMap<String, u64> = BTreeMap::new();
    for (line, cells) in &rows.rows {
        let mut c = Cells {
            file,
            line: *line,
            cells,
            errors: &mut errors,
        };
        let id = c.id("inspector_id");
        let name = c.required("name");
        let home = c.required("home_region_code").and_then(|v| {
            v.parse::<RegionCode>()
                .map_err(|e| c.fail("home_region_code", e.to_string()))
                .ok()
        });
        if let Some(id) = &id {
            if let Some(first) = first_line.get(id) {
                c.fail(
                    "inspector_id",
                    format!("编号 `{id}` 与第 {first} 行重复，应唯一"),
                );
                continue;
            }
            first_line.insert(id.clone(), *line);
        }
        if let (Some(id), Some(name), Some(home)) = (id, name, home) {
            out.push(Inspector { id, name, home });
        }
    }
    if errors.is_empty() {
        out.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Close-out status of a reform task (销号清单).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TaskStatus {
    /// 未启动.
    NotStarted,
    /// 推进中.
    InProgress,
    /// 已销号 (closed, with `closed_on`).
    Closed,
}

impl TaskStatus {
    /// The file's code.
    pub fn code(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "not_started",
            TaskStatus::InProgress => "in_progress",
            TaskStatus::Closed => "closed",
        }
    }
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            TaskStatus::NotStarted => "未启动",
            TaskStatus::InProgress => "推进中",
            TaskStatus::Closed => "已销号",
        }
    }
    fn parse(s: &str) -> Option<TaskStatus> {
        [
            TaskStatus::NotStarted,
            TaskStatus::InProgress,
            TaskStatus::Closed,
        ]
        .into_iter()
        .find(|t| t.code() == s)
    }
}

/// A reform task of the task, responsibility and close-out lists (任务清单、责任清单、销号清单).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Task {
    /// `task_id`.
    pub id: String,
    /// The seed's section (`二(一)1`), if given.
    pub article: Option<String>,
    /// 任务.
    pub title: String,
    /// 责任单位.
    pub owner: String,
    /// 完成时限.
    pub deadline: NaiveDate,
    /// 状态.
    pub status: TaskStatus,
    /// 销号日期 (only for closed tasks).
    pub closed_on: Option<NaiveDate>,
    /// 备注.
    pub note: Option<String>,
}

/// The required columns of the task file.
pub const TASK_COLUMNS: [&str; 6] = [
    "task_id",
    "title",
    "owner",
    "deadline",
    "status",
    "closed_on",
];
/// The optional columns of the task file.
pub const TASK_OPTIONAL_COLUMNS: [&str; 2] = ["article", "note"];

/// Parses the task file (CSV `task_id,title,owner,deadline,status,closed_on`, optional columns
/// `article` and `note`; status `not_started | in_progress | closed`; a closed task has its
/// `closed_on`, an open one has none).
pub fn parse_tasks(file: &str, text: &str) -> Result<Vec<Task>, Vec<InputError>> {
    let mut errors = Vec::new();
    let rows = read_csv(
        file,
        text,
        &TASK_COLUMNS,
        &TASK_OPTIONAL_COLUMNS,
        &mut errors,
    );
    let mut out = Vec::new();
    let mut first_line: BTreeMap<String, u64> = BTreeMap::new();
    for (line, cells) in &rows.rows {
        let mut c = Cells {
            file,
            line: *line,
            cells,
            errors: &mut errors,
        };
        let id = c.id("task_id");
        let title = c.required("title");
        let owner = c.required("owner");
        let deadline = match c.date("deadline") {
            Some(Some(d)) => Some(d),
            Some(None) => {
                c.fail("deadline", "必填，不能为空（YYYY-MM-DD）".to_owned());
                None
            }
            None => None,
        };
        let status = c.required("status").and_then(|s| {
            let t = TaskStatus::parse(&s);
            if t.is_none() {
                c.fail(
                    "status",
                    format!("未知状态 `{s}`，应为 not_started | in_progress | closed"),
                );
            }
            t
        });
        let closed_on = c.date("closed_on");
        match (status, closed_on) {
            (Some(TaskStatus::Closed), Some(None)) => c.fail(
                "closed_on",
                "已销号（closed）的任务应填写销号日期".to_owned(),
            ),
            (Some(s), Some(Some(_))) if s != TaskStatus::Closed => c.fail(
                "closed_on",
                "未销号的任务不应有销号日期；已完成请把 status 改为 closed".to_owned(),
            ),
            _ => {}
        }
        if let Some(id) = &id {
            if let Some(first) = first_line.get(id) {
                c.fail(
                    "task_id",
                    format!("编号 `{id}` 与第 {first} 行重复，应唯一"),
                );
                continue;
            }
            first_line.insert(id.clone(), *line);
        }
        let article = c.opt("article").map(str::to_owned);
        let note = c.opt("note").map(str::to_owned);
        if let (Some(id), Some(title), Some(owner), Some(deadline), Some(status), Some(closed_on)) =
            (id, title, owner, deadline, status, closed_on)
        {
            out.push(Task {
                id,
                article,
                title,
                owner,
                deadline,
                status,
                closed_on,
                note,
            });
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inspectors_parse_and_sort() {
        let got = parse_inspectors(
            "i.csv",
            "\u{feff}name,inspector_id,home_region_code\n王五,I2,330200\n张三,I1,330106\n",
        )
        .unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].id, "I1");
        assert_eq!(got[0].home.city().to_string(), "330100");
    }

    #[test]
    fn inspector_errors_name_line_and_column() {
        let errs = parse_inspectors(
            "i.csv",
            "inspector_id,name,home_region_code\nI1,张三,33010\nI1,李四,330100\nI 3,,330100\n",
        )
        .unwrap_err();
        let text: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(errs.len(), 4, "{text:?}");
        assert_eq!(
            (errs[0].line, errs[0].column.as_deref()),
            (2, Some("home_region_code"))
        );
        assert_eq!(
            (errs[1].line, errs[1].column.as_deref()),
            (3, Some("inspector_id"))
        );
        assert!(text[1].contains("与第 2 行重复"));
        assert_eq!(
            (errs[2].line, errs[2].column.as_deref()),
            (4, Some("inspector_id"))
        );
        assert_eq!((errs[3].line, errs[3].column.as_deref()), (4, Some("name")));
    }

    #[test]
    fn header_problems() {
        let errs = parse_inspectors("i.csv", "inspector_id,name,city,name\n").unwrap_err();
        let cols: Vec<_> = errs.iter().map(|e| e.column.clone().unwrap()).collect();
        assert_eq!(cols, ["city", "name", "home_region_code"]);
        assert!(errs.iter().all(|e| e.line == 1));
        assert!(parse_inspectors("i.csv", "").is_err());
    }

    #[test]
    fn tasks_parse_and_check_close_out() {
        let ok = parse_tasks(
            "t.csv",
            "task_id,article,title,owner,deadline,status,closed_on,note\n\
             T1,二(一)1,出台指导意见,省应急管理厅,2024-08-31,closed,2024-08-20,\n\
             T2,,\"组织测验，全覆盖\",各市应急管理局,2024-11-30,in_progress,,\n",
        )
        .unwrap();
        assert_eq!(ok[0].status, TaskStatus::Closed);
        assert_eq!(ok[1].title, "组织测验，全覆盖");
        assert_eq!(ok[1].article, None);
        let errs = parse_tasks(
            "t.csv",
            "task_id,title,owner,deadline,status,closed_on\n\
             T1,甲,省厅,2024-08-31,closed,\n\
             T2,乙,省厅,2024-8-31,done,2024-09-01\n",
        )
        .unwrap_err();
        let got: Vec<(u64, &str)> = errs
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            [(2, "closed_on"), (3, "deadline"), (3, "status")],
            "{errs:?}"
        );
    }
}
