#!/usr/bin/env python3
"""CONCURRENT_PRACTICE and INFEASIBLE_TRAVEL (exchange v1, part C.1) as SQL in DuckDB.

A reference implementation for benchmarking the engine (issue 3): the same two attendance rules,
written as plain SQL over a dataset folder's attendance.csv and projects.csv, with the point-in-time
cut of part C:

* an attendance record whose check_in is at or after the end of D at UTC+08:00 is dropped;
* a project signed after D leaves with its attendance;
* CONCURRENT_PRACTICE: two records of one practitioner on different projects with
  a.in < b.out and b.in < a.out; evidence = the two record ids sorted; date = local date
  (UTC+08:00) of the later check-in;
* INFEASIBLE_TRAVEL: a practitioner's records ordered by (check_in, record_id); each consecutive
  pair a -> b on different projects with b.in >= a.out, haversine distance (R = 6371.0088 km)
  > 1 km and > 120 km/h x (b.in - a.out); evidence [a, b]; date = local date of b.in.

Usage:
  duckdb_rules.py DATA --as-of D [--out FILE.jsonl] [--compare FINDINGS.jsonl]
                  [--repeat N] [--threads T] [--overlap candidates|selfjoin] [--json FILE]
  duckdb_rules.py --selftest [CASES]

--compare reads the engine's findings.jsonl, keeps the two rules and compares the sets of
(rule, subject_kind, subject_id, date, evidence); exit status 1 on any difference.
--selftest compares both SQL strategies with a brute-force reading of part C in plain Python on
random small datasets around the end of D.
--repeat N times N fresh runs (new in-memory database each time): "load" = CREATE TABLE from the
two CSV files, "rules" = the query that materialises the findings of both rules; the medians are
printed (and written as JSON with --json).

Overlap strategies (--overlap):
  candidates (default) one window pass over each person's records in (check_in, record_id)
             order gives, per record, the previous record (travel), the next check-in and the
             latest earlier check-out. The earlier record of an overlapping pair is overlapped by
             its successor, the later one starts before the latest earlier check-out: only
             those candidates are self-joined on practitioner. O(n log n + sum over persons of
             candidates squared).
  selfjoin   the textbook self-join on practitioner with the interval predicate. O(sum k^2).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import resource
import statistics
import sys
import time

import duckdb

RULES = ("CONCURRENT_PRACTICE", "INFEASIBLE_TRAVEL")
EARTH_RADIUS_KM = 6371.0088
MAX_SPEED_KMH = 120.0
MIN_DISTANCE_KM = 1.0

ATTENDANCE_TYPES = {
    "record_id": "VARCHAR",
    "project_id": "VARCHAR",
    "practitioner_id": "VARCHAR",
    "check_in": "TIMESTAMPTZ",
    "check_out": "TIMESTAMPTZ",
    "lat": "DOUBLE",
    "lon": "DOUBLE",
}


def _csv(path: str, types: dict[str, str]) -> str:
    t = ", ".join(f"'{k}': '{v}'" for k, v in types.items())
    p = path.replace("'", "''")
    return (
        f"read_csv('{p}', header = true, delim = ',', quote = '\"', escape = '\"', "
        f"auto_detect = true, all_varchar = false, types = {{{t}}})"
    )


def load(con: duckdb.DuckDBPyConnection, data: str) -> None:
    """CREATE TABLE attendance / projects from the folder (a missing file is an empty table)."""
    att = os.path.join(data, "attendance.csv")
    prj = os.path.join(data, "projects.csv")
    if os.path.exists(att):
        con.execute(
            "CREATE OR REPLACE TABLE attendance AS SELECT record_id, project_id, practitioner_id, "
            f"check_in, check_out, lat, lon FROM {_csv(att, ATTENDANCE_TYPES)}"
        )
    else:
        con.execute(
            "CREATE OR REPLACE TABLE attendance (record_id VARCHAR, project_id VARCHAR, "
            "practitioner_id VARCHAR, check_in TIMESTAMPTZ, check_out TIMESTAMPTZ, "
            "lat DOUBLE, lon DOUBLE)"
        )
    if os.path.exists(prj):
        con.execute(
            "CREATE OR REPLACE TABLE projects AS SELECT project_id, contract_signed_on FROM "
            f"{_csv(prj, {'project_id': 'VARCHAR', 'contract_signed_on': 'DATE'})}"
        )
    else:
        con.execute(
            "CREATE OR REPLACE TABLE projects (project_id VARCHAR, contract_signed_on DATE)"
        )


def rules_sql(as_of: _dt.date, overlap: str) -> str:
    """The query: one row per finding (rule, subject_id, date, ev_a, ev_b)."""
    end_of_d = (as_of + _dt.timedelta(days=1)).isoformat() + " 00:00:00+08:00"
    # Local date at UTC+08:00 (the session time zone is UTC).
    local = "CAST({x} + INTERVAL 8 HOUR AS DATE)"
    hav = (
        f"2.0 * {EARTH_RADIUS_KM} * asin(least(1.0, sqrt("
        "pow(sin((radians(lat) - radians(p_lat)) / 2.0), 2) "
        "+ cos(radians(p_lat)) * cos(radians(lat)) "
        "* pow(sin((radians(lon) - radians(p_lon)) / 2.0), 2))))"
    )
    # Both rules read the same per-person order (check_in, record_id): one window operator, one
    # sort, computing everything both rules need.
    common = f"""
    att AS (
        SELECT a.record_id AS id, a.project_id AS pj, a.practitioner_id AS pr,
               a.check_in AS ci, a.check_out AS co, a.lat, a.lon
        FROM attendance a JOIN projects p ON p.project_id = a.project_id
        WHERE a.check_in < TIMESTAMPTZ '{end_of_d}'
          AND p.contract_signed_on <= DATE '{as_of.isoformat()}'
    ),
    seq AS (
        SELECT *,
               lag(id) OVER w AS p_id, lag(pj) OVER w AS p_pj, lag(co) OVER w AS p_co,
               lag(lat) OVER w AS p_lat, lag(lon) OVER w AS p_lon,
               lead(ci) OVER w AS n_ci,
               max(co) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS max_prev_co
        FROM att
        WINDOW w AS (PARTITION BY pr ORDER BY ci, id)
    ),
    travel AS (
        SELECT 'INFEASIBLE_TRAVEL' AS rule, pr AS subject_id, {local.format(x='ci')} AS date,
               p_id AS ev_a, id AS ev_b
        FROM (SELECT *, {hav} AS km,
                     (epoch_us(ci) - epoch_us(p_co)) // 1000000 AS gap_s
              FROM seq WHERE p_id IS NOT NULL AND p_pj <> pj AND ci >= p_co)
        WHERE km > {MIN_DISTANCE_KM} AND km * 3600.0 > {MAX_SPEED_KMH} * gap_s
    )"""
    pair = f"""'CONCURRENT_PRACTICE' AS rule, a.pr AS subject_id,
               {local.format(x='greatest(a.ci, b.ci)')} AS date,
               least(a.id, b.id) AS ev_a, greatest(a.id, b.id) AS ev_b"""
    if overlap == "candidates":
        # In (check_in, record_id) order, the earlier record a of an overlapping pair is
        # overlapped by the next record (next check-in < a.out) and the later record b starts
        # before some earlier record has ended (max earlier check-out > b.in): only those
        # candidates are joined.
        conc = f"""
    opens AS (SELECT id, pj, pr, ci, co FROM seq WHERE n_ci < co),
    lands AS (SELECT id, pj, pr, ci, co FROM seq WHERE max_prev_co > ci),
    conc AS (
        SELECT {pair}
        FROM opens a JOIN lands b ON a.pr = b.pr
        WHERE (a.ci < b.ci OR (a.ci = b.ci AND a.id < b.id))
          AND b.ci < a.co AND a.pj <> b.pj
    )"""
    elif overlap == "selfjoin":
        conc = f"""
    conc AS (
        SELECT {pair}
        FROM att a JOIN att b ON a.pr = b.pr AND a.id < b.id
        WHERE a.ci < b.co AND b.ci < a.co AND a.pj <> b.pj
    )"""
    else:
        raise ValueError(overlap)
    return (
        f"WITH {common},{conc}\n"
        "SELECT * FROM conc UNION ALL SELECT * FROM travel"
    )


def run_once(data: str, as_of: _dt.date, threads: int | None, overlap: str):
    con = duckdb.connect(":memory:")
    con.execute("SET TimeZone = 'UTC'")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    t0 = time.perf_counter()
    load(con, data)
    t1 = time.perf_counter()
    con.execute(f"CREATE OR REPLACE TABLE findings AS {rules_sql(as_of, overlap)}")
    t2 = time.perf_counter()
    return con, t1 - t0, t2 - t1


def fetch(con) -> list[tuple]:
    rows = con.execute(
        "SELECT rule, subject_id, CAST(date AS VARCHAR), ev_a, ev_b FROM findings "
        "ORDER BY rule, subject_id, ev_a, ev_b"
    ).fetchall()
    return [(r, "practitioner", s, d, (a, b)) for r, s, d, a, b in rows]


def engine_findings(path: str) -> list[tuple]:
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            v = json.loads(line)
            if v["rule"] in RULES:
                out.append(
                    (v["rule"], v["subject_kind"], v["subject_id"], v["date"], tuple(v["evidence"]))
                )
    return out


def brute_force(att: list[dict], signed: dict[str, _dt.date], as_of: _dt.date) -> set[tuple]:
    """Part C read literally, in plain Python: every pair, every consecutive pair."""
    import itertools
    import math

    cst = _dt.timezone(_dt.timedelta(hours=8))
    end = _dt.datetime.combine(as_of + _dt.timedelta(days=1), _dt.time(), cst)
    keep = [a for a in att if a["ci"] < end and signed[a["pj"]] <= as_of]
    local = lambda t: t.astimezone(cst).date().isoformat()  # noqa: E731
    out = set()
    by: dict[str, list[dict]] = {}
    for a in keep:
        by.setdefault(a["pr"], []).append(a)
    for pr, rs in by.items():
        for a, b in itertools.combinations(rs, 2):
            if a["pj"] != b["pj"] and a["ci"] < b["co"] and b["ci"] < a["co"]:
                ev = tuple(sorted([a["id"], b["id"]]))
                out.add(("CONCURRENT_PRACTICE", "practitioner", pr, local(max(a["ci"], b["ci"])), ev))
        rs = sorted(rs, key=lambda r: (r["ci"], r["id"]))
        for a, b in zip(rs, rs[1:]):
            if a["pj"] == b["pj"] or b["ci"] < a["co"]:
                continue
            la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
            h = (math.sin((la2 - la1) / 2) ** 2
                 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
            km = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
            gap = int((b["ci"] - a["co"]).total_seconds())
            if km > MIN_DISTANCE_KM and km * 3600 > MAX_SPEED_KMH * gap:
                out.add(("INFEASIBLE_TRAVEL", "practitioner", pr, local(b["ci"]), (a["id"], b["id"])))
    return out


def selftest(cases: int, seed: int) -> int:
    """Random small datasets around the end of D (offsets +08:00, Z, +05:45, -09:30; touching,
    equal check-ins, same project, projects signed after D): both SQL strategies must give the
    brute-force findings."""
    import random
    import shutil
    import tempfile

    rng = random.Random(seed)
    as_of = _dt.date(2024, 11, 30)
    for case in range(cases):
        signed = {f"J{j}": as_of + _dt.timedelta(days=rng.choice([-100, -1, 0, 1])) for j in range(4)}
        base = _dt.datetime(2024, 11, 30, 20, 0, tzinfo=_dt.timezone.utc)
        att = []
        for i in range(rng.randint(0, 25)):
            ci = base + _dt.timedelta(minutes=30 * rng.randint(-20, 20))
            co = ci + _dt.timedelta(minutes=30 * rng.randint(1, 8))
            off = _dt.timezone(_dt.timedelta(minutes=rng.choice([0, 480, 345, -570])))
            att.append({
                "id": f"a{rng.randint(0, 99)}x{i}", "pj": f"J{rng.randint(0, 3)}",
                "pr": f"P{rng.randint(0, 2)}", "ci": ci.astimezone(off), "co": co.astimezone(off),
                "lat": 30 + rng.choice([0, 0.005, 0.5]), "lon": 120 + rng.choice([0, 0.3]),
            })
        d = tempfile.mkdtemp(prefix="duckdb-rules-selftest-")
        try:
            with open(os.path.join(d, "projects.csv"), "w", encoding="utf-8") as f:
                f.write("project_id,contract_signed_on\n")
                for k, v in signed.items():
                    f.write(f"{k},{v}\n")
            with open(os.path.join(d, "attendance.csv"), "w", encoding="utf-8") as f:
                f.write("record_id,project_id,practitioner_id,check_in,check_out,lat,lon\n")
                for a in att:
                    f.write(f"{a['id']},{a['pj']},{a['pr']},{a['ci'].isoformat()},"
                            f"{a['co'].isoformat()},{a['lat']},{a['lon']}\n")
            want = brute_force(att, signed, as_of)
            for strategy in ("candidates", "selfjoin"):
                con, _, _ = run_once(d, as_of, None, strategy)
                got = set(fetch(con))
                con.close()
                if got != want:
                    print(f"selftest case {case} ({strategy}): {sorted(got ^ want)[:5]}",
                          file=sys.stderr)
                    return 1
        finally:
            shutil.rmtree(d, ignore_errors=True)
    print(f"selftest: {cases} random cases, both strategies agree with the brute force")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--selftest"]:
        return selftest(int(argv[1]) if len(argv) > 1 else 200, 1)
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", help="dataset folder (exchange v1)")
    ap.add_argument("--as-of", required=True, type=_dt.date.fromisoformat)
    ap.add_argument("--out", help="write the findings as JSON lines")
    ap.add_argument("--compare", help="the engine's findings.jsonl to compare with")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: all)")
    ap.add_argument("--overlap", choices=("candidates", "selfjoin"), default="candidates")
    ap.add_argument("--json", help="write the timing summary as JSON to this file")
    a = ap.parse_args(argv)

    loads, rules, totals = [], [], []
    con = None
    for _ in range(max(1, a.repeat)):
        if con is not None:
            con.close()
        con, tl, tr = run_once(a.data, a.as_of, a.threads, a.overlap)
        loads.append(tl)
        rules.append(tr)
        totals.append(tl + tr)
    assert con is not None
    counts = dict(con.execute("SELECT rule, count(*) FROM findings GROUP BY rule").fetchall())
    n_att = con.execute("SELECT count(*) FROM attendance").fetchone()[0]
    threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
    summary = {
        "duckdb_version": duckdb.__version__,
        "threads": int(threads),
        "overlap": a.overlap,
        "attendance_rows": n_att,
        "repeat": len(totals),
        "load_s_median": statistics.median(loads),
        "rules_s_median": statistics.median(rules),
        "total_s_median": statistics.median(totals),
        "load_s": loads,
        "rules_s": rules,
        "findings": {r: counts.get(r, 0) for r in RULES},
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
    }
    status = 0
    if a.out or a.compare:
        mine = fetch(con)
        if a.out:
            with open(a.out, "w", encoding="utf-8") as f:
                for r, k, s, d, ev in mine:
                    f.write(
                        json.dumps(
                            {"rule": r, "subject_kind": k, "subject_id": s, "date": d,
                             "evidence": list(ev)},
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
        if a.compare:
            theirs = engine_findings(a.compare)
            sm, st = set(mine), set(theirs)
            only_duck = sorted(sm - st)
            only_engine = sorted(st - sm)
            dup = len(theirs) - len(st)
            summary["compare"] = {
                "duckdb": len(mine),
                "engine": len(theirs),
                "only_duckdb": len(only_duck),
                "only_engine": len(only_engine),
                "engine_duplicates": dup,
                "same": not only_duck and not only_engine and dup == 0,
            }
            for x in only_duck[:10]:
                print("only in DuckDB: ", x, file=sys.stderr)
            for x in only_engine[:10]:
                print("only in engine: ", x, file=sys.stderr)
            if not summary["compare"]["same"]:
                status = 1
    con.close()
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
