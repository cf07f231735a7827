//! Sizes of a sample: four named scales, or any custom [`SampleConfig`].

use core::fmt;
use core::str::FromStr;

/// A named size of sample province.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scale {
    /// 8 agency trees, about 70 practitioners and 110 projects: every rule, for tests.
    Tiny,
    /// About 1/100 of a province.
    Small,
    /// About 1/10 of a province: one large city.
    City,
    /// A whole province: about 3,000 agency trees, 60,000 practitioners, 500,000 projects,
    /// 5 million check-ins, 2 million contribution rows.
    Province,
}

impl Scale {
    /// Every scale, smallest first.
    pub const ALL: [Scale; 4] = [Scale::Tiny, Scale::Small, Scale::City, Scale::Province];

    /// The command-line name.
    pub const fn code(self) -> &'static str {
        match self {
            Scale::Tiny => "tiny",
            Scale::Small => "small",
            Scale::City => "city",
            Scale::Province => "province",
        }
    }

    /// The Chinese name.
    pub const fn zh(self) -> &'static str {
        match self {
            Scale::Tiny => "微型（测试用）",
            Scale::Small => "小型（约全省百分之一）",
            Scale::City => "市级（约全省十分之一）",
            Scale::Province => "省级",
        }
    }
}

impl fmt::Display for Scale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A scale name that is not one of the four.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownScale(pub String);

impl fmt::Display for UnknownScale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "未知规模 `{}`，应为 tiny | small | city | province",
            self.0
        )
    }
}

impl std::error::Error for UnknownScale {}

impl FromStr for Scale {
    type Err = UnknownScale;
    fn from_str(s: &str) -> Result<Scale, UnknownScale> {
        Scale::ALL
            .into_iter()
            .find(|x| x.code() == s)
            .ok_or_else(|| UnknownScale(s.to_owned()))
    }
}

/// The sizes of a sample. The generated counts come close to these targets; the other tables
/// (certificates, contributions, stages, complaints, …) follow from them.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleConfig {
    /// Head offices (agency trees). The first eight are fixed showcase trees that together
    /// exercise every rule of part C; the rest are drawn at random.
    pub roots: usize,
    /// Practitioners, in total.
    pub practitioners: usize,
    /// Projects, in total.
    pub projects: usize,
    /// Mean check-in records per project that has started.
    pub attendance_per_project: f64,
    /// Multiplies the rates of planted anomalies in the random trees (1.0 = default; 0 = only
    /// the showcase trees carry anomalies).
    pub anomaly_rate: f64,
}

impl SampleConfig {
    /// The sizes of a named scale.
    pub fn for_scale(scale: Scale) -> SampleConfig {
        let (roots, practitioners, projects, attendance) = match scale {
            Scale::Tiny => (8, 70, 110, 8.0),
            Scale::Small => (30, 600, 5_000, 10.0),
            Scale::City => (300, 6_000, 50_000, 10.0),
            Scale::Province => (3_000, 60_000, 500_000, 10.0),
        };
        SampleConfig {
            roots,
            practitioners,
            projects,
            attendance_per_project: attendance,
            anomaly_rate: 1.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_names_round_trip_and_unknown_is_refused_in_chinese() {
        for s in Scale::ALL {
            assert_eq!(s.code().parse::<Scale>(), Ok(s));
        }
        let e = "huge".parse::<Scale>().unwrap_err();
        assert!(e.to_string().contains("未知规模 `huge`"));
    }

    #[test]
    fn scales_grow_by_ten() {
        let p = SampleConfig::for_scale(Scale::Province);
        let c = SampleConfig::for_scale(Scale::City);
        let s = SampleConfig::for_scale(Scale::Small);
        assert_eq!(p.practitioners, 10 * c.practitioners);
        assert_eq!(c.projects, 10 * s.projects);
    }
}
