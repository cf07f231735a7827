//! Regulator workflows (issue 5): the decisions a regulator takes one case at a time.
//!
//! - [`review`] — 准入审查 of a new safety evaluation qualification or a scope extension
//!   (seed 二(一)2): a checklist, one line per criterion, each with evidence and legal reference.
//! - [`complaint`] — 举报投诉 states and deadlines, and the whistle-blower reward (二(四)12).
//! - [`penalty`] — the fine ranges of 安全生产法 Art.92, 浙江省安全生产条例 Art.46 and Order No.1,
//!   the seed's upper-limit rule (二(四)14), criminal referral, the serious-dishonesty list.
//! - [`exam`] — papers from the unified question bank, grading, coverage and consequences
//!   (二(三)11).
//!
//! Every number comes from the rule pack at the as-of date; every result lists the rules that
//! fired and the parameters it used, with their confidence (an assumption is marked), and the
//! pack stamp. Architecture invariant: pure — no IO, no clock, no OS randomness.

pub mod complaint;
pub mod exam;
pub mod penalty;
pub mod review;

use core::fmt;
use serde::Serialize;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::workflows::InputError;
use zhongjie_core::{Confidence, PackError, RulePack};

/// Why a workflow could not give an answer. Each variant has a stable English code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    /// The rule pack lacks a parameter or rule, or has a value of the wrong type.
    #[error(transparent)]
    Pack(#[from] PackError),
    /// An input that is well-formed but refers to something that does not exist or cannot be.
    #[error("{message}")]
    Invalid {
        /// Stable English code.
        code: &'static str,
        /// Chinese message.
        message: String,
    },
    /// Problems located in an input file.
    #[error("输入文件有 {} 处错误", .0.len())]
    Input(Vec<InputError>),
    /// Two applicable rules that contradict: an error, never a silent choice.
    #[error("规则冲突：{}；{message}", .rules.join("、"))]
    Conflict {
        /// The rule ids in conflict.
        rules: Vec<String>,
        /// Chinese explanation.
        message: String,
    },
    /// No version of the law is in force on the date asked.
    #[error("{what}自 {from} 起施行，{date} 时尚未施行，规则包中没有适用的规定")]
    NotInForce {
        /// The provision (Chinese).
        what: String,
        /// In force from.
        from: NaiveDate,
        /// The date asked.
        date: NaiveDate,
    },
}

impl WorkflowError {
    /// Stable English code.
    pub fn code(&self) -> &'static str {
        match self {
            WorkflowError::Pack(e) => e.code(),
            WorkflowError::Invalid { code, .. } => code,
            WorkflowError::Input(_) => "bad_input",
            WorkflowError::Conflict { .. } => "conflicting_rules",
            WorkflowError::NotInForce { .. } => "not_in_force",
        }
    }

    pub(crate) fn invalid(code: &'static str, message: impl Into<String>) -> WorkflowError {
        WorkflowError::Invalid {
            code,
            message: message.into(),
        }
    }
}

/// A rule that fired (or was applied) in a decision, with its legal reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleUse {
    /// Rule id.
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// Legal reference (title and article).
    pub legal_ref: String,
}

/// A parameter a decision used: its value on the date, its basis and whether it is an
/// assumption (anything not quoted law).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParamUse {
    /// Pack key.
    pub key: String,
    /// Chinese name.
    pub name: String,
    /// The value, as written in the pack.
    pub value: String,
    /// Confidence tag.
    pub confidence: Confidence,
    /// Not quoted law.
    pub assumption: bool,
    /// Legal reference of the value.
    pub legal_ref: String,
}

impl fmt::Display for ParamUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} = {}（{}；{}）",
            self.name,
            self.value,
            self.confidence.zh(),
            self.legal_ref
        )?;
        if self.assumption {
            f.write_str(" 【假定】")?;
        }
        Ok(())
    }
}

/// Reads the pack on one date and remembers what it read, so a result can list its basis.
pub(crate) struct Basis<'a> {
    pack: &'a RulePack,
    d: NaiveDate,
    used: Vec<ParamUse>,
}

impl<'a> Basis<'a> {
    pub(crate) fn new(pack: &'a RulePack, d: NaiveDate) -> Basis<'a> {
        Basis {
            pack,
            d,
            used: Vec::new(),
        }
    }

    fn note(&mut self, key: &str) -> Result<(), PackError> {
        if self.used.iter().any(|u| u.key == key) {
            return Ok(());
        }
        let v = self.pack.value(key, self.d)?;
        let (name, confidence) = self
            .pack
            .params
            .get(key)
            .map_or((key.to_owned(), Confidence::NotFound), |p| {
                (p.name.clone(), p.confidence)
            });
        self.used.push(ParamUse {
            key: key.to_owned(),
            name,
            value: v.value.to_string(),
            confidence,
            assumption: confidence.is_assumption(),
            legal_ref: v.legal_ref.to_string(),
        });
        Ok(())
    }

    pub(crate) fn count(&mut self, key: &str) -> Result<u32, PackError> {
        let v = self.pack.count(key, self.d)?;
        self.note(key)?;
        Ok(v)
    }

    pub(crate) fn decimal(&mut self, key: &str) -> Result<Decimal, PackError> {
        let v = self.pack.decimal(key, self.d)?;
        self.note(key)?;
        Ok(v)
    }

    pub(crate) fn codes<T: core::str::FromStr>(&mut self, key: &str) -> Result<Vec<T>, PackError> {
        let v = self.pack.codes(key, self.d)?;
        self.note(key)?;
        Ok(v)
    }

    /// A date written as `YYYY-MM-DD` text in the pack.
    pub(crate) fn date(&mut self, key: &str) -> Result<NaiveDate, PackError> {
        let t = self.pack.text(key, self.d)?;
        let v = zhongjie_core::time::parse_date(t).ok_or_else(|| PackError::WrongType {
            key: key.to_owned(),
            found: t.to_owned(),
            expected: "YYYY-MM-DD 日期",
        })?;
        self.note(key)?;
        Ok(v)
    }

    /// A rule of the pack, as used.
    pub(crate) fn rule(&self, id: &str) -> Result<RuleUse, PackError> {
        let r = self.pack.rule(id)?;
        Ok(RuleUse {
            id: r.id.clone(),
            name: r.name.clone(),
            legal_ref: r.legal_ref.to_string(),
        })
    }

    /// The parameters read since the last call.
    pub(crate) fn take(&mut self) -> Vec<ParamUse> {
        core::mem::take(&mut self.used)
    }
}

/// Yuan with thousands separators and no trailing zeros: `300,000元`, `4,999.95元`.
pub fn yuan(d: Decimal) -> String {
    let s = d.normalize().to_string();
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s.as_str()),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}元"),
        None => format!("{sign}{grouped}元"),
    }
}

/// Renders the parameter list of a result (one indented line each).
pub(crate) fn params_text(out: &mut String, indent: &str, params: &[ParamUse]) {
    for p in params {
        out.push_str(&format!("{indent}参数：{p}\n"));
    }
}

#[cfg(test)]
mod tests;
