#!/usr/bin/env bash
# Regenerates reports/samples/ from examples/ with the built-in scenario set (a test fails when
# they are stale). Run from the package root.
set -euo pipefail
swift build -c release --product treasury-stress >/dev/null
for example in strategy-like nakamoto-like ibit-fund; do
  .build/release/treasury-stress run "examples/$example.xml" --out reports/samples
done
