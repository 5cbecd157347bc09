#!/usr/bin/env bash
# Prints the Strategy-like board report to PDF through headless Chromium and checks its pages by
# count and text: A4 landscape, every page numbered with the as-of date in its footer, the
# glossary on the last page (no blank last page). Run from the package root after a release build.
set -euo pipefail
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
.build/release/treasury-stress run examples/strategy-like.xml --format pdf --out "$out" >/dev/null
fail() { echo "pdf check: $1" >&2; exit 1; }
# PDF AS-OF: A4 landscape, every page numbered and dated; sets $pages and $text.
check_pages() {
  pages=$(pdfinfo "$1" | awk '/^Pages:/ {print $2}')
  local size
  size=$(pdfinfo "$1" | awk -F': *' '/^Page size:/ {print $2}')
  echo "pdf $(basename "$1"): $pages pages, $size"
  case "$size" in 841.92\ x\ 594.96*) ;; *) fail "$1: page size $size is not A4 landscape" ;; esac
  for page in $(seq 1 "$pages"); do
    footer="$(pdftotext -f "$page" -l "$page" "$1" -)"
    grep -q "page $page of $pages" <<<"$footer" || fail "$1: page $page has no page number"
    grep -q "as of $2" <<<"$footer" || fail "$1: page $page has no as-of date"
  done
  text="$(pdftotext "$1" -)"
}
pdf="$out/strategy-like.pdf"
check_pages "$pdf" 2025-09-30
[ "$pages" -ge 8 ] || fail "only $pages pages"
grep -q "Executive summary" <<<"$text" || fail "no executive summary"
last="$(pdftotext -f "$pages" -l "$pages" "$pdf" - | grep -v -e "^page [0-9]* of" -e "^as of" -e '^\s*$' | wc -l)"
[ "$last" -gt 3 ] || fail "the last page is (nearly) blank"
grep -q "Glossary" <<<"$(pdftotext -f "$pages" -l "$pages" "$pdf" -)" || fail "the glossary is not on the last page"
# Every word, chart labels included, at 8 pt or more. The page sets everything in DejaVu, whose
# word boxes are 1.164 × the font size (ascent 0.928 + descent 0.236 em): 8 pt is a 9.31 pt box.
fonts="$(pdffonts "$pdf" | tail -n +3 | awk '{print $1}' | sed 's/^[A-Z]*+//' | sort -u | tr '\n' ' ')"
grep -qv "DejaVu" <<<"$(tr ' ' '\n' <<<"$fonts" | grep -v '^$')" && fail "fonts other than DejaVu: $fonts"
smallest() { pdftotext -bbox "$1" - | sed -n 's/.*yMin="\([0-9.]*\)".*yMax="\([0-9.]*\)".*/\1 \2/p' | awk '{h=$2-$1; if (min=="" || h<min) min=h} END {printf "%.2f", min/1.164}'; }
smallest="$(smallest "$pdf")"
echo "pdf: smallest text $smallest pt ($fonts)"
awk -v s="$smallest" 'BEGIN {exit !(s >= 7.95)}' || fail "text at $smallest pt, below 8 pt"
echo "pdf check: ok"

# The systemic-run page printed: A4 landscape, numbered pages with the as-of date, the ladder in
# the system, every word at 8 pt or more.
.build/release/treasury-stress system examples/system-2025-10.xml --format pdf --paths 500 --out "$out" >/dev/null
pdf="$out/system-2025-10-system.pdf"
check_pages "$pdf" 2025-10-09
grep -q "Where each holder" <<<"$text" || fail "the system PDF has no ladder"
smallest="$(smallest "$pdf")"
echo "system pdf: smallest text $smallest pt"
awk -v s="$smallest" 'BEGIN {exit !(s >= 7.95)}' || fail "system text at $smallest pt, below 8 pt"
echo "system pdf check: ok"
