//! Part C.1: the 20 finding rules (预警/违规线索). Each function reads the point-in-time view and
//! pushes findings; the numbers come from [`Params`](crate::params::Params).

use crate::context::{on_or_before, Ctx, Groups, Visit};
use crate::model::{Finding, FindingSubject, RuleId};
use zhongjie_core::chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use zhongjie_core::time::{local_date, plus_days};
use zhongjie_core::{
    AgencyKind, AgencyStatus, CertificateKind, IndustryScope, Role, Scope, Stage, Verification,
};

struct Out<'c, 'a> {
    ctx: &'c Ctx<'a>,
    v: Vec<Finding>,
}

impl Out<'_, '_> {
    fn push(
        &mut self,
        rule: RuleId,
        kind: FindingSubject,
        id: &str,
        date: NaiveDate,
        evidence: Vec<String>,
        root: u32,
    ) {
        let root = self.ctx.ds.tables().agencies[root as usize].id.clone();
        self.v.push(Finding {
            rule,
            subject_kind: kind,
            subject_id: id.to_owned(),
            date,
            evidence,
            root,
        });
    }
}

/// Runs every rule of C.1. The result is sorted and holds each identity once.
///
/// The rule families, and the halves of the people and of the projects, are independent jobs,
/// shared out over the cores (see `par`); they are put together in job order and sorted, so
/// the result does not depend on the scheduling.
pub fn all(ctx: &Ctx<'_>) -> Vec<Finding> {
    let people = &ctx.visits_by_practitioner;
    let (np, mid) = (people.len(), people.half_point());
    let npj = ctx.ds.tables().projects.len();
    let certs = evaluator_certs(ctx);
    let run = |f: &dyn Fn(&mut Out<'_, '_>)| {
        let mut out = Out { ctx, v: Vec::new() };
        f(&mut out);
        out.v
    };
    let jobs: [&(dyn Fn() -> Vec<Finding> + Sync); 7] = [
        &|| run(&|o| project_rules(o, 0..npj / 2, &certs)),
        &|| run(&|o| project_rules(o, npj / 2..npj, &certs)),
        &|| run(&|o| attendance_rules(o, 0..mid)),
        &|| run(&|o| attendance_rules(o, mid..np)),
        &|| run(&contribution_rules),
        &|| run(&agency_rules),
        &|| run(&certificate_rules),
    ];
    let mut v: Vec<Finding> = crate::par::run_all(ctx.threads, &jobs)
        .into_iter()
        .flatten()
        .collect();
    v.sort_by(|a, b| {
        (a.rule, a.subject_kind, &a.subject_id, &a.evidence, a.date).cmp(&(
            b.rule,
            b.subject_kind,
            &b.subject_id,
            &b.evidence,
            b.date,
        ))
    });
    v.dedup_by(|b, a| a.identity() == b.identity());
    v
}

/// A duration in nanoseconds (full precision of the datetimes).
fn nanoseconds(d: TimeDelta) -> i128 {
    i128::from(d.num_seconds()) * 1_000_000_000 + i128::from(d.subsec_nanos())
}

/// A duration in seconds, fractions included.
fn seconds(d: TimeDelta) -> f64 {
    nanoseconds(d) as f64 / 1e9
}

fn haversine_km(a: &Visit, b: &Visit, r: f64) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.lat.to_radians(),
        a.lon.to_radians(),
        b.lat.to_radians(),
        b.lon.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * r * h.sqrt().min(1.0).asin()
}

/// Whether travelling from `a` to `b` in `gap_s` seconds is beyond the pack's limits: farther
/// than the minimum distance and faster than the maximum speed (C.1 INFEASIBLE_TRAVEL).
fn infeasible(a: &Visit, b: &Visit, gap_s: f64, p: &crate::params::Params) -> bool {
    // The arc is at most the path along a meridian then a parallel, R·(|Δφ| + |Δλ|): when even
    // that (with a margin for rounding) is within both limits, the pair is feasible and the
    // trigonometry is skipped. Most consecutive visits are hours apart.
    let bound = p.earth_radius_km
        * ((b.lat - a.lat).abs() + (b.lon - a.lon).abs()).to_radians()
        * (1.0 + 1e-9)
        + 1e-9;
    if bound <= p.travel_min_distance_km || bound * 3600.0 <= p.travel_max_speed_kmh * gap_s {
        return false;
    }
    let dist = haversine_km(a, b, p.earth_radius_km);
    dist > p.travel_min_distance_km && dist * 3600.0 > p.travel_max_speed_kmh * gap_s
}

/// The records of one project still open at the sweep's instant: (check_out, row).
struct Bucket {
    project: u32,
    open: Vec<(DateTime<FixedOffset>, u32)>,
}

/// CONCURRENT_PRACTICE and INFEASIBLE_TRAVEL: per person, a sweep over the records sorted by
/// check-in. The records still open are kept in one bucket per project; a new record visits
/// the buckets of the other projects only, and a visited bucket either yields findings or is
/// emptied of closed records (each record is dropped once). So the work is O(n log n) for the
/// sort plus O(n + findings) for the sweep, also when many records of one project overlap.
fn attendance_rules(out: &mut Out<'_, '_>, people: std::ops::Range<usize>) {
    let ctx = out.ctx;
    let t = ctx.ds.tables();
    let mut buckets: Vec<Bucket> = Vec::new();
    let mut spare: Vec<Vec<(DateTime<FixedOffset>, u32)>> = Vec::new();
    let mut found: Vec<u32> = Vec::new();
    for pr in people {
        let visits = &ctx.visits_by_practitioner[pr];
        if visits.len() < 2 {
            continue;
        }
        let person = &t.practitioners[pr];
        let root = ctx.practitioner_root[pr];
        // Overlaps. Instants compare at full precision: a 0.4 s overlap is an overlap.
        for b in buckets.drain(..) {
            spare.push(b.open);
        }
        for b in visits {
            let mut k = 0;
            let mut own_bucket = None;
            while k < buckets.len() {
                if buckets[k].project == b.project {
                    own_bucket = Some(k);
                    k += 1;
                    continue;
                }
                found.clear();
                buckets[k].open.retain(|&(out_at, ai)| {
                    let live = out_at > b.check_in;
                    if live {
                        found.push(ai);
                    }
                    live
                });
                for &ai in &found {
                    let (a, b) = (&t.attendance[ai as usize], &t.attendance[b.row as usize]);
                    let mut ev = vec![a.id.to_string(), b.id.to_string()];
                    ev.sort();
                    let later = if a.check_in >= b.check_in { a } else { b };
                    out.push(
                        RuleId::ConcurrentPractice,
                        FindingSubject::Practitioner,
                        person.id.as_str(),
                        local_date(&later.check_in),
                        ev,
                        root,
                    );
                }
                if buckets[k].open.is_empty() {
                    // The bucket moved into `k` (from the end) has not been visited yet; the
                    // own bucket, if visited, sits below `k` and stays where it is.
                    let gone = buckets.swap_remove(k);
                    spare.push(gone.open);
                } else {
                    k += 1;
                }
            }
            match own_bucket {
                Some(k) => buckets[k].open.push((b.check_out, b.row)),
                None => {
                    let mut open = spare.pop().unwrap_or_default();
                    open.clear();
                    open.push((b.check_out, b.row));
                    buckets.push(Bucket {
                        project: b.project,
                        open,
                    });
                }
            }
        }
        // Travel: consecutive records in (check_in, record_id) order.
        for w in visits.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.project == b.project || b.check_in < a.check_out {
                continue;
            }
            let gap_s = seconds(b.check_in - a.check_out);
            if infeasible(a, b, gap_s, ctx.p) {
                let (a, b) = (&t.attendance[a.row as usize], &t.attendance[b.row as usize]);
                out.push(
                    RuleId::InfeasibleTravel,
                    FindingSubject::Practitioner,
                    person.id.as_str(),
                    local_date(&b.check_in),
                    vec![a.id.to_string(), b.id.to_string()],
                    root,
                );
            }
        }
    }
}

/// DUAL_PENSION, PAY_MISMATCH, NOT_FULL_TIME.
fn contribution_rules(out: &mut Out<'_, '_>) {
    let ctx = out.ctx;
    let t = ctx.ds.tables();
    let m0 = zhongjie_core::YearMonth::of(ctx.d);
    let scan = ctx.p.pension_scan_months as usize;
    let mut people: Vec<(&u32, &Vec<crate::context::MonthFacts>)> = ctx.months.iter().collect();
    people.sort_by_key(|(k, _)| **k);
    for (&pr, facts) in people {
        let person = &t.practitioners[pr as usize];
        let root = ctx.practitioner_root[pr as usize];
        for (i, f) in facts.iter().enumerate().take(scan) {
            let month = m0.minus(i as i32 + 1);
            if f.pension.len() >= 2 {
                out.push(
                    RuleId::DualPension,
                    FindingSubject::Practitioner,
                    person.id.as_str(),
                    month.first_day(),
                    vec![month.to_string()],
                    root,
                );
            } else if let [p] = f.pension.as_slice() {
                if f.other.iter().any(|o| o != p) {
                    out.push(
                        RuleId::PayMismatch,
                        FindingSubject::Practitioner,
                        person.id.as_str(),
                        month.first_day(),
                        vec![month.to_string()],
                        root,
                    );
                }
            }
        }
    }
    for (pr, person) in t.practitioners.iter().enumerate() {
        if person.is_professional() && !ctx.full_time[pr] {
            out.push(
                RuleId::NotFullTime,
                FindingSubject::Practitioner,
                person.id.as_str(),
                ctx.d,
                Vec::new(),
                ctx.practitioner_root[pr],
            );
        }
    }
}

/// Per-tree head counts shared by the agency rules and the explanations.
#[derive(Debug, Clone, Default)]
pub struct TreeCounts {
    /// Full-time evaluators without a failed evaluator certificate.
    pub evaluators: u32,
    /// Full-time professionals.
    pub professionals: u32,
    /// Full-time professionals with a registered safety engineer grade.
    pub engineers: u32,
    /// Projects running on D.
    pub running: u32,
}

/// Counts per root row.
pub fn tree_counts(ctx: &Ctx<'_>) -> Vec<TreeCounts> {
    let t = ctx.ds.tables();
    let mut failed_evaluator = vec![false; t.practitioners.len()];
    for c in &t.certificates {
        if c.kind == CertificateKind::Evaluator && c.verification == Verification::Failed {
            if let Some(i) = ctx.ds.practitioner_index(c.practitioner.as_str()) {
                failed_evaluator[i] = true;
            }
        }
    }
    let mut counts = vec![TreeCounts::default(); t.agencies.len()];
    for (i, p) in t.practitioners.iter().enumerate() {
        if !ctx.full_time[i] {
            continue;
        }
        let c = &mut counts[ctx.practitioner_root[i] as usize];
        if p.evaluator_level.is_some() && !failed_evaluator[i] {
            c.evaluators += 1;
        }
        if p.is_professional() {
            c.professionals += 1;
            if p.safety_engineer.is_some() {
                c.engineers += 1;
            }
        }
    }
    for (i, pj) in t.projects.iter().enumerate() {
        if !ctx.project_kept[i] {
            continue;
        }
        let running = ctx.started(pj).is_some() && ctx.ended(pj).is_none_or(|e| e >= ctx.d);
        if running {
            counts[ctx.project_root[i] as usize].running += 1;
        }
    }
    counts
}

/// Distinct industry scopes of a root.
pub fn industry_scopes(scopes: &[Scope]) -> u32 {
    let mut v: Vec<IndustryScope> = scopes
        .iter()
        .filter_map(|s| match s {
            Scope::Industry(i) => Some(*i),
            Scope::Service(_) => None,
        })
        .collect();
    v.sort();
    v.dedup();
    v.len() as u32
}

/// HEADCOUNT_SHORTFALL, ENGINEER_RATIO_SHORTFALL, MIN_PROFESSIONALS, CAPACITY_EXCEEDED.
fn agency_rules(out: &mut Out<'_, '_>) {
    let ctx = out.ctx;
    let p = ctx.p;
    let t = ctx.ds.tables();
    let counts = tree_counts(ctx);
    for r in ctx.ds.roots() {
        let a = &t.agencies[r];
        if a.status != AgencyStatus::Active {
            continue;
        }
        let c = &counts[r];
        let id = a.id.as_str();
        let r32 = r as u32;
        if a.kind == AgencyKind::SafetyEvaluation {
            let scopes = industry_scopes(&a.scopes);
            let required =
                p.headcount_base + p.headcount_per_extra_scope * scopes.saturating_sub(1);
            if c.evaluators < required {
                let ev = vec![required.to_string(), c.evaluators.to_string()];
                out.push(
                    RuleId::HeadcountShortfall,
                    FindingSubject::Agency,
                    id,
                    ctx.d,
                    ev,
                    r32,
                );
            }
        }
        if c.professionals > 0
            && u64::from(c.engineers) * 100
                < u64::from(p.engineer_ratio_percent) * u64::from(c.professionals)
        {
            let ev = vec![c.engineers.to_string(), c.professionals.to_string()];
            out.push(
                RuleId::EngineerRatioShortfall,
                FindingSubject::Agency,
                id,
                ctx.d,
                ev,
                r32,
            );
        }
        if a.kind == AgencyKind::SocialService && c.professionals < p.min_professionals_social {
            let ev = vec![
                p.min_professionals_social.to_string(),
                c.professionals.to_string(),
            ];
            out.push(
                RuleId::MinProfessionals,
                FindingSubject::Agency,
                id,
                ctx.d,
                ev,
                r32,
            );
        }
        if u64::from(c.running)
            > u64::from(p.capacity_per_professional) * u64::from(c.professionals)
        {
            let ev = vec![c.running.to_string(), c.professionals.to_string()];
            out.push(
                RuleId::CapacityExceeded,
                FindingSubject::Agency,
                id,
                ctx.d,
                ev,
                r32,
            );
        }
    }
}

/// The project rules.
/// Evaluator certificate rows per practitioner row, for CERT_EXPIRED_ON_PROJECT.
fn evaluator_certs(ctx: &Ctx<'_>) -> Groups {
    let t = ctx.ds.tables();
    Groups::of_rows(t.practitioners.len(), || {
        t.certificates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.kind == CertificateKind::Evaluator)
            .filter_map(|(i, c)| {
                let pr = ctx.ds.practitioner_index(c.practitioner.as_str())?;
                Some((pr as u32, i as u32))
            })
    })
}

fn project_rules(
    out: &mut Out<'_, '_>,
    projects: std::ops::Range<usize>,
    evaluator_certs: &Groups,
) {
    let ctx = out.ctx;
    let p = ctx.p;
    let t = ctx.ds.tables();
    let d = ctx.d;
    for (i, pj) in t
        .projects
        .iter()
        .enumerate()
        .take(projects.end)
        .skip(projects.start)
    {
        if !ctx.project_kept[i] {
            continue;
        }
        let r = ctx.project_root[i];
        let root = &t.agencies[r as usize];
        let id = pj.id.as_str();
        let eval = pj.service_type.is_evaluation();
        let started = ctx.started(pj);
        let ended = ctx.ended(pj);
        let team: Vec<&zhongjie_core::TeamMember> = ctx.team_by_project[i]
            .iter()
            .map(|&m| &t.team[m as usize])
            .collect();
        let attendance = &ctx.attendance_by_project[i];
        let subject = FindingSubject::Project;

        // QUALIFICATION_INVALID
        if let (true, Some(s)) = (eval, started) {
            if root.qualified_until.is_none_or(|q| q < s) {
                out.push(RuleId::QualificationInvalid, subject, id, s, Vec::new(), r);
            }
        }
        // OUT_OF_SCOPE
        let in_scope = if eval {
            root.kind == AgencyKind::SafetyEvaluation
                && pj
                    .scope
                    .is_some_and(|s| root.scopes.contains(&Scope::Industry(s)))
        } else {
            root.scopes.contains(&Scope::Service(pj.service_type))
        };
        if !in_scope {
            out.push(
                RuleId::OutOfScope,
                subject,
                id,
                pj.contract_signed_on,
                Vec::new(),
                r,
            );
        }
        // NOTICE_LATE
        if eval && !attendance.is_empty() {
            let first = attendance
                .iter()
                .map(|&a| local_date(&t.attendance[a as usize].check_in))
                .min();
            if let Some(first) = first {
                let notice = on_or_before(pj.notice_filed_on, d);
                let latest_ok = zhongjie_core::time::minus_days(first, p.notice_lead_days);
                if notice.is_none_or(|n| n > latest_ok) {
                    out.push(RuleId::NoticeLate, subject, id, first, Vec::new(), r);
                }
            }
        }
        // REPORT_OVERDUE
        if let (false, Some(e)) = (eval, ended) {
            let due = plus_days(e, p.report_due_days);
            let late = match on_or_before(pj.report_uploaded_on, d) {
                None => d > due,
                Some(u) => u > due,
            };
            if late {
                out.push(RuleId::ReportOverdue, subject, id, due, Vec::new(), r);
            }
        }
        if let Some(e) = ended {
            // ARCHIVE_INCOMPLETE
            let required: &[Stage] = if eval {
                &p.archive_required_evaluation
            } else {
                &p.archive_required_other
            };
            let have: Vec<Stage> = ctx.stages_by_project[i]
                .iter()
                .map(|&s| t.stages[s as usize].stage)
                .collect();
            let mut missing: Vec<String> = required
                .iter()
                .filter(|s| !have.contains(s))
                .map(|s| s.code().to_owned())
                .collect();
            if !missing.is_empty() {
                missing.sort();
                missing.dedup();
                out.push(RuleId::ArchiveIncomplete, subject, id, e, missing, r);
            }
            // LEADER_ABSENT
            let leaders: Vec<&zhongjie_core::PractitionerId> = team
                .iter()
                .filter(|m| m.role == Role::Leader)
                .map(|m| &m.practitioner)
                .collect();
            if leaders.is_empty() {
                out.push(RuleId::LeaderAbsent, subject, id, e, Vec::new(), r);
            } else {
                let mut absent: Vec<String> = leaders
                    .iter()
                    .filter(|l| {
                        !attendance
                            .iter()
                            .any(|&a| t.attendance[a as usize].practitioner == ***l)
                    })
                    .map(|l| l.to_string())
                    .collect();
                if !absent.is_empty() {
                    absent.sort();
                    absent.dedup();
                    out.push(RuleId::LeaderAbsent, subject, id, e, absent, r);
                }
            }
            // DURATION_SHORT
            // Summed in nanoseconds, so fractions of a second add up exactly.
            let nanos: i128 = attendance
                .iter()
                .map(|&a| {
                    let x = &t.attendance[a as usize];
                    nanoseconds(x.check_out - x.check_in)
                })
                .sum();
            if nanos < i128::from(p.min_seconds(pj.service_type)) * 1_000_000_000 {
                out.push(RuleId::DurationShort, subject, id, e, Vec::new(), r);
            }
        }
        if let Some(s) = started {
            // NO_QUALIFIED_SPECIALIST
            if eval {
                let qualified = pj.scope.is_some_and(|scope| {
                    team.iter().any(|m| {
                        matches!(m.role, Role::Leader | Role::Member)
                            && ctx
                                .ds
                                .practitioner(m.practitioner.as_str())
                                .is_some_and(|x| x.specialties.contains(&scope))
                    })
                });
                if !qualified {
                    out.push(RuleId::NoQualifiedSpecialist, subject, id, s, Vec::new(), r);
                }
            }
            // STAFF_NOT_EMPLOYED and CERT_EXPIRED_ON_PROJECT
            let mut foreign = Vec::new();
            let mut expired = Vec::new();
            for m in team.iter().filter(|m| m.role != Role::ExternalExpert) {
                let Some(pr) = ctx.ds.practitioner_index(m.practitioner.as_str()) else {
                    continue;
                };
                if ctx.practitioner_root[pr] != r {
                    foreign.push(m.practitioner.to_string());
                }
                let certs = &evaluator_certs[pr];
                if !certs.is_empty()
                    && !certs
                        .iter()
                        .any(|&c| t.certificates[c as usize].valid_on(s))
                {
                    expired.push(m.practitioner.to_string());
                }
            }
            for (rule, mut ids) in [
                (RuleId::StaffNotEmployed, foreign),
                (RuleId::CertExpiredOnProject, expired),
            ] {
                if !ids.is_empty() {
                    ids.sort();
                    ids.dedup();
                    out.push(rule, subject, id, s, ids, r);
                }
            }
        }
    }
}

/// CERT_INVALID.
fn certificate_rules(out: &mut Out<'_, '_>) {
    let ctx = out.ctx;
    let t = ctx.ds.tables();
    for c in &t.certificates {
        if c.verification != Verification::Failed {
            continue;
        }
        if let Some(pr) = ctx.ds.practitioner_index(c.practitioner.as_str()) {
            out.push(
                RuleId::CertInvalid,
                FindingSubject::Practitioner,
                c.practitioner.as_str(),
                ctx.d,
                vec![c.number.clone()],
                ctx.practitioner_root[pr],
            );
        }
    }
}
