//! Differential tests: the real engine's rendered outputs agree with the naive reference
//! (tests/reference) on generated datasets:
//! small random datasets dense in edge cases (tests/common/gen.rs), each run as of its own D and
//! the days either side of it, so every window edge is hit from both sides.
//! A mismatch is reported as a readable diff (reference vs engine).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

mod common;
mod reference;

use common::{diff, gen};
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
