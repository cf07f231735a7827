//! 机构信用等级公示 and 从业人员星级公示 (seed 二(二)5: 及时公开机构清单和信用评级结果).
//!
//! Public: only what may be published. No deduction detail (it would name complaints), no
//! complaint, no points detail; a practitioner appears with name, masked resident ID, agency,
//! stars, exam class, card and expert-pool status.

use super::{frame, grades_by_city_chart, kind_short, window_start, zh_date};
use crate::doc::{Audience, Chart, ChartKind, Fact, Report, Section, Series, Table};
use crate::view::{yes_no, View, GRADES};
use crate::{ReportError, ReportKind};
use zhongjie_scoring::{Card, ExamClass, Grade};

/// 机构信用等级公示.
pub(crate) fn credit_list(v: &View<'_>) -> Result<Report, ReportError> {
    let d = v.d;
    let p = v.pack;
    let mut r = frame(v, ReportKind::CreditList, Audience::Public);
    r.facts.push(Fact::new(
        "依据",
        "浙应急〔2024〕85号 二(二)5：及时公开机构清单和信用评级结果",
    ));
    let w = window_start(v)?;
    let explain = format!(
        "信用等级依据评价期（{} 至 {}）内的监管预警线索、查证属实的举报投诉和处理处罚情况评定：\
         满分 {} 分，A 级不低于 {} 分，B 级不低于 {} 分，C 级不低于 {} 分，其余为 D 级。\
         列入严重失信主体名单、三年内因出具虚假报告或租借资质受到处罚、停业整顿或资质被吊销的机构实行一票否决，评为 D 级。\
         使用财政资金购买安全生产社会化服务的，原则上在 {} 级及以上机构中择优选择（二(三)10）；\
         对信用等级较低的机构实行重点监管（二(二)5）。",
        zh_date(w.succ_opt().unwrap_or(w)),
        zh_date(d),
        p.count("grade.full_score", d)?,
        p.count("grade.min.A", d)?,
        p.count("grade.min.B", d)?,
        p.count("grade.min.C", d)?,
        p.text("procurement.min_grade", d)?,
    );
    let count = |g: Grade| v.out.grades.iter().filter(|x| x.grade == g).count();
    let mut facts = vec![Fact::new("参评机构", format!("{} 家", v.out.grades.len()))];
    for g in GRADES {
        facts.push(Fact::new(g.zh(), format!("{} 家", count(g))));
    }
    let mut t = Table::new(
        "agencies",
        "机构信用等级名单",
        &[
            ("no", "序号"),
            ("name", "机构名称"),
            ("uscc", "统一社会信用代码"),
            ("kind", "机构类型"),
            ("city", "所在地市"),
            ("branches", "本省分支机构数"),
            ("status", "机构状态"),
            ("score", "信用得分"),
            ("grade", "信用等级"),
            ("vetoes", "一票否决事项"),
            ("procurement", "可承接财政资金项目"),
            ("supervision", "监管方式"),
        ],
    )
    .numeric(&["no", "branches", "score"])
    .when_empty("暂无参评机构");
    let mut rows: Vec<_> = v
        .out
        .grades
        .iter()
        .filter_map(|g| {
            let root = v.root_row(g.agency_id.as_str())?;
            let a = v.agency(root)?;
            Some((
                a.kind,
                g.grade,
                std::cmp::Reverse(g.score),
                a.id.clone(),
                root,
                g,
            ))
        })
        .collect();
    rows.sort_by(|a, b| (a.0, a.1, a.2, &a.3).cmp(&(b.0, b.1, b.2, &b.3)));
    for (i, (kind, _, _, _, root, g)) in rows.iter().enumerate() {
        let Some(a) = v.agency(*root) else { continue };
        let branches = v.in_home_branches(*root).len();
        let mut city = v.tree_city_name(*root);
        if !v.in_home(a.region) {
            city.push_str(if branches > 0 {
                "（省外机构在本省分支）"
            } else {
                "（省外机构）"
            });
        }
        let vetoes = super::vetoes_zh(&g.vetoes);
        t.push(vec![
            (i + 1).to_string(),
            a.name.clone(),
            a.uscc.to_string(),
            kind_short(Some(*kind)).to_owned(),
            city,
            branches.to_string(),
            a.status.zh().to_owned(),
            g.score.to_string(),
            g.grade.code().to_owned(),
            vetoes,
            yes_no(g.procurement_eligible).to_owned(),
            g.supervision.zh().to_owned(),
        ]);
    }
    r.sections.push(Section::new("评定说明").text(explain));
    r.sections.push(
        Section::new("等级分布")
            .facts(facts)
            .chart(grades_by_city_chart(v)),
    );
    r.sections.push(
        Section::new("机构信用等级名单")
            .text("按机构类型、信用等级、得分（由高到低）排列。已注销的机构不列入。")
            .table(t),
    );
    r.sections.push(Section::new("异议与修复").text(
        "机构对评定结果有异议的，可在公示期内向所在地应急管理部门提出，并提交相关证明材料；\
         信用修复按《安全生产严重失信主体名单管理办法》等规定办理。",
    ));
    Ok(r)
}

/// 从业人员星级公示.
pub(crate) fn star_list(v: &View<'_>) -> Result<Report, ReportError> {
    let d = v.d;
    let p = v.pack;
    let mut r = frame(v, ReportKind::StarList, Audience::Public);
    r.facts.push(Fact::new(
        "依据",
        "浙应急〔2024〕85号 二(二)5（星级认定）、二(三)11（能力测验与专家库）",
    ));
    let explain = format!(
        "对照从业人员 {}—{} 星等级标准认定：以职业资格（安全评价师等级、注册安全工程师、职称）确定基础星级，\
         从业每满 {} 年加 1 星（最多 {} 星），能力测验优秀、良好分别加 {}、{} 星，每记 {} 分减 1 星；\
         测验不合格者最高 {} 星，未参加测验者最高 {} 星，记满 {} 分者为 1 星。\
         记分满 {} 分为黄牌、满 {} 分为红牌。应急管理专家库成员测验不合格或记满 {} 分的，取消其专家库成员资格（二(三)11）。\
         身份证号仅显示前 3 位和后 4 位。",
        p.count("stars.min", d)?,
        p.count("stars.max", d)?,
        p.count("stars.experience.years_per_star", d)?,
        p.count("stars.experience.max", d)?,
        p.count("stars.exam.bonus.excellent", d)?,
        p.count("stars.exam.bonus.good", d)?,
        p.count("stars.points_per_star", d)?,
        p.count("stars.cap.failed", d)?,
        p.count("stars.cap.untested", d)?,
        p.count("stars.red_points", d)?,
        p.count("card.yellow_points", d)?,
        p.count("card.red_points", d)?,
        p.count("expert_pool.removal_points", d)?,
    );
    let max = p.count("stars.max", d)?.clamp(1, 20);
    let min = p.count("stars.min", d)?.clamp(1, max);
    let dist = Chart {
        id: "stars".into(),
        title: "从业人员星级分布".into(),
        kind: ChartKind::Bars,
        unit: "人".into(),
        categories: (min..=max).map(|s| format!("{s} 星")).collect(),
        series: vec![Series {
            name: String::new(),
            values: (min..=max)
                .map(|s| v.out.stars.iter().filter(|x| x.stars == s).count() as u64)
                .collect(),
        }],
    };
    let cards = |c: Card| v.out.stars.iter().filter(|x| x.card == c).count();
    let facts = vec![
        Fact::new("认定人数", format!("{} 人", v.out.stars.len())),
        Fact::new("绿牌", format!("{} 人", cards(Card::Green))),
        Fact::new("黄牌", format!("{} 人", cards(Card::Yellow))),
        Fact::new("红牌", format!("{} 人", cards(Card::Red))),
        Fact::new(
            "测验不合格",
            format!(
                "{} 人",
                v.out
                    .stars
                    .iter()
                    .filter(|x| x.exam == ExamClass::Failed)
                    .count()
            ),
        ),
        Fact::new(
            "取消专家库资格",
            format!(
                "{} 人",
                v.out.stars.iter().filter(|x| x.expert_pool_removal).count()
            ),
        ),
    ];
    let mut t = Table::new(
        "practitioners",
        "从业人员星级名单",
        &[
            ("no", "序号"),
            ("name", "姓名"),
            ("id_number", "身份证号（脱敏）"),
            ("agency", "执业机构"),
            ("city", "所在地市"),
            ("stars", "星级"),
            ("exam", "能力测验"),
            ("card", "记分卡"),
            ("expert_pool", "专家库"),
        ],
    )
    .numeric(&["no", "stars"])
    .when_empty("暂无从业人员");
    let mut rows: Vec<_> = v
        .out
        .stars
        .iter()
        .filter_map(|s| {
            let pr = v.ds.practitioner(s.practitioner_id.as_str())?;
            let root = v.root_row(pr.agency.as_str())?;
            let a = v.agency(root)?;
            Some((a.id.clone(), pr, root, s))
        })
        .collect();
    rows.sort_by(|a, b| (&a.0, &a.1.id).cmp(&(&b.0, &b.1.id)));
    for (i, (_, pr, root, s)) in rows.iter().enumerate() {
        let pool = match (pr.expert_pool, s.expert_pool_removal) {
            (true, true) => "取消资格",
            (true, false) => "专家库成员",
            (false, _) => "—",
        };
        t.push(vec![
            (i + 1).to_string(),
            pr.name.clone(),
            pr.id_number.masked(),
            v.agency(*root).map(|a| a.name.clone()).unwrap_or_default(),
            v.tree_city_name(*root),
            format!("{} 星", s.stars),
            s.exam.zh().to_owned(),
            s.card.zh().to_owned(),
            pool.to_owned(),
        ]);
    }
    r.sections.push(Section::new("认定说明").text(explain));
    r.sections
        .push(Section::new("星级分布").facts(facts).chart(dist));
    r.sections.push(
        Section::new("从业人员星级名单")
            .text("按执业机构、人员编号排列。")
            .table(t),
    );
    Ok(r)
}
