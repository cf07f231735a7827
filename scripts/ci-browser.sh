#!/usr/bin/env bash
# CI: open every report in real headless Chromium (installed by scripts/install-chromium.sh when
# absent), check each screenshot is not blank and that no page loads an external resource, then
# run the browser end-to-end test with the browser required (scripts/screenshot-report.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/screenshot-report.sh
