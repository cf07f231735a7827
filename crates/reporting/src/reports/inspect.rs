//! 必查对象与双随机抽查 (seed 二(四)13): the must-inspect list of the run, a seeded draw of
//! further agencies (随机抽取检查对象), and a seeded draw of inspectors for every agency to be
//! inspected (随机选派执法检查人员), as a cross inspection (交叉检查): nobody inspects an agency
//! of their own city.

use super::{frame, kind_short};
use crate::doc::{Audience, Chart, ChartKind, Fact, Report, Section, Series, Table};
use crate::draw::{at_least_share, SplitMix64, METHOD};
use crate::inputs::Inspector;
use crate::view::View;
use crate::{ReportError, ReportKind};
use std::collections::{BTreeMap, BTreeSet};
use zhongjie_core::{AgencyStatus, RegionCode};

/// The basis of a must-inspect target.
const MUST: &str = "必查";

/// One agency to inspect and why.
struct Target {
    root: usize,
    city: Option<RegionCode>,
    /// `必查` or `随机抽取（第 n 位）`.
    basis: String,
}

/// 必查对象与双随机抽查.
pub(crate) fn must_inspect(
    v: &View<'_>,
    seed: u64,
    inspectors: Option<&[Inspector]>,
) -> Result<Report, ReportError> {
    let d = v.d;
    let share = v.pack.count("double_random.agency_share_percent", d)?;
    let per_agency = v.pack.count("double_random.inspectors_per_agency", d)? as usize;
    let mut r = frame(v, ReportKind::MustInspect, Audience::Internal);
    r.facts.push(Fact::new(
        "依据",
        "浙应急〔2024〕85号 二(四)13（必查对象、全省交叉专项执法检查）",
    ));
    r.facts.push(Fact::new("随机种子", seed.to_string()));
    r.facts.push(Fact::new("抽取方法", METHOD));

    // 1. Must-inspect.
    let mut must = Table::new(
        "must-inspect",
        "必查对象清单",
        &[
            ("no", "序号"),
            ("agency_id", "机构编号"),
            ("name", "机构名称"),
            ("kind", "机构类型"),
            ("city", "所在地市"),
            ("reasons", "必查原因"),
            ("evidence", "线索"),
            ("grade", "信用等级"),
            ("supervision", "监管方式"),
        ],
    )
    .numeric(&["no"])
    .when_empty("本次无必查对象");
    let mut targets: Vec<Target> = Vec::new();
    let must_ids: BTreeSet<&str> = v
        .out
        .must_inspect
        .iter()
        .map(|m| m.agency_id.as_str())
        .collect();
    for (i, m) in v.out.must_inspect.iter().enumerate() {
        let root = v.root_row(m.agency_id.as_str());
        let g = v.grade(m.agency_id.as_str());
        must.push(vec![
            (i + 1).to_string(),
            m.agency_id.to_string(),
            v.agency_name(m.agency_id.as_str()),
            kind_short(root.and_then(|x| v.tree_kind(x))).to_owned(),
            root.map(|x| v.tree_city_name(x)).unwrap_or_default(),
            m.reasons
                .iter()
                .map(|x| x.zh())
                .collect::<Vec<_>>()
                .join("；"),
            m.evidence.join("；"),
            g.map(|g| g.grade.code().to_owned()).unwrap_or_default(),
            g.map(|g| g.supervision.zh().to_owned()).unwrap_or_default(),
        ]);
        if let Some(root) = root {
            targets.push(Target {
                root,
                city: v.tree_city(root),
                basis: MUST.to_owned(),
            });
        }
    }
    r.sections.push(
        Section::new("必查对象")
            .text(
                "受到举报投诉、服务对象存在重大事故隐患、受到安全生产行政处罚或发生生产安全事故的机构，\
                 以及三年内未接受检查的安全评价机构，列为执法检查必查对象（二(四)13）。",
            )
            .table(must),
    );

    // 2. Random draw of further agencies: active trees supervised in this province.
    let population: Vec<usize> = {
        let mut p: Vec<(String, usize)> = v
            .out
            .grades
            .iter()
            .filter(|g| !must_ids.contains(g.agency_id.as_str()))
            .filter_map(|g| {
                let root = v.root_row(g.agency_id.as_str())?;
                let a = v.agency(root)?;
                let local = v.tree_city(root).is_some_and(|c| v.in_home(c));
                (a.status == AgencyStatus::Active && local).then(|| (a.id.to_string(), root))
            })
            .collect();
        p.sort();
        p.into_iter().map(|(_, r)| r).collect()
    };
    let k = at_least_share(population.len(), share);
    let mut rng = SplitMix64::new(seed);
    let drawn = rng.draw(&population, k);
    let mut random = Table::new(
        "random-agencies",
        "随机抽取的检查对象",
        &[
            ("order", "抽取顺序"),
            ("agency_id", "机构编号"),
            ("name", "机构名称"),
            ("kind", "机构类型"),
            ("city", "所在地市"),
            ("grade", "信用等级"),
        ],
    )
    .numeric(&["order"])
    .when_empty("无可抽取的机构");
    for (i, root) in drawn.iter().enumerate() {
        let Some(a) = v.agency(*root) else { continue };
        random.push(vec![
            (i + 1).to_string(),
            a.id.to_string(),
            a.name.clone(),
            kind_short(Some(a.kind)).to_owned(),
            v.tree_city_name(*root),
            v.grade(a.id.as_str())
                .map(|g| g.grade.code().to_owned())
                .unwrap_or_default(),
        ]);
        targets.push(Target {
            root: *root,
            city: v.tree_city(*root),
            basis: format!("随机抽取（第 {} 位）", i + 1),
        });
    }
    r.sections.push(
        Section::new("随机抽取检查对象")
            .facts(vec![
                Fact::new(
                    "抽取范围",
                    format!(
                        "必查对象以外、状态正常、在本省接受监管的机构 {} 家（按机构编号排序）",
                        population.len()
                    ),
                ),
                Fact::new("抽取比例", format!("不低于 {share}%")),
                Fact::new("抽取数量", format!("{} 家", drawn.len())),
            ])
            .text(format!(
                "以随机种子 {seed} 初始化发生器，先抽取检查对象（本节），再按下节所列顺序为每个检查对象抽取检查人员；\
                 任何人以相同的种子、相同的数据和上述方法复核，均得到相同结果。"
            ))
            .table(random),
    );

    // Where the inspections are.
    let mut by_city: BTreeMap<Option<RegionCode>, (u64, u64)> = BTreeMap::new();
    for t in &targets {
        let e = by_city.entry(t.city).or_default();
        if t.basis == MUST {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    let chart = Chart {
        id: "targets-by-city".into(),
        title: "检查对象按地市分布".into(),
        kind: ChartKind::Bars,
        unit: "家".into(),
        categories: by_city
            .keys()
            .map(|c| c.map(RegionCode::city_name).unwrap_or_default())
            .collect(),
        series: vec![
            Series {
                name: "必查".into(),
                values: by_city.values().map(|x| x.0).collect(),
            },
            Series {
                name: "随机抽取".into(),
                values: by_city.values().map(|x| x.1).collect(),
            },
        ],
    };
    r.sections.push(Section::new("检查对象分布").chart(chart));

    // 3. Inspectors (cross inspection).
    let mut sec = Section::new("随机选派检查人员（交叉检查）");
    match inspectors {
        None => {
            sec = sec.text(
                "未提供检查人员名录（--inspectors，CSV：inspector_id,name,home_region_code），本次只抽取检查对象。",
            );
        }
        Some(list) => {
            let mut sorted: Vec<&Inspector> = list.iter().collect();
            sorted.sort_by(|a, b| a.id.cmp(&b.id));
            let mut load: BTreeMap<&str, usize> =
                sorted.iter().map(|i| (i.id.as_str(), 0)).collect();
            let mut t = Table::new(
                "assignments",
                "检查人员选派表",
                &[
                    ("no", "序号"),
                    ("agency_id", "机构编号"),
                    ("name", "机构名称"),
                    ("city", "机构所在地市"),
                    ("basis", "检查类别"),
                    ("inspectors", "检查人员"),
                    ("inspector_cities", "检查人员所在地市"),
                    ("note", "备注"),
                ],
            )
            .numeric(&["no"])
            .when_empty("无检查对象");
            let mut short = 0usize;
            for (i, tg) in targets.iter().enumerate() {
                // Eligible: anyone not from the agency's city, in id order, shuffled, then the
                // least loaded first (a stable sort keeps the shuffled order among equals).
                let eligible: Vec<&Inspector> = sorted
                    .iter()
                    .copied()
                    .filter(|x| Some(x.home.city()) != tg.city.map(RegionCode::city))
                    .collect();
                let mut shuffled = rng.draw(&eligible, eligible.len());
                shuffled.sort_by_key(|x| load.get(x.id.as_str()).copied().unwrap_or(0));
                let chosen: Vec<&Inspector> = shuffled.into_iter().take(per_agency).collect();
                for c in &chosen {
                    if let Some(n) = load.get_mut(c.id.as_str()) {
                        *n += 1;
                    }
                }
                let note = if chosen.len() < per_agency {
                    short += 1;
                    format!(
                        "可选派的外地市检查人员不足：需 {per_agency} 人，仅 {} 人",
                        chosen.len()
                    )
                } else {
                    String::new()
                };
                let a = v.agency(tg.root);
                t.push(vec![
                    (i + 1).to_string(),
                    a.map(|a| a.id.to_string()).unwrap_or_default(),
                    a.map(|a| a.name.clone()).unwrap_or_default(),
                    tg.city.map(RegionCode::city_name).unwrap_or_default(),
                    tg.basis.clone(),
                    chosen
                        .iter()
                        .map(|c| format!("{}（{}）", c.name, c.id))
                        .collect::<Vec<_>>()
                        .join("、"),
                    chosen
                        .iter()
                        .map(|c| c.home.city_name())
                        .collect::<Vec<_>>()
                        .join("、"),
                    note,
                ]);
            }
            sec = sec
                .facts(vec![
                    Fact::new("检查人员名录", format!("{} 人", sorted.len())),
                    Fact::new("每个检查对象选派", format!("{per_agency} 人")),
                    Fact::new("回避规则", "检查人员不检查本人所在地市的机构（交叉检查）"),
                    Fact::new("选派不足的检查对象", format!("{short} 个")),
                ])
                .text(
                    "检查对象按“必查对象（按机构编号）→ 随机抽取对象（按抽取顺序）”依次选派：\
                     对每个检查对象，取所在地市以外的检查人员（按编号排序），用同一发生器完整洗牌，\
                     再按已选派次数由少到多稳定排序，取前若干人。",
                )
                .table(t);
        }
    }
    r.sections.push(sec);
    Ok(r)
}
