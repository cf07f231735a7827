#!/usr/bin/env python3
"""Writes the small example dataset of docs/WORKFLOWS.md into ./dataset (exchange v1 CSV).

A001 浙江甲安全评价有限公司 holds a safety evaluation qualification for petrochemical and applies
to extend it to metal_smelting (application.toml): 30 evaluators are needed. It has 31, all with
three months of pension, income tax and payroll, but P031 also had pension paid by A002 in
June 2024, so the social-insurance uniqueness line fails. A002 is a social service agency.
Run: python3 make_dataset.py (from this folder).
"""
import pathlib

OUT = pathlib.Path(__file__).resolve().parent / "dataset"
USCC_SET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
RID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def uscc(n):
    body = f"91330106{n:09d}"
    s = sum(USCC_SET.index(c) * w for c, w in zip(body, USCC_W))
    return body + USCC_SET[(31 - s % 31) % 31]


def rid(n):
    body = f"330106198503{n:05d}"
    s = sum(int(c) * w for c, w in zip(body, RID_W))
    return body + "10X98765432"[s % 11]


def write(name, header, rows):
    lines = [",".join(header)] + [",".join(str(c) for c in r) for r in rows]
    (OUT / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


OUT.mkdir(exist_ok=True)
A001, A001HZ, A002 = uscc(1), uscc(2), uscc(3)
write("agencies.csv", ["agency_id", "name", "kind", "uscc", "region_code", "parent_agency_id",
                       "qualified_until", "scopes", "status"], [
    ["A001", "浙江甲安全评价有限公司", "safety_evaluation", A001, "330106", "", "2027-06-30",
     "petrochemical;pre_evaluation;acceptance_evaluation;status_evaluation", "active"],
    ["A001-HZ", "浙江甲安全评价有限公司杭州分公司", "safety_evaluation", A001HZ, "330105", "A001", "", "", "active"],
    ["A002", "浙江乙安全技术服务有限公司", "social_service", A002, "330206", "", "",
     "hazard_inspection;training", "active"],
])

people, certs, contrib, exams = [], [], [], []
MONTHS = ["2024-08", "2024-09", "2024-10"]
for i in range(1, 32):
    pid = f"P{i:03d}"
    level = "1" if i <= 8 else ("2" if i <= 18 else "3")
    eng = "intermediate" if i <= 10 else ""
    agency = "A001" if i % 2 else "A001-HZ"
    payer = A001 if i % 2 else A001HZ
    people.append([pid, f"评价师{i:02d}", rid(i), agency, level, eng, "intermediate" if i <= 4 else "none",
                   "petrochemical" if i <= 20 else "metal_smelting", "2015-03-01", "true" if i in (3, 12) else "false"])
    certs.append([pid, "evaluator", f"PJ{i:05d}", "2019-01-01", "", "verified"])
    if eng:
        certs.append([pid, "safety_engineer", f"ZA{i:05d}", "2018-06-01", "2028-05-31", "verified"])
    if i <= 4:
        certs.append([pid, "title", f"ZC{i:05d}", "2017-01-01", "", "verified"])
    for m in MONTHS:
        for k in ["pension", "income_tax", "payroll"]:
            contrib.append([rid(i), payer, m, k])
# P031 also insured by A002 in June 2024.
contrib.append([rid(31), A002, "2024-06", "pension"])
for i in range(1, 6):
    pid = f"Q{i:03d}"
    people.append([pid, f"技术员{i:02d}", rid(100 + i), "A002", "", "intermediate" if i == 1 else "",
                   "intermediate", "", "2020-01-01", "false"])
    certs.append([pid, "title", f"QC{i:05d}", "2019-01-01", "", "verified"])
    if i == 1:
        certs.append([pid, "safety_engineer", f"QA{i:05d}", "2019-01-01", "", "verified"])
    for m in MONTHS:
        for k in ["pension", "income_tax", "payroll"]:
            contrib.append([rid(100 + i), A002, m, k])
# Exams of the 2024 campaign: A001 all tested but P003 (expert pool) failed; A002: 3 of 5 tested.
for i in range(1, 32):
    exams.append([f"P{i:03d}", "ZJ2024-11", "2024-11-20", 55 if i == 3 else 60 + i])
for i, s in [(1, 88), (2, 52), (3, 71)]:
    exams.append([f"Q{i:03d}", "ZJ2024-11", "2024-11-20", s])
write("practitioners.csv", ["practitioner_id", "name", "id_number", "agency_id", "evaluator_level",
                            "registered_safety_engineer", "title", "specialties", "practice_since", "expert_pool"], people)
write("certificates.csv", ["practitioner_id", "kind", "number", "valid_from", "valid_until", "verification"], certs)
write("contributions.csv", ["id_number", "payer_uscc", "month", "kind"], contrib)
write("exams.csv", ["practitioner_id", "exam_id", "taken_on", "score"], exams)
write("complaints.csv", ["complaint_id", "received_on", "agency_id", "practitioner_id", "category", "status",
                         "closed_on", "reporter_contact"], [
    ["K001", "2024-07-01", "A001", "P031", "certificate_lending", "substantiated", "2024-09-20", "13800001111"],
    ["K002", "2024-09-15", "A002", "", "fee", "pending", "", ""],
    ["K003", "2024-10-10", "A001-HZ", "", "absent_from_site", "unsubstantiated", "2024-11-02", "whistle@example.invalid"],
])
write("sanctions.csv", ["sanction_id", "subject_kind", "subject_id", "measure", "violation", "decided_on",
                        "fine_yuan", "ends_on"], [
    ["S001", "agency", "A001-HZ", "warning", "procedure", "2023-05-10", "", ""],
])
print(f"wrote {OUT}")
