#!/usr/bin/env bash
# Regenerates the screenshots in docs/ from the examples: the board report (desktop and a
# 400 px phone), the comparison page, the batch index, the systemic run and pages of the printed PDF. Needs
# chromium and poppler-utils (Debian packages). Run from the package root.
set -euo pipefail
swift build -c release --product treasury-stress >/dev/null
bin="$PWD/.build/release/treasury-stress"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
shot() { # URL PNG WIDTH HEIGHT
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$3,$4" --screenshot="$2" "file://$1" >/dev/null 2>&1
}
"$bin" run examples/strategy-like.xml --format html,pdf --out "$out" >/dev/null
"$bin" compare examples/strategy-like.xml --variants examples/strategy-variants.xml --out "$out" >/dev/null
cp -r examples "$out/examples"
"$bin" batch "$out/examples/batch-2026Q1.xml" --out "$out/batch" >/dev/null
shot "$out/strategy-like.html" docs/strategy-like-report.png 1280 1500
shot "$out/strategy-like.html" docs/strategy-like-report-phone.png 400 1400
shot "$out/strategy-like-comparison.html" docs/strategy-comparison.png 1280 1700
shot "$out/batch/2026-Q1/index.html" docs/batch-index.png 1280 700
"$bin" system examples/system-2025-10.xml --out "$out" >/dev/null
shot "$out/system-2025-10-system.html" docs/system-2025-10.png 1280 1500
# The printed pack: the first page, the ladder, the probability map, and a page of charts with their legends.
for page in 1 3 7 11; do
  pdftoppm -r 60 -png -f "$page" -l "$page" -singlefile "$out/strategy-like.pdf" "docs/strategy-like-pdf-page-$page"
done
