//! Tests against a real PostgreSQL. They run when `ZHONGJIE_DB_TESTS=1` (scripts/ci-db.sh sets
//! it) and then fail loudly if the server cannot be reached; without it they print why they are
//! skipped and pass, so `cargo test --workspace` works on a machine without PostgreSQL.
//!
//! The server is `ZHONGJIE_PG_URL`, by default `host=127.0.0.1 port=5432 user=postgres
//! dbname=test`. Each test works in its own schema (test name + process id), dropped at the end
//! even when the test fails, so tests run in parallel and reruns start clean.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::collections::BTreeMap;
use std::path::PathBuf;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{Dataset, RulePack};
use zhongjie_csv::{read_dataset, read_dataset_from_memory, write_dataset_to_memory};
use zhongjie_pg::{
    create_schema, drop_schema, export_tables, import_dataset, list_runs, save_run, Client, PgError,
};

const DEFAULT_URL: &str = "host=127.0.0.1 port=5432 user=postgres dbname=test";

struct TestDb {
    client: Client,
    schema: String,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = drop_schema(&mut self.client, &self.schema);
    }
}

/// A connection and a fresh schema of its own, or `None` (skip) when the database tests are off.
fn test_db(name: &str) -> Option<TestDb> {
    if std::env::var("ZHONGJIE_DB_TESTS").as_deref() != Ok("1") {
        eprintln!(
            "skipping {name}: the PostgreSQL tests run only with ZHONGJIE_DB_TESTS=1 \
             (see scripts/ci-db.sh)"
        );
        return None;
    }
    let url = std::env::var("ZHONGJIE_PG_URL").unwrap_or_else(|_| DEFAULT_URL.to_owned());
    let mut client = zhongjie_pg::connect(&url).unwrap_or_else(|e| {
        panic!(
            "ZHONGJIE_DB_TESTS=1 but PostgreSQL is unreachable at `{url}`: {e}\n\
             Start it (scripts/ci-db.sh does: pg_ctlcluster ... main start), set ZHONGJIE_PG_URL, \
             or unset ZHONGJIE_DB_TESTS to skip these tests."
        )
    });
    let schema = format!("zj_t_{name}_{}", std::process::id());
    drop_schema(&mut client, &schema).unwrap();
    create_schema(&mut client, &schema).unwrap();
    Some(TestDb { client, schema })
}

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/spec/examples")
}

fn example(name: &str) -> Dataset {
    let dir = examples().join(name).join("data");
    read_dataset(&dir).unwrap_or_else(|e| panic!("{}:\n{e}", dir.display()))
}

fn count(db: &mut TestDb, sql: &str) -> i64 {
    let sql = sql.replace("{s}", &format!("\"{}\"", db.schema));
    db.client.query_one(&sql, &[]).unwrap().get(0)
}

/// A dataset whose text holds everything COPY must escape, and values whose form must survive:
/// money with trailing zeros, offsets other than +08:00, microseconds, an id spelt `NULL`.
fn tricky() -> Dataset {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut put = |name: &str, text: &str| {
        files.insert(name.to_owned(), text.as_bytes().to_vec());
    };
    put(
        "agencies.csv",
        "agency_id,name,kind,uscc,region_code,parent_agency_id,qualified_until,scopes,status\n\
         NULL,\"杭州\t安评\\技术\"\"有限\"\"公司\",safety_evaluation,91330106310000006N,330106,,2026-12-31,petrochemical;pre_evaluation;status_evaluation,active\n\
         B1,\"分公司\r\n第二行\",safety_evaluation,913301103101583809,330110,NULL,,,active\n",
    );
    put(
        "practitioners.csv",
        "practitioner_id,name,id_number,agency_id,evaluator_level,registered_safety_engineer,title,specialties,practice_since,expert_pool\n\
         P1,张三,330106197001011003,NULL,1,senior,senior,petrochemical;fireworks,2010-02-28,true\n\
         P2,李四,330106197101011019,B1,,,none,,,false\n",
    );
    put(
        "projects.csv",
        "project_id,agency_id,service_type,scope,client_uscc,client_name,site_region_code,contract_signed_on,notice_filed_on,service_started_on,service_ended_on,report_uploaded_on,government_funded,fee_yuan\n\
         J1,B1,pre_evaluation,petrochemical,913301103101583809,\"C1 \\N 化工\",330110,2024-05-01,2024-05-02,2024-05-05,,,true,5000.00\n\
         J2,NULL,consulting,,913301103101583809,C2,330110,2024-05-01,,,,,false,0.10\n",
    );
    put(
        "team.csv",
        "project_id,practitioner_id,role\nJ1,P1,leader\nJ1,P2,member\nJ1,P1,reviewer\n",
    );
    put(
        "attendance.csv",
        "record_id,project_id,practitioner_id,check_in,check_out,lat,lon\n\
         A1,J1,P1,2024-05-06T09:00:00+08:00,2024-05-06T17:30:00.123456+08:00,30.2741,120.155100\n\
         A2,J1,P2,2024-05-06T01:00:00Z,2024-05-06T03:00:00-05:30,-0.000001,179.999999999\n",
    );
    put(
        "stages.csv",
        "project_id,stage,completed_on,evidence\nJ1,contract,2024-05-01,\"DOC\\1\tx\"\nJ1,notice,2024-05-02,\n",
    );
    put(
        "complaints.csv",
        "complaint_id,received_on,agency_id,practitioner_id,category,status,closed_on,reporter_contact\n\
         C1,2024-06-01,B1,P1,false_report,substantiated,2024-07-01,\"13800000000\t王某\\家\"\n\
         C2,2024-06-02,NULL,,fee,pending,,\n",
    );
    put(
        "contributions.csv",
        "id_number,payer_uscc,month,kind\n\
         330106197001011003,91330106310000006N,2024-01,pension\n\
         330106197001011003,91330106310000006N,2024-01,pension\n\
         11010519491231002X,91330106310000006N,2024-02,payroll\n",
    );
    put(
        "sanctions.csv",
        "sanction_id,subject_kind,subject_id,measure,violation,decided_on,fine_yuan,ends_on\n\
         S1,agency,B1,fine,procedure,2024-03-01,12000.50,\n\
         S2,practitioner,P1,dishonesty_listing,false_report,2024-04-01,,2027-04-01\n",
    );
    put(
        "client_events.csv",
        "event_id,client_uscc,kind,occurred_on,severity,deaths\n\
         E1,913301103101583809,accident,2024-08-01,larger,3\n\
         E2,913301103101583809,penalty,2024-08-02,,0\n",
    );
    put(
        "exams.csv",
        "practitioner_id,exam_id,taken_on,score\nP1,X1,2024-09-01,100\nP2,X1,2024-09-01,0\n",
    );
    put(
        "inspections.csv",
        "inspection_id,agency_id,inspected_on,kind,result\nI1,NULL,2023-01-01,must_check,issues_found\n",
    );
    put(
        "certificates.csv",
        "practitioner_id,kind,number,valid_from,valid_until,verification\n\
         P1,evaluator,\"ZC\t001\",2015-01-01,,failed\nP2,title,T-2,2016-01-01,2030-01-01,verified\n",
    );
    read_dataset_from_memory(&files).unwrap_or_else(|e| panic!("tricky dataset:\n{e}"))
}

fn assert_round_trip(db: &mut TestDb, ds: &Dataset) {
    let stats = import_dataset(&mut db.client, &db.schema, ds).unwrap();
    let back = export_tables(&mut db.client, &db.schema).unwrap();
    assert_eq!(&back, ds.tables());
    // Identical to the byte once written as exchange files (offsets, decimals, order).
    assert_eq!(
        write_dataset_to_memory(&back),
        write_dataset_to_memory(ds.tables())
    );
    assert!(Dataset::new(back).is_ok());
    let rows: u64 = zhongjie_core::TableName::ALL
        .iter()
        .map(|t| ds.tables().row_count(*t) as u64)
        .sum();
    let contacts = ds
        .tables()
        .complaints
        .iter()
        .filter(|c| c.reporter_contact.is_some())
        .count() as u64;
    assert_eq!(stats.total(), rows + contacts);
}

#[test]
fn every_spec_example_round_trips() {
    let Some(mut db) = test_db("examples") else {
        return;
    };
    let mut n = 0;
    for entry in std::fs::read_dir(examples()).unwrap() {
        let dir = entry.unwrap().path().join("data");
        if !dir.is_dir() {
            continue;
        }
        let ds = read_dataset(&dir).unwrap();
        drop_schema(&mut db.client, &db.schema).unwrap();
        create_schema(&mut db.client, &db.schema).unwrap();
        assert_round_trip(&mut db, &ds);
        n += 1;
    }
    assert!(n >= 3, "only {n} examples found");
}

#[test]
fn special_text_offsets_and_decimals_round_trip() {
    let Some(mut db) = test_db("tricky") else {
        return;
    };
    let ds = tricky();
    assert_round_trip(&mut db, &ds);
    // The contact is kept, in its own table, and nowhere else.
    assert_eq!(
        count(&mut db, "SELECT count(*) FROM {s}.complaint_contacts"),
        1
    );
    assert_eq!(
        count(
            &mut db,
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema() AND column_name = 'reporter_contact'"
        ),
        0
    );
    // Money is numeric with its scale, times are instants.
    let fee: String = db
        .client
        .query_one(
            &format!(
                "SELECT fee_yuan::text FROM \"{}\".projects WHERE project_id = 'J1'",
                db.schema
            ),
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(fee, "5000.00");
    assert_eq!(
        count(
            &mut db,
            "SELECT count(*) FROM {s}.attendance WHERE check_in = '2024-05-06T01:00:00Z' AND record_id IN ('A1', 'A2')"
        ),
        2
    );
    // A sanction's subject is a real foreign key.
    assert_eq!(
        count(
            &mut db,
            "SELECT count(*) FROM {s}.sanctions WHERE agency_id = 'B1'"
        ),
        1
    );
}

#[test]
fn import_is_all_or_nothing() {
    let Some(mut db) = test_db("atomic") else {
        return;
    };
    // A check-out in nanoseconds cannot be kept by timestamptz: refused after the agencies,
    // practitioners and projects were already copied, and none of them stays.
    let mut t = tricky().into_tables();
    let a = &mut t.attendance[0];
    a.check_out += zhongjie_core::chrono::Duration::nanoseconds(1);
    let ds = Dataset::new(t).unwrap();
    let e = import_dataset(&mut db.client, &db.schema, &ds).unwrap_err();
    assert_eq!(e.code(), "subsecond_precision");
    assert!(e.to_string().contains("attendance"), "{e}");
    assert_eq!(count(&mut db, "SELECT count(*) FROM {s}.agencies"), 0);
    assert_eq!(count(&mut db, "SELECT count(*) FROM {s}.projects"), 0);

    // A schema holds one dataset: a second import is refused and changes nothing.
    let first = example("points_stars");
    import_dataset(&mut db.client, &db.schema, &first).unwrap();
    let e = import_dataset(&mut db.client, &db.schema, &tricky()).unwrap_err();
    assert!(matches!(e, PgError::SchemaNotEmpty { .. }), "{e:?}");
    assert_eq!(e.code(), "schema_not_empty");
    assert_eq!(
        &export_tables(&mut db.client, &db.schema).unwrap(),
        first.tables()
    );
}

#[test]
fn a_missing_schema_is_named() {
    let Some(mut db) = test_db("missing") else {
        return;
    };
    let ghost = format!("{}_ghost", db.schema);
    let e = export_tables(&mut db.client, &ghost).unwrap_err();
    assert_eq!(e.code(), "schema_missing", "{e}");
    let e = import_dataset(&mut db.client, &ghost, &tricky()).unwrap_err();
    assert_eq!(e.code(), "schema_missing", "{e}");
    assert_eq!(
        export_tables(&mut db.client, "Robert'); DROP TABLE x;--")
            .unwrap_err()
            .code(),
        "bad_schema_name"
    );
}

#[test]
fn runs_are_saved_with_their_outputs() {
    let Some(mut db) = test_db("runs") else {
        return;
    };
    let ds = example("points_stars");
    let pack = RulePack::zj_2024().unwrap();
    let d = NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
    let out = zhongjie_scoring::supervise(&ds, d, &pack).unwrap();

    // Not before its dataset is there.
    let e = save_run(&mut db.client, &db.schema, &out).unwrap_err();
    assert_eq!(e.code(), "run_dataset_mismatch", "{e}");
    assert!(list_runs(&mut db.client, &db.schema).unwrap().is_empty());

    import_dataset(&mut db.client, &db.schema, &ds).unwrap();
    let id1 = save_run(&mut db.client, &db.schema, &out).unwrap();
    let id2 = save_run(&mut db.client, &db.schema, &out).unwrap();
    assert_ne!(id1, id2);
    let runs = list_runs(&mut db.client, &db.schema).unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].run_id, id1);
    assert_eq!(runs[0].as_of, d);
    assert_eq!(runs[0].pack, pack.stamp());
    assert_eq!(runs[0].findings, out.findings.len() as i64);
    assert_eq!(runs[0].findings, 12); // expected/findings.jsonl
    assert_eq!(runs[0].agency_grades, 1);
    assert_eq!(runs[0].practitioner_stars, 9);
    assert_eq!(runs[0].must_inspect, 0);

    // The values of expected/ are queryable.
    let row = db
        .client
        .query_one(
            &format!(
                "SELECT score::int, grade, array_to_string(vetoes, ';'), procurement_eligible, supervision \
                 FROM \"{}\".agency_grades WHERE run_id = $1 AND agency_id = 'R1'",
                db.schema
            ),
            &[&id1],
        )
        .unwrap();
    assert_eq!(row.get::<_, i32>(0), 70);
    assert_eq!(row.get::<_, String>(1), "D");
    assert_eq!(row.get::<_, String>(2), "status");
    assert!(!row.get::<_, bool>(3));
    assert_eq!(row.get::<_, String>(4), "key");
    let row = db
        .client
        .query_one(
            &format!(
                "SELECT stars::int, points, exam, card, expert_pool_removal, details->>'base_reason' \
                 FROM \"{}\".practitioner_stars WHERE run_id = $1 AND practitioner_id = 'Z1'",
                db.schema
            ),
            &[&id1],
        )
        .unwrap();
    assert_eq!(row.get::<_, i32>(0), 1);
    assert_eq!(row.get::<_, i32>(1), 14);
    assert_eq!(row.get::<_, String>(2), "excellent");
    assert_eq!(row.get::<_, String>(3), "red");
    assert!(row.get::<_, bool>(4));
    assert!(!row.get::<_, String>(5).is_empty());
    assert_eq!(
        count(
            &mut db,
            &format!(
                "SELECT count(*) FROM {{s}}.findings WHERE run_id = {id1} AND rule = 'LEADER_ABSENT' \
                 AND subject_id = 'J2' AND date = '2023-11-15' AND evidence = ARRAY['Z8'] AND message <> ''"
            )
        ),
        1
    );
}

#[test]
fn a_larger_dataset_imports_quickly() {
    let Some(mut db) = test_db("bulk") else {
        return;
    };
    // 60,000 contribution rows (duplicates are allowed and collapse in the run).
    let mut t = example("points_stars").into_tables();
    let base = t.contributions.clone();
    while t.contributions.len() < 60_000 {
        t.contributions.extend(base.iter().copied());
    }
    let ds = Dataset::new(t).unwrap();
    let start = std::time::Instant::now();
    let stats = import_dataset(&mut db.client, &db.schema, &ds).unwrap();
    let took = start.elapsed();
    eprintln!("imported {} rows in {took:?}", stats.total());
    assert_eq!(
        stats.rows_of("contributions"),
        ds.tables().contributions.len() as u64
    );
    assert!(took.as_secs() < 60, "import took {took:?}");
    let back = export_tables(&mut db.client, &db.schema).unwrap();
    assert_eq!(&back, ds.tables());
}

#[test]
fn the_reporter_contact_stays_out_of_errors() {
    let Some(mut db) = test_db("contact") else {
        return;
    };
    // PostgreSQL's text cannot hold NUL: refused before anything is sent, without the value.
    let mut t = tricky().into_tables();
    let secret = "13700009999\0王";
    t.complaints[0].reporter_contact = Some(zhongjie_core::Confidential::new(secret));
    let ds = Dataset::new(t).unwrap();
    let e = import_dataset(&mut db.client, &db.schema, &ds).unwrap_err();
    assert_eq!(e.code(), "nul_character");
    for shown in [e.to_string(), format!("{e:?}")] {
        assert!(!shown.contains("13700009999"), "{shown}");
        assert!(shown.contains("complaint_contacts"), "{shown}");
    }
    assert_eq!(count(&mut db, "SELECT count(*) FROM {s}.complaints"), 0);
}
