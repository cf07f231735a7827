//! # zhongjie-reporting
//!
//! The reports a regulator publishes and reads, built on a supervision run (exchange v1 part C):
//!
//! | kind | 报告 | seed |
//! |---|---|---|
//! | `credit-list` | 机构信用等级公示 | 二(二)5 |
//! | `star-list` | 从业人员星级公示 | 二(二)5 |
//! | `warning-list` | 预警清单（按规则、按地区，分送省、市县） | 二(二)6、7 |
//! | `must-inspect` | 必查对象与双随机抽查（交叉检查） | 二(四)13 |
//! | `report-sampling` | 服务报告抽查（分层抽样） | 二(二)8 |
//! | `verification` | 核查工作报告（分地市） | 二(一)4、二(二)7 |
//! | `progress` | 改革进展报送（目标、标杆机构、任务与销号清单） | 一、二(三)9、三、四(四) |
//! | `supervision` | 监管评定总报告 | — |
//!
//! Each is built as a [`Report`] (title, facts, sections of paragraphs, tables and charts) and
//! rendered by [`to_html`], [`to_markdown`], [`to_csv`] and [`to_json`].
//!
//! Architecture invariant: no IO, no clock, no OS randomness. Dates, the seed of a draw and the
//! contents of extra files are inputs. Public reports hold only what may be published; no report
//! shows a full resident ID ([`privacy::scrub`] guards every text) or reads a whistle-blower's
//! contact.

pub mod doc;
pub mod draw;
pub mod history;
pub mod inputs;
pub mod privacy;
pub mod render;
mod reports;
mod view;

pub use doc::{Audience, Block, Chart, ChartKind, Column, Fact, Report, Section, Series, Table};
pub use history::{parse_previous, PreviousRun};
pub use inputs::{parse_inspectors, parse_tasks, InputError, Inspector, Task, TaskStatus};
pub use render::{to_csv, to_html, to_json, to_markdown, CsvFile};

use zhongjie_core::{Dataset, PackError, RegionCode, RulePack};
use zhongjie_scoring::RunOutput;

/// The kinds of report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReportKind {
    /// 机构信用等级公示.
    CreditList,
    /// 从业人员星级公示.
    StarList,
    /// 预警清单.
    WarningList,
    /// 必查对象与双随机抽查.
    MustInspect,
    /// 服务报告抽查.
    ReportSampling,
    /// 核查工作报告.
    Verification,
    /// 改革进展报送.
    Progress,
    /// 监管评定总报告.
    Supervision,
}

impl ReportKind {
    /// Every kind.
    pub const ALL: [ReportKind; 8] = [
        ReportKind::CreditList,
        ReportKind::StarList,
        ReportKind::WarningList,
        ReportKind::MustInspect,
        ReportKind::ReportSampling,
        ReportKind::Verification,
        ReportKind::Progress,
        ReportKind::Supervision,
    ];

    /// The English code used on the command line and in file names.
    pub const fn code(self) -> &'static str {
        match self {
            ReportKind::CreditList => "credit-list",
            ReportKind::StarList => "star-list",
            ReportKind::WarningList => "warning-list",
            ReportKind::MustInspect => "must-inspect",
            ReportKind::ReportSampling => "report-sampling",
            ReportKind::Verification => "verification",
            ReportKind::Progress => "progress",
            ReportKind::Supervision => "supervision",
        }
    }

    /// The Chinese name.
    pub const fn zh(self) -> &'static str {
        match self {
            ReportKind::CreditList => "机构信用等级公示",
            ReportKind::StarList => "从业人员星级公示",
            ReportKind::WarningList => "预警清单",
            ReportKind::MustInspect => "必查对象与双随机抽查",
            ReportKind::ReportSampling => "服务报告抽查",
            ReportKind::Verification => "核查工作报告",
            ReportKind::Progress => "改革进展报送",
            ReportKind::Supervision => "监管评定总报告",
        }
    }

    /// Parses a code.
    pub fn from_code(s: &str) -> Option<ReportKind> {
        ReportKind::ALL.into_iter().find(|k| k.code() == s)
    }

    /// Whether the report draws at random (and so needs a seed).
    pub const fn draws(self) -> bool {
        matches!(self, ReportKind::MustInspect | ReportKind::ReportSampling)
    }
}

impl core::fmt::Display for ReportKind {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a report could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// A rule-pack parameter is missing or unusable.
    #[error("{0}")]
    Pack(#[from] PackError),
    /// A drawing report was asked for without a seed.
    #[error("{0}需要随机种子：请用 --seed 指定一个非负整数（例如公开摇号产生的数字），以便任何人复核抽取结果")]
    MissingSeed(&'static str),
}

impl ReportError {
    /// Stable English code of the error class.
    pub fn code(&self) -> &'static str {
        match self {
            ReportError::Pack(e) => e.code(),
            ReportError::MissingSeed(_) => "missing_seed",
        }
    }
}

/// Everything a report may read.
#[derive(Clone, Copy)]
pub struct ReportInput<'a> {
    /// The dataset the run was made on (the reports take its view as of the run's date).
    pub ds: &'a Dataset,
    /// The run.
    pub out: &'a RunOutput,
    /// The rule pack of the run.
    pub pack: &'a RulePack,
    /// Seed of the draws (must-inspect, report-sampling).
    pub seed: Option<u64>,
    /// Inspectors for the double-random draw.
    pub inspectors: Option<&'a [Inspector]>,
    /// The reform task file.
    pub tasks: Option<&'a [Task]>,
    /// Earlier runs, for trends and corrections (any order).
    pub previous: &'a [PreviousRun],
    /// Restrict the verification report to one city.
    pub city: Option<RegionCode>,
}

impl<'a> ReportInput<'a> {
    /// An input with no extras.
    pub fn new(ds: &'a Dataset, out: &'a RunOutput, pack: &'a RulePack) -> ReportInput<'a> {
        ReportInput {
            ds,
            out,
            pack,
            seed: None,
            inspectors: None,
            tasks: None,
            previous: &[],
            city: None,
        }
    }
}

/// Builds a report of the given kind.
pub fn build(kind: ReportKind, input: &ReportInput<'_>) -> Result<Report, ReportError> {
    let v = view::View::new(input.ds, input.out, input.pack);
    let r = match kind {
        ReportKind::CreditList => reports::credit::credit_list(&v)?,
        ReportKind::StarList => reports::credit::star_list(&v)?,
        ReportKind::WarningList => reports::warning::warning_list(&v)?,
        ReportKind::MustInspect => {
            let seed = input.seed.ok_or(ReportError::MissingSeed(kind.zh()))?;
            reports::inspect::must_inspect(&v, seed, input.inspectors)?
        }
        ReportKind::ReportSampling => {
            let seed = input.seed.ok_or(ReportError::MissingSeed(kind.zh()))?;
            reports::sampling::report_sampling(&v, seed)?
        }
        ReportKind::Verification => {
            reports::verification::verification(&v, input.previous, input.city)?
        }
        ReportKind::Progress => reports::progress::progress(&v, input.tasks, input.previous)?,
        ReportKind::Supervision => reports::supervision::supervision(&v, input.previous),
    };
    Ok(r.scrubbed())
}

/// The overall report of a run (what `zhongjie supervise` writes as `report.html`).
pub fn supervision_report(ds: &Dataset, out: &RunOutput, pack: &RulePack) -> Report {
    supervision_report_with_history(ds, out, pack, &[])
}

/// [`supervision_report`] with trends over earlier runs.
pub fn supervision_report_with_history(
    ds: &Dataset,
    out: &RunOutput,
    pack: &RulePack,
    previous: &[PreviousRun],
) -> Report {
    let v = view::View::new(ds, out, pack);
    reports::supervision::supervision(&v, previous).scrubbed()
}
