//! What a user sees when a dataset is refused: one snapshot per defect class, plus the rules
//! of part A that are not about a single cell.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::collections::BTreeMap;
use zhongjie_csv::{read_dataset_from_memory, LoadErrors};

const AGENCIES: &str = "\
agency_id,name,kind,uscc,region_code,parent_agency_id,qualified_until,scopes,status
A1,甲安全评价有限公司,safety_evaluation,91330106310000006N,330106,,2026-12-31,petrochemical;pre_evaluation,active
A2,甲安全评价有限公司宁波分公司,safety_evaluation,91330110310079199Y,330203,A1,,,active
";

const PRACTITIONERS: &str = "\
practitioner_id,name,id_number,agency_id,evaluator_level,registered_safety_engineer,title,specialties,practice_since,expert_pool
P1,张三,11010519491231002X,A1,1,,senior,petrochemical,2010-01-01,false
P2,李四,440524188001010014,A2,,intermediate,none,,,true
";

const PROJECTS: &str = "\
project_id,agency_id,service_type,scope,client_uscc,client_name,site_region_code,contract_signed_on,notice_filed_on,service_started_on,service_ended_on,report_uploaded_on,government_funded,fee_yuan
J1,A2,pre_evaluation,petrochemical,913301103101583809,乙化工有限公司,330110,2024-05-01,2024-05-02,2024-05-05,,,false,5000.00
";

const ATTENDANCE: &str = "\
record_id,project_id,practitioner_id,check_in,check_out,lat,lon
R1,J1,P1,2024-06-03T09:00:00+08:00,2024-06-03T14:00:00+08:00,30.2741,120.1551
";

fn base() -> BTreeMap<String, Vec<u8>> {
    [
        ("agencies.csv", AGENCIES),
        ("practitioners.csv", PRACTITIONERS),
        ("projects.csv", PROJECTS),
        ("attendance.csv", ATTENDANCE),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.as_bytes().to_vec()))
    .collect()
}

/// The base dataset with one file's text edited.
fn with(file: &str, edit: impl Fn(&str) -> String) -> BTreeMap<String, Vec<u8>> {
    let mut m = base();
    let old = String::from_utf8(m[file].clone()).unwrap();
    let new = edit(&old);
    assert_ne!(old, new, "the edit changed nothing");
    m.insert(file.to_owned(), new.into_bytes());
    m
}

fn refused(files: &BTreeMap<String, Vec<u8>>) -> LoadErrors {
    match read_dataset_from_memory(files) {
        Ok(_) => panic!("the dataset was accepted"),
        Err(e) => e,
    }
}

fn codes(e: &LoadErrors) -> Vec<&'static str> {
    e.errors.iter().map(|x| x.code).collect()
}

#[test]
fn the_base_dataset_is_accepted() {
    let ds = read_dataset_from_memory(&base()).unwrap();
    assert_eq!(ds.tables().agencies.len(), 2);
    assert_eq!(ds.tables().attendance.len(), 1);
}

#[test]
fn bad_uscc() {
    let e = refused(&with("agencies.csv", |s| {
        s.replace("91330106310000006N", "91330106310000006M")
    }));
    assert_eq!(codes(&e), ["bad_uscc"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn bad_resident_id() {
    let e = refused(&with("practitioners.csv", |s| {
        s.replace("11010519491231002X", "110105194912310021")
    }));
    assert_eq!(codes(&e), ["bad_resident_id"]);
    let text = e.to_string();
    assert!(!text.contains("110105194912310021"));
    assert!(!text.contains("19491231"));
    insta::assert_snapshot!(text);
}

#[test]
fn unknown_column() {
    let e = refused(&with("agencies.csv", |s| {
        s.replace("status\n", "status,remark\n")
            .replace("active\n", "active,\n")
    }));
    assert_eq!(codes(&e), ["unknown_column"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn missing_column() {
    let e = refused(&with("practitioners.csv", |s| {
        s.replace(",expert_pool\n", "\n")
            .replace(",false\n", "\n")
            .replace(",true\n", "\n")
    }));
    assert_eq!(codes(&e), ["missing_column"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn duplicate_column() {
    let e = refused(&with("practitioners.csv", |s| {
        s.replace(",name,", ",name,name,")
            .replace(",张三,", ",张三,张三,")
            .replace(",李四,", ",李四,李四,")
    }));
    assert_eq!(codes(&e), ["duplicate_column"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn duplicate_id() {
    let e = refused(&with("agencies.csv", |s| {
        format!("{s}A1,丙公司,social_service,913301063100791996,330106,,,consulting,active\n")
    }));
    assert_eq!(codes(&e), ["duplicate_id"]);
    assert_eq!(e.errors[0].line, Some(4));
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn dangling_reference() {
    let e = refused(&with("practitioners.csv", |s| {
        s.replace("440524188001010014,A2", "440524188001010014,A9")
    }));
    assert_eq!(codes(&e), ["dangling_reference"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn branch_cycle() {
    let e = refused(&with("agencies.csv", |s| {
        s.replace("330106,,2026-12-31", "330106,A2,2026-12-31")
    }));
    assert_eq!(codes(&e), ["branch_cycle"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn malformed_date() {
    let e = refused(&with("agencies.csv", |s| {
        s.replace("2026-12-31", "2026-13-01")
    }));
    assert_eq!(codes(&e), ["bad_date"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn malformed_datetime() {
    let e = refused(&with("attendance.csv", |s| {
        s.replace("2024-06-03T09:00:00+08:00", "2024-06-03 09:00")
    }));
    assert_eq!(codes(&e), ["bad_datetime"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn check_out_not_after_check_in() {
    let e = refused(&with("attendance.csv", |s| {
        s.replace("2024-06-03T14:00:00+08:00", "2024-06-03T01:00:00Z")
    }));
    assert_eq!(codes(&e), ["check_out_not_after_check_in"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn unknown_code() {
    let e = refused(&with("agencies.csv", |s| {
        s.replace("petrochemical;pre_evaluation", "petrochemical;pre_eval")
    }));
    assert_eq!(codes(&e), ["unknown_code"]);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn every_error_of_every_file_is_listed_in_file_then_line_order() {
    let mut m = with("agencies.csv", |s| s.replace("330203", "33020"));
    m.insert(
        "practitioners.csv".into(),
        PRACTITIONERS
            .replace(",false\n", ",no\n")
            .replace("A2,,intermediate", "A2,4,intermediate")
            .into_bytes(),
    );
    let e = refused(&m);
    let got: Vec<(String, Option<usize>, Option<String>, &str)> = e
        .errors
        .iter()
        .map(|x| (x.file.clone(), x.line, x.column.clone(), x.code))
        .collect();
    let want = [
        ("agencies.csv", 3, "region_code", "bad_region"),
        ("practitioners.csv", 2, "expert_pool", "bad_bool"),
        ("practitioners.csv", 3, "evaluator_level", "unknown_code"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(f, l, c, k)| (f.to_string(), Some(*l), Some(c.to_string()), *k))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_record_with_a_quoted_line_break_is_at_the_line_where_it_starts() {
    let e = refused(&with("agencies.csv", |s| {
        s.replace("A1,甲安全评价有限公司,", "A1,\"甲安全评价\n有限公司\",")
            .replace("330203", "3302")
    }));
    assert_eq!(e.errors.len(), 1);
    // Line 2 holds A1 (over two lines), so A2 starts on line 4.
    assert_eq!(e.errors[0].line, Some(4));
}

#[test]
fn bom_and_crlf_are_accepted_and_columns_may_come_in_any_order() {
    let mut m = base();
    let agencies = "\u{feff}status,agency_id,name,kind,uscc,region_code,parent_agency_id,qualified_until,scopes\r\n\
        active,A1,甲,safety_evaluation,91330106310000006N,330106,,2026-12-31,petrochemical\r\n\
        active,A2,乙,safety_evaluation,91330110310079199Y,330203,A1,,\r\n";
    m.insert("agencies.csv".into(), agencies.as_bytes().to_vec());
    let ds = read_dataset_from_memory(&m).unwrap();
    assert_eq!(ds.tables().agencies[0].id.as_str(), "A1");
    assert_eq!(ds.tables().agencies[0].name, "甲");
}

#[test]
fn required_files_must_be_present_and_optional_files_may_be_absent() {
    let mut m = base();
    m.remove("practitioners.csv");
    m.remove("attendance.csv");
    let e = refused(&m);
    assert_eq!(codes(&e), ["missing_file"]);
    assert_eq!(e.errors[0].file, "practitioners.csv");

    let mut m = base();
    m.remove("projects.csv");
    m.remove("attendance.csv");
    assert!(read_dataset_from_memory(&m).is_ok());
}

#[test]
fn an_empty_required_cell_is_an_error_and_an_empty_optional_one_is_absent() {
    let e = refused(&with("practitioners.csv", |s| s.replace(",张三,", ",,")));
    assert_eq!(codes(&e), ["missing_value"]);
    assert_eq!(e.errors[0].column.as_deref(), Some("name"));
    let ds = read_dataset_from_memory(&base()).unwrap();
    assert_eq!(ds.tables().practitioners[1].practice_since, None);
    assert!(ds.tables().agencies[1].scopes.is_empty());
}

#[test]
fn a_reference_into_a_file_with_refused_rows_is_not_judged() {
    // A1's row is refused: references to A1 cannot be judged, so only the USCC is reported.
    let e = refused(&with("agencies.csv", |s| {
        s.replace("91330106310000006N", "9133010631000000")
    }));
    assert_eq!(codes(&e), ["bad_uscc"]);
}

#[test]
fn a_row_with_the_wrong_number_of_fields_is_reported() {
    let e = refused(&with("agencies.csv", |s| s.replace(",active\n", "\n")));
    assert_eq!(codes(&e), ["bad_csv", "bad_csv"]);
    assert_eq!(e.errors[0].line, Some(2));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_its_place() {
    let mut m = base();
    let mut bytes = PRACTITIONERS.as_bytes().to_vec();
    let at = PRACTITIONERS.find("张三").unwrap();
    bytes[at] = 0xff;
    m.insert("practitioners.csv".into(), bytes);
    let e = refused(&m);
    assert_eq!(codes(&e), ["bad_utf8"]);
    assert_eq!(e.errors[0].line, Some(2));
    assert_eq!(e.errors[0].column.as_deref(), Some("name"));
}

#[test]
fn errors_beyond_the_cap_are_counted() {
    let mut text = String::from(PRACTITIONERS);
    for i in 0..300 {
        text.push_str(&format!("X{i},某人,1234,A1,,,none,,,false\n"));
    }
    let mut m = base();
    m.insert("practitioners.csv".into(), text.into_bytes());
    let e = refused(&m);
    assert_eq!(e.errors.len(), zhongjie_csv::ERROR_CAP);
    assert_eq!(e.omitted, 100);
    assert!(e
        .to_string()
        .ends_with("另有 100 个错误未列出（只列出前 200 个）\n"));
}

#[test]
fn a_reporter_contact_is_never_repeated() {
    let mut m = base();
    m.insert(
        "complaints.csv".into(),
        "complaint_id,received_on,agency_id,practitioner_id,category,status,closed_on,reporter_contact\n\
         C1,2024-13-01,A1,P1,fee,pending,,13900001111\n\
         C1,2024-01-01,A1,P1,fee,pending,,\"13900001111\n杭州市\"\n\
         C2,2024-01-01,A9,P9,nope,pending,,13900001111\n"
            .as_bytes()
            .to_vec(),
    );
    let e = refused(&m);
    assert!(!e.to_string().contains("13900001111"));
    assert!(!format!("{e:?}").contains("13900001111"));
    assert!(codes(&e).contains(&"bad_date"));
}

#[test]
fn contributions_collapse_and_deaths_default_to_zero() {
    let mut m = base();
    m.insert(
        "contributions.csv".into(),
        "id_number,payer_uscc,month,kind\n\
         11010519491231002X,91330106310000006N,2024-01,pension\n\
         11010519491231002X,91330106310000006N,2024-01,pension\n\
         11010519491231002X,91330106310000006N,2024-02,pension\n"
            .as_bytes()
            .to_vec(),
    );
    m.insert(
        "client_events.csv".into(),
        "event_id,client_uscc,kind,occurred_on,severity,deaths\n\
         E1,913301103101583809,accident,2024-03-01,general,\n\
         E2,913301103101583809,accident,2024-03-02,larger,3\n"
            .as_bytes()
            .to_vec(),
    );
    let ds = read_dataset_from_memory(&m).unwrap();
    assert_eq!(ds.tables().contributions.len(), 2);
    let deaths: Vec<u32> = ds.tables().client_events.iter().map(|e| e.deaths).collect();
    assert_eq!(deaths, [0, 3]);
}

#[test]
fn decimals_are_exact_text() {
    for (bad, code) in [
        ("1e5", "bad_decimal"),
        ("+1", "bad_decimal"),
        (".5", "bad_decimal"),
    ] {
        let e = refused(&with("projects.csv", |s| {
            s.replace(",5000.00", &format!(",{bad}"))
        }));
        assert_eq!(codes(&e), [code], "{bad}");
    }
}

#[test]
fn a_trailing_comma_in_the_header_is_an_unknown_empty_column() {
    let e = refused(&with("agencies.csv", |s| {
        s.replace("status\n", "status,\n")
            .replace("active\n", "active,\n")
    }));
    assert_eq!(codes(&e), ["unknown_column"]);
    assert!(e.errors[0].message.contains("第 10 个列名为空"), "{e}");
}

#[test]
fn integrity_errors_name_the_real_lines_around_refused_rows_and_line_breaks() {
    let mut m = base();
    m.insert(
        "agencies.csv".into(),
        "agency_id,name,kind,uscc,region_code,parent_agency_id,qualified_until,scopes,status\n\
         A1,\"甲安全评价\n有限公司\",safety_evaluation,91330106310000006N,330106,,,,active\n\
         A3,丙,social_service,913301063100791996,3301,,,,active\n\
         A2,乙,safety_evaluation,91330110310079199Y,330203,A1,,,active\n\
         A1,丁,social_service,913301103101583809,330106,,,,active\n"
            .as_bytes()
            .to_vec(),
    );
    let e = refused(&m);
    let got: Vec<(Option<usize>, &str, &str)> = e
        .errors
        .iter()
        .map(|x| (x.line, x.column.as_deref().unwrap_or(""), x.code))
        .collect();
    assert_eq!(
        got,
        [
            (Some(4), "region_code", "bad_region"),
            (Some(6), "agency_id", "duplicate_id"),
        ]
    );
    assert!(e.errors[1].message.contains("第 2 行已出现"), "{e}");
}

#[test]
fn a_dataset_of_several_megabytes_is_read_on_several_threads_with_the_same_errors() {
    // Over a megabyte the files are shared out among threads: the result must not change.
    let mut m = base();
    let mut contributions = String::from("id_number,payer_uscc,month,kind\n");
    for i in 0..40_000 {
        let month = 1 + i % 12;
        let kind = ["pension", "income_tax", "payroll"][i % 3];
        contributions.push_str(&format!(
            "11010519491231002X,91330106310000006N,{}-{month:02},{kind}\n",
            2000 + i / 36
        ));
    }
    contributions.push_str("11010519491231002X,91330106310000006N,2024-13,pension\n");
    m.insert("contributions.csv".into(), contributions.into_bytes());
    let mut attendance = String::from(ATTENDANCE);
    for i in 0..20_000 {
        attendance.push_str(&format!(
            "R{i}x,J1,P2,2024-06-03T09:00:00+08:00,2024-06-03T14:00:00+08:00,30.2741,120.1551\n"
        ));
    }
    attendance.push_str("R1,J1,P1,2024-06-03T09:00:00+08:00,2024-06-03T14:00:00+08:00,91,120\n");
    m.insert("attendance.csv".into(), attendance.into_bytes());
    assert!(m.values().map(Vec::len).sum::<usize>() > 2 << 20);
    let e = refused(&m);
    let got: Vec<(&str, Option<usize>, &str)> = e
        .errors
        .iter()
        .map(|x| (x.file.as_str(), x.line, x.code))
        .collect();
    assert_eq!(
        got,
        [
            ("contributions.csv", Some(40_002), "bad_month"),
            ("attendance.csv", Some(20_003), "out_of_range"),
        ]
    );
}
