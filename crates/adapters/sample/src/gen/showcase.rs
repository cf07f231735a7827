//! The eight showcase trees: hand-placed cases that together exercise every rule and branch of
//! exchange v1 part C (findings, grades with vetoes, stars, must-inspect), each with the
//! neighbouring case that must *not* fire. Dates are relative to the as-of date D.
//!
//! | tree | kind | role |
//! |---|---|---|
//! | 0 | safety evaluation, 杭州 + 宁波/温州 branches | grade A: concurrent practice, infeasible travel, touching and feasible hops, notice on the first site day, report on day 30, client hazard, records after D |
//! | 1 | social service, 宁波 | grade B: report deadlines (day 31, missing, due = D, uploaded after D, before W), archive, short duration, absent leader, touching far sites, expired dishonesty listings |
//! | 2 | safety evaluation, 上海 head office + 嘉兴/温州 branches | vetoes: headcount, no specialist, out-of-scope industry, borrowed staff, missing/late notice, failed certificate, dual pension with another tree, no inspection in 3 years |
//! | 3 | social service, 温州, 4 people | grade C: too few professionals, no engineers, capacity exceeded, out-of-scope service, pay mismatch |
//! | 4 | social service, suspended | no leader, evaluation by a social service agency, stage after D, 挂证 (pension elsewhere), client penalty |
//! | 5 | safety evaluation, qualification expired | qualification invalid, certificate expired on a project (and valid on its last day), dishonesty listing without end, practitioner sanctions, client accident, inspection only after D |
//! | 6 | social service, revoked | dual pension with an outside enterprise, revocation |
//! | 7 | social service, cancelled | no grade and never must-inspect, even with a complaint |

use super::people::{CertPlan, ExamPlan, Pension};
use super::plan::{Arche, TreePlan};
use super::projects::{Draft, Member, Notice, PairKind, Rec, Spec};
use super::{round6, Gen};
use zhongjie_core::*;

use IndustryScope as I;
use ServiceType as S;

/// Contract, start, end and upload, in days from D.
type Dates = (i32, Option<i32>, Option<i32>, Option<i32>);

impl Gen<'_> {
    fn set_person(&mut self, i: usize, f: impl FnOnce(&mut super::people::Person)) {
        if let Some(p) = self.people.get_mut(i) {
            f(p);
        }
    }

    /// At least 40 % of the professionals hold a registered safety engineer grade.
    fn ensure_ratio(&mut self) {
        let f = self.people.iter().filter(|p| p.professional()).count();
        let mut e = self.people.iter().filter(|p| p.engineer.is_some()).count();
        for p in self.people.iter_mut() {
            if 100 * e >= 40 * f {
                break;
            }
            if p.professional() && p.engineer.is_none() {
                p.engineer = Some(SafetyEngineerGrade::Intermediate);
                e += 1;
            }
        }
    }

    /// Qualifications and planted patterns of the people of a showcase tree.
    pub(super) fn showcase_people(&mut self, tp: &TreePlan) {
        let plain = |p: &mut super::people::Person, title: Title| {
            p.level = None;
            p.engineer = None;
            p.title = title;
        };
        match tp.arche {
            Arche::Model => {
                self.set_person(0, |p| {
                    p.level = Some(EvaluatorLevel::One);
                    p.exam = ExamPlan::Tie(72, 91);
                });
                self.set_person(1, |p| {
                    p.level = Some(EvaluatorLevel::Two);
                    p.exam = ExamPlan::Recent(80);
                });
                self.set_person(2, |p| {
                    p.level = Some(EvaluatorLevel::Three);
                    p.exam = ExamPlan::Recent(66);
                });
                self.set_person(27, |p| {
                    p.agency = 1;
                    p.pension = Pension::BranchAndHead;
                });
                self.set_person(29, |p| {
                    p.engineer = Some(SafetyEngineerGrade::Intermediate);
                    p.pension = Pension::Missing { months: vec![2] };
                });
            }
            Arche::Ordinary => {
                let outside = self.outside_payer(tp);
                self.set_person(0, |p| {
                    plain(p, Title::Senior);
                    p.exam = ExamPlan::Recent(80);
                    p.pension = Pension::Repeated;
                });
                self.set_person(1, |p| {
                    plain(p, Title::Junior);
                    p.engineer = Some(SafetyEngineerGrade::Senior);
                    p.exam = ExamPlan::Recent(65);
                });
                self.set_person(2, |p| {
                    plain(p, Title::Intermediate);
                    p.engineer = Some(SafetyEngineerGrade::Intermediate);
                });
                self.set_person(3, |p| {
                    plain(p, Title::Intermediate);
                    p.expert = true;
                    p.exam = ExamPlan::Recent(52);
                });
                let after = self.rel(15);
                self.set_person(4, |p| {
                    plain(p, Title::Senior);
                    p.practice_since = Some(after);
                });
                self.set_person(5, |p| {
                    plain(p, Title::Junior);
                    p.engineer = Some(SafetyEngineerGrade::Intermediate);
                    p.practice_since = None;
                });
                self.set_person(6, |p| {
                    plain(p, Title::Intermediate);
                    p.pension = Pension::OutsideWindow { payer: outside };
                });
                self.set_person(7, |p| {
                    plain(p, Title::Junior);
                    p.specialties.clear();
                    p.pension = Pension::Missing { months: vec![1, 2] };
                });
            }
            Arche::OutOfProvince => {
                for i in 0..4 {
                    self.set_person(i, |p| p.specialties = vec![I::Petrochemical]);
                }
                for i in 4..6 {
                    self.set_person(i, |p| p.specialties = vec![I::OnshorePipeline]);
                }
                self.set_person(5, |p| p.cert = CertPlan::Failed);
                let payer = match self.trees.get(3).and_then(|t| t.agencies.first()) {
                    Some(a) => a.uscc,
                    None => self.outside_payer(tp),
                };
                self.set_person(4, |p| {
                    p.pension = Pension::Dual {
                        payer,
                        from: 2,
                        to: 2,
                    }
                });
                self.set_person(8, |p| p.exam = ExamPlan::Never);
            }
            Arche::Small => {
                let outside = self.outside_payer(tp);
                self.set_person(0, |p| plain(p, Title::Senior));
                self.set_person(1, |p| {
                    plain(p, Title::Intermediate);
                    p.pension = Pension::PayMismatch {
                        payer: outside,
                        months: vec![4],
                    };
                });
                self.set_person(2, |p| plain(p, Title::Intermediate));
                self.set_person(3, |p| plain(p, Title::Junior));
            }
            Arche::Suspended => {
                let a = self.outside_payer(tp);
                let b = self.outside_payer(tp);
                self.set_person(0, |p| {
                    plain(p, Title::Intermediate);
                    p.pension = Pension::Hanging { payer: a };
                });
                self.set_person(1, |p| p.pension = Pension::Future { payer: b });
                self.set_person(2, |p| p.exam = ExamPlan::AfterOnly(88));
            }
            Arche::Expired => {
                let lapse = self.rel(-120);
                self.set_person(0, |p| {
                    p.level = Some(EvaluatorLevel::One);
                    p.expert = true;
                });
                self.set_person(2, |p| p.cert = CertPlan::Lapsed(lapse));
                self.set_person(5, |p| p.exam = ExamPlan::OldOnly(85));
            }
            Arche::Revoked => {
                let payer = self.outside_payer(tp);
                self.set_person(0, |p| {
                    plain(p, Title::Intermediate);
                    p.pension = Pension::Dual {
                        payer,
                        from: 5,
                        to: 1,
                    };
                });
            }
            Arche::Cancelled => {
                self.set_person(1, |p| plain(p, Title::None));
            }
            Arche::Random => {}
        }
        if tp.arche != Arche::Small {
            self.ensure_ratio();
        }
    }

    /// A draft with dates relative to D.
    #[allow(clippy::too_many_arguments)]
    fn mk(
        &mut self,
        tp: &TreePlan,
        agency: usize,
        st: ServiceType,
        scope: Option<IndustryScope>,
        dates: Dates,
        fresh: bool,
    ) -> Draft {
        let (c, s, e, u) = dates;
        let city = self.agency_city(tp, agency);
        let spec = Spec {
            agency,
            st,
            scope,
            city,
            fresh_client: fresh,
            contract: self.rel(c),
            start: s.map(|x| self.rel(x)),
            end: e.map(|x| self.rel(x)),
            upload: u.map(|x| self.rel(x)),
        };
        let work_end = match (e, s) {
            (Some(e), _) => self.rel(e),
            (None, Some(s)) => self.rel(s.max(-10) + 40),
            (None, None) => self.rel(c + 40),
        };
        self.draft(spec, work_end)
    }

    /// Replaces the local team: leader, members, reviewer (external members stay).
    fn set_team(dr: &mut Draft, leader: Option<u32>, members: &[u32], reviewer: Option<u32>) {
        dr.team.retain(|(m, _)| matches!(m, Member::Foreign(_)));
        let mut t = Vec::new();
        if let Some(l) = leader {
            t.push((Member::Local(l), Role::Leader));
        }
        for m in members {
            t.push((Member::Local(*m), Role::Member));
        }
        if let Some(r) = reviewer {
            t.push((Member::Local(r), Role::Reviewer));
        }
        t.append(&mut dr.team);
        dr.team = t;
    }

    fn leader_of(dr: &Draft) -> Option<u32> {
        dr.team.iter().find_map(|(m, r)| match (m, r) {
            (Member::Local(l), Role::Leader) => Some(*l),
            _ => None,
        })
    }

    /// Plans a check-in of `person` on the weekday from `day` on (relative to D).
    fn plan_rec(&mut self, dr: &mut Draft, person: u32, day: i32, span: (u32, u32), utc: bool) {
        let mut d = self.weekday_from(self.rel(day));
        while self.occupied.contains(&(person, d)) {
            d = self.weekday_from(d + 1);
        }
        self.plan_rec_on(dr, person, d, span, utc);
    }

    /// Plans a check-in on exactly the day number `d`.
    fn plan_rec_on(&mut self, dr: &mut Draft, person: u32, d: i32, span: (u32, u32), utc: bool) {
        let jl = (self.unit() - 0.5) * 0.001;
        let jo = (self.unit() - 0.5) * 0.001;
        dr.planned.push(Rec {
            person,
            day: d,
            in_min: span.0,
            out_min: span.1,
            lat: round6(dr.lat + jl),
            lon: round6(dr.lon + jo),
            utc,
        });
        self.occupied.insert((person, d));
    }

    fn emit_pair(&mut self, tp: &TreePlan, kind: PairKind, around: i32, x: u32) -> usize {
        let around = self.rel(around);
        match self.pair(tp, kind, around, Some(x)) {
            Some((a, b)) => {
                self.emit(tp, a);
                self.emit(tp, b);
                2
            }
            None => 0,
        }
    }

    /// The showcase projects of a tree; returns how many were written.
    pub(super) fn showcase_projects(&mut self, tp: &TreePlan) -> usize {
        let mut n = 0;
        match tp.arche {
            Arche::Model => {
                n += self.emit_pair(tp, PairKind::Overlap, -130, 3);
                n += self.emit_pair(tp, PairKind::FarShortGap, -85, 4);
                n += self.emit_pair(tp, PairKind::TouchingNear, -55, 5);
                n += self.emit_pair(tp, PairKind::FeasibleHop, -160, 7);
                // Two overlapping records of one person on the same project: ignored.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::StatusEvaluation,
                    Some(I::Petrochemical),
                    (-230, Some(-220), Some(-180), Some(-170)),
                    false,
                );
                Self::set_team(&mut dr, Some(6), &[9, 10], Some(1));
                let day = self.weekday_from(self.rel(-210));
                self.plan_rec_on(&mut dr, 6, day, (540, 720), false);
                if let Some(last) = dr.planned.last().copied() {
                    dr.planned.push(Rec {
                        in_min: 630,
                        out_min: 810,
                        ..last
                    });
                }
                self.emit(tp, dr);
                // Notice filed on the first site day: late.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::StatusEvaluation,
                    Some(I::Petrochemical),
                    (-90, Some(-80), Some(-20), Some(-10)),
                    false,
                );
                dr.notice = Notice::SameDay;
                self.emit(tp, dr);
                // Report uploaded on day 30: on time.
                let dr = self.mk(
                    tp,
                    0,
                    S::Assessment,
                    None,
                    (-120, Some(-110), Some(-60), Some(-30)),
                    false,
                );
                self.emit(tp, dr);
                // Running: a check-in on D written in UTC, and check-ins after D.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::StatusEvaluation,
                    Some(I::Petrochemical),
                    (-40, Some(-30), None, None),
                    false,
                );
                Self::set_team(&mut dr, Some(8), &[11, 12], Some(2));
                let d0 = self.rel(0);
                self.plan_rec_on(&mut dr, 8, d0, (540, 840), true);
                self.plan_rec_on(&mut dr, 8, d0 + 1, (480, 720), false);
                self.emit(tp, dr);
                // Signed after D: the project leaves with its team, check-ins and archive.
                let dr = self.mk(
                    tp,
                    1,
                    S::PreEvaluation,
                    Some(I::Petrochemical),
                    (5, Some(12), None, None),
                    false,
                );
                self.emit(tp, dr);
                // A hazard at a client during the service (must-inspect) …
                let dr = self.mk(
                    tp,
                    0,
                    S::AcceptanceEvaluation,
                    Some(I::Petrochemical),
                    (-280, Some(-260), Some(-200), Some(-190)),
                    true,
                );
                let c = dr.client;
                self.emit(tp, dr);
                self.client_event(c, ClientEventKind::MajorHazard, self.rel(-150), None, 0);
                // … a penalty before the service started (no reason) …
                self.client_event(c, ClientEventKind::Penalty, self.rel(-300), None, 0);
                // … and an accident more than a year after the service ended (no reason).
                let dr = self.mk(
                    tp,
                    2,
                    S::StatusEvaluation,
                    Some(I::Petrochemical),
                    (-680, Some(-660), Some(-600), Some(-590)),
                    true,
                );
                let c = dr.client;
                self.emit(tp, dr);
                self.client_event(
                    c,
                    ClientEventKind::Accident,
                    self.rel(-200),
                    Some(Severity::General),
                    1,
                );
                n += 7;
            }
            Arche::Ordinary => {
                let dates: [(S, Dates); 5] = [
                    // Uploaded on day 31: late.
                    (
                        S::HazardInspection,
                        (-140, Some(-130), Some(-100), Some(-69)),
                    ),
                    // Never uploaded, due long ago.
                    (S::Training, (-170, Some(-160), Some(-150), None)),
                    // Not uploaded, due on D: not yet late.
                    (S::Consulting, (-80, Some(-70), Some(-30), None)),
                    // Uploaded after D: not uploaded as of D, late.
                    (S::EmergencyPlan, (-100, Some(-90), Some(-45), Some(3))),
                    // Never uploaded, due before the window: a finding that costs nothing.
                    (S::HazardInspection, (-760, Some(-740), Some(-700), None)),
                ];
                for (st, d) in dates {
                    let dr = self.mk(tp, 0, st, None, d, false);
                    self.emit(tp, dr);
                }
                // Archive without rectification and closure.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::Consulting,
                    None,
                    (-120, Some(-110), Some(-80), Some(-70)),
                    false,
                );
                dr.drop_stages = vec![Stage::Rectification, Stage::Closure];
                self.emit(tp, dr);
                // Training of two and a half hours.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::Training,
                    None,
                    (-70, Some(-55), Some(-50), Some(-45)),
                    false,
                );
                dr.short = true;
                self.emit(tp, dr);
                // The leader never came.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::HazardInspection,
                    None,
                    (-150, Some(-140), Some(-120), Some(-110)),
                    false,
                );
                Self::set_team(&mut dr, Some(2), &[0, 5], None);
                dr.absent = vec![2];
                self.emit(tp, dr);
                n += 8;
                n += self.emit_pair(tp, PairKind::TouchingFar, -200, 0);
                // Trusteeship planned to end after D (still running as of D); an accident
                // after D at its client has not happened yet.
                let dr = self.mk(
                    tp,
                    0,
                    S::Trusteeship,
                    None,
                    (-60, Some(-50), Some(120), None),
                    true,
                );
                let c = dr.client;
                self.emit(tp, dr);
                self.client_event(
                    c,
                    ClientEventKind::Accident,
                    self.rel(10),
                    Some(Severity::General),
                    0,
                );
                // A penalty before the window at a client served then.
                let dr = self.mk(
                    tp,
                    0,
                    S::HazardInspection,
                    None,
                    (-580, Some(-560), Some(-500), Some(-490)),
                    true,
                );
                let c = dr.client;
                self.emit(tp, dr);
                self.client_event(c, ClientEventKind::Penalty, self.rel(-400), None, 0);
                n += 2;
            }
            Arche::OutOfProvince => {
                // Status evaluation of a pipeline by two petrochemical evaluators; the reviewer
                // knows pipelines but does not count.
                let mut dr = self.mk(
                    tp,
                    1,
                    S::StatusEvaluation,
                    Some(I::OnshorePipeline),
                    (-100, Some(-90), Some(-40), Some(-30)),
                    false,
                );
                Self::set_team(&mut dr, Some(0), &[1], Some(4));
                self.emit(tp, dr);
                // An industry the agency is not licensed for.
                let dr = self.mk(
                    tp,
                    2,
                    S::PreEvaluation,
                    Some(I::MetalSmelting),
                    (-200, Some(-190), Some(-150), Some(-140)),
                    false,
                );
                self.emit(tp, dr);
                // A member lent by another agency; an external expert from another agency is fine.
                let mut dr = self.mk(
                    tp,
                    1,
                    S::AcceptanceEvaluation,
                    Some(I::Petrochemical),
                    (-130, Some(-120), Some(-90), Some(-85)),
                    false,
                );
                dr.team.retain(|(m, _)| matches!(m, Member::Local(_)));
                if let Some((a, b)) = self.tree_people.first().copied() {
                    if b > a {
                        dr.team
                            .push((Member::Foreign(a + (b - a) / 2), Role::Member));
                    }
                }
                if let Some((a, b)) = self.tree_people.get(1).copied() {
                    if b > a {
                        dr.team.push((Member::Foreign(a), Role::ExternalExpert));
                    }
                }
                self.emit(tp, dr);
                // Practice notice never filed (running, on site before D).
                let mut dr = self.mk(
                    tp,
                    2,
                    S::StatusEvaluation,
                    Some(I::Petrochemical),
                    (-60, Some(-50), None, None),
                    false,
                );
                dr.notice = Notice::Missing;
                if let Some(l) = Self::leader_of(&dr) {
                    self.plan_rec(&mut dr, l, -45, (510, 990), false);
                }
                self.emit(tp, dr);
                // Notice filed after D: not filed as of D.
                let mut dr = self.mk(
                    tp,
                    1,
                    S::PreEvaluation,
                    Some(I::OnshorePipeline),
                    (-40, Some(-30), None, None),
                    false,
                );
                dr.notice = Notice::At(self.rel(5));
                if let Some(l) = Self::leader_of(&dr) {
                    self.plan_rec(&mut dr, l, -25, (510, 990), false);
                }
                self.emit(tp, dr);
                // Started, nobody on site yet: no notice rule.
                let mut dr = self.mk(
                    tp,
                    1,
                    S::PreEvaluation,
                    Some(I::Petrochemical),
                    (-10, Some(-3), None, None),
                    false,
                );
                dr.natural_att = false;
                self.emit(tp, dr);
                n += 6;
            }
            Arche::Small => {
                let k = self.int(13, 15) as usize;
                n += self.running_projects(tp, k);
                // Consulting is not among its service types; testing is.
                let dr = self.mk(
                    tp,
                    0,
                    S::Consulting,
                    None,
                    (-120, Some(-110), Some(-90), Some(-80)),
                    false,
                );
                self.emit(tp, dr);
                let dr = self.mk(
                    tp,
                    0,
                    S::Testing,
                    None,
                    (-200, Some(-190), Some(-175), Some(-165)),
                    false,
                );
                self.emit(tp, dr);
                n += 2;
            }
            Arche::Suspended => {
                // A team without a leader.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::Consulting,
                    None,
                    (-100, Some(-90), Some(-60), Some(-50)),
                    false,
                );
                Self::set_team(&mut dr, None, &[2, 3], None);
                self.emit(tp, dr);
                // A status evaluation by a social service agency, notice never filed.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::StatusEvaluation,
                    Some(I::Petrochemical),
                    (-50, Some(-40), None, None),
                    false,
                );
                dr.notice = Notice::Missing;
                Self::set_team(&mut dr, Some(2), &[4], None);
                self.plan_rec(&mut dr, 2, -35, (510, 990), false);
                self.emit(tp, dr);
                // Closure recorded after D: missing as of D.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::Training,
                    None,
                    (-30, Some(-15), Some(-10), Some(-5)),
                    false,
                );
                dr.late_stages = vec![(Stage::Closure, self.rel(4))];
                self.emit(tp, dr);
                // A penalty at a client during the service.
                let dr = self.mk(
                    tp,
                    0,
                    S::Training,
                    None,
                    (-120, Some(-105), Some(-100), Some(-95)),
                    true,
                );
                let c = dr.client;
                self.emit(tp, dr);
                self.client_event(c, ClientEventKind::Penalty, self.rel(-50), None, 0);
                let dr = self.mk(
                    tp,
                    0,
                    S::Standardization,
                    None,
                    (-300, Some(-280), Some(-200), Some(-190)),
                    false,
                );
                self.emit(tp, dr);
                n += 5;
            }
            Arche::Expired => {
                // Started after the qualification ended, led by someone whose evaluator
                // certificate ended before the start.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::PreEvaluation,
                    Some(I::MetalNonmetalMining),
                    (-75, Some(-60), Some(-20), Some(-10)),
                    false,
                );
                Self::set_team(&mut dr, Some(2), &[0], Some(1));
                self.emit(tp, dr);
                let mut dr = self.mk(
                    tp,
                    0,
                    S::StatusEvaluation,
                    Some(I::MetalNonmetalMining),
                    (-45, Some(-30), None, None),
                    false,
                );
                Self::set_team(&mut dr, Some(3), &[4], Some(1));
                self.emit(tp, dr);
                // Started on the last day of its leader's evaluator certificate, before the
                // qualification ended: no finding.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::StatusEvaluation,
                    Some(I::MetalNonmetalMining),
                    (-140, Some(-120), Some(-70), Some(-60)),
                    false,
                );
                Self::set_team(&mut dr, Some(2), &[3], Some(1));
                self.emit(tp, dr);
                // An accident at a client within a year after the service.
                let mut dr = self.mk(
                    tp,
                    0,
                    S::StatusEvaluation,
                    Some(I::MetalNonmetalMining),
                    (-230, Some(-200), Some(-150), Some(-140)),
                    true,
                );
                Self::set_team(&mut dr, Some(0), &[3], Some(1));
                let c = dr.client;
                self.emit(tp, dr);
                self.client_event(
                    c,
                    ClientEventKind::Accident,
                    self.rel(-20),
                    Some(Severity::Larger),
                    3,
                );
                self.client_event(
                    c,
                    ClientEventKind::Accident,
                    self.rel(-420),
                    Some(Severity::Major),
                    11,
                );
                n += 4;
            }
            Arche::Revoked | Arche::Cancelled | Arche::Random => {}
        }
        n
    }

    /// Complaints, sanctions and inspections of a showcase tree.
    pub(super) fn showcase_events(&mut self, tp: &TreePlan) {
        use ComplaintCategory as Cat;
        use ComplaintStatus as St;
        use InspectionKind as K;
        use InspectionResult as R;
        let ag = |k: usize| {
            tp.agencies
                .get(k)
                .or(tp.agencies.first())
                .map(|a| a.id.clone())
        };
        let Some(root) = ag(0) else { return };
        let person = |g: &Gen<'_>, i: usize| g.people.get(i).map(|p| p.id.clone());
        let on_person = |g: &Gen<'_>, i: usize| person(g, i).map(Subject::Practitioner);
        let on_root = Subject::Agency(root.clone());
        match tp.arche {
            Arche::Model => {
                self.inspection(&root, self.rel(-300), K::Routine, R::Pass);
                let b1 = ag(1).unwrap_or_else(|| root.clone());
                self.inspection(&b1, self.rel(-45), K::Cross, R::IssuesFound);
                // After D: must change nothing.
                self.sanction(
                    on_root,
                    Measure::Fine,
                    Violation::FalseReport,
                    self.rel(20),
                    Some(100_000),
                    None,
                );
                let c = self.contact();
                self.complaint(
                    &root,
                    None,
                    self.rel(5),
                    Cat::FalseReport,
                    St::Pending,
                    None,
                    c,
                );
            }
            Arche::Ordinary => {
                let p = person(self, 2);
                self.complaint(
                    &root,
                    p,
                    self.rel(-100),
                    Cat::AbsentFromSite,
                    St::Substantiated,
                    Some(self.rel(-70)),
                    Some("13857112345".to_owned()),
                );
                self.complaint(
                    &root,
                    None,
                    self.rel(-200),
                    Cat::Fee,
                    St::Unsubstantiated,
                    Some(self.rel(-150)),
                    None,
                );
                self.sanction(
                    on_root.clone(),
                    Measure::DishonestyListing,
                    Violation::Other,
                    self.rel(-1500),
                    None,
                    None,
                );
                self.sanction(
                    on_root.clone(),
                    Measure::DishonestyListing,
                    Violation::Procedure,
                    self.rel(-800),
                    None,
                    Some(self.rel(-30)),
                );
                self.sanction(
                    on_root.clone(),
                    Measure::Interview,
                    Violation::Other,
                    self.rel(-400),
                    None,
                    None,
                );
                self.sanction(
                    on_root,
                    Measure::Warning,
                    Violation::Procedure,
                    self.rel(30),
                    None,
                    None,
                );
                self.inspection(&root, self.rel(-20), K::OnSiteVerification, R::Pass);
            }
            Arche::OutOfProvince => {
                self.sanction(
                    on_root.clone(),
                    Measure::Fine,
                    Violation::FalseReport,
                    self.rel(-400),
                    Some(50_000),
                    None,
                );
                let b1 = ag(1).unwrap_or_else(|| root.clone());
                let b2 = ag(2).unwrap_or_else(|| root.clone());
                self.sanction(
                    Subject::Agency(b1),
                    Measure::Circular,
                    Violation::QualificationLending,
                    self.rel(-1200),
                    None,
                    None,
                );
                self.sanction(
                    Subject::Agency(b2),
                    Measure::DishonestyListing,
                    Violation::InaccurateReport,
                    self.rel(-300),
                    None,
                    Some(self.rel(800)),
                );
                self.inspection(&root, self.rel(-1300), K::Routine, R::Pass);
            }
            Arche::Small => {
                let p = person(self, 1);
                self.complaint(
                    &root,
                    p,
                    self.rel(-10),
                    Cat::OverScope,
                    St::Pending,
                    None,
                    Some("wz_jubao2024@163.com".to_owned()),
                );
                self.inspection(&root, self.rel(-5), K::MustCheck, R::IssuesFound);
            }
            Arche::Suspended => {
                self.sanction(
                    on_root,
                    Measure::Suspension,
                    Violation::Procedure,
                    self.rel(-60),
                    None,
                    Some(self.rel(120)),
                );
                self.complaint(
                    &root,
                    None,
                    self.rel(-40),
                    Cat::Fee,
                    St::Pending,
                    None,
                    None,
                );
                self.inspection(&root, self.rel(-200), K::Routine, R::IssuesFound);
            }
            Arche::Expired => {
                let s = |m, v, d: i32, fine: Option<i64>, ends: Option<i32>| (m, v, d, fine, ends);
                let agency_sanctions = [
                    s(
                        Measure::DishonestyListing,
                        Violation::Other,
                        -700,
                        None,
                        None,
                    ),
                    s(
                        Measure::Circular,
                        Violation::AbsentFromSite,
                        -50,
                        None,
                        None,
                    ),
                    s(Measure::Interview, Violation::OverScope, -100, None, None),
                    s(
                        Measure::Warning,
                        Violation::InaccurateReport,
                        -200,
                        None,
                        None,
                    ),
                    s(
                        Measure::Fine,
                        Violation::Procedure,
                        -500,
                        Some(30_000),
                        None,
                    ),
                ];
                for (m, v, d, fine, ends) in agency_sanctions {
                    self.sanction(on_root.clone(), m, v, self.rel(d), fine, ends);
                }
                let ban_end = self.plus_years(self.rel(-100), 5);
                let person_sanctions = [
                    (
                        0,
                        Measure::PracticeBan,
                        Violation::FalseReport,
                        -100,
                        None,
                        Some(ban_end),
                    ),
                    (
                        1,
                        Measure::JudicialReferral,
                        Violation::FalseReport,
                        -40,
                        None,
                        None,
                    ),
                    (
                        2,
                        Measure::Fine,
                        Violation::Procedure,
                        -150,
                        Some(10_000),
                        None,
                    ),
                    (
                        3,
                        Measure::Warning,
                        Violation::InaccurateReport,
                        -200,
                        None,
                        None,
                    ),
                    (
                        3,
                        Measure::Circular,
                        Violation::AbsentFromSite,
                        -90,
                        None,
                        None,
                    ),
                    (3, Measure::Interview, Violation::Other, -30, None, None),
                    (4, Measure::Circular, Violation::Procedure, -500, None, None),
                    (
                        6,
                        Measure::Fine,
                        Violation::AbsentFromSite,
                        10,
                        Some(5_000),
                        None,
                    ),
                ];
                for (i, m, v, d, fine, ends) in person_sanctions {
                    if let Some(subject) = on_person(self, i) {
                        self.sanction(subject, m, v, self.rel(d), fine, ends);
                    }
                }
                self.complaint(
                    &root,
                    None,
                    self.rel(-500),
                    Cat::Other,
                    St::Substantiated,
                    Some(self.rel(-470)),
                    None,
                );
                self.inspection(&root, self.rel(10), K::OnSiteVerification, R::Pass);
            }
            Arche::Revoked => {
                self.sanction(
                    on_root,
                    Measure::Revocation,
                    Violation::FalseReport,
                    self.rel(-200),
                    None,
                    None,
                );
            }
            Arche::Cancelled => {
                let p = person(self, 0);
                self.complaint(
                    &root,
                    p,
                    self.rel(-30),
                    Cat::CertificateLending,
                    St::Substantiated,
                    Some(self.rel(-10)),
                    Some("13905798765".to_owned()),
                );
            }
            Arche::Random => {}
        }
    }
}
