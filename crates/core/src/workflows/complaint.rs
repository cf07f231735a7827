//! 举报投诉办理 — the states of a complaint from receipt to closing (seed 二(四)12), the allowed
//! transitions, and a complaint case file (TOML) replayed through them:
//!
//! ```toml
//! complaint_id = "C-2024-001"
//! agency_id = "A001"
//! category = "false_report"
//! insider = true                       # 内部吹哨人（本单位职工）
//! reporter_contact = "138…"            # confidential: never shown in any output
//!
//! [[step]]
//! state = "received"
//! on = "2024-07-01"
//! [[step]]
//! state = "accepted"
//! on = "2024-07-03"
//! ```

use super::input::{parse_toml, Column, DateText, InputError};
use crate::code_enum;
use crate::codes::ComplaintCategory;
use crate::ids::{AgencyId, ComplaintId};
use crate::model::Confidential;
use chrono::NaiveDate;

code_enum! {
    /// 举报投诉办理状态.
    ComplaintState {
        Received = "received" / "收到举报",
        Accepted = "accepted" / "已受理，调查核实中",
        Rejected = "rejected" / "不予受理",
        Substantiated = "substantiated" / "查证属实",
        Unsubstantiated = "unsubstantiated" / "查无实据",
        RewardDecided = "reward_decided" / "已作出奖励决定",
        RewardPaid = "reward_paid" / "奖励已兑付",
        Closed = "closed" / "办结",
    }
}

impl ComplaintState {
    /// The states this one may move to.
    pub const fn next(self) -> &'static [ComplaintState] {
        use ComplaintState::*;
        match self {
            Received => &[Accepted, Rejected],
            Accepted => &[Substantiated, Unsubstantiated],
            Substantiated => &[RewardDecided, Closed],
            RewardDecided => &[RewardPaid],
            RewardPaid | Rejected | Unsubstantiated => &[Closed],
            Closed => &[],
        }
    }

    /// Whether `self → to` is allowed.
    pub fn may_go_to(self, to: ComplaintState) -> bool {
        self.next().contains(&to)
    }

    /// The end state.
    pub const fn is_final(self) -> bool {
        matches!(self, ComplaintState::Closed)
    }
}

/// One step of a case: the state entered and the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    /// The state entered.
    pub state: ComplaintState,
    /// The date it was entered.
    pub on: NaiveDate,
}

/// Why a history is not a valid path through the states.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// The history is empty or does not start with `received`.
    #[error("办理记录应以“收到举报”（received）开始，实为 {0}")]
    BadStart(String),
    /// A transition the state machine does not allow.
    #[error("不允许从“{}”（{from}）转为“{}”（{to}），允许的下一状态：{}", .from.zh(), .to.zh(), allowed(*.from))]
    NotAllowed {
        /// From.
        from: ComplaintState,
        /// To.
        to: ComplaintState,
    },
    /// A step dated before the previous one.
    #[error("“{}”的日期 {on} 早于上一步的日期 {previous}", .state.zh())]
    DateBackwards {
        /// The state of the step.
        state: ComplaintState,
        /// Its date.
        on: NaiveDate,
        /// The previous step's date.
        previous: NaiveDate,
    },
}

fn allowed(s: ComplaintState) -> String {
    let v: Vec<&str> = s.next().iter().map(|x| x.code()).collect();
    if v.is_empty() {
        "无（已办结）".into()
    } else {
        v.join(" | ")
    }
}

impl TransitionError {
    /// Stable English code.
    pub fn code(&self) -> &'static str {
        match self {
            TransitionError::BadStart(_) => "complaint_bad_start",
            TransitionError::NotAllowed { .. } => "complaint_transition_not_allowed",
            TransitionError::DateBackwards { .. } => "complaint_date_backwards",
        }
    }
}

/// Checks a history: starts with `received`, every transition allowed, dates never go back.
pub fn check_history(steps: &[Step]) -> Result<(), (usize, TransitionError)> {
    match steps.first() {
        Some(s) if s.state == ComplaintState::Received => {}
        Some(s) => return Err((0, TransitionError::BadStart(s.state.code().to_owned()))),
        None => return Err((0, TransitionError::BadStart("空记录".into()))),
    }
    for (i, w) in steps.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        if !a.state.may_go_to(b.state) {
            return Err((
                i + 1,
                TransitionError::NotAllowed {
                    from: a.state,
                    to: b.state,
                },
            ));
        }
        if b.on < a.on {
            return Err((
                i + 1,
                TransitionError::DateBackwards {
                    state: b.state,
                    on: b.on,
                    previous: a.on,
                },
            ));
        }
    }
    Ok(())
}

/// A complaint case with its checked history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintCase {
    /// `complaint_id`.
    pub id: ComplaintId,
    /// The agency complained about.
    pub agency: Option<AgencyId>,
    /// 类别.
    pub category: ComplaintCategory,
    /// 内部吹哨人: the reporter works for the agency reported.
    pub insider: bool,
    /// 举报人联系方式 (confidential; never printed).
    pub reporter_contact: Option<Confidential>,
    /// Steps in order, starting with `received`.
    pub steps: Vec<Step>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    complaint_id: ComplaintId,
    agency_id: Option<AgencyId>,
    category: ComplaintCategory,
    #[serde(default)]
    insider: bool,
    reporter_contact: Option<String>,
    #[serde(default)]
    step: Vec<RawStep>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    state: ComplaintState,
    on: DateText,
}

impl ComplaintCase {
    /// Parses a case file and checks its history against the state machine.
    pub fn parse(text: &str) -> Result<ComplaintCase, Vec<InputError>> {
        let raw: Raw = parse_toml(text).map_err(|e| vec![e])?;
        let steps: Vec<Step> = raw
            .step
            .iter()
            .map(|s| Step {
                state: s.state,
                on: s.on.0,
            })
            .collect();
        if let Err((i, e)) = check_history(&steps) {
            let line = nth_step_line(text, i);
            return Err(vec![InputError {
                line,
                column: if line == 0 {
                    Column::None
                } else {
                    Column::Char(1)
                },
                code: e.code(),
                message: e.to_string(),
            }]);
        }
        Ok(ComplaintCase {
            id: raw.complaint_id,
            agency: raw.agency_id,
            category: raw.category,
            insider: raw.insider,
            reporter_contact: raw
                .reporter_contact
                .filter(|s| !s.is_empty())
                .map(Confidential::new),
            steps,
        })
    }

    /// The steps that have happened by `d` (a step dated after `d` has not happened yet).
    pub fn steps_by(&self, d: NaiveDate) -> &[Step] {
        let n = self.steps.iter().take_while(|s| s.on <= d).count();
        &self.steps[..n]
    }
}

/// The line of the `i`-th `[[step]]` table (0 when not found).
fn nth_step_line(text: &str, i: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim() == "[[step]]")
        .nth(i)
        .map_or(0, |(n, _)| n + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComplaintState::*;

    #[test]
    fn every_state_reaches_closed_and_closed_is_the_only_end() {
        for &s in ComplaintState::ALL {
            // Walk the first allowed transition until the end: always reaches `closed`.
            let mut cur = s;
            for _ in 0..ComplaintState::ALL.len() {
                match cur.next().first() {
                    Some(&n) => cur = n,
                    None => break,
                }
            }
            assert_eq!(cur, Closed, "from {s}");
            assert_eq!(s.is_final(), s.next().is_empty());
        }
        assert!(Received.may_go_to(Accepted));
        assert!(!Received.may_go_to(Substantiated));
        assert!(!Unsubstantiated.may_go_to(RewardDecided));
        assert!(!Closed.may_go_to(Received));
    }

    const CASE: &str = r#"complaint_id = "C1"
agency_id = "A001"
category = "false_report"
insider = true
reporter_contact = "13800001111"

[[step]]
state = "received"
on = "2024-07-01"

[[step]]
state = "accepted"
on = "2024-07-03"
"#;

    #[test]
    fn parses_a_case_and_keeps_the_contact_confidential() {
        let c = ComplaintCase::parse(CASE).unwrap();
        assert_eq!(c.steps.len(), 2);
        assert!(c.insider);
        let shown = format!("{c:?}");
        assert!(!shown.contains("13800001111"), "{shown}");
        let d = NaiveDate::from_ymd_opt(2024, 7, 2).unwrap();
        assert_eq!(c.steps_by(d).len(), 1);
    }

    #[test]
    fn refuses_a_transition_the_machine_does_not_allow_at_its_line() {
        let bad = format!("{CASE}\n[[step]]\nstate = \"reward_paid\"\non = \"2024-08-01\"\n");
        let e = ComplaintCase::parse(&bad).unwrap_err();
        assert_eq!(e[0].code, "complaint_transition_not_allowed");
        assert_eq!(e[0].line, 15);
        assert!(e[0].message.contains("substantiated | unsubstantiated"));
        let back = CASE.replace("2024-07-03", "2024-06-30");
        let e = ComplaintCase::parse(&back).unwrap_err();
        assert_eq!(e[0].code, "complaint_date_backwards");
        let start = CASE.replace("\"received\"", "\"accepted\"");
        assert_eq!(
            ComplaintCase::parse(&start).unwrap_err()[0].code,
            "complaint_bad_start"
        );
    }
}
