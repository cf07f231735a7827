//! The generator: plans the agency trees, then builds each tree (agencies, people and their
//! certificates, contributions and exams, projects with team, check-ins and archive,
//! complaints, sanctions, inspections and client events).
//!
//! Trees are built in fixed chunks of consecutive trees, each chunk on its own generator (its
//! own client pool and resident-ID residue class), several chunks at once when the machine has
//! the cores; the chunks are then joined in order. Chunk boundaries depend only on the
//! configuration, every tree draws from its own seeded stream and every id is scoped by its
//! tree, so the output is the same whatever the number of threads.
//!
//! Work is linear in the output: every lookup is inside one tree (a few dozen people).

mod events;
mod people;
mod plan;
mod projects;
mod showcase;

use crate::config::SampleConfig;
use crate::ident::{uscc, OrgFamily};
use crate::vocab::{trades, CITIES, CLIENT_A, CLIENT_B};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rustc_hash::FxHashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use zhongjie_core::chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, Utc,
    Weekday,
};
use zhongjie_core::time::china_offset;
use zhongjie_core::*;

use people::Person;
pub(crate) use plan::TreePlan;

/// An enterprise served by projects (outside the dataset's agencies).
struct Client {
    uscc: Uscc,
    name: String,
    region: u32,
    lat: f64,
    lon: f64,
}

/// Number of client categories: general trades, then one per industry scope.
const CATEGORIES: usize = 8;

/// Serial numbers of client USCCs and certificates reserved per chunk.
const SERIALS_PER_CHUNK: u64 = 400_000;

/// The generator's state.
pub(crate) struct Gen<'c> {
    cfg: &'c SampleConfig,
    seed: u64,
    as_of: NaiveDate,
    /// The as-of date as a day number (days from the common era).
    d: i32,
    m0: YearMonth,
    rng: ChaCha8Rng,
    out: Tables,
    trees: Arc<Vec<TreePlan>>,
    clients: Vec<Client>,
    pools: Vec<Vec<u32>>,
    resident_ids: FxHashSet<ResidentId>,
    /// This chunk's residue class of the resident-ID sequence numbers, and the modulus.
    id_class: (u32, u32),
    names: FxHashSet<String>,
    /// Global practitioner index range of every tree (from the plan).
    tree_people: Arc<Vec<(u32, u32)>>,
    /// Global indices of expert-pool members built so far in this chunk (external experts).
    experts: Vec<u32>,
    /// Check-in records per started project at `att_factor` = 1 (calibration).
    att_factor: f64,
    // The tree being built.
    t: usize,
    people: Vec<Person>,
    occupied: Occupancy,
    /// Reused buffer of team candidates.
    scratch: Vec<u32>,
    /// Reused buffer of a project's check-ins.
    recs: Vec<projects::Rec>,
    // Counters of ids (per tree, except the serials).
    n_project: u64,
    n_record: u64,
    n_cert: u64,
    n_complaint: u64,
    n_event: u64,
    n_sanction: u64,
    n_inspection: u64,
    n_client: u64,
    n_agency_code: u64,
}

/// Mixes the seed with a stream number (splitmix64).
fn mix(seed: u64, stream: u64) -> u64 {
    let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Mean check-in records of a started project when `att_factor` is 1 (measured).
const RECORDS_AT_FACTOR_ONE: f64 = 4.6;

/// Trees per chunk: at least 50, and never more than 250 chunks (the resident-ID sequence
/// numbers are shared out among chunks).
fn chunk_size(roots: usize) -> usize {
    roots.div_ceil(250).max(50)
}

/// Moves the rows of `parts` (in order) into one set of tables.
fn join(parts: Vec<Tables>) -> Tables {
    let mut out = Tables::default();
    for t in TableName::ALL {
        let n: usize = parts.iter().map(|p| p.row_count(t)).sum();
        match t {
            TableName::Agencies => out.agencies.reserve_exact(n),
            TableName::Practitioners => out.practitioners.reserve_exact(n),
            TableName::Certificates => out.certificates.reserve_exact(n),
            TableName::Contributions => out.contributions.reserve_exact(n),
            TableName::Projects => out.projects.reserve_exact(n),
            TableName::Team => out.team.reserve_exact(n),
            TableName::Attendance => out.attendance.reserve_exact(n),
            TableName::Stages => out.stages.reserve_exact(n),
            TableName::Complaints => out.complaints.reserve_exact(n),
            TableName::ClientEvents => out.client_events.reserve_exact(n),
            TableName::Sanctions => out.sanctions.reserve_exact(n),
            TableName::Exams => out.exams.reserve_exact(n),
            TableName::Inspections => out.inspections.reserve_exact(n),
        }
    }
    for mut p in parts {
        out.agencies.append(&mut p.agencies);
        out.practitioners.append(&mut p.practitioners);
        out.certificates.append(&mut p.certificates);
        out.contributions.append(&mut p.contributions);
        out.projects.append(&mut p.projects);
        out.team.append(&mut p.team);
        out.attendance.append(&mut p.attendance);
        out.stages.append(&mut p.stages);
        out.complaints.append(&mut p.complaints);
        out.client_events.append(&mut p.client_events);
        out.sanctions.append(&mut p.sanctions);
        out.exams.append(&mut p.exams);
        out.inspections.append(&mut p.inspections);
    }
    out
}

impl<'c> Gen<'c> {
    pub(crate) fn new(cfg: &'c SampleConfig, seed: u64, as_of: NaiveDate) -> Gen<'c> {
        let att = cfg.attendance_per_project.max(0.0);
        Gen {
            cfg,
            seed,
            as_of,
            d: as_of.num_days_from_ce(),
            m0: YearMonth::of(as_of),
            rng: ChaCha8Rng::seed_from_u64(mix(seed, 0)),
            out: Tables::default(),
            trees: Arc::new(Vec::new()),
            clients: Vec::new(),
            pools: (0..CITIES.len() * CATEGORIES).map(|_| Vec::new()).collect(),
            resident_ids: FxHashSet::default(),
            id_class: (0, 1),
            names: FxHashSet::default(),
            tree_people: Arc::new(Vec::new()),
            experts: Vec::new(),
            att_factor: (att / RECORDS_AT_FACTOR_ONE).max(0.1),
            t: 0,
            people: Vec::new(),
            occupied: Occupancy::new(as_of.num_days_from_ce() - 1600, 3200),
            scratch: Vec::new(),
            recs: Vec::new(),
            n_project: 1,
            n_record: 1,
            n_cert: 1,
            n_complaint: 1,
            n_event: 1,
            n_sanction: 1,
            n_inspection: 1,
            n_client: 1,
            n_agency_code: 1,
        }
    }

    /// Plans the trees, builds the chunks (in parallel where possible), joins them in order.
    pub(crate) fn run(mut self) -> Tables {
        self.plan_trees();
        let mut ranges = Vec::with_capacity(self.trees.len());
        let mut acc = 0u32;
        for p in self.trees.iter() {
            ranges.push((acc, acc + p.people as u32));
            acc += p.people as u32;
        }
        self.tree_people = Arc::new(ranges);
        let n = self.trees.len();
        let size = chunk_size(n);
        let chunks: Vec<(usize, usize)> = (0..n)
            .step_by(size)
            .map(|s| (s, (s + size).min(n)))
            .collect();
        let workers = std::thread::available_parallelism()
            .map_or(1, |x| x.get())
            .clamp(1, 8)
            .min(chunks.len());
        let this = &self;
        let chunks = &chunks;
        let parts: Vec<Tables> = if workers <= 1 {
            (0..chunks.len()).map(|i| this.chunk(i, chunks)).collect()
        } else {
            let next = AtomicUsize::new(0);
            let slots: Vec<Mutex<Option<Tables>>> =
                (0..chunks.len()).map(|_| Mutex::new(None)).collect();
            std::thread::scope(|s| {
                for _ in 0..workers {
                    s.spawn(|| loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= chunks.len() {
                            break;
                        }
                        let part = this.chunk(i, chunks);
                        if let Some(Ok(mut slot)) = slots.get(i).map(|m| m.lock()) {
                            *slot = Some(part);
                        }
                    });
                }
            });
            slots
                .into_iter()
                .enumerate()
                .map(|(i, m)| {
                    m.into_inner()
                        .ok()
                        .flatten()
                        .unwrap_or_else(|| this.chunk(i, chunks))
                })
                .collect()
        };
        join(parts)
    }

    /// Builds the trees of chunk `i` on a fresh generator.
    fn chunk(&self, i: usize, chunks: &[(usize, usize)]) -> Tables {
        let Some(&(from, to)) = chunks.get(i) else {
            return Tables::default();
        };
        let mut g = Gen::new(self.cfg, self.seed, self.as_of);
        g.trees = Arc::clone(&self.trees);
        g.tree_people = Arc::clone(&self.tree_people);
        g.id_class = (i as u32, chunks.len().max(1) as u32);
        g.n_client = i as u64 * SERIALS_PER_CHUNK + 1;
        g.n_cert = i as u64 * SERIALS_PER_CHUNK + 1;
        // Room for this chunk's share of the rows.
        let people: usize = self
            .trees
            .get(from..to)
            .map_or(0, |ts| ts.iter().map(|t| t.people).sum());
        let projects: usize = self
            .trees
            .get(from..to)
            .map_or(0, |ts| ts.iter().map(|t| t.projects).sum());
        let att = self.cfg.attendance_per_project.max(0.0);
        g.out.agencies.reserve(2 * (to - from) + 8);
        g.out.practitioners.reserve(people);
        g.out.certificates.reserve(people * 2);
        g.out.contributions.reserve(people * 42);
        g.out.projects.reserve(projects + projects / 10 + 16);
        g.out.team.reserve(projects * 4);
        g.out
            .attendance
            .reserve((projects as f64 * att * 1.1) as usize + 64);
        g.out.stages.reserve(projects * 6 + 64);
        g.out.exams.reserve(people * 2);
        for t in from..to {
            g.rng = ChaCha8Rng::seed_from_u64(mix(self.seed, t as u64 + 1));
            g.build_tree(t);
        }
        g.out
    }

    fn build_tree(&mut self, t: usize) {
        let Some(tp) = self.trees.get(t).cloned() else {
            return;
        };
        self.t = t;
        self.n_project = 1;
        self.n_record = 1;
        self.n_complaint = 1;
        self.n_event = 1;
        self.n_sanction = 1;
        self.n_inspection = 1;
        self.emit_agencies(&tp);
        self.make_people(t, &tp);
        self.emit_people(&tp);
        self.occupied.clear();
        self.build_projects(t, &tp);
        self.tree_events(&tp);
        for p in &self.people {
            if p.expert {
                self.experts.push(p.g);
            }
        }
    }

    /// An id scoped by the tree being built: `prefix` + tree number + `-` + `k`.
    fn tree_id<T: core::str::FromStr>(&self, prefix: &str, k: u64, width: usize) -> T
    where
        T::Err: core::fmt::Debug,
    {
        crate::ident::id2(prefix, self.t as u64 + 1, 4, k, width)
    }

    /// The id of the practitioner at global index `g`.
    fn practitioner_id(g: u32) -> PractitionerId {
        crate::ident::id("P", u64::from(g) + 1, 6)
    }

    // ---- dates -------------------------------------------------------------------------

    /// The date of a day number.
    fn date(&self, day: i32) -> NaiveDate {
        NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(self.as_of)
    }

    /// The as-of date shifted by `n` days, as a day number.
    fn rel(&self, n: i32) -> i32 {
        self.d + n
    }

    /// A uniform day between `lo` and `hi` days from the as-of date.
    fn day_in(&mut self, lo: i32, hi: i32) -> i32 {
        let n = self.int(lo, hi);
        self.d + n
    }

    fn month_of(&self, day: i32) -> YearMonth {
        YearMonth::of(self.date(day))
    }

    /// The first day from `day` on that is a weekday.
    fn weekday_from(&self, day: i32) -> i32 {
        let mut x = day;
        while matches!(self.date(x).weekday(), Weekday::Sat | Weekday::Sun) {
            x += 1;
        }
        x
    }

    fn is_weekend(&self, day: i32) -> bool {
        matches!(self.date(day).weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// `day` plus `n` years (29 February → 28 February), as a day number.
    fn plus_years(&self, day: i32, n: i32) -> i32 {
        zhongjie_core::time::add_years(self.date(day), n)
            .map(|x| x.num_days_from_ce())
            .unwrap_or(day + 365 * n)
    }

    /// A check-in instant: local day and minute of the day at UTC+08:00, written with the
    /// `+08:00` offset or, when `utc`, as `Z`.
    fn instant(&self, day: i32, minute: u32, utc: bool) -> DateTime<FixedOffset> {
        let t = NaiveTime::from_num_seconds_from_midnight_opt(minute.min(1439) * 60, 0)
            .unwrap_or(NaiveTime::MIN);
        let local = NaiveDateTime::new(self.date(day), t);
        let utc_naive = local - TimeDelta::hours(8);
        let off = if utc { Utc.fix() } else { china_offset() };
        DateTime::from_naive_utc_and_offset(utc_naive, off)
    }

    // ---- randomness ---------------------------------------------------------------------

    /// A uniform integer in `lo..=hi` (`lo` when the range is empty).
    fn int(&mut self, lo: i32, hi: i32) -> i32 {
        if hi <= lo {
            lo
        } else {
            self.rng.gen_range(lo..=hi)
        }
    }

    /// A uniform index below `n` (0 when `n` is 0).
    fn idx(&mut self, n: usize) -> usize {
        if n <= 1 {
            0
        } else {
            self.rng.gen_range(0..n)
        }
    }

    fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && self.rng.gen::<f64>() < p
    }

    fn unit(&mut self) -> f64 {
        self.rng.gen::<f64>()
    }

    /// An element of a non-empty slice (`None` when empty).
    fn pick<T: Copy>(&mut self, xs: &[T]) -> Option<T> {
        if xs.is_empty() {
            None
        } else {
            let i = self.idx(xs.len());
            xs.get(i).copied()
        }
    }

    /// An index drawn with the given weights.
    fn weighted(&mut self, w: &[u32]) -> usize {
        let total: u32 = w.iter().sum();
        if total == 0 {
            return 0;
        }
        let mut x = self.rng.gen_range(0..total);
        for (i, wi) in w.iter().enumerate() {
            if x < *wi {
                return i;
            }
            x -= wi;
        }
        w.len().saturating_sub(1)
    }

    /// A Poisson draw (small means).
    fn poisson(&mut self, lambda: f64) -> usize {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda > 30.0 {
            // Normal approximation for large means.
            let z: f64 = (0..12).map(|_| self.unit()).sum::<f64>() - 6.0;
            return (lambda + z * lambda.sqrt()).round().max(0.0) as usize;
        }
        let l = (-lambda).exp();
        let mut k = 0;
        let mut p = 1.0;
        loop {
            p *= self.unit();
            if p <= l {
                return k;
            }
            k += 1;
        }
    }

    /// A Zhejiang city index, weighted by economic size.
    fn city(&mut self) -> usize {
        const W: [u32; 11] = {
            let mut w = [0; 11];
            let mut i = 0;
            while i < 11 {
                w[i] = CITIES[i].weight;
                i += 1;
            }
            w
        };
        self.weighted(&W)
    }

    /// A district of a city: (code, name).
    fn district(&mut self, city: usize) -> (u32, &'static str) {
        let ds = CITIES.get(city).map_or(&[][..], |c| c.districts);
        self.pick(ds).unwrap_or((330106, "西湖区"))
    }

    // ---- clients -------------------------------------------------------------------------

    /// A client enterprise in `city` of the trade of `scope`: an existing one (often) or a new
    /// one; `fresh` always makes a new one that no other project uses.
    fn client(&mut self, city: usize, scope: Option<IndustryScope>, fresh: bool) -> u32 {
        let cat = scope.map_or(0, |s| {
            IndustryScope::ALL
                .iter()
                .position(|x| *x == s)
                .map_or(0, |i| i + 1)
        });
        let slot = city * CATEGORIES + cat;
        if !fresh {
            let reuse = self.chance(0.55);
            let n = self.pools.get(slot).map_or(0, Vec::len);
            if reuse && n > 0 {
                let i = self.idx(n);
                if let Some(c) = self.pools.get(slot).and_then(|p| p.get(i)) {
                    return *c;
                }
            }
        }
        let c = self.new_client(city, scope);
        if !fresh {
            if let Some(p) = self.pools.get_mut(slot) {
                p.push(c);
            }
        }
        c
    }

    fn new_client(&mut self, city: usize, scope: Option<IndustryScope>) -> u32 {
        let (region, _) = self.district(city);
        let c = CITIES.get(city).unwrap_or(&CITIES[0]);
        let a = self.pick(&CLIENT_A).unwrap_or("恒");
        let b = self.pick(&CLIENT_B).unwrap_or("达");
        let trade = self.pick(trades(scope)).unwrap_or("机械");
        let name = if self.chance(0.1) {
            format!("浙江{a}{b}{trade}股份有限公司")
        } else {
            format!("{}{a}{b}{trade}有限公司", c.short)
        };
        let lat = c.lat + (self.unit() - 0.5) * 0.36;
        let lon = c.lon + (self.unit() - 0.5) * 0.44;
        let serial = self.n_client;
        self.n_client += 1;
        self.clients.push(Client {
            uscc: uscc(region, OrgFamily::Digits, serial),
            name,
            region,
            lat: round6(lat),
            lon: round6(lon),
        });
        (self.clients.len() - 1) as u32
    }
}

/// Who is on site on which day, for the tree being built: one bitset per person over a fixed
/// span of days around the as-of date, and a set for any day outside it.
struct Occupancy {
    base: i32,
    span: usize,
    words: usize,
    bits: Vec<u64>,
    other: FxHashSet<(u32, i32)>,
}

impl Occupancy {
    fn new(base: i32, span: usize) -> Occupancy {
        Occupancy {
            base,
            span,
            words: span.div_ceil(64),
            bits: Vec::new(),
            other: FxHashSet::default(),
        }
    }

    fn clear(&mut self) {
        self.bits.clear();
        self.other.clear();
    }

    fn slot(&self, person: u32, day: i32) -> Option<(usize, u64)> {
        let off = usize::try_from(day - self.base).ok()?;
        if off >= self.span {
            return None;
        }
        Some((person as usize * self.words + off / 64, 1u64 << (off % 64)))
    }

    fn contains(&self, k: &(u32, i32)) -> bool {
        match self.slot(k.0, k.1) {
            Some((i, m)) => self.bits.get(i).is_some_and(|w| w & m != 0),
            None => self.other.contains(k),
        }
    }

    fn insert(&mut self, k: (u32, i32)) {
        match self.slot(k.0, k.1) {
            Some((i, m)) => {
                if i >= self.bits.len() {
                    let end = (k.0 as usize + 1) * self.words;
                    self.bits.resize(end.max(i + 1), 0);
                }
                if let Some(w) = self.bits.get_mut(i) {
                    *w |= m;
                }
            }
            None => {
                self.other.insert(k);
            }
        }
    }
}

/// Rounds a coordinate to 6 decimals (about 0.1 m), as platforms report them.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
