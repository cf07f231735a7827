//! People of a tree: practitioners with their qualifications, certificates, social insurance /
//! tax / payroll rows and exams, plus non-practitioner staff who only appear in contributions.

use super::plan::TreePlan;
use super::Gen;
use crate::ident::{id, resident_id};
use crate::vocab::{CITIES, GIVEN_FEMALE, GIVEN_MALE, OTHER_BIRTH_REGIONS, SURNAMES};
use zhongjie_core::chrono::Datelike;
use zhongjie_core::*;

/// Planted pattern of a person's contributions. Month offsets count back from the as-of month
/// (1 = the month before).
#[derive(Debug, Clone)]
pub(crate) enum Pension {
    /// Pension every month of employment by the employer (or its head office), tax and payroll
    /// in the three months of the full-time check.
    Normal,
    /// A second pension payer in months `from` down to `to` (DUAL_PENSION, NOT_FULL_TIME).
    Dual { payer: Uscc, from: i32, to: i32 },
    /// Income tax and payroll from another payer in these months (PAY_MISMATCH).
    PayMismatch { payer: Uscc, months: Vec<i32> },
    /// 挂证: pension paid only by another enterprise, payroll by the agency (PAY_MISMATCH,
    /// NOT_FULL_TIME).
    Hanging { payer: Uscc },
    /// No pension in these months (NOT_FULL_TIME for a professional).
    Missing { months: Vec<i32> },
    /// Branch and head office both pay pension in one month: one payer, no finding.
    BranchAndHead,
    /// The platform sent last month's pension row twice (duplicates collapse).
    Repeated,
    /// A second payer only 13 months back and in the as-of month itself: outside the 12-month
    /// window, no finding.
    OutsideWindow { payer: Uscc },
    /// A second payer in the month after the as-of month: after D, no finding.
    Future { payer: Uscc },
    /// Pension from a former employer before joining (no overlap), or, with `glitch`, also in
    /// the month of joining (one DUAL_PENSION month).
    Transfer { payer: Uscc, glitch: bool },
}

/// Planted pattern of a person's evaluator certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CertPlan {
    /// Valid certificates covering the whole time line, renewed every five years.
    Normal,
    /// The only evaluator certificate ended on this day and was not renewed.
    Lapsed(i32),
    /// The current evaluator certificate failed verification (CERT_INVALID).
    Failed,
    /// The current evaluator certificate is still being verified.
    Pending,
}

/// Planted exam history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExamPlan {
    /// Drawn at random.
    Natural,
    /// The recent session with this score.
    Recent(u8),
    /// Two sessions on the same day (a retake with a larger exam id wins).
    Tie(u8, u8),
    /// Only the session of more than a year ago (untested in the window).
    OldOnly(u8),
    /// Never tested.
    Never,
    /// Only a session after the as-of date (untested as of D).
    AfterOnly(u8),
}

/// A practitioner being built.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    /// Global row index in practitioners.csv.
    pub g: u32,
    pub id: PractitionerId,
    pub agency: usize,
    pub level: Option<EvaluatorLevel>,
    pub engineer: Option<SafetyEngineerGrade>,
    pub title: Title,
    pub specialties: Vec<IndustryScope>,
    pub birth: i32,
    pub male: bool,
    pub practice_since: Option<i32>,
    /// Joined the tree on this day.
    pub hire: i32,
    pub expert: bool,
    pub pension: Pension,
    pub cert: CertPlan,
    pub exam: ExamPlan,
    /// Birth-place region of the ID number.
    pub birth_region: u32,
}

impl Person {
    pub fn professional(&self) -> bool {
        self.level.is_some()
            || self.engineer.is_some()
            || matches!(self.title, Title::Intermediate | Title::Senior)
    }
}

/// What kind of person to make.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    Evaluator,
    Professional,
    NonProfessional,
    Natural,
}

impl Gen<'_> {
    fn title(&mut self, se: bool) -> Title {
        let w = if se {
            [12, 28, 40, 20]
        } else {
            [30, 30, 28, 12]
        };
        [
            Title::None,
            Title::Junior,
            Title::Intermediate,
            Title::Senior,
        ][self.weighted(&w)]
    }

    fn engineer(&mut self, p: f64) -> Option<SafetyEngineerGrade> {
        if self.chance(p) {
            Some(if self.chance(0.1) {
                SafetyEngineerGrade::Senior
            } else {
                SafetyEngineerGrade::Intermediate
            })
        } else {
            None
        }
    }

    fn person(&mut self, tp: &TreePlan, hint: Hint) -> Person {
        let se = tp.kind == AgencyKind::SafetyEvaluation;
        let n_ag = tp.agencies.len();
        let agency = if n_ag > 1 {
            // Out-of-province head offices keep few of their people on Zhejiang's books.
            let root_share = if tp.agencies.first().is_some_and(|a| a.city.is_none()) {
                0.15
            } else {
                0.55
            };
            if self.chance(root_share) {
                0
            } else {
                1 + self.idx(n_ag - 1)
            }
        } else {
            0
        };
        let male = self.chance(if se { 0.7 } else { 0.6 });
        let age = self.int(25, 59);
        let extra = self.int(0, 364);
        let birth = self.rel(-(age * 365 + extra));
        let mut level = None;
        let mut engineer = None;
        let mut title = self.title(se);
        let mut specialties = Vec::new();
        match hint {
            Hint::Evaluator => {
                level = Some(
                    [
                        EvaluatorLevel::One,
                        EvaluatorLevel::Two,
                        EvaluatorLevel::Three,
                    ][self.weighted(&[15, 35, 50])],
                );
                engineer = self.engineer(0.45);
                let k = self.int(1, tp.industries.len().min(3) as i32) as usize;
                let mut pool = tp.industries.clone();
                while specialties.len() < k && !pool.is_empty() {
                    let i = self.idx(pool.len());
                    specialties.push(pool.swap_remove(i));
                }
                if self.chance(0.12) {
                    let extra = IndustryScope::ALL[self.idx(IndustryScope::ALL.len())];
                    if !specialties.contains(&extra) {
                        specialties.push(extra);
                    }
                }
            }
            Hint::Professional => {
                engineer = self.engineer(0.6);
                if engineer.is_none() && !matches!(title, Title::Intermediate | Title::Senior) {
                    title = Title::Intermediate;
                }
                if !tp.industries.is_empty() && self.chance(0.3) {
                    let i = self.idx(tp.industries.len());
                    specialties.extend(tp.industries.get(i).copied());
                }
            }
            Hint::NonProfessional => {
                title = if self.chance(0.5) {
                    Title::None
                } else {
                    Title::Junior
                };
            }
            Hint::Natural => {
                if self.chance(0.06) {
                    level = Some(EvaluatorLevel::Three);
                }
                engineer = self.engineer(0.35);
                if self.chance(0.1) {
                    specialties.push(IndustryScope::ALL[self.idx(IndustryScope::ALL.len())]);
                }
            }
        }
        specialties.sort();
        // Began practising after school, never after the as-of date (except a planted case).
        let earliest = birth + 22 * 365;
        let practice_since = if self.chance(0.05) {
            None
        } else {
            Some(self.int(earliest, self.rel(-200).max(earliest)))
        };
        let start_line = self.rel(-1100);
        let hire = match self.weighted(&[80, 19, 1]) {
            0 => {
                let base = practice_since.unwrap_or(earliest).max(earliest);
                self.int(base, start_line.max(base))
            }
            1 => self.day_in(-1095, -130),
            // Joined recently: not yet full-time (an anomaly, so it follows the rates).
            _ if tp.discipline > 0.0 => self.day_in(-110, -40),
            _ => self.day_in(-1095, -130),
        };
        let hire = if tp.is_showcase() {
            hire.min(self.rel(-400))
        } else {
            hire
        };
        let expert = self.chance(
            if level == Some(EvaluatorLevel::One) || title == Title::Senior {
                0.25
            } else {
                0.04
            },
        );
        let birth_region = if self.chance(0.72) {
            let c = self.city();
            self.district(c).0
        } else {
            self.pick(&OTHER_BIRTH_REGIONS).unwrap_or(340104)
        };
        Person {
            g: 0,
            id: id("P", 0, 1),
            agency,
            level,
            engineer,
            title,
            specialties,
            birth,
            male,
            practice_since,
            hire,
            expert,
            pension: Pension::Normal,
            cert: CertPlan::Normal,
            exam: ExamPlan::Natural,
            birth_region,
        }
    }

    /// A USCC paying for someone outside the dataset's agencies (a client enterprise).
    pub(super) fn outside_payer(&mut self, tp: &TreePlan) -> Uscc {
        let city = tp.agencies.first().and_then(|a| a.city).unwrap_or(0);
        let c = self.client(city, None, false);
        self.clients
            .get(c as usize)
            .map(|x| x.uscc)
            .unwrap_or(tp.agencies[0].uscc)
    }

    /// Another tree's head office (for a person paid by two agencies of the dataset).
    fn other_tree_payer(&mut self, t_self: usize) -> Option<Uscc> {
        let n = self.trees.len();
        if n < 2 {
            return None;
        }
        let mut k = self.idx(n);
        if k == t_self {
            k = (k + 1) % n;
        }
        self.trees
            .get(k)
            .and_then(|t| t.agencies.first())
            .map(|a| a.uscc)
    }

    /// Makes the people of a tree and plants their anomalies.
    pub(super) fn make_people(&mut self, t: usize, tp: &TreePlan) {
        self.people.clear();
        let se = tp.kind == AgencyKind::SafetyEvaluation;
        for local in 0..tp.people {
            let hint = if se {
                if local < tp.evaluators {
                    Hint::Evaluator
                } else if local + 1 == tp.people && tp.people > tp.evaluators + 1 {
                    Hint::NonProfessional
                } else {
                    Hint::Professional
                }
            } else {
                Hint::Natural
            };
            let p = self.person(tp, hint);
            self.people.push(p);
        }
        if tp.is_showcase() {
            self.showcase_people(tp);
        } else {
            self.balance_people(tp);
            self.random_person_plans(t, tp);
        }
    }

    /// Keeps a random tree compliant with the headcount rules unless it is planted not to be.
    fn balance_people(&mut self, tp: &TreePlan) {
        let social = tp.kind == AgencyKind::SocialService;
        if social {
            let want = if tp.flags.min_prof_short { 0 } else { 6 };
            let mut prof = self.people.iter().filter(|p| p.professional()).count();
            for p in self.people.iter_mut() {
                if prof >= want {
                    break;
                }
                if !p.professional() {
                    p.title = Title::Intermediate;
                    prof += 1;
                }
            }
            if tp.flags.min_prof_short {
                let mut prof = 0;
                for p in self.people.iter_mut() {
                    if p.professional() {
                        prof += 1;
                        if prof > 3 {
                            p.level = None;
                            p.engineer = None;
                            p.title = Title::Junior;
                        }
                    }
                }
            }
        }
        let f = self.people.iter().filter(|p| p.professional()).count();
        let mut e = self.people.iter().filter(|p| p.engineer.is_some()).count();
        if tp.flags.ratio_short {
            for p in self.people.iter_mut() {
                if 100 * e < 20 * f {
                    break;
                }
                if p.engineer.is_some() {
                    p.engineer = None;
                    if p.level.is_none() {
                        p.title = Title::Intermediate;
                    }
                    e -= 1;
                }
            }
        } else {
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
    }

    /// Anomalies of people in a random tree, at rates scaled by the tree's discipline.
    fn random_person_plans(&mut self, t: usize, tp: &TreePlan) {
        let d = tp.discipline;
        for i in 0..self.people.len() {
            let r = self.unit();
            let rates = [0.005, 0.002, 0.008, 0.004, 0.008, 0.002];
            let mut acc = 0.0;
            let mut which = None;
            for (k, rate) in rates.iter().enumerate() {
                acc += rate * d;
                if r < acc {
                    which = Some(k);
                    break;
                }
            }
            let pension = match which {
                Some(0) => {
                    let from = self.int(2, 8);
                    Pension::Dual {
                        payer: self.outside_payer(tp),
                        from,
                        to: self.int(1, from),
                    }
                }
                Some(1) => match self.other_tree_payer(t) {
                    Some(payer) => {
                        let m = self.int(1, 6);
                        Pension::Dual {
                            payer,
                            from: m,
                            to: m,
                        }
                    }
                    None => Pension::Normal,
                },
                Some(2) => {
                    let a = self.int(1, 12);
                    let mut months = vec![a];
                    if self.chance(0.5) {
                        months.push(self.int(1, 12));
                    }
                    months.sort();
                    months.dedup();
                    Pension::PayMismatch {
                        payer: self.outside_payer(tp),
                        months,
                    }
                }
                Some(3) => Pension::Hanging {
                    payer: self.outside_payer(tp),
                },
                Some(4) => Pension::Missing {
                    months: vec![self.int(1, 3)],
                },
                Some(_) => Pension::OutsideWindow {
                    payer: self.outside_payer(tp),
                },
                None => {
                    let p = self.people.get(i).map_or(0, |p| p.hire);
                    if p > self.rel(-1095) && self.chance(0.5) {
                        let glitch = self.chance(0.02 * d);
                        Pension::Transfer {
                            payer: self.outside_payer(tp),
                            glitch,
                        }
                    } else {
                        Pension::Normal
                    }
                }
            };
            let cert = {
                let r = self.unit();
                if r < 0.003 * d {
                    CertPlan::Failed
                } else if r < 0.003 * d + 0.003 * d {
                    let until = self.day_in(-150, -20);
                    CertPlan::Lapsed(until)
                } else if r < 0.006 * d + 0.04 {
                    CertPlan::Pending
                } else {
                    CertPlan::Normal
                }
            };
            if let Some(p) = self.people.get_mut(i) {
                p.pension = pension;
                p.cert = cert;
            }
        }
    }

    /// Writes the practitioners of the tree and everything about them.
    pub(super) fn emit_people(&mut self, tp: &TreePlan) {
        let mut people = std::mem::take(&mut self.people);
        let first = self.tree_people.get(self.t).map_or(0, |r| r.0);
        for (local, p) in people.iter_mut().enumerate() {
            p.g = first + local as u32;
            p.id = Self::practitioner_id(p.g);
            let name = self.person_name(p.male);
            let id_number = self.unique_resident_id(p.birth_region, p.birth, p.male);
            let agency = tp.agencies.get(p.agency).map(|a| a.id.clone());
            let Some(agency) = agency else { continue };
            self.out.practitioners.push(Practitioner {
                id: p.id.clone(),
                name,
                id_number,
                agency,
                evaluator_level: p.level,
                safety_engineer: p.engineer,
                title: p.title,
                specialties: p.specialties.clone(),
                practice_since: p.practice_since.map(|x| self.date(x)),
                expert_pool: p.expert,
            });
            self.certificates(p);
            self.contributions(tp, p, id_number);
            self.exams(tp, p);
        }
        // Staff who are not practitioners (accounting, administration) still get pension rows.
        let staff = (tp.people / 12).max(usize::from(tp.people >= 4)).min(5);
        for _ in 0..staff {
            let male = self.chance(0.4);
            let age = self.int(23, 55);
            let extra = self.int(0, 364);
            let birth = self.rel(-(age * 365 + extra));
            let c = tp.agencies.first().and_then(|a| a.city).unwrap_or(0);
            let (region, _) = self.district(c);
            let idn = self.unique_resident_id(region, birth, male);
            let payer = tp.agencies[0].uscc;
            let from = self.int(0, 20);
            for k in 0..36 - from {
                let m = self.m0.minus(35 - from - k);
                self.contribution(idn, payer, m, ContributionKind::Pension);
            }
        }
        self.people = people;
    }

    fn person_name(&mut self, male: bool) -> String {
        let w: Vec<u32> = (0..SURNAMES.len())
            .map(|i| {
                if i < 10 {
                    6
                } else if i < 30 {
                    3
                } else {
                    1
                }
            })
            .collect();
        let s = SURNAMES[self.weighted(&w)];
        let pool: &[&str] = if male { &GIVEN_MALE } else { &GIVEN_FEMALE };
        let a = self.pick(pool).unwrap_or("华");
        if self.chance(0.3) {
            format!("{s}{a}")
        } else {
            let b = self.pick(pool).unwrap_or("明");
            format!("{s}{a}{b}")
        }
    }

    fn unique_resident_id(&mut self, region: u32, birth: i32, male: bool) -> ResidentId {
        // Sequence numbers of this chunk: its residue class, so chunks never collide.
        let date = self.date(birth);
        let (class, modulus) = self.id_class;
        let per = 500u32.div_ceil(modulus.max(1));
        let mut k = self.int(0, per as i32 - 1) as u32;
        for _ in 0..per {
            let seq = k * modulus + class;
            k = (k + 1) % per;
            if seq >= 500 {
                continue;
            }
            let r = resident_id(region, date, seq, male);
            if self.resident_ids.insert(r) {
                return r;
            }
        }
        // 500 people of one sex born on one day in one district: move to the next day.
        self.unique_resident_id(region, birth + 1, male)
    }

    fn contribution(&mut self, id: ResidentId, payer: Uscc, m: YearMonth, kind: ContributionKind) {
        self.out.contributions.push(Contribution {
            id_number: id,
            payer,
            month: m,
            kind,
        });
    }

    fn contributions(&mut self, tp: &TreePlan, p: &Person, idn: ResidentId) {
        let m0 = self.m0;
        let Some(agency) = tp.agencies.get(p.agency) else {
            return;
        };
        let root = tp.agencies[0].uscc;
        let own = if p.agency != 0 && self.chance(0.2) {
            root
        } else {
            agency.uscc
        };
        let hire_m = self.month_of(p.hire);
        let first = if hire_m > m0.minus(35) {
            hire_m
        } else {
            m0.minus(35)
        };
        let missing: &[i32] = match &p.pension {
            Pension::Missing { months } => months,
            _ => &[],
        };
        let hanging = matches!(p.pension, Pension::Hanging { .. });
        let mut m = first;
        while m <= m0 {
            let back = months_between(m, m0);
            if !missing.contains(&back) {
                let payer = match &p.pension {
                    Pension::Hanging { payer } => *payer,
                    _ => own,
                };
                self.contribution(idn, payer, m, ContributionKind::Pension);
            }
            m = m.minus(-1);
        }
        // The three months of the full-time check: payroll, and income tax above the threshold.
        let taxed = self.chance(0.65) || hanging;
        for back in 1..=3 {
            let m = m0.minus(back);
            if m < hire_m {
                continue;
            }
            let mismatch = match &p.pension {
                Pension::PayMismatch { payer, months } if months.contains(&back) => Some(*payer),
                _ => None,
            };
            let payer = mismatch.unwrap_or(own);
            self.contribution(idn, payer, m, ContributionKind::Payroll);
            if taxed || mismatch.is_some() {
                self.contribution(idn, payer, m, ContributionKind::IncomeTax);
            }
        }
        match p.pension.clone() {
            Pension::Normal | Pension::Missing { .. } | Pension::Hanging { .. } => {}
            Pension::Dual { payer, from, to } => {
                for back in to..=from {
                    self.contribution(idn, payer, m0.minus(back), ContributionKind::Pension);
                }
            }
            Pension::PayMismatch { payer, months } => {
                for back in months.into_iter().filter(|b| *b > 3) {
                    let m = m0.minus(back);
                    self.contribution(idn, payer, m, ContributionKind::IncomeTax);
                    self.contribution(idn, payer, m, ContributionKind::Payroll);
                }
            }
            Pension::BranchAndHead => {
                let other = if own == root { agency.uscc } else { root };
                self.contribution(idn, other, m0.minus(2), ContributionKind::Pension);
            }
            Pension::Repeated => {
                self.contribution(idn, own, m0.minus(1), ContributionKind::Pension);
            }
            Pension::OutsideWindow { payer } => {
                self.contribution(idn, payer, m0.minus(13), ContributionKind::Pension);
                self.contribution(idn, payer, m0, ContributionKind::Pension);
            }
            Pension::Future { payer } => {
                self.contribution(idn, own, m0.minus(-1), ContributionKind::Pension);
                self.contribution(idn, payer, m0.minus(-1), ContributionKind::Pension);
                self.contribution(idn, payer, m0.minus(-1), ContributionKind::Payroll);
            }
            Pension::Transfer { payer, glitch } => {
                let mut m = m0.minus(35);
                let last = if glitch { hire_m } else { hire_m.minus(1) };
                while m <= last {
                    self.contribution(idn, payer, m, ContributionKind::Pension);
                    m = m.minus(-1);
                }
            }
        }
    }

    fn certificates(&mut self, p: &Person) {
        let verification = |plan: CertPlan, latest: bool| match plan {
            CertPlan::Failed if latest => Verification::Failed,
            CertPlan::Pending if latest => Verification::Pending,
            _ => Verification::Verified,
        };
        if let Some(level) = p.level {
            let level_digit = match level {
                EvaluatorLevel::One => 1,
                EvaluatorLevel::Two => 2,
                EvaluatorLevel::Three => 3,
            };
            match p.cert {
                CertPlan::Lapsed(until) => {
                    let from = self.plus_years(until + 1, -5);
                    self.cert(
                        p,
                        CertificateKind::Evaluator,
                        level_digit,
                        from,
                        Some(until),
                        Verification::Verified,
                    );
                }
                plan => {
                    // Terms of five years from the first certificate, keeping those that cover
                    // the time line of projects (from joining, or three years back).
                    let need_from = p.hire.max(self.rel(-1100));
                    let earliest = p.practice_since.unwrap_or(p.birth + 23 * 365);
                    let mut from = self.int(earliest.min(need_from - 30), need_from - 30);
                    let mut terms = Vec::new();
                    loop {
                        let until = self.plus_years(from, 5) - 1;
                        if until >= need_from {
                            terms.push((from, until));
                        }
                        if until > self.rel(60) || terms.len() > 12 {
                            break;
                        }
                        from = until + 1;
                    }
                    let n = terms.len();
                    for (k, (f, u)) in terms.into_iter().enumerate() {
                        let v = verification(plan, k + 1 == n);
                        self.cert(p, CertificateKind::Evaluator, level_digit, f, Some(u), v);
                    }
                }
            }
        }
        if p.engineer.is_some() {
            let from = self.day_in(-1700, -30);
            let until = self.plus_years(from, 5) - 1;
            let v = if self.chance(0.03) {
                Verification::Pending
            } else {
                Verification::Verified
            };
            self.cert(p, CertificateKind::SafetyEngineer, 0, from, Some(until), v);
        }
        if matches!(p.title, Title::Intermediate | Title::Senior)
            || (p.title == Title::Junior && self.chance(0.4))
        {
            let base = p.practice_since.unwrap_or(p.birth + 23 * 365);
            let from = self.int(base, self.rel(-60).max(base));
            let v = if self.chance(0.02) {
                Verification::Pending
            } else {
                Verification::Verified
            };
            self.cert(p, CertificateKind::Title, 0, from, None, v);
        }
    }

    fn cert(
        &mut self,
        p: &Person,
        kind: CertificateKind,
        level: u32,
        from: i32,
        until: Option<i32>,
        v: Verification,
    ) {
        let serial = self.n_cert;
        self.n_cert += 1;
        let year = self.date(from).year();
        let scrambled = (serial * 7_919 + 104_729) % 10_000_000;
        let number = match kind {
            CertificateKind::Evaluator => format!("AP{year}{level}{scrambled:07}"),
            CertificateKind::SafetyEngineer => format!("ZA{year}{scrambled:07}"),
            CertificateKind::Title => format!("ZC{year}{scrambled:07}"),
        };
        self.out.certificates.push(Certificate {
            practitioner: p.id.clone(),
            kind,
            number,
            valid_from: self.date(from),
            valid_until: until.map(|u| self.date(u)),
            verification: v,
        });
    }

    fn natural_score(&mut self) -> u8 {
        let z: f64 = (0..6).map(|_| self.unit()).sum::<f64>() - 3.0;
        (79.0 + z * 14.0).round().clamp(20.0, 100.0) as u8
    }

    fn exams(&mut self, tp: &TreePlan, p: &Person) {
        let city = tp.agencies.get(p.agency).and_then(|a| a.city).unwrap_or(0);
        let code = CITIES.get(city).map_or(3301, |c| c.code / 100);
        let c = city as i32;
        let recent = self.rel(-18 - 2 * c);
        let old = self.rel(-375 - c);
        let after = self.rel(12 + c);
        let plan = match p.exam {
            ExamPlan::Natural => {
                let r = self.unit();
                if r < 0.84 {
                    let s = self.natural_score();
                    if self.chance(0.4) {
                        let o = self.natural_score();
                        self.exam(p, old, code, "", o);
                    }
                    ExamPlan::Recent(s)
                } else if r < 0.92 {
                    ExamPlan::OldOnly(self.natural_score())
                } else if r < 0.93 {
                    ExamPlan::AfterOnly(self.natural_score())
                } else {
                    ExamPlan::Never
                }
            }
            other => other,
        };
        match plan {
            ExamPlan::Natural | ExamPlan::Never => {}
            ExamPlan::Recent(s) => self.exam(p, recent, code, "", s),
            ExamPlan::Tie(a, b) => {
                self.exam(p, recent, code, "", a);
                self.exam(p, recent, code, "B", b);
            }
            ExamPlan::OldOnly(s) => self.exam(p, old, code, "", s),
            ExamPlan::AfterOnly(s) => self.exam(p, after, code, "", s),
        }
    }

    fn exam(&mut self, p: &Person, day: i32, city_code: u32, suffix: &str, score: u8) {
        let d = self.date(day);
        let exam: ExamId = crate::ident::valid(&format!(
            "KS{:04}{:02}{:02}-{city_code}{suffix}",
            d.year(),
            d.month(),
            d.day()
        ));
        self.out.exams.push(Exam {
            practitioner: p.id.clone(),
            exam,
            taken_on: d,
            score: score.min(100),
        });
    }
}

/// Months from `m` up to `m0` (0 when equal).
fn months_between(m: YearMonth, m0: YearMonth) -> i32 {
    (m0.year() - m.year()) * 12 + m0.month() as i32 - m.month() as i32
}
