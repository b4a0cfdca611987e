#!/bin/sh
# tools/bench-compare.sh BIN -- each numerical kernel of mumag beside the
# NumPy/SciPy version in tools/bench-scipy.py (called by `make bench').
# The two run alternately, BENCH_FAST_RUNS times each (7 by default); the
# table gives each one's median wall time per evaluation and their ratio.
# Before timing, the outputs of the two must agree (the same answers).
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-tangled/bin/mumag}
py=/usr/bin/python3 ref=tools/bench-scipy.py runs=${BENCH_FAST_RUNS:-7}
"$py" -c 'import numpy, scipy' 2>/dev/null || {
  echo "bench-compare: python3-numpy and python3-scipy are needed (tools/deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mumag-cmp.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.6g", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# label | mumag arguments | bench-scipy.py arguments | evaluations per run
kernels='Feldman-Cousins Poisson table, 21 x 19 at 90% CL|fc table --repeat 5|fc-table --repeat 5|5
Feldman-Cousins interval, n = 1000, b = 750|fc poisson --n 1000 --b 750 --repeat 200|fc-poisson 1000 750 --repeat 200|200'
echo "| kernel | mumag (s) | NumPy/SciPy (s) | ratio |"
echo "|---|---:|---:|---:|"
printf '%s\n' "$kernels" | while IFS='|' read -r label margs pargs evals; do
  "$bin" $margs > "$tmp/m.out" 2>&1 && "$py" "$ref" $pargs > "$tmp/p.out" 2>&1 || {
    echo "bench-compare: $label failed" >&2; cat "$tmp/m.out" "$tmp/p.out" >&2; exit 1; }
  cmp -s "$tmp/m.out" "$tmp/p.out" || {
    echo "bench-compare: $label: the two answers differ" >&2; diff "$tmp/m.out" "$tmp/p.out" | head >&2; exit 1; }
  : > "$tmp/m"; : > "$tmp/p"
  for i in $(seq "$runs"); do
    t0=$(now); "$bin" $margs > /dev/null; t1=$(now); "$py" "$ref" $pargs > /dev/null; t2=$(now)
    awk -v a="$t0" -v b="$t1" -v n="$evals" 'BEGIN { print (b - a) / n }' >> "$tmp/m"
    awk -v a="$t1" -v b="$t2" -v n="$evals" 'BEGIN { print (b - a) / n }' >> "$tmp/p"
  done
  m=$(median < "$tmp/m"); p=$(median < "$tmp/p")
  awk -v l="$label" -v m="$m" -v p="$p" 'BEGIN { printf "| %s | %.3g | %.3g | %.0f |\n", l, m, p, p / m }'
done
