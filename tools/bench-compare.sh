#!/bin/sh
# tools/bench-compare.sh BIN -- each numerical kernel of mumag beside the
# NumPy/SciPy version in tools/bench-scipy.py (called by `make bench').
# The two run alternately (mumag, SciPy, mumag, SciPy, ...), BENCH_FAST_RUNS
# times each (7 by default), each a whole command (start-up and reading of
# data/ included), timed by tools/bench-time.py: the wall time and the CPU
# time (user + system, the kernel's account of that process alone) of each
# run.  The table gives each one's median CPU time per evaluation, their
# ratio (of the medians), mumag's median wall time and the ratio of the median
# wall times.  A kernel timed as one command each is the user's view, start-up
# included (Python's imports are most of a short SciPy run); a kernel run K
# times in one process (--repeat K) is given per further evaluation, start-up
# excluded: (t(K) - t(1)) / (K - 1), both timed in the same rounds.  On a
# shared machine read the CPU columns: a command of a few milliseconds waits
# for the processor about as long as one of seconds, so its wall time there is
# mostly the wait.
# Before timing, the answers of the two must agree: byte for byte, or within
# the kernel's stated tolerance where the two cannot be identical:
#   - the Ge recoil fold: both integrate with QUADPACK's qags to a relative
#     1e-7 and print seven digits, so each value within 2e-6 relative (the
#     tolerance and one unit of the last digit);
#   - the TEXONO ensemble: the two draw different random numbers (GSL's and
#     NumPy's MT19937), so they agree within the statistics of 10^4
#     experiments.  Over six seeds each, a single ensemble's quantile scatters
#     by 0.3% (median), 0.7% (16%), 0.2% (84%) and its fraction below the
#     published limit by 0.004; the difference of two ensembles by sqrt(2)
#     times that; mumag's P^2 quantiles add up to 0.3%.  Allowed: four
#     standard deviations of the difference plus that, rounded up: 2%, 4%,
#     2% relative and 0.025 absolute.
set -u
cd "$(dirname "$0")/.." || exit 1
bin=${1:-tangled/bin/mumag}
py=/usr/bin/python3 ref=tools/bench-scipy.py runs=${BENCH_FAST_RUNS:-7}
"$py" -c 'import numpy, scipy' 2>/dev/null || {
  echo "bench-compare: python3-numpy and python3-scipy are needed (tools/deps.sh)" >&2; exit 1; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mumag-cmp.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# agree TOLERANCE FILE1 FILE2: "same bits", or each differing field within
# the tolerance of its row ("KEY:Xr" relative, "KEY:Xa" absolute, for the rows
# whose first field is KEY, or every row for KEY *); prints the largest
# deviation as a fraction of what is allowed; fails if any field is beyond.
agree() {
  cmp -s "$2" "$3" && { echo "same bits"; return 0; }
  [ "$1" = exact ] && { diff "$2" "$3" | head -n 6 >&2; return 1; }
  awk -v spec="$1" '
    BEGIN { n = split(spec, t, " ")
            for (i = 1; i <= n; i++) { split(t[i], kv, ":"); v = kv[2]
              kind[kv[1]] = substr(v, length(v)); tol[kv[1]] = substr(v, 1, length(v) - 1) + 0 } }
    FNR == NR { a[FNR] = $0; na = FNR; next }
    { b[FNR] = $0; nb = FNR }
    function abs(x) { return x < 0 ? -x : x }
    END {
      if (na != nb) { print "rows: " na " against " nb > "/dev/stderr"; exit 1 }
      worst = 0; bad = 0
      for (r = 1; r <= na; r++) {
        if (a[r] == b[r]) continue
        nx = split(a[r], x, "\t"); ny = split(b[r], y, "\t")
        key = (x[1] in tol) ? x[1] : "*"
        if (nx != ny || !(key in tol)) { print "row " r ": " a[r] " | " b[r] > "/dev/stderr"; bad = 1; continue }
        for (i = 1; i <= nx; i++) {
          if (x[i] == y[i]) continue
          lim = kind[key] == "r" ? tol[key] * abs(y[i]) : tol[key]
          d = abs(x[i] - y[i])
          if (!(d <= lim)) { print "row " r ", field " i ": " x[i] " against " y[i] > "/dev/stderr"; bad = 1 }
          else if (d / lim > worst) worst = d / lim
        }
      }
      if (bad) exit 1
      printf "within tolerance (%.2g of it)\n", worst
    }' "$2" "$3"
}

# label | mumag arguments | bench-scipy.py arguments | evaluations per run (K) | tolerance
kernels='Feldman-Cousins Poisson table, 21 x 19 at 90% CL, one command each|fc table|fc-table|1|exact
Feldman-Cousins Poisson table, each further table (start-up excluded)|fc table --repeat 6|fc-table --repeat 6|6|exact
Feldman-Cousins interval, n = 1000, b = 750, one command each|fc poisson --n 1000 --b 750|fc-poisson 1000 750|1|exact
Feldman-Cousins interval, n = 1000, b = 750, each further interval (start-up excluded)|fc poisson --n 1000 --b 750 --repeat 200|fc-poisson 1000 750 --repeat 200|200|exact
folded Ge recoil spectrum, 200 energies|recoil --detector ge|recoil-ge|1|*:2e-6r
TEXONO ensemble, 10^4 simulated experiments|simulate texono --n 10000|simulate-texono 10000|1|median_mu_upper_muB:0.02r q16_mu_upper_muB:0.04r q84_mu_upper_muB:0.02r fraction_below_published:0.025a'
echo "| kernel | mumag CPU (s) | NumPy/SciPy CPU (s) | CPU ratio | mumag wall (s) | wall ratio | answers |"
echo "|---|---:|---:|---:|---:|---:|---|"
printf '%s\n' "$kernels" | while IFS='|' read -r label margs pargs evals tol; do
  "$bin" $margs > "$tmp/m.out" 2>&1 && "$py" "$ref" $pargs > "$tmp/p.out" 2>&1 || {
    echo "bench-compare: $label failed" >&2; cat "$tmp/m.out" "$tmp/p.out" >&2; exit 1; }
  same=$(agree "$tol" "$tmp/m.out" "$tmp/p.out") || {
    echo "bench-compare: $label: the two answers differ beyond the tolerance ($tol)" >&2; exit 1; }
  if [ "$evals" -gt 1 ]; then # the same with --repeat 1, in the same rounds
    m1=$(printf '%s\n' "$margs" | sed 's/--repeat [0-9]*/--repeat 1/')
    p1=$(printf '%s\n' "$pargs" | sed 's/--repeat [0-9]*/--repeat 1/')
    "$py" tools/bench-time.py "$runs" 1 "$bin" $margs -- "$py" "$ref" $pargs \
      -- "$bin" $m1 -- "$py" "$ref" $p1 > "$tmp/t" || exit 1
  else
    "$py" tools/bench-time.py "$runs" 1 "$bin" $margs -- "$py" "$ref" $pargs > "$tmp/t" || exit 1
  fi
  awk -v l="$label" -v k="$evals" -v s="$same" '
    { w[NR] = $1; c[NR] = $2 }
    END { if (k > 1) for (i = 1; i <= 2; i++) { w[i] = (w[i] - w[i + 2]) / (k - 1); c[i] = (c[i] - c[i + 2]) / (k - 1) }
          printf "| %s | %.3g | %.3g | %.0f | %.3g | %.0f | %s |\n", l, c[1], c[2], c[2] / c[1], w[1], w[2] / w[1], s }' "$tmp/t"
done
