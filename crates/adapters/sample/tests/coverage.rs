//! The tiny sample carries every planted case of exchange v1 part C, checked on the data
//! themselves (not through the engine), for several seeds.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use zhongjie_core::chrono::{Datelike, NaiveDate};
use zhongjie_core::time::{end_of_local_day, local_date, whole_years};
use zhongjie_core::*;
use zhongjie_sample::{generate, Scale};

const SEEDS: [u64; 3] = [1, 7, 2024];

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 11, 30).unwrap()
}

fn tiny(seed: u64) -> Dataset {
    Dataset::new(generate(Scale::Tiny, seed, as_of())).unwrap()
}

fn days(n: i64) -> zhongjie_core::chrono::TimeDelta {
    zhongjie_core::chrono::TimeDelta::days(n)
}

fn haversine(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1) = (a.0.to_radians(), a.1.to_radians());
    let (la2, lo2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0088 * h.sqrt().asin()
}

/// Check-ins before the end of D, per practitioner, ordered by (check_in, record_id).
fn records(ds: &Dataset) -> BTreeMap<&str, Vec<&Attendance>> {
    let end = end_of_local_day(as_of()).unwrap();
    let mut by: BTreeMap<&str, Vec<&Attendance>> = BTreeMap::new();
    for a in &ds.tables().attendance {
        if a.check_in < end {
            by.entry(a.practitioner.as_str()).or_default().push(a);
        }
    }
    for v in by.values_mut() {
        v.sort_by(|a, b| (a.check_in, a.id.as_str()).cmp(&(b.check_in, b.id.as_str())));
    }
    by
}

#[test]
fn attendance_cases() {
    for seed in SEEDS {
        let ds = tiny(seed);
        let by = records(&ds);
        let mut overlap_other = 0;
        let mut overlap_same = 0;
        let mut infeasible = 0;
        let mut touching_near = 0;
        let mut feasible_hop = 0;
        for v in by.values() {
            for (i, a) in v.iter().enumerate() {
                for b in &v[i + 1..] {
                    if a.check_in < b.check_out && b.check_in < a.check_out {
                        if a.project == b.project {
                            overlap_same += 1;
                        } else {
                            overlap_other += 1;
                        }
                    }
                }
            }
            for w in v.windows(2) {
                let (a, b) = (w[0], w[1]);
                if a.project == b.project || b.check_in < a.check_out {
                    continue;
                }
                let km = haversine((a.lat, a.lon), (b.lat, b.lon));
                let hours = (b.check_in - a.check_out).num_seconds() as f64 / 3600.0;
                if km > 1.0 && km > 120.0 * hours {
                    infeasible += 1;
                } else if hours == 0.0 && km <= 1.0 {
                    touching_near += 1;
                } else if hours > 0.0 && hours < 3.0 && km > 1.0 {
                    feasible_hop += 1;
                }
            }
        }
        assert!(overlap_other >= 1, "seed {seed}: concurrent practice");
        assert!(overlap_same >= 1, "seed {seed}: overlap on one project");
        assert!(
            infeasible >= 2,
            "seed {seed}: infeasible travel (gap and touching)"
        );
        assert!(touching_near >= 1, "seed {seed}: touching at one site");
        assert!(feasible_hop >= 1, "seed {seed}: feasible hop");

        let t = ds.tables();
        assert!(t
            .attendance
            .iter()
            .any(|a| a.check_in.offset().local_minus_utc() == 0));
        assert!(t.attendance.iter().all(
            |a| a.check_out > a.check_in && local_date(&a.check_in) == local_date(&a.check_out)
        ));
        let end = end_of_local_day(as_of()).unwrap();
        assert!(
            t.attendance.iter().any(|a| a.check_in >= end),
            "records after D"
        );
        for a in &t.attendance {
            let local = a.check_in.with_timezone(&time::china_offset());
            let h = zhongjie_core::chrono::Timelike::hour(&local);
            assert!((8..18).contains(&h), "working hours: {}", a.check_in);
            assert!((27.0..31.5).contains(&a.lat) && (118.0..123.0).contains(&a.lon));
        }
    }
}

#[test]
fn project_cases() {
    let d = as_of();
    for seed in SEEDS {
        let ds = tiny(seed);
        let t = ds.tables();
        let types: BTreeSet<ServiceType> = t.projects.iter().map(|p| p.service_type).collect();
        assert_eq!(
            types.len(),
            ServiceType::ALL.len(),
            "seed {seed}: every service type"
        );
        let ended = |p: &&Project| p.service_ended_on.is_some_and(|e| e <= d);
        let non_eval = |p: &&Project| !p.service_type.is_evaluation();
        let upload = |p: &Project| p.report_uploaded_on.filter(|u| *u <= d);
        let due = |p: &Project| p.service_ended_on.map(|e| e + days(30));
        assert!(t
            .projects
            .iter()
            .filter(ended)
            .filter(non_eval)
            .any(|p| upload(p).is_none() && due(p).is_some_and(|x| x < d)));
        assert!(
            t.projects
                .iter()
                .filter(ended)
                .filter(non_eval)
                .any(|p| upload(p).is_some() && upload(p) == due(p)),
            "upload on day 30"
        );
        assert!(t
            .projects
            .iter()
            .filter(ended)
            .filter(non_eval)
            .any(|p| upload(p).is_some() && upload(p) == due(p).map(|x| x + days(1))));
        assert!(
            t.projects
                .iter()
                .filter(ended)
                .filter(non_eval)
                .any(|p| p.report_uploaded_on.is_none() && due(p) == Some(d)),
            "due on D"
        );
        assert!(t
            .projects
            .iter()
            .any(|p| p.report_uploaded_on.is_some_and(|u| u > d)));
        assert!(t
            .projects
            .iter()
            .any(|p| p.service_ended_on.is_some_and(|e| e + days(365) < d)));
        assert!(
            t.projects.iter().any(|p| p.contract_signed_on > d),
            "signed after D"
        );
        assert!(t
            .projects
            .iter()
            .any(|p| p.service_ended_on.is_some_and(|e| e > d)));
        assert!(t
            .projects
            .iter()
            .any(|p| p.service_started_on.is_some_and(|s| s <= d) && p.service_ended_on.is_none()));
        assert!(t.projects.iter().any(|p| p.government_funded));
        assert!(t.projects.iter().any(|p| !p.government_funded));
        assert!(t
            .projects
            .iter()
            .all(|p| p.fee_yuan.scale() == 2 && p.fee_yuan > 0.into()));
        // Practice notices: missing, after D, on the first site day.
        let evals: Vec<&Project> = t
            .projects
            .iter()
            .filter(|p| p.service_type.is_evaluation() && p.service_started_on.is_some())
            .collect();
        assert!(evals.iter().any(|p| p.notice_filed_on.is_none()));
        assert!(evals
            .iter()
            .any(|p| p.notice_filed_on.is_some_and(|n| n > d)));
        let first_site: HashMap<&str, NaiveDate> =
            t.attendance.iter().fold(HashMap::new(), |mut m, a| {
                let day = local_date(&a.check_in);
                let e = m.entry(a.project.as_str()).or_insert(day);
                *e = (*e).min(day);
                m
            });
        assert!(evals.iter().any(|p| p.notice_filed_on.is_some()
            && first_site.get(p.id.as_str()) == p.notice_filed_on.as_ref()));
        // Roots: an out-of-province head office with branches in Zhejiang; every status.
        let roots: Vec<&Agency> = t.agencies.iter().filter(|a| a.parent.is_none()).collect();
        assert!(roots.iter().any(|r| r.region.province().value() != 330000
            && t.agencies.iter().any(|b| b.parent.as_ref() == Some(&r.id)
                && b.region.province().value() == 330000
                && b.name.ends_with("分公司"))));
        let statuses: BTreeSet<AgencyStatus> = roots.iter().map(|r| r.status).collect();
        assert_eq!(statuses.len(), 4);
        assert!(roots
            .iter()
            .any(|r| r.kind == AgencyKind::SafetyEvaluation
                && r.qualified_until.is_some_and(|q| q < d)));
        // Social service agency doing an evaluation; a service type outside the scopes.
        assert!(t.projects.iter().any(|p| p.service_type.is_evaluation()
            && ds
                .root_of(p.agency.as_str())
                .is_some_and(|r| r.kind == AgencyKind::SocialService)));
        assert!(t.projects.iter().any(|p| ds
            .root_of(p.agency.as_str())
            .is_some_and(|r| !r.scopes.contains(&Scope::Service(p.service_type))
                && !p.service_type.is_evaluation())));
    }
}

#[test]
fn team_and_archive_cases() {
    let d = as_of();
    for seed in SEEDS {
        let ds = tiny(seed);
        let t = ds.tables();
        let roles: BTreeSet<Role> = t.team.iter().map(|m| m.role).collect();
        assert_eq!(roles.len(), Role::ALL.len());
        let root_of_project = |p: &str| {
            ds.project(p)
                .and_then(|p| ds.root_index_of(p.agency.as_str()))
        };
        let root_of_person = |q: &str| {
            ds.practitioner(q)
                .and_then(|q| ds.root_index_of(q.agency.as_str()))
        };
        assert!(
            t.team.iter().any(|m| m.role != Role::ExternalExpert
                && root_of_project(m.project.as_str()) != root_of_person(m.practitioner.as_str())),
            "staff of another tree"
        );
        assert!(t.team.iter().any(|m| m.role == Role::ExternalExpert
            && root_of_project(m.project.as_str()) != root_of_person(m.practitioner.as_str())));
        let on_site: HashSet<(&str, &str)> = t
            .attendance
            .iter()
            .map(|a| (a.project.as_str(), a.practitioner.as_str()))
            .collect();
        let ended: HashSet<&str> = t
            .projects
            .iter()
            .filter(|p| p.service_ended_on.is_some_and(|e| e <= d))
            .map(|p| p.id.as_str())
            .collect();
        assert!(t.team.iter().any(|m| m.role == Role::Leader
            && ended.contains(m.project.as_str())
            && !on_site.contains(&(m.project.as_str(), m.practitioner.as_str()))));
        let with_leader: HashSet<&str> = t
            .team
            .iter()
            .filter(|m| m.role == Role::Leader)
            .map(|m| m.project.as_str())
            .collect();
        assert!(
            ended.iter().any(|p| !with_leader.contains(p)),
            "a team without leader"
        );
        let stages: HashMap<&str, Vec<&StageRecord>> =
            t.stages.iter().fold(HashMap::new(), |mut m, s| {
                m.entry(s.project.as_str()).or_default().push(s);
                m
            });
        assert!(t.stages.iter().any(|s| s.completed_on > d), "stage after D");
        let missing = |p: &Project| {
            let need: &[Stage] = if p.service_type.is_evaluation() {
                &[
                    Stage::Contract,
                    Stage::Notice,
                    Stage::SiteSurvey,
                    Stage::Report,
                ]
            } else {
                &[
                    Stage::Contract,
                    Stage::Plan,
                    Stage::SiteSurvey,
                    Stage::Rectification,
                    Stage::Closure,
                ]
            };
            let have = stages.get(p.id.as_str()).cloned().unwrap_or_default();
            need.iter()
                .any(|n| !have.iter().any(|s| s.stage == *n && s.completed_on <= d))
        };
        assert!(t
            .projects
            .iter()
            .filter(|p| ended.contains(p.id.as_str()) && !p.service_type.is_evaluation())
            .any(missing));
        // Short service: below the minimum hours of its type.
        let hours: HashMap<&str, f64> = t.attendance.iter().fold(HashMap::new(), |mut m, a| {
            *m.entry(a.project.as_str()).or_default() +=
                (a.check_out - a.check_in).num_minutes() as f64 / 60.0;
            m
        });
        assert!(t.projects.iter().any(|p| ended.contains(p.id.as_str())
            && p.service_type == ServiceType::Training
            && hours.get(p.id.as_str()).copied().unwrap_or(0.0) < 4.0));
    }
}

#[test]
fn people_cases() {
    let d = as_of();
    for seed in SEEDS {
        let ds = tiny(seed);
        let t = ds.tables();
        let ps = &t.practitioners;
        for l in EvaluatorLevel::ALL {
            assert!(ps.iter().any(|p| p.evaluator_level == Some(*l)));
        }
        for g in SafetyEngineerGrade::ALL {
            assert!(ps.iter().any(|p| p.safety_engineer == Some(*g)));
        }
        for ti in Title::ALL {
            assert!(ps.iter().any(|p| p.title == *ti), "{ti}");
        }
        assert!(ps.iter().any(|p| p.expert_pool));
        assert!(ps.iter().any(|p| p.practice_since.is_none()));
        assert!(ps.iter().any(|p| p.practice_since.is_some_and(|x| x > d)));
        assert!(ps.iter().any(|p| !p.is_professional()));
        for p in ps {
            // Plausible birth dates inside the ID number; region of birth is a real code.
            let s = p.id_number.expose();
            let birth = NaiveDate::parse_from_str(&s[6..14], "%Y%m%d").unwrap();
            let age = whole_years(birth, d);
            assert!((22..=65).contains(&age), "{} is {age}", p.id);
            assert!(s[..6].parse::<RegionCode>().is_ok());
            if let Some(since) = p.practice_since {
                assert!(whole_years(birth, since) >= 21 || since > d);
            }
        }
        for a in &t.agencies {
            assert_eq!(&a.uscc.as_str()[2..8], a.region.to_string(), "{}", a.name);
            assert!(a.name.ends_with("有限公司") || a.name.ends_with("分公司"));
        }
        // Certificates: failed, pending, and an evaluator certificate that ended before a
        // project of its holder started (and another that ends on a start day).
        assert!(t
            .certificates
            .iter()
            .any(|c| c.verification == Verification::Failed));
        assert!(t
            .certificates
            .iter()
            .any(|c| c.verification == Verification::Pending));
        let starts: HashMap<&str, Vec<NaiveDate>> =
            t.team.iter().fold(HashMap::new(), |mut m, x| {
                if let Some(s) = ds
                    .project(x.project.as_str())
                    .and_then(|p| p.service_started_on)
                {
                    m.entry(x.practitioner.as_str()).or_default().push(s);
                }
                m
            });
        let mut certs: HashMap<&str, Vec<&Certificate>> = HashMap::new();
        for c in t
            .certificates
            .iter()
            .filter(|c| c.kind == CertificateKind::Evaluator)
        {
            certs.entry(c.practitioner.as_str()).or_default().push(c);
        }
        let held = |q: &str| certs.get(q).cloned().unwrap_or_default();
        assert!(starts.iter().any(|(q, ss)| ss
            .iter()
            .any(|s| *s <= d && !held(q).is_empty() && !held(q).iter().any(|c| c.valid_on(*s)))));
        assert!(starts.iter().any(|(q, ss)| ss
            .iter()
            .any(|s| held(q).iter().any(|c| c.valid_until == Some(*s)))));
        // Exams: every class in the window, only outside it, never, and a same-day tie.
        let w0 = d - days(365);
        let in_w = |x: &&Exam| x.taken_on > w0 && x.taken_on <= d;
        let scores: Vec<u8> = t.exams.iter().filter(in_w).map(|x| x.score).collect();
        assert!(scores.iter().any(|s| *s >= 90));
        assert!(scores.iter().any(|s| (75..90).contains(s)));
        assert!(scores.iter().any(|s| (60..75).contains(s)));
        assert!(scores.iter().any(|s| *s < 60));
        let tested: HashSet<&str> = t.exams.iter().map(|x| x.practitioner.as_str()).collect();
        let tested_in_w: HashSet<&str> = t
            .exams
            .iter()
            .filter(in_w)
            .map(|x| x.practitioner.as_str())
            .collect();
        assert!(ps.iter().any(|p| !tested.contains(p.id.as_str())));
        assert!(ps
            .iter()
            .any(|p| tested.contains(p.id.as_str()) && !tested_in_w.contains(p.id.as_str())));
        assert!(t.exams.iter().any(|x| x.taken_on > d));
        let mut same_day = HashSet::new();
        assert!(t
            .exams
            .iter()
            .any(|x| !same_day.insert((x.practitioner.as_str(), x.taken_on))));
    }
}

#[test]
fn contribution_cases() {
    let d = as_of();
    let m0 = YearMonth::of(d);
    for seed in SEEDS {
        let ds = tiny(seed);
        let t = ds.tables();
        let person: HashMap<ResidentId, &Practitioner> =
            t.practitioners.iter().map(|p| (p.id_number, p)).collect();
        let payer = |u: &Uscc| ds.payer_root(u).map_or(u.to_string(), |r| r.to_string());
        let mut pension: BTreeMap<(ResidentId, YearMonth), BTreeSet<String>> = BTreeMap::new();
        let mut pay: BTreeMap<(ResidentId, YearMonth), BTreeSet<String>> = BTreeMap::new();
        for c in &t.contributions {
            let m = if c.kind == ContributionKind::Pension {
                &mut pension
            } else {
                &mut pay
            };
            m.entry((c.id_number, c.month))
                .or_default()
                .insert(payer(&c.payer));
        }
        let window = |m: YearMonth| m < m0 && m >= m0.minus(12);
        let dual =
            |m: YearMonth, n: usize| pension.iter().any(|((_, x), s)| *x == m && s.len() >= n);
        assert!(
            pension.iter().any(|((_, m), s)| window(*m) && s.len() >= 2),
            "dual pension"
        );
        // Branch and head office paying in one month: several USCCs, one payer.
        let mut usccs: BTreeMap<(ResidentId, YearMonth), BTreeSet<Uscc>> = BTreeMap::new();
        for c in t
            .contributions
            .iter()
            .filter(|c| c.kind == ContributionKind::Pension)
        {
            usccs
                .entry((c.id_number, c.month))
                .or_default()
                .insert(c.payer);
        }
        assert!(usccs
            .iter()
            .any(|(k, u)| u.len() == 2 && pension.get(k).is_some_and(|s| s.len() == 1)));
        assert!(
            pension.iter().any(|((i, m), s)| window(*m)
                && s.len() == 1
                && pay
                    .get(&(*i, *m))
                    .is_some_and(|p| p.iter().any(|x| !s.contains(x)))),
            "pay mismatch"
        );
        // Dual pension outside the window (13 months back, and in D's own month).
        assert!(dual(m0.minus(13), 2) && dual(m0, 2));
        // A professional with a month missing among the three before D's month.
        assert!(t.practitioners.iter().any(|p| p.is_professional()
            && (1..=3).any(|k| !pension.contains_key(&(p.id_number, m0.minus(k))))));
        // A non-professional with missing months (no finding for them).
        assert!(t.practitioners.iter().any(|p| !p.is_professional()
            && (1..=3).any(|k| !pension.contains_key(&(p.id_number, m0.minus(k))))));
        assert!(t
            .contributions
            .iter()
            .any(|c| !person.contains_key(&c.id_number)));
        assert!(t.contributions.iter().any(|c| c.month > m0));
        let mut seen = HashSet::new();
        assert!(
            t.contributions.iter().any(|c| !seen.insert(*c)),
            "a repeated row"
        );
        let months: BTreeSet<YearMonth> = t.contributions.iter().map(|c| c.month).collect();
        assert!(months.contains(&m0.minus(35)));
        for k in [
            ContributionKind::Pension,
            ContributionKind::IncomeTax,
            ContributionKind::Payroll,
        ] {
            assert!(t.contributions.iter().any(|c| c.kind == k));
        }
    }
}

#[test]
fn enforcement_cases() {
    let d = as_of();
    for seed in SEEDS {
        let ds = tiny(seed);
        let t = ds.tables();
        for m in Measure::ALL {
            assert!(t.sanctions.iter().any(|s| s.measure == *m), "{m}");
        }
        for v in Violation::ALL {
            assert!(t.sanctions.iter().any(|s| s.violation == *v), "{v}");
        }
        let dl: Vec<&Sanction> = t
            .sanctions
            .iter()
            .filter(|s| s.measure == Measure::DishonestyListing && s.decided_on <= d)
            .collect();
        assert!(
            dl.iter().any(|s| s.ends_on.is_some_and(|e| e > d)),
            "running, with end"
        );
        assert!(
            dl.iter().any(|s| s.ends_on.is_some_and(|e| e <= d)),
            "ended"
        );
        assert!(dl
            .iter()
            .any(|s| s.ends_on.is_none() && s.decided_on + days(3 * 365) > d));
        assert!(dl
            .iter()
            .any(|s| s.ends_on.is_none() && s.decided_on + days(3 * 366) < d));
        let serious = |s: &&Sanction| {
            matches!(
                s.violation,
                Violation::FalseReport | Violation::QualificationLending
            )
        };
        assert!(t
            .sanctions
            .iter()
            .filter(serious)
            .any(|s| s.decided_on <= d && s.decided_on > d - days(1095)));
        assert!(t
            .sanctions
            .iter()
            .filter(serious)
            .any(|s| s.decided_on <= d - days(1095)));
        assert!(t.sanctions.iter().any(|s| s.decided_on > d));
        assert!(t
            .sanctions
            .iter()
            .any(|s| matches!(s.subject, Subject::Agency(_))));
        assert!(t
            .sanctions
            .iter()
            .any(|s| matches!(s.subject, Subject::Practitioner(_))));
        assert!(t
            .sanctions
            .iter()
            .filter(|s| s.measure == Measure::Fine)
            .all(|s| s.fine_yuan.is_some()));
        // Complaints.
        for st in ComplaintStatus::ALL {
            assert!(t.complaints.iter().any(|c| c.status == *st));
        }
        for cat in ComplaintCategory::ALL {
            assert!(t.complaints.iter().any(|c| c.category == *cat), "{cat}");
        }
        assert!(t.complaints.iter().any(|c| c
            .reporter_contact
            .as_ref()
            .is_some_and(|x| x.expose().len() == 11)));
        assert!(t.complaints.iter().any(|c| c.reporter_contact.is_none()));
        assert!(t.complaints.iter().any(|c| c.received_on > d));
        // Client events: every kind, an accident with severity and deaths, one after D.
        for k in ClientEventKind::ALL {
            assert!(t.client_events.iter().any(|e| e.kind == *k));
        }
        assert!(t
            .client_events
            .iter()
            .any(|e| e.kind == ClientEventKind::Accident && e.severity.is_some() && e.deaths > 0));
        assert!(t
            .client_events
            .iter()
            .all(|e| (e.kind == ClientEventKind::Accident) == e.severity.is_some()));
        assert!(t.client_events.iter().any(|e| e.occurred_on > d));
        // Inspections: every kind; an active safety evaluation root with none in three years.
        for k in InspectionKind::ALL {
            assert!(t.inspections.iter().any(|i| i.kind == *k));
        }
        assert!(t.inspections.iter().any(|i| i.inspected_on > d));
        let inspected: HashSet<usize> = t
            .inspections
            .iter()
            .filter(|i| i.inspected_on <= d && i.inspected_on > d - days(1095))
            .filter_map(|i| ds.root_index_of(i.agency.as_str()))
            .collect();
        assert!(ds.roots().any(|r| {
            let a = &t.agencies[r];
            a.kind == AgencyKind::SafetyEvaluation
                && a.status == AgencyStatus::Active
                && !inspected.contains(&r)
        }));
        assert!(ds.roots().any(|r| inspected.contains(&r)));
        let _ = d.year();
    }
}
