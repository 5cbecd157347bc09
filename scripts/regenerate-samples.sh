#!/usr/bin/env bash
# Regenerates reports/samples/ from examples/ with the built-in scenario set, and json-schemas/
# from the XSDs (a test fails when either is stale). Run from the package root.
set -euo pipefail
swift build -c release --product treasury-stress >/dev/null
for example in strategy-like nakamoto-like ibit-fund; do
  .build/release/treasury-stress run "examples/$example.xml" --out reports/samples
done
for document in report:report comparison:comparison batchSummary:batch-summary history:history systemReport:system-report; do
  .build/release/treasury-stress json-schema "${document%%:*}" > "json-schemas/${document#*:}.schema.json"
done
