//! The reports, one module each, and what several of them share: the report frame, charts of
//! grades by city and findings by rule, trends over earlier runs, per-tree counts.

pub(crate) mod credit;
pub(crate) mod inspect;
pub(crate) mod progress;
pub(crate) mod sampling;
pub(crate) mod supervision;
pub(crate) mod verification;
pub(crate) mod warning;

use crate::doc::{Audience, Chart, ChartKind, Fact, Report, Series};
use crate::history::PreviousRun;
use crate::view::{View, GRADES};
use crate::ReportKind;
use std::collections::{BTreeMap, BTreeSet};
use zhongjie_core::chrono::{Datelike, NaiveDate};
use zhongjie_core::time::minus_days;
use zhongjie_core::{AgencyKind, PackError, RegionCode};
use zhongjie_scoring::{FindingSubject, RuleId, Veto};

/// `2024年11月30日`.
pub(crate) fn zh_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

/// A report with the facts every report carries.
pub(crate) fn frame(v: &View<'_>, kind: ReportKind, audience: Audience) -> Report {
    let province = v
        .home
        .map_or("本省".to_owned(), |h| h.province_name().to_owned());
    let mut facts = vec![
        Fact::new("报告", kind.zh()),
        Fact::new("辖区", province.clone()),
        Fact::new("数据截至", format!("{}（{}）", v.d, zh_date(v.d))),
        Fact::new("规则包", v.out.pack.clone()),
    ];
    facts.push(Fact::new("公开属性", audience.zh()));
    Report {
        kind: kind.code().to_owned(),
        title: format!(
            "{province}安全生产中介机构{}（截至{}）",
            kind.zh().trim_start_matches("机构"),
            zh_date(v.d)
        ),
        audience,
        as_of: v.d,
        pack: v.out.pack.clone(),
        facts,
        sections: Vec::new(),
    }
}

/// The start of the evaluation window W = (start, D].
pub(crate) fn window_start(v: &View<'_>) -> Result<NaiveDate, PackError> {
    Ok(minus_days(v.d, v.pack.count("window.days", v.d)?))
}

/// Graded trees by the city that supervises them, in code order.
pub(crate) fn cities_of_grades(v: &View<'_>) -> BTreeMap<RegionCode, Vec<usize>> {
    let mut m: BTreeMap<RegionCode, Vec<usize>> = BTreeMap::new();
    for g in &v.out.grades {
        if let Some(root) = v.root_row(g.agency_id.as_str()) {
            if let Some(c) = v.tree_city(root) {
                m.entry(c).or_default().push(root);
            }
        }
    }
    m
}

/// Stacked bars: graded trees per city, one series per grade.
pub(crate) fn grades_by_city_chart(v: &View<'_>) -> Chart {
    let by_city = cities_of_grades(v);
    let categories = by_city.keys().map(|c| c.city_name()).collect();
    let series = GRADES
        .iter()
        .map(|g| Series {
            name: g.zh().to_owned(),
            values: by_city
                .values()
                .map(|roots| {
                    roots
                        .iter()
                        .filter_map(|&r| v.agency(r))
                        .filter(|a| v.grade(a.id.as_str()).is_some_and(|x| x.grade == *g))
                        .count() as u64
                })
                .collect(),
        })
        .collect();
    Chart {
        id: "grades-by-city".into(),
        title: "各地市机构信用等级分布".into(),
        kind: ChartKind::Bars,
        unit: "家".into(),
        categories,
        series,
    }
}

/// Findings per rule (rules with at least one), in the spec's order.
pub(crate) fn findings_per_rule(v: &View<'_>) -> Vec<(RuleId, usize)> {
    RuleId::ALL
        .iter()
        .map(|r| (*r, v.out.findings.iter().filter(|f| f.rule == *r).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Bars: findings per rule.
pub(crate) fn findings_by_rule_chart(v: &View<'_>) -> Chart {
    let per = findings_per_rule(v);
    Chart {
        id: "findings-by-rule".into(),
        title: "预警线索按规则分布".into(),
        kind: ChartKind::Bars,
        unit: "条".into(),
        categories: per.iter().map(|(r, _)| r.zh().to_owned()).collect(),
        series: vec![Series {
            name: String::new(),
            values: per.iter().map(|(_, n)| *n as u64).collect(),
        }],
    }
}

/// Earlier runs strictly before this one, by date (one per date: the last given wins).
pub(crate) fn earlier<'p>(v: &View<'_>, previous: &'p [PreviousRun]) -> Vec<&'p PreviousRun> {
    let mut m: BTreeMap<NaiveDate, &PreviousRun> = BTreeMap::new();
    for p in previous.iter().filter(|p| p.as_of < v.d) {
        m.insert(p.as_of, p);
    }
    m.into_values().collect()
}

/// Trend charts over earlier runs and this one: trees per grade, findings per run.
pub(crate) fn trend_charts(v: &View<'_>, previous: &[PreviousRun]) -> Vec<Chart> {
    let runs = earlier(v, previous);
    if runs.is_empty() {
        return Vec::new();
    }
    let mut categories: Vec<String> = runs.iter().map(|p| p.as_of.to_string()).collect();
    categories.push(v.d.to_string());
    let grade_series = GRADES
        .iter()
        .map(|g| {
            let mut values: Vec<u64> = runs
                .iter()
                .map(|p| p.grades.iter().filter(|x| x.grade == g.code()).count() as u64)
                .collect();
            values.push(v.out.grades.iter().filter(|x| x.grade == *g).count() as u64);
            Series {
                name: g.zh().to_owned(),
                values,
            }
        })
        .collect();
    let mut totals: Vec<u64> = runs.iter().map(|p| p.findings.len() as u64).collect();
    totals.push(v.out.findings.len() as u64);
    vec![
        Chart {
            id: "trend-grades".into(),
            title: "机构信用等级变化趋势".into(),
            kind: ChartKind::Lines,
            unit: "家".into(),
            categories: categories.clone(),
            series: grade_series,
        },
        Chart {
            id: "trend-findings".into(),
            title: "预警线索数量变化趋势".into(),
            kind: ChartKind::Lines,
            unit: "条".into(),
            categories,
            series: vec![Series {
                name: "预警线索".into(),
                values: totals,
            }],
        },
    ]
}

/// Per tree counts several reports print.
#[derive(Debug, Clone, Default)]
pub(crate) struct TreeFacts {
    /// Practitioners declared by any agency of the tree.
    pub practitioners: usize,
    /// Of whom professionals.
    pub professionals: usize,
    /// Professionals not flagged NOT_FULL_TIME (full-time on D).
    pub full_time_professionals: usize,
    /// Findings attributed to the tree, per rule.
    pub findings: BTreeMap<RuleId, usize>,
}

/// Counts per root row.
pub(crate) fn tree_facts(v: &View<'_>) -> BTreeMap<usize, TreeFacts> {
    let mut m: BTreeMap<usize, TreeFacts> = BTreeMap::new();
    let not_full_time: BTreeSet<&str> = v
        .out
        .findings
        .iter()
        .filter(|f| f.rule == RuleId::NotFullTime && f.subject_kind == FindingSubject::Practitioner)
        .map(|f| f.subject_id.as_str())
        .collect();
    for p in &v.ds.tables().practitioners {
        let Some(root) = v.root_row(p.agency.as_str()) else {
            continue;
        };
        let t = m.entry(root).or_default();
        t.practitioners += 1;
        if p.is_professional() {
            t.professionals += 1;
            if !not_full_time.contains(p.id.as_str()) {
                t.full_time_professionals += 1;
            }
        }
    }
    for f in &v.out.findings {
        if let Some(root) = v.root_row(f.root.as_str()) {
            *m.entry(root)
                .or_default()
                .findings
                .entry(f.rule)
                .or_default() += 1;
        }
    }
    m
}

/// `规则名称 n 条；…` for a count map (empty → `无`).
pub(crate) fn rule_counts_text(m: &BTreeMap<RuleId, usize>) -> String {
    if m.is_empty() {
        return "无".to_owned();
    }
    m.iter()
        .map(|(r, n)| format!("{} {} 条", r.zh(), n))
        .collect::<Vec<_>>()
        .join("；")
}

/// `安全评价机构` / `社会化服务机构` (short).
/// The vetoes of a grade in Chinese, joined by `；`, or `无`.
pub(crate) fn vetoes_zh(vetoes: &[Veto]) -> String {
    if vetoes.is_empty() {
        return "无".to_owned();
    }
    vetoes.iter().map(|x| x.zh()).collect::<Vec<_>>().join("；")
}

pub(crate) fn kind_short(k: Option<AgencyKind>) -> &'static str {
    match k {
        Some(AgencyKind::SafetyEvaluation) => "安全评价机构",
        Some(AgencyKind::SocialService) => "社会化服务机构",
        None => "",
    }
}
