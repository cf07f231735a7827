#!/usr/bin/env bash
# CI step for the browser calculator (run by .ci/run): lints of the wasm-bindgen exports on the
# native toolchain, the wasm32 build of zhongjie-core and zhongjie-wasm with Debian's toolchain
# (installed by scripts/build-wasm.sh when missing), a check that the module imports nothing but
# wasm-bindgen's own placeholders (no clock, no random source, no WASI), and its size.
#
# Then the module runs under Node.js on the spec's worked example (scripts/wasm-node-check.sh),
# unless ZHONGJIE_WASM_NODE=0. That step needs the wasm-bindgen CLI of the exact version in
# Cargo.lock, which it installs with cargo when missing (a few minutes once per machine).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

echo "-- clippy of the wasm-bindgen exports (feature bindgen, native toolchain)"
cargo clippy -p zhongjie-wasm --features bindgen --all-targets -- -D warnings

echo "-- wasm32 build"
start=$(date +%s)
bash scripts/build-wasm.sh
echo "wasm32 build took $(( $(date +%s) - start )) s"

WASM=${WASM_TARGET_DIR:-target-wasm}/wasm32-unknown-unknown/release/zhongjie_wasm.wasm

echo "-- imports of $WASM"
python3 - "$WASM" <<'EOF'
import re, sys

data = open(sys.argv[1], "rb").read()
assert data[:4] == b"\0asm", "not a wasm module"

def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7F) << s; s += 7
        if x < 0x80:
            return r, i

imports, i = [], 8
while i < len(data):
    sid = data[i]; i += 1
    size, i = leb(data, i)
    if sid == 2:
        body, j = data[i:i + size], 0
        n, j = leb(body, j)
        for _ in range(n):
            l, j = leb(body, j); mod = body[j:j + l].decode(); j += l
            l, j = leb(body, j); name = body[j:j + l].decode(); j += l
            kind = body[j]; j += 1
            imports.append((mod, name))
            if kind == 0:
                _, j = leb(body, j)          # function: type index
            elif kind == 1:
                j += 1; flags, j = leb(body, j); _, j = leb(body, j)
                if flags & 1: _, j = leb(body, j)
            elif kind == 2:
                flags, j = leb(body, j); _, j = leb(body, j)
                if flags & 1: _, j = leb(body, j)
            elif kind == 3:
                j += 2
    i += size

bad = [
    (m, n) for m, n in imports
    if not m.startswith("__wbindgen_")
    or re.search(r"random|crypto|now|date|time|performance", n, re.I)
]
for m, n in imports:
    print(f"  {m}.{n}")
if bad:
    sys.exit(f"unexpected imports (clock, randomness or a host API): {bad}")
print(f"{len(imports)} imports, all wasm-bindgen placeholders")
EOF

raw=$(stat -c %s "$WASM")
gz=$(gzip -9c "$WASM" | wc -c)
echo "zhongjie_wasm.wasm (cargo output, with its name section): $raw bytes ($(( raw / 1024 )) KiB), gzip -9: $gz bytes ($(( gz / 1024 )) KiB)"

if [ "${ZHONGJIE_WASM_NODE:-1}" != 0 ]; then
  echo "-- Node.js run of the calculator"
  bash scripts/wasm-node-check.sh
fi
echo "ci-wasm: ok"
