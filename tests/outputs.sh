#!/bin/sh
# tests/outputs.sh -- the program's data-driven outputs, run again (TAP).
# `mumag numbers', `mumag audit' and `mumag figdata' for every figure must
# succeed and write something.  Under `make check-asan' and `make
# check-valgrind' ($MUMAG is then the instrumented program) this runs every
# computation that feeds the paper under the sanitizers.  Whether the output
# equals the one in the paper is reported as a comment only: another
# optimisation level may change a last digit legitimately.
cd "$(dirname "$0")/.." || exit 1
. tangled/tests/lib.sh
out=$(mktemp); trap 'rm -f "$out"' EXIT
same() { # same FILE: a comment saying whether $out equals FILE
  if cmp -s "$out" "$1"; then echo "# same as $1"; else echo "# differs from $1"; fi
}
produce() { # produce DESCRIPTION FILE ARGS...
  d=$1 f=$2; shift 2
  if mumag "$@" > "$out" 2> "$out.err" && [ -s "$out" ]; then
    ok "$d"; [ -f "$f" ] && same "$f"
  else
    not_ok "$d (failed or wrote nothing: $(head -c 300 "$out.err"))"
  fi
  rm -f "$out.err"
}
produce "mumag numbers runs cleanly" paper/numbers.tex numbers
# Checks of these runs' output (each would otherwise run the program again).
if grep -qv -e '^%' -e '^\\mmset{' "$out"; then not_ok "numbers writes only comments and \\mmset lines"
else ok "numbers writes only comments and \\mmset lines"; fi
if grep -q whatif-overrides "$out"; then not_ok "the published numbers list no override"
else ok "the published numbers list no override"; fi
produce "mumag audit runs cleanly" paper/audit.tex audit
if grep -q what-if "$out"; then not_ok "the published audit marks nothing"
else ok "the published audit marks nothing"; fi
for f in figures/*.dat; do
  [ -e "$f" ] || continue
  name=$(basename "$f" .dat)
  produce "mumag figdata --figure $name runs cleanly" "$f" figdata --figure "$name"
done
done_testing
