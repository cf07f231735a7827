//! insta snapshots of `zhongjie explain` on the tiny sample province: one agency per grade and one
//! practitioner per card, chosen from the run's own outputs so the choice follows the data.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::Command;

const AS_OF: &str = "2024-11-30";

fn zhongjie(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_zhongjie"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn rows(path: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

/// A run of 17 digits followed by a digit or `X`: a whole resident ID number.
fn has_full_id_number(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(18).any(|w| {
        w[..17].iter().all(u8::is_ascii_digit) && (w[17].is_ascii_digit() || w[17] == b'X')
    })
}

#[test]
fn explanations_of_the_tiny_sample() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let run = dir.path().join("run");
    let (data_s, run_s) = (data.to_str().unwrap(), run.to_str().unwrap());
    zhongjie(&[
        "sample", "--scale", "tiny", "--seed", "1", "--as-of", AS_OF, "--out", data_s,
    ]);
    zhongjie(&["supervise", data_s, "--as-of", AS_OF, "--out", run_s]);

    let grades = rows(&run.join("agency_grades.csv"));
    let mut shown = 0;
    for grade in ["A", "B", "C", "D"] {
        if let Some(row) = grades.iter().find(|r| r[2] == grade) {
            let text = zhongjie(&["explain", data_s, "--as-of", AS_OF, "--agency", &row[0]]);
            assert!(text.contains(&format!("等级 {grade}级")), "{text}");
            insta::assert_snapshot!(format!("agency_grade_{grade}"), text);
            shown += 1;
        }
    }
    assert!(
        shown >= 2,
        "the tiny sample should spread over several grades"
    );

    let stars = rows(&run.join("practitioner_stars.csv"));
    for card in ["green", "yellow", "red"] {
        let row = stars
            .iter()
            .find(|r| r[4] == card)
            .expect("every card occurs in the tiny sample");
        let text = zhongjie(&[
            "explain",
            data_s,
            "--as-of",
            AS_OF,
            "--practitioner",
            &row[0],
        ]);
        assert!(text.contains(&format!("星级 {} 星", row[1])), "{text}");
        assert!(!has_full_id_number(&text), "{text}");
        insta::assert_snapshot!(format!("practitioner_card_{card}"), text);
    }
}
