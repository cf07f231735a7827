//! Times reading a dataset folder: `cargo run --release -p zhongjie-csv --example read_timing -- DIR`.

use std::time::Instant;
use zhongjie_core::TableName;

fn main() -> std::process::ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("用法：read_timing 数据集目录");
        return std::process::ExitCode::from(2);
    };
    let start = Instant::now();
    match zhongjie_csv::read_dataset(std::path::Path::new(&dir)) {
        Ok(ds) => {
            for t in TableName::ALL {
                println!("{:<20}{:>10}", t.file_name(), ds.tables().row_count(t));
            }
            println!("读取并核验用时 {:.2?}", start.elapsed());
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{e}");
            println!("读取用时 {:.2?}", start.elapsed());
            std::process::ExitCode::from(2)
        }
    }
}
