//! Why a grade or a star count came out: rule by rule, in Chinese, with legal references.

use crate::model::*;
use std::fmt::Write;
use zhongjie_core::{Dataset, RulePack};

/// Explains an agency's grade. `None` when the id is not a graded root (a branch is explained
/// through its root).
pub fn agency(out: &RunOutput, ds: &Dataset, pack: &RulePack, id: &str) -> Option<String> {
    let root = ds.root_of(id)?;
    let g = out.grades.iter().find(|g| g.agency_id == root.id)?;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "机构信用等级说明（评定日 {}，规则包 {}）",
        out.as_of, out.pack
    );
    if root.id.as_str() != id {
        let _ = writeln!(s, "{id} 是分支机构，按其总部 {} 所在机构树评定。", root.id);
    }
    let _ = writeln!(
        s,
        "机构：{}（{}），{}，状态：{}",
        root.name,
        root.id,
        root.kind.zh(),
        root.status.zh()
    );
    let _ = writeln!(
        s,
        "得分 {} 分，等级 {}，{}；{}。",
        g.score,
        g.grade.zh(),
        g.supervision.zh(),
        if g.procurement_eligible {
            "可参与财政资金购买服务"
        } else {
            "不得参与财政资金购买服务"
        }
    );
    let _ = writeln!(s);
    if g.deductions.is_empty() {
        let _ = writeln!(s, "评价窗口内无扣分事项。");
    } else {
        let _ = writeln!(
            s,
            "扣分明细（评价窗口：评定日前 {} 日内）：",
            out.window_days
        );
        for d in &g.deductions {
            let cap = if d.points < d.raw {
                format!("（封顶后 {} 分）", d.points)
            } else {
                String::new()
            };
            let _ = writeln!(
                s,
                "- {} [{}]：{} 项，扣 {} 分{}",
                d.label, d.source, d.count, d.raw, cap
            );
            if !d.legal_ref.is_empty() {
                let _ = writeln!(s, "  依据：{}", d.legal_ref);
            }
            let shown: Vec<&str> = d.evidence.iter().take(10).map(String::as_str).collect();
            let more = d.evidence.len().saturating_sub(shown.len());
            let _ = writeln!(
                s,
                "  证据：{}{}",
                shown.join("，"),
                if more > 0 {
                    format!(" 等（另 {more} 项）")
                } else {
                    String::new()
                }
            );
        }
    }
    if !g.vetoes.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "一票否决（等级定为 D 级）：");
        for v in &g.vetoes {
            let rule = match v {
                Veto::DishonestyList => "VETO_DISHONESTY_LIST",
                Veto::SeriousViolation => "VETO_SERIOUS_VIOLATION",
                Veto::Status => "VETO_STATUS",
            };
            let ev: Vec<&str> = g
                .veto_evidence
                .iter()
                .filter(|e| e.starts_with(v.code()))
                .map(String::as_str)
                .collect();
            let legal = pack
                .rule(rule)
                .map(|r| r.legal_ref.to_string())
                .unwrap_or_default();
            let _ = writeln!(s, "- {}（{}）；依据：{}", v.zh(), ev.join("，"), legal);
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "等级线：A ≥ {}，B ≥ {}，C ≥ {}，其余为 D；C 级及以上可参与财政资金购买服务。",
        pack.int("grade.min.A", out.as_of).unwrap_or_default(),
        pack.int("grade.min.B", out.as_of).unwrap_or_default(),
        pack.int("grade.min.C", out.as_of).unwrap_or_default()
    );
    Some(s)
}

/// Explains a practitioner's stars. Never shows the resident ID in full.
pub fn practitioner(out: &RunOutput, ds: &Dataset, id: &str) -> Option<String> {
    let x = ds.practitioner(id)?;
    let r = out.stars.iter().find(|r| r.practitioner_id == x.id)?;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "从业人员星级说明（评定日 {}，规则包 {}）",
        out.as_of, out.pack
    );
    let _ = writeln!(
        s,
        "人员：{}（{}，身份证号 {}），所在机构 {}",
        x.name, x.id, x.id_number, x.agency
    );
    let _ = writeln!(
        s,
        "星级 {} 星，记分 {} 分，{}，测验：{}{}。",
        r.stars,
        r.points,
        r.card.zh(),
        r.exam.zh(),
        if r.expert_pool_removal {
            "，取消应急管理专家库成员资格"
        } else {
            ""
        }
    );
    let _ = writeln!(s);
    let _ = writeln!(s, "基础星级 {}（{}）", r.base, r.base_reason);
    let _ = writeln!(s, "从业年限加 {} 星", r.experience);
    match &r.exam_id {
        Some(e) => {
            let _ = writeln!(s, "测验 {}：{}，加 {} 星", e, r.exam.zh(), r.exam_bonus);
        }
        None => {
            let _ = writeln!(s, "评价窗口内未参加能力测验");
        }
    }
    if r.point_items.is_empty() {
        let _ = writeln!(s, "评价窗口内无记分事项。");
    } else {
        let _ = writeln!(
            s,
            "记分明细（评价窗口：评定日前 {} 日内）：",
            out.window_days
        );
        for d in &r.point_items {
            let _ = writeln!(
                s,
                "- {} [{}]：{} 项，记 {} 分",
                d.label, d.source, d.count, d.points
            );
            if !d.legal_ref.is_empty() {
                let _ = writeln!(s, "  依据：{}", d.legal_ref);
            }
            let _ = writeln!(s, "  证据：{}", d.evidence.join("，"));
        }
    }
    for c in &r.caps {
        let _ = writeln!(s, "限定：{c}");
    }
    Some(s)
}
