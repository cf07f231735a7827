//! The numbers of part C, read from the rule pack at the as-of date. Nothing here is a literal:
//! a missing or mistyped parameter is a [`PackError`].

use crate::model::{Grade, RuleId, Supervision};
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::rust_decimal::prelude::ToPrimitive;
use zhongjie_core::{Measure, PackError, RulePack, ServiceType, Stage};

/// Per-measure values, indexed by [`Measure`] declaration order.
pub type PerMeasure = [u32; 9];
/// Per-rule values, indexed by [`RuleId`] declaration order.
pub type PerRule = [u32; 20];

/// Every parameter the run uses, resolved for one date (field names follow the pack keys).
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub struct Params {
    pub window_days: u32,
    pub full_time_months: u32,
    pub pension_scan_months: u32,
    pub travel_max_speed_kmh: f64,
    pub travel_min_distance_km: f64,
    pub earth_radius_km: f64,
    pub headcount_base: u32,
    pub headcount_per_extra_scope: u32,
    pub engineer_ratio_percent: u32,
    pub min_professionals_social: u32,
    pub notice_lead_days: u32,
    pub report_due_days: u32,
    pub archive_required_evaluation: Vec<Stage>,
    pub archive_required_other: Vec<Stage>,
    /// Minimum on-site hours per service type, indexed by [`ServiceType`] declaration order.
    pub min_hours: [u32; 11],
    pub capacity_per_professional: u32,
    pub full_score: u32,
    pub deduction: PerRule,
    pub rule_cap: u32,
    pub complaint_deduction: u32,
    pub complaint_cap: u32,
    pub sanction_deduction: PerMeasure,
    /// Minimum scores of A, B, C.
    pub grade_min: [u32; 3],
    pub dishonesty_years: u32,
    pub serious_violation_days: u32,
    pub serious_violations: Vec<zhongjie_core::Violation>,
    pub veto_statuses: Vec<zhongjie_core::AgencyStatus>,
    pub procurement_min_grade: Grade,
    /// Supervision per grade A, B, C, D.
    pub supervision: [Supervision; 4],
    pub star_evaluator: [u32; 3],
    pub star_engineer_senior: u32,
    pub star_engineer_intermediate: u32,
    pub star_title_senior: u32,
    pub star_title_intermediate: u32,
    pub star_default: u32,
    pub experience_years_per_star: u32,
    pub experience_max: u32,
    pub exam_excellent_min: u32,
    pub exam_good_min: u32,
    pub exam_pass_min: u32,
    pub exam_bonus: [u32; 3],
    pub points: PerRule,
    pub sanction_points: PerMeasure,
    pub points_per_star: u32,
    pub cap_failed: u32,
    pub cap_untested: u32,
    pub red_points_one_star: u32,
    pub stars_min: u32,
    pub stars_max: u32,
    pub card_red: u32,
    pub card_yellow: u32,
    pub expert_removal_points: u32,
    pub client_event_after_days: u32,
    pub inspection_cycle_days: u32,
}

fn float(pack: &RulePack, key: &str, d: NaiveDate) -> Result<f64, PackError> {
    let v = pack.decimal(key, d)?;
    v.to_f64().ok_or_else(|| PackError::WrongType {
        key: key.to_owned(),
        found: v.to_string(),
        expected: "数值",
    })
}

fn one<T: Copy>(
    pack: &RulePack,
    key: &str,
    d: NaiveDate,
    parse: fn(&str) -> Option<T>,
) -> Result<T, PackError> {
    let t = pack.text(key, d)?;
    parse(t).ok_or_else(|| PackError::WrongType {
        key: key.to_owned(),
        found: t.to_owned(),
        expected: "已知代码",
    })
}

impl Params {
    /// Reads every parameter that applies on `d`.
    pub fn from_pack(pack: &RulePack, d: NaiveDate) -> Result<Params, PackError> {
        let c = |k: &str| pack.count(k, d);
        let mut min_hours = [0u32; 11];
        for (i, st) in ServiceType::ALL.iter().enumerate() {
            min_hours[i] = c(&format!("duration.min_hours.{}", st.code()))?;
        }
        let mut deduction = [0u32; 20];
        let mut points = [0u32; 20];
        for (i, r) in RuleId::ALL.iter().enumerate() {
            deduction[i] = c(&format!("grade.deduction.{}", r.code()))?;
            points[i] = c(&format!("stars.points.{}", r.code()))?;
        }
        let mut sanction_deduction = [0u32; 9];
        let mut sanction_points = [0u32; 9];
        for (i, m) in Measure::ALL.iter().enumerate() {
            sanction_deduction[i] = c(&format!("grade.sanction.{}", m.code()))?;
            sanction_points[i] = c(&format!("stars.points.sanction.{}", m.code()))?;
        }
        let sup = |g: &str| one(pack, &format!("supervision.{g}"), d, Supervision::from_code);
        Ok(Params {
            window_days: c("window.days")?,
            full_time_months: c("full_time.months")?,
            pension_scan_months: c("pension_scan.months")?,
            travel_max_speed_kmh: float(pack, "travel.max_speed_kmh", d)?,
            travel_min_distance_km: float(pack, "travel.min_distance_m", d)? / 1000.0,
            earth_radius_km: float(pack, "travel.earth_radius_km", d)?,
            headcount_base: c("headcount.base")?,
            headcount_per_extra_scope: c("headcount.per_extra_scope")?,
            engineer_ratio_percent: c("engineer_ratio.percent")?,
            min_professionals_social: c("min_professionals.social_service")?,
            notice_lead_days: c("notice.lead_days")?,
            report_due_days: c("report.due_days")?,
            archive_required_evaluation: pack.codes("archive.required.evaluation", d)?,
            archive_required_other: pack.codes("archive.required.other", d)?,
            min_hours,
            capacity_per_professional: c("capacity.projects_per_professional")?,
            full_score: c("grade.full_score")?,
            deduction,
            rule_cap: c("grade.rule_cap")?,
            complaint_deduction: c("grade.complaint_deduction")?,
            complaint_cap: c("grade.complaint_cap")?,
            sanction_deduction,
            grade_min: [c("grade.min.A")?, c("grade.min.B")?, c("grade.min.C")?],
            dishonesty_years: c("veto.dishonesty.years")?,
            serious_violation_days: c("veto.serious_violation.days")?,
            serious_violations: pack.codes("veto.serious_violation.violations", d)?,
            veto_statuses: pack.codes("veto.status", d)?,
            procurement_min_grade: one(pack, "procurement.min_grade", d, Grade::from_code)?,
            supervision: [sup("A")?, sup("B")?, sup("C")?, sup("D")?],
            star_evaluator: [
                c("stars.base.evaluator.1")?,
                c("stars.base.evaluator.2")?,
                c("stars.base.evaluator.3")?,
            ],
            star_engineer_senior: c("stars.base.engineer.senior")?,
            star_engineer_intermediate: c("stars.base.engineer.intermediate")?,
            star_title_senior: c("stars.base.title.senior")?,
            star_title_intermediate: c("stars.base.title.intermediate")?,
            star_default: c("stars.base.default")?,
            experience_years_per_star: c("stars.experience.years_per_star")?.max(1),
            experience_max: c("stars.experience.max")?,
            exam_excellent_min: c("stars.exam.excellent_min")?,
            exam_good_min: c("stars.exam.good_min")?,
            exam_pass_min: c("stars.exam.pass_min")?,
            exam_bonus: [
                c("stars.exam.bonus.excellent")?,
                c("stars.exam.bonus.good")?,
                c("stars.exam.bonus.pass")?,
            ],
            points,
            sanction_points,
            points_per_star: c("stars.points_per_star")?.max(1),
            cap_failed: c("stars.cap.failed")?,
            cap_untested: c("stars.cap.untested")?,
            red_points_one_star: c("stars.red_points")?,
            stars_min: c("stars.min")?,
            stars_max: c("stars.max")?,
            card_red: c("card.red_points")?,
            card_yellow: c("card.yellow_points")?,
            expert_removal_points: c("expert_pool.removal_points")?,
            client_event_after_days: c("must_inspect.client_event_after_days")?,
            inspection_cycle_days: c("must_inspect.inspection_cycle_days")?,
        })
    }

    /// Minimum on-site seconds for a service type.
    pub fn min_seconds(&self, st: ServiceType) -> i64 {
        let i = ServiceType::ALL.iter().position(|x| *x == st).unwrap_or(0);
        i64::from(self.min_hours.get(i).copied().unwrap_or(0)) * 3600
    }

    /// Deduction per finding of a rule.
    pub fn deduction(&self, r: RuleId) -> u32 {
        self.deduction.get(r as usize).copied().unwrap_or(0)
    }

    /// Points per finding of a rule.
    pub fn points(&self, r: RuleId) -> u32 {
        self.points.get(r as usize).copied().unwrap_or(0)
    }

    /// Index of a measure in [`PerMeasure`] arrays.
    pub fn measure_index(m: Measure) -> usize {
        Measure::ALL.iter().position(|x| *x == m).unwrap_or(0)
    }
}
