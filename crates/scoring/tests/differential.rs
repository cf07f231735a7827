//! Differential tests: the real engine's rendered outputs agree with the naive reference
//! (tests/reference) on generated datasets:
//! (a) sample provinces of `zhongjie_sample` (scale Tiny) for several seeds, each run as of the
//!     day it was generated for and earlier (so records after D must be left out);
//! (b) small random datasets dense in edge cases (tests/common/gen.rs), each run as of its own D
//!     and the days either side of it, so every window edge is hit from both sides.
//! A mismatch is reported as a readable diff (reference vs engine).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;
mod reference;

use common::{d, diff, gen};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use zhongjie_core::chrono::{Duration, NaiveDate};
use zhongjie_core::Dataset;

/// The difference between the reference and the engine, if any.
fn disagreement(ds: &Dataset, as_of: NaiveDate) -> Option<String> {
    let engine = common::run(ds, as_of);
    let reference = reference::run(ds, as_of);
    diff("reference", &reference, "engine", &engine)
        .map(|text| format!("as of {as_of}: the engine differs from the reference:\n{text}"))
}

#[test]
fn engine_agrees_with_reference_on_sample_provinces() {
    let mut failures = Vec::new();
    for seed in [1u64, 7, 2024] {
        for generated_on in ["2024-11-30", "2024-02-29"] {
            let tables =
                zhongjie_sample::generate(zhongjie_sample::Scale::Tiny, seed, d(generated_on));
            let ds = Dataset::new(tables)
                .unwrap_or_else(|e| panic!("sample seed {seed} is not a valid dataset: {e:?}"));
            // As of the generation date, and earlier (records after D must be left out).
            let gd = d(generated_on);
            for as_of in [gd, gd - Duration::days(1), gd - Duration::days(200)] {
                if let Some(text) = disagreement(&ds, as_of) {
                    failures.push(format!(
                        "sample seed {seed} generated on {generated_on}, {text}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 96,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn engine_agrees_with_reference_on_edge_dense_datasets(spec in gen::spec()) {
        let ds = spec.dataset();
        for shift in [0i64, 1, -1] {
            let as_of = spec.as_of + Duration::days(shift);
            if let Some(text) = disagreement(&ds, as_of) {
                prop_assert!(false, "{}", text);
            }
        }
    }
}
