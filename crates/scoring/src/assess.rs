//! Parts C.2 (agency grades), C.3 (practitioner stars) and C.4 (must-inspect list).

use crate::context::Ctx;
use crate::model::*;
use crate::params::Params;
use rustc_hash::FxHashMap;
use zhongjie_core::time::{add_years, in_days_ending, plus_days, whole_years};
use zhongjie_core::{
    AgencyKind, AgencyStatus, ClientEventKind, ComplaintStatus, EvaluatorLevel, Measure,
    Practitioner, SafetyEngineerGrade, Subject, Title,
};

fn capped(
    label: String,
    source: String,
    legal_ref: String,
    count: u32,
    each: u32,
    cap: Option<u32>,
    evidence: Vec<String>,
) -> Deduction {
    let raw = count.saturating_mul(each);
    Deduction {
        source,
        label,
        count,
        raw,
        points: cap.map_or(raw, |c| raw.min(c)),
        evidence,
        legal_ref,
    }
}

/// `subject` or `subject（evidence…）` for explanations.
fn describe(subject: &str, evidence: &[String]) -> String {
    if evidence.is_empty() {
        subject.to_owned()
    } else {
        format!("{subject}（{}）", evidence.join("、"))
    }
}

/// Legal reference text of a pack rule.
pub fn rule_ref(refs: &FxHashMap<&'static str, String>, id: &str) -> String {
    refs.get(id).cloned().unwrap_or_default()
}

/// C.2: one grade per root that is not cancelled, sorted by agency id.
pub fn grades(
    ctx: &Ctx<'_>,
    findings: &[Finding],
    refs: &FxHashMap<&'static str, String>,
) -> Vec<AgencyGrade> {
    let p = ctx.p;
    let t = ctx.ds.tables();
    let d = ctx.d;
    // Findings in W per root and rule.
    let mut by_root: FxHashMap<&str, Vec<&Finding>> = FxHashMap::default();
    for f in findings.iter().filter(|f| ctx.in_window(f.date)) {
        by_root.entry(f.root.as_str()).or_default().push(f);
    }
    let mut complaints: FxHashMap<usize, Vec<String>> = FxHashMap::default();
    for c in &t.complaints {
        if c.status == ComplaintStatus::Substantiated && ctx.in_window(c.received_on) {
            if let Some(r) = ctx.ds.root_index_of(c.agency.as_str()) {
                complaints.entry(r).or_default().push(c.id.to_string());
            }
        }
    }
    let mut sanctions: FxHashMap<usize, Vec<&zhongjie_core::Sanction>> = FxHashMap::default();
    for s in &t.sanctions {
        if s.decided_on > d {
            continue;
        }
        if let Subject::Agency(a) = &s.subject {
            if let Some(r) = ctx.ds.root_index_of(a.as_str()) {
                sanctions.entry(r).or_default().push(s);
            }
        }
    }
    let mut rows = Vec::new();
    for r in ctx.ds.roots() {
        let a = &t.agencies[r];
        if a.status == AgencyStatus::Cancelled {
            continue;
        }
        let mut deductions = Vec::new();
        let fs = by_root.get(a.id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        for rule in RuleId::ALL {
            let hits: Vec<&&Finding> = fs.iter().filter(|f| f.rule == *rule).collect();
            if hits.is_empty() {
                continue;
            }
            let mut ev: Vec<String> = hits
                .iter()
                .map(|f| describe(&f.subject_id, &f.evidence))
                .collect();
            ev.sort();
            deductions.push(capped(
                rule.zh().to_owned(),
                format!("rule:{}", rule.code()),
                rule_ref(refs, rule.code()),
                hits.len() as u32,
                p.deduction(*rule),
                Some(p.rule_cap),
                ev,
            ));
        }
        if let Some(cs) = complaints.get(&r) {
            let mut ev = cs.clone();
            ev.sort();
            deductions.push(capped(
                "查证属实的举报投诉".to_owned(),
                "complaints".to_owned(),
                rule_ref(refs, "MUST_INSPECT_COMPLAINT"),
                cs.len() as u32,
                p.complaint_deduction,
                Some(p.complaint_cap),
                ev,
            ));
        }
        let ss = sanctions.get(&r).map(Vec::as_slice).unwrap_or(&[]);
        for m in Measure::ALL {
            let hits: Vec<String> = ss
                .iter()
                .filter(|s| s.measure == *m && ctx.in_window(s.decided_on))
                .map(|s| s.id.to_string())
                .collect();
            let each = p.sanction_deduction[Params::measure_index(*m)];
            if hits.is_empty() || each == 0 {
                continue;
            }
            let mut ev = hits;
            ev.sort();
            deductions.push(capped(
                format!("受到处理处罚：{}", m.zh()),
                format!("sanction:{}", m.code()),
                rule_ref(refs, "AGENCY_GRADE"),
                ev.len() as u32,
                each,
                None,
                ev,
            ));
        }
        let total: u32 = deductions
            .iter()
            .map(|x| x.points)
            .fold(0u32, u32::saturating_add);
        let score = p.full_score.saturating_sub(total);

        let mut vetoes = Vec::new();
        let mut veto_evidence = Vec::new();
        let listing: Vec<String> = ss
            .iter()
            .filter(|s| s.measure == Measure::DishonestyListing)
            .filter(|s| match s.ends_on {
                Some(e) => e > d,
                None => add_years(s.decided_on, p.dishonesty_years as i32).is_some_and(|x| x > d),
            })
            .map(|s| s.id.to_string())
            .collect();
        if !listing.is_empty() {
            vetoes.push(Veto::DishonestyList);
            veto_evidence.push(format!("dishonesty_list:{}", listing.join("|")));
        }
        let serious: Vec<String> = ss
            .iter()
            .filter(|s| p.serious_violations.contains(&s.violation))
            .filter(|s| in_days_ending(s.decided_on, d, p.serious_violation_days))
            .map(|s| s.id.to_string())
            .collect();
        if !serious.is_empty() {
            vetoes.push(Veto::SeriousViolation);
            veto_evidence.push(format!("serious_violation:{}", serious.join("|")));
        }
        if p.veto_statuses.contains(&a.status) {
            vetoes.push(Veto::Status);
            veto_evidence.push(format!("status:{}", a.status.code()));
        }
        vetoes.sort_by_key(|v| v.code());
        let grade = if !vetoes.is_empty() {
            Grade::D
        } else if score >= p.grade_min[0] {
            Grade::A
        } else if score >= p.grade_min[1] {
            Grade::B
        } else if score >= p.grade_min[2] {
            Grade::C
        } else {
            Grade::D
        };
        let procurement_eligible = grade <= p.procurement_min_grade;
        let supervision = p.supervision[grade as usize];
        rows.push(AgencyGrade {
            agency_id: a.id.clone(),
            score,
            grade,
            vetoes,
            procurement_eligible,
            supervision,
            deductions,
            veto_evidence,
        });
    }
    rows.sort_by(|a, b| a.agency_id.cmp(&b.agency_id));
    rows
}

fn base_stars(p: &Params, x: &Practitioner) -> (u32, String) {
    let mut best = (
        p.star_default,
        "无评价师等级、注安师或中高级职称".to_owned(),
    );
    let mut consider = |v: u32, why: String| {
        if v > best.0 {
            best = (v, why);
        }
    };
    if let Some(l) = x.evaluator_level {
        let v = match l {
            EvaluatorLevel::One => p.star_evaluator[0],
            EvaluatorLevel::Two => p.star_evaluator[1],
            EvaluatorLevel::Three => p.star_evaluator[2],
        };
        consider(v, l.zh().to_owned());
    }
    if let Some(g) = x.safety_engineer {
        let v = match g {
            SafetyEngineerGrade::Senior => p.star_engineer_senior,
            SafetyEngineerGrade::Intermediate => p.star_engineer_intermediate,
        };
        consider(v, g.zh().to_owned());
    }
    match x.title {
        Title::Senior => consider(p.star_title_senior, x.title.zh().to_owned()),
        Title::Intermediate => consider(p.star_title_intermediate, x.title.zh().to_owned()),
        Title::None | Title::Junior => {}
    }
    best
}

/// (source, label, legal reference, points, evidence) of one thing that gave points.
type PointItem = (String, String, String, u32, String);

/// C.3: stars for every practitioner, sorted by id.
pub fn stars(
    ctx: &Ctx<'_>,
    findings: &[Finding],
    refs: &FxHashMap<&'static str, String>,
) -> Vec<PractitionerStars> {
    let p = ctx.p;
    let t = ctx.ds.tables();
    let d = ctx.d;
    let n = t.practitioners.len();
    // Points sources per practitioner row: (source, label, ref, each, evidence id).
    let mut items: Vec<Vec<PointItem>> = vec![Vec::new(); n];
    for f in findings.iter().filter(|f| ctx.in_window(f.date)) {
        match f.subject_kind {
            FindingSubject::Practitioner => {
                if let Some(i) = ctx.ds.practitioner_index(&f.subject_id) {
                    let each = p.points(f.rule);
                    if each > 0 {
                        items[i].push((
                            format!("rule:{}", f.rule.code()),
                            f.rule.zh().to_owned(),
                            rule_ref(refs, f.rule.code()),
                            each,
                            describe(&f.date.to_string(), &f.evidence),
                        ));
                    }
                }
            }
            FindingSubject::Project if f.rule == RuleId::LeaderAbsent => {
                for person in &f.evidence {
                    if let Some(i) = ctx.ds.practitioner_index(person) {
                        let each = p.points(f.rule);
                        if each > 0 {
                            items[i].push((
                                format!("rule:{}", f.rule.code()),
                                f.rule.zh().to_owned(),
                                rule_ref(refs, f.rule.code()),
                                each,
                                f.subject_id.clone(),
                            ));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    for s in &t.sanctions {
        if !ctx.in_window(s.decided_on) {
            continue;
        }
        if let Subject::Practitioner(pid) = &s.subject {
            if let Some(i) = ctx.ds.practitioner_index(pid.as_str()) {
                let each = p.sanction_points[Params::measure_index(s.measure)];
                if each > 0 {
                    items[i].push((
                        format!("sanction:{}", s.measure.code()),
                        format!("受到处理处罚：{}", s.measure.zh()),
                        rule_ref(refs, "PRACTITIONER_STARS"),
                        each,
                        s.id.to_string(),
                    ));
                }
            }
        }
    }
    // Latest exam in W per practitioner: max by (taken_on, exam_id).
    let mut exams: Vec<Option<&zhongjie_core::Exam>> = vec![None; n];
    for x in &t.exams {
        if !ctx.in_window(x.taken_on) {
            continue;
        }
        if let Some(i) = ctx.ds.practitioner_index(x.practitioner.as_str()) {
            let better = match exams[i] {
                None => true,
                Some(b) => (x.taken_on, &x.exam) > (b.taken_on, &b.exam),
            };
            if better {
                exams[i] = Some(x);
            }
        }
    }
    let mut rows = Vec::with_capacity(n);
    for (i, x) in t.practitioners.iter().enumerate() {
        let (base, base_reason) = base_stars(p, x);
        let experience = x.practice_since.map_or(0, |s| {
            (whole_years(s, d) / p.experience_years_per_star).min(p.experience_max)
        });
        let (exam, exam_bonus) = match exams[i] {
            None => (ExamClass::Untested, 0),
            Some(e) => {
                let s = u32::from(e.score);
                if s >= p.exam_excellent_min {
                    (ExamClass::Excellent, p.exam_bonus[0])
                } else if s >= p.exam_good_min {
                    (ExamClass::Good, p.exam_bonus[1])
                } else if s >= p.exam_pass_min {
                    (ExamClass::Pass, p.exam_bonus[2])
                } else {
                    (ExamClass::Failed, 0)
                }
            }
        };
        // Group point items by source.
        let mut grouped: Vec<Deduction> = Vec::new();
        let mut list = std::mem::take(&mut items[i]);
        list.sort();
        for (source, label, legal_ref, each, ev) in list {
            match grouped.iter_mut().find(|g| g.source == source) {
                Some(g) => {
                    g.count += 1;
                    g.raw += each;
                    g.points += each;
                    g.evidence.push(ev);
                }
                None => grouped.push(Deduction {
                    source,
                    label,
                    count: 1,
                    raw: each,
                    points: each,
                    evidence: vec![ev],
                    legal_ref,
                }),
            }
        }
        let points: u32 = grouped
            .iter()
            .map(|g| g.points)
            .fold(0, u32::saturating_add);
        let mut caps = Vec::new();
        let mut stars = i64::from(base) + i64::from(experience) + i64::from(exam_bonus)
            - i64::from(points / p.points_per_star);
        if exam == ExamClass::Failed && stars > i64::from(p.cap_failed) {
            stars = i64::from(p.cap_failed);
            caps.push(format!("测验不合格，星级不超过 {}", p.cap_failed));
        }
        if exam == ExamClass::Untested && stars > i64::from(p.cap_untested) {
            stars = i64::from(p.cap_untested);
            caps.push(format!("未参加测验，星级不超过 {}", p.cap_untested));
        }
        if points >= p.red_points_one_star {
            stars = i64::from(p.stars_min);
            caps.push(format!(
                "记分达到 {} 分，降为 {} 星",
                p.red_points_one_star, p.stars_min
            ));
        }
        let clamped = stars.clamp(i64::from(p.stars_min), i64::from(p.stars_max));
        if clamped != stars {
            caps.push(format!(
                "星级限定在 {} 到 {} 之间",
                p.stars_min, p.stars_max
            ));
        }
        let card = if points >= p.card_red {
            Card::Red
        } else if points >= p.card_yellow {
            Card::Yellow
        } else {
            Card::Green
        };
        let expert_pool_removal =
            x.expert_pool && (exam == ExamClass::Failed || points >= p.expert_removal_points);
        rows.push(PractitionerStars {
            practitioner_id: x.id.clone(),
            stars: clamped as u32,
            points,
            exam,
            card,
            expert_pool_removal,
            base,
            base_reason,
            experience,
            exam_bonus,
            exam_id: exams[i].map(|e| e.exam.to_string()),
            point_items: grouped,
            caps,
        });
    }
    rows.sort_by(|a, b| a.practitioner_id.cmp(&b.practitioner_id));
    rows
}

/// C.4: roots that must be inspected, sorted by agency id.
pub fn must_inspect(ctx: &Ctx<'_>) -> Vec<MustInspect> {
    let p = ctx.p;
    let t = ctx.ds.tables();
    let d = ctx.d;
    let n = t.agencies.len();
    let mut reasons: Vec<Vec<(InspectReason, String)>> = vec![Vec::new(); n];
    for c in &t.complaints {
        if ctx.in_window(c.received_on) {
            if let Some(r) = ctx.ds.root_index_of(c.agency.as_str()) {
                reasons[r].push((InspectReason::Complaint, c.id.to_string()));
            }
        }
    }
    let mut events: FxHashMap<zhongjie_core::Uscc, Vec<&zhongjie_core::ClientEvent>> =
        FxHashMap::default();
    for e in &t.client_events {
        if ctx.in_window(e.occurred_on) {
            events.entry(e.client_uscc).or_default().push(e);
        }
    }
    if !events.is_empty() {
        for (i, pj) in t.projects.iter().enumerate() {
            if !ctx.project_kept[i] {
                continue;
            }
            let Some(evs) = events.get(&pj.client_uscc) else {
                continue;
            };
            let Some(s) = ctx.started(pj) else {
                continue;
            };
            let until = plus_days(ctx.ended(pj).unwrap_or(d), p.client_event_after_days);
            for e in evs {
                if s <= e.occurred_on && e.occurred_on <= until {
                    let reason = match e.kind {
                        ClientEventKind::MajorHazard => InspectReason::ClientMajorHazard,
                        ClientEventKind::Penalty => InspectReason::ClientPenalty,
                        ClientEventKind::Accident => InspectReason::ClientAccident,
                    };
                    reasons[ctx.project_root[i] as usize]
                        .push((reason, format!("{}@{}", e.id, pj.id)));
                }
            }
        }
    }
    let mut inspected = vec![false; n];
    for x in &t.inspections {
        if in_days_ending(x.inspected_on, d, p.inspection_cycle_days) {
            if let Some(r) = ctx.ds.root_index_of(x.agency.as_str()) {
                inspected[r] = true;
            }
        }
    }
    let mut rows = Vec::new();
    for r in ctx.ds.roots() {
        let a = &t.agencies[r];
        if a.status == AgencyStatus::Cancelled {
            continue;
        }
        let mut list = std::mem::take(&mut reasons[r]);
        if a.status == AgencyStatus::Active
            && a.kind == AgencyKind::SafetyEvaluation
            && !inspected[r]
        {
            list.push((
                InspectReason::InspectionDue,
                format!("{}天内无检查记录", p.inspection_cycle_days),
            ));
        }
        if list.is_empty() {
            continue;
        }
        list.sort();
        let mut reason_codes: Vec<InspectReason> = list.iter().map(|(k, _)| *k).collect();
        reason_codes.dedup();
        let evidence = list
            .into_iter()
            .map(|(k, e)| format!("{}:{}", k.code(), e))
            .collect();
        rows.push(MustInspect {
            agency_id: a.id.clone(),
            reasons: reason_codes,
            evidence,
        });
    }
    rows.sort_by(|a, b| a.agency_id.cmp(&b.agency_id));
    rows
}
