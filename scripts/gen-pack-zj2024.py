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
