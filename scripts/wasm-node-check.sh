#!/usr/bin/env bash
# Runs the wasm32 calculator under Node.js on the spec's worked example: wasm-bindgen's JS glue
# (--target nodejs) around target-wasm's zhongjie_wasm.wasm, then
# crates/adapters/wasm/js/node-check.cjs. Installs what is missing: the wasm-bindgen CLI of
# exactly the wasm-bindgen version in Cargo.lock (cargo install, a few minutes, once per
# machine), Node.js (apt), and the wasm build itself (scripts/build-wasm.sh). Also writes the
# browser package (--target web) to target-wasm/pkg-web.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${WASM_TARGET_DIR:-$ROOT/target-wasm}
WASM=$TARGET_DIR/wasm32-unknown-unknown/release/zhongjie_wasm.wasm
EXAMPLES=${ZHONGJIE_EXAMPLES:-$ROOT/../shared/spec/examples}

[ -f "$WASM" ] || bash scripts/build-wasm.sh
if [ ! -d "$EXAMPLES/points_stars/data" ]; then
  echo "wasm-node-check: no worked examples at $EXAMPLES (shared/ beside the repository); set ZHONGJIE_EXAMPLES" >&2
  exit 1
fi

VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$VERSION" ] || { echo "wasm-node-check: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
export PATH=$HOME/.cargo/bin:$PATH
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $VERSION" ]; then
  echo "wasm-node-check: installing wasm-bindgen-cli $VERSION (matches Cargo.lock)"
  start=$(date +%s)
  cargo install --force wasm-bindgen-cli --version "=$VERSION"
  echo "wasm-node-check: wasm-bindgen-cli installed in $(( $(date +%s) - start )) s"
fi

if ! command -v node >/dev/null 2>&1; then
  echo "wasm-node-check: installing Node.js"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q nodejs
fi

rm -rf "$TARGET_DIR/pkg-node" "$TARGET_DIR/pkg-web"
wasm-bindgen --remove-name-section --remove-producers-section --target nodejs --out-dir "$TARGET_DIR/pkg-node" "$WASM"
wasm-bindgen --remove-name-section --remove-producers-section --target web --out-dir "$TARGET_DIR/pkg-web" "$WASM"
for f in "$TARGET_DIR"/pkg-web/*.wasm; do
  echo "wasm-node-check: $(basename "$f") after wasm-bindgen: $(stat -c %s "$f") bytes, gzip -9: $(gzip -9c "$f" | wc -c) bytes"
done
node crates/adapters/wasm/js/node-check.cjs "$TARGET_DIR/pkg-node" "$EXAMPLES"
