#!/usr/bin/env bash
# Fuzzes the exchange-v1 CSV reader and the rule-pack parser: nothing may panic.
#
#   scripts/fuzz.sh          # each target for 60 seconds
#   scripts/fuzz.sh 600      # each target for 10 minutes
#
# Installs cargo-fuzz if it is missing. libFuzzer needs nightly compiler flags
# (-Zsanitizer=address); on a stable toolchain RUSTC_BOOTSTRAP=1 allows them. A crash leaves its
# input in fuzz/artifacts/<target>/ and makes this script exit non-zero; replay it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run <target> fuzz/artifacts/<target>/<file>
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH=${1:-60}
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "== installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

for target in csv_reader rule_pack; do
  echo "== cargo fuzz run $target for ${SECONDS_EACH}s" >&2
  # The committed seeds (fuzz/seeds/) are copied into a scratch corpus, so a run adds no file to
  # the tree.
  work="fuzz/target/corpus-$target"
  mkdir -p "$work"
  cp -n fuzz/seeds/"$target"/* "$work"/ 2>/dev/null || true
  (cd fuzz && cargo fuzz run "$target" "../$work" -- \
    -max_total_time="$SECONDS_EACH" -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1)
done
echo "== fuzzing found no panic" >&2
