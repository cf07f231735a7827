#!/usr/bin/env bash
# Performance measurement of issues 2 and 3, reproducible from a clean checkout.
#
#   scripts/bench.sh            # everything (about 15 minutes on 2 cores, most of it criterion)
#   REPS=5 SCALING=0 scripts/bench.sh
#
# 1. installs what it needs: GNU time (apt), the pinned DuckDB (scripts/requirements-bench.txt);
# 2. builds the release program;
# 3. generates the province sample once into target/bench-data/province (kept between runs; it
#    is made again when the `.complete` marker is missing or names other arguments or an older
#    commit of crates/adapters/sample), and beside it a folder holding only agencies,
#    practitioners, projects and attendance (hard links);
# 4. checks that scripts/duckdb_rules.py agrees with a brute-force reading of part C on random
#    small cases (--selftest), and gives the engine's CONCURRENT_PRACTICE and INFEASIBLE_TRAVEL
#    findings on the worked example overlap_touching, the tiny sample and the province sample;
# 5. measures `zhongjie check` and `zhongjie supervise` on the province sample with
#    /usr/bin/time -v: one warm-up run, then REPS runs; median wall time and max RSS;
# 6. times the two attendance rules in DuckDB (load CSV + SQL, REPS fresh databases) and in the
#    engine (criterion bench `province` of zhongjie-scoring, same data, same script run);
# 7. optionally (SCALING=1, the default) runs the criterion scaling bench `attendance_scaling`,
#    and (PROFILE=1, not the default) samples check and supervise with perf;
# 8. prints a summary table and writes it to target/bench-out/summary.md.
#
# Environment: REPS (default 5), SEED (1), AS_OF (2024-11-30), SCALE (province), SCALING (1),
# PROFILE (0), WAIT_IDLE (0: seconds to wait for an idle machine before measuring),
# CARGO_TARGET_DIR (target). Exit status 1 if DuckDB and the engine disagree.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
REPS=${REPS:-5}
SEED=${SEED:-1}
AS_OF=${AS_OF:-2024-11-30}
SCALE=${SCALE:-province}
SCALING=${SCALING:-1}
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DATA=$TARGET/bench-data/$SCALE
REDUCED=$TARGET/bench-data/$SCALE-attendance
OUT=$TARGET/bench-out
export CRITERION_HOME=$TARGET/criterion
mkdir -p "$OUT"

say() { printf '\n== %s\n' "$*" >&2; }

# 1. Tools.
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -v true >/dev/null 2>&1; then
  say "installing GNU time"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
say "pip install -r scripts/requirements-bench.txt"
python3 -m pip install -q -r scripts/requirements-bench.txt

# 2. Build.
say "cargo build --release"
cargo build --release -p zhongjie
cargo bench -p zhongjie-scoring --no-run 2>&1 | tail -n 3 >&2 # build now, not while measuring
BIN=$TARGET/release/zhongjie

# 3. Data. The marker names the arguments and the last commit of the generator: a sample made
# by an older generator is made again.
GEN=$(git log -1 --format=%h -- crates/adapters/sample 2>/dev/null || echo unknown)
MARK="scale=$SCALE seed=$SEED as_of=$AS_OF generator=$GEN"
if [ ! -f "$DATA/.complete" ] || [ "$(cat "$DATA/.complete")" != "$MARK" ]; then
  say "generating the $SCALE sample (seed $SEED, as of $AS_OF) into $DATA"
  rm -rf "$DATA" "$DATA.tmp"
  /usr/bin/time -v -o "$OUT/sample.time" \
    "$BIN" sample --scale "$SCALE" --seed "$SEED" --as-of "$AS_OF" --out "$DATA.tmp"
  printf '%s\n' "$MARK" >"$DATA.tmp/.complete"
  mv "$DATA.tmp" "$DATA"
fi
rm -rf "$REDUCED"
mkdir -p "$REDUCED"
for f in agencies practitioners projects attendance; do
  ln "$DATA/$f.csv" "$REDUCED/$f.csv" 2>/dev/null || cp "$DATA/$f.csv" "$REDUCED/$f.csv"
done
du -sh "$DATA" >&2
wc -l "$DATA"/*.csv >&2

# 4. DuckDB gives the engine's findings.
say "validating scripts/duckdb_rules.py against the engine"
python3 scripts/duckdb_rules.py --selftest 200 >&2
EX=/work/shared/spec/examples/overlap_touching
[ -d "$EX" ] || EX=$ROOT/spec/examples/overlap_touching
if [ -d "$EX" ]; then
  rm -rf "$OUT/ex"
  "$BIN" supervise "$EX/data" --as-of "$(cat "$EX/as_of")" --out "$OUT/ex" >/dev/null
  python3 scripts/duckdb_rules.py "$EX/data" --as-of "$(cat "$EX/as_of")" \
    --compare "$EX/expected/findings.jsonl" >"$OUT/validate-example-expected.json"
  python3 scripts/duckdb_rules.py "$EX/data" --as-of "$(cat "$EX/as_of")" \
    --compare "$OUT/ex/findings.jsonl" >"$OUT/validate-example.json"
  echo "overlap_touching: same findings as expected/ and as the engine" >&2
fi
rm -rf "$OUT/tiny" "$OUT/tiny-run"
"$BIN" sample --scale tiny --seed "$SEED" --as-of "$AS_OF" --out "$OUT/tiny" >/dev/null
"$BIN" supervise "$OUT/tiny" --as-of "$AS_OF" --out "$OUT/tiny-run" >/dev/null
python3 scripts/duckdb_rules.py "$OUT/tiny" --as-of "$AS_OF" \
  --compare "$OUT/tiny-run/findings.jsonl" >"$OUT/validate-tiny.json"
echo "tiny sample: same findings" >&2

# With WAIT_IDLE=N, each measuring step first waits up to N seconds for the 1-minute load average
# to fall below 1 (the build above, or other users of the machine, raise it); the load average
# at the start of each step is kept and printed.
wait_idle() { # step name
  local waited=0
  while [ "$waited" -lt "${WAIT_IDLE:-0}" ] && awk '{ exit !($1 >= 1.0) }' /proc/loadavg; do
    sleep 15
    waited=$((waited + 15))
  done
  printf '%s %s\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$OUT/loadavg"
}
: >"$OUT/loadavg"
git rev-parse --short HEAD >"$OUT/commit"
git status --porcelain --untracked-files=no | grep -q . && echo "(with uncommitted changes)" >>"$OUT/commit"

# 5. The program, end to end.
rm -f "$OUT"/check.*.time "$OUT"/check.*.err "$OUT"/supervise.*.time "$OUT"/supervise.*.err
wait_idle "check/supervise"
measure() { # name, command...
  local name=$1
  shift
  "$@" >/dev/null 2>&1 # warm-up (page cache)
  for i in $(seq 1 "$REPS"); do
    /usr/bin/time -v -o "$OUT/$name.$i.time" "$@" >/dev/null 2>"$OUT/$name.$i.err"
  done
}
say "zhongjie check ($REPS runs)"
measure check "$BIN" check "$DATA"
say "zhongjie supervise ($REPS runs)"
rm -rf "$OUT/run"
measure supervise "$BIN" supervise "$DATA" --as-of "$AS_OF" --out "$OUT/run"

# 6. DuckDB and the engine on the same data.
wait_idle "duckdb"
say "DuckDB: validating on the $SCALE sample and timing ($REPS runs, all threads, then 1 thread)"
python3 scripts/duckdb_rules.py "$DATA" --as-of "$AS_OF" --compare "$OUT/run/findings.jsonl" \
  --repeat "$REPS" --json "$OUT/duckdb.json" >/dev/null
python3 scripts/duckdb_rules.py "$DATA" --as-of "$AS_OF" --repeat "$REPS" --threads 1 \
  --json "$OUT/duckdb-1thread.json" >/dev/null
say "engine: criterion bench province"
wait_idle "criterion-province"
rm -rf "$CRITERION_HOME/province"
ZHONGJIE_BENCH_DATA=$DATA ZHONGJIE_BENCH_AS_OF=$AS_OF ZHONGJIE_BENCH_REDUCED=$REDUCED \
  cargo bench -p zhongjie-scoring --bench province 2>&1 | tee "$OUT/criterion-province.txt" >&2

# 7. Scaling.
if [ "$SCALING" = 1 ]; then
  say "criterion bench attendance_scaling"
  wait_idle "criterion-scaling"
  rm -rf "$CRITERION_HOME/attendance_rules"
  cargo bench -p zhongjie-scoring --bench attendance_scaling 2>&1 |
    tee "$OUT/criterion-scaling.txt" >&2
fi

# 7b. Optional (PROFILE=1): where the main thread's time goes in check and supervise (perf, 499 Hz,
# DWARF call stacks; each sample of the main thread is given to the first phase whose function is
# on its stack).
if [ "${PROFILE:-0}" = 1 ] && command -v perf >/dev/null; then
  say "perf: main-thread phases of check and supervise"
  wait_idle "perf"
  for cmd in check supervise; do
    args=("$DATA")
    [ "$cmd" = supervise ] && args+=(--as-of "$AS_OF" --out "$OUT/run-perf")
    perf record -q -F 499 --call-graph dwarf,16384 -o "$OUT/perf.$cmd.data" \
      "$BIN" "$cmd" "${args[@]}" >/dev/null 2>&1
    perf script -i "$OUT/perf.$cmd.data" -F tid,ip,sym 2>/dev/null |
      python3 -c '
import collections, sys
phases = [("read: Dataset::new (integrity)", "Dataset::new"), ("read: parse files", "load_all"),
          ("report: View::new (as_of_only copy)", "View::new"), ("engine: Ctx::new", "Ctx::new"),
          ("engine: findings::all", "findings::all"), ("engine: grades/stars/must_inspect", "assess::"),
          ("report: supervision report", "supervision"), ("render: explanation.json", "explanation_json"),
          ("render: other outputs", "render::"), ("write files", "write_atomically"),
          ("drop the dataset at exit", "drop_in_place<zhongjie_core::dataset")]
per_tid, samples = collections.Counter(), []
for block in sys.stdin.read().split("\n\n"):
    lines = [l.strip() for l in block.strip().splitlines() if l.strip()]
    if len(lines) < 2:
        continue
    tid = lines[0].split()[0]
    per_tid[tid] += 1
    samples.append((tid, [l.split(None, 1)[-1] for l in lines[1:]]))
main = per_tid.most_common(1)[0][0]
c = collections.Counter()
for tid, frames in samples:
    if tid == main:
        c[next((n for n, k in phases if any(k in f for f in frames)), "other")] += 1
print(f"'"$cmd"': main thread {per_tid[main] / 499:.2f} s, other threads "
      f"{(sum(per_tid.values()) - per_tid[main]) / 499:.2f} s (CPU seconds at 499 Hz)")
for name, n in c.most_common():
    print(f"  {name}: {n / 499:.2f} s")
' | tee "$OUT/profile-$cmd.txt" >&2
  done
fi

# 8. Summary.
say "summary"
python3 - "$OUT" "$CRITERION_HOME" "$REPS" "$SCALING" <<'PY' | tee "$OUT/summary.md"
import glob, json, math, os, re, statistics, sys
out, crit, reps, scaling = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"

def gnu_time(name):
    walls, rss, codes, cpu = [], [], [], []
    for f in sorted(glob.glob(f"{out}/{name}.*.time")):
        s = open(f).read()
        m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", s)
        parts = [float(x) for x in m.group(1).split(":")]
        walls.append(sum(p * 60 ** i for i, p in enumerate(reversed(parts))))
        rss.append(int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", s).group(1)))
        codes.append(int(re.search(r"Exit status: (\d+)", s).group(1)))
        cpu.append(sum(float(re.search(rf"{k} time \(seconds\): (\S+)", s).group(1))
                       for k in ("User", "System")))
    return (statistics.median(walls), min(walls), max(walls), statistics.median(rss) / 1024,
            codes, statistics.median(cpu))

def crit_median(group, bench):
    p = f"{crit}/{group}/{bench}/new/estimates.json"
    if not os.path.exists(p):
        return None
    return json.load(open(p))["median"]["point_estimate"] / 1e9

print(f"commit {' '.join(open(f'{out}/commit').read().split())}; "
      f"{os.cpu_count()} cores; load average (1, 5, 15 min) at the start of each step:")
for line in open(f"{out}/loadavg"):
    step, *load = line.split()
    warn = " — BUSY: wall times inflated" if float(load[0]) >= 1.0 else ""
    print(f"- {step}: {' '.join(load)}{warn}")
print()
print("| measurement | median wall | min..max | user+sys CPU | max RSS | target | met |")
print("|---|---|---|---|---|---|---|")
for name in ("check", "supervise"):
    w, lo, hi, r, codes, cpu = gnu_time(name)
    ok = w <= 10 and r <= 3072 and all(c == 0 for c in codes)
    print(f"| zhongjie {name} ({len(codes)} runs) | {w:.2f} s | {lo:.2f}..{hi:.2f} s "
          f"| {cpu:.2f} s | {r:.0f} MiB | ≤ 10 s, ≤ 3072 MiB | {'yes' if ok else 'NO'} |")

duck = json.load(open(f"{out}/duckdb.json"))
duck1 = json.load(open(f"{out}/duckdb-1thread.json"))
cmp = duck["compare"]
print()
print(f"DuckDB {duck['duckdb_version']}, {duck['attendance_rows']} attendance rows; findings "
      f"CONCURRENT_PRACTICE {duck['findings']['CONCURRENT_PRACTICE']}, INFEASIBLE_TRAVEL "
      f"{duck['findings']['INFEASIBLE_TRAVEL']}; same as the engine: {cmp['same']}")
print()
only = crit_median("province", "view_findings_attendance_only")
only_view = crit_median("province", "view_attendance_only")
full = crit_median("province", "view_findings_full")
full_view = crit_median("province", "view_full")
sup = crit_median("province", "supervise_full")
read = crit_median("province", "read_attendance_projects")
print(f"| two attendance rules, same data | DuckDB ({duck['threads']} threads) | DuckDB (1 thread) | engine ({os.cpu_count()} threads) | faster DuckDB ÷ engine |")
print("|---|---|---|---|---|")
def row(label, d2, d1, e):
    if e is None:
        print(f"| {label} | {d2:.3f} s | {d1:.3f} s | n/a | n/a |")
    else:
        print(f"| {label} | {d2:.3f} s | {d1:.3f} s | {e:.3f} s | {min(d1, d2) / e:.1f}× |")
row("rules, tables in memory (engine: Ctx::new + findings::all on the attendance-only tables)",
    duck["rules_s_median"], duck1["rules_s_median"], only)
row("rules, tables in memory, vs the engine's Ctx::new + all 20 rules on the full dataset",
    duck["rules_s_median"], duck1["rules_s_median"], full)
if read is not None and only is not None:
    row("load CSV + rules (engine: read_dataset of agencies/practitioners/projects/attendance, then as above)",
        duck["total_s_median"], duck1["total_s_median"], read + only)
print()
def fmt(x):
    return "n/a" if x is None else f"{x:.3f} s"
print(f"engine in memory (criterion medians): supervise {fmt(sup)}; Ctx::new {fmt(full_view)}, "
      f"+ 20 rules {fmt(full)}; attendance-only Ctx::new {fmt(only_view)}, + rules {fmt(only)}; "
      f"read_dataset(attendance folder) {fmt(read)}")
print(f"DuckDB: load {duck['load_s_median']:.3f} s, rules {duck['rules_s_median']:.3f} s "
      f"(1 thread: {duck1['load_s_median']:.3f} s, {duck1['rules_s_median']:.3f} s); "
      f"peak RSS of the python process {duck['max_rss_mib']:.0f} MiB")

if scaling:
    print()
    print("| family | n | median | ns / record | ns / (n log2 n) |")
    print("|---|---|---|---|---|")
    for fam in ("per_person_100", "per_person_100_in_order", "people_10", "nested_same_project",
                "nested_plus_other"):
        for d in sorted(glob.glob(f"{crit}/attendance_rules/{fam}/*/new/estimates.json"),
                        key=lambda p: int(p.split("/")[-3])):
            n = int(d.split("/")[-3])
            t = json.load(open(d))["median"]["point_estimate"]
            print(f"| {fam} | {n} | {t / 1e6:.2f} ms | {t / n:.0f} | {t / (n * math.log2(n)):.2f} |")
PY
if [ "$(python3 -c "import json;print(json.load(open('$OUT/duckdb.json'))['compare']['same'])")" != True ]; then
  echo "DuckDB and the engine disagree on the $SCALE sample" >&2
  exit 1
fi
