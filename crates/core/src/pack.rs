//! Rule packs: every number a province may tune, dated and carrying its legal reference.
//!
//! A pack is a TOML document:
//!
//! ```toml
//! [pack]
//! id = "zj-2024"
//! version = "1.0.0"
//! name = "浙江省安全生产中介机构监管规则包（2024）"
//!
//! [[source]]
//! id = "ZJ85"
//! title = "浙应急〔2024〕85号"
//!
//! [[rule]]
//! id = "REPORT_OVERDUE"
//! name = "报告逾期上传"
//! source = "ZJ85"
//! article = "二(二)8"
//!
//! [[param]]
//! key = "report.due_days"
//! name = "服务报告上传期限（日）"
//! confidence = "Q"
//! values = [{ from = "2024-06-17", value = 30, source = "ZJ85", article = "二(二)8" }]
//! ```
//!
//! The loader refuses unknown keys, duplicate keys (TOML's own rule), duplicate sources, rules
//! and parameters, two values of one parameter from the same date (a contradiction), references
//! to unknown sources, malformed dates and floating-point values.

use chrono::NaiveDate;
use core::fmt;
use rust_decimal::Decimal;
use serde::Deserialize;
use std::collections::BTreeMap;

/// How sure the pack's authors are of a value (from the domain brief's tags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
pub enum Confidence {
    /// Quoted from a text that was read.
    Q,
    /// Stated by a secondary source.
    S,
    /// Recalled, not confirmed: an assumption.
    R,
    /// No source found: a configuration choice.
    #[serde(rename = "NOT_FOUND")]
    NotFound,
    /// Set by the data exchange contract (exchange v1, part C) as the province's default.
    #[serde(rename = "SPEC")]
    Spec,
}

impl Confidence {
    /// Whether the value is an assumption rather than quoted law.
    pub fn is_assumption(self) -> bool {
        !matches!(self, Confidence::Q)
    }
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Confidence::Q => "原文引用",
            Confidence::S => "二手来源",
            Confidence::R => "未经证实的假定",
            Confidence::NotFound => "无出处的配置",
            Confidence::Spec => "数据交换规范默认值",
        }
    }
}

/// A legal reference: a document and an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LegalRef {
    /// Source id (e.g. `ZJ85`).
    pub source: String,
    /// Full document title.
    pub title: String,
    /// Article, paragraph or section.
    pub article: String,
}

impl fmt::Display for LegalRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.title, self.article)
    }
}

/// A parameter value: an integer, a decimal or a text (codes, lists).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A whole number.
    Int(i64),
    /// A decimal written as a string in the pack (`"0.15"`).
    Decimal(Decimal),
    /// A text (a code, or a `;`-joined list of codes).
    Text(String),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Int(i) => write!(f, "{i}"),
            Value::Decimal(d) => write!(f, "{d}"),
            Value::Text(t) => f.write_str(t),
        }
    }
}

/// One dated value of a parameter.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DatedValue {
    /// Applies from this date on (until the next value's date).
    pub from: NaiveDate,
    /// The value.
    pub value: Value,
    /// Where it comes from.
    pub legal_ref: LegalRef,
}

/// A tunable parameter with its history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Param {
    /// Dotted key, e.g. `grade.deduction.OUT_OF_SCOPE`.
    pub key: String,
    /// Chinese name.
    pub name: String,
    /// Confidence of the basis.
    pub confidence: Confidence,
    /// Values sorted by `from`, all dates distinct.
    pub values: Vec<DatedValue>,
}

impl Param {
    /// The value that applies on `d`: the one with the latest `from ≤ d`.
    pub fn at(&self, d: NaiveDate) -> Option<&DatedValue> {
        self.values.iter().rev().find(|v| v.from <= d)
    }
}

/// A rule: an id, a Chinese name and its legal reference.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleDef {
    /// Stable id (e.g. `CONCURRENT_PRACTICE`).
    pub id: String,
    /// Chinese name.
    pub name: String,
    /// Legal reference.
    pub legal_ref: LegalRef,
}

/// A loaded, checked rule pack.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RulePack {
    /// Pack id (e.g. `zj-2024`).
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Chinese name.
    pub name: String,
    /// Rules by id.
    pub rules: BTreeMap<String, RuleDef>,
    /// Parameters by key.
    pub params: BTreeMap<String, Param>,
}

/// Where in the pack text a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackLocation {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
}

/// A rule-pack problem.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    /// TOML syntax, an unknown key, a duplicate key, a wrong type.
    #[error("规则包格式错误（第 {}:{} 处）：{message}", .at.as_ref().map_or(0, |l| l.line), .at.as_ref().map_or(0, |l| l.column))]
    Syntax {
        /// Where.
        at: Option<PackLocation>,
        /// The parser's message.
        message: String,
    },
    /// A date that is not `YYYY-MM-DD`.
    #[error("规则包中 {context} 的日期 `{found}` 无效，应为 YYYY-MM-DD")]
    BadDate {
        /// Which entry.
        context: String,
        /// The text found.
        found: String,
    },
    /// A floating-point number (money and points are never floats).
    #[error("规则包中 {context} 的值 `{found}` 是浮点数，应写成整数或带引号的小数（如 \"0.15\"）")]
    Float {
        /// Which entry.
        context: String,
        /// The value found.
        found: String,
    },
    /// A text value where a decimal was expected.
    #[error("规则包中 {context} 的值类型不对：{found}")]
    BadValue {
        /// Which entry.
        context: String,
        /// What was found.
        found: String,
    },
    /// The same source, rule or parameter twice.
    #[error("规则包中 {what} `{id}` 重复定义")]
    Duplicate {
        /// `source`, `rule` or `param`.
        what: &'static str,
        /// The id.
        id: String,
    },
    /// Two values of one parameter from the same date.
    #[error("参数 `{key}` 在 {from} 有两个相互矛盾的取值")]
    Contradiction {
        /// Parameter key.
        key: String,
        /// The date.
        from: NaiveDate,
    },
    /// A reference to a source the pack does not declare.
    #[error("规则包中 {context} 引用了未声明的文件 `{source_id}`")]
    UnknownSource {
        /// Which entry.
        context: String,
        /// The source id.
        source_id: String,
    },
    /// A parameter with no value.
    #[error("参数 `{0}` 没有任何取值")]
    Empty(String),
    /// A parameter a consumer needs is missing, or has no value on the date.
    #[error("规则包缺少参数 `{key}`（在 {date} 适用的取值）")]
    Missing {
        /// Parameter key.
        key: String,
        /// The date asked for.
        date: NaiveDate,
    },
    /// A rule a consumer needs is missing.
    #[error("规则包缺少规则 `{0}`")]
    MissingRule(String),
    /// A value of the wrong type or out of range for its consumer.
    #[error("参数 `{key}` 的取值 `{found}` 不可用：应为{expected}")]
    WrongType {
        /// Parameter key.
        key: String,
        /// What was found.
        found: String,
        /// What was expected (Chinese).
        expected: &'static str,
    },
}

impl PackError {
    /// Stable English code of the error class.
    pub fn code(&self) -> &'static str {
        match self {
            PackError::Syntax { .. } => "pack_syntax",
            PackError::BadDate { .. } => "pack_bad_date",
            PackError::Float { .. } => "pack_float",
            PackError::BadValue { .. } => "pack_bad_value",
            PackError::Duplicate { .. } => "pack_duplicate",
            PackError::Contradiction { .. } => "pack_contradiction",
            PackError::UnknownSource { .. } => "pack_unknown_source",
            PackError::Empty(_) => "pack_empty_param",
            PackError::Missing { .. } => "pack_missing_param",
            PackError::MissingRule(_) => "pack_missing_rule",
            PackError::WrongType { .. } => "pack_wrong_type",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    pack: RawHeader,
    #[serde(default)]
    source: Vec<RawSource>,
    #[serde(default)]
    rule: Vec<RawRule>,
    #[serde(default)]
    param: Vec<RawParam>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    id: String,
    version: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    title: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    name: String,
    source: String,
    article: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    key: String,
    name: String,
    confidence: Confidence,
    values: Vec<RawValue>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawValue {
    from: String,
    value: toml::Value,
    source: String,
    article: String,
}

fn location(text: &str, offset: usize) -> PackLocation {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    PackLocation { line, column }
}

impl RulePack {
    /// Parses and checks a pack.
    pub fn parse(text: &str) -> Result<RulePack, PackError> {
        let raw: RawPack = toml::from_str(text).map_err(|e| PackError::Syntax {
            at: e.span().map(|s| location(text, s.start)),
            message: e.message().trim().to_owned(),
        })?;
        let mut sources: BTreeMap<String, String> = BTreeMap::new();
        for s in raw.source {
            if sources.contains_key(&s.id) {
                return Err(PackError::Duplicate {
                    what: "source",
                    id: s.id,
                });
            }
            sources.insert(s.id, s.title);
        }
        let reference = |context: &str, source: String, article: String| match sources.get(&source)
        {
            Some(title) => Ok(LegalRef {
                title: title.clone(),
                source,
                article,
            }),
            None => Err(PackError::UnknownSource {
                context: context.to_owned(),
                source_id: source,
            }),
        };
        let mut rules = BTreeMap::new();
        for r in raw.rule {
            if rules.contains_key(&r.id) {
                return Err(PackError::Duplicate {
                    what: "rule",
                    id: r.id,
                });
            }
            let legal_ref = reference(&format!("规则 {}", r.id), r.source, r.article)?;
            rules.insert(
                r.id.clone(),
                RuleDef {
                    id: r.id,
                    name: r.name,
                    legal_ref,
                },
            );
        }
        let mut params = BTreeMap::new();
        for p in raw.param {
            if params.contains_key(&p.key) {
                return Err(PackError::Duplicate {
                    what: "param",
                    id: p.key,
                });
            }
            if p.values.is_empty() {
                return Err(PackError::Empty(p.key));
            }
            let context = format!("参数 {}", p.key);
            let mut values = Vec::with_capacity(p.values.len());
            for v in p.values {
                let from = crate::time::parse_date(&v.from).ok_or_else(|| PackError::BadDate {
                    context: context.clone(),
                    found: v.from.clone(),
                })?;
                let value = match v.value {
                    toml::Value::Integer(i) => Value::Int(i),
                    toml::Value::String(s) => match s.parse::<Decimal>() {
                        Ok(d) if is_decimal_text(&s) => Value::Decimal(d),
                        _ => Value::Text(s),
                    },
                    toml::Value::Float(f) => {
                        return Err(PackError::Float {
                            context,
                            found: f.to_string(),
                        })
                    }
                    other => {
                        return Err(PackError::BadValue {
                            context,
                            found: format!("{} 类型的值", other.type_str()),
                        })
                    }
                };
                let legal_ref = reference(&context, v.source, v.article)?;
                values.push(DatedValue {
                    from,
                    value,
                    legal_ref,
                });
            }
            values.sort_by_key(|v| v.from);
            if let Some(w) = values.windows(2).find(|w| w[0].from == w[1].from) {
                return Err(PackError::Contradiction {
                    key: p.key,
                    from: w[0].from,
                });
            }
            params.insert(
                p.key.clone(),
                Param {
                    key: p.key,
                    name: p.name,
                    confidence: p.confidence,
                    values,
                },
            );
        }
        Ok(RulePack {
            id: raw.pack.id,
            version: raw.pack.version,
            name: raw.pack.name,
            rules,
            params,
        })
    }

    /// The default pack of Zhejiang, 2024 (`zj-2024`), embedded in the library.
    pub fn zj_2024() -> Result<RulePack, PackError> {
        RulePack::parse(ZJ_2024)
    }

    /// `id@version`, stamped on every output.
    pub fn stamp(&self) -> String {
        format!("{}@{}", self.id, self.version)
    }

    /// A rule by id.
    pub fn rule(&self, id: &str) -> Result<&RuleDef, PackError> {
        self.rules
            .get(id)
            .ok_or_else(|| PackError::MissingRule(id.to_owned()))
    }

    /// The dated value of `key` that applies on `d`.
    pub fn value(&self, key: &str, d: NaiveDate) -> Result<&DatedValue, PackError> {
        self.params
            .get(key)
            .and_then(|p| p.at(d))
            .ok_or_else(|| PackError::Missing {
                key: key.to_owned(),
                date: d,
            })
    }

    /// An integer parameter on `d`.
    pub fn int(&self, key: &str, d: NaiveDate) -> Result<i64, PackError> {
        match &self.value(key, d)?.value {
            Value::Int(i) => Ok(*i),
            other => Err(PackError::WrongType {
                key: key.to_owned(),
                found: other.to_string(),
                expected: "整数",
            }),
        }
    }

    /// A non-negative integer parameter on `d` that fits in `u32`.
    pub fn count(&self, key: &str, d: NaiveDate) -> Result<u32, PackError> {
        let i = self.int(key, d)?;
        u32::try_from(i).map_err(|_| PackError::WrongType {
            key: key.to_owned(),
            found: i.to_string(),
            expected: "非负整数",
        })
    }

    /// A decimal parameter on `d` (an integer is accepted).
    pub fn decimal(&self, key: &str, d: NaiveDate) -> Result<Decimal, PackError> {
        match &self.value(key, d)?.value {
            Value::Int(i) => Ok(Decimal::from(*i)),
            Value::Decimal(x) => Ok(*x),
            Value::Text(t) => Err(PackError::WrongType {
                key: key.to_owned(),
                found: t.clone(),
                expected: "数值",
            }),
        }
    }

    /// A text parameter on `d`.
    pub fn text(&self, key: &str, d: NaiveDate) -> Result<&str, PackError> {
        match &self.value(key, d)?.value {
            Value::Text(t) => Ok(t),
            other => Err(PackError::WrongType {
                key: key.to_owned(),
                found: other.to_string(),
                expected: "文本",
            }),
        }
    }

    /// A text parameter parsed as a `;`-joined list of codes.
    pub fn codes<T: core::str::FromStr>(
        &self,
        key: &str,
        d: NaiveDate,
    ) -> Result<Vec<T>, PackError> {
        let t = self.text(key, d)?;
        t.split(';')
            .filter(|s| !s.is_empty())
            .map(|s| {
                s.parse().map_err(|_| PackError::WrongType {
                    key: key.to_owned(),
                    found: s.to_owned(),
                    expected: "已知代码",
                })
            })
            .collect()
    }
}

fn is_decimal_text(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    let mut parts = body.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// The text of the default pack `zj-2024`.
pub const ZJ_2024: &str = include_str!("../packs/zj-2024.toml");

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "[pack]\nid = \"t\"\nversion = \"1\"\nname = \"测试\"\n[[source]]\nid = \"S\"\ntitle = \"文件\"\n";

    fn pack(body: &str) -> Result<RulePack, PackError> {
        RulePack::parse(&format!("{HEAD}{body}"))
    }

    fn d(s: &str) -> NaiveDate {
        crate::time::parse_date(s).unwrap()
    }

    #[test]
    fn dated_values_apply_from_their_date() {
        let p = pack(
            "[[param]]\nkey = \"a\"\nname = \"甲\"\nconfidence = \"Q\"\nvalues = [\
             { from = \"2024-01-01\", value = 30, source = \"S\", article = \"1\" },\
             { from = \"2026-06-01\", value = 20, source = \"S\", article = \"2\" }]\n",
        )
        .unwrap();
        assert!(p.int("a", d("2023-12-31")).is_err());
        assert_eq!(p.int("a", d("2024-01-01")).unwrap(), 30);
        assert_eq!(p.int("a", d("2026-05-31")).unwrap(), 30);
        assert_eq!(p.int("a", d("2026-06-01")).unwrap(), 20);
        assert_eq!(
            p.value("a", d("2026-06-01")).unwrap().legal_ref.article,
            "2"
        );
    }

    #[test]
    fn loader_refusals() {
        let unknown = pack("[[param]]\nkey = \"a\"\nname = \"甲\"\nconfidence = \"Q\"\nunit = \"x\"\nvalues = []\n");
        assert!(
            matches!(unknown, Err(PackError::Syntax { .. })),
            "{unknown:?}"
        );
        let dup_key = pack(
            "[[rule]]\nid = \"R\"\nid = \"R\"\nname = \"x\"\nsource = \"S\"\narticle = \"1\"\n",
        );
        assert!(matches!(dup_key, Err(PackError::Syntax { .. })));
        let one = "[[param]]\nkey = \"a\"\nname = \"甲\"\nconfidence = \"Q\"\nvalues = [{ from = \"2024-01-01\", value = 1, source = \"S\", article = \"1\" }]\n";
        assert!(matches!(
            pack(&format!("{one}{one}")),
            Err(PackError::Duplicate { what: "param", .. })
        ));
        let contradiction = "[[param]]\nkey = \"a\"\nname = \"甲\"\nconfidence = \"Q\"\nvalues = [{ from = \"2024-01-01\", value = 1, source = \"S\", article = \"1\" }, { from = \"2024-01-01\", value = 2, source = \"S\", article = \"1\" }]\n";
        assert!(matches!(
            pack(contradiction),
            Err(PackError::Contradiction { .. })
        ));
        let bad_date = one.replace("2024-01-01", "2024-02-30");
        assert!(matches!(pack(&bad_date), Err(PackError::BadDate { .. })));
        let float = one.replace("value = 1", "value = 0.15");
        assert!(matches!(pack(&float), Err(PackError::Float { .. })));
        let unknown_source = one.replace("source = \"S\"", "source = \"X\"");
        assert!(matches!(
            pack(&unknown_source),
            Err(PackError::UnknownSource { .. })
        ));
    }

    #[test]
    fn default_pack_loads() {
        let p = RulePack::zj_2024().unwrap();
        assert_eq!(p.id, "zj-2024");
        assert!(p.params.len() > 50);
    }
}
