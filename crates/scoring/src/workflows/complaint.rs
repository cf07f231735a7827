//! 举报投诉与举报奖励 (seed 二(四)12): deadlines of each state of a complaint, the state of every
//! complaint of a dataset, and the reward under the 安全生产领域举报奖励办法.
//!
//! The reporter's identity and contact never appear in a result: results only say whether a
//! confidential contact is on file (`[保密]`).

use super::{params_text, yuan, Basis, ParamUse, RuleUse, WorkflowError};
use serde::Serialize;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::rust_decimal::{Decimal, RoundingStrategy};
use zhongjie_core::time::plus_days;
use zhongjie_core::workflows::{ComplaintCase, ComplaintState};
use zhongjie_core::{
    AgencyId, ComplaintCategory, ComplaintId, ComplaintStatus, Dataset, PractitionerId, RulePack,
    Severity,
};

/// What the report was about, for the reward.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RewardBasis {
    /// 重大事故隐患 or 违法行为, rewarded from the administrative fine.
    Violation {
        /// The fine imposed (元).
        fine_yuan: Decimal,
    },
    /// 瞒报、谎报事故, rewarded per verified concealed death.
    ConcealedAccident {
        /// Accident class.
        severity: Severity,
        /// Verified concealed deaths.
        concealed_deaths: u32,
    },
}

/// A reward claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RewardClaim {
    /// What was reported.
    pub basis: RewardBasis,
    /// 内部吹哨人: the reporter works for the unit reported.
    pub insider: bool,
    /// The first valid report of the matter (only that one is rewarded).
    pub first_valid: bool,
}

/// A reward decision with its explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RewardDecision {
    /// `pack@version`.
    pub pack: String,
    /// Decision date (the pack's values on that date apply).
    pub as_of: NaiveDate,
    /// The claim.
    pub claim: RewardClaim,
    /// The reward (元), never above the cap.
    pub amount: Decimal,
    /// The cap that applied (元).
    pub cap: Decimal,
    /// How the amount came out, step by step (Chinese).
    pub steps: Vec<String>,
    /// Rules applied.
    pub rules: Vec<RuleUse>,
    /// Parameters used.
    pub params: Vec<ParamUse>,
}

/// Computes the reward of a claim under the pack on `as_of`.
///
/// Violation: 15 % of the fine, at least 3,000 and at most 300,000. Concealed accident: per
/// verified concealed death by accident class, at most 300,000 (no floor; no death, no reward).
/// An insider report is raised by the pack's bonus (an unconfirmed figure), the cap applying
/// last. A report that is not the first valid one gets nothing.
pub fn reward(
    claim: &RewardClaim,
    as_of: NaiveDate,
    pack: &RulePack,
) -> Result<RewardDecision, WorkflowError> {
    let mut b = Basis::new(pack, as_of);
    let dp = b.count("reward.amount_decimals")?;
    let round = |x: Decimal| x.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    let mut steps = Vec::new();
    let mut rules = Vec::new();
    let (mut amount, cap) = match claim.basis {
        RewardBasis::Violation { fine_yuan } => {
            if fine_yuan < Decimal::ZERO {
                return Err(WorkflowError::invalid(
                    "negative_amount",
                    "罚款金额不能为负数",
                ));
            }
            rules.push(b.rule("REWARD_HAZARD")?);
            let pct = b.decimal("reward.hazard.percent")?;
            let min = b.decimal("reward.hazard.min_yuan")?;
            let max = b.decimal("reward.hazard.max_yuan")?;
            let raw = round(fine_yuan * pct / Decimal::ONE_HUNDRED);
            steps.push(format!(
                "罚款 {} × {}% = {}",
                yuan(fine_yuan),
                pct,
                yuan(raw)
            ));
            let amount = if raw < min {
                steps.push(format!("低于最低奖励 {}，按 {} 计", yuan(min), yuan(min)));
                min
            } else if raw > max {
                steps.push(format!("超过最高奖励 {}，按 {} 计", yuan(max), yuan(max)));
                max
            } else {
                raw
            };
            (amount, max)
        }
        RewardBasis::ConcealedAccident {
            severity,
            concealed_deaths,
        } => {
            rules.push(b.rule("REWARD_CONCEALED")?);
            let per = b.decimal(&format!("reward.concealed.per_death.{}", severity.code()))?;
            let max = b.decimal("reward.concealed.max_yuan")?;
            let raw = per * Decimal::from(concealed_deaths);
            steps.push(format!(
                "{}：查实瞒报谎报死亡 {concealed_deaths} 人 × {} = {}",
                severity.zh(),
                yuan(per),
                yuan(raw)
            ));
            if concealed_deaths == 0 {
                steps.push("未查实瞒报谎报的死亡人员，本项不予奖励".into());
            }
            let amount = if raw > max {
                steps.push(format!("超过最高奖励 {}，按 {} 计", yuan(max), yuan(max)));
                max
            } else {
                raw
            };
            (amount, max)
        }
    };
    if claim.insider && amount > Decimal::ZERO {
        rules.push(b.rule("REWARD_INSIDER")?);
        let bonus = b.decimal("reward.insider_bonus_percent")?;
        let raised = round(amount * (Decimal::ONE_HUNDRED + bonus) / Decimal::ONE_HUNDRED);
        steps.push(format!(
            "本单位职工举报上浮 {bonus}%：{} → {}",
            yuan(amount),
            yuan(raised)
        ));
        amount = if raised > cap {
            steps.push(format!("上浮后超过最高奖励，按 {} 计", yuan(cap)));
            cap
        } else {
            raised
        };
    }
    if !claim.first_valid {
        rules.push(b.rule("REWARD_FIRST_ONLY")?);
        steps.push("非最先受理的有效举报，不予奖励（同一事项只奖励最先受理的有效举报）".into());
        amount = Decimal::ZERO;
    }
    steps.push(format!("奖励金额：{}", yuan(amount)));
    Ok(RewardDecision {
        pack: pack.stamp(),
        as_of,
        claim: *claim,
        amount,
        cap,
        steps,
        rules,
        params: b.take(),
    })
}

impl RewardDecision {
    /// Chinese text.
    pub fn to_text(&self) -> String {
        let mut s = String::from("举报奖励计算\n");
        s.push_str(&format!(
            "计算日期：{}    规则包：{}\n",
            self.as_of, self.pack
        ));
        for st in &self.steps {
            s.push_str(&format!("  {st}\n"));
        }
        for r in &self.rules {
            s.push_str(&format!("依据：{} {}（{}）\n", r.id, r.name, r.legal_ref));
        }
        params_text(&mut s, "", &self.params);
        s
    }
}

/// One step of a tracked complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TrackedStep {
    /// The state entered.
    pub state: ComplaintState,
    /// When.
    pub on: NaiveDate,
    /// Deadline to leave the state (none for the final state).
    pub deadline: Option<NaiveDate>,
    /// When the state was left (none while current).
    pub left_on: Option<NaiveDate>,
    /// Left after the deadline, or still in it after the deadline on the as-of date.
    pub overdue: bool,
}

/// A complaint case replayed as of a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintTrack {
    /// `pack@version`.
    pub pack: String,
    /// As-of date.
    pub as_of: NaiveDate,
    /// Complaint id.
    pub complaint_id: ComplaintId,
    /// Agency complained about.
    pub agency: Option<AgencyId>,
    /// Category.
    pub category: ComplaintCategory,
    /// Insider (内部吹哨人).
    pub insider: bool,
    /// Whether a confidential reporter contact is on file (the contact itself never leaves).
    pub reporter_on_file: bool,
    /// Steps that happened by the as-of date.
    pub steps: Vec<TrackedStep>,
    /// Current state.
    pub state: ComplaintState,
    /// States it may move to next.
    pub next: Vec<ComplaintState>,
    /// Days past the current state's deadline (0 when on time).
    pub overdue_days: i64,
    /// The rule of the deadlines.
    pub rule: RuleUse,
    /// Parameters used.
    pub params: Vec<ParamUse>,
}

fn deadline_key(s: ComplaintState) -> String {
    format!("complaint.deadline_days.{}", s.code())
}

/// Replays a case as of `as_of`: every step's deadline and whether it was met.
pub fn track(
    case: &ComplaintCase,
    as_of: NaiveDate,
    pack: &RulePack,
) -> Result<ComplaintTrack, WorkflowError> {
    let mut b = Basis::new(pack, as_of);
    let happened = case.steps_by(as_of);
    let Some(last) = happened.last() else {
        return Err(WorkflowError::invalid(
            "not_yet_received",
            format!("举报 `{}` 在 {as_of} 尚未收到", case.id),
        ));
    };
    let mut steps = Vec::new();
    for (i, s) in happened.iter().enumerate() {
        let deadline = if s.state.is_final() {
            None
        } else {
            Some(plus_days(s.on, b.count(&deadline_key(s.state))?))
        };
        let left_on = happened.get(i + 1).map(|n| n.on);
        let overdue = deadline.is_some_and(|d| left_on.unwrap_or(as_of) > d);
        steps.push(TrackedStep {
            state: s.state,
            on: s.on,
            deadline,
            left_on,
            overdue,
        });
    }
    let overdue_days = steps
        .last()
        .and_then(|s| s.deadline)
        .map_or(0, |d| (as_of - d).num_days().max(0));
    Ok(ComplaintTrack {
        pack: pack.stamp(),
        as_of,
        complaint_id: case.id.clone(),
        agency: case.agency.clone(),
        category: case.category,
        insider: case.insider,
        reporter_on_file: case.reporter_contact.is_some(),
        steps,
        state: last.state,
        next: last.state.next().to_vec(),
        overdue_days,
        rule: b.rule("COMPLAINT_DEADLINE")?,
        params: b.take(),
    })
}

impl ComplaintTrack {
    /// Chinese text.
    pub fn to_text(&self) -> String {
        let mut s = format!("举报投诉办理进度：{}\n", self.complaint_id);
        if let Some(a) = &self.agency {
            s.push_str(&format!("被举报机构：{a}\n"));
        }
        s.push_str(&format!("类别：{}\n", self.category.zh()));
        s.push_str(&format!(
            "举报人：{}{}\n",
            if self.reporter_on_file {
                "[保密]"
            } else {
                "匿名"
            },
            if self.insider {
                "（内部吹哨人）"
            } else {
                ""
            }
        ));
        s.push_str(&format!(
            "基准日：{}    规则包：{}\n",
            self.as_of, self.pack
        ));
        for st in &self.steps {
            s.push_str(&format!("  {} {}", st.on, st.state.zh()));
            if let Some(d) = st.deadline {
                s.push_str(&format!("，期限 {d}"));
                match (st.left_on, st.overdue) {
                    (Some(l), true) => s.push_str(&format!("，{l} 转入下一环节（超期）")),
                    (Some(_), false) => s.push_str("，按期"),
                    (None, true) => s.push_str("，已超期"),
                    (None, false) => s.push_str("，办理中"),
                }
            }
            s.push('\n');
        }
        s.push_str(&format!("当前状态：{}", self.state.zh()));
        if self.overdue_days > 0 {
            s.push_str(&format!("（超期 {} 日）", self.overdue_days));
        }
        s.push('\n');
        if !self.next.is_empty() {
            let n: Vec<String> = self
                .next
                .iter()
                .map(|x| format!("{}（{}）", x.zh(), x.code()))
                .collect();
            s.push_str(&format!("下一步可为：{}\n", n.join("、")));
        }
        s.push_str(&format!(
            "依据：{} {}（{}）\n",
            self.rule.id, self.rule.name, self.rule.legal_ref
        ));
        params_text(&mut s, "", &self.params);
        s
    }
}

/// One complaint of a dataset as it stands on the as-of date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintRow {
    /// Complaint id.
    pub complaint_id: ComplaintId,
    /// Agency complained about.
    pub agency: AgencyId,
    /// Person complained about.
    pub practitioner: Option<PractitionerId>,
    /// Category.
    pub category: ComplaintCategory,
    /// State in the workflow's terms.
    pub state: ComplaintState,
    /// Received on.
    pub received_on: NaiveDate,
    /// Closed on (if closed by the as-of date).
    pub closed_on: Option<NaiveDate>,
    /// Deadline to close.
    pub deadline: NaiveDate,
    /// Days past the deadline (closed late, or still open after it).
    pub overdue_days: i64,
    /// Whether a confidential reporter contact is on file.
    pub reporter_on_file: bool,
}

/// The complaints of a dataset with their deadlines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComplaintOverview {
    /// `pack@version`.
    pub pack: String,
    /// As-of date.
    pub as_of: NaiveDate,
    /// Sorted by received date, then id.
    pub rows: Vec<ComplaintRow>,
    /// The rule of the deadlines.
    pub rule: RuleUse,
    /// Parameters used.
    pub params: Vec<ParamUse>,
}

/// The complaints of `ds` as of `as_of`. The dataset records only receipt, outcome and closing,
/// so the deadline to close is receipt + the days of `received`, `accepted` and the outcome
/// state (`pending` counts as under investigation, its outcome's days not yet added).
pub fn overview(
    ds: &Dataset,
    as_of: NaiveDate,
    pack: &RulePack,
) -> Result<ComplaintOverview, WorkflowError> {
    let view = ds.as_of(as_of);
    let mut b = Basis::new(pack, as_of);
    let recv = b.count(&deadline_key(ComplaintState::Received))?;
    let inv = b.count(&deadline_key(ComplaintState::Accepted))?;
    let sub = b.count(&deadline_key(ComplaintState::Substantiated))?;
    let unsub = b.count(&deadline_key(ComplaintState::Unsubstantiated))?;
    let mut rows: Vec<ComplaintRow> = view
        .tables()
        .complaints
        .iter()
        .map(|c| {
            let outcome_days = match c.status {
                ComplaintStatus::Pending => 0,
                ComplaintStatus::Substantiated => sub,
                ComplaintStatus::Unsubstantiated => unsub,
            };
            let deadline = plus_days(c.received_on, recv + inv + outcome_days);
            let state = match (c.closed_on, c.status) {
                (Some(_), _) => ComplaintState::Closed,
                (None, ComplaintStatus::Pending) => ComplaintState::Accepted,
                (None, ComplaintStatus::Substantiated) => ComplaintState::Substantiated,
                (None, ComplaintStatus::Unsubstantiated) => ComplaintState::Unsubstantiated,
            };
            let until = c.closed_on.unwrap_or(as_of);
            ComplaintRow {
                complaint_id: c.id.clone(),
                agency: c.agency.clone(),
                practitioner: c.practitioner.clone(),
                category: c.category,
                state,
                received_on: c.received_on,
                closed_on: c.closed_on,
                deadline,
                overdue_days: (until - deadline).num_days().max(0),
                reporter_on_file: c.reporter_contact.is_some(),
            }
        })
        .collect();
    rows.sort_by(|a, b| (a.received_on, &a.complaint_id).cmp(&(b.received_on, &b.complaint_id)));
    Ok(ComplaintOverview {
        pack: pack.stamp(),
        as_of,
        rows,
        rule: b.rule("COMPLAINT_DEADLINE")?,
        params: b.take(),
    })
}

impl ComplaintOverview {
    /// Chinese text: one line per complaint, then a count of the overdue ones.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "举报投诉办理情况（基准日 {}，规则包 {}）\n",
            self.as_of, self.pack
        );
        for r in &self.rows {
            s.push_str(&format!(
                "  {} 收到 {} 机构 {}{} {} 状态：{} 期限 {}",
                r.complaint_id,
                r.received_on,
                r.agency,
                r.practitioner
                    .as_ref()
                    .map_or_else(String::new, |p| format!(" 人员 {p}")),
                r.category.zh(),
                r.state.zh(),
                r.deadline
            ));
            if let Some(c) = r.closed_on {
                s.push_str(&format!(" 办结 {c}"));
            }
            if r.overdue_days > 0 {
                s.push_str(&format!(" 超期 {} 日", r.overdue_days));
            }
            s.push_str(if r.reporter_on_file {
                " 举报人 [保密]\n"
            } else {
                " 匿名\n"
            });
        }
        let late = self.rows.iter().filter(|r| r.overdue_days > 0).count();
        s.push_str(&format!("共 {} 件，超期 {late} 件\n", self.rows.len()));
        s.push_str(&format!(
            "依据：{} {}（{}）\n",
            self.rule.id, self.rule.name, self.rule.legal_ref
        ));
        params_text(&mut s, "", &self.params);
        s
    }
}
