#!/usr/bin/env bash
# Fuzzes the input readers with libFuzzer and AddressSanitizer for a bounded time (default 60 s),
# starting from the examples; fails on any crash, sanitizer report, leak or input slower than
# 10 s. A finding is written as crash-*/leak-*/timeout-* in the working folder: replay it with
#   fuzz/.build/release/InputFuzzer FILE
# Run from the package root: bash ci/fuzz-inputs.sh [SECONDS]
set -euo pipefail
seconds="${1:-60}"
# --allow-multiple-definition: SwiftPM names the target's entry point `main` through a linker
# alias while libFuzzer's archive brings its own; both drive the same test function.
swift build -c release --package-path fuzz -Xswiftc -sanitize=fuzzer,address \
  -Xlinker --allow-multiple-definition 2>&1 | tail -1
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
cp examples/*.xml "$corpus/"
status=0
fuzz/.build/release/InputFuzzer -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=65536 -print_final_stats=1 "$corpus" >"$corpus.log" 2>&1 || status=$?
# The progress lines are noise in CI; the summary and any report are not.
grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb)|ERROR|SUMMARY|Test unit written" "$corpus.log" || true
if [ "$status" -ne 0 ]; then tail -60 "$corpus.log"; fi
rm -f "$corpus.log"
exit "$status"
