//! 改革进展报送 (seed 一、二(三)9: 年底前全省服务的安全评价机构达到 100 家、培育至少 30 家社会化
//! 服务标杆机构; 三: 任务清单、责任清单、销号清单; 四(四): 全程跟踪改革进展成效): the targets
//! measured, a benchmark-candidate ranking (标杆机构), the task list with owners, deadlines and
//! close-out status from the regulator's task file, and trends over earlier runs.

use super::{frame, tree_facts, trend_charts, window_start, zh_date};
use crate::doc::{Audience, Chart, ChartKind, Fact, Report, Section, Series, Table};
use crate::draw::percent_text;
use crate::history::PreviousRun;
use crate::inputs::{Task, TaskStatus};
use crate::view::{yes_no, View};
use crate::{ReportError, ReportKind};
use std::collections::{BTreeMap, BTreeSet};
use zhongjie_core::time::{parse_date, plus_days};
use zhongjie_core::{AgencyKind, AgencyStatus, PackError};

/// A task's standing on the as-of date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Standing {
    OverdueOpen,
    DueSoon,
    Open,
    ClosedLate,
    ClosedOnTime,
}

impl Standing {
    fn zh(self) -> &'static str {
        match self {
            Standing::OverdueOpen => "逾期未销号",
            Standing::DueSoon => "临近期限",
            Standing::Open => "未到期",
            Standing::ClosedLate => "逾期销号",
            Standing::ClosedOnTime => "按期销号",
        }
    }
    const ALL: [Standing; 5] = [
        Standing::OverdueOpen,
        Standing::DueSoon,
        Standing::Open,
        Standing::ClosedLate,
        Standing::ClosedOnTime,
    ];
}

/// 改革进展报送.
pub(crate) fn progress(
    v: &View<'_>,
    tasks: Option<&[Task]>,
    previous: &[PreviousRun],
) -> Result<Report, ReportError> {
    let d = v.d;
    let p = v.pack;
    let mut r = frame(v, ReportKind::Progress, Audience::Internal);
    r.facts.push(Fact::new(
        "依据",
        "浙应急〔2024〕85号 一（工作目标）、二(三)9、三（工作步骤）、四(四)（抓好进展报送）",
    ));
    let due_text = p.text("targets.due", d)?;
    let due = parse_date(due_text).ok_or_else(|| PackError::WrongType {
        key: "targets.due".to_owned(),
        found: due_text.to_owned(),
        expected: "YYYY-MM-DD 日期",
    })?;
    let target_eval = p.count("targets.evaluation_agencies", d)? as usize;
    let target_bench = p.count("targets.benchmark_agencies", d)? as usize;

    // Evaluation agencies serving the province: active, qualified on D, registered in the
    // province or with an in-province branch.
    let (mut inside, mut branches, mut projects_only) = (0usize, 0usize, 0usize);
    let project_roots: BTreeSet<usize> =
        v.ds.tables()
            .projects
            .iter()
            .filter(|pj| v.in_home(pj.site_region))
            .filter_map(|pj| v.root_row(pj.agency.as_str()))
            .collect();
    for root in v.ds.roots() {
        let Some(a) = v.agency(root) else { continue };
        let serving = a.kind == AgencyKind::SafetyEvaluation
            && a.status == AgencyStatus::Active
            && a.qualified_until.is_some_and(|q| q >= d);
        if !serving {
            continue;
        }
        if v.in_home(a.region) {
            inside += 1;
        } else if !v.in_home_branches(root).is_empty() {
            branches += 1;
        } else if project_roots.contains(&root) {
            projects_only += 1;
        }
    }
    let serving = inside + branches;

    // Benchmark candidates among social service agencies.
    let min_score = p.count("benchmark.min_score", d)?;
    let min_prof = p.count("benchmark.min_professionals", d)? as usize;
    let min_projects = p.count("benchmark.min_projects", d)? as usize;
    let min_types = p.count("benchmark.min_service_types", d)? as usize;
    let w = window_start(v)?;
    let facts = tree_facts(v);
    let mut done: BTreeMap<usize, (usize, BTreeSet<&'static str>)> = BTreeMap::new();
    for pj in &v.ds.tables().projects {
        if pj.service_ended_on.is_some_and(|e| e > w && e <= d) {
            if let Some(root) = v.root_row(pj.agency.as_str()) {
                let e = done.entry(root).or_default();
                e.0 += 1;
                e.1.insert(pj.service_type.code());
            }
        }
    }
    struct Cand {
        id: String,
        root: usize,
        score: u32,
        grade: String,
        vetoed: bool,
        prof: usize,
        projects: usize,
        types: usize,
        unmet: Vec<String>,
    }
    let mut cands: Vec<Cand> = Vec::new();
    for g in &v.out.grades {
        let Some(root) = v.root_row(g.agency_id.as_str()) else {
            continue;
        };
        let Some(a) = v.agency(root) else { continue };
        if a.kind != AgencyKind::SocialService || a.status != AgencyStatus::Active {
            continue;
        }
        if !v.tree_city(root).is_some_and(|c| v.in_home(c)) {
            continue;
        }
        let prof = facts.get(&root).map_or(0, |t| t.full_time_professionals);
        let (projects, types) = done.get(&root).map_or((0, 0), |(n, t)| (*n, t.len()));
        let mut unmet = Vec::new();
        if g.score < min_score {
            unmet.push(format!("信用得分低于 {min_score}"));
        }
        if !g.vetoes.is_empty() {
            unmet.push("有一票否决事项".to_owned());
        }
        if prof < min_prof {
            unmet.push(format!("专职专业技术人员少于 {min_prof} 人"));
        }
        if projects < min_projects {
            unmet.push(format!("完成项目少于 {min_projects} 个"));
        }
        if types < min_types {
            unmet.push(format!("服务类型少于 {min_types} 类"));
        }
        cands.push(Cand {
            id: a.id.to_string(),
            root,
            score: g.score,
            grade: g.grade.code().to_owned(),
            vetoed: !g.vetoes.is_empty(),
            prof,
            projects,
            types,
            unmet,
        });
    }
    cands.sort_by(|a, b| {
        (!a.unmet.is_empty(), a.vetoed)
            .cmp(&(!b.unmet.is_empty(), b.vetoed))
            .then(b.score.cmp(&a.score))
            .then(b.projects.cmp(&a.projects))
            .then(b.prof.cmp(&a.prof))
            .then(a.id.cmp(&b.id))
    });
    let qualified = cands.iter().filter(|c| c.unmet.is_empty()).count();

    let mut targets = Table::new(
        "targets",
        "工作目标完成情况",
        &[
            ("target", "目标"),
            ("goal", "目标值"),
            ("actual", "当前值"),
            ("rate", "完成率"),
            ("due", "期限"),
            ("basis", "依据"),
        ],
    )
    .numeric(&["goal", "actual"]);
    targets.push(vec![
        "全省服务的安全评价机构".into(),
        target_eval.to_string(),
        serving.to_string(),
        percent_text(serving, target_eval),
        zh_date(due),
        "浙应急〔2024〕85号 一、二(三)9".into(),
    ]);
    targets.push(vec![
        "社会化服务标杆机构（符合培育条件的机构）".into(),
        target_bench.to_string(),
        qualified.to_string(),
        percent_text(qualified, target_bench),
        zh_date(due),
        "浙应急〔2024〕85号 一、二(三)9".into(),
    ]);
    let days_left = (due - d).num_days();
    r.sections.push(
        Section::new("工作目标完成情况")
            .table(targets)
            .facts(vec![
                Fact::new("本省注册的安全评价机构", format!("{inside} 家")),
                Fact::new("省外机构在本省设有分支机构", format!("{branches} 家（计入）")),
                Fact::new(
                    "省外机构在本省有项目但无分支机构",
                    format!("{projects_only} 家（不计入）"),
                ),
                Fact::new(
                    "距目标期限",
                    if days_left >= 0 {
                        format!("{days_left} 天")
                    } else {
                        format!("已过期 {} 天", -days_left)
                    },
                ),
            ])
            .text(
                "“全省服务的安全评价机构”指截至统计日状态正常、资质在有效期内的安全评价机构，\
                 含在本省设有分支机构的省外机构。标杆机构由各地择优培育、认定，本报告列出符合培育条件的候选机构供参考。",
            ),
    );

    let mut ranking = Table::new(
        "benchmark-candidates",
        "社会化服务标杆机构候选排名",
        &[
            ("rank", "排名"),
            ("agency_id", "机构编号"),
            ("name", "机构名称"),
            ("city", "所在地市"),
            ("score", "信用得分"),
            ("grade", "信用等级"),
            ("professionals", "专职专业技术人员"),
            ("projects", "评价期内完成项目"),
            ("types", "服务类型数"),
            ("meets", "符合培育条件"),
            ("unmet", "未达条件"),
        ],
    )
    .numeric(&["rank", "score", "professionals", "projects", "types"])
    .when_empty("无状态正常的社会化服务机构");
    for (i, c) in cands.iter().enumerate() {
        ranking.push(vec![
            (i + 1).to_string(),
            c.id.clone(),
            v.agency(c.root).map(|a| a.name.clone()).unwrap_or_default(),
            v.tree_city_name(c.root),
            c.score.to_string(),
            c.grade.clone(),
            c.prof.to_string(),
            c.projects.to_string(),
            c.types.to_string(),
            yes_no(c.unmet.is_empty()).to_owned(),
            c.unmet.join("；"),
        ]);
    }
    r.sections.push(
        Section::new("标杆机构候选")
            .text(format!(
                "培育条件（规则包参数，可由省厅调整）：信用得分不低于 {min_score} 分且无一票否决事项（信誉良好）；\
                 专职专业技术人员不少于 {min_prof} 人（实力强）；评价期内完成服务项目不少于 {min_projects} 个（业绩突出）；\
                 完成的服务类型不少于 {min_types} 类（综合专业服务能力）。符合条件者在前，其后依次按有无一票否决、得分、完成项目数、专职人员数排序。"
            ))
            .table(ranking),
    );

    // Tasks.
    let mut sec = Section::new("任务清单、责任清单和销号清单");
    match tasks {
        None => {
            sec = sec.text(
                "未提供任务清单文件（--tasks）。模板见 docs/examples/reform-tasks.csv：按方案第二、三部分逐项列出任务、\
                 责任单位和完成时限，由各级应急管理部门维护状态和销号日期。",
            );
        }
        Some(list) => {
            let soon = p.count("tasks.due_soon_days", d)?;
            let standing = |t: &Task| -> Standing {
                match t
                    .closed_on
                    .filter(|c| t.status == TaskStatus::Closed && *c <= d)
                {
                    Some(c) if c <= t.deadline => Standing::ClosedOnTime,
                    Some(_) => Standing::ClosedLate,
                    None if t.deadline < d => Standing::OverdueOpen,
                    None if t.deadline <= plus_days(d, soon) => Standing::DueSoon,
                    None => Standing::Open,
                }
            };
            let mut sorted: Vec<&Task> = list.iter().collect();
            sorted.sort_by(|a, b| (a.deadline, &a.id).cmp(&(b.deadline, &b.id)));
            let mut t = Table::new(
                "tasks",
                "任务清单与销号清单",
                &[
                    ("task_id", "编号"),
                    ("article", "方案条款"),
                    ("title", "任务"),
                    ("owner", "责任单位"),
                    ("deadline", "完成时限"),
                    ("status", "状态"),
                    ("closed_on", "销号日期"),
                    ("standing", "进度判断"),
                    ("note", "备注"),
                ],
            )
            .when_empty("任务清单为空");
            let mut by_owner: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
            let mut counts: BTreeMap<Standing, usize> = BTreeMap::new();
            for task in &sorted {
                let s = standing(task);
                *counts.entry(s).or_default() += 1;
                let o = by_owner.entry(task.owner.as_str()).or_default();
                o[0] += 1;
                if matches!(s, Standing::ClosedOnTime | Standing::ClosedLate) {
                    o[1] += 1;
                }
                if s == Standing::OverdueOpen {
                    o[2] += 1;
                }
                // A closing date after D has not happened yet on D.
                let (status, closed) = match task.closed_on {
                    Some(c) if c > d => (TaskStatus::InProgress.zh(), String::new()),
                    Some(c) => (task.status.zh(), c.to_string()),
                    None => (task.status.zh(), String::new()),
                };
                t.push(vec![
                    task.id.clone(),
                    task.article.clone().unwrap_or_default(),
                    task.title.clone(),
                    task.owner.clone(),
                    task.deadline.to_string(),
                    status.to_owned(),
                    closed,
                    s.zh().to_owned(),
                    task.note.clone().unwrap_or_default(),
                ]);
            }
            let mut owners = Table::new(
                "owners",
                "责任清单（按责任单位）",
                &[
                    ("owner", "责任单位"),
                    ("tasks", "任务数"),
                    ("closed", "已销号"),
                    ("overdue", "逾期未销号"),
                ],
            )
            .numeric(&["tasks", "closed", "overdue"])
            .when_empty("无");
            for (o, c) in &by_owner {
                owners.push(vec![
                    (*o).to_owned(),
                    c[0].to_string(),
                    c[1].to_string(),
                    c[2].to_string(),
                ]);
            }
            let closed = counts.get(&Standing::ClosedOnTime).copied().unwrap_or(0)
                + counts.get(&Standing::ClosedLate).copied().unwrap_or(0);
            let chart = Chart {
                id: "tasks".into(),
                title: "任务进度".into(),
                kind: ChartKind::Bars,
                unit: "项".into(),
                categories: Standing::ALL.iter().map(|s| s.zh().to_owned()).collect(),
                series: vec![Series {
                    name: String::new(),
                    values: Standing::ALL
                        .iter()
                        .map(|s| counts.get(s).copied().unwrap_or(0) as u64)
                        .collect(),
                }],
            };
            sec = sec
                .facts(vec![
                    Fact::new("任务总数", format!("{} 项", sorted.len())),
                    Fact::new(
                        "已销号",
                        format!("{closed} 项（{}）", percent_text(closed, sorted.len())),
                    ),
                    Fact::new(
                        "逾期未销号",
                        format!(
                            "{} 项",
                            counts.get(&Standing::OverdueOpen).copied().unwrap_or(0)
                        ),
                    ),
                    Fact::new(
                        format!("{soon} 日内到期"),
                        format!(
                            "{} 项",
                            counts.get(&Standing::DueSoon).copied().unwrap_or(0)
                        ),
                    ),
                ])
                .chart(chart)
                .table(t)
                .table(owners);
        }
    }
    r.sections.push(sec);

    let trends = trend_charts(v, previous);
    if !trends.is_empty() {
        let mut s = Section::new("变化趋势").text("与此前各次监管评定结果对比。");
        for c in trends {
            s = s.chart(c);
        }
        r.sections.push(s);
    }
    Ok(r)
}
