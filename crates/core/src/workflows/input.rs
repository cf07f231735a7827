//! Strict readers of the workflow input files: CSV tables (question bank, papers, answer sheets)
//! and TOML documents (applications, blueprints, complaint cases). Every problem names its line
//! and column, has a stable English code and a Chinese message. Input is text: no IO here.

use core::fmt;
use rust_decimal::Decimal;
use serde::Serialize;

/// Where in an input file a problem is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Column {
    /// A CSV column, by its header name.
    Name(String),
    /// A character column (1-based) of a TOML document.
    Char(usize),
    /// The whole line or the whole file.
    None,
}

/// One problem in an input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// 1-based line (the header is line 1 of a CSV file; a record with a quoted line break is
    /// at the line where it starts).
    pub line: usize,
    /// Where on the line.
    pub column: Column,
    /// Stable English code.
    pub code: &'static str,
    /// Chinese message: what was found and what was expected.
    pub message: String,
}

impl InputError {
    /// A problem at a CSV cell.
    pub fn cell(line: usize, column: &str, code: &'static str, message: impl Into<String>) -> Self {
        InputError {
            line,
            column: Column::Name(column.to_owned()),
            code,
            message: message.into(),
        }
    }
    /// A problem of a whole line (or of the file, at line 0).
    pub fn line(line: usize, code: &'static str, message: impl Into<String>) -> Self {
        InputError {
            line,
            column: Column::None,
            code,
            message: message.into(),
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Column::Name(c) => write!(f, "第 {} 行 `{}` 列：", self.line, c)?,
            Column::Char(c) => write!(f, "第 {} 行第 {} 列：", self.line, c)?,
            Column::None if self.line == 0 => {}
            Column::None => write!(f, "第 {} 行：", self.line)?,
        }
        write!(f, "{}（{}）", self.message, self.code)
    }
}

/// One data record of a strict CSV table: its line and its cells by column.
#[derive(Debug, Clone)]
pub struct Record {
    line: usize,
    cells: Vec<String>,
}

impl Record {
    /// The record's line.
    pub fn line(&self) -> usize {
        self.line
    }
}

/// A CSV table read strictly against the expected columns (any order, all present, none
/// unknown or repeated), every record with as many fields as the header.
#[derive(Debug, Clone)]
pub struct Table {
    columns: &'static [&'static str],
    /// Position of each expected column in the file.
    positions: Vec<usize>,
    /// Data records.
    pub records: Vec<Record>,
}

impl Table {
    /// Reads `text` (UTF-8, optional BOM, RFC 4180 quoting, LF or CRLF; blank lines skipped).
    pub fn read(text: &str, columns: &'static [&'static str]) -> Result<Table, Vec<InputError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut errors = Vec::new();
        let mut records = split_records(text).map_err(|e| vec![e])?.into_iter();
        let header: Option<Vec<String>> = records.next().map(|r| r.cells);
        let rows: Vec<Record> = records.collect();
        let Some(header) = header else {
            return Err(vec![InputError::line(
                1,
                "missing_header",
                format!("文件为空，应有表头：{}", columns.join(",")),
            )]);
        };
        let mut positions = vec![usize::MAX; columns.len()];
        for (i, h) in header.iter().enumerate() {
            match columns.iter().position(|c| c == h) {
                Some(k) if positions[k] != usize::MAX => errors.push(InputError::cell(
                    1,
                    h,
                    "duplicate_column",
                    format!("表头列 `{h}` 重复，每列只应出现一次"),
                )),
                Some(k) => positions[k] = i,
                None => errors.push(InputError::cell(
                    1,
                    h,
                    "unknown_column",
                    format!("未知的表头列 `{h}`，应为 {}", columns.join(",")),
                )),
            }
        }
        for (k, c) in columns.iter().enumerate() {
            if positions[k] == usize::MAX {
                errors.push(InputError::cell(
                    1,
                    c,
                    "missing_column",
                    format!("缺少表头列 `{c}`"),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for r in &rows {
            if r.cells.len() != header.len() {
                errors.push(InputError::line(
                    r.line,
                    "field_count",
                    format!(
                        "该行有 {} 个字段，应与表头一样为 {} 个",
                        r.cells.len(),
                        header.len()
                    ),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Table {
            columns,
            positions,
            records: rows,
        })
    }

    /// The cell of `column` (one of the expected columns) in `r`; "" when the name is unknown.
    pub fn cell<'r>(&self, r: &'r Record, column: &str) -> &'r str {
        self.columns
            .iter()
            .position(|c| *c == column)
            .and_then(|k| self.positions.get(k))
            .and_then(|&i| r.cells.get(i))
            .map_or("", String::as_str)
    }

    /// A cell that must not be empty; an empty one is reported and gives `None`.
    pub fn required<'r>(
        &self,
        r: &'r Record,
        column: &str,
        errors: &mut Vec<InputError>,
    ) -> Option<&'r str> {
        let v = self.cell(r, column);
        if v.is_empty() {
            errors.push(InputError::cell(
                r.line,
                column,
                "missing_value",
                "必填项为空，应填写",
            ));
            None
        } else {
            Some(v)
        }
    }

    /// A required cell parsed with `FromStr`; a failure is reported with the parser's message.
    pub fn parse<T>(&self, r: &Record, column: &str, errors: &mut Vec<InputError>) -> Option<T>
    where
        T: core::str::FromStr,
        T::Err: fmt::Display,
    {
        let v = self.required(r, column, errors)?;
        match v.parse::<T>() {
            Ok(x) => Some(x),
            Err(e) => {
                errors.push(InputError::cell(
                    r.line,
                    column,
                    "invalid_value",
                    e.to_string(),
                ));
                None
            }
        }
    }
}

/// Splits CSV text into records (RFC 4180), each with the line it starts on. Strict: a quote
/// inside an unquoted field, text after a closing quote, a lone carriage return and an
/// unterminated quoted field are errors. Lines holding nothing are skipped.
fn split_records(text: &str) -> Result<Vec<Record>, InputError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let mut line = 1usize;
    while chars.peek().is_some() {
        let start = line;
        // A blank line.
        match chars.peek() {
            Some('\n') => {
                chars.next();
                line += 1;
                continue;
            }
            Some('\r') => {
                chars.next();
                if chars.next() != Some('\n') {
                    return Err(stray_cr(line));
                }
                line += 1;
                continue;
            }
            _ => {}
        }
        let mut cells = Vec::new();
        let mut cell = String::new();
        loop {
            // At the start of a field.
            if chars.peek() == Some(&'"') {
                chars.next();
                loop {
                    match chars.next() {
                        None => {
                            return Err(InputError::line(
                                start,
                                "csv_syntax",
                                "引号未闭合，带引号的字段应以 \" 结束",
                            ))
                        }
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            cell.push('"');
                        }
                        Some('"') => break,
                        Some(c) => {
                            if c == '\n' {
                                line += 1;
                            }
                            cell.push(c);
                        }
                    }
                }
                match chars.peek() {
                    None | Some(',') | Some('\n') | Some('\r') => {}
                    Some(c) => {
                        return Err(InputError::line(
                            line,
                            "csv_syntax",
                            format!("闭合引号后出现 `{c}`，应为逗号或换行"),
                        ))
                    }
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if matches!(c, ',' | '\n' | '\r') {
                        break;
                    }
                    if c == '"' {
                        return Err(InputError::line(
                            line,
                            "csv_syntax",
                            "未加引号的字段中出现引号，含引号的字段应整体加引号并将引号写成 \"\"",
                        ));
                    }
                    cell.push(c);
                    chars.next();
                }
            }
            cells.push(core::mem::take(&mut cell));
            match chars.next() {
                Some(',') => continue,
                Some('\r') => {
                    if chars.next() != Some('\n') {
                        return Err(stray_cr(line));
                    }
                    line += 1;
                    break;
                }
                Some('\n') => {
                    line += 1;
                    break;
                }
                _ => break,
            }
        }
        out.push(Record { line: start, cells });
    }
    Ok(out)
}

fn stray_cr(line: usize) -> InputError {
    InputError::line(line, "csv_syntax", "单独的回车符，行尾应为 LF 或 CRLF")
}

/// 1-based line and character column of a byte offset.
pub fn text_location(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parses a TOML document into `T`, mapping the parser's error to a located [`InputError`].
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, InputError> {
    toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((0, 0), |s| text_location(text, s.start));
        InputError {
            line,
            column: if line == 0 {
                Column::None
            } else {
                Column::Char(column)
            },
            code: "toml_syntax",
            message: format!("TOML 格式错误：{}", e.message().trim()),
        }
    })
}

/// A non-negative amount (yuan, square metres) written as an integer or a quoted decimal
/// (`8500000`, `"1200.5"`); a floating-point number is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Decimal);

impl<'de> serde::Deserialize<'de> for Amount {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Amount;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("非负整数或带引号的小数（如 \"1200.5\"）")
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Amount, E> {
                if v < 0 {
                    return Err(E::custom(format!("数值 {v} 为负数，应为非负数")));
                }
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Amount, E> {
                Ok(Amount(Decimal::from(v)))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Amount, E> {
                Err(E::custom(format!(
                    "数值 {v} 是浮点数，应写成整数或带引号的小数（如 \"1200.5\"）"
                )))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Amount, E> {
                parse_amount(v).map(Amount).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A date written `YYYY-MM-DD` as a quoted string (checked strictly, like the exchange files).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateText(pub chrono::NaiveDate);

impl<'de> serde::Deserialize<'de> for DateText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        crate::time::parse_date(&s).map(DateText).ok_or_else(|| {
            serde::de::Error::custom(format!("日期 `{s}` 无效，应为带引号的 YYYY-MM-DD"))
        })
    }
}

/// Parses a non-negative decimal `[0-9]+(\.[0-9]+)?` with at most two decimal places (yuan and
/// fen; square metres to the hundredth). The message is Chinese.
pub fn parse_amount(s: &str) -> Result<Decimal, String> {
    let mut parts = s.splitn(2, '.');
    let int = parts.next().unwrap_or("");
    let frac = parts.next();
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    let ok = digits(int) && frac.is_none_or(|f| digits(f) && f.len() <= 2);
    if !ok {
        return Err(format!(
            "`{s}` 不是有效的金额或面积，应为非负数、至多两位小数（如 150000 或 1200.5）"
        ));
    }
    s.parse::<Decimal>()
        .map_err(|_| format!("`{s}` 超出可表示的范围"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: &[&str] = &["a", "b"];

    #[test]
    fn columns_in_any_order_and_lines_count_quoted_breaks() {
        let t = Table::read("\u{feff}b,a\r\n\"x\ny\",1\n\n2,\"3\"\"\"\r\n", COLS).unwrap();
        assert_eq!(t.records.len(), 2);
        assert_eq!(t.records[0].line(), 2);
        assert_eq!(t.records[1].line(), 5);
        assert_eq!(t.cell(&t.records[1], "a"), "3\"");
        assert_eq!(t.cell(&t.records[0], "a"), "1");
        assert_eq!(t.cell(&t.records[0], "b"), "x\ny");
    }

    #[test]
    fn header_problems_are_all_reported() {
        let e = Table::read("a,a,c\n", COLS).unwrap_err();
        let codes: Vec<&str> = e.iter().map(|x| x.code).collect();
        assert_eq!(
            codes,
            ["duplicate_column", "unknown_column", "missing_column"]
        );
        assert_eq!(e[2].column, Column::Name("b".into()));
        let e = Table::read("a,b\n1\n", COLS).unwrap_err();
        assert_eq!((e[0].line, e[0].code), (2, "field_count"));
        assert_eq!(Table::read("", COLS).unwrap_err()[0].code, "missing_header");
        for (bad, line) in [
            ("a,b\n1,x\"y\n", 2),
            ("a,b\n\"1\"x,2\n", 2),
            ("a,b\n\n\"1,2\n", 3),
            ("a,b\r1,2\n", 1),
        ] {
            let e = Table::read(bad, COLS).unwrap_err();
            assert_eq!((e[0].line, e[0].code), (line, "csv_syntax"), "{bad:?}");
        }
    }

    #[test]
    fn amounts_are_decimal_never_float() {
        assert_eq!(parse_amount("1200.5").unwrap(), Decimal::new(12005, 1));
        for bad in ["-1", "1.", ".5", "1e3", "1.234", "", "1,000"] {
            assert!(parse_amount(bad).is_err(), "{bad}");
        }
        #[derive(serde::Deserialize, Debug)]
        struct X {
            #[allow(dead_code)]
            v: Amount,
        }
        let e = parse_toml::<X>("\nv = 1.5\n").unwrap_err();
        assert_eq!((e.line, e.code), (2, "toml_syntax"));
        assert!(e.message.contains("浮点数"), "{}", e.message);
        assert!(parse_toml::<X>("v = \"1.50\"").is_ok());
    }
}
