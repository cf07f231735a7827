//! The reform task template docs/examples/reform-tasks.csv parses, carries the seed's deadlines,
//! and drives the progress report.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use zhongjie_reporting::*;

fn template() -> Vec<Task> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples/reform-tasks.csv");
    let text = std::fs::read_to_string(path).unwrap();
    parse_tasks("reform-tasks.csv", &text).unwrap()
}

#[test]
fn the_template_holds_the_seeds_tasks_and_deadlines() {
    let tasks = template();
    assert_eq!(tasks.len(), 24);
    let deadline = |id: &str| {
        tasks
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.deadline.to_string())
            .unwrap()
    };
    assert_eq!(deadline("ZJ85-01"), "2024-06-20"); // 三(一) 6月20日前
    assert_eq!(deadline("ZJ85-05"), "2024-08-31"); // 二(一)1 8月底前
    assert_eq!(deadline("ZJ85-10"), "2024-10-31"); // 二(四)13 10月底前
    assert_eq!(deadline("ZJ85-11"), "2024-11-30"); // 二(一)4 11月底前
    assert_eq!(deadline("ZJ85-23"), "2024-12-31"); // 二(三)9 年底前
    assert!(tasks.iter().all(|t| t.status == TaskStatus::NotStarted));
    assert!(tasks.iter().all(|t| t.article.is_some()));
}

#[test]
fn the_progress_report_judges_the_template() {
    let ds = tiny();
    let out = run(&ds, AS_OF);
    let pack = pack();
    let tasks = template();
    let mut input = ReportInput::new(&ds, &out, &pack);
    input.tasks = Some(&tasks);
    let md = to_markdown(&build(ReportKind::Progress, &input).unwrap());
    // On 2024-11-30 nothing is closed: the 10 tasks due before it are overdue, the 11 due on it
    // are near their deadline (30 days), the 3 due on 31 December are not yet due.
    assert!(md.contains("- **任务总数**：24 项"));
    assert!(md.contains("- **逾期未销号**：10 项"), "{md}");
    assert!(md.contains("- **30 日内到期**：11 项"));
    assert!(md.contains("| 未到期 | 3 |"));
    assert!(md.contains("- **已销号**：0 项（0.0%）"));
}
