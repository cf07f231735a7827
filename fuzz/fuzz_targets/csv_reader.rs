//! Arbitrary bytes as one file of an otherwise valid dataset: the reader must never panic, its
//! errors must render, and whatever it accepts must write and read back unchanged.

#![no_main]

use libfuzzer_sys::fuzz_target;
use std::collections::BTreeMap;
use zhongjie_core::TableName;

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

fuzz_target!(|data: &[u8]| {
    let Some((&which, body)) = data.split_first() else {
        return;
    };
    let table = TableName::ALL[usize::from(which) % TableName::ALL.len()];
    let mut files: BTreeMap<String, Vec<u8>> = [
        ("agencies.csv", AGENCIES),
        ("practitioners.csv", PRACTITIONERS),
        ("projects.csv", PROJECTS),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.as_bytes().to_vec()))
    .collect();
    files.insert(table.file_name().to_owned(), body.to_vec());
    match zhongjie_csv::read_dataset_from_memory(&files) {
        Ok(ds) => {
            let again = zhongjie_csv::write_dataset_to_memory(ds.tables());
            match zhongjie_csv::read_dataset_from_memory(&again) {
                Ok(back) => assert_eq!(back.tables(), ds.tables(), "round trip changed the data"),
                Err(e) => panic!("an accepted dataset was refused after writing it:\n{e}"),
            }
        }
        Err(e) => {
            let text = e.to_string();
            assert!(!e.errors.is_empty());
            assert!(e.errors.len() <= zhongjie_csv::ERROR_CAP);
            assert!(!text.is_empty());
        }
    }
});
