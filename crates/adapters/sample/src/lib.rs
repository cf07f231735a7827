//! # zhongjie-sample
//!
//! Deterministic, realistic sample datasets of a province, for demos, tests and benchmarks.
//!
//! [`generate`] builds the tables of exchange v1 for a named [`Scale`]; [`generate_with`] takes
//! any [`SampleConfig`]. Both are pure: a seeded ChaCha generator, no clock, no IO. The same
//! arguments always give identical tables, and every dataset passes
//! [`Dataset::new`](zhongjie_core::Dataset::new).
//!
//! The data look like Zhejiang's: real district codes under 3301..3311, agencies and branches
//! with Chinese names (branches of head offices in 上海, 江苏, 北京 …), valid USCCs with the
//! registration region inside and resident IDs with plausible birth dates, 36 months of pension,
//! tax and payroll rows, projects of every service type around the as-of date, check-ins in
//! working hours near the site's city, and so on.
//!
//! The first eight agency trees are fixed showcases that together exercise every rule and
//! branch of part C (and the neighbouring case that must not fire); the remaining trees are
//! drawn at random with modest anomaly rates, so credit grades spread over A to D. Records dated
//! after the as-of date are included and must not change any result.
//!
//! ```
//! use zhongjie_core::{chrono::NaiveDate, Dataset};
//! use zhongjie_sample::{generate, Scale};
//! let d = NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
//! let t = generate(Scale::Tiny, 7, d);
//! assert_eq!(t, generate(Scale::Tiny, 7, d));
//! assert!(Dataset::new(t).is_ok());
//! ```
//!
//! Architecture invariant: depends only on `zhongjie-core`; no IO, no clock.

mod config;
mod gen;
mod ident;
mod vocab;

pub use config::{SampleConfig, Scale, UnknownScale};
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::Tables;

/// A sample province of the given scale, as of `as_of`, from `seed`.
pub fn generate(scale: Scale, seed: u64, as_of: NaiveDate) -> Tables {
    generate_with(&SampleConfig::for_scale(scale), seed, as_of)
}

/// A sample province of custom sizes, as of `as_of`, from `seed`.
pub fn generate_with(config: &SampleConfig, seed: u64, as_of: NaiveDate) -> Tables {
    gen::Gen::new(config, seed, as_of).run()
}
