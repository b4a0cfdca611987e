#!/bin/sh
# tools/bench.sh -- how long the build and the numerical kernels take
# (`make bench').  Prints a Markdown table (also left in tangled/bench.md):
#   - a clean `make paper', split into everything LaTeX reads
#     (`make paper-inputs': tangle, compile, compute, plot, weave) and LaTeX
#     itself (latexmk, with BibTeX); the LaTeX share is the figure to watch;
#   - a no-op `make paper', and one after a prose-only edit;
#   - each numerical kernel of the program, alone.
# Each is the median of several runs (BENCH_RUNS for builds, 3 by default;
# BENCH_FAST_RUNS for the rest, 7), in temporary clean copies of the tree.
set -u
cd "$(dirname "$0")/.." || exit 1
RUNS=${BENCH_RUNS:-3} FAST=${BENCH_FAST_RUNS:-7}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mumag-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# The kernels: a label, a tab, the arguments of `mumag'.  Add one line per
# kernel, e.g. "Feldman-Cousins Poisson table<TAB>fc poisson --cl 0.9"; every
# figure's data is added below on its own.
kernels="numbers for the text and the audit's table (one run, as the build does)	numbers --audit $tmp/audit.tex
"'audit of the claims alone	audit
folded Ge recoil spectrum, 200 energies	recoil --detector ge
Feldman-Cousins Poisson table, 21 x 19 at 90% CL	fc table
Feldman-Cousins interval, n = 1000, b = 750 (target: under 1 ms a command)	fc poisson --n 1000 --b 750
TEXONO ensemble, 10^4 simulated experiments	simulate texono --n 10000'

now() { date +%s.%N; }
# cpu LOG COMMAND...: run it, print its wall and CPU seconds (user + system,
# children included); stop if it fails
cpu() {
  log=$1; shift
  /usr/bin/time -f '%e %U %S' -o "$log.time" "$@" > "$log" 2>&1 ||
    { echo "bench: '$*' failed:" >&2; tail -n 20 "$log" >&2; exit 1; }
  awk '{ printf "%s %.3f\n", $1, $2 + $3 }' "$log.time"
}
median() { sort -g | awk '{ v[NR] = $1 } END { printf "%.3f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", b - a }'; }
timed() { # timed LOG COMMAND... : run, print the seconds it took; stop if it fails
  log=$1; shift
  t0=$(now); "$@" > "$log" 2>&1 || { echo "bench: '$*' failed:" >&2; tail -n 20 "$log" >&2; exit 1; }
  elapsed "$t0" "$(now)"
}
mk() { make --no-print-directory "$@"; }

echo "bench: $RUNS clean builds in temporary copies ..." >&2
: > "$tmp/inputs"; : > "$tmp/latex"; : > "$tmp/total"; : > "$tmp/parallel"
for i in $(seq "$RUNS"); do
  d=$tmp/clean$i; sh tools/copy-tree.sh "$d" || exit 1
  a=$(timed "$tmp/log" mk -C "$d" paper-inputs)
  b=$(timed "$tmp/log" mk -C "$d" paper)
  echo "$a" >> "$tmp/inputs"; echo "$b" >> "$tmp/latex"; elapsed 0 "$(elapsed "-$a" "$b")" >> "$tmp/total"
  [ "$i" -lt "$RUNS" ] && rm -rf "$d"
  p=$tmp/parallel$i; sh tools/copy-tree.sh "$p" || exit 1
  timed "$tmp/log" mk -C "$p" -j"$(nproc)" paper >> "$tmp/parallel"
  rm -rf "$p"
done
d=$tmp/clean$RUNS
t_in=$(median < "$tmp/inputs"); t_tex=$(median < "$tmp/latex"); t_all=$(median < "$tmp/total")
share=$(awk -v a="$t_tex" -v b="$t_all" 'BEGIN { printf "%.0f", 100 * a / b }')

echo "bench: LaTeX alone on the same woven documents, and one pdflatex pass ..." >&2
: > "$tmp/clean-cpu"; : > "$tmp/tex-cpu"; : > "$tmp/pass"
for i in $(seq "$RUNS"); do
  c=$tmp/cpu$i; sh tools/copy-tree.sh "$c" || exit 1
  cpu "$tmp/log" make --no-print-directory -C "$c" paper >> "$tmp/clean-cpu" || exit 1
  rm -rf "$c/paper/latex"
  cpu "$tmp/log" sh -c "cd '$c' && sh tools/typeset.sh mumag && sh tools/typeset.sh mumag-physics" \
    >> "$tmp/tex-cpu" || exit 1
  cpu "$tmp/log" sh -c "cd '$c/paper' && pdflatex -interaction=batchmode -output-directory=latex mumag.tex" \
    >> "$tmp/pass" || exit 1
  rm -rf "$c"
done
col() { awk -v k="$1" '{ print $k }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
c_wall=$(col 1 < "$tmp/clean-cpu" | median); c_cpu=$(col 2 < "$tmp/clean-cpu" | median)
t_wall=$(col 1 < "$tmp/tex-cpu" | median); t_cpu=$(col 2 < "$tmp/tex-cpu" | median)
p_wall=$(col 1 < "$tmp/pass" | median); p_cpu=$(col 2 < "$tmp/pass" | median)

echo "bench: no-op and prose-only rebuilds ..." >&2
for i in $(seq "$FAST"); do timed "$tmp/log" mk -C "$d" paper; done | median > "$tmp/noop"
: > "$tmp/prose"; : > "$tmp/prose-pre"; cc=0; gp=0
for i in $(seq "$RUNS"); do
  sed -i "0,/^\\\\begin{document}/s//&\\nBenchmark edit $i./" "$d/mumag.nw"
  pre=$(cpu "$tmp/log" make --no-print-directory -C "$d" paper-inputs) || exit 1
  echo "$pre" >> "$tmp/prose-pre"
  cc=$((cc + $(grep -c -e ' -c -o ' "$tmp/log"))); gp=$((gp + $(grep -c -e gnuplot -e tools/plot.sh "$tmp/log")))
  lat=$(timed "$tmp/log" mk -C "$d" paper) || exit 1
  awk -v a="${pre%% *}" -v b="$lat" 'BEGIN { printf "%.4f\n", a + b }' >> "$tmp/prose"
  cc=$((cc + $(grep -c -e ' -c -o ' "$tmp/log"))); gp=$((gp + $(grep -c -e gnuplot -e tools/plot.sh "$tmp/log")))
done
t_prose=$(median < "$tmp/prose")

echo "bench: kernels ..." >&2
figs=$(cd "$d/figures" && ls *.dat 2>/dev/null | sed 's/\.dat$//')
all=$(printf '%s\n' "$kernels"; for f in $figs; do printf 'data of figure %s\tfigdata --figure %s\n' "$f" "$f"; done)
# (wall and CPU of each run by tools/bench-time.py; the medians)
rows=$(printf '%s\n' "$all" | while IFS='	' read -r label args; do
  [ -n "$label" ] || continue
  t=$(/usr/bin/python3 tools/bench-time.py "$FAST" 1 "$d/tangled/bin/mumag" $args) || exit 1
  printf '| kernel: %s (`mumag %s`) | %.3g | %s | CPU %.3g s |\n' "$label" "$args" "${t%%	*}" "$FAST" "${t#*	}"
done) || exit 1

echo "bench: kernels beside their NumPy/SciPy versions ..." >&2
compare=$(sh tools/bench-compare.sh "$d/tangled/bin/mumag") || exit 1

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")
ccv=$(cc --version | head -n 1); tex=$(pdflatex --version | head -n 1); gpv=$(gnuplot --version)
{
  echo "Measured $(date -u +%Y-%m-%d) on commit $(git log -1 --format=%h)$(git diff --quiet HEAD -- || echo '+modified') by \`make bench\`."
  echo "Machine: $cpu, $(nproc) CPUs (nproc), $mem memory; $os, $(uname -sr);"
  echo "$ccv; $tex; $gpv."
  echo
  echo "The build against LaTeX alone (the same woven documents typeset by latexmk"
  echo "from nothing, both editions), and a prose-only edit against one pdflatex"
  echo "pass over the full edition (ratios; medians of $RUNS runs):"
  echo
  echo "| build | ratio |"
  echo "|---|---:|"
  echo "| clean \`make paper\`, CPU, over LaTeX alone | $(ratio "$c_cpu" "$t_cpu") |"
  echo "| clean \`make paper\`, wall time, over LaTeX alone | $(ratio "$c_wall" "$t_wall") |"
  echo "| prose-only edit: everything before LaTeX, over one pdflatex pass (wall) | $(ratio "$(col 1 < "$tmp/prose-pre" | median)" "$p_wall") |"
  echo "| prose-only edit: the whole \`make paper\` (both editions), over one pdflatex pass (wall) | $(ratio "$t_prose" "$p_wall") |"
  echo
  echo "| step | median (s) | runs | note |"
  echo "|---|---:|---:|---|"
  echo "| clean \`make paper\` (serial) | $t_all | $RUNS | |"
  echo "| ... of which everything before LaTeX (\`make paper-inputs\`) | $t_in | $RUNS | tangle, compile, compute, plot, weave |"
  echo "| ... of which LaTeX (latexmk, BibTeX) | $t_tex | $RUNS | **$share %** of the clean build |"
  echo "| clean \`make -j$(nproc) paper\` | $(median < "$tmp/parallel") | $RUNS | |"
  echo "| no-op \`make paper\` | $(cat "$tmp/noop") | $FAST | |"
  echo "| \`make paper\` after a prose-only edit | $t_prose | $RUNS | $cc C compilations, $gp gnuplot runs in all |"
  printf '%s\n' "$rows"
  echo
  echo "Each kernel beside the same computation in NumPy/SciPy (tools/bench-scipy.py),"
  echo "whole commands run alternately, after checking that both give the same answers"
  echo "(byte for byte, or within the tolerances stated in tools/bench-compare.sh);"
  echo "CPU seconds per evaluation (medians of $FAST runs; the CPU time is each process's"
  echo "own, from the kernel's accounting: the figures to read on a shared machine);"
  echo "load average (1, 5, 15 min) at the end of the run $(cut -d" " -f1-3 /proc/loadavg):"
  echo
  printf '%s\n' "$compare"
} > "$tmp/bench.md"
mkdir -p tangled && cp "$tmp/bench.md" tangled/bench.md
cat "$tmp/bench.md"
