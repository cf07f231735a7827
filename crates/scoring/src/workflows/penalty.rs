//! 处罚裁量 (seed 二(四)13–14): the statutory fine ranges of an offence, the discretion band, the
//! seed's rule that hidden major hazards and false or inaccurate reports are punished at the
//! upper limit (严格按照上限查处), the criminal-referral recommendation (两高解释（二）Art.7–9)
//! and the serious-dishonesty list (MEM Order No.11): what to decide and why.

use super::{params_text, yuan, Basis, ParamUse, RuleUse, WorkflowError};
use serde::Serialize;
use zhongjie_core::chrono::{Months, NaiveDate};
use zhongjie_core::rust_decimal::{Decimal, RoundingStrategy};
use zhongjie_core::time::add_years;
use zhongjie_core::workflows::{Circumstance, ListingState, Offence, Provision};
use zhongjie_core::RulePack;

/// The facts of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenaltyCase {
    /// The offence.
    pub offence: Offence,
    /// 违法所得（元）; zero when there is none.
    pub illegal_gains_yuan: Decimal,
    /// 故意隐瞒重大事故隐患.
    pub hidden_major_hazard: bool,
    /// 情节严重 (as found by the authority).
    pub serious: bool,
    /// 裁量情节 chosen by the authority, if any.
    pub circumstance: Option<Circumstance>,
    /// 直接负责的主管人员和其他直接责任人员 (number of persons).
    pub responsible_persons: u32,
    /// Deaths in the accident linked to the case.
    pub deaths: u32,
    /// Serious injuries.
    pub serious_injuries: u32,
    /// Direct economic loss (元).
    pub direct_loss_yuan: Decimal,
    /// Administrative penalties for false certifying documents in the look-back window.
    pub prior_penalties: u32,
}

impl PenaltyCase {
    /// A case of `offence` with no other fact.
    pub fn new(offence: Offence) -> PenaltyCase {
        PenaltyCase {
            offence,
            illegal_gains_yuan: Decimal::ZERO,
            hidden_major_hazard: false,
            serious: false,
            circumstance: None,
            responsible_persons: 0,
            deaths: 0,
            serious_injuries: 0,
            direct_loss_yuan: Decimal::ZERO,
            prior_penalties: 0,
        }
    }
}

/// A closed range of yuan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    /// Lower bound.
    pub min: Decimal,
    /// Upper bound.
    pub max: Decimal,
}

impl Range {
    /// Whether `x` lies in the range.
    pub fn contains(&self, x: Decimal) -> bool {
        self.min <= x && x <= self.max
    }
    fn text(&self) -> String {
        if self.min == self.max {
            yuan(self.min)
        } else {
            format!("{} 至 {}", yuan(self.min), yuan(self.max))
        }
    }
}

/// Who a fine is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FineSubject {
    /// The agency.
    Agency,
    /// Each directly responsible person.
    EachPerson,
}

/// A fine: its statutory range, the discretion band inside it, and how they came out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fine {
    /// On whom.
    pub subject: FineSubject,
    /// 法定幅度.
    pub statutory: Range,
    /// 裁量区间, inside the statutory range; a single value (the maximum) under the upper-limit
    /// rule.
    pub band: Range,
    /// The upper-limit rule applied.
    pub upper_limit: bool,
    /// The provision.
    pub rule: RuleUse,
    /// How the range came out (Chinese).
    pub derivation: Vec<String>,
}

/// A measure other than a fine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeasureItem {
    /// `stop_practice`, `suspension`, `confiscation`, `revocation`, `practice_ban`,
    /// `lifetime_ban`, `damages`, `joint_liability`.
    pub code: &'static str,
    /// Chinese text.
    pub text: String,
    /// The provision.
    pub rule: RuleUse,
}

/// The criminal-referral recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriminalAssessment {
    /// Whether the offence is assessed under 刑法 Art.229 at all.
    pub assessed: bool,
    /// Recommend transfer to the judicial authorities (移送司法机关).
    pub recommended: bool,
    /// 造成特别重大损失 (the heavier sentence range).
    pub especially_heavy: bool,
    /// Why (Chinese), one line per threshold met or the reason it is not assessed.
    pub reasons: Vec<String>,
    /// Rules that fired.
    pub rules: Vec<RuleUse>,
}

/// The serious-dishonesty list, if the offence is a listing case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListingPlan {
    /// Listed on (the decision date).
    pub listed_on: NaiveDate,
    /// Credit repair may be requested from.
    pub repair_from: NaiveDate,
    /// Removed automatically on.
    pub removal_on: NaiveDate,
    /// Rules.
    pub rules: Vec<RuleUse>,
}

/// The assessment of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PenaltyAssessment {
    /// `pack@version`.
    pub pack: String,
    /// Decision date.
    pub as_of: NaiveDate,
    /// The facts.
    pub case: PenaltyCase,
    /// Measures other than fines.
    pub measures: Vec<MeasureItem>,
    /// The agency's fine.
    pub agency_fine: Fine,
    /// Each responsible person's fine, where the provision sets one.
    pub person_fine: Option<Fine>,
    /// Whether the seed's upper-limit rule applied.
    pub upper_limit: bool,
    /// Notes on how discretion and exceptions were resolved (Chinese).
    pub notes: Vec<String>,
    /// Criminal referral.
    pub criminal: CriminalAssessment,
    /// Serious-dishonesty list.
    pub dishonesty: Option<ListingPlan>,
    /// Parameters used.
    pub params: Vec<ParamUse>,
}

fn cents_up(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity)
}

fn cents_down(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity)
}

/// Assesses a case decided on `as_of`.
pub fn assess(
    case: &PenaltyCase,
    as_of: NaiveDate,
    pack: &RulePack,
) -> Result<PenaltyAssessment, WorkflowError> {
    for (what, x) in [
        ("违法所得", case.illegal_gains_yuan),
        ("直接经济损失", case.direct_loss_yuan),
    ] {
        if x < Decimal::ZERO || x.round_dp(2) != x {
            return Err(WorkflowError::invalid(
                "invalid_amount",
                format!("{what} `{x}` 无效，应为非负数、至多两位小数"),
            ));
        }
    }
    let mut b = Basis::new(pack, as_of);
    let g = case.illegal_gains_yuan;
    let provision = case.offence.provision();
    let mut measures = Vec::new();
    let mut notes = Vec::new();

    if matches!(
        provision,
        Provision::SafetyLaw92Para1 | Provision::SafetyLaw92Para2
    ) {
        let from = b.date("penalty.safety_law.in_force_from")?;
        if as_of < from {
            return Err(WorkflowError::NotInForce {
                what: "《安全生产法》（2021年修正）第九十二条".into(),
                from,
                date: as_of,
            });
        }
    }

    // The statutory ranges.
    let (agency, person, rule_id, agency_derivation): (Range, Option<Range>, &str, String) =
        match provision {
            Provision::SafetyLaw92Para1 => {
                let r = Range {
                    min: b.decimal("penalty.inaccurate_report.agency_min_yuan")?,
                    max: b.decimal("penalty.inaccurate_report.agency_max_yuan")?,
                };
                let rule = b.rule("PENALTY_INACCURATE_REPORT")?;
                measures.push(MeasureItem {
                    code: "suspension",
                    text: "责令停业整顿".into(),
                    rule: rule.clone(),
                });
                measures.push(MeasureItem {
                    code: "damages",
                    text: "给他人造成损害的，依法承担赔偿责任".into(),
                    rule,
                });
                let why = format!("出具失实报告：处 {} 的罚款", r.text());
                (r, None, "PENALTY_INACCURATE_REPORT", why)
            }
            Provision::SafetyLaw92Para2 => {
                let threshold = b.decimal("penalty.art92_2.gains_threshold_yuan")?;
                let (r, why) = if g >= threshold {
                    let (lo, hi) = (
                        b.decimal("penalty.art92_2.multiple_min")?,
                        b.decimal("penalty.art92_2.multiple_max")?,
                    );
                    let r = Range {
                        min: g * lo,
                        max: g * hi,
                    };
                    let why = format!(
                        "违法所得 {} 达到 {}：处违法所得 {lo} 倍至 {hi} 倍即 {} 的罚款",
                        yuan(g),
                        yuan(threshold),
                        r.text()
                    );
                    (r, why)
                } else {
                    let r = Range {
                        min: b.decimal("penalty.art92_2.fixed_min_yuan")?,
                        max: b.decimal("penalty.art92_2.fixed_max_yuan")?,
                    };
                    let why = if g > Decimal::ZERO {
                        format!(
                            "违法所得 {} 不足 {}：处 {} 的罚款",
                            yuan(g),
                            yuan(threshold),
                            r.text()
                        )
                    } else {
                        format!("没有违法所得：处 {} 的罚款", r.text())
                    };
                    (r, why)
                };
                let p = Range {
                    min: b.decimal("penalty.art92_2.person_min_yuan")?,
                    max: b.decimal("penalty.art92_2.person_max_yuan")?,
                };
                let rule = b.rule("PENALTY_FALSE_OR_LENDING")?;
                if g > Decimal::ZERO {
                    measures.push(MeasureItem {
                        code: "confiscation",
                        text: format!("没收违法所得 {}", yuan(g)),
                        rule: rule.clone(),
                    });
                }
                measures.push(MeasureItem {
                    code: "joint_liability",
                    text: "给他人造成损害的，与生产经营单位承担连带赔偿责任".into(),
                    rule,
                });
                let ban = b.rule("PENALTY_BAN")?;
                let years = b.count("penalty.art92_3.ban_years")?;
                measures.push(MeasureItem {
                    code: "revocation",
                    text: "吊销机构相应资质和直接责任人员相应资格".into(),
                    rule: ban.clone(),
                });
                if case.serious {
                    measures.push(MeasureItem {
                        code: "lifetime_ban",
                        text: "情节严重：对机构及直接责任人员实行终身行业和职业禁入".into(),
                        rule: ban,
                    });
                } else {
                    let until = add_years(as_of, years as i32).unwrap_or(NaiveDate::MAX);
                    measures.push(MeasureItem {
                        code: "practice_ban",
                        text: format!(
                            "{years} 年内（至 {until}）不得从事安全评价、认证、检测、检验等工作"
                        ),
                        rule: ban,
                    });
                }
                (r, Some(p), "PENALTY_FALSE_OR_LENDING", why)
            }
            Provision::ZhejiangArt46 => {
                let rule = b.rule("PENALTY_ZJ_ART46")?;
                if case.serious {
                    measures.push(MeasureItem {
                        code: "suspension",
                        text: "情节严重：责令停业整顿".into(),
                        rule,
                    });
                    (
                        Range {
                            min: b.decimal("penalty.zj46.serious_min_yuan")?,
                            max: b.decimal("penalty.zj46.serious_max_yuan")?,
                        },
                        Some(Range {
                            min: b.decimal("penalty.zj46.serious_person_min_yuan")?,
                            max: b.decimal("penalty.zj46.serious_person_max_yuan")?,
                        }),
                        "PENALTY_ZJ_ART46",
                        format!("{}，情节严重：处罚款并责令停业整顿", case.offence.zh()),
                    )
                } else {
                    (
                        Range {
                            min: b.decimal("penalty.zj46.min_yuan")?,
                            max: b.decimal("penalty.zj46.max_yuan")?,
                        },
                        None,
                        "PENALTY_ZJ_ART46",
                        format!("{}：处罚款", case.offence.zh()),
                    )
                }
            }
            Provision::Order1Unqualified => {
                let rule = b.rule("PENALTY_UNQUALIFIED")?;
                measures.push(MeasureItem {
                    code: "stop_practice",
                    text: "责令停止违法行为".into(),
                    rule: rule.clone(),
                });
                let (r, why) = if g > Decimal::ZERO {
                    let cap = b.decimal("penalty.unqualified.cap_yuan")?;
                    let (lo, hi) = (
                        b.decimal("penalty.unqualified.multiple_min")?,
                        b.decimal("penalty.unqualified.multiple_max")?,
                    );
                    measures.push(MeasureItem {
                        code: "confiscation",
                        text: format!("没收违法所得 {}", yuan(g)),
                        rule,
                    });
                    let r = Range {
                        min: (g * lo).min(cap),
                        max: (g * hi).min(cap),
                    };
                    let why = format!(
                        "有违法所得 {}：处违法所得 {lo} 倍至 {hi} 倍、最高不超过 {} 的罚款，即 {}",
                        yuan(g),
                        yuan(cap),
                        r.text()
                    );
                    (r, why)
                } else {
                    let r = Range {
                        min: b.decimal("penalty.unqualified.no_gains_min_yuan")?,
                        max: b.decimal("penalty.unqualified.no_gains_max_yuan")?,
                    };
                    (r, format!("没有违法所得：处 {} 的罚款", r.text()))
                };
                let p = Range {
                    min: b.decimal("penalty.unqualified.person_min_yuan")?,
                    max: b.decimal("penalty.unqualified.person_max_yuan")?,
                };
                (r, Some(p), "PENALTY_UNQUALIFIED", why)
            }
        };
    let rule = b.rule(rule_id)?;

    // The seed's upper limit, and the discretion band otherwise.
    let upper_from = b.date("penalty.upper_limit.in_force_from")?;
    let upper_offences: Vec<Offence> = b.codes("penalty.upper_limit.violations")?;
    let upper =
        as_of >= upper_from && (case.hidden_major_hazard || upper_offences.contains(&case.offence));
    let circumstance = case.circumstance.unwrap_or(Circumstance::Ordinary);
    if upper {
        let why = if case.hidden_major_hazard {
            "故意隐瞒重大事故隐患"
        } else {
            case.offence.zh()
        };
        if case.circumstance == Some(Circumstance::Lighter) {
            let a = b.rule("PENALTY_UPPER_LIMIT")?;
            let m = b.rule("PENALTY_MITIGATION")?;
            return Err(WorkflowError::Conflict {
                rules: vec![a.id, m.id],
                message: format!(
                    "{why}依{}应按上限查处，而所选“从轻”情节依{}应在幅度内从轻；请先认定是否存在法定从轻情节，再取消其一",
                    a.legal_ref, m.legal_ref
                ),
            });
        }
        notes.push(format!(
            "{why}：依浙应急〔2024〕85号二(四)14“严格按照上限查处”，各项罚款取法定幅度上限{}",
            match case.circumstance {
                Some(c) => format!("（优先于所选“{}”情节）", c.zh()),
                None => String::new(),
            }
        ));
    } else {
        notes.push(format!(
            "裁量情节：{}{}",
            circumstance.zh(),
            if case.circumstance.is_none() {
                "（未指定，按一般情节）"
            } else {
                ""
            }
        ));
    }
    let lo = b.decimal(&format!(
        "penalty.discretion.{}.from_percent",
        circumstance.code()
    ))?;
    let hi = b.decimal(&format!(
        "penalty.discretion.{}.to_percent",
        circumstance.code()
    ))?;
    let band = |r: Range| -> Range {
        if upper {
            return Range {
                min: r.max,
                max: r.max,
            };
        }
        let span = r.max - r.min;
        let a = cents_up(r.min + span * lo / Decimal::ONE_HUNDRED).clamp(r.min, r.max);
        let z = cents_down(r.min + span * hi / Decimal::ONE_HUNDRED).clamp(a, r.max);
        Range { min: a, max: z }
    };
    let agency_fine = Fine {
        subject: FineSubject::Agency,
        statutory: agency,
        band: band(agency),
        upper_limit: upper,
        rule: rule.clone(),
        derivation: vec![agency_derivation],
    };
    let person_fine = person.map(|p| Fine {
        subject: FineSubject::EachPerson,
        statutory: p,
        band: band(p),
        upper_limit: upper,
        rule: rule.clone(),
        derivation: vec![format!(
            "对直接负责的主管人员和其他直接责任人员每人处 {} 的罚款{}",
            p.text(),
            if case.responsible_persons > 0 {
                format!("（本案 {} 人）", case.responsible_persons)
            } else {
                String::new()
            }
        )],
    });
    if case.serious && provision == Provision::SafetyLaw92Para1 {
        notes.push("第九十二条第一款未区分情节严重，“情节严重”只在裁量时考虑".into());
    }

    let criminal = criminal(case, &mut b)?;
    let dishonesty = listing_plan(case.offence, as_of, &mut b)?;
    Ok(PenaltyAssessment {
        pack: pack.stamp(),
        as_of,
        case: case.clone(),
        measures,
        agency_fine,
        person_fine,
        upper_limit: upper,
        notes,
        criminal,
        dishonesty,
        params: b.take(),
    })
}

fn criminal(case: &PenaltyCase, b: &mut Basis<'_>) -> Result<CriminalAssessment, WorkflowError> {
    let intentional: Vec<Offence> = b.codes("criminal.intentional.violations")?;
    let negligent: Vec<Offence> = b.codes("criminal.negligence.violations")?;
    let mut reasons = Vec::new();
    let mut rules = Vec::new();
    if intentional.contains(&case.offence) {
        let deaths = b.count("criminal.serious.deaths")?;
        let injuries = b.count("criminal.serious.serious_injuries")?;
        let loss = b.decimal("criminal.serious.direct_loss_yuan")?;
        let gains = b.decimal("criminal.serious.illegal_gains_yuan")?;
        let prior = b.count("criminal.serious.prior_penalties")?;
        let years = b.count("criminal.serious.prior_window_years")?;
        if case.deaths >= deaths {
            reasons.push(format!("造成 {} 人死亡（门槛 {deaths} 人）", case.deaths));
        }
        if case.serious_injuries >= injuries {
            reasons.push(format!(
                "造成 {} 人重伤（门槛 {injuries} 人）",
                case.serious_injuries
            ));
        }
        if case.direct_loss_yuan >= loss {
            reasons.push(format!(
                "直接经济损失 {}（门槛 {}）",
                yuan(case.direct_loss_yuan),
                yuan(loss)
            ));
        }
        if case.illegal_gains_yuan >= gains {
            reasons.push(format!(
                "违法所得 {}（门槛 {}）",
                yuan(case.illegal_gains_yuan),
                yuan(gains)
            ));
        }
        if case.prior_penalties >= prior {
            reasons.push(format!(
                "{years} 年内因提供虚假证明文件受过 {} 次行政处罚又再次实施（门槛 {prior} 次）",
                case.prior_penalties
            ));
        }
        let recommended = !reasons.is_empty();
        if recommended {
            rules.push(b.rule("CRIMINAL_SERIOUS")?);
        }
        let hd = b.count("criminal.especially_heavy.deaths")?;
        let hi = b.count("criminal.especially_heavy.serious_injuries")?;
        let hl = b.decimal("criminal.especially_heavy.direct_loss_yuan")?;
        let heavy = case.deaths >= hd || case.serious_injuries >= hi || case.direct_loss_yuan >= hl;
        if heavy {
            rules.push(b.rule("CRIMINAL_ESPECIALLY_HEAVY")?);
            reasons.push(format!(
                "达到“特别重大损失”（死亡 {hd} 人、重伤 {hi} 人或直接经济损失 {} 以上），在涉及公共安全的重大工程、项目中的，法定刑为五年以上十年以下",
                yuan(hl)
            ));
        }
        if !recommended {
            reasons.push(format!(
                "未达到“情节严重”门槛（死亡 {deaths} 人、重伤 {injuries} 人、直接经济损失 {}、违法所得 {}、{years} 年内 {prior} 次行政处罚后再犯）",
                yuan(loss),
                yuan(gains)
            ));
        }
        return Ok(CriminalAssessment {
            assessed: true,
            recommended,
            especially_heavy: heavy,
            reasons,
            rules,
        });
    }
    if negligent.contains(&case.offence) {
        let deaths = b.count("criminal.negligence.deaths")?;
        let injuries = b.count("criminal.negligence.serious_injuries")?;
        let loss = b.decimal("criminal.negligence.direct_loss_yuan")?;
        if case.deaths >= deaths {
            reasons.push(format!("造成 {} 人死亡（门槛 {deaths} 人）", case.deaths));
        }
        if case.serious_injuries >= injuries {
            reasons.push(format!(
                "造成 {} 人重伤（门槛 {injuries} 人）",
                case.serious_injuries
            ));
        }
        if case.direct_loss_yuan >= loss {
            reasons.push(format!(
                "直接经济损失 {}（门槛 {}）",
                yuan(case.direct_loss_yuan),
                yuan(loss)
            ));
        }
        let recommended = !reasons.is_empty();
        if recommended {
            rules.push(b.rule("CRIMINAL_NEGLIGENCE")?);
        } else {
            reasons.push(format!(
                "未达到“严重后果”门槛（死亡 {deaths} 人、重伤 {injuries} 人或直接经济损失 {}）",
                yuan(loss)
            ));
        }
        return Ok(CriminalAssessment {
            assessed: true,
            recommended,
            especially_heavy: false,
            reasons,
            rules,
        });
    }
    Ok(CriminalAssessment {
        assessed: false,
        recommended: false,
        especially_heavy: false,
        reasons: vec![format!(
            "“{}”不按刑法第二百二十九条（提供虚假证明文件罪、出具证明文件重大失实罪）评估",
            case.offence.zh()
        )],
        rules,
    })
}

fn listing_dates(
    listed_on: NaiveDate,
    b: &mut Basis<'_>,
) -> Result<(NaiveDate, NaiveDate), WorkflowError> {
    let months = b.count("dishonesty.repair_after_months")?;
    let years = b.count("veto.dishonesty.years")?;
    let repair_from = listed_on
        .checked_add_months(Months::new(months))
        .unwrap_or(NaiveDate::MAX);
    let removal_on = add_years(listed_on, years as i32).unwrap_or(NaiveDate::MAX);
    Ok((repair_from, removal_on))
}

fn listing_plan(
    offence: Offence,
    as_of: NaiveDate,
    b: &mut Basis<'_>,
) -> Result<Option<ListingPlan>, WorkflowError> {
    let listed: Vec<Offence> = b.codes("dishonesty.violations")?;
    if !listed.contains(&offence) {
        return Ok(None);
    }
    let (repair_from, removal_on) = listing_dates(as_of, b)?;
    Ok(Some(ListingPlan {
        listed_on: as_of,
        repair_from,
        removal_on,
        rules: vec![b.rule("DISHONESTY_LISTING")?, b.rule("DISHONESTY_REPAIR")?],
    }))
}

/// Where a listing on the serious-dishonesty list stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListingStatus {
    /// `pack@version`.
    pub pack: String,
    /// As-of date.
    pub as_of: NaiveDate,
    /// State.
    pub state: ListingState,
    /// Listed on.
    pub listed_on: NaiveDate,
    /// Credit repair may be requested from.
    pub repair_from: NaiveDate,
    /// Removed automatically on.
    pub removal_on: NaiveDate,
    /// Repaired (removed early) on.
    pub repaired_on: Option<NaiveDate>,
    /// Published (公示) on the as-of date.
    pub published: bool,
    /// Why (Chinese).
    pub explanation: Vec<String>,
    /// Rules.
    pub rules: Vec<RuleUse>,
    /// Parameters used.
    pub params: Vec<ParamUse>,
}

/// The state on `as_of` of a listing made on `listed_on`, with a credit repair granted on
/// `repaired_on` (ignored when after `as_of`). A repair before the earliest repair date, or a
/// listing after `as_of`, is an error.
pub fn listing_status(
    listed_on: NaiveDate,
    repaired_on: Option<NaiveDate>,
    as_of: NaiveDate,
    pack: &RulePack,
) -> Result<ListingStatus, WorkflowError> {
    if listed_on > as_of {
        return Err(WorkflowError::invalid(
            "not_yet_listed",
            format!("列入日期 {listed_on} 晚于基准日 {as_of}"),
        ));
    }
    let mut b = Basis::new(pack, as_of);
    let (repair_from, removal_on) = listing_dates(listed_on, &mut b)?;
    let repaired_on = repaired_on.filter(|r| *r <= as_of);
    if let Some(r) = repaired_on {
        if r < repair_from {
            let rep = b.rule("DISHONESTY_REPAIR")?;
            return Err(WorkflowError::Conflict {
                rules: vec![rep.id],
                message: format!(
                    "信用修复日期 {r} 早于可申请信用修复的日期 {repair_from}（{}）",
                    rep.legal_ref
                ),
            });
        }
    }
    let mut explanation = vec![
        format!("{listed_on} 列入严重失信主体名单"),
        format!("{repair_from} 起可申请信用修复"),
        format!("{removal_on} 期满自动移出，停止公示"),
    ];
    let state = match repaired_on {
        Some(r) if r < removal_on => {
            explanation.push(format!("{r} 信用修复，提前移出"));
            ListingState::Repaired
        }
        _ if as_of >= removal_on => ListingState::Expired,
        _ if as_of >= repair_from => ListingState::Repairable,
        _ => ListingState::Listed,
    };
    let published = matches!(state, ListingState::Listed | ListingState::Repairable);
    Ok(ListingStatus {
        pack: pack.stamp(),
        as_of,
        state,
        listed_on,
        repair_from,
        removal_on,
        repaired_on,
        published,
        explanation,
        rules: vec![b.rule("DISHONESTY_LISTING")?, b.rule("DISHONESTY_REPAIR")?],
        params: b.take(),
    })
}

impl ListingStatus {
    /// Chinese text.
    pub fn to_text(&self) -> String {
        let mut s = format!(
            "严重失信主体名单状态（基准日 {}，规则包 {}）\n",
            self.as_of, self.pack
        );
        for e in &self.explanation {
            s.push_str(&format!("  {e}\n"));
        }
        s.push_str(&format!(
            "当前状态：{}（{}）\n",
            self.state.zh(),
            if self.published {
                "公示中"
            } else {
                "已停止公示"
            }
        ));
        for r in &self.rules {
            s.push_str(&format!("依据：{} {}（{}）\n", r.id, r.name, r.legal_ref));
        }
        params_text(&mut s, "", &self.params);
        s
    }
}

fn fine_text(s: &mut String, label: &str, f: &Fine, persons: u32) {
    s.push_str(&format!("{label}\n"));
    for d in &f.derivation {
        s.push_str(&format!("    {d}\n"));
    }
    s.push_str(&format!("    法定幅度：{}\n", f.statutory.text()));
    if f.upper_limit {
        s.push_str(&format!("    按上限查处：{}\n", yuan(f.band.max)));
    } else {
        s.push_str(&format!("    裁量区间：{}\n", f.band.text()));
    }
    if f.subject == FineSubject::EachPerson && persons > 1 {
        s.push_str(&format!(
            "    合计（{persons} 人）：{}\n",
            Range {
                min: f.band.min * Decimal::from(persons),
                max: f.band.max * Decimal::from(persons),
            }
            .text()
        ));
    }
    s.push_str(&format!(
        "    依据：{} {}（{}）\n",
        f.rule.id, f.rule.name, f.rule.legal_ref
    ));
}

impl PenaltyAssessment {
    /// Chinese text: facts, measures, fines, criminal referral, listing, basis.
    pub fn to_text(&self) -> String {
        let c = &self.case;
        let mut s = format!("处罚裁量：{}（{}）\n", c.offence.zh(), c.offence.code());
        s.push_str(&format!(
            "决定日期：{}    规则包：{}\n",
            self.as_of, self.pack
        ));
        let mut facts = vec![format!("违法所得 {}", yuan(c.illegal_gains_yuan))];
        if c.hidden_major_hazard {
            facts.push("故意隐瞒重大事故隐患".into());
        }
        if c.serious {
            facts.push("情节严重".into());
        }
        if c.responsible_persons > 0 {
            facts.push(format!("直接责任人员 {} 人", c.responsible_persons));
        }
        if c.deaths > 0 || c.serious_injuries > 0 || c.direct_loss_yuan > Decimal::ZERO {
            facts.push(format!(
                "事故后果：死亡 {} 人、重伤 {} 人、直接经济损失 {}",
                c.deaths,
                c.serious_injuries,
                yuan(c.direct_loss_yuan)
            ));
        }
        if c.prior_penalties > 0 {
            facts.push(format!("此前行政处罚 {} 次", c.prior_penalties));
        }
        s.push_str(&format!("认定事实：{}\n", facts.join("；")));
        for n in &self.notes {
            s.push_str(&format!("说明：{n}\n"));
        }
        s.push_str("\n处理措施：\n");
        for m in &self.measures {
            s.push_str(&format!("  - {}（{}）\n", m.text, m.rule.legal_ref));
        }
        s.push('\n');
        fine_text(&mut s, "机构罚款：", &self.agency_fine, 1);
        if let Some(p) = &self.person_fine {
            fine_text(
                &mut s,
                "直接责任人员罚款（每人）：",
                p,
                c.responsible_persons,
            );
        }
        s.push_str(&format!(
            "\n刑事移送：{}\n",
            match (self.criminal.assessed, self.criminal.recommended) {
                (true, true) => "建议移送司法机关",
                (true, false) => "暂不移送",
                (false, _) => "不适用",
            }
        ));
        for r in &self.criminal.reasons {
            s.push_str(&format!("    {r}\n"));
        }
        for r in &self.criminal.rules {
            s.push_str(&format!(
                "    依据：{} {}（{}）\n",
                r.id, r.name, r.legal_ref
            ));
        }
        match &self.dishonesty {
            Some(l) => {
                s.push_str("\n严重失信主体名单：经认定性质恶劣、情节严重的，列入名单\n");
                s.push_str(&format!(
                    "    自 {} 列入；{} 起可申请信用修复；{} 期满移出\n",
                    l.listed_on, l.repair_from, l.removal_on
                ));
                for r in &l.rules {
                    s.push_str(&format!(
                        "    依据：{} {}（{}）\n",
                        r.id, r.name, r.legal_ref
                    ));
                }
            }
            None => s.push_str("\n严重失信主体名单：不属于列入情形\n"),
        }
        s.push('\n');
        params_text(&mut s, "", &self.params);
        s
    }
}
