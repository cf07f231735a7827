//! The spec's example datasets read, and read back identically after writing.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test helpers

use std::path::PathBuf;
use zhongjie_core::TableName;
use zhongjie_csv::{
    read_dataset, read_dataset_from_memory, write_dataset, write_dataset_to_memory,
};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../../shared/spec/examples")
}

#[test]
fn every_spec_example_reads_and_round_trips() {
    let mut n = 0;
    for entry in std::fs::read_dir(examples()).unwrap() {
        let dir = entry.unwrap().path().join("data");
        if !dir.is_dir() {
            continue;
        }
        n += 1;
        let ds = read_dataset(&dir).unwrap_or_else(|e| panic!("{}:\n{e}", dir.display()));
        assert!(ds.tables().row_count(TableName::Agencies) > 0);

        let mem = write_dataset_to_memory(ds.tables());
        let again = read_dataset_from_memory(&mem).unwrap();
        assert_eq!(again.tables(), ds.tables());

        let out = tempfile::tempdir().unwrap();
        write_dataset(out.path(), ds.tables()).unwrap();
        for t in TableName::ALL {
            assert!(out.path().join(t.file_name()).is_file());
        }
        let from_disk = read_dataset(out.path()).unwrap();
        assert_eq!(from_disk.tables(), ds.tables());
    }
    assert!(
        n >= 3,
        "spec examples not found under {}",
        examples().display()
    );
}
