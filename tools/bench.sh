#!/bin/sh
# tools/bench.sh -- how long the build and the numerical kernels take
# (`make bench').  Prints a Markdown table (also left in tangled/bench.md):
#   - a clean `make paper' against LaTeX alone on the same woven documents
#     (tools/typeset.sh from nothing, both editions, in the same tree): the
#     two alternate (clean build, LaTeX alone, clean build, ...), each run's
#     CPU time is that of its whole process tree (user + system of every
#     process waited for, from /usr/bin/time), and the ratio given is the
#     median of the runs' ratios, with their range;
#   - a prose-only edit (one word of a paragraph, changed back and forth)
#     against one pdflatex pass over the full edition (plain pdflatex, as a
#     reader would run it: without the build's format of the preamble),
#     alternating the same way; by wall time (the two editions are typeset
#     at once on two processors) and by CPU (where both editions count);
#     and, by CPU, against one pass over each edition (the least that
#     typesetting both can cost: the ratio is the build's own overhead);
#   - a clean `make -j2 paper', a no-op `make paper';
#   - each numerical kernel of the program, alone, and beside its NumPy/SciPy
#     version (tools/bench-compare.sh).
# BENCH_RUNS sets the number of clean builds of each kind (3 by default),
# BENCH_PROSE_RUNS the prose edits (7: a pass is a few seconds, and a
# machine's speed drifts by a tenth from one minute to the next),
# BENCH_FAST_RUNS the runs of everything else (7); all in temporary clean
# copies of the tree.  The machine, its load and the tools' versions are
# printed with the table: on a shared machine read the CPU ratios.
set -u
cd "$(dirname "$0")/.." || exit 1
RUNS=${BENCH_RUNS:-3} FAST=${BENCH_FAST_RUNS:-7} PROSE=${BENCH_PROSE_RUNS:-7}
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
med2() { median | awk '{ printf "%.2f", $1 }'; }
range() { sort -g | awk 'NR == 1 { a = $1 } { b = $1 } END { printf "%.2f-%.2f", a, b }'; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.4f\n", b - a }'; }
timed() { # timed LOG COMMAND... : run, print the seconds it took; stop if it fails
  log=$1; shift
  t0=$(now); "$@" > "$log" 2>&1 || { echo "bench: '$*' failed:" >&2; tail -n 20 "$log" >&2; exit 1; }
  elapsed "$t0" "$(now)"
}
mk() { make --no-print-directory "$@"; }
col() { awk -v k="$1" '{ print $k }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# pair A B FILE: append A's wall and CPU over B's (two "wall cpu" lines)
pair() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ")
  printf "%.4f %.4f\n", x[1] / y[1], x[2] / y[2] }' >> "$3"; }
# plus A B: the sum of two "wall cpu" lines
plus() { awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ")
  printf "%s %.3f\n", x[1] + y[1], x[2] + y[2] }'; }
: > "$tmp/clean"; : > "$tmp/alone"; : > "$tmp/clean-r"; : > "$tmp/parallel"

load0=$(cut -d" " -f1-3 /proc/loadavg)
echo "bench: $RUNS clean builds, each followed by LaTeX alone on its documents ..." >&2
for i in $(seq "$RUNS"); do
  d=$tmp/clean$i; sh tools/copy-tree.sh "$d" || exit 1
  a=$(cpu "$tmp/log" make --no-print-directory -C "$d" paper) || exit 1
  # LaTeX alone: the same woven documents, figures and numbers, typeset from
  # nothing as the build does (both editions, the physics one after the full)
  rm -rf "$d/paper/latex" "$d/paper/mumag.pdf" "$d/paper/mumag-physics.pdf" "$d/paper/mumag-chunks.tex"
  b=$(cpu "$tmp/log" sh -c "cd '$d' && sh tools/typeset.sh mumag mumag-physics") || exit 1
  echo "$a" >> "$tmp/clean"; echo "$b" >> "$tmp/alone"; pair "$a" "$b" "$tmp/clean-r"
  [ "$i" -lt "$RUNS" ] && rm -rf "$d"
  p=$tmp/parallel$i; sh tools/copy-tree.sh "$p" || exit 1
  timed "$tmp/log" mk -C "$p" -j2 paper >> "$tmp/parallel" || exit 1
  rm -rf "$p"
done
d=$tmp/clean$RUNS
mk -C "$d" paper > "$tmp/log" 2>&1 || { echo "bench: make paper failed" >&2; exit 1; }

echo "bench: no-op builds; prose-only edits, each followed by one pdflatex pass of each edition ..." >&2
for i in $(seq "$FAST"); do timed "$tmp/log" mk -C "$d" paper; done | median > "$tmp/noop"
# the pass runs in a copy, so that the tree's LaTeX files stay the build's
cp -a "$d" "$tmp/pass" || exit 1
: > "$tmp/prose"; : > "$tmp/pass1"; : > "$tmp/pass2"; : > "$tmp/prose-r"; : > "$tmp/prose-r2"; cc=0; gp=0; passes=0
grep -q 'The counts below are' "$d/mumag.nw" || { echo "bench: the prose edit finds no text to change" >&2; exit 1; }
for i in $(seq "$PROSE"); do
  # one word of the first paragraph, changed back and forth (its lines and
  # pages stay as they were: the edit of a typo, not of the layout)
  if [ $((i % 2)) -eq 1 ]; then sed -i '0,/The counts below are/s//The counts shown are/' "$d/mumag.nw"
  else sed -i '0,/The counts shown are/s//The counts below are/' "$d/mumag.nw"; fi
  rm -f "$d"/paper/latex/*.latexmk.out
  a=$(cpu "$tmp/log" make --no-print-directory V=1 -C "$d" paper) || exit 1
  cc=$((cc + $(grep -c -e ' -c -o ' "$tmp/log"))); gp=$((gp + $(grep -c -e gnuplot -e tools/plot.sh "$tmp/log")))
  passes=$((passes + $(cat "$d"/paper/latex/*.latexmk.out | grep -c "Run number [0-9]* of rule 'pdflatex'")))
  b=$(cpu "$tmp/log" sh -c "cd '$tmp/pass/paper' && pdflatex -interaction=batchmode -output-directory=latex mumag.tex") || exit 1
  # and one over the physics edition: the two passes are the least that
  # typesetting both editions can cost, so the CPU over their sum is what the
  # build adds to LaTeX's own work (weave, the filter, latexmk, make)
  c=$(cpu "$tmp/log" sh -c "cd '$tmp/pass/paper' && pdflatex -interaction=batchmode -output-directory=latex mumag-physics.tex") || exit 1
  echo "$a" >> "$tmp/prose"; echo "$b" >> "$tmp/pass1"; echo "$c" >> "$tmp/pass2"; pair "$a" "$b" "$tmp/prose-r"
  pair "$a" "$(plus "$b" "$c")" "$tmp/prose-r2" # (its CPU column only: the build's passes overlap)
done
rm -rf "$tmp/pass"

echo "bench: kernels ..." >&2
figs=$(cd "$d/figures" && ls *.dat 2>/dev/null | sed 's/\.dat$//')
all=$(printf '%s\n' "$kernels"; for f in $figs; do printf 'data of figure %s\tfigdata --figure %s\n' "$f" "$f"; done)
# (wall and CPU of each run by tools/bench-time.py; the medians)
rows=$(printf '%s\n' "$all" | while IFS='	' read -r label args; do
  [ -n "$label" ] || continue
  t=$(/usr/bin/python3 tools/bench-time.py "$FAST" 1 "$d/tangled/bin/mumag" $args) || exit 1
  printf '| kernel: %s (`mumag %s`) | %.3g | %.3g | %s | |\n' "$label" "$args" "${t#*	}" "${t%%	*}" "$FAST"
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
  echo "The build against LaTeX alone (the same woven documents typeset from"
  echo "nothing by tools/typeset.sh, both editions), and a prose-only edit (one word)"
  echo "against one plain pdflatex pass over the full edition (and, by CPU, against one"
  echo "over each edition, the least that typesetting both can cost): medians of $RUNS and $PROSE"
  echo "alternating pairs of runs, the range of the ratios in brackets; CPU is user + system of"
  echo "the whole process tree.  Load average (1, 5, 15 min) at the start $load0."
  echo
  echo "| build | CPU ratio | wall ratio |"
  echo "|---|---:|---:|"
  echo "| clean \`make paper\` over LaTeX alone | $(col 2 < "$tmp/clean-r" | med2) ($(col 2 < "$tmp/clean-r" | range)) | $(col 1 < "$tmp/clean-r" | med2) ($(col 1 < "$tmp/clean-r" | range)) |"
  echo "| prose-only edit: \`make paper\` (both editions) over one pdflatex pass | $(col 2 < "$tmp/prose-r" | med2) ($(col 2 < "$tmp/prose-r" | range)) | $(col 1 < "$tmp/prose-r" | med2) ($(col 1 < "$tmp/prose-r" | range)) |"
  echo "| the same over one pdflatex pass of each edition (CPU: what the build adds to LaTeX's least) | $(col 2 < "$tmp/prose-r2" | med2) ($(col 2 < "$tmp/prose-r2" | range)) | |"
  echo
  echo "| step | CPU (s) | wall (s) | runs | note |"
  echo "|---|---:|---:|---:|---|"
  echo "| clean \`make paper\` | $(col 2 < "$tmp/clean" | median) | $(col 1 < "$tmp/clean" | median) | $RUNS | |"
  echo "| LaTeX alone on its documents | $(col 2 < "$tmp/alone" | median) | $(col 1 < "$tmp/alone" | median) | $RUNS | latexmk, BibTeX, both editions |"
  echo "| clean \`make -j2 paper\` | | $(median < "$tmp/parallel") | $RUNS | |"
  echo "| no-op \`make paper\` | | $(cat "$tmp/noop") | $FAST | |"
  echo "| \`make paper\` after a prose-only edit | $(col 2 < "$tmp/prose" | median) | $(col 1 < "$tmp/prose" | median) | $PROSE | $cc C compilations, $gp gnuplot runs, $passes pdflatex passes in all |"
  echo "| one plain pdflatex pass, full edition | $(col 2 < "$tmp/pass1" | median) | $(col 1 < "$tmp/pass1" | median) | $PROSE | |"
  echo "| one plain pdflatex pass, physics edition | $(col 2 < "$tmp/pass2" | median) | $(col 1 < "$tmp/pass2" | median) | $PROSE | |"
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
