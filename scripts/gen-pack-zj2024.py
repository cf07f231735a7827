#!/usr/bin/env python3
"""Writes crates/core/packs/zj-2024.toml from the table below (run once when the table changes).

The table is the single place where the defaults of exchange v1 part C and the numbers of the
domain brief are typed in; the generated TOML is the data the program reads.
"""
import pathlib

FROM = "2019-05-01"  # MEM Order No.1 in force: the industry-scope vocabulary starts here

SOURCES = [
    ("ZJ85", "浙江省应急管理厅《浙江省安全生产中介机构监管服务“一件事”改革实施方案》（浙应急〔2024〕85号）"),
    ("EXV1", "《安全生产中介机构监管数据交换规范》第1版（exchange-v1）"),
    ("MEM1", "《安全评价检测检验机构管理办法》（应急管理部令第1号）"),
    ("MEM1J", "应急管理部政策法规司《关于〈安全评价检测检验机构管理办法〉的解读》"),
    ("SAFETY_LAW", "《中华人民共和国安全生产法》（2021年修正）"),
    ("ZJ_REG", "《浙江省安全生产条例》（2016年修订）"),
    ("MEM11", "《安全生产严重失信主体名单管理办法》（应急管理部令第11号）"),
    ("REWARD", "《安全生产领域举报奖励办法》（安监总财〔2018〕19号）"),
    ("ZJ148", "浙江省应急管理厅《关于推进安全生产中介机构服务规范提升的指导意见（试行）》（浙应急〔2024〕148号）"),
    ("ENGINEER_REG", "《注册安全工程师管理规定》"),
    ("CRIM2", "最高人民法院、最高人民检察院《关于办理危害生产安全刑事案件适用法律若干问题的解释（二）》"),
    ("CRIMINAL_LAW", "《中华人民共和国刑法》（修正案（十一））"),
    ("ZJ2021", "浙江省应急管理厅《浙江省安全生产社会化服务机构分级管理规定》（2021）"),
    ("PROCUREMENT_LAW", "《中华人民共和国政府采购法》"),
]

# (id, Chinese name, source, article)
RULES = [
    ("CONCURRENT_PRACTICE", "一人多地多项目同时执业", "ZJ85", "二(二)6"),
    ("INFEASIBLE_TRAVEL", "行程不可能", "ZJ85", "二(二)6"),
    ("DUAL_PENSION", "社保不唯一", "ZJ85", "二(一)2"),
    ("PAY_MISMATCH", "挂靠嫌疑", "ZJ85", "二(一)2"),
    ("NOT_FULL_TIME", "非专职", "ZJ85", "二(一)2"),
    ("HEADCOUNT_SHORTFALL", "安评师数量不足", "MEM1J", "专职安全评价师配备要求"),
    ("ENGINEER_RATIO_SHORTFALL", "注安师比例不足", "ENGINEER_REG", "第六条"),
    ("MIN_PROFESSIONALS", "专业人员不足", "ZJ85", "二(一)4"),
    ("QUALIFICATION_INVALID", "资质失效执业", "MEM1", "资质有效期"),
    ("OUT_OF_SCOPE", "超范围执业", "ZJ85", "二(一)4"),
    ("NOTICE_LATE", "执业告知不及时", "MEM1", "第二十二条"),
    ("REPORT_OVERDUE", "报告逾期上传", "ZJ85", "二(二)8"),
    ("ARCHIVE_INCOMPLETE", "档案不全", "ZJ85", "二(二)8"),
    ("LEADER_ABSENT", "负责人未到现场", "ZJ_REG", "第三十四条"),
    ("DURATION_SHORT", "服务时长不足", "ZJ85", "二(二)6"),
    ("NO_QUALIFIED_SPECIALIST", "专业不匹配", "ZJ85", "二(二)6"),
    ("STAFF_NOT_EMPLOYED", "非本机构人员", "ZJ85", "二(一)3"),
    ("CAPACITY_EXCEEDED", "超能力承接", "ZJ85", "二(一)4"),
    ("CERT_INVALID", "证书核验未通过", "ZJ85", "二(一)2"),
    ("CERT_EXPIRED_ON_PROJECT", "证书过期执业", "ZJ85", "二(一)2"),
    ("AGENCY_GRADE", "机构信用等级评定", "ZJ85", "二(二)5"),
    ("VETO_DISHONESTY_LIST", "严重失信名单一票否决", "MEM11", "第三条"),
    ("VETO_SERIOUS_VIOLATION", "虚假报告、租借资质一票否决", "SAFETY_LAW", "第九十二条"),
    ("VETO_STATUS", "停业整顿或资质吊销一票否决", "ZJ85", "二(二)5"),
    ("PROCUREMENT", "财政资金采购须C级及以上", "ZJ85", "二(三)10"),
    ("SUPERVISION_LEVEL", "差异化监管", "ZJ85", "二(二)5"),
    ("PRACTITIONER_STARS", "从业人员星级认定", "ZJ85", "二(二)5"),
    ("EXPERT_POOL_REMOVAL", "取消应急管理专家库成员资格", "ZJ85", "二(三)11"),
    ("MUST_INSPECT_COMPLAINT", "受到举报投诉的机构列为必查对象", "ZJ85", "二(四)13"),
    ("MUST_INSPECT_CLIENT_MAJOR_HAZARD", "服务对象存在重大事故隐患", "ZJ85", "二(四)13"),
    ("MUST_INSPECT_CLIENT_PENALTY", "服务对象受到安全生产行政处罚", "ZJ85", "二(四)13"),
    ("MUST_INSPECT_CLIENT_ACCIDENT", "服务对象发生生产安全事故", "ZJ85", "二(四)13"),
    ("MUST_INSPECT_INSPECTION_DUE", "三年内未检查的安全评价机构", "MEM1J", "资质认可机关每三年至少检查一次"),
]

S, Q, R, NF = "SPEC", "Q", "R", "NOT_FOUND"
E = ("EXV1", None)  # article filled per row

# (key, name, confidence, value, source, article)
P = []
def p(key, name, conf, value, source="EXV1", article="C"):
    P.append((key, name, conf, value, source, article))

p("window.days", "评价窗口（日）", S, 365, article="C")
p("full_time.months", "认定专职所看的月数（养老保险）", S, 3, article="C 专职")
p("pension_scan.months", "社保唯一性核查月数", S, 12, article="C.1 DUAL_PENSION")
p("travel.max_speed_kmh", "行程可行的最高速度（公里/小时）", S, 120, article="C.1 INFEASIBLE_TRAVEL")
p("travel.min_distance_m", "行程判定的最小距离（米）", S, 1000, article="C.1 INFEASIBLE_TRAVEL")
p("travel.earth_radius_km", "地球平均半径（公里）", S, "6371.0088", article="C.1 INFEASIBLE_TRAVEL")
p("headcount.base", "单一业务范围专职安全评价师人数", Q, 25, "MEM1J", "专职安全评价师不少于25人")
p("headcount.per_extra_scope", "每增加一个业务范围增加的专职安全评价师人数", Q, 5, "MEM1J", "每增加一个行业领域增加5名")
p("engineer_ratio.percent", "中级及以上注册安全工程师占专业技术人员比例（%）", S, 30, "ENGINEER_REG", "第六条")
p("min_professionals.social_service", "社会化服务机构最少专职专业技术人员数", S, 5, "ZJ85", "二(一)4；exchange-v1 C.1")
p("notice.lead_days", "执业告知须早于首次到场的天数（早于首日即可）", S, 1, article="C.1 NOTICE_LATE")
p("report.due_days", "服务结束后报告上传期限（日）", Q, 30, "ZJ85", "二(二)8")
p("archive.required.evaluation", "安全评价项目必备档案环节", S, "contract;notice;site_survey;report", article="C.1 ARCHIVE_INCOMPLETE")
p("archive.required.other", "社会化服务项目必备档案环节", S, "contract;plan;site_survey;rectification;closure", "ZJ85", "二(二)8")
for st, h in [("pre_evaluation", 16), ("acceptance_evaluation", 16), ("status_evaluation", 16),
              ("hazard_inspection", 8), ("training", 4), ("consulting", 4), ("testing", 8),
              ("trusteeship", 40), ("emergency_plan", 8), ("standardization", 16), ("assessment", 8)]:
    p(f"duration.min_hours.{st}", f"最短现场服务时长（小时）：{st}", S, h, article="C.1 DURATION_SHORT")
p("capacity.projects_per_professional", "每名专职专业技术人员同时承接项目上限", S, 4, article="C.1 CAPACITY_EXCEEDED")

DEDUCT = [("CONCURRENT_PRACTICE", 2), ("INFEASIBLE_TRAVEL", 2), ("DUAL_PENSION", 3), ("PAY_MISMATCH", 3),
          ("NOT_FULL_TIME", 2), ("HEADCOUNT_SHORTFALL", 20), ("ENGINEER_RATIO_SHORTFALL", 5),
          ("MIN_PROFESSIONALS", 10), ("QUALIFICATION_INVALID", 20), ("OUT_OF_SCOPE", 10), ("NOTICE_LATE", 2),
          ("REPORT_OVERDUE", 2), ("ARCHIVE_INCOMPLETE", 2), ("LEADER_ABSENT", 5), ("DURATION_SHORT", 2),
          ("NO_QUALIFIED_SPECIALIST", 3), ("STAFF_NOT_EMPLOYED", 3), ("CAPACITY_EXCEEDED", 10),
          ("CERT_INVALID", 5), ("CERT_EXPIRED_ON_PROJECT", 3)]
p("grade.full_score", "机构信用满分", S, 100, article="C.2")
for r, v in DEDUCT:
    p(f"grade.deduction.{r}", f"机构扣分（每条）：{r}", S, v, article="C.2")
p("grade.rule_cap", "每条规则扣分上限", S, 20, article="C.2")
p("grade.complaint_deduction", "查证属实的举报投诉每件扣分", S, 5, article="C.2")
p("grade.complaint_cap", "举报投诉扣分上限", S, 20, article="C.2")
for m, v in [("circular", 5), ("interview", 5), ("warning", 10), ("fine", 15), ("suspension", 30),
             ("revocation", 0), ("practice_ban", 0), ("judicial_referral", 0), ("dishonesty_listing", 0)]:
    p(f"grade.sanction.{m}", f"机构受处理处罚扣分：{m}", S, v, article="C.2")
p("grade.min.A", "A级最低分", S, 90, article="C.2")
p("grade.min.B", "B级最低分", S, 75, article="C.2")
p("grade.min.C", "C级最低分", S, 60, article="C.2")
p("veto.dishonesty.years", "严重失信名单期限（年，无结束日期时）", S, 3, "MEM11", "移出期限（三年）")
p("veto.serious_violation.days", "虚假报告、租借资质一票否决回溯天数", S, 1095, article="C.2")
p("veto.serious_violation.violations", "一票否决的违法行为", S, "false_report;qualification_lending", "SAFETY_LAW", "第九十二条")
p("veto.status", "一票否决的机构状态", S, "suspended;revoked", article="C.2")
p("procurement.min_grade", "财政资金采购的最低等级", Q, "C", "ZJ85", "二(三)10")
p("supervision.A", "A级监管方式", S, "routine", article="C.2")
p("supervision.B", "B级监管方式", S, "routine", article="C.2")
p("supervision.C", "C级监管方式", S, "enhanced", article="C.2")
p("supervision.D", "D级监管方式", S, "key", "ZJ85", "二(二)5 信用等级较低的机构实行重点监管")

for k, v in [("evaluator.1", 6), ("evaluator.2", 4), ("evaluator.3", 2), ("engineer.senior", 5),
             ("engineer.intermediate", 3), ("title.senior", 3), ("title.intermediate", 2), ("default", 1)]:
    p(f"stars.base.{k}", f"基础星级：{k}", S, v, article="C.3")
p("stars.experience.years_per_star", "从业年限每满几年加一星", S, 3, article="C.3")
p("stars.experience.max", "从业年限加星上限", S, 2, article="C.3")
p("stars.exam.excellent_min", "测验优秀最低分", S, 90, article="C.3")
p("stars.exam.good_min", "测验良好最低分", S, 75, article="C.3")
p("stars.exam.pass_min", "测验合格最低分", S, 60, article="C.3")
p("stars.exam.bonus.excellent", "测验优秀加星", S, 2, article="C.3")
p("stars.exam.bonus.good", "测验良好加星", S, 1, article="C.3")
p("stars.exam.bonus.pass", "测验合格加星", S, 0, article="C.3")
POINTS = {"CONCURRENT_PRACTICE": 3, "INFEASIBLE_TRAVEL": 3, "DUAL_PENSION": 6, "PAY_MISMATCH": 3,
          "NOT_FULL_TIME": 2, "CERT_INVALID": 12, "LEADER_ABSENT": 6}
for r, _ in DEDUCT:  # every finding rule has a points value; 0 where the spec gives none
    p(f"stars.points.{r}", f"从业人员记分：{r}", S, POINTS.get(r, 0), article="C.3")
for m, v in [("practice_ban", 12), ("judicial_referral", 12), ("fine", 6), ("warning", 3), ("circular", 2),
             ("interview", 2), ("suspension", 0), ("revocation", 0), ("dishonesty_listing", 0)]:
    p(f"stars.points.sanction.{m}", f"从业人员受处理处罚记分：{m}", S, v, article="C.3")
p("stars.points_per_star", "每记几分减一星", S, 3, article="C.3")
p("stars.cap.failed", "测验不合格星级上限", S, 3, article="C.3")
p("stars.cap.untested", "未参加测验星级上限", S, 5, article="C.3")
p("stars.red_points", "记满几分降为一星", S, 12, article="C.3")
p("stars.min", "最低星级", S, 1, article="C.3")
p("stars.max", "最高星级", S, 10, article="C.3")
p("card.red_points", "红牌记分线", S, 12, article="C.3（参照衢州专家记分：12分红牌）")
p("card.yellow_points", "黄牌记分线", S, 6, article="C.3（参照衢州专家记分：6分黄牌）")
p("expert_pool.removal_points", "取消专家库资格的记分线", S, 12, "ZJ85", "二(三)11；exchange-v1 C.3")
p("must_inspect.client_event_after_days", "服务结束后仍追溯服务对象事件的天数", S, 365, article="C.4")
p("must_inspect.inspection_cycle_days", "安全评价机构检查周期（日）", Q, 1095, "MEM1J", "每三年至少检查一次")

# Reform targets (seed 一, 二(三)9) and reporting defaults (issue 4)
p("targets.evaluation_agencies", "全省服务的安全评价机构目标数", Q, 100, "ZJ85", "一、二(三)9")
p("targets.benchmark_agencies", "社会化服务标杆机构培育目标数", Q, 30, "ZJ85", "一、二(三)9")
p("sampling.report_share_percent", "每半年抽查服务报告比例（%）", S, 15, "ZJ148", "每半年抽查不少于15%")


# ---------------------------------------------------------------------------------------------
# Regulator workflows (issue 5): entry review, complaints and rewards, penalties, exams.
# Owner: workflows. Confidence follows the domain brief: "Q" quoted, "S" secondary source,
# "R" recalled and unconfirmed, "NOT_FOUND" no source (the source/article then names the text
# that imposes the duty, not the number). Dates that a value needs ("in force from") are text.
# ---------------------------------------------------------------------------------------------
WQ, WS, WR, WNF = "Q", "S", "R", "NOT_FOUND"
SOURCES += [
    ("ADMIN_PENALTY_LAW", "《中华人民共和国行政处罚法》（2021年修订）"),
    ("PROCUREMENT_REG", "《中华人民共和国政府采购法实施条例》"),
]
RULES += [
    # 准入审查 — seed 二(一)2; conditions of MEM Order No.1 as explained by MEM-解读
    ("REVIEW_HEADCOUNT", "专职安全评价师人数", "MEM1J", "专职安全评价师不少于25人，每增加一个行业领域增加5名"),
    ("REVIEW_FULL_TIME_EVIDENCE", "专职证明（社会保险、个人缴税、工资流水）", "ZJ85", "二(一)2"),
    ("REVIEW_CERTIFICATES", "执业资格证书真实性核验", "ZJ85", "二(一)2"),
    ("REVIEW_SOCIAL_INSURANCE_UNIQUE", "社会保险唯一性", "ZJ85", "二(一)2"),
    ("REVIEW_LEVEL_SHARE", "一级、二级安全评价师比例", "MEM1", "第六条（比例要求未经证实）"),
    ("REVIEW_ENGINEER_RATIO", "注册安全工程师比例", "ENGINEER_REG", "第六条"),
    ("REVIEW_FIXED_ASSETS", "固定资产", "MEM1J", "固定资产不少于800万元"),
    ("REVIEW_FLOOR_AREA", "工作场所建筑面积", "MEM1J", "工作场所建筑面积不少于1000平方米"),
    ("REVIEW_ARCHIVE_ROOM", "档案室面积", "MEM1", "第六条（档案室面积据二手来源）"),
    ("REVIEW_NO_MAJOR_VIOLATION", "申请前三年内无重大违法失信记录", "MEM1", "申请条件：无重大违法失信记录"),
    ("REVIEW_NOT_REGULATOR_RUN", "非应急管理部门所属或出资（红顶中介）", "MEM1J", "应急管理部门所属单位及其出资企业不得申请"),
    ("REVIEW_DOCUMENTS", "内部管理制度与安全评价过程控制体系", "ZJ85", "二(一)2"),
    # 举报投诉与奖励 — seed 二(四)12
    ("COMPLAINT_DEADLINE", "举报投诉办理期限", "ZJ85", "二(四)12 及时调查处理"),
    ("REWARD_HAZARD", "举报重大事故隐患、违法行为的奖励", "REWARD", "奖励标准：按行政处罚金额的15%计算"),
    ("REWARD_CONCEALED", "举报瞒报、谎报事故的奖励", "REWARD", "奖励标准：按查实的瞒报谎报死亡人数计算"),
    ("REWARD_INSIDER", "本单位职工举报上浮奖励", "REWARD", "职工举报上浮（未经证实）"),
    ("REWARD_FIRST_ONLY", "仅奖励最先受理的有效举报", "REWARD", "多人举报同一事项的奖励"),
    # 处罚裁量 — seed 二(四)14
    ("PENALTY_INACCURATE_REPORT", "出具失实报告", "SAFETY_LAW", "第九十二条第一款"),
    ("PENALTY_FALSE_OR_LENDING", "租借资质、挂靠、出具虚假报告", "SAFETY_LAW", "第九十二条第二款"),
    ("PENALTY_BAN", "吊销资质资格与行业、职业禁入", "SAFETY_LAW", "第九十二条第三款"),
    ("PENALTY_ZJ_ART46", "重大疏漏、泄密、擅自简化程序、未经现场勘查", "ZJ_REG", "第三十四条、第四十六条"),
    ("PENALTY_UNQUALIFIED", "未取得资质擅自从业", "MEM1", "法律责任：未取得资质从事安全评价"),
    ("PENALTY_UPPER_LIMIT", "隐瞒重大事故隐患、出具失实或虚假报告的按上限查处", "ZJ85", "二(四)14"),
    ("PENALTY_DISCRETION", "行政处罚裁量基准", "ADMIN_PENALTY_LAW", "第三十四条"),
    ("PENALTY_MITIGATION", "依法从轻或者减轻处罚", "ADMIN_PENALTY_LAW", "第三十二条"),
    ("CRIMINAL_SERIOUS", "提供虚假证明文件“情节严重”，建议移送司法机关", "CRIM2", "第七条；刑法第二百二十九条第一款"),
    ("CRIMINAL_ESPECIALLY_HEAVY", "造成“特别重大损失”", "CRIM2", "第八条；刑法第二百二十九条第一款第三项"),
    ("CRIMINAL_NEGLIGENCE", "出具证明文件重大失实“造成严重后果”，建议移送司法机关", "CRIM2", "第九条；刑法第二百二十九条第三款"),
    ("DISHONESTY_LISTING", "列入安全生产严重失信主体名单", "MEM11", "列入情形：机构租借资质、挂靠、出具虚假报告"),
    ("DISHONESTY_REPAIR", "严重失信主体信用修复与移出", "MEM11", "移出与信用修复"),
    # 能力测验 — seed 二(三)11 (EXPERT_POOL_REMOVAL is the supervision run's rule, reused)
    ("EXAM_PAPER", "统一题库组卷", "ZJ85", "二(三)11 建立统一测试题库"),
    ("EXAM_PASS", "能力测验合格线", "ZJ85", "二(三)11"),
    ("EXAM_COVERAGE", "专业技术人员测试全覆盖", "ZJ85", "二(三)11 实现人员测试全覆盖"),
    ("EXAM_AGENCY_WARNING", "测评结果不合格的机构通报警示", "ZJ85", "二(三)11"),
]

# 准入审查 (reuses headcount.base, headcount.per_extra_scope, engineer_ratio.percent)
p("review.fixed_assets_min_yuan", "安全评价机构固定资产最低额（元）", WQ, 8000000, "MEM1J", "固定资产不少于800万元")
p("review.floor_area_min_m2", "工作场所建筑面积最低值（平方米）", WQ, 1000, "MEM1J", "工作场所建筑面积不少于1000平方米")
p("review.archive_area_min_m2", "档案室面积最低值（平方米）", WS, 100, "MEM1", "第六条（档案室面积据二手来源）")
p("review.evidence_months", "认定专职所看的月数（申请日所在月之前）", WQ, 3, "ZJ2021", "从业人员：连续缴纳养老保险三个月以上")
p("review.evidence_kinds", "认定专职须齐备的记录", WQ, "pension;income_tax;payroll", "ZJ85", "二(一)2 社会保险、个人缴税记录、工资流水")
p("review.uniqueness_months", "社保唯一性核查月数", WS, 12, "EXV1", "C.1 DUAL_PENSION")
p("review.level1_share_percent", "一级安全评价师占专职安全评价师比例（%）", WR, 20, "MEM1", "第六条（比例要求未经证实）")
p("review.level12_share_percent", "一级、二级安全评价师合计占比（%）", WR, 50, "MEM1", "第六条（比例要求未经证实）")
p("review.violation_lookback_years", "无重大违法失信记录的回溯年数", WR, 3, "MEM1", "申请条件：无重大违法失信记录（三年为假定）")
p("review.major_violation.measures", "视为重大违法记录的处理措施", WS, "suspension;revocation;practice_ban;judicial_referral;dishonesty_listing", "PROCUREMENT_REG", "第十九条（重大违法记录的参照定义）")
p("review.major_violation.violations", "视为重大违法记录的违法行为", WS, "false_report;qualification_lending", "SAFETY_LAW", "第九十二条第二款")
p("review.required_documents", "申请须提交的制度文件", WQ, "internal_management;process_control", "ZJ85", "二(一)2 内部管理制度、安全评价过程控制体系")
p("review.required_documents.secondary", "申请须提交的其他文件（二手来源）", WS, "commitment_letter", "MEM1", "法定代表人承诺书（据二手来源）")

# 举报投诉办理期限 (days from entering the state; no source gives these numbers)
for st, days, zh in [("received", 5, "收到举报后作出受理决定"), ("accepted", 60, "受理后调查核实"),
                     ("substantiated", 15, "查证属实后作出奖励或处理决定"), ("reward_decided", 30, "奖励决定后兑付"),
                     ("rejected", 5, "不予受理后答复办结"), ("unsubstantiated", 5, "查无实据后答复办结"),
                     ("reward_paid", 5, "奖励兑付后办结")]:
    p(f"complaint.deadline_days.{st}", f"办理期限（日）：{zh}", WNF, days, "ZJ85", "二(四)12 及时调查处理（期限无出处）")

# 举报奖励 — 安全生产领域举报奖励办法 (figures from secondary sources: S)
p("reward.hazard.percent", "举报重大事故隐患、违法行为：奖励占罚款比例（%）", WS, 15, "REWARD", "奖励标准：按行政处罚金额的15%计算")
p("reward.hazard.min_yuan", "举报重大事故隐患、违法行为：最低奖励（元）", WS, 3000, "REWARD", "最低奖励3000元")
p("reward.hazard.max_yuan", "举报重大事故隐患、违法行为：最高奖励（元）", WS, 300000, "REWARD", "最高不超过30万元")
for sev, amount, zh in [("general", 30000, "一般事故"), ("larger", 40000, "较大事故"), ("major", 50000, "重大事故"),
                        ("especially_major", 60000, "特别重大事故")]:
    p(f"reward.concealed.per_death.{sev}", f"举报瞒报谎报{zh}：每查实一名死亡人员奖励（元）", WS, amount, "REWARD", f"瞒报谎报{zh}每查实1名死亡人员奖励")
p("reward.concealed.max_yuan", "举报瞒报谎报事故：最高奖励（元）", WS, 300000, "REWARD", "最高不超过30万元")
p("reward.insider_bonus_percent", "本单位职工举报上浮比例（%）", WR, 20, "REWARD", "职工举报上浮（未经证实）")
p("reward.amount_decimals", "奖励金额保留的小数位数（元以下）", WNF, 2, "REWARD", "奖励金额计算（取整规则无出处）")

# 处罚幅度 — 安全生产法（2021）第九十二条
p("penalty.safety_law.in_force_from", "安全生产法（2021年修正）施行日期", WR, "2021-09-01", "SAFETY_LAW", "施行日期")
p("penalty.inaccurate_report.agency_min_yuan", "出具失实报告：机构罚款下限（元）", WQ, 30000, "SAFETY_LAW", "第九十二条第一款")
p("penalty.inaccurate_report.agency_max_yuan", "出具失实报告：机构罚款上限（元）", WQ, 100000, "SAFETY_LAW", "第九十二条第一款")
p("penalty.art92_2.gains_threshold_yuan", "违法所得按倍数处罚的起点（元）", WQ, 100000, "SAFETY_LAW", "第九十二条第二款")
p("penalty.art92_2.multiple_min", "违法所得十万元以上：罚款最低倍数", WQ, 2, "SAFETY_LAW", "第九十二条第二款")
p("penalty.art92_2.multiple_max", "违法所得十万元以上：罚款最高倍数", WQ, 5, "SAFETY_LAW", "第九十二条第二款")
p("penalty.art92_2.fixed_min_yuan", "无违法所得或不足十万元：罚款下限（元）", WQ, 100000, "SAFETY_LAW", "第九十二条第二款")
p("penalty.art92_2.fixed_max_yuan", "无违法所得或不足十万元：罚款上限（元）", WQ, 200000, "SAFETY_LAW", "第九十二条第二款")
p("penalty.art92_2.person_min_yuan", "直接责任人员罚款下限（元）", WQ, 50000, "SAFETY_LAW", "第九十二条第二款")
p("penalty.art92_2.person_max_yuan", "直接责任人员罚款上限（元）", WQ, 100000, "SAFETY_LAW", "第九十二条第二款")
p("penalty.art92_3.ban_years", "吊销资质资格后不得从事相关工作的年数", WQ, 5, "SAFETY_LAW", "第九十二条第三款")
# 浙江省安全生产条例第四十六条
p("penalty.zj46.min_yuan", "浙江条例第四十六条：罚款下限（元）", WQ, 10000, "ZJ_REG", "第四十六条")
p("penalty.zj46.max_yuan", "浙江条例第四十六条：罚款上限（元）", WQ, 50000, "ZJ_REG", "第四十六条")
p("penalty.zj46.serious_min_yuan", "浙江条例第四十六条情节严重：罚款下限（元）", WQ, 50000, "ZJ_REG", "第四十六条")
p("penalty.zj46.serious_max_yuan", "浙江条例第四十六条情节严重：罚款上限（元）", WQ, 200000, "ZJ_REG", "第四十六条")
p("penalty.zj46.serious_person_min_yuan", "浙江条例第四十六条情节严重：责任人员罚款下限（元）", WQ, 10000, "ZJ_REG", "第四十六条")
p("penalty.zj46.serious_person_max_yuan", "浙江条例第四十六条情节严重：责任人员罚款上限（元）", WQ, 20000, "ZJ_REG", "第四十六条")
# 安全评价检测检验机构管理办法：未取得资质从业
p("penalty.unqualified.multiple_min", "未取得资质从业：罚款最低倍数（违法所得）", WQ, 1, "MEM1", "法律责任：未取得资质从事安全评价")
p("penalty.unqualified.multiple_max", "未取得资质从业：罚款最高倍数（违法所得）", WQ, 3, "MEM1", "法律责任：未取得资质从事安全评价")
p("penalty.unqualified.cap_yuan", "未取得资质从业：罚款最高额（元）", WQ, 30000, "MEM1", "法律责任：未取得资质从事安全评价")
p("penalty.unqualified.no_gains_min_yuan", "未取得资质从业、无违法所得：罚款下限（元）", WQ, 5000, "MEM1", "法律责任：未取得资质从事安全评价")
p("penalty.unqualified.no_gains_max_yuan", "未取得资质从业、无违法所得：罚款上限（元）", WQ, 10000, "MEM1", "法律责任：未取得资质从事安全评价")
p("penalty.unqualified.person_min_yuan", "未取得资质从业：责任人员罚款下限（元）", WQ, 5000, "MEM1", "法律责任：未取得资质从事安全评价")
p("penalty.unqualified.person_max_yuan", "未取得资质从业：责任人员罚款上限（元）", WQ, 10000, "MEM1", "法律责任：未取得资质从事安全评价")
# seed 二(四)14: 严格按照上限查处
p("penalty.upper_limit.violations", "按上限查处的违法行为", WQ, "false_report;inaccurate_report", "ZJ85", "二(四)14 出具失实或虚假评价报告的严格按照上限查处")
p("penalty.upper_limit.in_force_from", "按上限查处的起始日期（方案印发日）", WQ, "2024-06-17", "ZJ85", "印发日期")
# 裁量区间（法定幅度内的百分位）— no source gives these bands
for band, lo, hi, zh in [("lighter", 0, 30, "从轻"), ("ordinary", 30, 70, "一般"), ("heavier", 70, 100, "从重")]:
    p(f"penalty.discretion.{band}.from_percent", f"{zh}裁量区间起点（法定幅度的%）", WNF, lo, "ADMIN_PENALTY_LAW", "第三十四条 裁量基准（区间无出处）")
    p(f"penalty.discretion.{band}.to_percent", f"{zh}裁量区间终点（法定幅度的%）", WNF, hi, "ADMIN_PENALTY_LAW", "第三十四条 裁量基准（区间无出处）")

# 刑事移送门槛 — 两高解释（二）第七至九条
p("criminal.intentional.violations", "按提供虚假证明文件罪评估的违法行为", WS, "false_report", "CRIMINAL_LAW", "第二百二十九条第一款")
p("criminal.negligence.violations", "按出具证明文件重大失实罪评估的违法行为", WS, "inaccurate_report;major_omission", "CRIMINAL_LAW", "第二百二十九条第三款")
for key, v, zh in [("deaths", 1, "死亡人数"), ("serious_injuries", 3, "重伤人数"),
                   ("direct_loss_yuan", 500000, "直接经济损失（元）"), ("illegal_gains_yuan", 100000, "违法所得（元）"),
                   ("prior_penalties", 2, "此前行政处罚次数"), ("prior_window_years", 2, "此前行政处罚的回溯年数")]:
    p(f"criminal.serious.{key}", f"情节严重门槛：{zh}", WQ, v, "CRIM2", "第七条")
for key, v, zh in [("deaths", 3, "死亡人数"), ("serious_injuries", 10, "重伤人数"), ("direct_loss_yuan", 5000000, "直接经济损失（元）")]:
    p(f"criminal.especially_heavy.{key}", f"特别重大损失门槛：{zh}", WQ, v, "CRIM2", "第八条")
for key, v, zh in [("deaths", 1, "死亡人数"), ("serious_injuries", 3, "重伤人数"), ("direct_loss_yuan", 1000000, "直接经济损失（元）")]:
    p(f"criminal.negligence.{key}", f"严重后果门槛：{zh}", WQ, v, "CRIM2", "第九条")

# 严重失信主体名单 (term: veto.dishonesty.years, reused)
p("dishonesty.violations", "机构列入严重失信主体名单的违法行为", WS, "false_report;qualification_lending", "MEM11", "列入情形：机构租借资质、挂靠、出具虚假报告")
p("dishonesty.repair_after_months", "列入后可申请信用修复的月数", WS, 12, "MEM11", "移出与信用修复（满12个月）")

# 能力测验 (pass mark: stars.exam.pass_min, reused)
p("exam.agency_pass_rate_min_percent", "机构测验合格率下限（%，低于则通报警示）", WNF, 80, "ZJ85", "二(三)11 测评结果不合格的服务机构通报警示（合格率无出处）")
p("exam.options_max", "每题最多选项数", WNF, 8, "ZJ85", "二(三)11 统一测试题库（题库格式无出处）")


# ---------------------------------------------------------------------------------------------
# Reports (issue 4): publication lists, routing of warnings, the double-random draw, report
# sampling, benchmark candidates, progress. Owner: reporting. Confidence as in the brief; where a
# value is a configuration choice ("NOT_FOUND"), the source/article names the text that imposes
# the duty, not the number. (targets.* and sampling.report_share_percent are defined above.)
# ---------------------------------------------------------------------------------------------
RNF, RR, RQ, RS = "NOT_FOUND", "R", "Q", "S"
p("report.home_province", "报告所属省份（行政区划代码）", RQ, 330000, "ZJ85", "标题（浙江省）")
p("report.route.social_service", "社会化服务机构预警线索的承办层级（city 地市 | county 区县）", RNF, "city",
  "ZJ85", "二(二)7 市县负责社会化服务机构（具体层级无出处）")
p("double_random.agency_share_percent", "双随机抽取检查对象的比例（%，必查对象以外）", RNF, 20,
  "ZJ85", "二(四)13 交叉专项执法检查（比例无出处）")
p("double_random.inspectors_per_agency", "每个检查对象选派的检查人员数", RR, 2,
  "ADMIN_PENALTY_LAW", "第四十二条 执法人员不得少于两人（原文未在简报中核对）")
p("sampling.period_months", "服务报告抽查周期（月，自1月起对齐）", RS, 6, "ZJ148", "每半年抽查")
p("targets.due", "工作目标期限（年底前）", RQ, "2024-12-31", "ZJ85", "一、二(三)9 年底前")
p("benchmark.min_score", "标杆机构候选：最低信用得分", RNF, 90, "ZJ85", "二(三)9 信誉好（门槛无出处）")
p("benchmark.min_professionals", "标杆机构候选：最少专职专业技术人员", RNF, 10, "ZJ85", "二(三)9 规模大、实力强（门槛无出处）")
p("benchmark.min_projects", "标杆机构候选：评价期内最少完成项目数", RNF, 20, "ZJ85", "二(三)9 业绩突出（门槛无出处）")
p("benchmark.min_service_types", "标杆机构候选：最少服务类型数", RNF, 3, "ZJ85", "二(三)9 综合专业服务能力（门槛无出处）")
p("tasks.due_soon_days", "任务临近期限的提示天数", RNF, 30, "ZJ85", "三(二) 任务清单、销号清单（天数无出处）")


def tq(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


out = ["# 浙江省安全生产中介机构监管规则包（2024）— zj-2024",
       "# Generated by scripts/gen-pack-zj2024.py: edit the table there, then run it.",
       "# confidence: Q = quoted law; S = secondary source or set by exchange-v1 as the province's default",
       "# (an assumption the province may change); R = unconfirmed; NOT_FOUND = no source, a choice.",
       "# Every value applies from its `from` date on; a later amendment adds a value with a later date.",
       "",
       "[pack]", 'id = "zj-2024"', 'version = "1.0.0"', 'name = "浙江省安全生产中介机构监管规则包（2024）"', ""]
for sid, title in SOURCES:
    out += ["[[source]]", f"id = {tq(sid)}", f"title = {tq(title)}", ""]
for rid, name, src, art in RULES:
    out += ["[[rule]]", f"id = {tq(rid)}", f"name = {tq(name)}", f"source = {tq(src)}", f"article = {tq(art)}", ""]
for key, name, conf, value, src, art in P:
    v = str(value) if isinstance(value, int) else tq(value)
    out += ["[[param]]", f"key = {tq(key)}", f"name = {tq(name)}", f"confidence = {tq(conf)}",
            f"values = [{{ from = {tq(FROM)}, value = {v}, source = {tq(src)}, article = {tq(art)} }}]", ""]
root = pathlib.Path(__file__).resolve().parent.parent
(root / "crates/core/packs/zj-2024.toml").write_text("\n".join(out), encoding="utf-8")
print(f"{len(SOURCES)} sources, {len(RULES)} rules, {len(P)} params")
