//! Complaints, sanctions, inspections and client events.

use super::plan::TreePlan;
use super::projects::Draft;
use super::Gen;
use crate::ident::id;
use zhongjie_core::rust_decimal::Decimal;
use zhongjie_core::*;

impl Gen<'_> {
    /// A whistle-blower's contact: a mobile number, an e-mail address, or none (anonymous).
    pub(super) fn contact(&mut self) -> Option<String> {
        match self.weighted(&[55, 10, 35]) {
            0 => {
                let second = [3, 5, 7, 8, 9][self.idx(5)];
                let rest = self.int(0, 999_999_999);
                Some(format!("1{second}{rest:09}"))
            }
            1 => {
                let n = self.int(1000, 99_999);
                Some(format!("zj{n}@163.com"))
            }
            _ => None,
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn complaint(
        &mut self,
        agency: &AgencyId,
        practitioner: Option<PractitionerId>,
        received: i32,
        category: ComplaintCategory,
        status: ComplaintStatus,
        closed: Option<i32>,
        contact: Option<String>,
    ) {
        let cid: ComplaintId = self.tree_id("TS", self.n_complaint, 3);
        self.n_complaint += 1;
        self.out.complaints.push(Complaint {
            id: cid,
            received_on: self.date(received),
            agency: agency.clone(),
            practitioner,
            category,
            status,
            closed_on: closed.map(|c| self.date(c)),
            reporter_contact: contact.map(Confidential::new),
        });
    }

    pub(super) fn sanction(
        &mut self,
        subject: Subject,
        measure: Measure,
        violation: Violation,
        decided: i32,
        fine_yuan: Option<i64>,
        ends: Option<i32>,
    ) {
        let sid: SanctionId = self.tree_id("CF", self.n_sanction, 3);
        self.n_sanction += 1;
        self.out.sanctions.push(Sanction {
            id: sid,
            subject,
            measure,
            violation,
            decided_on: self.date(decided),
            fine_yuan: fine_yuan.map(|y| Decimal::new(y, 0)),
            ends_on: ends.map(|e| self.date(e)),
        });
    }

    pub(super) fn inspection(
        &mut self,
        agency: &AgencyId,
        day: i32,
        kind: InspectionKind,
        result: InspectionResult,
    ) {
        let iid: InspectionId = self.tree_id("JC", self.n_inspection, 3);
        self.n_inspection += 1;
        self.out.inspections.push(Inspection {
            id: iid,
            agency: agency.clone(),
            inspected_on: self.date(day),
            kind,
            result,
        });
    }

    pub(super) fn client_event(
        &mut self,
        client: u32,
        kind: ClientEventKind,
        day: i32,
        severity: Option<Severity>,
        deaths: u32,
    ) {
        let Some(c) = self.clients.get(client as usize) else {
            return;
        };
        let uscc = c.uscc;
        let eid: EventId = self.tree_id("SJ", self.n_event, 3);
        self.n_event += 1;
        self.out.client_events.push(ClientEvent {
            id: eid,
            client_uscc: uscc,
            kind,
            occurred_on: self.date(day),
            severity,
            deaths,
        });
    }

    /// An event at the client of a project, somewhere around its service (inside the
    /// must-inspect window or not).
    pub(super) fn client_event_near(&mut self, dr: &Draft) {
        let Some(start) = dr.start else { return };
        let end = dr.end.unwrap_or(self.d).min(self.d);
        let day = self.int(start - 120, end.max(start) + 450);
        let (kind, severity, deaths) = match self.weighted(&[50, 35, 15]) {
            0 => (ClientEventKind::MajorHazard, None, 0),
            1 => (ClientEventKind::Penalty, None, 0),
            _ => match self.weighted(&[85, 12, 3]) {
                0 => (
                    ClientEventKind::Accident,
                    Some(Severity::General),
                    self.int(0, 2) as u32,
                ),
                1 => (
                    ClientEventKind::Accident,
                    Some(Severity::Larger),
                    self.int(3, 9) as u32,
                ),
                _ => (
                    ClientEventKind::Accident,
                    Some(Severity::Major),
                    self.int(10, 29) as u32,
                ),
            },
        };
        self.client_event(dr.client, kind, day, severity, deaths);
    }

    fn any_agency(&mut self, tp: &TreePlan) -> AgencyId {
        let k = if tp.agencies.len() > 1 && self.chance(0.4) {
            1 + self.idx(tp.agencies.len() - 1)
        } else {
            0
        };
        tp.agencies
            .get(k)
            .or(tp.agencies.first())
            .map(|a| a.id.clone())
            .unwrap_or_else(|| id("A", 0, 4))
    }

    /// Complaints, sanctions and inspections of a tree.
    pub(super) fn tree_events(&mut self, tp: &TreePlan) {
        if tp.is_showcase() {
            self.showcase_events(tp);
            return;
        }
        let d = tp.discipline;
        let size = (tp.people as f64 / 20.0).sqrt();
        let n = self.poisson((0.08 + 0.2 * d) * 3.0 * size);
        for _ in 0..n {
            let agency = self.any_agency(tp);
            let received = self.int(self.rel(-1095), self.rel(30));
            let category = ComplaintCategory::ALL[self.weighted(&[20, 25, 10, 10, 15, 20])];
            let (status, closed) = if received > self.rel(-30) && self.chance(0.7) {
                (ComplaintStatus::Pending, None)
            } else {
                let s = [
                    ComplaintStatus::Substantiated,
                    ComplaintStatus::Unsubstantiated,
                    ComplaintStatus::Pending,
                ][self.weighted(&[35, 50, 15])];
                let closed = if s == ComplaintStatus::Pending {
                    None
                } else {
                    Some(received + self.int(10, 60))
                };
                (s, closed)
            };
            let practitioner = if self.chance(0.5) && !self.people.is_empty() {
                let k = self.idx(self.people.len());
                self.people.get(k).map(|p| p.id.clone())
            } else {
                None
            };
            let contact = self.contact();
            self.complaint(
                &agency,
                practitioner,
                received,
                category,
                status,
                closed,
                contact,
            );
        }
        // Sanctions follow the tree's discipline; a suspended or revoked root has its decision.
        let root = tp.agencies.first().map(|a| a.id.clone());
        if let Some(root) = &root {
            match tp.status {
                AgencyStatus::Suspended => {
                    let dd = self.day_in(-150, -30);
                    let ends = dd + self.int(90, 180);
                    self.sanction(
                        Subject::Agency(root.clone()),
                        Measure::Suspension,
                        Violation::Procedure,
                        dd,
                        None,
                        Some(ends),
                    );
                }
                AgencyStatus::Revoked => {
                    let dd = tp.contracts.1 + self.int(10, 60);
                    let v = [Violation::FalseReport, Violation::QualificationLending][self.idx(2)];
                    self.sanction(
                        Subject::Agency(root.clone()),
                        Measure::Revocation,
                        v,
                        dd,
                        None,
                        None,
                    );
                }
                _ => {}
            }
        }
        let n = self.poisson((0.03 + 0.12 * d) * 3.5);
        for _ in 0..n {
            let on_person = self.chance(0.35) && !self.people.is_empty();
            let measures: &[(Measure, u32)] = if on_person {
                &[
                    (Measure::Circular, 25),
                    (Measure::Interview, 20),
                    (Measure::Warning, 20),
                    (Measure::Fine, 20),
                    (Measure::PracticeBan, 8),
                    (Measure::JudicialReferral, 3),
                    (Measure::DishonestyListing, 4),
                ]
            } else {
                &[
                    (Measure::Circular, 20),
                    (Measure::Interview, 20),
                    (Measure::Warning, 20),
                    (Measure::Fine, 22),
                    (Measure::Suspension, 5),
                    (Measure::Revocation, 2),
                    (Measure::DishonestyListing, 6),
                    (Measure::JudicialReferral, 1),
                ]
            };
            let w: Vec<u32> = measures.iter().map(|m| m.1).collect();
            let measure = measures[self.weighted(&w)].0;
            let violation = Violation::ALL[self.weighted(&[10, 15, 8, 20, 10, 30, 7])];
            let decided = self.int(self.rel(-1400), self.rel(20));
            let fine = (measure == Measure::Fine).then(|| {
                if on_person {
                    i64::from(self.int(5, 50)) * 1000
                } else {
                    i64::from(self.int(10, 300)) * 1000
                }
            });
            let ends = match measure {
                Measure::Suspension => Some(decided + self.int(90, 180)),
                Measure::PracticeBan => {
                    let k = self.int(3, 5);
                    Some(self.plus_years(decided, k))
                }
                Measure::DishonestyListing if self.chance(0.65) => {
                    Some(self.plus_years(decided, 3))
                }
                _ => None,
            };
            let subject = if on_person {
                let k = self.idx(self.people.len());
                match self.people.get(k) {
                    Some(p) => Subject::Practitioner(p.id.clone()),
                    None => continue,
                }
            } else {
                Subject::Agency(self.any_agency(tp))
            };
            self.sanction(subject, measure, violation, decided, fine, ends);
        }
        self.random_inspections(tp);
    }

    fn random_inspections(&mut self, tp: &TreePlan) {
        let se = tp.kind == AgencyKind::SafetyEvaluation;
        let result = |g: &mut Gen<'_>| {
            if g.chance(0.72) {
                InspectionResult::Pass
            } else {
                InspectionResult::IssuesFound
            }
        };
        if se {
            let mut day = self.day_in(-400, -0);
            if tp.flags.no_inspection {
                day = self.day_in(-1500, -1100);
            }
            while day > self.rel(-1500) {
                let agency = self.any_agency(tp);
                let kind =
                    [InspectionKind::Routine, InspectionKind::Cross][self.weighted(&[80, 20])];
                let r = result(self);
                self.inspection(&agency, day, kind, r);
                day -= self.int(300, 500);
            }
        } else if self.chance(0.5) {
            for _ in 0..self.int(1, 2) {
                let agency = self.any_agency(tp);
                let day = self.day_in(-1400, -0);
                let r = result(self);
                self.inspection(&agency, day, InspectionKind::Routine, r);
            }
        }
        if tp.status != AgencyStatus::Cancelled && !tp.flags.no_inspection {
            if self.chance(0.6) {
                let agency = self.any_agency(tp);
                let day = self.day_in(-150, -1);
                let r = result(self);
                self.inspection(&agency, day, InspectionKind::OnSiteVerification, r);
            }
            if self.chance(0.15) {
                let agency = self.any_agency(tp);
                let day = self.day_in(-60, -30);
                let r = result(self);
                self.inspection(&agency, day, InspectionKind::Cross, r);
            }
            if self.chance(0.03) {
                let agency = self.any_agency(tp);
                let day = self.day_in(1, 40);
                let r = result(self);
                self.inspection(&agency, day, InspectionKind::MustCheck, r);
            }
        }
    }
}
