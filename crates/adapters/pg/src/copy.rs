//! Rows for `COPY ... FROM STDIN` in PostgreSQL's text format: tab between fields, newline
//! between rows, `\N` for NULL, backslash escapes for backslash, tab, newline and carriage return.
//! Arrays are written as array literals with every element quoted (so an element spelt `NULL` is
//! text, not a null).

use std::fmt::Write as _;

/// One row being built.
#[derive(Default)]
pub struct Row {
    buf: String,
    fields: usize,
    nul: bool,
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
}

/// An array literal `{"a","b"}` with every element quoted (before COPY escaping).
pub fn array_literal<S: AsRef<str>>(items: &[S]) -> String {
    let mut s = String::from("{");
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push('"');
        for c in x.as_ref().chars() {
            if c == '"' || c == '\\' {
                s.push('\\');
            }
            s.push(c);
        }
        s.push('"');
    }
    s.push('}');
    s
}

impl Row {
    fn sep(&mut self) {
        if self.fields > 0 {
            self.buf.push('\t');
        }
        self.fields += 1;
    }

    /// A text field.
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.nul |= s.contains('\0');
        self.sep();
        escape_into(&mut self.buf, s);
        self
    }

    /// A field from anything displayable (numbers, dates, codes).
    pub fn show(&mut self, x: impl core::fmt::Display) -> &mut Self {
        self.sep();
        let s = x.to_string();
        escape_into(&mut self.buf, &s);
        self
    }

    /// A nullable field.
    pub fn opt(&mut self, x: Option<impl core::fmt::Display>) -> &mut Self {
        match x {
            Some(v) => self.show(v),
            None => self.null(),
        }
    }

    /// NULL.
    pub fn null(&mut self) -> &mut Self {
        self.sep();
        self.buf.push_str("\\N");
        self
    }

    /// A `text[]` field.
    pub fn array<S: AsRef<str>>(&mut self, items: &[S]) -> &mut Self {
        let lit = array_literal(items);
        self.text(&lit)
    }

    /// A boolean.
    pub fn bool(&mut self, b: bool) -> &mut Self {
        self.sep();
        self.buf.push(if b { 't' } else { 'f' });
        self
    }
}

/// The COPY text of many rows.
#[derive(Default)]
pub struct Rows {
    /// The text so far.
    pub text: String,
    /// How many rows.
    pub count: u64,
    /// The first row (1-based) with a NUL character, which PostgreSQL's text cannot hold.
    pub first_nul: Option<u64>,
}

impl Rows {
    /// Appends a row built by `f`.
    pub fn push(&mut self, f: impl FnOnce(&mut Row)) {
        let mut r = Row::default();
        f(&mut r);
        let _ = write!(self.text, "{}", r.buf);
        self.text.push('\n');
        self.count += 1;
        if r.nul && self.first_nul.is_none() {
            self.first_nul = Some(self.count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn special_characters_are_escaped() {
        let mut rows = Rows::default();
        rows.push(|r| {
            r.text("a\tb\nc\\d\re")
                .null()
                .bool(true)
                .opt(None::<u8>)
                .opt(Some(3));
        });
        assert_eq!(rows.text, "a\\tb\\nc\\\\d\\re\t\\N\tt\t\\N\t3\n");
        assert_eq!(rows.count, 1);
        assert_eq!(rows.first_nul, None);
        rows.push(|r| {
            r.text("a\0b");
        });
        assert_eq!(rows.first_nul, Some(2));
    }

    #[test]
    fn arrays_quote_every_element() {
        assert_eq!(array_literal::<&str>(&[]), "{}");
        assert_eq!(
            array_literal(&["NULL", "a\"b", "c\\d"]),
            r#"{"NULL","a\"b","c\\d"}"#
        );
        let mut rows = Rows::default();
        rows.push(|r| {
            r.array(&["x\\y"]);
        });
        // The array literal's backslash is escaped once more for COPY.
        assert_eq!(rows.text, "{\"x\\\\\\\\y\"}\n");
    }
}
