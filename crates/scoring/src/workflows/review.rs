//! 准入审查 — the entry review of a new safety evaluation qualification or a scope extension
//! (seed 二(一)2: 依法从严实施安全评价机构许可审查；社会保险、个人缴税记录、工资流水作为认定专职
//! 的重要参考；严格核查证书真实性及社保唯一性；强化内部管理制度、过程控制体系审核).
//!
//! The people reviewed are the professionals (专业技术人员) of the applicant's tree as the
//! dataset stands on the review date. A person *counts* towards the headcount when their
//! full-time evidence is complete, their social insurance is paid by no one else, and every
//! qualification they claim is backed by a verified certificate valid on that date.

use super::{params_text, yuan, Basis, ParamUse, RuleUse, WorkflowError};
use rustc_hash::FxHashMap;
use serde::Serialize;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::time::{add_years, YearMonth};
use zhongjie_core::workflows::{Application, ApplicationKind, Document, RegulatorLink};
use zhongjie_core::{
    AgencyId, AgencyKind, Certificate, CertificateKind, Contribution, ContributionKind, Dataset,
    EvaluatorLevel, IndustryScope, Measure, PractitionerId, RulePack, Scope, Subject, Title,
    Verification, Violation,
};

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckLine {
    /// The criterion's rule, with its legal reference.
    pub rule: RuleUse,
    /// Whether the criterion is met.
    pub passed: bool,
    /// What the criterion requires (Chinese).
    pub requirement: String,
    /// What was found (Chinese).
    pub actual: String,
    /// The evidence: people, months, sanctions, documents (Chinese).
    pub evidence: Vec<String>,
    /// The pack parameters the line used.
    pub params: Vec<ParamUse>,
}

/// The review of one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonCheck {
    /// Practitioner id.
    pub practitioner_id: PractitionerId,
    /// Name.
    pub name: String,
    /// Resident ID, masked (first 3 and last 4 characters).
    pub id_number: String,
    /// Qualifications claimed (Chinese).
    pub qualifications: Vec<String>,
    /// 安全评价师等级.
    pub evaluator_level: Option<EvaluatorLevel>,
    /// Holds a registered safety engineer grade.
    pub engineer: bool,
    /// Missing full-time evidence: `YYYY-MM 类别`.
    pub missing_evidence: Vec<String>,
    /// Pension paid by someone else: `YYYY-MM 缴费单位`.
    pub other_payers: Vec<String>,
    /// Certificate problems (Chinese).
    pub certificate_problems: Vec<String>,
    /// Counts towards the headcount and ratios.
    pub counted: bool,
}

/// The checklist of an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewChecklist {
    /// `pack@version`.
    pub pack: String,
    /// Review date.
    pub as_of: NaiveDate,
    /// Applicant (head office).
    pub agency_id: AgencyId,
    /// Applicant's name.
    pub agency_name: String,
    /// New or extension.
    pub kind: ApplicationKind,
    /// Scopes requested.
    pub requested_scopes: Vec<IndustryScope>,
    /// Scopes already held (extension only).
    pub held_scopes: Vec<IndustryScope>,
    /// Scopes after approval.
    pub total_scopes: Vec<IndustryScope>,
    /// One line per criterion.
    pub lines: Vec<CheckLine>,
    /// One row per professional of the tree, sorted by id.
    pub persons: Vec<PersonCheck>,
    /// Every line passed.
    pub passed: bool,
}

impl ReviewChecklist {
    /// The lines that failed.
    pub fn failed(&self) -> impl Iterator<Item = &CheckLine> {
        self.lines.iter().filter(|l| !l.passed)
    }
}

/// Reviews an application against the dataset as it stands on `as_of`.
pub fn review(
    ds: &Dataset,
    app: &Application,
    as_of: NaiveDate,
    pack: &RulePack,
) -> Result<ReviewChecklist, WorkflowError> {
    let view = ds.as_of(as_of);
    let t = view.tables();
    let Some(agency_row) = view.agency_index(app.agency.as_str()) else {
        return Err(WorkflowError::invalid(
            "unknown_agency",
            format!("申请机构 `{}` 不在数据集中", app.agency),
        ));
    };
    let root = view.root_index(agency_row);
    if root != agency_row {
        let head = t.agencies.get(root).map_or("", |a| a.id.as_str());
        return Err(WorkflowError::invalid(
            "not_head_office",
            format!(
                "`{}` 是分支机构，资质由总部 `{head}` 申请，应以总部名义提交",
                app.agency
            ),
        ));
    }
    let Some(agency) = t.agencies.get(root) else {
        return Err(WorkflowError::invalid(
            "unknown_agency",
            "申请机构不在数据集中",
        ));
    };
    let qualified = agency.kind == AgencyKind::SafetyEvaluation
        && agency.qualified_until.is_some_and(|u| u >= as_of);
    let held: Vec<IndustryScope> = {
        let mut v: Vec<IndustryScope> = agency
            .scopes
            .iter()
            .filter_map(|s| match s {
                Scope::Industry(i) => Some(*i),
                Scope::Service(_) => None,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let (held, total) = match app.kind {
        ApplicationKind::New => {
            if qualified {
                return Err(WorkflowError::invalid(
                    "already_qualified",
                    format!(
                        "`{}` 持有有效期至 {} 的安全评价资质，新增业务范围应按扩项（extension）申请",
                        agency.id,
                        agency.qualified_until.map_or_else(String::new, |d| d.to_string())
                    ),
                ));
            }
            (Vec::new(), sorted(app.scopes.clone()))
        }
        ApplicationKind::Extension => {
            if !qualified {
                return Err(WorkflowError::invalid(
                    "no_qualification",
                    format!(
                        "`{}` 在 {as_of} 没有有效的安全评价资质，不能申请扩项，应按新申请办理",
                        agency.id
                    ),
                ));
            }
            if let Some(s) = app.scopes.iter().find(|s| held.contains(s)) {
                return Err(WorkflowError::invalid(
                    "scope_already_held",
                    format!(
                        "`{}` 已持有业务范围 `{}`（{}），扩项只应列新增的业务范围",
                        agency.id,
                        s,
                        s.zh()
                    ),
                ));
            }
            let mut all = held.clone();
            all.extend(app.scopes.iter().copied());
            (held, sorted(all))
        }
    };

    let mut b = Basis::new(pack, as_of);
    let persons = review_persons(&view, root, as_of, &mut b)?;
    let person_params = b.take();
    let mut lines = Vec::new();

    // 专职安全评价师人数 — 25 + 5 per extra scope.
    let base = b.count("headcount.base")?;
    let per_extra = b.count("headcount.per_extra_scope")?;
    let n = total.len() as u32;
    let required = base + per_extra * n.saturating_sub(1);
    let counted_evaluators = persons
        .iter()
        .filter(|p| p.counted && p.evaluator_level.is_some())
        .count() as u32;
    let declared_evaluators = persons
        .iter()
        .filter(|p| p.evaluator_level.is_some())
        .count();
    lines.push(CheckLine {
        rule: b.rule("REVIEW_HEADCOUNT")?,
        passed: counted_evaluators >= required,
        requirement: format!(
            "专职安全评价师不少于 {required} 人（{base} + {per_extra} ×（{n} − 1），业务范围 {n} 项：{}）",
            zh_list(&total)
        ),
        actual: format!("申报安全评价师 {declared_evaluators} 人，经核查可计入 {counted_evaluators} 人"),
        evidence: persons
            .iter()
            .filter(|p| p.evaluator_level.is_some() && !p.counted)
            .map(|p| format!("{} {} 不计入：{}", p.practitioner_id, p.name, reasons(p)))
            .collect(),
        params: b.take(),
    });

    // 专职证明.
    let missing: Vec<String> = persons
        .iter()
        .filter(|p| !p.missing_evidence.is_empty())
        .map(|p| {
            format!(
                "{} {}：缺 {}",
                p.practitioner_id,
                p.name,
                p.missing_evidence.join("、")
            )
        })
        .collect();
    let (evidence_params, unique_params): (Vec<ParamUse>, Vec<ParamUse>) = person_params
        .into_iter()
        .partition(|p| p.key != "review.uniqueness_months");
    lines.push(CheckLine {
        rule: b.rule("REVIEW_FULL_TIME_EVIDENCE")?,
        passed: missing.is_empty(),
        requirement:
            "每名专业技术人员在申请日前各月均有本机构缴纳的养老保险、个人所得税和工资流水记录"
                .into(),
        actual: format!("{} 人中 {} 人记录不全", persons.len(), missing.len()),
        evidence: missing,
        params: evidence_params,
    });

    // 社保唯一性.
    let dual: Vec<String> = persons
        .iter()
        .filter(|p| !p.other_payers.is_empty())
        .map(|p| {
            format!(
                "{} {}：{}",
                p.practitioner_id,
                p.name,
                p.other_payers.join("；")
            )
        })
        .collect();
    lines.push(CheckLine {
        rule: b.rule("REVIEW_SOCIAL_INSURANCE_UNIQUE")?,
        passed: dual.is_empty(),
        requirement:
            "专业技术人员的养老保险只由申请机构（含分支机构）缴纳，数据集中任何其他单位均无缴纳记录"
                .into(),
        actual: format!(
            "{} 人中 {} 人存在其他单位缴纳的养老保险",
            persons.len(),
            dual.len()
        ),
        evidence: dual,
        params: unique_params,
    });

    // 证书核验.
    let cert: Vec<String> = persons
        .iter()
        .filter(|p| !p.certificate_problems.is_empty())
        .map(|p| {
            format!(
                "{} {}：{}",
                p.practitioner_id,
                p.name,
                p.certificate_problems.join("；")
            )
        })
        .collect();
    lines.push(CheckLine {
        rule: b.rule("REVIEW_CERTIFICATES")?,
        passed: cert.is_empty(),
        requirement: format!(
            "申报的每项资格均有 {as_of} 有效且核验通过的证书，且无核验未通过的证书"
        ),
        actual: format!("{} 人中 {} 人证书有问题", persons.len(), cert.len()),
        evidence: cert,
        params: Vec::new(),
    });

    // 一级、一级+二级比例 (unconfirmed: an assumption of the pack).
    let l1_pct = b.count("review.level1_share_percent")?;
    let l12_pct = b.count("review.level12_share_percent")?;
    let counted_levels: Vec<EvaluatorLevel> = persons
        .iter()
        .filter(|p| p.counted)
        .filter_map(|p| p.evaluator_level)
        .collect();
    let e = counted_levels.len() as u32;
    let l1 = counted_levels
        .iter()
        .filter(|l| **l == EvaluatorLevel::One)
        .count() as u32;
    let l12 = counted_levels
        .iter()
        .filter(|l| **l != EvaluatorLevel::Three)
        .count() as u32;
    lines.push(CheckLine {
        rule: b.rule("REVIEW_LEVEL_SHARE")?,
        passed: e > 0 && 100 * l1 >= l1_pct * e && 100 * l12 >= l12_pct * e,
        requirement: format!(
            "可计入的专职安全评价师中一级不低于 {l1_pct}%，一级与二级合计不低于 {l12_pct}%"
        ),
        actual: format!("可计入 {e} 人，其中一级 {l1} 人、一级与二级合计 {l12} 人"),
        evidence: Vec::new(),
        params: b.take(),
    });

    // 注册安全工程师比例.
    let pct = b.count("engineer_ratio.percent")?;
    let f = persons.iter().filter(|p| p.counted).count() as u32;
    let eng = persons.iter().filter(|p| p.counted && p.engineer).count() as u32;
    lines.push(CheckLine {
        rule: b.rule("REVIEW_ENGINEER_RATIO")?,
        passed: f > 0 && 100 * eng >= pct * f,
        requirement: format!("中级及以上注册安全工程师不少于可计入专业技术人员的 {pct}%"),
        actual: format!("可计入专业技术人员 {f} 人，其中注册安全工程师 {eng} 人"),
        evidence: Vec::new(),
        params: b.take(),
    });

    // 固定资产、场所、档案室.
    for (rule, key, have, what, unit) in [
        (
            "REVIEW_FIXED_ASSETS",
            "review.fixed_assets_min_yuan",
            app.fixed_assets_yuan,
            "固定资产",
            "元",
        ),
        (
            "REVIEW_FLOOR_AREA",
            "review.floor_area_min_m2",
            app.floor_area_m2,
            "工作场所建筑面积",
            "平方米",
        ),
        (
            "REVIEW_ARCHIVE_ROOM",
            "review.archive_area_min_m2",
            app.archive_area_m2,
            "档案室面积",
            "平方米",
        ),
    ] {
        let min = b.decimal(key)?;
        let show = |x| {
            if unit == "元" {
                yuan(x)
            } else {
                format!("{}{unit}", x.normalize())
            }
        };
        lines.push(CheckLine {
            rule: b.rule(rule)?,
            passed: have >= min,
            requirement: format!("{what}不少于 {}", show(min)),
            actual: format!("申报{what} {}", show(have)),
            evidence: Vec::new(),
            params: b.take(),
        });
    }

    // 三年内无重大违法失信记录.
    let years = b.count("review.violation_lookback_years")?;
    let measures: Vec<Measure> = b.codes("review.major_violation.measures")?;
    let violations: Vec<Violation> = b.codes("review.major_violation.violations")?;
    let since = add_years(as_of, -(years as i32)).unwrap_or(NaiveDate::MIN);
    let mut hits: Vec<(NaiveDate, String)> = t
        .sanctions
        .iter()
        .filter(|s| match &s.subject {
            Subject::Agency(a) => view.root_index_of(a.as_str()) == Some(root),
            Subject::Practitioner(_) => false,
        })
        .filter(|s| s.decided_on > since && s.decided_on <= as_of)
        .filter(|s| measures.contains(&s.measure) || violations.contains(&s.violation))
        .map(|s| {
            (
                s.decided_on,
                format!(
                    "{} {} {}：{}（{}）",
                    s.id,
                    s.decided_on,
                    s.subject.id(),
                    s.measure.zh(),
                    s.violation.zh()
                ),
            )
        })
        .collect();
    hits.sort();
    lines.push(CheckLine {
        rule: b.rule("REVIEW_NO_MAJOR_VIOLATION")?,
        passed: hits.is_empty(),
        requirement: format!(
            "{since} 之后（申请前 {years} 年内）机构及其分支机构无重大违法失信记录"
        ),
        actual: format!("重大违法失信记录 {} 条", hits.len()),
        evidence: hits.into_iter().map(|(_, s)| s).collect(),
        params: b.take(),
    });

    // 红顶中介.
    lines.push(CheckLine {
        rule: b.rule("REVIEW_NOT_REGULATOR_RUN")?,
        passed: app.regulator_link == RegulatorLink::None,
        requirement: "不属于应急管理部门所属单位、其出资企业或由其工作人员主办、控制的机构".into(),
        actual: format!("申报：{}", app.regulator_link.zh()),
        evidence: Vec::new(),
        params: Vec::new(),
    });

    // 制度文件.
    let mut required_docs: Vec<Document> = b.codes("review.required_documents")?;
    required_docs.extend(b.codes::<Document>("review.required_documents.secondary")?);
    let absent: Vec<String> = required_docs
        .iter()
        .filter(|d| !app.documents.contains(d))
        .map(|d| format!("缺少{}（{}）", d.zh(), d.code()))
        .collect();
    lines.push(CheckLine {
        rule: b.rule("REVIEW_DOCUMENTS")?,
        passed: absent.is_empty(),
        requirement: format!(
            "提交{}",
            required_docs
                .iter()
                .map(|d| d.zh())
                .collect::<Vec<_>>()
                .join("、")
        ),
        actual: format!(
            "已提交：{}",
            if app.documents.is_empty() {
                "无".to_owned()
            } else {
                app.documents
                    .iter()
                    .map(|d| d.zh())
                    .collect::<Vec<_>>()
                    .join("、")
            }
        ),
        evidence: absent,
        params: b.take(),
    });

    let passed = lines.iter().all(|l| l.passed);
    Ok(ReviewChecklist {
        pack: pack.stamp(),
        as_of,
        agency_id: agency.id.clone(),
        agency_name: agency.name.clone(),
        kind: app.kind,
        requested_scopes: app.scopes.clone(),
        held_scopes: held,
        total_scopes: total,
        lines,
        persons,
        passed,
    })
}

fn sorted(mut v: Vec<IndustryScope>) -> Vec<IndustryScope> {
    v.sort();
    v.dedup();
    v
}

fn zh_list(v: &[IndustryScope]) -> String {
    v.iter().map(|s| s.zh()).collect::<Vec<_>>().join("；")
}

fn reasons(p: &PersonCheck) -> String {
    let mut r = Vec::new();
    if !p.missing_evidence.is_empty() {
        r.push("专职证明不全");
    }
    if !p.other_payers.is_empty() {
        r.push("社保不唯一");
    }
    if !p.certificate_problems.is_empty() {
        r.push("证书未通过核验");
    }
    r.join("、")
}

/// The professionals of the tree at row `root`, each reviewed.
fn review_persons(
    view: &Dataset,
    root: usize,
    as_of: NaiveDate,
    b: &mut Basis<'_>,
) -> Result<Vec<PersonCheck>, WorkflowError> {
    let t = view.tables();
    let months = b.count("review.evidence_months")?;
    let kinds: Vec<ContributionKind> = b.codes("review.evidence_kinds")?;
    let unique_months = b.count("review.uniqueness_months")?;
    let this = YearMonth::of(as_of);
    let mut by_person: FxHashMap<&str, Vec<&Contribution>> = FxHashMap::default();
    for c in &t.contributions {
        by_person.entry(c.id_number.expose()).or_default().push(c);
    }
    let mut certs: FxHashMap<&str, Vec<&Certificate>> = FxHashMap::default();
    for c in &t.certificates {
        certs.entry(c.practitioner.as_str()).or_default().push(c);
    }
    let payer_name = |c: &Contribution| match view.payer_root(&c.payer) {
        Some(r) => t.agencies.get(r).map_or_else(
            || c.payer.to_string(),
            |a| format!("{}（{}）", a.name, a.id),
        ),
        None => format!("数据集外单位 {}", c.payer),
    };
    let mut out = Vec::new();
    for p in &t.practitioners {
        if view.root_index_of(p.agency.as_str()) != Some(root) || !p.is_professional() {
            continue;
        }
        let rows = by_person
            .get(p.id_number.expose())
            .map_or(&[][..], |v| v.as_slice());
        let ours = |c: &Contribution| view.payer_root(&c.payer) == Some(root);
        let mut missing_evidence = Vec::new();
        for k in (1..=months).rev() {
            let m = this.minus(k as i32);
            for kind in &kinds {
                if !rows
                    .iter()
                    .any(|c| c.month == m && c.kind == *kind && ours(c))
                {
                    missing_evidence.push(format!("{m} {}", kind.zh()));
                }
            }
        }
        let mut other: Vec<(YearMonth, String)> = rows
            .iter()
            .filter(|c| c.kind == ContributionKind::Pension && !ours(c))
            .filter(|c| c.month < this && c.month >= this.minus(unique_months as i32))
            .map(|c| (c.month, payer_name(c)))
            .collect();
        other.sort();
        other.dedup();
        let mut qualifications = Vec::new();
        let mut claimed = Vec::new();
        if let Some(l) = p.evaluator_level {
            qualifications.push(l.zh().to_owned());
            claimed.push(CertificateKind::Evaluator);
        }
        if let Some(g) = p.safety_engineer {
            qualifications.push(g.zh().to_owned());
            claimed.push(CertificateKind::SafetyEngineer);
        }
        if matches!(p.title, Title::Intermediate | Title::Senior) {
            qualifications.push(p.title.zh().to_owned());
            claimed.push(CertificateKind::Title);
        }
        let mine = certs.get(p.id.as_str()).map_or(&[][..], |v| v.as_slice());
        let mut certificate_problems: Vec<String> = mine
            .iter()
            .filter(|c| c.verification == Verification::Failed)
            .map(|c| format!("{} {} 核验未通过", c.kind.zh(), c.number))
            .collect();
        for kind in claimed {
            let valid: Vec<&&Certificate> = mine
                .iter()
                .filter(|c| c.kind == kind && c.valid_on(as_of))
                .collect();
            if valid
                .iter()
                .any(|c| c.verification == Verification::Verified)
            {
                continue;
            }
            match valid
                .iter()
                .find(|c| c.verification == Verification::Pending)
            {
                Some(c) => certificate_problems.push(format!("{} {} 待核验", kind.zh(), c.number)),
                None if valid.is_empty() => {
                    certificate_problems.push(format!("无 {as_of} 有效的{}", kind.zh()))
                }
                None => {}
            }
        }
        let counted =
            missing_evidence.is_empty() && other.is_empty() && certificate_problems.is_empty();
        out.push(PersonCheck {
            practitioner_id: p.id.clone(),
            name: p.name.clone(),
            id_number: p.id_number.masked(),
            qualifications,
            evaluator_level: p.evaluator_level,
            engineer: p.safety_engineer.is_some(),
            missing_evidence,
            other_payers: other.into_iter().map(|(m, w)| format!("{m} {w}")).collect(),
            certificate_problems,
            counted,
        });
    }
    out.sort_by(|a, b| a.practitioner_id.cmp(&b.practitioner_id));
    Ok(out)
}

impl ReviewChecklist {
    /// The checklist as Chinese text: a header, one block per criterion, the people, the verdict.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        s.push_str(&format!("安全评价机构准入审查（{}）\n", self.kind.zh()));
        s.push_str(&format!(
            "申请机构：{} {}\n",
            self.agency_id, self.agency_name
        ));
        s.push_str(&format!(
            "申请业务范围：{}\n",
            zh_list(&self.requested_scopes)
        ));
        if !self.held_scopes.is_empty() {
            s.push_str(&format!("已有业务范围：{}\n", zh_list(&self.held_scopes)));
        }
        s.push_str(&format!(
            "审查基准日：{}    规则包：{}\n\n",
            self.as_of, self.pack
        ));
        for (i, l) in self.lines.iter().enumerate() {
            s.push_str(&format!(
                "{:>2}. 【{}】{} {}\n",
                i + 1,
                if l.passed { "符合" } else { "不符合" },
                l.rule.id,
                l.rule.name
            ));
            s.push_str(&format!("    要求：{}\n", l.requirement));
            s.push_str(&format!("    核查：{}\n", l.actual));
            for e in &l.evidence {
                s.push_str(&format!("    证据：{e}\n"));
            }
            s.push_str(&format!("    依据：{}\n", l.rule.legal_ref));
            params_text(&mut s, "    ", &l.params);
        }
        s.push_str(&format!("\n人员核查明细（{} 人）：\n", self.persons.len()));
        for p in &self.persons {
            s.push_str(&format!(
                "  {} {} {} {}：{}\n",
                p.practitioner_id,
                p.name,
                p.id_number,
                p.qualifications.join("、"),
                if p.counted {
                    "可计入".to_owned()
                } else {
                    format!("不计入（{}）", reasons(p))
                }
            ));
        }
        let failed: Vec<&str> = self.failed().map(|l| l.rule.name.as_str()).collect();
        if failed.is_empty() {
            s.push_str(&format!(
                "\n审查结论：符合准入条件（{} 项全部符合）\n",
                self.lines.len()
            ));
        } else {
            s.push_str(&format!(
                "\n审查结论：不符合准入条件（{} 项不符合：{}）\n",
                failed.len(),
                failed.join("、")
            ));
        }
        s
    }
}
