//! Exchange v1 CSV adapter: reads and writes a dataset folder, all or nothing.
//!
//! The columns of each file are in [`columns`]. Writing ([`write_dataset`], [`TableWriter`])
//! streams rows in the spec's column order.

mod schema;
mod write;

pub use schema::{columns, table_of_file};
pub use write::{
    create_table_file, write_dataset, write_dataset_to_memory, write_rows_to, write_table_to,
    Cells, ExchangeRow, TableWriter, WriteError,
};
