#!/usr/bin/env bash
# Browser check of the HTML reports (issue 4): renders every report of the tiny province
# (crates/reporting/tests/fixtures) as HTML, checks that no page loads an external resource,
# opens each in headless Chromium (Debian's package), saves a screenshot and checks that it is not
# blank (distinct colours and share of non-white pixels, read from the PNG with python3's zlib
# only). Then runs the Rust browser test with ZHONGJIE_REQUIRE_BROWSER=1, so a missing browser
# fails instead of skipping. Installs Chromium first when it is absent (scripts/install-chromium.sh).
#
# Usage: scripts/screenshot-report.sh [OUT_DIR]      (default: target/report-screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/report-screenshots}
command -v chromium >/dev/null 2>&1 || bash scripts/install-chromium.sh

cargo build --quiet --bin zhongjie
bin="${CARGO_TARGET_DIR:-target}/debug/zhongjie"
fx=crates/reporting/tests/fixtures
rm -rf "$out"
mkdir -p "$out"
out=$(cd "$out" && pwd)
"$bin" supervise "$fx/tiny" --as-of 2024-08-31 --out "$out/run-2024-08-31" >/dev/null

check_png() {
  python3 - "$1" <<'PY'
import struct, sys, zlib
path = sys.argv[1]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, ihdr = 8, b"", None
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        ihdr = struct.unpack(">IIBBBBB", body)
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
w, h, depth, ctype, _, _, interlace = ihdr
assert depth == 8 and interlace == 0 and ctype in (2, 6), f"unexpected PNG format {ihdr}"
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours, ink = set(), 0
i = 0
for _ in range(h):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]
        c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    for x in range(0, stride, bpp):
        px = (line[x], line[x + 1], line[x + 2])
        colours.add(px)
        if min(px) < 240:
            ink += 1
    prev = line
share = ink * 1000 // (w * h)
print(f"  {path}: {w}x{h}, {len(colours)} 种颜色, 非白像素 {share}‰")
if len(colours) < 64 or share < 20:
    sys.exit(f"截图近乎空白：{path}")
PY
}

kinds="credit-list star-list warning-list must-inspect report-sampling verification progress supervision"
n=0
for kind in $kinds; do
  html="$out/$kind.html"
  "$bin" report "$kind" "$fx/tiny" --as-of 2024-11-30 --out "$html" --seed 20241130 \
    --inspectors "$fx/inspectors.csv" --tasks "$fx/tasks.csv" --previous "$out/run-2024-08-31" >/dev/null
  if grep -Eq 'https?://|<script|<link|@import|url\(|src=' "$html"; then
    echo "错误：$html 引用了外部资源" >&2
    exit 1
  fi
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$(mktemp -d)" --screenshot="$out/$kind.png" --window-size=1280,2000 \
    "file://$html" >/dev/null 2>&1
  check_png "$out/$kind.png"
  n=$((n + 1))
done
echo "浏览器检查：$n 个报告页面均不引用外部资源，截图均非空白（$out）"

ZHONGJIE_REQUIRE_BROWSER=1 cargo test --quiet --test report_browser
