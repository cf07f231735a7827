//! The calculator as a browser page uses it: CSV texts in a JSON object, an as-of date, JSON out.
//! Checked against the worked examples of the spec (shared/spec/examples).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use zhongjie_wasm::{about_json, explain_agency_json, explain_practitioner_json, supervise_json};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/spec/examples")
}

/// The `files_json` a page would send for a dataset folder.
fn files_json(dir: &Path) -> String {
    let mut m = serde_json::Map::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let p = entry.unwrap().path();
        let name = p.file_name().unwrap().to_str().unwrap().to_owned();
        m.insert(name, Value::String(std::fs::read_to_string(&p).unwrap()));
    }
    Value::Object(m).to_string()
}

fn example(name: &str) -> (String, String) {
    let dir = examples().join(name);
    let as_of = std::fs::read_to_string(dir.join("as_of")).unwrap();
    (files_json(&dir.join("data")), as_of.trim().to_owned())
}

fn parse(answer: &str) -> Value {
    serde_json::from_str(answer).unwrap_or_else(|e| panic!("not JSON ({e}): {answer}"))
}

fn success(answer: &str) -> Value {
    let v = parse(answer);
    assert_eq!(v["status"], "success", "{v:#}");
    v
}

fn failure_codes(answer: &str) -> Vec<String> {
    let v = parse(answer);
    assert_eq!(v["status"], "failure", "{v:#}");
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn points_stars_example_gives_the_expected_grades_and_stars() {
    let (files, as_of) = example("points_stars");
    let v = success(&supervise_json(&files, &as_of, None));
    assert_eq!(v["as_of"], "2024-11-30");
    assert_eq!(v["pack"], "zj-2024@1.0.0");
    assert_eq!(v["rows"]["practitioners.csv"], 9);

    let r1 = &v["agency_grades"][0];
    assert_eq!(r1["agency_id"], "R1");
    assert_eq!(r1["score"], 70);
    assert_eq!(r1["grade"], "D");
    assert_eq!(r1["grade_name"], "D级");
    assert_eq!(r1["vetoes"], json!(["status"]));
    assert_eq!(r1["procurement_eligible"], false);
    assert_eq!(r1["supervision"], "key");

    let stars = v["practitioner_stars"].as_array().unwrap();
    assert_eq!(stars.len(), 9);
    let z = |id: &str| stars.iter().find(|s| s["practitioner_id"] == id).unwrap();
    // points >= 12 force 1 star, red card, expert-pool removal.
    assert_eq!(z("Z1")["stars"], 1);
    assert_eq!(z("Z1")["points"], 14);
    assert_eq!(z("Z1")["card"], "red");
    assert_eq!(z("Z1")["card_name"], "红牌");
    assert_eq!(z("Z1")["expert_pool_removal"], true);
    // floor(points / 3) taken off, yellow at 6.
    assert_eq!(z("Z2")["stars"], 7);
    assert_eq!(z("Z2")["card"], "yellow");
    assert_eq!(z("Z3")["stars"], 9);
    assert_eq!(z("Z4")["exam"], "untested");

    let findings = v["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 12);
    let leader = findings
        .iter()
        .find(|f| f["rule"] == "LEADER_ABSENT" && f["subject_id"] == "J2")
        .unwrap();
    assert_eq!(leader["date"], "2023-11-15");
    assert_eq!(leader["evidence"], json!(["Z8"]));
    assert!(leader["message"].as_str().unwrap().contains("负责人"));

    assert_eq!(v["must_inspect"], json!([]));
}

/// The four texts under `files` are the outputs of part C: the same values as every example's
/// `expected/` folder.
#[test]
fn every_example_matches_its_expected_outputs() {
    let mut n = 0;
    for entry in std::fs::read_dir(examples()).unwrap() {
        let dir = entry.unwrap().path();
        if !dir.join("expected").is_dir() {
            continue;
        }
        n += 1;
        let name = dir.file_name().unwrap().to_str().unwrap().to_owned();
        let (files, as_of) = example(&name);
        let v = success(&supervise_json(&files, &as_of, None));
        let expected = |f: &str| std::fs::read_to_string(dir.join("expected").join(f)).unwrap();
        for csv in [
            "agency_grades.csv",
            "practitioner_stars.csv",
            "must_inspect.csv",
        ] {
            assert_eq!(v["files"][csv], expected(csv), "{name}/{csv}");
        }
        let key = |f: &Value| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["subject_kind"].as_str().unwrap().to_owned(),
                f["subject_id"].as_str().unwrap().to_owned(),
                f["date"].as_str().unwrap().to_owned(),
                f["evidence"].to_string(),
            )
        };
        let want: BTreeSet<_> = expected("findings.jsonl")
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| key(&serde_json::from_str(l).unwrap()))
            .collect();
        let got: BTreeSet<_> = v["findings"].as_array().unwrap().iter().map(key).collect();
        assert_eq!(got, want, "{name}");
        let jsonl: BTreeSet<_> = v["files"]["findings.jsonl"]
            .as_str()
            .unwrap()
            .lines()
            .map(|l| key(&serde_json::from_str(l).unwrap()))
            .collect();
        assert_eq!(jsonl, want, "{name}");
    }
    assert!(n >= 3, "only {n} examples found");
}

#[test]
fn explanations_are_chinese_text() {
    let (files, as_of) = example("points_stars");
    let v = success(&explain_agency_json(&files, &as_of, "R1", None));
    assert_eq!(v["root_id"], "R1");
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("得分 70 分"), "{text}");
    assert!(text.contains("一票否决"), "{text}");
    assert!(text.contains("zj-2024@1.0.0"), "{text}");

    let v = success(&explain_practitioner_json(&files, &as_of, "Z1", None));
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("记分 14 分"), "{text}");
    // The resident ID shows only its first 3 and last 4 characters.
    assert!(!text.contains("330106197001011003"), "{text}");
    assert!(text.contains("330***********1003"), "{text}");

    assert_eq!(
        failure_codes(&explain_agency_json(&files, &as_of, "NOPE", None)),
        ["unknown_agency"]
    );
    assert_eq!(
        failure_codes(&explain_practitioner_json(&files, &as_of, "NOPE", None)),
        ["unknown_practitioner"]
    );
}

#[test]
fn a_rule_pack_text_replaces_the_builtin_one() {
    let (files, as_of) = example("points_stars");
    let block = "key = \"grade.deduction.NOT_FULL_TIME\"\nname = \"机构扣分（每条）：NOT_FULL_TIME\"\nconfidence = \"SPEC\"\nvalues = [{ from = \"2019-05-01\", value = 2,";
    let pack = zhongjie_core::pack::ZJ_2024;
    assert!(pack.contains(block));
    let pack = pack
        .replace(block, &block.replace("value = 2,", "value = 0,"))
        .replace("version = \"1.0.0\"", "version = \"1.0.0-test\"");
    let v = success(&supervise_json(&files, &as_of, Some(&pack)));
    assert_eq!(v["pack"], "zj-2024@1.0.0-test");
    // The seven NOT_FULL_TIME findings (2 points each) no longer cost the agency anything.
    assert_eq!(v["agency_grades"][0]["score"], 84);

    // An empty pack text means the built-in pack.
    let v = success(&supervise_json(&files, &as_of, Some("  ")));
    assert_eq!(v["pack"], "zj-2024@1.0.0");

    let v = parse(&supervise_json(&files, &as_of, Some("[pack]\nid = ")));
    assert_eq!(v["status"], "failure");
    assert_eq!(v["errors"][0]["code"], "pack_syntax");
    assert_eq!(v["errors"][0]["file"], "rule_pack.toml");
    assert_eq!(v["errors"][0]["line"], 2);
}

#[test]
fn bad_requests_fail_with_every_problem_listed() {
    assert_eq!(
        failure_codes(&supervise_json("{", "2024-11-30", None)),
        ["bad_json"]
    );
    assert_eq!(
        failure_codes(&supervise_json("[]", "2024-11-30", None)),
        ["bad_json"]
    );

    // A wrong date, a misspelt file name and a file that is not text, all at once.
    let files = json!({"agency.csv": "x", "practitioners.csv": 3}).to_string();
    let codes = failure_codes(&supervise_json(&files, "2024-02-30", None));
    assert_eq!(codes, ["bad_as_of", "unknown_file", "bad_file_content"]);

    // The CSV reader's own errors, with file, line and column.
    let files = json!({
        "agencies.csv": "agency_id,name,kind,uscc,region_code,parent_agency_id,qualified_until,scopes,status\n\
                         A1,甲,safety_evaluation,913301063100000060,330106,,,,active\n",
    })
    .to_string();
    let v = parse(&supervise_json(&files, "2024-11-30", None));
    assert_eq!(v["status"], "failure");
    let errors = v["errors"].as_array().unwrap();
    let uscc = errors.iter().find(|e| e["code"] == "bad_uscc").unwrap();
    assert_eq!(uscc["file"], "agencies.csv");
    assert_eq!(uscc["line"], 2);
    assert_eq!(uscc["column"], "uscc");
    assert!(uscc["message"]
        .as_str()
        .unwrap()
        .chars()
        .any(|c| c > '\u{2e80}'));
    assert!(errors
        .iter()
        .any(|e| e["code"] == "missing_file" && e["file"] == "practitioners.csv"));
    assert_eq!(v["omitted"], 0);
}

#[test]
fn nothing_throws_whatever_comes_in() {
    let (files, _) = example("points_stars");
    let inputs = [
        ("", ""),
        ("null", "2024-11-30"),
        ("{\"agencies.csv\": \"\"}", "2024-11-30"),
        ("{\"agencies.csv\": \"\\u0000,\\\"\"}", "x"),
        (files.as_str(), ""),
        (files.as_str(), "9999-12-31"),
        (files.as_str(), "0001-01-01"),
    ];
    for (f, d) in inputs {
        for answer in [
            supervise_json(f, d, None),
            explain_agency_json(f, d, "R1", None),
            explain_practitioner_json(f, d, "", Some("garbage")),
        ] {
            let v = parse(&answer);
            assert!(v["status"] == "success" || v["status"] == "failure", "{v}");
        }
    }
}

#[test]
fn the_reporter_contact_never_comes_out() {
    let (files, as_of) = example("points_stars");
    let mut m: serde_json::Map<String, Value> = serde_json::from_str(&files).unwrap();
    let secret = "13900001111";
    m.insert(
        "complaints.csv".to_owned(),
        Value::String(format!(
            "complaint_id,received_on,agency_id,practitioner_id,category,status,closed_on,reporter_contact\n\
             C1,2024-10-01,R1,Z1,false_report,substantiated,,{secret}\n"
        )),
    );
    let files = Value::Object(m.clone()).to_string();
    let out = supervise_json(&files, &as_of, None);
    let v = success(&out);
    assert_eq!(v["must_inspect"][0]["reasons"], json!(["complaint"]));
    assert!(!out.contains(secret));
    let out = explain_agency_json(&files, &as_of, "R1", None);
    success(&out);
    assert!(!out.contains(secret));

    // Nor in the errors of a row that holds it.
    m.insert(
        "complaints.csv".to_owned(),
        Value::String(format!(
            "complaint_id,received_on,agency_id,practitioner_id,category,status,closed_on,reporter_contact\n\
             C1,2024-13-01,R9,Z1,bogus,substantiated,,{secret}\n"
        )),
    );
    let out = supervise_json(&Value::Object(m).to_string(), &as_of, None);
    assert!(!failure_codes(&out).is_empty());
    assert!(!out.contains(secret));
}

#[test]
fn about_lists_the_files_a_dataset_may_have() {
    let v = success(&about_json());
    assert_eq!(v["default_pack"], "zj-2024@1.0.0");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 13);
    assert_eq!(files[0]["name"], "agencies.csv");
    assert_eq!(files[0]["required"], true);
    assert_eq!(files[0]["columns"][0], "agency_id");
    assert!(files
        .iter()
        .any(|f| f["name"] == "complaints.csv" && f["required"] == false));
}

#[test]
fn a_branch_is_explained_through_its_head_office_and_a_cancelled_one_is_not_graded() {
    let (files, as_of) = example("points_stars");
    let mut m: serde_json::Map<String, Value> = serde_json::from_str(&files).unwrap();
    let uscc = |first17: &str| {
        format!(
            "{first17}{}",
            zhongjie_core::uscc::uscc_check_char(first17).unwrap()
        )
    };
    let agencies = m["agencies.csv"].as_str().unwrap().to_owned();
    m.insert(
        "agencies.csv".to_owned(),
        Value::String(format!(
            "{agencies}B1,R1杭州分公司,social_service,{},330110,R1,,,active\n\
             R2,R2安全咨询有限公司,social_service,{},330106,,,consulting,cancelled\n",
            uscc("91330110310000007"),
            uscc("91330106310000008"),
        )),
    );
    let files = Value::Object(m).to_string();
    let v = success(&explain_agency_json(&files, &as_of, "B1", None));
    assert_eq!(v["agency_id"], "B1");
    assert_eq!(v["root_id"], "R1");
    let text = v["text"].as_str().unwrap();
    assert!(text.contains("B1 是分支机构"), "{text}");
    assert!(text.contains("得分 70 分"), "{text}");

    assert_eq!(
        failure_codes(&explain_agency_json(&files, &as_of, "R2", None)),
        ["not_graded"]
    );
    // Graded: R1 only (a branch is part of its tree; a cancelled head office is not graded).
    let v = success(&supervise_json(&files, &as_of, None));
    assert_eq!(v["agency_grades"].as_array().unwrap().len(), 1);
}
