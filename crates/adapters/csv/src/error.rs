//! The errors of reading a dataset: every problem with its file, line, column and a stable code.

use core::fmt;

/// At most this many errors are kept; the rest are only counted.
pub const ERROR_CAP: usize = 200;

/// One problem of a dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file name (`agencies.csv`), or the folder for a problem with the folder itself.
    pub file: String,
    /// 1-based line in the file as it is (header = line 1); `None` for a whole-file problem.
    pub line: Option<usize>,
    /// The column (header name), where one is concerned.
    pub column: Option<String>,
    /// Stable English code of the error class (`bad_uscc`, `dangling_reference`, …).
    pub code: &'static str,
    /// What was found and what was expected, in Chinese. Never holds a full resident ID number
    /// or anything of a `reporter_contact`.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(l) = self.line {
            write!(f, " 第 {l} 行")?;
        }
        if let Some(c) = &self.column {
            write!(f, " {c} 列")?;
        }
        write!(f, "：{} [{}]", self.message, self.code)
    }
}

/// Why a dataset was refused: the problems found (at most [`ERROR_CAP`]) and how many more there
/// were.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LoadErrors {
    /// The problems, by file (in the order of part B) then line.
    pub errors: Vec<LoadError>,
    /// How many more problems were found but not listed.
    pub omitted: usize,
}

impl LoadErrors {
    /// Every problem found, listed or not.
    pub fn total(&self) -> usize {
        self.errors.len() + self.omitted
    }
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            writeln!(f, "{e}")?;
        }
        if self.omitted > 0 {
            writeln!(
                f,
                "另有 {} 个错误未列出（只列出前 {} 个）",
                self.omitted,
                self.errors.len()
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}
