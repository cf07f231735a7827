//! # zhongjie-scoring
//!
//! The supervision run of exchange v1 part C as pure functions: the 20 finding rules (C.1), agency
//! credit grades (C.2), practitioner stars (C.3) and the must-inspect list (C.4), each rule with
//! its id and legal reference, every number from the rule pack, every result explaining itself.
//!
//! Architecture invariant: no IO, no clock, no randomness; the as-of date and the pack are inputs.
//!
//! ```
//! use zhongjie_core::{chrono::NaiveDate, Dataset, RulePack, Tables};
//! let ds = Dataset::new(Tables::default()).unwrap();
//! let pack = RulePack::zj_2024().unwrap();
//! let d = NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
//! let out = zhongjie_scoring::supervise(&ds, d, &pack).unwrap();
//! assert!(out.findings.is_empty() && out.grades.is_empty());
//! ```

pub mod assess;
pub mod context;
pub mod explain;
pub mod findings;
pub mod model;
mod par;
pub mod params;
pub mod render;
pub mod workflows;

pub use model::*;
pub use params::Params;

use rustc_hash::FxHashMap;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{Dataset, PackError, RulePack};

/// The steps of a run, reported to a progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Building the point-in-time view.
    View,
    /// Running the finding rules.
    Findings,
    /// Grading agencies.
    Grades,
    /// Rating practitioners.
    Stars,
    /// Listing must-inspect agencies.
    MustInspect,
}

impl Step {
    /// Chinese label.
    pub fn zh(self) -> &'static str {
        match self {
            Step::View => "建立时点视图",
            Step::Findings => "运行预警规则",
            Step::Grades => "评定机构信用等级",
            Step::Stars => "认定从业人员星级",
            Step::MustInspect => "确定必查对象",
        }
    }
}

/// Runs part C as of `as_of` under `pack`.
pub fn supervise(ds: &Dataset, as_of: NaiveDate, pack: &RulePack) -> Result<RunOutput, PackError> {
    supervise_with_progress(ds, as_of, pack, &mut |_| {})
}

/// [`supervise`], calling `progress` at the start of each step.
pub fn supervise_with_progress(
    ds: &Dataset,
    as_of: NaiveDate,
    pack: &RulePack,
    progress: &mut dyn FnMut(Step),
) -> Result<RunOutput, PackError> {
    let params = Params::from_pack(pack, as_of)?;
    let mut refs: FxHashMap<&'static str, String> = FxHashMap::default();
    let mut rule_refs = Vec::new();
    for r in RuleId::ALL {
        let def = pack.rule(r.code())?;
        refs.insert(r.code(), def.legal_ref.to_string());
        rule_refs.push((*r, def.legal_ref.clone()));
    }
    for id in [
        "AGENCY_GRADE",
        "PRACTITIONER_STARS",
        "MUST_INSPECT_COMPLAINT",
    ] {
        refs.insert(id, pack.rule(id)?.legal_ref.to_string());
    }
    progress(Step::View);
    let ctx = context::Ctx::new(ds, as_of, &params);
    progress(Step::Findings);
    let findings = findings::all(&ctx);
    progress(Step::Grades);
    let grades = assess::grades(&ctx, &findings, &refs);
    progress(Step::Stars);
    let stars = assess::stars(&ctx, &findings, &refs);
    progress(Step::MustInspect);
    let must_inspect = assess::must_inspect(&ctx);
    Ok(RunOutput {
        as_of,
        pack: pack.stamp(),
        window_days: params.window_days,
        findings,
        grades,
        stars,
        must_inspect,
        rule_refs,
    })
}
