//! 能力测验 — the unified question bank (seed 二(三)11), blueprints, papers and answer sheets,
//! each read strictly from its file with line and column errors.
//!
//! - Question bank, CSV: `question_id,category,level,question,options,answer`. `options` is the
//!   `;`-joined list of choices, labelled A, B, C… in order; `answer` is the letters of the right
//!   choices in any order (`A`, or `AC` for a multiple-choice question).
//! - Blueprint, TOML: `exam_id` and `[[section]]` tables of `category`, `level`, `count`,
//!   `points` (per question, default 1).
//! - Paper, CSV: `exam_id,position,question_id,category,level,points`.
//! - Answer sheet, CSV: `practitioner_id,question_id,answer` (empty answer = unanswered).

use super::input::{parse_toml, Column, InputError, Table};
use crate::code_enum;
use crate::ids::{check_id, id_type, ExamId, IdError, PractitionerId};
use compact_str::CompactString;
use core::fmt;
use core::str::FromStr;
use std::collections::BTreeMap;

id_type!(
    /// `question_id` of the question bank.
    QuestionId
);
id_type!(
    /// A question category (题目类别), defined by the province's bank, e.g. `law`.
    Category
);

code_enum! {
    /// 题目难度层级.
    Level {
        Basic = "basic" / "基础",
        Intermediate = "intermediate" / "中级",
        Advanced = "advanced" / "高级",
    }
}

/// A set of choice letters (`A` = bit 0 … `Z` = bit 25).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Choices(u32);

/// The most options a question can have (A–Z).
pub const MAX_LETTERS: u32 = 26;

impl Choices {
    /// No choice (an unanswered question).
    pub const EMPTY: Choices = Choices(0);
    /// Whether nothing is chosen.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// How many letters.
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }
    /// The highest letter's index + 1 (0 when empty).
    pub fn span(self) -> u32 {
        32 - self.0.leading_zeros()
    }
}

impl FromStr for Choices {
    type Err = String;
    fn from_str(s: &str) -> Result<Choices, String> {
        let mut bits = 0u32;
        for c in s.chars() {
            if !c.is_ascii_uppercase() {
                return Err(format!(
                    "答案 `{s}` 含有 `{c}`，应为大写选项字母（如 A 或 AC）"
                ));
            }
            let bit = 1u32 << (c as u32 - 'A' as u32);
            if bits & bit != 0 {
                return Err(format!("答案 `{s}` 中选项 `{c}` 重复"));
            }
            bits |= bit;
        }
        Ok(Choices(bits))
    }
}

impl fmt::Display for Choices {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in 0..MAX_LETTERS {
            if self.0 & (1 << i) != 0 {
                let c = char::from_u32('A' as u32 + i).unwrap_or('?');
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

impl serde::Serialize for Choices {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One question of the bank.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Question {
    /// `question_id`.
    pub id: QuestionId,
    /// 类别.
    pub category: Category,
    /// 层级.
    pub level: Level,
    /// 题干.
    pub text: String,
    /// 选项, labelled A, B, C… in order.
    pub options: Vec<String>,
    /// 标准答案.
    pub answer: Choices,
    /// Line in the bank file.
    pub line: usize,
}

/// The unified question bank, by question id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionBank {
    questions: BTreeMap<QuestionId, Question>,
}

/// Columns of the question bank file.
pub const BANK_COLUMNS: &[&str] = &[
    "question_id",
    "category",
    "level",
    "question",
    "options",
    "answer",
];

impl QuestionBank {
    /// Parses a bank: every problem is reported with its line and column. A question may have
    /// 2 to `options_max` options (at most 26).
    pub fn parse(text: &str, options_max: u32) -> Result<QuestionBank, Vec<InputError>> {
        let t = Table::read(text, BANK_COLUMNS)?;
        let options_max = options_max.min(MAX_LETTERS);
        let mut errors = Vec::new();
        let mut questions: BTreeMap<QuestionId, Question> = BTreeMap::new();
        for r in &t.records {
            let line = r.line();
            let id = t.parse::<QuestionId>(r, "question_id", &mut errors);
            let category = t.parse::<Category>(r, "category", &mut errors);
            let level = t.parse::<Level>(r, "level", &mut errors);
            let text = t.required(r, "question", &mut errors).map(str::to_owned);
            let options: Option<Vec<String>> =
                t.required(r, "options", &mut errors).and_then(|o| {
                    let v: Vec<String> = o.split(';').map(|s| s.trim().to_owned()).collect();
                    let n = v.len() as u32;
                    if v.iter().any(String::is_empty) {
                        errors.push(InputError::cell(
                            line,
                            "options",
                            "empty_option",
                            "选项中有空项，选项应以 ; 分隔且均不为空",
                        ));
                        None
                    } else if n < 2 || n > options_max {
                        errors.push(InputError::cell(
                            line,
                            "options",
                            "option_count",
                            format!("选项有 {n} 个，应为 2 到 {options_max} 个"),
                        ));
                        None
                    } else {
                        Some(v)
                    }
                });
            let answer = t.parse::<Choices>(r, "answer", &mut errors);
            if let (Some(a), Some(o)) = (answer, &options) {
                if a.span() > o.len() as u32 {
                    errors.push(InputError::cell(
                        line,
                        "answer",
                        "answer_out_of_range",
                        format!("答案 `{a}` 超出选项范围，本题只有 {} 个选项", o.len()),
                    ));
                    continue;
                }
            }
            let (Some(id), Some(category), Some(level), Some(text), Some(options), Some(answer)) =
                (id, category, level, text, options, answer)
            else {
                continue;
            };
            if let Some(first) = questions.get(&id) {
                errors.push(InputError::cell(
                    line,
                    "question_id",
                    "duplicate_id",
                    format!("题号 `{id}` 与第 {} 行重复，应唯一", first.line),
                ));
                continue;
            }
            questions.insert(
                id.clone(),
                Question {
                    id,
                    category,
                    level,
                    text,
                    options,
                    answer,
                    line,
                },
            );
        }
        if errors.is_empty() {
            Ok(QuestionBank { questions })
        } else {
            Err(errors)
        }
    }

    /// A question by id.
    pub fn get(&self, id: &str) -> Option<&Question> {
        self.questions.get(id)
    }

    /// Every question, sorted by id.
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.values()
    }

    /// How many questions.
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    /// Whether the bank is empty.
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// Count of questions per (category, level), sorted.
    pub fn counts(&self) -> BTreeMap<(Category, Level), u32> {
        let mut m = BTreeMap::new();
        for q in self.questions.values() {
            *m.entry((q.category.clone(), q.level)).or_insert(0) += 1;
        }
        m
    }
}

/// One section of a blueprint: how many questions of a category and level, and their points.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// 类别.
    pub category: Category,
    /// 层级.
    pub level: Level,
    /// 题数.
    pub count: u32,
    /// 每题分值.
    #[serde(default = "one")]
    pub points: u32,
}

fn one() -> u32 {
    1
}

/// 组卷蓝图.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Blueprint {
    /// The exam (session) id the paper will carry.
    pub exam_id: ExamId,
    /// Sections in paper order; no two with the same (category, level).
    #[serde(rename = "section")]
    pub sections: Vec<Section>,
}

impl Blueprint {
    /// Parses and checks a blueprint.
    pub fn parse(text: &str) -> Result<Blueprint, Vec<InputError>> {
        let b: Blueprint = parse_toml(text).map_err(|e| vec![e])?;
        let section_line = |i: usize| {
            text.lines()
                .enumerate()
                .filter(|(_, l)| l.trim() == "[[section]]")
                .nth(i)
                .map_or(0, |(n, _)| n + 1)
        };
        let at = |i: usize, code: &'static str, message: String| {
            let line = section_line(i);
            InputError {
                line,
                column: if line == 0 {
                    Column::None
                } else {
                    Column::Char(1)
                },
                code,
                message,
            }
        };
        let mut errors = Vec::new();
        if b.sections.is_empty() {
            errors.push(InputError::line(
                0,
                "missing_value",
                "蓝图没有任何 [[section]]，应至少有一节",
            ));
        }
        for (i, s) in b.sections.iter().enumerate() {
            if s.count == 0 {
                errors.push(at(i, "invalid_value", "题数为 0，应至少为 1".into()));
            }
            if s.points == 0 {
                errors.push(at(i, "invalid_value", "每题分值为 0，应至少为 1".into()));
            }
            if let Some(j) = b.sections[..i]
                .iter()
                .position(|x| x.category == s.category && x.level == s.level)
            {
                errors.push(at(
                    i,
                    "duplicate_section",
                    format!(
                        "类别 `{}`、层级 `{}` 与第 {} 节重复，应合并为一节（同一试卷不重复出题）",
                        s.category,
                        s.level,
                        j + 1
                    ),
                ));
            }
        }
        if errors.is_empty() {
            Ok(b)
        } else {
            Err(errors)
        }
    }
}

/// One question of a paper.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PaperItem {
    /// 1-based position.
    pub position: u32,
    /// The question.
    pub question: QuestionId,
    /// Its category.
    pub category: Category,
    /// Its level.
    pub level: Level,
    /// Points.
    pub points: u32,
}

/// 试卷: the questions in order. Assembled by the scoring crate from a bank, a blueprint and a
/// seed; written to and read back from CSV.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Paper {
    /// Exam id.
    pub exam_id: ExamId,
    /// Items by position.
    pub items: Vec<PaperItem>,
}

/// Columns of a paper file.
pub const PAPER_COLUMNS: &[&str] = &[
    "exam_id",
    "position",
    "question_id",
    "category",
    "level",
    "points",
];

impl Paper {
    /// Total points.
    pub fn total_points(&self) -> u32 {
        self.items.iter().map(|i| i.points).sum()
    }

    /// The paper as CSV (header first, LF line ends).
    pub fn to_csv(&self) -> String {
        let mut s = PAPER_COLUMNS.join(",");
        s.push('\n');
        for i in &self.items {
            s.push_str(&format!(
                "{},{},{},{},{},{}\n",
                self.exam_id, i.position, i.question, i.category, i.level, i.points
            ));
        }
        s
    }

    /// Reads a paper back: one exam id, positions 1..n in order, no question twice.
    pub fn parse(text: &str) -> Result<Paper, Vec<InputError>> {
        let t = Table::read(text, PAPER_COLUMNS)?;
        let mut errors = Vec::new();
        let mut exam_id: Option<ExamId> = None;
        let mut items: Vec<PaperItem> = Vec::new();
        for r in &t.records {
            let line = r.line();
            let e = t.parse::<ExamId>(r, "exam_id", &mut errors);
            let position = t.parse::<u32>(r, "position", &mut errors);
            let question = t.parse::<QuestionId>(r, "question_id", &mut errors);
            let category = t.parse::<Category>(r, "category", &mut errors);
            let level = t.parse::<Level>(r, "level", &mut errors);
            let points = t.parse::<u32>(r, "points", &mut errors);
            let (
                Some(e),
                Some(position),
                Some(question),
                Some(category),
                Some(level),
                Some(points),
            ) = (e, position, question, category, level, points)
            else {
                continue;
            };
            match &exam_id {
                Some(x) if *x != e => errors.push(InputError::cell(
                    line,
                    "exam_id",
                    "mixed_exam",
                    format!("测验编号 `{e}` 与前面的 `{x}` 不同，一份试卷只应有一个测验编号"),
                )),
                Some(_) => {}
                None => exam_id = Some(e),
            }
            let expected = items.len() as u32 + 1;
            if position != expected {
                errors.push(InputError::cell(
                    line,
                    "position",
                    "bad_position",
                    format!("题序为 {position}，应为 {expected}（从 1 起连续编号）"),
                ));
            }
            if items.iter().any(|i| i.question == question) {
                errors.push(InputError::cell(
                    line,
                    "question_id",
                    "duplicate_id",
                    format!("题目 `{question}` 在试卷中重复出现"),
                ));
            }
            items.push(PaperItem {
                position,
                question,
                category,
                level,
                points,
            });
        }
        match exam_id {
            Some(exam_id) if errors.is_empty() => Ok(Paper { exam_id, items }),
            None if errors.is_empty() => Err(vec![InputError::line(
                2,
                "missing_value",
                "试卷没有任何题目",
            )]),
            _ => Err(errors),
        }
    }
}

/// One answer of one candidate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    /// Line in the answer file.
    pub line: usize,
    /// The candidate.
    pub practitioner: PractitionerId,
    /// The question.
    pub question: QuestionId,
    /// The letters chosen (empty = unanswered).
    pub answer: Choices,
}

/// Columns of an answer sheet file.
pub const ANSWER_COLUMNS: &[&str] = &["practitioner_id", "question_id", "answer"];

/// Reads an answer sheet; a (practitioner, question) pair answered twice is an error.
pub fn parse_answers(text: &str) -> Result<Vec<AnswerRow>, Vec<InputError>> {
    let t = Table::read(text, ANSWER_COLUMNS)?;
    let mut errors = Vec::new();
    let mut rows: Vec<AnswerRow> = Vec::new();
    let mut seen: BTreeMap<(PractitionerId, QuestionId), usize> = BTreeMap::new();
    for r in &t.records {
        let line = r.line();
        let p = t.parse::<PractitionerId>(r, "practitioner_id", &mut errors);
        let q = t.parse::<QuestionId>(r, "question_id", &mut errors);
        let a = match t.cell(r, "answer").parse::<Choices>() {
            Ok(a) => Some(a),
            Err(m) => {
                errors.push(InputError::cell(line, "answer", "invalid_value", m));
                None
            }
        };
        let (Some(p), Some(q), Some(a)) = (p, q, a) else {
            continue;
        };
        if let Some(first) = seen.insert((p.clone(), q.clone()), line) {
            errors.push(InputError::cell(
                line,
                "question_id",
                "duplicate_answer",
                format!("`{p}` 对题目 `{q}` 的作答与第 {first} 行重复"),
            ));
            continue;
        }
        rows.push(AnswerRow {
            line,
            practitioner: p,
            question: q,
            answer: a,
        });
    }
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANK: &str = "question_id,category,level,question,options,answer\n\
        Q1,law,basic,安全生产法第九十二条针对哪类机构？,安全评价机构;施工单位;设计单位,A\n\
        Q2,law,basic,\"多选：\n哪些属于虚假报告？\",伪造报告;篡改数据;引用过期标准,AB\n";

    #[test]
    fn bank_parses_with_quoted_line_breaks() {
        let b = QuestionBank::parse(BANK, 8).unwrap();
        assert_eq!(b.len(), 2);
        let q2 = b.get("Q2").unwrap();
        assert_eq!(q2.line, 3);
        assert_eq!(q2.answer.to_string(), "AB");
        assert_eq!(q2.options.len(), 3);
    }

    #[test]
    fn bank_errors_name_line_and_column() {
        let bad = format!(
            "{BANK}Q1,law,basic,重复,甲;乙,A\nQ4,law,expert,题,甲;乙,A\nQ5,law,basic,题,甲;乙,C\nQ6,law,basic,题,甲,A\nQ7,law,basic,题,甲;乙,a\n"
        );
        let e = QuestionBank::parse(&bad, 8).unwrap_err();
        let got: Vec<(usize, &str, &str)> = e
            .iter()
            .map(|x| {
                let col = match &x.column {
                    Column::Name(c) => c.as_str(),
                    _ => "",
                };
                (x.line, col, x.code)
            })
            .collect();
        assert_eq!(
            got,
            [
                (5, "question_id", "duplicate_id"),
                (6, "level", "invalid_value"),
                (7, "answer", "answer_out_of_range"),
                (8, "options", "option_count"),
                (9, "answer", "invalid_value"),
            ]
        );
        // The pack's option limit is honoured.
        assert_eq!(
            QuestionBank::parse(BANK, 2).unwrap_err()[0].code,
            "option_count"
        );
    }

    #[test]
    fn blueprint_refuses_repeated_sections() {
        let bp = "exam_id = \"E1\"\n[[section]]\ncategory = \"law\"\nlevel = \"basic\"\ncount = 1\n\n[[section]]\ncategory = \"law\"\nlevel = \"basic\"\ncount = 2\n";
        let e = Blueprint::parse(bp).unwrap_err();
        assert_eq!((e[0].line, e[0].code), (7, "duplicate_section"));
        let ok = Blueprint::parse(&bp.replace(
            "level = \"basic\"\ncount = 2",
            "level = \"advanced\"\ncount = 2",
        ))
        .unwrap();
        assert_eq!(ok.sections[0].points, 1);
    }

    #[test]
    fn paper_round_trips_and_answers_are_strict() {
        let p = Paper {
            exam_id: "E1".parse().unwrap(),
            items: vec![PaperItem {
                position: 1,
                question: "Q2".parse().unwrap(),
                category: "law".parse().unwrap(),
                level: Level::Basic,
                points: 2,
            }],
        };
        assert_eq!(Paper::parse(&p.to_csv()).unwrap(), p);
        let a = parse_answers("practitioner_id,question_id,answer\nP1,Q2,BA\nP1,Q1,\n").unwrap();
        assert_eq!(a[0].answer.to_string(), "AB");
        assert!(a[1].answer.is_empty());
        let e =
            parse_answers("practitioner_id,question_id,answer\nP1,Q2,A\nP1,Q2,B\n").unwrap_err();
        assert_eq!((e[0].line, e[0].code), (3, "duplicate_answer"));
    }
}
