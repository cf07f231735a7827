#!/usr/bin/env bash
# Builds zhongjie-core and the browser calculator zhongjie-wasm (with its wasm-bindgen exports)
# for wasm32-unknown-unknown. rustup's toolchain here has no wasm32 standard library and cannot
# download one, so this uses Debian's rustc-web toolchain and builds the standard library from
# source (docs/WASM.md explains; shared/notes/wasm-toolchain.md has the recipe).
#
# Installs the Debian packages when they are missing (a fresh machine), then prints the paths of
# the .wasm files. Output goes to target-wasm/ (the two compilers must not share target/).
#
#   bash scripts/build-wasm.sh            # release build, optimised for size
#   WASM_TARGET_DIR=/tmp/tw bash scripts/build-wasm.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET_DIR=${WASM_TARGET_DIR:-$ROOT/target-wasm}

have_toolchain() {
  [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ] && command -v wasm-ld >/dev/null 2>&1 &&
    [ -d /usr/lib/rustlib/src/rust/library ] &&
    /usr/bin/rustc --print target-list 2>/dev/null | grep -qx wasm32-unknown-unknown
}

if ! have_toolchain; then
  echo "build-wasm: installing Debian's wasm toolchain (rustc-web cargo-web rust-web-src lld)"
  export DEBIAN_FRONTEND=noninteractive
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO=sudo; fi
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends rustc-web cargo-web rust-web-src lld
fi
have_toolchain || { echo "build-wasm: Debian's wasm toolchain is still missing" >&2; exit 1; }

# Debian's cargo and rustc first on PATH; nightly flags (-Zbuild-std) on its stable compiler.
export PATH=/usr/bin:$PATH
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=wasm-ld
# Size-optimised release without touching the workspace's [profile.release] (shared with the
# native binary): the environment overrides it for this build only.
export CARGO_PROFILE_RELEASE_OPT_LEVEL=z
export CARGO_PROFILE_RELEASE_LTO=true
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
export CARGO_PROFILE_RELEASE_PANIC=abort
export CARGO_PROFILE_RELEASE_DEBUG=false
unset RUSTFLAGS CARGO_BUILD_RUSTFLAGS

echo "build-wasm: $(cargo --version), $(rustc --version)"

# The workspace's Cargo.lock (version 4) is read by Debian's cargo as it is. Should a future
# Debian cargo be unable to read it, build from a copy of the tracked sources with a lock file
# that this cargo writes itself, so the repository's lock is never rewritten by another cargo.
SRC=$ROOT
if ! cargo metadata --format-version 1 --locked --offline >/dev/null 2>&1 &&
   ! cargo metadata --format-version 1 --locked >/dev/null 2>&1; then
  echo "build-wasm: this cargo cannot use Cargo.lock as it is; building from a copy with a regenerated lock"
  SRC=$(mktemp -d)
  trap 'rm -rf "$SRC"' EXIT
  git ls-files -z | xargs -0 -I{} cp --parents {} "$SRC"/
  rm -f "$SRC/Cargo.lock"
  (cd "$SRC" && cargo generate-lockfile)
fi

# Architecture check: nothing that goes to wasm may read a random source or the clock.
TREE=$(cd "$SRC" && cargo tree -p zhongjie-wasm --features zhongjie-wasm/bindgen \
  --target wasm32-unknown-unknown -e normal --prefix none)
if echo "$TREE" | grep -E '^(getrandom|rand|rand_core|uuid|iana-time-zone|js-sys|web-sys) ' ; then
  echo "build-wasm: a crate above would read randomness or the clock in the browser build" >&2
  exit 1
fi

(cd "$SRC" && cargo build --release --target wasm32-unknown-unknown -Zbuild-std=std,panic_abort \
  --target-dir "$TARGET_DIR" -p zhongjie-core -p zhongjie-wasm --features zhongjie-wasm/bindgen)

OUT=$TARGET_DIR/wasm32-unknown-unknown/release
test -f "$OUT/zhongjie_wasm.wasm"
test -f "$OUT/libzhongjie_core.rlib"
echo "build-wasm: built $OUT/zhongjie_wasm.wasm and $OUT/libzhongjie_core.rlib"
