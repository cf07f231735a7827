#!/usr/bin/env bash
# Installs what the browser check of the HTML reports needs, from Debian's packages: Chromium
# (headless screenshots) and a CJK font (so Chinese text renders as text, not boxes).
# Idempotent: does nothing when chromium is already there. Needs root (CI and developers are root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi 'cjk\|wenquanyi\|wqy'; then
  echo "chromium 已安装：$(chromium --version 2>/dev/null || echo chromium)"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-noto-cjk
chromium --version
