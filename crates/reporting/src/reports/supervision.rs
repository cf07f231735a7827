//! 监管评定总报告: one page a regulator reads after a run — the numbers, grades by city,
//! findings by rule, stars, the must-inspect list, the agencies under key supervision, and trends
//! when earlier runs are given. `zhongjie supervise` writes it as `report.html`.

use super::{
    findings_by_rule_chart, findings_per_rule, frame, grades_by_city_chart, kind_short,
    trend_charts,
};
use crate::doc::{Audience, Chart, ChartKind, Fact, Report, Section, Series, Table};
use crate::history::PreviousRun;
use crate::view::{View, GRADES};
use crate::ReportKind;
use zhongjie_core::AgencyKind;
use zhongjie_scoring::{Card, Grade, Supervision};

/// 监管评定总报告 (never fails: it reads no parameter beyond the run itself).
pub(crate) fn supervision(v: &View<'_>, previous: &[PreviousRun]) -> Report {
    let mut r = frame(v, ReportKind::Supervision, Audience::Internal);
    let t = v.ds.tables();
    let roots: Vec<usize> = v.ds.roots().collect();
    let count_kind = |k: AgencyKind| roots.iter().filter(|&&x| v.tree_kind(x) == Some(k)).count();
    let grade_n = |g: Grade| v.out.grades.iter().filter(|x| x.grade == g).count();
    let cards = |c: Card| v.out.stars.iter().filter(|x| x.card == c).count();
    r.sections.push(Section::new("概况").facts(vec![
        Fact::new(
            "机构（总部）",
            format!(
                "{} 家：安全评价机构 {}，社会化服务机构 {}；分支机构 {} 家",
                roots.len(),
                count_kind(AgencyKind::SafetyEvaluation),
                count_kind(AgencyKind::SocialService),
                t.agencies.len() - roots.len()
            ),
        ),
        Fact::new("从业人员", format!("{} 人", t.practitioners.len())),
        Fact::new(
            "服务项目（截至评定日已签约）",
            format!("{} 个", t.projects.len()),
        ),
        Fact::new(
            "信用等级",
            format!(
                "参评 {} 家：A 级 {}，B 级 {}，C 级 {}，D 级 {}",
                v.out.grades.len(),
                grade_n(Grade::A),
                grade_n(Grade::B),
                grade_n(Grade::C),
                grade_n(Grade::D)
            ),
        ),
        Fact::new("预警线索", format!("{} 条", v.out.findings.len())),
        Fact::new(
            "从业人员记分卡",
            format!(
                "绿牌 {}，黄牌 {}，红牌 {}；取消专家库资格 {} 人",
                cards(Card::Green),
                cards(Card::Yellow),
                cards(Card::Red),
                v.out.stars.iter().filter(|x| x.expert_pool_removal).count()
            ),
        ),
        Fact::new("必查对象", format!("{} 家", v.out.must_inspect.len())),
    ]));

    let mut by_kind = Table::new(
        "grades-by-kind",
        "信用等级按机构类型",
        &[
            ("kind", "机构类型"),
            ("A", "A级"),
            ("B", "B级"),
            ("C", "C级"),
            ("D", "D级"),
            ("total", "合计"),
        ],
    )
    .numeric(&["A", "B", "C", "D", "total"]);
    for k in [AgencyKind::SafetyEvaluation, AgencyKind::SocialService] {
        let of_kind: Vec<_> = v
            .out
            .grades
            .iter()
            .filter(|g| {
                v.root_row(g.agency_id.as_str())
                    .and_then(|x| v.tree_kind(x))
                    == Some(k)
            })
            .collect();
        let mut row = vec![kind_short(Some(k)).to_owned()];
        for g in GRADES {
            row.push(of_kind.iter().filter(|x| x.grade == g).count().to_string());
        }
        row.push(of_kind.len().to_string());
        by_kind.push(row);
    }
    r.sections.push(
        Section::new("机构信用等级")
            .chart(grades_by_city_chart(v))
            .table(by_kind),
    );

    let mut rules = Table::new(
        "findings-by-rule",
        "预警线索按规则",
        &[
            ("rule", "规则"),
            ("name", "规则名称"),
            ("count", "线索数"),
            ("legal_ref", "依据"),
        ],
    )
    .numeric(&["count"])
    .when_empty("本次未发现预警线索");
    for (rule, n) in findings_per_rule(v) {
        rules.push(vec![
            rule.code().to_owned(),
            rule.zh().to_owned(),
            n.to_string(),
            v.rule_ref(rule),
        ]);
    }
    r.sections.push(
        Section::new("预警线索")
            .chart(findings_by_rule_chart(v))
            .table(rules)
            .text("逐条清单及承办单位见预警清单（zhongjie report warning-list）。"),
    );

    let max_star = v
        .out
        .stars
        .iter()
        .map(|s| s.stars)
        .max()
        .unwrap_or(0)
        .max(10);
    r.sections.push(Section::new("从业人员星级").chart(Chart {
        id: "stars".into(),
        title: "从业人员星级分布".into(),
        kind: ChartKind::Bars,
        unit: "人".into(),
        categories: (1..=max_star).map(|s| format!("{s} 星")).collect(),
        series: vec![Series {
            name: String::new(),
            values: (1..=max_star)
                .map(|s| v.out.stars.iter().filter(|x| x.stars == s).count() as u64)
                .collect(),
        }],
    }));

    let mut key = Table::new(
        "key-supervision",
        "重点监管机构（D级）",
        &[
            ("agency_id", "机构编号"),
            ("name", "机构名称"),
            ("kind", "机构类型"),
            ("city", "所在地市"),
            ("score", "信用得分"),
            ("vetoes", "一票否决事项"),
        ],
    )
    .numeric(&["score"])
    .when_empty("无");
    for g in v
        .out
        .grades
        .iter()
        .filter(|g| g.supervision == Supervision::Key)
    {
        let root = v.root_row(g.agency_id.as_str());
        key.push(vec![
            g.agency_id.to_string(),
            v.agency_name(g.agency_id.as_str()),
            kind_short(root.and_then(|x| v.tree_kind(x))).to_owned(),
            root.map(|x| v.tree_city_name(x)).unwrap_or_default(),
            g.score.to_string(),
            super::vetoes_zh(&g.vetoes),
        ]);
    }
    let mut must = Table::new(
        "must-inspect",
        "必查对象",
        &[
            ("agency_id", "机构编号"),
            ("name", "机构名称"),
            ("city", "所在地市"),
            ("reasons", "必查原因"),
        ],
    )
    .when_empty("无");
    for m in &v.out.must_inspect {
        must.push(vec![
            m.agency_id.to_string(),
            v.agency_name(m.agency_id.as_str()),
            v.root_row(m.agency_id.as_str())
                .map(|x| v.tree_city_name(x))
                .unwrap_or_default(),
            m.reasons
                .iter()
                .map(|x| x.zh())
                .collect::<Vec<_>>()
                .join("；"),
        ]);
    }
    r.sections.push(
        Section::new("重点监管与必查对象")
            .table(key)
            .table(must)
            .text("双随机抽取与检查人员选派见 zhongjie report must-inspect。"),
    );

    let trends = trend_charts(v, previous);
    if !trends.is_empty() {
        let mut s = Section::new("变化趋势");
        for c in trends {
            s = s.chart(c);
        }
        r.sections.push(s);
    }
    r.sections.push(Section::new("其他报告").text(
        "机构信用等级公示（credit-list）、从业人员星级公示（star-list）、预警清单（warning-list）、\
         必查对象与双随机抽查（must-inspect）、服务报告抽查（report-sampling）、核查工作报告（verification）、\
         改革进展报送（progress）均可用 zhongjie report 生成，格式为 HTML、Markdown、CSV 或 JSON。",
    ));
    r
}
