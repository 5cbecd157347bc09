#!/usr/bin/env bash
# Price impact and the systemic run (issue 8), release build, on the examples as users run them:
#  1. the example system (6 holders × the built-in set, with and without feedback);
#  2. a 10-holder system: the five example holders and a renamed copy of each, same bands, over
#     120 and 730 days (each with the built-in set's 10,000-path Monte Carlo run);
#  3. a single holder's Monte Carlo with its own impact on against off (strategy-like.xml, and
#     the same file with <priceImpact/> added), 100,000 paths × 730 days.
# Usage: bench/impact.sh [paths=100000]
set -euo pipefail
cd "$(dirname "$0")/.."
paths=${1:-100000}
swift build -c release --product treasury-stress >/dev/null
swift build -c release --product treasury-stress-bench >/dev/null
bin=.build/release/treasury-stress
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null; end=$(date +%s.%N); echo "$end - $start" | bc; }

echo "system, 6 holders × built-in set: $(seconds "$bin" system examples/system-2025-10.xml --out "$work") s"

cp examples/*.xml "$work/"
holders=""
for name in strategy-like nakamoto-like sequans-like metaplanet-like ibit-fund; do
  sed "s/name=\"\([^\"]*\)\"/name=\"\1 (copy)\"/" "examples/$name.xml" > "$work/$name-copy.xml"
  holders="$holders  <holder path=\"$name.xml\"/>\n  <holder path=\"$name-copy.xml\"/>\n"
done
awk -v holders="$holders" '/<holder / { if (!done) { printf "%s", holders; done = 1 } next } { print }' \
  examples/system-2025-10.xml > "$work/system-10.xml"
echo "system, 10 holders × built-in set (120 days, 10,000 Monte Carlo paths): $(seconds "$bin" system "$work/system-10.xml" --out "$work") s"
sed 's/horizonDays="120"/horizonDays="730"/' "$work/system-10.xml" > "$work/system-10-730.xml"
echo "system, 10 holders × built-in set (730 days, 10,000 Monte Carlo paths): $(seconds "$bin" system "$work/system-10-730.xml" --out "$work") s"

sed 's|<market btcPrice="114115" btcDailyVolumeUSD="40e9"/>|<market btcPrice="114115" btcDailyVolumeUSD="40e9"><priceImpact/></market>|' \
  examples/strategy-like.xml > "$work/strategy-like-impact.xml"
off=$(BENCH_MODE=full .build/release/treasury-stress-bench "$paths" 730 2 examples/strategy-like.xml | tail -1)
on=$(BENCH_MODE=full .build/release/treasury-stress-bench "$paths" 730 2 "$work/strategy-like-impact.xml" | tail -1)
echo "Monte Carlo, impact off: $off"
echo "Monte Carlo, impact on:  $on"
python3 - "$off" "$on" <<'PY'
import sys
t = [float(line.split()[1]) for line in sys.argv[1:]]
print(f"impact on / off: {t[1] / t[0]:.2f}x (target <= 1.3x)")
PY
