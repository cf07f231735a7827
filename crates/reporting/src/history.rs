//! Earlier runs' outputs (the folder `zhongjie supervise` wrote), for trends and for what was
//! corrected since (整改情况). Parsed from text; the adapter reads the files.

use crate::inputs::InputError;
use serde::Deserialize;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::time::parse_date;

/// A finding of an earlier run, as written in its `findings.jsonl`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PastFinding {
    /// Rule code.
    pub rule: String,
    /// `agency | practitioner | project`.
    pub subject_kind: String,
    /// Subject id.
    pub subject_id: String,
    /// Evidence.
    pub evidence: Vec<String>,
    /// The root agency it was attributed to.
    pub agency_id: String,
}

/// A grade of an earlier run, from its `agency_grades.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PastGrade {
    /// Root agency id.
    pub agency_id: String,
    /// Score.
    pub score: u32,
    /// `A | B | C | D`.
    pub grade: String,
}

/// The outputs of an earlier run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviousRun {
    /// Its as-of date.
    pub as_of: NaiveDate,
    /// Its rule pack stamp.
    pub pack: String,
    /// Its findings, sorted.
    pub findings: Vec<PastFinding>,
    /// Its grades.
    pub grades: Vec<PastGrade>,
}

#[derive(Deserialize)]
struct RawExplanation {
    as_of: String,
    #[serde(default)]
    pack: String,
}

#[derive(Deserialize)]
struct RawFinding {
    rule: String,
    subject_kind: String,
    subject_id: String,
    evidence: Vec<String>,
    agency_id: String,
}

/// Parses an earlier run from the texts of its `explanation.json` (for the as-of date and pack),
/// `findings.jsonl` and `agency_grades.csv`. `dir` names the folder in error messages.
pub fn parse_previous(
    dir: &str,
    explanation_json: &str,
    findings_jsonl: &str,
    agency_grades_csv: &str,
) -> Result<PreviousRun, Vec<InputError>> {
    let mut errors = Vec::new();
    let mut err = |file: &str, line: u64, column: Option<&str>, message: String| {
        errors.push(InputError {
            file: format!("{dir}/{file}"),
            line,
            column: column.map(str::to_owned),
            message,
        })
    };
    let (as_of, pack) = match serde_json::from_str::<RawExplanation>(explanation_json) {
        Ok(x) => match parse_date(&x.as_of) {
            Some(d) => (Some(d), x.pack),
            None => {
                err(
                    "explanation.json",
                    1,
                    Some("as_of"),
                    format!("日期 `{}` 无效，应为 YYYY-MM-DD", x.as_of),
                );
                (None, x.pack)
            }
        },
        Err(e) => {
            err(
                "explanation.json",
                e.line() as u64,
                None,
                format!("不是有效的监管评定说明文件：{e}"),
            );
            (None, String::new())
        }
    };
    let mut findings = Vec::new();
    for (i, line) in findings_jsonl.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<RawFinding>(line) {
            Ok(f) => findings.push(PastFinding {
                rule: f.rule,
                subject_kind: f.subject_kind,
                subject_id: f.subject_id,
                evidence: f.evidence,
                agency_id: f.agency_id,
            }),
            Err(e) => err(
                "findings.jsonl",
                i as u64 + 1,
                None,
                format!(
                    "应为含 rule、subject_kind、subject_id、evidence、agency_id 的 JSON 对象：{e}"
                ),
            ),
        }
    }
    findings.sort();
    let mut grades = Vec::new();
    let mut rdr = csv::ReaderBuilder::new().from_reader(agency_grades_csv.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(str::to_owned).collect(),
        Err(e) => {
            err("agency_grades.csv", 1, None, format!("无法读取表头：{e}"));
            Vec::new()
        }
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    match (col("agency_id"), col("score"), col("grade")) {
        (Some(a), Some(s), Some(g)) => {
            for rec in rdr.records() {
                match rec {
                    Ok(r) => {
                        let line = r.position().map_or(0, |p| p.line());
                        let score = r.get(s).and_then(|x| x.parse::<u32>().ok());
                        match (r.get(a), score, r.get(g)) {
                            (Some(a), Some(score), Some(g)) => grades.push(PastGrade {
                                agency_id: a.to_owned(),
                                score,
                                grade: g.to_owned(),
                            }),
                            _ => err(
                                "agency_grades.csv",
                                line,
                                Some("score"),
                                "应为 0 到 100 的整数".to_owned(),
                            ),
                        }
                    }
                    Err(e) => err(
                        "agency_grades.csv",
                        e.position().map_or(0, |p| p.line()),
                        None,
                        format!("CSV 格式错误：{e}"),
                    ),
                }
            }
        }
        _ => err(
            "agency_grades.csv",
            1,
            None,
            "表头应含 agency_id、score、grade".to_owned(),
        ),
    }
    match as_of {
        Some(as_of) if errors.is_empty() => Ok(PreviousRun {
            as_of,
            pack,
            findings,
            grades,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_run_folder() {
        let run = parse_previous(
            "out-2024-06",
            r#"{"as_of":"2024-06-30","pack":"zj-2024@1.0.0","rules":[]}"#,
            "{\"rule\":\"NOT_FULL_TIME\",\"subject_kind\":\"practitioner\",\"subject_id\":\"P1\",\"date\":\"2024-06-30\",\"evidence\":[],\"agency_id\":\"A1\"}\n",
            "agency_id,score,grade,vetoes,procurement_eligible,supervision\nA1,98,A,,true,routine\n",
        )
        .unwrap();
        assert_eq!(run.as_of.to_string(), "2024-06-30");
        assert_eq!(run.findings[0].agency_id, "A1");
        assert_eq!(run.grades[0].score, 98);
    }

    #[test]
    fn bad_files_name_file_and_line() {
        let errs = parse_previous(
            "old",
            r#"{"as_of":"2024-6-30"}"#,
            "\n{\"rule\":1}\n",
            "agency_id,score,grade\nA1,x,A\n",
        )
        .unwrap_err();
        let got: Vec<String> = errs
            .iter()
            .map(|e| format!("{}:{}", e.file, e.line))
            .collect();
        assert_eq!(
            got,
            [
                "old/explanation.json:1",
                "old/findings.jsonl:2",
                "old/agency_grades.csv:2"
            ]
        );
    }
}
