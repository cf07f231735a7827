//! End to end: `zhongjie penalty` and `zhongjie penalty listing`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::process::{Command, Output};

fn zhongjie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhongjie"))
        .args(args)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn a_false_report_is_explained_at_the_upper_limit_with_referral_and_listing() {
    let out = zhongjie(&[
        "penalty",
        "--violation",
        "false_report",
        "--illegal-gains",
        "150000",
        "--responsible-persons",
        "2",
        "--deaths",
        "1",
        "--as-of",
        "2024-11-30",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(text.contains("按上限查处：750,000元"));
    assert!(text.contains("刑事移送：建议移送司法机关"));
    insta::assert_snapshot!("penalty_false_report_explanation", text);
}

#[test]
fn json_gives_the_ranges_as_exact_decimals() {
    let out = zhongjie(&[
        "penalty",
        "--violation",
        "qualification_lending",
        "--illegal-gains",
        "150000",
        "--circumstance",
        "heavier",
        "--as-of",
        "2024-11-30",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["upper_limit"], false);
    assert_eq!(v["agency_fine"]["statutory"]["min"], "300000");
    assert_eq!(v["agency_fine"]["statutory"]["max"], "750000");
    assert_eq!(v["agency_fine"]["band"]["min"], "615000");
    assert_eq!(v["agency_fine"]["band"]["max"], "750000");
    assert_eq!(v["person_fine"]["statutory"]["min"], "50000");
}

#[test]
fn mitigation_against_the_upper_limit_is_refused_with_both_rules() {
    let out = zhongjie(&[
        "penalty",
        "--violation",
        "inaccurate_report",
        "--circumstance",
        "lighter",
        "--as-of",
        "2024-11-30",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("PENALTY_UPPER_LIMIT") && err.contains("PENALTY_MITIGATION"),
        "{err}"
    );
    assert!(err.contains("[conflicting_rules]"));
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_arguments_exit_2() {
    for args in [
        &["penalty", "--violation", "fraud", "--as-of", "2024-11-30"][..],
        &[
            "penalty",
            "--violation",
            "false_report",
            "--illegal-gains",
            "1.5e5",
            "--as-of",
            "2024-11-30",
        ],
        &["penalty", "--violation", "false_report"],
        &[
            "penalty",
            "--violation",
            "false_report",
            "--as-of",
            "2021-08-31",
        ],
    ] {
        let out = zhongjie(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn listing_lifecycle() {
    let status = |as_of: &str, extra: &[&str]| {
        let mut a = vec![
            "penalty",
            "listing",
            "--listed-on",
            "2024-02-29",
            "--as-of",
            as_of,
        ];
        a.extend_from_slice(extra);
        let out = zhongjie(&a);
        (out.status.code(), stdout(&out))
    };
    let (code, text) = status("2025-02-27", &[]);
    assert_eq!(code, Some(0));
    assert!(
        text.contains("当前状态：列入名单（未满信用修复期）（公示中）"),
        "{text}"
    );
    assert!(status("2025-02-28", &[]).1.contains("可申请信用修复"));
    assert!(status("2027-02-28", &[])
        .1
        .contains("期满自动移出（已停止公示）"));
    assert!(status("2025-06-01", &["--repaired-on", "2025-03-01"])
        .1
        .contains("信用修复后提前移出"));
    assert_eq!(
        status("2025-06-01", &["--repaired-on", "2025-01-01"]).0,
        Some(2)
    );
}
