//! 预警清单: the run's findings by rule and by region, each routed to the authority that
//! handles it (seed 二(二)7: 省级负责安全评价机构、市县负责社会化服务机构): the province's
//! department for safety evaluation agencies, the city (or, by the pack, the county) bureau for
//! social service agencies, taken where the agency most directly involved is registered (the
//! performing branch of a project, the declared employer of a person).

use super::{findings_by_rule_chart, findings_per_rule, frame, kind_short};
use crate::doc::{Audience, Chart, ChartKind, Fact, Report, Section, Series, Table};
use crate::view::View;
use crate::{ReportError, ReportKind};
use std::collections::{BTreeMap, BTreeSet};
use zhongjie_core::{AgencyKind, PackError};
use zhongjie_scoring::render::message;

/// Parameter: `city` or `county`, the level that handles social service agencies' findings.
pub(crate) const ROUTE_KEY: &str = "report.route.social_service";

/// Where a finding goes: (sort key, authority name).
fn route(v: &View<'_>, f: &zhongjie_scoring::Finding, county: bool) -> (u32, String) {
    let kind = v.root_row(f.root.as_str()).and_then(|r| v.tree_kind(r));
    let involved = v.finding_agency(f).and_then(|i| v.agency(i));
    match (kind, involved) {
        (Some(AgencyKind::SocialService), Some(a)) if v.in_home(a.region) => {
            let city = a.region.city();
            if county && a.region != city {
                (
                    a.region.value(),
                    format!("{}（区县 {}）应急管理局", city.city_name(), a.region),
                )
            } else {
                (city.value(), format!("{}应急管理局", city.city_name()))
            }
        }
        _ => (0, v.province_authority()),
    }
}

/// 预警清单.
pub(crate) fn warning_list(v: &View<'_>) -> Result<Report, ReportError> {
    let level = v.pack.text(ROUTE_KEY, v.d)?;
    let county = match level {
        "city" => false,
        "county" => true,
        other => {
            return Err(PackError::WrongType {
                key: ROUTE_KEY.to_owned(),
                found: other.to_owned(),
                expected: "city 或 county",
            }
            .into())
        }
    };
    let mut r = frame(v, ReportKind::WarningList, Audience::Internal);
    r.facts.push(Fact::new(
        "依据",
        "浙应急〔2024〕85号 二(二)6（数字化识别、预警）、二(二)7（省级负责安全评价机构、市县负责社会化服务机构）",
    ));
    let province = v.province_authority();
    let local = if county {
        "所在区县（地市）"
    } else {
        "所在地市"
    };
    r.sections.push(Section::new("说明").text(format!(
        "本清单列出本次监管评定发现的全部预警线索，按照省级负责安全评价机构、市县负责社会化服务机构的原则分送核查处置：\
         安全评价机构（含其分支机构）的线索由{province}承办；社会化服务机构的线索由涉及机构（项目的实施机构、人员的申报执业机构）\
         {local}应急管理局承办；省外社会化服务机构在本省无分支的，由{province}承办。\
         预警线索是核查的线索，不是处罚决定；核查属实的，依法处理并纳入信用评价。"
    )));

    let per_rule = findings_per_rule(v);
    let mut by_rule = Table::new(
        "by-rule",
        "按规则汇总",
        &[
            ("rule", "规则"),
            ("name", "规则名称"),
            ("count", "线索数"),
            ("agencies", "涉及机构数"),
            ("legal_ref", "依据"),
        ],
    )
    .numeric(&["count", "agencies"])
    .when_empty("本次未发现预警线索");
    for (rule, n) in &per_rule {
        let agencies: BTreeSet<&str> = v
            .out
            .findings
            .iter()
            .filter(|f| f.rule == *rule)
            .map(|f| f.root.as_str())
            .collect();
        by_rule.push(vec![
            rule.code().to_owned(),
            rule.zh().to_owned(),
            n.to_string(),
            agencies.len().to_string(),
            v.rule_ref(*rule),
        ]);
    }
    r.sections.push(
        Section::new("按规则汇总")
            .table(by_rule)
            .chart(findings_by_rule_chart(v)),
    );

    // Route every finding.
    let routed: Vec<((u32, String), &zhongjie_scoring::Finding)> = v
        .out
        .findings
        .iter()
        .map(|f| (route(v, f, county), f))
        .collect();
    let mut authorities: BTreeMap<(u32, String), (usize, BTreeSet<&str>)> = BTreeMap::new();
    for (a, f) in &routed {
        let e = authorities.entry(a.clone()).or_default();
        e.0 += 1;
        e.1.insert(f.root.as_str());
    }
    let mut by_auth = Table::new(
        "by-authority",
        "按承办单位汇总",
        &[
            ("authority", "承办单位"),
            ("count", "线索数"),
            ("agencies", "涉及机构数"),
        ],
    )
    .numeric(&["count", "agencies"])
    .when_empty("无");
    for ((_, name), (n, ag)) in &authorities {
        by_auth.push(vec![name.clone(), n.to_string(), ag.len().to_string()]);
    }
    let chart = Chart {
        id: "by-authority-chart".into(),
        title: "预警线索按承办单位分布".into(),
        kind: ChartKind::Bars,
        unit: "条".into(),
        categories: authorities.keys().map(|(_, n)| n.clone()).collect(),
        series: vec![Series {
            name: String::new(),
            values: authorities.values().map(|(n, _)| *n as u64).collect(),
        }],
    };
    r.sections.push(
        Section::new("按地区（承办单位）汇总")
            .table(by_auth)
            .chart(chart),
    );

    let mut list = Table::new(
        "findings",
        "预警线索清单",
        &[
            ("no", "序号"),
            ("authority", "承办单位"),
            ("region", "涉及机构所在地"),
            ("rule", "规则"),
            ("rule_name", "规则名称"),
            ("subject_kind", "对象类型"),
            ("subject", "对象"),
            ("agency", "所属机构"),
            ("agency_kind", "机构类型"),
            ("date", "日期"),
            ("evidence", "证据"),
            ("message", "情况说明"),
            ("legal_ref", "依据"),
        ],
    )
    .numeric(&["no"])
    .when_empty("本次未发现预警线索");
    let mut sorted = routed;
    sorted.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    for (i, ((_, authority), f)) in sorted.iter().enumerate() {
        let root = v.root_row(f.root.as_str());
        let region = v
            .finding_agency(f)
            .and_then(|i| v.agency(i))
            .map(|a| a.region.city_name())
            .unwrap_or_default();
        list.push(vec![
            (i + 1).to_string(),
            authority.clone(),
            region,
            f.rule.code().to_owned(),
            f.rule.zh().to_owned(),
            f.subject_kind.zh().to_owned(),
            v.subject_label(f),
            v.agency_name(f.root.as_str()),
            kind_short(root.and_then(|r| v.tree_kind(r))).to_owned(),
            f.date.to_string(),
            f.evidence.join("；"),
            message(f),
            v.rule_ref(f.rule),
        ]);
    }
    r.sections.push(
        Section::new("预警线索清单")
            .text("按承办单位、规则、对象排列；每条线索请承办单位核查后反馈处置结果。")
            .table(list),
    );
    Ok(r)
}
