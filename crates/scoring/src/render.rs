//! The four outputs of part C as text, byte-for-byte deterministic, plus the explanation file.

use crate::model::*;
use serde_json::json;
use std::fmt::Write;

fn join<T: core::fmt::Display>(v: &[T]) -> String {
    v.iter()
        .map(|x| x.to_string())
        .collect::<Vec<_>>()
        .join(";")
}

/// The Chinese message of a finding.
pub fn message(f: &Finding) -> String {
    let e = &f.evidence;
    let g = |i: usize| e.get(i).map(String::as_str).unwrap_or("");
    match f.rule {
        RuleId::ConcurrentPractice => format!(
            "从业人员 {} 的打卡记录 {} 与 {} 在不同项目上时间重叠",
            f.subject_id,
            g(0),
            g(1)
        ),
        RuleId::InfeasibleTravel => format!(
            "从业人员 {} 从记录 {} 到 {} 的行程速度超出可能",
            f.subject_id,
            g(0),
            g(1)
        ),
        RuleId::DualPension => format!(
            "从业人员 {} 在 {} 有两个及以上单位缴纳养老保险",
            f.subject_id,
            g(0)
        ),
        RuleId::PayMismatch => format!(
            "从业人员 {} 在 {} 的个税或工资发放单位与社保缴纳单位不一致",
            f.subject_id,
            g(0)
        ),
        RuleId::NotFullTime => format!(
            "专业技术人员 {} 未连续在本机构缴纳养老保险，不能认定为专职",
            f.subject_id
        ),
        RuleId::HeadcountShortfall => format!(
            "机构 {} 专职安全评价师应不少于 {} 人，实有 {} 人",
            f.subject_id,
            g(0),
            g(1)
        ),
        RuleId::EngineerRatioShortfall => format!(
            "机构 {} 专职专业技术人员 {} 人中注册安全工程师仅 {} 人，比例不足",
            f.subject_id,
            g(1),
            g(0)
        ),
        RuleId::MinProfessionals => format!(
            "机构 {} 专职专业技术人员应不少于 {} 人，实有 {} 人",
            f.subject_id,
            g(0),
            g(1)
        ),
        RuleId::QualificationInvalid => {
            format!("项目 {} 开始时机构资质已失效或未取得资质", f.subject_id)
        }
        RuleId::OutOfScope => format!("项目 {} 超出机构业务范围", f.subject_id),
        RuleId::NoticeLate => format!("项目 {} 未在首次到场前进行执业告知", f.subject_id),
        RuleId::ReportOverdue => {
            format!("项目 {} 服务报告未在服务结束后规定期限内上传", f.subject_id)
        }
        RuleId::ArchiveIncomplete => {
            let names: Vec<&str> = e
                .iter()
                .map(|c| {
                    c.parse::<zhongjie_core::Stage>()
                        .map_or(c.as_str(), |s| s.zh())
                })
                .collect();
            format!("项目 {} 档案缺少环节：{}", f.subject_id, names.join("、"))
        }
        RuleId::LeaderAbsent if e.is_empty() => format!("项目 {} 未确定项目负责人", f.subject_id),
        RuleId::LeaderAbsent => format!(
            "项目 {} 的负责人 {} 无现场打卡记录",
            f.subject_id,
            e.join("、")
        ),
        RuleId::DurationShort => format!("项目 {} 现场服务时长不足", f.subject_id),
        RuleId::NoQualifiedSpecialist => {
            format!("项目 {} 的负责人和成员中无相应专业人员", f.subject_id)
        }
        RuleId::StaffNotEmployed => format!(
            "项目 {} 的项目组成员 {} 不属于本机构",
            f.subject_id,
            e.join("、")
        ),
        RuleId::CapacityExceeded => format!(
            "机构 {} 在办项目 {} 个，超出 {} 名专职专业技术人员的承接能力",
            f.subject_id,
            g(0),
            g(1)
        ),
        RuleId::CertInvalid => format!("从业人员 {} 的证书 {} 核验未通过", f.subject_id, g(0)),
        RuleId::CertExpiredOnProject => format!(
            "项目 {} 的成员 {} 的安全评价师证书在项目开始时已过期",
            f.subject_id,
            e.join("、")
        ),
    }
}

/// `findings.jsonl`: one JSON object per line, sorted.
pub fn findings_jsonl(out: &RunOutput) -> String {
    let mut s = String::new();
    for f in &out.findings {
        let legal_ref = out
            .rule_refs
            .iter()
            .find(|(r, _)| *r == f.rule)
            .map(|(_, l)| l.to_string())
            .unwrap_or_default();
        let v = json!({
            "rule": f.rule.code(),
            "subject_kind": f.subject_kind.code(),
            "subject_id": f.subject_id,
            "date": f.date.to_string(),
            "evidence": f.evidence,
            "agency_id": f.root.as_str(),
            "rule_name": f.rule.zh(),
            "legal_ref": legal_ref,
            "message": message(f),
        });
        s.push_str(&v.to_string());
        s.push('\n');
    }
    s
}

/// `agency_grades.csv`.
pub fn agency_grades_csv(out: &RunOutput) -> String {
    let mut s = String::from("agency_id,score,grade,vetoes,procurement_eligible,supervision\n");
    for g in &out.grades {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{}",
            g.agency_id,
            g.score,
            g.grade,
            join(&g.vetoes),
            g.procurement_eligible,
            g.supervision
        );
    }
    s
}

/// `practitioner_stars.csv`.
pub fn practitioner_stars_csv(out: &RunOutput) -> String {
    let mut s = String::from("practitioner_id,stars,points,exam,card,expert_pool_removal\n");
    for p in &out.stars {
        let _ = writeln!(
            s,
            "{},{},{},{},{},{}",
            p.practitioner_id, p.stars, p.points, p.exam, p.card, p.expert_pool_removal
        );
    }
    s
}

/// `must_inspect.csv`.
pub fn must_inspect_csv(out: &RunOutput) -> String {
    let mut s = String::from("agency_id,reasons\n");
    for m in &out.must_inspect {
        let _ = writeln!(s, "{},{}", m.agency_id, join(&m.reasons));
    }
    s
}

/// `explanation.json`: for the run, the pack and the rules; for every graded agency and every
/// practitioner, what counted.
pub fn explanation_json(out: &RunOutput) -> String {
    let rules: Vec<_> = out
        .rule_refs
        .iter()
        .map(|(r, l)| json!({"rule": r.code(), "name": r.zh(), "legal_ref": l.to_string()}))
        .collect();
    let mut counts: Vec<(RuleId, usize)> = RuleId::ALL.iter().map(|r| (*r, 0)).collect();
    for f in &out.findings {
        if let Some(c) = counts.iter_mut().find(|(r, _)| *r == f.rule) {
            c.1 += 1;
        }
    }
    let v = json!({
        "as_of": out.as_of.to_string(),
        "pack": out.pack,
        "window": format!("评定日前 {} 日（不含）至评定日（含）", out.window_days),
        "rules": rules,
        "findings_per_rule": counts.iter().map(|(r, c)| json!({"rule": r.code(), "count": c})).collect::<Vec<_>>(),
        "agencies": out.grades,
        "practitioners": out.stars,
        "must_inspect": out.must_inspect,
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
