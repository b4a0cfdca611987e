#!/bin/sh
# tests/run.sh -- run every test of mumag and end with "N passed, N failed".
#
# Three kinds of tests, all speaking TAP ("ok N - ...", "not ok N - ..."):
#   1. the CMocka unit tests: of the library (tangled/bin/mumag-test-lib,
#      linked with libmumag.a alone) and of the paper and the command line
#      (tangled/bin/mumag-test),
#   2. the command-line tests tangled from mumag.nw (tangled/tests/*.sh),
#   3. the program's outputs for the paper, computed again (tests/outputs.sh),
#   4. the checks of the built paper (tests/check-*.sh).
# A program that exits non-zero without reporting a failing test counts as
# one failure, so a crash can never pass silently.
#
# Options (used by `make check-asan' and `make check-valgrind'):
#   --bin DIR     take mumag and the unit tests from DIR (default tangled/bin)
#   --wrap CMD    run both programs under CMD (e.g. "valgrind -q ...")
#   --no-paper    skip 4. (the paper is built by the ordinary binaries)
#   --jobs N      run N groups of 1.-3. at a time (default TEST_JOBS, or the
#                 number of CPUs; 1: one after the other).  The output is
#                 the same in any case: each group's, in the order above.
cd "$(dirname "$0")/.." || exit 1
bin=tangled/bin wrap= paper=yes jobs=${TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
while [ $# -gt 0 ]; do
  case $1 in
    --bin) bin=$2; shift 2;;
    --wrap) wrap=$2; shift 2;;
    --no-paper) paper=no; shift;;
    --jobs) jobs=$2; shift 2;;
    *) echo "tests/run.sh: unknown option $1" >&2; exit 2;;
  esac
done
pass=0 fail=0
tmp=$(mktemp -d) wrapper=$(mktemp); trap 'rm -rf "$tmp" "$wrapper"' EXIT
log=$tmp/log
MUMAG=$(pwd)/$bin/mumag
if [ -n "$wrap" ]; then
  # The command-line tests call $MUMAG; route it through the wrapper.
  printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$wrap" "$MUMAG" > "$wrapper"
  chmod +x "$wrapper"; MUMAG=$wrapper
  export MUMAG_WRAPPED=1 # timing assertions do not apply under the wrapper
fi
export MUMAG

# report LABEL STATUS SECONDS: a group's output (in $log), labelled, its time
# as a comment (where CI's minutes go), and its results counted
report() {
  label=$1 status=$2
  sed -e "s|^|[$label] |" "$log"
  echo "[$label] # $3 s"
  p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "[$label] not ok - $label exited with status $status"; f=1
  fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    echo "[$label] not ok - $label reported no test"; f=1
  fi
  pass=$((pass + p)); fail=$((fail + f))
}
run() { # run LABEL COMMAND...
  label=$1; shift
  t0=$(date +%s)
  "$@" > "$log" 2>&1; status=$?
  report "$label" "$status" $(($(date +%s) - t0))
}

# 1.-3. run --jobs at a time (each group in a process of its own: they share
# no file), printed in this order.  A worker takes the next group nobody has
# taken (mkdir is the lock) and writes its output, status and time.
group() { # group N: run the Nth group of $tmp/groups
  set -- $(sed -n "$1p" "$tmp/groups")
  case $2 in
    unit) CMOCKA_MESSAGE_OUTPUT=TAP $wrap "$3";;
    *) sh "$3";;
  esac
}
worker() {
  k=0
  while [ $k -lt "$ngroups" ]; do
    k=$((k + 1))
    mkdir "$tmp/claim.$k" 2>/dev/null || continue
    t0=$(date +%s)
    group $k > "$tmp/out.$k" 2>&1 < /dev/null; echo "$? $(($(date +%s) - t0))" > "$tmp/end.$k.tmp"
    mv "$tmp/end.$k.tmp" "$tmp/end.$k"
  done
}
{
  echo "unit-lib unit $bin/mumag-test-lib"
  echo "unit unit $bin/mumag-test"
  for t in tangled/tests/*.sh; do [ "${t##*/}" = lib.sh ] || echo "$(basename "$t" .sh) sh $t"; done
  echo "outputs sh tests/outputs.sh"
} > "$tmp/groups"
ngroups=$(wc -l < "$tmp/groups")
w=0 workers=
while [ $w -lt "$jobs" ]; do worker & workers="$workers $!"; w=$((w + 1)); done
k=0
while [ $k -lt "$ngroups" ]; do
  k=$((k + 1))
  while [ ! -e "$tmp/end.$k" ]; do sleep 0.2; done
  cp "$tmp/out.$k" "$log"
  read -r status secs < "$tmp/end.$k"
  report "$(sed -n "${k}p" "$tmp/groups" | cut -d' ' -f1)" "$status" "$secs"
done
wait
# 4. the checks of the paper, one at a time (some run make in this tree)
if [ "$paper" = yes ]; then
  for t in tests/check-*.sh; do run "$(basename "$t" .sh)" sh "$t"; done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
