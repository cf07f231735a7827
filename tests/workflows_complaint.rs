//! End to end: `zhongjie complaint reward|track|status`; the reporter stays confidential.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::PathBuf;
use std::process::{Command, Output};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/examples/workflows")
}

fn zhongjie(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhongjie"))
        .args(args)
        .output()
        .unwrap()
}

fn all_output(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn rewards_of_the_issue_examples() {
    let out = zhongjie(&[
        "complaint",
        "reward",
        "--fine",
        "200000",
        "--as-of",
        "2024-11-30",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(all_output(&out).contains("奖励金额：30,000元"));
    let out = zhongjie(&[
        "complaint",
        "reward",
        "--concealed-deaths",
        "7",
        "--severity",
        "major",
        "--as-of",
        "2024-11-30",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["amount"], "300000");
    // Both bases at once, or a death count without its class, are refused.
    for args in [
        &[
            "complaint",
            "reward",
            "--fine",
            "1",
            "--concealed-deaths",
            "1",
            "--severity",
            "major",
            "--as-of",
            "2024-11-30",
        ][..],
        &[
            "complaint",
            "reward",
            "--concealed-deaths",
            "1",
            "--as-of",
            "2024-11-30",
        ],
        &[
            "complaint",
            "reward",
            "--fine",
            "-5",
            "--as-of",
            "2024-11-30",
        ],
    ] {
        assert_eq!(zhongjie(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn the_reporter_is_confidential_in_every_output() {
    let case = examples().join("complaint.toml");
    let dataset = examples().join("dataset");
    let secrets = ["13800001111", "whistle@example.invalid"];
    for args in [
        vec![
            "complaint",
            "track",
            case.to_str().unwrap(),
            "--as-of",
            "2024-09-30",
        ],
        vec![
            "complaint",
            "track",
            case.to_str().unwrap(),
            "--as-of",
            "2024-09-30",
            "--json",
        ],
        vec![
            "complaint",
            "status",
            dataset.to_str().unwrap(),
            "--as-of",
            "2024-11-30",
        ],
        vec![
            "complaint",
            "status",
            dataset.to_str().unwrap(),
            "--as-of",
            "2024-11-30",
            "--json",
        ],
    ] {
        let out = zhongjie(&args);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let all = all_output(&out);
        for s in secrets {
            assert!(!all.contains(s), "{args:?} shows {s}");
        }
    }
    let out = zhongjie(&[
        "complaint",
        "track",
        case.to_str().unwrap(),
        "--as-of",
        "2024-09-30",
    ]);
    let text = all_output(&out);
    assert!(text.contains("举报人：[保密]（内部吹哨人）"));
    assert!(text.contains("当前状态：查证属实（超期 26 日）"));
}

#[test]
fn a_history_the_state_machine_refuses_exits_2_at_its_line() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("case.toml");
    let text = std::fs::read_to_string(examples().join("complaint.toml")).unwrap();
    std::fs::write(
        &p,
        text.replace("state = \"substantiated\"", "state = \"reward_paid\""),
    )
    .unwrap();
    let out = zhongjie(&[
        "complaint",
        "track",
        p.to_str().unwrap(),
        "--as-of",
        "2024-09-30",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("第 17 行") && err.contains("complaint_transition_not_allowed"),
        "{err}"
    );
    assert!(!err.contains("13800001111"));
}
