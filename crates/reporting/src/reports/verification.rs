//! 核查工作报告 (seed 二(一)4: 11月底前形成核查工作报告; 二(二)7: 重点核实机构基本情况、人员证书及
//! 社保关系、制度落实、内部绩效考核及约谈警示、行政处罚的整改落实情况), per city: every agency's
//! conditions (staff, full-time evidence, certificates, archives, quality control, on-site
//! verification), what is wrong (this run's findings) and what was corrected (findings of the
//! latest earlier run that this run no longer finds).

use super::{earlier, frame, kind_short, rule_counts_text, tree_facts, zh_date, TreeFacts};
use crate::doc::{Audience, Chart, ChartKind, Fact, Report, Section, Series, Table};
use crate::history::{PastFinding, PreviousRun};
use crate::view::View;
use crate::{ReportError, ReportKind};
use std::collections::{BTreeMap, BTreeSet};
use zhongjie_core::{InspectionKind, RegionCode, Verification};
use zhongjie_scoring::render::message;
use zhongjie_scoring::{Finding, RuleId};

/// Rules that speak to full-time employment (专职、社保关系).
const FULL_TIME_RULES: [RuleId; 3] = [
    RuleId::NotFullTime,
    RuleId::DualPension,
    RuleId::PayMismatch,
];
/// Rules that speak to archives (一项目一档、一项目一报告).
const ARCHIVE_RULES: [RuleId; 2] = [RuleId::ArchiveIncomplete, RuleId::ReportOverdue];
/// Rules that speak to quality control of the service process.
const QUALITY_RULES: [RuleId; 8] = [
    RuleId::LeaderAbsent,
    RuleId::DurationShort,
    RuleId::NoQualifiedSpecialist,
    RuleId::StaffNotEmployed,
    RuleId::NoticeLate,
    RuleId::ConcurrentPractice,
    RuleId::InfeasibleTravel,
    RuleId::CertExpiredOnProject,
];

/// What a correction is judged on: the same rule on the same subject. The evidence is left out,
/// so a shortfall whose numbers changed, or a second month of dual pension, still counts as not
/// corrected.
type Key = (String, String, String);

fn key(f: &Finding) -> Key {
    (
        f.rule.code().to_owned(),
        f.subject_kind.code().to_owned(),
        f.subject_id.clone(),
    )
}

fn past_key(f: &PastFinding) -> Key {
    (f.rule.clone(), f.subject_kind.clone(), f.subject_id.clone())
}

/// The Chinese name of a rule code (the code itself when unknown).
fn rule_name(code: &str) -> String {
    RuleId::from_code(code).map_or_else(|| code.to_owned(), |r| r.zh().to_owned())
}

/// A readable name of an earlier finding's subject, from today's dataset.
fn past_subject_label(v: &View<'_>, f: &PastFinding) -> String {
    let id = f.subject_id.as_str();
    match f.subject_kind.as_str() {
        "agency" => v.agency_name(id),
        "practitioner" => {
            v.ds.practitioner(id)
                .map_or_else(|| id.to_owned(), |p| format!("{}（{}）", p.name, p.id))
        }
        "project" => v.ds.project(id).map_or_else(
            || id.to_owned(),
            |p| format!("{}（{}）", p.id, p.client_name),
        ),
        _ => id.to_owned(),
    }
}

fn sum(t: &TreeFacts, rules: &[RuleId]) -> usize {
    rules.iter().filter_map(|r| t.findings.get(r)).sum()
}

/// 核查工作报告.
pub(crate) fn verification(
    v: &View<'_>,
    previous: &[PreviousRun],
    only_city: Option<RegionCode>,
) -> Result<Report, ReportError> {
    let d = v.d;
    let mut r = frame(v, ReportKind::Verification, Audience::Internal);
    r.facts.push(Fact::new(
        "依据",
        "浙应急〔2024〕85号 二(一)4（11月底前形成核查工作报告）、二(二)7（11月底前完成1次实地核查）",
    ));
    if let Some(c) = only_city {
        r.title = format!(
            "{}安全生产中介机构核查工作报告（截至{}）",
            c.city().city_name(),
            zh_date(d)
        );
        r.facts.push(Fact::new("范围", c.city().city_name()));
    }
    let last = earlier(v, previous).last().copied();
    r.facts.push(Fact::new(
        "整改比对",
        match last {
            Some(p) => format!("与 {} 的监管评定结果比对（规则包 {}）", p.as_of, p.pack),
            None => "未提供上期评定结果（--previous），无法比对整改情况".to_owned(),
        },
    ));
    let facts = tree_facts(v);
    let tables = v.ds.tables();
    let year_start = zhongjie_core::chrono::NaiveDate::from_ymd_opt(
        zhongjie_core::chrono::Datelike::year(&d),
        1,
        1,
    )
    .unwrap_or(d);

    // Certificates per root: (valid, failed, pending, expired).
    let mut certs: BTreeMap<usize, [usize; 4]> = BTreeMap::new();
    for c in &tables.certificates {
        let Some(root) =
            v.ds.practitioner(c.practitioner.as_str())
                .and_then(|p| v.root_row(p.agency.as_str()))
        else {
            continue;
        };
        let e = certs.entry(root).or_default();
        match c.verification {
            Verification::Failed => e[1] += 1,
            Verification::Pending => e[2] += 1,
            Verification::Verified if c.valid_on(d) => e[0] += 1,
            Verification::Verified => e[3] += 1,
        }
    }
    // Projects ended on or before D per root.
    let mut ended: BTreeMap<usize, usize> = BTreeMap::new();
    for p in &tables.projects {
        if p.service_ended_on.is_some() {
            if let Some(root) = v.root_row(p.agency.as_str()) {
                *ended.entry(root).or_default() += 1;
            }
        }
    }
    // Latest on-site verification (实地核查) of a tree this year.
    let mut onsite: BTreeMap<usize, (zhongjie_core::chrono::NaiveDate, &'static str)> =
        BTreeMap::new();
    for i in &tables.inspections {
        if i.kind != InspectionKind::OnSiteVerification || i.inspected_on < year_start {
            continue;
        }
        if let Some(root) = v.root_row(i.agency.as_str()) {
            let e = onsite
                .entry(root)
                .or_insert((i.inspected_on, i.result.zh()));
            if i.inspected_on >= e.0 {
                *e = (i.inspected_on, i.result.zh());
            }
        }
    }
    // Findings now and before, per root.
    let now: BTreeSet<Key> = v.out.findings.iter().map(key).collect();
    let mut by_root: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &v.out.findings {
        by_root.entry(f.root.as_str()).or_default().push(f);
    }
    let mut corrected: BTreeMap<usize, Vec<&PastFinding>> = BTreeMap::new();
    let before: BTreeSet<Key> = last
        .map(|p| p.findings.iter().map(past_key).collect())
        .unwrap_or_default();
    if let Some(p) = last {
        for f in &p.findings {
            if !now.contains(&past_key(f)) {
                if let Some(root) = v.root_row(&f.agency_id) {
                    corrected.entry(root).or_default().push(f);
                }
            }
        }
    }

    // Graded trees by city (verification is by the province's cities).
    let mut by_city: BTreeMap<RegionCode, Vec<usize>> = BTreeMap::new();
    let mut outside = 0usize;
    for g in &v.out.grades {
        let Some(root) = v.root_row(g.agency_id.as_str()) else {
            continue;
        };
        match v.tree_city(root) {
            Some(c) if v.in_home(c) => {
                if only_city.is_none_or(|o| o.city() == c) {
                    by_city.entry(c).or_default().push(root);
                }
            }
            _ => outside += 1,
        }
    }
    for roots in by_city.values_mut() {
        roots.sort_by_key(|&x| v.agency(x).map(|a| a.id.clone()));
    }

    let mut summary = Table::new(
        "summary",
        "各地市核查情况汇总",
        &[
            ("city", "地市"),
            ("agencies", "机构数"),
            ("evaluation", "其中安全评价机构"),
            ("with_issues", "存在问题的机构"),
            ("findings", "问题线索"),
            ("corrected", "已整改线索"),
            ("onsite", "本年已实地核查机构"),
        ],
    )
    .numeric(&[
        "agencies",
        "evaluation",
        "with_issues",
        "findings",
        "corrected",
        "onsite",
    ])
    .when_empty("无");
    for (city, roots) in &by_city {
        let n_eval = roots
            .iter()
            .filter(|&&x| v.tree_kind(x) == Some(zhongjie_core::AgencyKind::SafetyEvaluation))
            .count();
        let with_issues = roots
            .iter()
            .filter(|x| facts.get(x).is_some_and(|t| !t.findings.is_empty()))
            .count();
        let n_find: usize = roots
            .iter()
            .filter_map(|x| facts.get(x))
            .map(|t| t.findings.values().sum::<usize>())
            .sum();
        let n_corr: usize = roots
            .iter()
            .filter_map(|x| corrected.get(x))
            .map(Vec::len)
            .sum();
        let n_onsite = roots.iter().filter(|x| onsite.contains_key(x)).count();
        summary.push(vec![
            city.city_name(),
            roots.len().to_string(),
            n_eval.to_string(),
            with_issues.to_string(),
            n_find.to_string(),
            if last.is_some() {
                n_corr.to_string()
            } else {
                "—".to_owned()
            },
            n_onsite.to_string(),
        ]);
    }
    let mut overview = Section::new("总体情况").text(format!(
        "本报告按地市汇总辖区内安全评价机构和社会化服务机构（含省外机构在本省的分支）的核查情况：\
         机构基本情况、人员与社保关系（专职认定）、证书核验、项目档案、服务过程质量控制、本年实地核查，\
         以及存在的问题和整改情况。人员、证书和社保数据截至 {}；问题线索为本次监管评定的预警线索。",
        zh_date(d)
    ));
    if outside > 0 {
        overview = overview.text(format!(
            "另有 {outside} 家省外机构在本省无分支机构，不在本报告核查范围内。"
        ));
    }
    let issues_of = |roots: &Vec<usize>| -> u64 {
        roots
            .iter()
            .filter_map(|x| facts.get(x))
            .map(|t| t.findings.values().sum::<usize>() as u64)
            .sum()
    };
    let mut series = vec![Series {
        name: "问题线索".into(),
        values: by_city.values().map(issues_of).collect(),
    }];
    if last.is_some() {
        series.push(Series {
            name: "已整改".into(),
            values: by_city
                .values()
                .map(|roots| {
                    roots
                        .iter()
                        .filter_map(|x| corrected.get(x))
                        .map(|l| l.len() as u64)
                        .sum()
                })
                .collect(),
        });
    }
    let chart = Chart {
        id: "issues-by-city".into(),
        title: "各地市问题线索与整改情况".into(),
        kind: ChartKind::Bars,
        unit: "条".into(),
        categories: by_city.keys().map(|c| c.city_name()).collect(),
        series,
    };
    r.sections.push(overview.table(summary).chart(chart));

    let empty = TreeFacts::default();
    for (city, roots) in &by_city {
        let mut t = Table::new(
            &format!("agencies-{city}"),
            format!("{}机构核查情况", city.city_name()),
            &[
                ("agency_id", "机构编号"),
                ("name", "机构名称"),
                ("kind", "类型"),
                ("status", "状态"),
                ("grade", "信用等级"),
                ("staff", "从业人员"),
                ("professionals", "专业技术人员"),
                ("full_time", "其中专职"),
                ("full_time_issues", "专职与社保问题"),
                ("certificates", "证书（有效/未通过核验/待核验/过期）"),
                ("archives", "档案（已结束项目/档案或报告问题）"),
                ("quality", "质量控制问题"),
                ("onsite", "本年实地核查"),
                ("issues", "存在问题"),
                ("corrected", "整改情况"),
            ],
        )
        .numeric(&["staff", "professionals", "full_time"]);
        let mut detail = Table::new(
            &format!("issues-{city}"),
            format!("{}问题与整改明细", city.city_name()),
            &[
                ("agency", "机构"),
                ("rule", "问题"),
                ("subject", "对象"),
                ("evidence", "证据"),
                ("message", "情况说明"),
                ("status", "整改状态"),
            ],
        )
        .when_empty("未发现问题");
        for &root in roots {
            let Some(a) = v.agency(root) else { continue };
            let tf = facts.get(&root).unwrap_or(&empty);
            let c = certs.get(&root).copied().unwrap_or_default();
            let corr = corrected.get(&root);
            let corr_text = match (last, corr) {
                (None, _) => "无上期数据".to_owned(),
                (Some(_), None) => "无".to_owned(),
                (Some(_), Some(list)) => {
                    let mut m: BTreeMap<String, usize> = BTreeMap::new();
                    for f in list {
                        *m.entry(rule_name(&f.rule)).or_default() += 1;
                    }
                    let parts: Vec<String> = m.iter().map(|(k, n)| format!("{k} {n} 条")).collect();
                    format!("已整改：{}", parts.join("；"))
                }
            };
            t.push(vec![
                a.id.to_string(),
                a.name.clone(),
                kind_short(Some(a.kind)).to_owned(),
                a.status.zh().to_owned(),
                v.grade(a.id.as_str())
                    .map(|g| g.grade.code().to_owned())
                    .unwrap_or_default(),
                tf.practitioners.to_string(),
                tf.professionals.to_string(),
                tf.full_time_professionals.to_string(),
                sum(tf, &FULL_TIME_RULES).to_string(),
                format!("{}/{}/{}/{}", c[0], c[1], c[2], c[3]),
                format!(
                    "{}/{}",
                    ended.get(&root).copied().unwrap_or(0),
                    sum(tf, &ARCHIVE_RULES)
                ),
                sum(tf, &QUALITY_RULES).to_string(),
                onsite
                    .get(&root)
                    .map_or("未核查".to_owned(), |(dd, res)| format!("{dd} {res}")),
                rule_counts_text(&tf.findings),
                corr_text,
            ]);
            // Detail rows: this run's findings of the tree, then the corrected ones.
            for f in by_root.get(a.id.as_str()).into_iter().flatten() {
                let status = match last {
                    None => "本期发现",
                    Some(_) if before.contains(&key(f)) => "上期已发现，尚未整改",
                    Some(_) => "本期新发现",
                };
                detail.push(vec![
                    a.name.clone(),
                    f.rule.zh().to_owned(),
                    v.subject_label(f),
                    f.evidence.join("；"),
                    message(f),
                    status.to_owned(),
                ]);
            }
            for f in corr.into_iter().flatten() {
                detail.push(vec![
                    a.name.clone(),
                    rule_name(&f.rule),
                    past_subject_label(v, f),
                    f.evidence.join("；"),
                    String::new(),
                    "已整改（本期未再发现）".to_owned(),
                ]);
            }
        }
        r.sections.push(
            Section::new(city.city_name())
                .text(format!(
                    "{}共有机构 {} 家。证书一栏依次为：核验通过且在有效期内、核验未通过、待核验、核验通过但已过期的证书数；\
                     专职与社保问题含非专职、社保不唯一、挂靠嫌疑线索；质量控制问题含负责人未到现场、服务时长不足、专业不匹配、\
                     非本机构人员、执业告知不及时、一人多地执业、行程不可能、证书过期执业线索。",
                    city.city_name(),
                    roots.len()
                ))
                .table(t)
                .table(detail),
        );
    }
    Ok(r)
}
