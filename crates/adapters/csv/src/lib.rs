//! Exchange v1 CSV adapter: reads and writes a dataset folder, all or nothing.
//!
//! Reading ([`read_dataset`], [`read_dataset_from_memory`]) takes the whole dataset or nothing:
//! every problem comes back as a [`LoadError`] naming file, line, column and a stable English
//! code, with a Chinese message. Cells are checked first (format, codes, check characters); the
//! references and uniqueness of [`Dataset::new`] are checked on the rows that passed, and a
//! reference into a file that had refused rows is not judged (it may name one of them).
//!
//! Writing ([`write_dataset`], [`TableWriter`]) streams rows in the spec's column order
//! ([`columns`]).
//!
//! [`Dataset::new`]: zhongjie_core::Dataset::new

mod cell;
mod error;
mod read;
mod schema;
mod write;

pub use error::{LoadError, LoadErrors, ERROR_CAP};
pub use read::{read_dataset, read_dataset_from_memory};
pub use schema::{columns, table_of_file};
pub use write::{
    create_table_file, write_dataset, write_dataset_to_memory, write_rows_to, write_table_to,
    Cells, ExchangeRow, TableWriter, WriteError,
};
