//! `zhongjie sample --scale tiny|small|city|province --seed N --as-of YYYY-MM-DD --out DIR`:
//! writes a deterministic sample province (exchange v1 CSV files). The same arguments always
//! give byte-identical files.

use crate::common::{EXIT_BAD_INPUT, EXIT_FAILURE};
use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use zhongjie_core::chrono::NaiveDate;
use zhongjie_core::{TableName, Tables};
use zhongjie_csv::WriteError;
use zhongjie_sample::Scale;

/// Arguments of `zhongjie sample`.
#[derive(clap::Args)]
pub struct Args {
    /// 规模：tiny（8 个机构树，覆盖全部规则，测试用）| small（约全省 1/100）| city（约 1/10）|
    /// province（约 3,000 个机构树、6 万从业人员、50 万项目）
    #[arg(long)]
    pub scale: String,
    /// 随机种子（非负整数）；相同参数生成逐字节相同的文件
    #[arg(long, default_value = "1")]
    pub seed: String,
    /// 评定日（YYYY-MM-DD）：数据围绕该日期生成，也包含该日之后的记录
    #[arg(long)]
    pub as_of: String,
    /// 输出目录（不存在时创建；其中同名的 13 个 CSV 文件被覆盖）
    #[arg(long)]
    pub out: PathBuf,
}

/// The checked arguments.
struct Checked {
    scale: Scale,
    seed: u64,
    as_of: NaiveDate,
}

fn check(args: &Args) -> Result<Checked, String> {
    let scale = args.scale.parse::<Scale>().map_err(|e| e.to_string())?;
    let seed = args.seed.trim().parse::<u64>().map_err(|_| {
        format!(
            "种子 `{}` 无效，应为 0 到 {} 之间的整数",
            args.seed,
            u64::MAX
        )
    })?;
    let as_of = zhongjie_core::time::parse_date(&args.as_of)
        .ok_or_else(|| format!("日期 `{}` 无效，应为 YYYY-MM-DD", args.as_of))?;
    // The sample reaches 36 months back and a few weeks ahead of the as-of date.
    let year = zhongjie_core::chrono::Datelike::year(&as_of);
    if !(1990..=9000).contains(&year) {
        return Err(format!(
            "评定日 `{}` 超出范围，应在 1990 年至 9000 年之间",
            args.as_of
        ));
    }
    Ok(Checked { scale, seed, as_of })
}

/// Rough bytes per row of each file, to share the writing out evenly.
fn row_bytes(t: TableName) -> usize {
    match t {
        TableName::Agencies => 160,
        TableName::Projects => 156,
        TableName::Attendance => 100,
        TableName::Practitioners => 81,
        TableName::Complaints | TableName::ClientEvents | TableName::Sanctions => 70,
        TableName::Certificates => 59,
        TableName::Contributions => 54,
        TableName::Stages => 50,
        TableName::Team => 25,
        TableName::Exams | TableName::Inspections => 45,
    }
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        file: path.display().to_string(),
        source,
    }
}

fn write_one(dir: &Path, t: &Tables, table: TableName) -> Result<(), WriteError> {
    let path = dir.join(table.file_name());
    let f = File::create(&path).map_err(io_error(&path))?;
    let mut w = zhongjie_csv::write_table_to(BufWriter::with_capacity(1 << 16, f), t, table)?;
    w.flush().map_err(io_error(&path))
}

/// Writes the 13 files into `dir` (created if missing), several files at once on a machine
/// with more than one core. Each file is written by one thread, so the bytes are the same as
/// [`zhongjie_csv::write_dataset`] gives.
pub fn write_files(dir: &Path, t: &Tables) -> Result<(), WriteError> {
    std::fs::create_dir_all(dir).map_err(io_error(dir))?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    let mut order = TableName::ALL.to_vec();
    order.sort_by_key(|x| std::cmp::Reverse(t.row_count(*x) * row_bytes(*x)));
    let mut groups: Vec<(usize, Vec<TableName>)> = vec![(0, Vec::new()); threads];
    for x in order {
        if let Some(g) = groups.iter_mut().min_by_key(|g| g.0) {
            g.0 += t.row_count(x) * row_bytes(x) + 1;
            g.1.push(x);
        }
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = groups
            .into_iter()
            .map(|(_, tables)| {
                s.spawn(move || -> Result<(), WriteError> {
                    for x in tables {
                        write_one(dir, t, x)?;
                    }
                    Ok(())
                })
            })
            .collect();
        let mut result = Ok(());
        for h in handles {
            let r = h.join().unwrap_or_else(|_| {
                Err(WriteError::Io {
                    file: dir.display().to_string(),
                    source: std::io::Error::other("写入线程意外终止"),
                })
            });
            if result.is_ok() {
                result = r;
            }
        }
        result
    })
}

/// The Chinese summary: rows per file.
pub fn summary(t: &Tables) -> String {
    let mut s = String::new();
    let mut total = 0;
    for table in TableName::ALL {
        let n = t.row_count(table);
        total += n;
        let _ = writeln!(
            s,
            "  {:<20}{:<10}{:>10} 行",
            table.file_name(),
            table.zh(),
            n
        );
    }
    let _ = writeln!(s, "合计 {total} 行");
    s
}

/// Runs the command.
pub fn run(args: Args) -> ExitCode {
    let c = match check(&args) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("错误 [bad_argument]：{msg}");
            return ExitCode::from(EXIT_BAD_INPUT);
        }
    };
    let tables = zhongjie_sample::generate(c.scale, c.seed, c.as_of);
    if let Err(e) = write_files(&args.out, &tables) {
        eprintln!("错误 [{}]：{e}", e.code());
        return ExitCode::from(EXIT_FAILURE);
    }
    println!(
        "已生成示例数据集（规模 {}：{}，种子 {}，评定日 {}）",
        c.scale.code(),
        c.scale.zh(),
        c.seed,
        c.as_of
    );
    println!("输出目录：{}", args.out.display());
    print!("{}", summary(&tables));
    // The program ends here: handing millions of rows back to the allocator one by one would
    // only cost time, the operating system reclaims the memory at once.
    std::mem::forget(tables);
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(scale: &str, seed: &str, as_of: &str) -> Args {
        Args {
            scale: scale.into(),
            seed: seed.into(),
            as_of: as_of.into(),
            out: PathBuf::from("unused"),
        }
    }

    #[test]
    fn arguments_are_checked_with_chinese_messages() {
        let ok = check(&args("tiny", "7", "2024-11-30")).unwrap();
        assert_eq!(ok.scale, Scale::Tiny);
        assert_eq!(ok.seed, 7);
        let e = check(&args("huge", "7", "2024-11-30")).err().unwrap();
        assert!(e.contains("未知规模 `huge`"), "{e}");
        let e = check(&args("tiny", "-1", "2024-11-30")).err().unwrap();
        assert!(e.contains("种子 `-1` 无效"), "{e}");
        let e = check(&args("tiny", "1", "2024-13-01")).err().unwrap();
        assert!(e.contains("日期 `2024-13-01` 无效"), "{e}");
    }

    #[test]
    fn parallel_writing_gives_the_files_of_the_csv_writer() {
        let d = NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
        let t = zhongjie_sample::generate(Scale::Tiny, 3, d);
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("new").join("sample");
        write_files(&out, &t).unwrap();
        let expected = zhongjie_csv::write_dataset_to_memory(&t);
        assert_eq!(expected.len(), 13);
        for (name, bytes) in expected {
            assert_eq!(std::fs::read(out.join(&name)).unwrap(), bytes, "{name}");
        }
    }

    #[test]
    fn summary_counts_every_file() {
        let d = NaiveDate::from_ymd_opt(2024, 11, 30).unwrap();
        let t = zhongjie_sample::generate(Scale::Tiny, 1, d);
        let s = summary(&t);
        for table in TableName::ALL {
            assert!(s.contains(table.file_name()), "{table}");
        }
        let total: usize = TableName::ALL.iter().map(|x| t.row_count(*x)).sum();
        assert!(s.contains(&format!("合计 {total} 行")));
    }
}
