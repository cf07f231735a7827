//! The document model every report is built as, and rendered from: a title, facts about how it
//! was made (as-of date, rule pack, seed and method of any draw), and sections holding paragraphs,
//! tables and charts. The renderers (`render`) turn one model into HTML, Markdown, CSV and JSON, so
//! the four formats always say the same thing.

use crate::privacy;
use serde::Serialize;
use zhongjie_core::chrono::NaiveDate;

/// Who a report is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// May be published (公开): holds only what may be shown to anyone.
    Public,
    /// For the regulators (内部): still never a full resident ID nor a whistle-blower's contact.
    Internal,
}

impl Audience {
    /// Chinese label printed on the report.
    pub fn zh(self) -> &'static str {
        match self {
            Audience::Public => "公开",
            Audience::Internal => "内部资料，不予公开",
        }
    }
}

/// One labelled fact (`label: value`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fact {
    /// 项目.
    pub label: String,
    /// 内容.
    pub value: String,
}

impl Fact {
    /// A fact.
    pub fn new(label: impl Into<String>, value: impl Into<String>) -> Fact {
        Fact {
            label: label.into(),
            value: value.into(),
        }
    }
}

/// A column of a table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Stable English key (JSON consumers).
    pub key: String,
    /// Chinese header (HTML, Markdown, CSV).
    pub label: String,
    /// Right-aligned number.
    pub numeric: bool,
}

/// A table: the unit a CSV file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Table {
    /// Stable English name; the CSV file of this table is `<report>-<id>.csv`.
    pub id: String,
    /// Chinese caption.
    pub caption: String,
    /// Columns.
    pub columns: Vec<Column>,
    /// Rows; each has one cell per column.
    pub rows: Vec<Vec<String>>,
    /// What to print when there is no row.
    pub empty: String,
}

impl Table {
    /// A table with the given `(key, label)` text columns.
    pub fn new(id: &str, caption: impl Into<String>, columns: &[(&str, &str)]) -> Table {
        Table {
            id: id.to_owned(),
            caption: caption.into(),
            columns: columns
                .iter()
                .map(|(k, l)| Column {
                    key: (*k).to_owned(),
                    label: (*l).to_owned(),
                    numeric: false,
                })
                .collect(),
            rows: Vec::new(),
            empty: "无".to_owned(),
        }
    }

    /// Marks the columns with these keys as numbers (right-aligned).
    pub fn numeric(mut self, keys: &[&str]) -> Table {
        for c in &mut self.columns {
            if keys.contains(&c.key.as_str()) {
                c.numeric = true;
            }
        }
        self
    }

    /// What to print when there is no row.
    pub fn when_empty(mut self, text: impl Into<String>) -> Table {
        self.empty = text.into();
        self
    }

    /// Adds a row (missing cells are left empty, extra cells dropped).
    pub fn push(&mut self, cells: Vec<String>) {
        let mut cells = cells;
        cells.resize(self.columns.len(), String::new());
        self.rows.push(cells);
    }
}

/// The shape of a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    /// Horizontal bars, one per category; several series stack.
    Bars,
    /// Lines over ordered categories (dates), one per series.
    Lines,
}

/// A named series of whole numbers, one per category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    /// Legend text.
    pub name: String,
    /// One value per category.
    pub values: Vec<u64>,
}

/// A chart: categories, series of whole numbers, and a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chart {
    /// Stable English name.
    pub id: String,
    /// Chinese title.
    pub title: String,
    /// Shape.
    pub kind: ChartKind,
    /// Unit of the values (家, 条, 人…).
    pub unit: String,
    /// Category labels.
    pub categories: Vec<String>,
    /// Series (each as long as `categories`).
    pub series: Vec<Series>,
}

/// A part of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of text.
    Paragraph {
        /// The text.
        text: String,
    },
    /// Labelled facts, printed as a definition list.
    Facts {
        /// The facts.
        facts: Vec<Fact>,
    },
    /// A table.
    Table(Table),
    /// A chart (its numbers are also given as a table in Markdown and CSV).
    Chart(Chart),
}

/// A section: a heading and blocks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Section {
    /// Heading.
    pub heading: String,
    /// Content.
    pub blocks: Vec<Block>,
}

impl Section {
    /// An empty section.
    pub fn new(heading: impl Into<String>) -> Section {
        Section {
            heading: heading.into(),
            blocks: Vec::new(),
        }
    }
    /// Adds a paragraph.
    pub fn text(mut self, text: impl Into<String>) -> Section {
        self.blocks.push(Block::Paragraph { text: text.into() });
        self
    }
    /// Adds facts.
    pub fn facts(mut self, facts: Vec<Fact>) -> Section {
        self.blocks.push(Block::Facts { facts });
        self
    }
    /// Adds a table.
    pub fn table(mut self, t: Table) -> Section {
        self.blocks.push(Block::Table(t));
        self
    }
    /// Adds a chart.
    pub fn chart(mut self, c: Chart) -> Section {
        self.blocks.push(Block::Chart(c));
        self
    }
}

/// A whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Stable English code of the kind (`credit-list` …).
    pub kind: String,
    /// Chinese title.
    pub title: String,
    /// Who it is for.
    pub audience: Audience,
    /// The as-of date of the run it comes from.
    pub as_of: NaiveDate,
    /// `pack@version` of the rule pack.
    pub pack: String,
    /// How it was made: data date, pack, seed and method of a draw, inputs.
    pub facts: Vec<Fact>,
    /// Content.
    pub sections: Vec<Section>,
}

impl Report {
    /// Passes every text of the report through [`privacy::scrub`], so that no full resident ID
    /// can reach any rendering, whatever a data row happened to contain.
    pub fn scrubbed(mut self) -> Report {
        let s = |t: &mut String| {
            if let std::borrow::Cow::Owned(o) = privacy::scrub(t) {
                *t = o;
            }
        };
        s(&mut self.title);
        for f in &mut self.facts {
            s(&mut f.label);
            s(&mut f.value);
        }
        for sec in &mut self.sections {
            s(&mut sec.heading);
            for b in &mut sec.blocks {
                match b {
                    Block::Paragraph { text } => s(text),
                    Block::Facts { facts } => {
                        for f in facts {
                            s(&mut f.label);
                            s(&mut f.value);
                        }
                    }
                    Block::Table(t) => {
                        s(&mut t.caption);
                        s(&mut t.empty);
                        for c in &mut t.columns {
                            s(&mut c.label);
                        }
                        for r in &mut t.rows {
                            for c in r {
                                s(c);
                            }
                        }
                    }
                    Block::Chart(c) => {
                        s(&mut c.title);
                        for x in &mut c.categories {
                            s(x);
                        }
                        for x in &mut c.series {
                            s(&mut x.name);
                        }
                    }
                }
            }
        }
        self
    }

    /// Every table of the report, charts included as tables of their numbers, in order.
    pub fn tables(&self) -> Vec<Table> {
        let mut v = Vec::new();
        for sec in &self.sections {
            for b in &sec.blocks {
                match b {
                    Block::Table(t) => v.push(t.clone()),
                    Block::Chart(c) => v.push(chart_table(c)),
                    _ => {}
                }
            }
        }
        v
    }
}

/// A chart's numbers as a table: one row per category, one column per series.
pub fn chart_table(c: &Chart) -> Table {
    let mut columns = vec![Column {
        key: "category".into(),
        label: "类别".into(),
        numeric: false,
    }];
    for (i, s) in c.series.iter().enumerate() {
        columns.push(Column {
            key: format!("series_{}", i + 1),
            label: if s.name.is_empty() {
                format!("数量（{}）", c.unit)
            } else {
                format!("{}（{}）", s.name, c.unit)
            },
            numeric: true,
        });
    }
    let rows = c
        .categories
        .iter()
        .enumerate()
        .map(|(i, cat)| {
            let mut r = vec![cat.clone()];
            for s in &c.series {
                r.push(s.values.get(i).copied().unwrap_or(0).to_string());
            }
            r
        })
        .collect();
    Table {
        id: c.id.clone(),
        caption: format!("{}（图表数据）", c.title),
        columns,
        rows,
        empty: "无数据".into(),
    }
}
