#!/usr/bin/env bash
# Every example treasury through the Monte Carlo bench: the floor (our path generation alone), the
# arithmetic bound (the floor plus the arithmetic the treasury's days need at least), that bound with
# four paths in SIMD lanes (what an engine stepping four paths at a time could reach) and the full
# simulator, taken in turn, each the fastest of BENCH_REPEATS (default 3) runs, as a table of multiples of the
# floor measured in the same run (issue 10: within 2× of the floor); then each example's built-in
# probability map (13 × 9 cells) at map-paths paths a cell, the fastest of as many runs (issue 10:
# under 10 s at 10,000; 0 leaves the maps out).
# Usage: bench/examples.sh [paths=100000] [days=730] [jobs=2] [map-paths=10000]
set -euo pipefail
cd "$(dirname "$0")/.."
paths=${1:-100000}; days=${2:-730}; jobs=${3:-2}; map_paths=${4:-10000}
swift build -c release --product treasury-stress-bench >/dev/null
bench=.build/release/treasury-stress-bench
printf '%-18s %10s %10s %10s %10s %8s %8s %8s %10s %8s\n' example "floor M/s" "bound M/s" "lanes M/s" "ours M/s" "bound×" "lanes×" "ours×" "ours/bound" "map s"
for treasury in examples/{strategy-like,strategy-2026-06,metaplanet-like,nakamoto-like,sequans-like,trump-media-like,ibit-fund}.xml; do
  out=$("$bench" "$paths" "$days" "$jobs" "$treasury")
  rate() { echo "$out" | grep "$1" | head -1 | awk '{for (i = 1; i <= NF; i++) if ($i == "M") print $(i-1)}'; }
  map=-
  if [ "$map_paths" -gt 0 ]; then
    map=$(BENCH_MODE=map "$bench" "$map_paths" "$days" "$jobs" "$treasury" | grep "probability map:" | awk '{print $3}')
  fi
  python3 - "$(basename "$treasury" .xml)" "$map" "$(rate floor)" "$(rate 'bound (')" "$(rate 'SIMD lanes')" "$(rate TreasuryStress:)" <<'PY'
import sys
name, map_seconds = sys.argv[1], sys.argv[2]
floor, bound, lanes, ours = map(float, sys.argv[3:])
print(f"{name:<18} {floor:10.1f} {bound:10.1f} {lanes:10.1f} {ours:10.1f} {floor / bound:7.2f}x {floor / lanes:7.2f}x {floor / ours:7.2f}x {bound / ours:9.2f}x {map_seconds:>8}")
PY
done
