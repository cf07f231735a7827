//! 服务报告抽查 (seed 二(二)8: 各地要定期抽查核实服务报告; 浙应急〔2024〕148号: 每半年抽查不少于
//! 15%): a seeded, stratified draw of the service reports uploaded in the period that holds the
//! as-of date, per city of the service site and per category (evaluation / social service), at
//! least the pack's share of every stratum, so the share holds in every city.

use super::{frame, zh_date};
use crate::doc::{Audience, Chart, ChartKind, Fact, Report, Section, Series, Table};
use crate::draw::{at_least_share, percent_text, SplitMix64, METHOD};
use crate::view::View;
use crate::{ReportError, ReportKind};
use std::collections::BTreeMap;
use zhongjie_core::chrono::{Datelike, NaiveDate};
use zhongjie_core::{PackError, Project, RegionCode};

/// The first day of the period of `months` months (aligned to January) that holds `d`.
pub(crate) fn period_start(d: NaiveDate, months: u32) -> NaiveDate {
    let m = months.clamp(1, 12);
    let first_month = (d.month0() / m) * m + 1;
    NaiveDate::from_ymd_opt(d.year(), first_month, 1).unwrap_or(d)
}

fn category(p: &Project) -> &'static str {
    if p.service_type.is_evaluation() {
        "安全评价报告"
    } else {
        "社会化服务报告"
    }
}

/// 服务报告抽查.
pub(crate) fn report_sampling(v: &View<'_>, seed: u64) -> Result<Report, ReportError> {
    let d = v.d;
    let share = v.pack.count("sampling.report_share_percent", d)?;
    let months = v.pack.count("sampling.period_months", d)?;
    if !(1..=12).contains(&months) || 12 % months != 0 {
        return Err(PackError::WrongType {
            key: "sampling.period_months".to_owned(),
            found: months.to_string(),
            expected: "12 的约数（1、2、3、4、6、12）",
        }
        .into());
    }
    let start = period_start(d, months);
    let mut r = frame(v, ReportKind::ReportSampling, Audience::Internal);
    r.facts.push(Fact::new(
        "依据",
        "浙应急〔2024〕85号 二(二)8（一项目一报告，定期抽查核实）；浙应急〔2024〕148号（每半年抽查不少于 15%）",
    ));
    r.facts.push(Fact::new(
        "抽查期间",
        format!("{} 至 {}", zh_date(start), zh_date(d)),
    ));
    r.facts
        .push(Fact::new("抽查比例", format!("每层不低于 {share}%")));
    r.facts.push(Fact::new("随机种子", seed.to_string()));
    r.facts.push(Fact::new("抽取方法", METHOD));

    // Strata: (site city, category) → projects sorted by id.
    let mut strata: BTreeMap<(RegionCode, &'static str), Vec<&Project>> = BTreeMap::new();
    for p in &v.ds.tables().projects {
        if p.report_uploaded_on.is_some_and(|u| u >= start && u <= d) {
            strata
                .entry((p.site_region.city(), category(p)))
                .or_default()
                .push(p);
        }
    }
    for list in strata.values_mut() {
        list.sort_by(|a, b| a.id.cmp(&b.id));
    }
    let mut rng = SplitMix64::new(seed);
    let mut drawn: Vec<((RegionCode, &'static str), Vec<&Project>)> = Vec::new();
    for (key, list) in &strata {
        let k = at_least_share(list.len(), share);
        drawn.push((*key, rng.draw(list, k)));
    }

    let mut strata_t = Table::new(
        "strata",
        "分层抽取情况",
        &[
            ("city", "地市（服务所在地）"),
            ("category", "类别"),
            ("uploaded", "上传报告数"),
            ("drawn", "抽取数"),
            ("share", "抽取比例"),
        ],
    )
    .numeric(&["uploaded", "drawn"])
    .when_empty("抽查期间无上传的服务报告");
    let mut per_city: BTreeMap<RegionCode, (usize, usize)> = BTreeMap::new();
    for ((city, cat), list) in &drawn {
        let n = strata.get(&(*city, *cat)).map_or(0, Vec::len);
        strata_t.push(vec![
            city.city_name(),
            (*cat).to_owned(),
            n.to_string(),
            list.len().to_string(),
            percent_text(list.len(), n),
        ]);
        let e = per_city.entry(*city).or_default();
        e.0 += n;
        e.1 += list.len();
    }
    let mut city_t = Table::new(
        "cities",
        "各地市抽查比例",
        &[
            ("city", "地市"),
            ("uploaded", "上传报告数"),
            ("drawn", "抽取数"),
            ("share", "抽取比例"),
            ("meets", "达到规定比例"),
        ],
    )
    .numeric(&["uploaded", "drawn"])
    .when_empty("抽查期间无上传的服务报告");
    for (city, (n, k)) in &per_city {
        city_t.push(vec![
            city.city_name(),
            n.to_string(),
            k.to_string(),
            percent_text(*k, *n),
            if (*k as u128) * 100 >= (*n as u128) * u128::from(share) {
                "是".to_owned()
            } else {
                "否".to_owned()
            },
        ]);
    }
    let chart = Chart {
        id: "by-city".into(),
        title: "各地市服务报告抽取情况".into(),
        kind: ChartKind::Bars,
        unit: "份".into(),
        categories: per_city.keys().map(|c| c.city_name()).collect(),
        series: vec![
            Series {
                name: "抽中".into(),
                values: per_city.values().map(|(_, k)| *k as u64).collect(),
            },
            Series {
                name: "未抽中".into(),
                values: per_city.values().map(|(n, k)| (n - k) as u64).collect(),
            },
        ],
    };
    let total: usize = strata.values().map(Vec::len).sum();
    let total_drawn: usize = drawn.iter().map(|(_, l)| l.len()).sum();
    r.sections.push(
        Section::new("抽取方法与分层")
            .text(format!(
                "抽查对象为抽查期间内上传至平台的全部服务报告（共 {total} 份）。按服务所在地市和报告类别（安全评价报告、社会化服务报告）分层，\
                 每层抽取不少于该层报告数 {share}% 的最小整数份（至少 1 份），因而每个地市的抽取比例均不低于 {share}%。\
                 各层按地市代码、类别的顺序依次抽取，层内报告按项目编号排序后抽取。共抽取 {total_drawn} 份（{}）。",
                percent_text(total_drawn, total)
            ))
            .table(strata_t),
    );
    r.sections
        .push(Section::new("各地市抽查比例").table(city_t).chart(chart));

    let mut list = Table::new(
        "sampled-reports",
        "抽中的服务报告",
        &[
            ("no", "序号"),
            ("city", "地市"),
            ("category", "类别"),
            ("order", "层内抽取顺序"),
            ("project_id", "项目编号"),
            ("service_type", "服务类型"),
            ("agency", "实施机构"),
            ("root", "所属机构"),
            ("client", "服务对象"),
            ("ended", "服务结束日期"),
            ("uploaded", "报告上传日期"),
            ("result", "核实结果"),
            ("checker", "核实人"),
        ],
    )
    .numeric(&["no", "order"])
    .when_empty("抽查期间无上传的服务报告");
    let mut no = 0;
    for ((city, cat), projects) in &drawn {
        for (i, p) in projects.iter().enumerate() {
            no += 1;
            let root = v
                .root_row(p.agency.as_str())
                .and_then(|x| v.agency(x))
                .map(|a| a.name.clone())
                .unwrap_or_default();
            list.push(vec![
                no.to_string(),
                city.city_name(),
                (*cat).to_owned(),
                (i + 1).to_string(),
                p.id.to_string(),
                p.service_type.zh().to_owned(),
                v.agency_name(p.agency.as_str()),
                root,
                p.client_name.clone(),
                p.service_ended_on
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                p.report_uploaded_on
                    .map(|x| x.to_string())
                    .unwrap_or_default(),
                String::new(),
                String::new(),
            ]);
        }
    }
    r.sections.push(
        Section::new("抽中的服务报告")
            .text("“核实结果”“核实人”两栏由承办的应急管理部门核实后填写，核实中发现的问题依法处理并纳入信用评价。")
            .table(list),
    );
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_align_to_january() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(period_start(d(2024, 11, 30), 6), d(2024, 7, 1));
        assert_eq!(period_start(d(2024, 6, 30), 6), d(2024, 1, 1));
        assert_eq!(period_start(d(2024, 7, 1), 6), d(2024, 7, 1));
        assert_eq!(period_start(d(2024, 5, 9), 3), d(2024, 4, 1));
        assert_eq!(period_start(d(2024, 5, 9), 12), d(2024, 1, 1));
    }
}
