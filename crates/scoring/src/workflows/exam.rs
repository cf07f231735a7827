//! 能力测验 (seed 二(三)11): papers from the unified question bank, grading, coverage by the
//! deadline, and the consequences — an agency whose pass rate is below the pack's bar is
//! circulated with a warning (通报警示); a failed member leaves the expert pool.

use super::{params_text, Basis, ParamUse, RuleUse, WorkflowError};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::rust_decimal::{Decimal, RoundingStrategy};
use zhongjie_core::time::{minus_days, plus_days};
use zhongjie_core::workflows::{
    AnswerRow, Blueprint, Choices, InputError, Paper, PaperItem, QuestionBank, QuestionId,
    SplitMix64,
};
use zhongjie_core::{AgencyId, AgencyStatus, Dataset, ExamId, PractitionerId, RulePack};

/// Assembles a paper: for each section in order, `count` questions of its category and level
/// drawn with SplitMix64 from `seed` among the bank's candidates sorted by id. Sections have
/// distinct (category, level) pairs, so no question repeats. The same bank, blueprint and seed
/// give the same paper.
pub fn assemble(bank: &QuestionBank, bp: &Blueprint, seed: u64) -> Result<Paper, WorkflowError> {
    let mut rng = SplitMix64::new(seed);
    let mut items = Vec::new();
    let mut short = Vec::new();
    for s in &bp.sections {
        let candidates: Vec<&QuestionId> = bank
            .questions()
            .filter(|q| q.category == s.category && q.level == s.level)
            .map(|q| &q.id)
            .collect();
        if (candidates.len() as u64) < u64::from(s.count) {
            short.push(format!(
                "类别 `{}`、层级 `{}`（{}）需要 {} 题，题库只有 {} 题",
                s.category,
                s.level,
                s.level.zh(),
                s.count,
                candidates.len()
            ));
            continue;
        }
        for id in rng.choose(&candidates, s.count as usize) {
            items.push(PaperItem {
                position: items.len() as u32 + 1,
                question: id.clone(),
                category: s.category.clone(),
                level: s.level,
                points: s.points,
            });
        }
    }
    if !short.is_empty() {
        return Err(WorkflowError::invalid(
            "insufficient_questions",
            short.join("；"),
        ));
    }
    Ok(Paper {
        exam_id: bp.exam_id.clone(),
        items,
    })
}

/// A paper as Chinese text for printing (questions and options, no answers).
pub fn paper_text(bank: &QuestionBank, paper: &Paper, seed: u64) -> String {
    let mut s = format!(
        "能力测验试卷 {}（共 {} 题，满分 {} 分，组卷种子 {seed}）\n\n",
        paper.exam_id,
        paper.items.len(),
        paper.total_points()
    );
    for i in &paper.items {
        let Some(q) = bank.get(i.question.as_str()) else {
            continue;
        };
        let kind = if q.answer.len() > 1 {
            "多选"
        } else {
            "单选"
        };
        s.push_str(&format!(
            "{}. [{}·{}·{}·{} 分] {}\n",
            i.position,
            q.category,
            q.level.zh(),
            kind,
            i.points,
            q.text
        ));
        for (k, o) in q.options.iter().enumerate() {
            let letter = char::from_u32('A' as u32 + k as u32).unwrap_or('?');
            s.push_str(&format!("   {letter}. {o}\n"));
        }
    }
    s
}

/// One candidate's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CandidateResult {
    /// The candidate.
    pub practitioner_id: PractitionerId,
    /// Points earned.
    pub earned: u32,
    /// Score 0..=100 (earned × 100 ÷ total, rounded half up).
    pub score: u8,
    /// At or above the pass mark.
    pub passed: bool,
    /// Questions answered wrongly, in paper order.
    pub wrong: Vec<QuestionId>,
    /// Questions not answered, in paper order.
    pub unanswered: Vec<QuestionId>,
}

/// The grading of a paper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GradeReport {
    /// `pack@version`.
    pub pack: String,
    /// Exam id.
    pub exam_id: ExamId,
    /// Date taken.
    pub taken_on: NaiveDate,
    /// Total points of the paper.
    pub total_points: u32,
    /// Pass mark (score).
    pub pass_min: u32,
    /// One per candidate, sorted by id.
    pub results: Vec<CandidateResult>,
    /// Rule.
    pub rule: RuleUse,
    /// Parameters used.
    pub params: Vec<ParamUse>,
}

/// Grades the answers to `paper`. A question is right only when exactly the right letters are
/// chosen. An answer to a question not on the paper, or to a question missing from the bank,
/// is an error at its line.
pub fn grade(
    bank: &QuestionBank,
    paper: &Paper,
    answers: &[AnswerRow],
    taken_on: NaiveDate,
    pack: &RulePack,
) -> Result<GradeReport, WorkflowError> {
    let mut b = Basis::new(pack, taken_on);
    let pass_min = b.count("stars.exam.pass_min")?;
    let mut key: FxHashMap<&str, (Choices, u32)> = FxHashMap::default();
    let mut errors = Vec::new();
    for i in &paper.items {
        match bank.get(i.question.as_str()) {
            Some(q) => {
                key.insert(i.question.as_str(), (q.answer, i.points));
            }
            None => errors.push(InputError::line(
                0,
                "unknown_question",
                format!("试卷第 {} 题 `{}` 不在题库中", i.position, i.question),
            )),
        }
    }
    let mut by_person: BTreeMap<&PractitionerId, FxHashMap<&str, Choices>> = BTreeMap::new();
    for a in answers {
        if !key.contains_key(a.question.as_str()) {
            errors.push(InputError::cell(
                a.line,
                "question_id",
                "not_on_paper",
                format!("题目 `{}` 不在试卷 {} 中", a.question, paper.exam_id),
            ));
            continue;
        }
        by_person
            .entry(&a.practitioner)
            .or_default()
            .insert(a.question.as_str(), a.answer);
    }
    if !errors.is_empty() {
        return Err(WorkflowError::Input(errors));
    }
    let total = paper.total_points();
    let mut results = Vec::new();
    for (p, given) in by_person {
        let mut earned = 0;
        let mut wrong = Vec::new();
        let mut unanswered = Vec::new();
        for i in &paper.items {
            let Some(&(right, points)) = key.get(i.question.as_str()) else {
                continue;
            };
            match given.get(i.question.as_str()) {
                None => unanswered.push(i.question.clone()),
                Some(c) if c.is_empty() => unanswered.push(i.question.clone()),
                Some(c) if *c == right => earned += points,
                Some(_) => wrong.push(i.question.clone()),
            }
        }
        let score = if total == 0 {
            0
        } else {
            ((u64::from(earned) * 200 + u64::from(total)) / (2 * u64::from(total))) as u8
        };
        results.push(CandidateResult {
            practitioner_id: p.clone(),
            earned,
            score,
            passed: u32::from(score) >= pass_min,
            wrong,
            unanswered,
        });
    }
    Ok(GradeReport {
        pack: pack.stamp(),
        exam_id: paper.exam_id.clone(),
        taken_on,
        total_points: total,
        pass_min,
        results,
        rule: b.rule("EXAM_PASS")?,
        params: b.take(),
    })
}

impl GradeReport {
    /// The results as rows of `exams.csv` (exchange v1), header first.
    pub fn exams_csv(&self) -> String {
        let mut s = String::from("practitioner_id,exam_id,taken_on,score\n");
        for r in &self.results {
            s.push_str(&format!(
                "{},{},{},{}\n",
                r.practitioner_id, self.exam_id, self.taken_on, r.score
            ));
        }
        s
    }

    /// Chinese text.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "阅卷结果：{}（{}，满分 {} 分，合格线 {} 分，规则包 {}）\n",
            self.exam_id, self.taken_on, self.total_points, self.pass_min, self.pack
        );
        for r in &self.results {
            s.push_str(&format!(
                "  {} 得分 {}（{}/{}）{}",
                r.practitioner_id,
                r.score,
                r.earned,
                self.total_points,
                if r.passed { "合格" } else { "不合格" }
            ));
            if !r.wrong.is_empty() {
                let w: Vec<&str> = r.wrong.iter().map(|q| q.as_str()).collect();
                s.push_str(&format!("；答错 {}", w.join("、")));
            }
            if !r.unanswered.is_empty() {
                let w: Vec<&str> = r.unanswered.iter().map(|q| q.as_str()).collect();
                s.push_str(&format!("；未答 {}", w.join("、")));
            }
            s.push('\n');
        }
        let passed = self.results.iter().filter(|r| r.passed).count();
        s.push_str(&format!("共 {} 人，合格 {passed} 人\n", self.results.len()));
        s.push_str(&format!(
            "依据：{} {}（{}）\n",
            self.rule.id, self.rule.name, self.rule.legal_ref
        ));
        params_text(&mut s, "", &self.params);
        s
    }
}

/// One agency's exam coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AgencyCoverage {
    /// Root agency.
    pub agency_id: AgencyId,
    /// Name.
    pub name: String,
    /// Professionals of the tree.
    pub professionals: u32,
    /// Tested in the period.
    pub tested: u32,
    /// Passed (latest exam in the period at or above the pass mark).
    pub passed: u32,
    /// Pass rate in percent over all professionals (untested count as not passed), one decimal.
    pub pass_rate_percent: Option<Decimal>,
    /// 通报警示: pass rate below the bar.
    pub warning: bool,
    /// Untested professionals, sorted.
    pub untested: Vec<PractitionerId>,
    /// Failed professionals, sorted.
    pub failed: Vec<PractitionerId>,
}

/// A member of the expert pool who failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PoolRemoval {
    /// The person.
    pub practitioner_id: PractitionerId,
    /// Name.
    pub name: String,
    /// The exam that counted.
    pub exam_id: ExamId,
    /// Its score.
    pub score: u8,
}

/// Coverage of the exams of a period and their consequences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExamCoverage {
    /// `pack@version`.
    pub pack: String,
    /// Period start (inclusive).
    pub from: NaiveDate,
    /// Deadline (inclusive).
    pub deadline: NaiveDate,
    /// Pass mark.
    pub pass_min: u32,
    /// Pass-rate bar (percent).
    pub bar_percent: u32,
    /// One per root that is not cancelled and has professionals, sorted by id.
    pub agencies: Vec<AgencyCoverage>,
    /// Expert-pool members who failed, sorted by id.
    pub pool_removals: Vec<PoolRemoval>,
    /// Rules applied.
    pub rules: Vec<RuleUse>,
    /// Parameters used.
    pub params: Vec<ParamUse>,
}

/// Who is untested by `deadline` among the professionals of every agency that is not cancelled,
/// counting exams taken in `[from, deadline]` (the latest counts; ties: the largest exam id).
/// Without `from`, the period is the pack's window ending on the deadline (`window.days`).
pub fn coverage(
    ds: &Dataset,
    from: Option<NaiveDate>,
    deadline: NaiveDate,
    pack: &RulePack,
) -> Result<ExamCoverage, WorkflowError> {
    let mut b = Basis::new(pack, deadline);
    let from = match from {
        Some(f) => f,
        None => plus_days(minus_days(deadline, b.count("window.days")?), 1),
    };
    if from > deadline {
        return Err(WorkflowError::invalid(
            "bad_period",
            format!("起始日 {from} 晚于截止日 {deadline}"),
        ));
    }
    let view = ds.as_of(deadline);
    let t = view.tables();
    let pass_min = b.count("stars.exam.pass_min")?;
    let bar = b.count("exam.agency_pass_rate_min_percent")?;
    let mut latest: FxHashMap<&str, (NaiveDate, &ExamId, u8)> = FxHashMap::default();
    for x in &t.exams {
        if x.taken_on < from {
            continue;
        }
        let e = latest
            .entry(x.practitioner.as_str())
            .or_insert((x.taken_on, &x.exam, x.score));
        if (x.taken_on, &x.exam) > (e.0, e.1) {
            *e = (x.taken_on, &x.exam, x.score);
        }
    }
    let mut per_root: BTreeMap<usize, AgencyCoverage> = BTreeMap::new();
    let mut pool_removals = Vec::new();
    for p in &t.practitioners {
        if !p.is_professional() {
            continue;
        }
        let Some(root) = view.root_index_of(p.agency.as_str()) else {
            continue;
        };
        let Some(a) = t.agencies.get(root) else {
            continue;
        };
        if a.status == AgencyStatus::Cancelled {
            continue;
        }
        let c = per_root.entry(root).or_insert_with(|| AgencyCoverage {
            agency_id: a.id.clone(),
            name: a.name.clone(),
            professionals: 0,
            tested: 0,
            passed: 0,
            pass_rate_percent: None,
            warning: false,
            untested: Vec::new(),
            failed: Vec::new(),
        });
        c.professionals += 1;
        match latest.get(p.id.as_str()) {
            None => c.untested.push(p.id.clone()),
            Some(&(_, exam, score)) => {
                c.tested += 1;
                if u32::from(score) >= pass_min {
                    c.passed += 1;
                } else {
                    c.failed.push(p.id.clone());
                    if p.expert_pool {
                        pool_removals.push(PoolRemoval {
                            practitioner_id: p.id.clone(),
                            name: p.name.clone(),
                            exam_id: exam.clone(),
                            score,
                        });
                    }
                }
            }
        }
    }
    let mut agencies: Vec<AgencyCoverage> = per_root.into_values().collect();
    for c in &mut agencies {
        c.untested.sort();
        c.failed.sort();
        if c.professionals > 0 {
            let rate =
                Decimal::from(c.passed) * Decimal::ONE_HUNDRED / Decimal::from(c.professionals);
            c.pass_rate_percent =
                Some(rate.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero));
            c.warning = 100 * c.passed < bar * c.professionals;
        }
    }
    agencies.sort_by(|a, b| a.agency_id.cmp(&b.agency_id));
    pool_removals.sort_by(|a, b| a.practitioner_id.cmp(&b.practitioner_id));
    Ok(ExamCoverage {
        pack: pack.stamp(),
        from,
        deadline,
        pass_min,
        bar_percent: bar,
        agencies,
        pool_removals,
        rules: vec![
            b.rule("EXAM_COVERAGE")?,
            b.rule("EXAM_PASS")?,
            b.rule("EXAM_AGENCY_WARNING")?,
            b.rule("EXPERT_POOL_REMOVAL")?,
        ],
        params: b.take(),
    })
}

impl ExamCoverage {
    /// Everyone untested, over all agencies.
    pub fn untested_total(&self) -> usize {
        self.agencies.iter().map(|a| a.untested.len()).sum()
    }

    /// Chinese text.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "专业技术人员能力测验覆盖情况（{} 至 {}，合格线 {} 分，机构合格率下限 {}%，规则包 {}）\n",
            self.from, self.deadline, self.pass_min, self.bar_percent, self.pack
        );
        for a in &self.agencies {
            s.push_str(&format!(
                "  {} {}：专业技术人员 {} 人，已测 {} 人，合格 {} 人，合格率 {}",
                a.agency_id,
                a.name,
                a.professionals,
                a.tested,
                a.passed,
                a.pass_rate_percent
                    .map_or_else(|| "—".to_owned(), |r| format!("{r}%"))
            ));
            if a.warning {
                s.push_str(" → 通报警示并向社会公布");
            }
            s.push('\n');
            if !a.untested.is_empty() {
                let v: Vec<&str> = a.untested.iter().map(|x| x.as_str()).collect();
                s.push_str(&format!("    未测验：{}\n", v.join("、")));
            }
            if !a.failed.is_empty() {
                let v: Vec<&str> = a.failed.iter().map(|x| x.as_str()).collect();
                s.push_str(&format!("    不合格：{}\n", v.join("、")));
            }
        }
        s.push_str(&format!(
            "未测验合计 {} 人；{}\n",
            self.untested_total(),
            if self.untested_total() == 0 {
                "已实现测试全覆盖"
            } else {
                "尚未实现测试全覆盖"
            }
        ));
        if self.pool_removals.is_empty() {
            s.push_str("专家库：无需取消资格的成员\n");
        } else {
            s.push_str("取消应急管理专家库成员资格：\n");
            for r in &self.pool_removals {
                s.push_str(&format!(
                    "  {} {}（{} 得分 {}）\n",
                    r.practitioner_id, r.name, r.exam_id, r.score
                ));
            }
        }
        for r in &self.rules {
            s.push_str(&format!("依据：{} {}（{}）\n", r.id, r.name, r.legal_ref));
        }
        params_text(&mut s, "", &self.params);
        s
    }
}
