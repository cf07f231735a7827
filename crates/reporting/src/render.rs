//! Renderers: one [`Report`] as a self-contained HTML page, Markdown, CSV files and JSON.
//!
//! The HTML page loads nothing: no URL, no external font, script or style sheet; its CSS is
//! inline and its charts are inline SVG, so it opens offline, prints as it shows, and can be
//! archived as one file.

use crate::doc::{chart_table, Block, Chart, ChartKind, Report, Table};
use core::fmt::Write as _;
use serde::Serialize;

/// The version of the JSON form.
pub const JSON_SCHEMA: &str = "zhongjie-report-v1";

/// Escapes text for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

const CSS: &str = "\
:root{--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--head:#f0f3f6;--accent:#b71c1c}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px;color:var(--ink);background:#fff;font:14px/1.6 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Zen Hei\",\"PingFang SC\",\"Microsoft YaHei\",\"SimSun\",sans-serif}
header{border-bottom:3px solid var(--accent);margin-bottom:16px;padding-bottom:8px}
h1{font-size:24px;margin:4px 0 8px;color:var(--accent)}
h2{font-size:18px;margin:24px 0 8px;border-left:4px solid var(--accent);padding-left:8px}
.audience{display:inline-block;border:1px solid var(--accent);color:var(--accent);padding:0 8px;font-size:12px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
dl.facts dt{color:var(--muted)}
dl.facts dd{margin:0}
nav ol{margin:4px 0;padding-left:24px;columns:2}
nav a{color:var(--ink)}
table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
caption{text-align:left;font-weight:bold;padding:4px 0}
th,td{border:1px solid var(--line);padding:3px 6px;vertical-align:top;text-align:left}
th{background:var(--head)}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.empty{color:var(--muted);text-align:center}
figure{margin:8px 0 16px}
figcaption{font-weight:bold}
svg{max-width:100%;height:auto}
svg text{font-size:12px;fill:var(--ink)}
footer{margin-top:32px;border-top:1px solid var(--line);color:var(--muted);font-size:12px}
@page{size:A4;margin:15mm}
@media print{body{padding:0;font-size:11pt}nav{display:none}h2{break-after:avoid}tr,figure{break-inside:avoid}thead{display:table-header-group}}
";

/// Colours of the series: A green, B blue, C orange, D red, then others.
const PALETTE: [&str; 8] = [
    "#2e7d32", "#1565c0", "#ef6c00", "#c62828", "#6a1b9a", "#00838f", "#9e9d24", "#5d4037",
];

/// Colour of a chart with a single series (no meaning of good or bad).
const SINGLE: &str = "#3b6ea8";

/// The colour of series `i` of `n`.
fn colour(i: usize, n: usize) -> &'static str {
    if n == 1 {
        SINGLE
    } else {
        PALETTE[i % PALETTE.len()]
    }
}

/// The report as one self-contained HTML page (zh-CN, printable, inline CSS and SVG only).
pub fn to_html(r: &Report) -> String {
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n<header>\n\
         <span class=\"audience\">{}</span>\n<h1>{}</h1>\n<dl class=\"facts\">\n",
        esc(&r.title),
        esc(r.audience.zh()),
        esc(&r.title)
    );
    for f in &r.facts {
        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(&f.label), esc(&f.value));
    }
    h.push_str("</dl>\n</header>\n");
    if r.sections.len() > 2 {
        h.push_str("<nav><strong>目录</strong>\n<ol>\n");
        for (i, s) in r.sections.iter().enumerate() {
            let _ = writeln!(
                h,
                "<li><a href=\"#s{}\">{}</a></li>",
                i + 1,
                esc(&s.heading)
            );
        }
        h.push_str("</ol>\n</nav>\n");
    }
    for (i, s) in r.sections.iter().enumerate() {
        let _ = writeln!(
            h,
            "<section id=\"s{}\">\n<h2>{}、{}</h2>",
            i + 1,
            zh_number(i + 1),
            esc(&s.heading)
        );
        for b in &s.blocks {
            match b {
                Block::Paragraph { text } => {
                    let _ = writeln!(h, "<p>{}</p>", esc(text));
                }
                Block::Facts { facts } => {
                    h.push_str("<dl class=\"facts\">\n");
                    for f in facts {
                        let _ = writeln!(h, "<dt>{}</dt><dd>{}</dd>", esc(&f.label), esc(&f.value));
                    }
                    h.push_str("</dl>\n");
                }
                Block::Table(t) => html_table(&mut h, t),
                Block::Chart(c) => html_chart(&mut h, c),
            }
        }
        h.push_str("</section>\n");
    }
    let _ = write!(
        h,
        "<footer><p>{} · 数据截至 {} · 规则包 {} · 本页为单一文件，不引用任何外部资源，可离线打开和打印。</p></footer>\n</body>\n</html>\n",
        esc(&r.title),
        r.as_of,
        esc(&r.pack)
    );
    h
}

/// 1 → 一 … 99 (section numbers).
fn zh_number(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let d = |i: usize| D.get(i).copied().unwrap_or("");
    match n {
        0..=9 => d(n).to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", d(n % 10)),
        _ if n % 10 == 0 => format!("{}十", d(n / 10 % 10)),
        _ => format!("{}十{}", d(n / 10 % 10), d(n % 10)),
    }
}

fn html_table(h: &mut String, t: &Table) {
    let _ = write!(
        h,
        "<table id=\"t-{}\">\n<caption>{}</caption>\n<thead><tr>",
        esc(&t.id),
        esc(&t.caption)
    );
    for c in &t.columns {
        let _ = write!(h, "<th>{}</th>", esc(&c.label));
    }
    h.push_str("</tr></thead>\n<tbody>\n");
    if t.rows.is_empty() {
        let _ = writeln!(
            h,
            "<tr><td class=\"empty\" colspan=\"{}\">{}</td></tr>",
            t.columns.len().max(1),
            esc(&t.empty)
        );
    }
    for r in &t.rows {
        h.push_str("<tr>");
        for (c, cell) in t.columns.iter().zip(r) {
            if c.numeric {
                let _ = write!(h, "<td class=\"n\">{}</td>", esc(cell));
            } else {
                let _ = write!(h, "<td>{}</td>", esc(cell));
            }
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody>\n</table>\n");
}

/// A value rounded up to 1, 2 or 5 × 10ⁿ (the top of an axis).
fn nice_max(v: u64) -> u64 {
    let mut step = 1u64;
    loop {
        for m in [1u64, 2, 5] {
            let top = m.saturating_mul(step);
            if top >= v {
                return top;
            }
        }
        step = step.saturating_mul(10);
        if step == u64::MAX {
            return v;
        }
    }
}

fn html_chart(h: &mut String, c: &Chart) {
    let _ = write!(
        h,
        "<figure id=\"c-{}\">\n<figcaption>{}</figcaption>\n",
        esc(&c.id),
        esc(&c.title)
    );
    if c.categories.is_empty() || c.series.is_empty() {
        h.push_str("<p>无数据</p>\n</figure>\n");
        return;
    }
    match c.kind {
        ChartKind::Bars => svg_bars(h, c),
        ChartKind::Lines => svg_lines(h, c),
    }
    h.push_str("</figure>\n");
}

fn legend(h: &mut String, c: &Chart, x0: u64, y: u64) {
    if c.series.len() < 2 {
        return;
    }
    let mut x = x0;
    for (i, s) in c.series.iter().enumerate() {
        let col = PALETTE[i % PALETTE.len()];
        let _ = write!(
            h,
            "<rect x=\"{x}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{col}\"/><text x=\"{}\" y=\"{}\">{}</text>",
            y,
            x + 16,
            y + 11,
            esc(&s.name)
        );
        x += 28 + 14 * s.name.chars().count() as u64;
    }
    h.push('\n');
}

fn svg_bars(h: &mut String, c: &Chart) {
    const W: u64 = 760;
    const LABEL: u64 = 230;
    const ROW: u64 = 24;
    const BAR_W: u64 = W - LABEL - 60;
    let top: u64 = if c.series.len() > 1 { 28 } else { 8 };
    let totals: Vec<u64> = (0..c.categories.len())
        .map(|i| {
            c.series
                .iter()
                .map(|s| s.values.get(i).copied().unwrap_or(0))
                .sum()
        })
        .collect();
    let max = nice_max(totals.iter().copied().max().unwrap_or(0).max(1));
    let height = top + ROW * c.categories.len() as u64 + 24;
    let _ = writeln!(
        h,
        "<svg viewBox=\"0 0 {W} {height}\" width=\"{W}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        esc(&c.title)
    );
    legend(h, c, LABEL, 4);
    for (i, cat) in c.categories.iter().enumerate() {
        let y = top + ROW * i as u64;
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL - 8,
            y + 16,
            esc(cat)
        );
        let mut x = LABEL;
        for (si, s) in c.series.iter().enumerate() {
            let v = s.values.get(i).copied().unwrap_or(0);
            let w = v.saturating_mul(BAR_W) / max;
            if w > 0 {
                let _ = write!(
                    h,
                    "<rect x=\"{x}\" y=\"{}\" width=\"{w}\" height=\"{}\" fill=\"{}\"><title>{}：{} {}</title></rect>",
                    y + 4,
                    ROW - 8,
                    colour(si, c.series.len()),
                    esc(format!("{} {}", cat, s.name).trim()),
                    v,
                    esc(&c.unit)
                );
            }
            x += w;
        }
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            x + 6,
            y + 16,
            totals[i]
        );
    }
    let axis_y = top + ROW * c.categories.len() as u64 + 4;
    let _ = writeln!(
        h,
        "<line x1=\"{LABEL}\" y1=\"{axis_y}\" x2=\"{}\" y2=\"{axis_y}\" stroke=\"#8c959f\"/><text x=\"{LABEL}\" y=\"{}\">0</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{} {}</text>",
        LABEL + BAR_W,
        axis_y + 16,
        LABEL + BAR_W,
        axis_y + 16,
        max,
        esc(&c.unit)
    );
    h.push_str("</svg>\n");
}

fn svg_lines(h: &mut String, c: &Chart) {
    const W: u64 = 760;
    const H: u64 = 300;
    const LEFT: u64 = 60;
    const RIGHT: u64 = 30;
    const TOP: u64 = 36;
    const BOTTOM: u64 = 40;
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let max = nice_max(
        c.series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1),
    );
    let n = c.categories.len() as u64;
    let x_of = |i: u64| {
        if n <= 1 {
            LEFT + plot_w / 2
        } else {
            LEFT + i * plot_w / (n - 1)
        }
    };
    let y_of = |v: u64| TOP + plot_h - v.min(max) * plot_h / max;
    let _ = writeln!(
        h,
        "<svg viewBox=\"0 0 {W} {H}\" width=\"{W}\" height=\"{H}\" role=\"img\" aria-label=\"{}\">",
        esc(&c.title)
    );
    legend(h, c, LEFT, 6);
    // Grid lines where the value is a whole number: quarters, halves, or just the ends.
    let parts = [4u64, 2, 1].into_iter().find(|p| max % p == 0).unwrap_or(1);
    for k in 0..=parts {
        let v = max * k / parts;
        let y = y_of(v);
        let _ = writeln!(
            h,
            "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#d0d7de\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{v}</text>",
            LEFT + plot_w,
            LEFT - 6,
            y + 4
        );
    }
    for (i, cat) in c.categories.iter().enumerate() {
        let _ = write!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x_of(i as u64),
            H - BOTTOM + 18,
            esc(cat)
        );
    }
    h.push('\n');
    for (si, s) in c.series.iter().enumerate() {
        let col = colour(si, c.series.len());
        let pts: Vec<String> = s
            .values
            .iter()
            .enumerate()
            .map(|(i, v)| format!("{},{}", x_of(i as u64), y_of(*v)))
            .collect();
        let _ = write!(
            h,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{col}\" stroke-width=\"2\"/>",
            pts.join(" ")
        );
        for (i, v) in s.values.iter().enumerate() {
            let _ = write!(
                h,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{v}</text>",
                x_of(i as u64),
                y_of(*v).saturating_sub(8)
            );
            let _ = write!(
                h,
                "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{col}\"><title>{} {}：{} {}</title></circle>",
                x_of(i as u64),
                y_of(*v),
                esc(c.categories.get(i).map_or("", String::as_str)),
                esc(&s.name),
                v,
                esc(&c.unit)
            );
        }
        h.push('\n');
    }
    h.push_str("</svg>\n");
}

/// Escapes a Markdown table cell.
fn md_cell(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

fn md_table(m: &mut String, t: &Table) {
    let _ = writeln!(m, "**{}**\n", t.caption);
    if t.rows.is_empty() {
        let _ = writeln!(m, "（{}）\n", t.empty);
        return;
    }
    let head: Vec<String> = t.columns.iter().map(|c| md_cell(&c.label)).collect();
    let _ = writeln!(m, "| {} |", head.join(" | "));
    let rule: Vec<&str> = t
        .columns
        .iter()
        .map(|c| if c.numeric { "---:" } else { "---" })
        .collect();
    let _ = writeln!(m, "| {} |", rule.join(" | "));
    for r in &t.rows {
        let cells: Vec<String> = r.iter().map(|c| md_cell(c)).collect();
        let _ = writeln!(m, "| {} |", cells.join(" | "));
    }
    m.push('\n');
}

/// The report as Markdown (GitHub tables; a chart is given as the table of its numbers).
pub fn to_markdown(r: &Report) -> String {
    let mut m = String::new();
    let _ = writeln!(m, "# {}\n\n> {}\n", r.title, r.audience.zh());
    for f in &r.facts {
        let _ = writeln!(m, "- **{}**：{}", f.label, f.value);
    }
    m.push('\n');
    for (i, s) in r.sections.iter().enumerate() {
        let _ = writeln!(m, "## {}、{}\n", zh_number(i + 1), s.heading);
        for b in &s.blocks {
            match b {
                Block::Paragraph { text } => {
                    let _ = writeln!(m, "{text}\n");
                }
                Block::Facts { facts } => {
                    for f in facts {
                        let _ = writeln!(m, "- **{}**：{}", f.label, f.value);
                    }
                    m.push('\n');
                }
                Block::Table(t) => md_table(&mut m, t),
                Block::Chart(c) => md_table(&mut m, &chart_table(c)),
            }
        }
    }
    m
}

/// One CSV file of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvFile {
    /// File name: `<report kind>-<table id>.csv`.
    pub name: String,
    /// Whether this is the report's main list (its first table).
    pub main: bool,
    /// The text (RFC 4180, LF line ends, Chinese header row).
    pub text: String,
}

/// Every table of the report (charts as tables of their numbers) as CSV, in document order.
/// The first table proper is marked `main`.
pub fn to_csv(r: &Report) -> Vec<CsvFile> {
    let first_table = r
        .sections
        .iter()
        .flat_map(|s| s.blocks.iter())
        .find_map(|b| match b {
            Block::Table(t) => Some(t.id.clone()),
            _ => None,
        });
    let mut used = std::collections::BTreeSet::new();
    let mut main_done = false;
    r.tables()
        .iter()
        .map(|t| {
            // Two tables with one id would overwrite each other's file: number the later ones.
            let mut name = format!("{}-{}.csv", r.kind, t.id);
            let mut n = 2;
            while !used.insert(name.clone()) {
                name = format!("{}-{}-{n}.csv", r.kind, t.id);
                n += 1;
            }
            let main = !main_done && first_table.as_deref() == Some(t.id.as_str());
            main_done |= main;
            CsvFile {
                name,
                main,
                text: csv_text(t),
            }
        })
        .collect()
}

/// One table as CSV text.
pub fn csv_text(t: &Table) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let _ = w.write_record(t.columns.iter().map(|c| c.label.as_str()));
    for r in &t.rows {
        let _ = w.write_record(r);
    }
    let bytes = w.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[derive(Serialize)]
struct JsonForm<'a> {
    schema: &'static str,
    #[serde(flatten)]
    report: &'a Report,
}

/// The report as JSON (the document model itself, with a `schema` tag).
pub fn to_json(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(&JsonForm {
        schema: JSON_SCHEMA,
        report: r,
    })
    .unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{Audience, Fact, Section, Series};
    use zhongjie_core::chrono::NaiveDate;

    fn report() -> Report {
        let mut t = Table::new("list", "名单", &[("name", "名称"), ("n", "数量")]).numeric(&["n"]);
        t.push(vec!["<甲&乙>".into(), "3".into()]);
        t.push(vec!["丙|丁,\"戊\"".into(), "12".into()]);
        Report {
            kind: "test".into(),
            title: "测试报告".into(),
            audience: Audience::Public,
            as_of: NaiveDate::from_ymd_opt(2024, 11, 30).unwrap_or_default(),
            pack: "zj-2024@1.0.0".into(),
            facts: vec![Fact::new("数据截至", "2024-11-30")],
            sections: vec![Section::new("名单").table(t).chart(Chart {
                id: "bars".into(),
                title: "分布".into(),
                kind: ChartKind::Bars,
                unit: "家".into(),
                categories: vec!["杭州市".into(), "宁波市".into()],
                series: vec![
                    Series {
                        name: "A级".into(),
                        values: vec![2, 0],
                    },
                    Series {
                        name: "B级".into(),
                        values: vec![1, 5],
                    },
                ],
            })],
        }
    }

    #[test]
    fn html_escapes_and_is_self_contained() {
        let h = to_html(&report());
        assert!(h.contains("&lt;甲&amp;乙&gt;"));
        assert!(!h.contains("<甲"));
        assert!(h.starts_with("<!DOCTYPE html>"));
        assert!(h.contains("lang=\"zh-CN\""));
        assert!(h.contains("<svg"));
        for bad in [
            "http:", "https:", "<script", "<link", "@import", "url(", "src=",
        ] {
            assert!(!h.contains(bad), "{bad}");
        }
    }

    #[test]
    fn bars_are_proportional() {
        let h = to_html(&report());
        // Totals 3 and 5 → axis 5; bar area 470 px: 2 → 188, 1 → 94, 5 → 470.
        assert!(h.contains("width=\"188\""));
        assert!(h.contains("width=\"94\""));
        assert!(h.contains("width=\"470\""));
        assert_eq!(nice_max(6), 10);
        assert_eq!(nice_max(11), 20);
        assert_eq!(nice_max(100), 100);
        assert_eq!(nice_max(101), 200);
    }

    #[test]
    fn markdown_and_csv_quote_cells() {
        let m = to_markdown(&report());
        assert!(m.contains("| 丙\\|丁,\"戊\" | 12 |"));
        assert!(m.contains("| 名称 | 数量 |\n| --- | ---: |"));
        let files = to_csv(&report());
        assert_eq!(files.len(), 2);
        assert_eq!(files[0].name, "test-list.csv");
        assert_eq!(files[1].name, "test-bars.csv");
        assert!(files[0].main && !files[1].main);
        assert_eq!(
            files[0].text,
            "名称,数量\n<甲&乙>,3\n\"丙|丁,\"\"戊\"\"\",12\n"
        );
        assert_eq!(
            files[1].text,
            "类别,A级（家）,B级（家）\n杭州市,2,1\n宁波市,0,5\n"
        );
    }

    #[test]
    fn csv_file_names_are_unique() {
        let mut r = report();
        let t = Table::new("list", "另一张名单", &[("a", "甲")]);
        r.sections.push(Section::new("附表").table(t));
        let names: Vec<String> = to_csv(&r).into_iter().map(|f| f.name).collect();
        assert_eq!(names, ["test-list.csv", "test-bars.csv", "test-list-2.csv"]);
    }

    #[test]
    fn json_round_trips_as_data() {
        let j: serde_json::Value = serde_json::from_str(&to_json(&report())).unwrap();
        assert_eq!(j["schema"], JSON_SCHEMA);
        assert_eq!(j["as_of"], "2024-11-30");
        assert_eq!(j["sections"][0]["blocks"][0]["type"], "table");
        assert_eq!(j["sections"][0]["blocks"][0]["rows"][1][1], "12");
    }

    #[test]
    fn chinese_section_numbers() {
        let got: Vec<String> = [1, 9, 10, 11, 20, 23]
            .iter()
            .map(|n| zh_number(*n))
            .collect();
        assert_eq!(got, ["一", "九", "十", "十一", "二十", "二十三"]);
    }
}
