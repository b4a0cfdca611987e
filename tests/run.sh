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
cd "$(dirname "$0")/.." || exit 1
bin=tangled/bin wrap= paper=yes
while [ $# -gt 0 ]; do
  case $1 in
    --bin) bin=$2; shift 2;;
    --wrap) wrap=$2; shift 2;;
    --no-paper) paper=no; shift;;
    *) echo "tests/run.sh: unknown option $1" >&2; exit 2;;
  esac
done
pass=0 fail=0
log=$(mktemp) wrapper=$(mktemp); trap 'rm -f "$log" "$wrapper"' EXIT
MUMAG=$(pwd)/$bin/mumag
if [ -n "$wrap" ]; then
  # The command-line tests call $MUMAG; route it through the wrapper.
  printf '#!/bin/sh\nexec %s "%s" "$@"\n' "$wrap" "$MUMAG" > "$wrapper"
  chmod +x "$wrapper"; MUMAG=$wrapper
  export MUMAG_WRAPPED=1 # timing assertions do not apply under the wrapper
fi
export MUMAG

run() { # run LABEL COMMAND...  (its time as a comment: where CI's minutes go)
  label=$1; shift
  t0=$(date +%s)
  "$@" > "$log" 2>&1; status=$?
  sed -e "s|^|[$label] |" "$log"
  echo "[$label] # $(($(date +%s) - t0)) s"
  p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "[$label] not ok - $label exited with status $status"; f=1
  fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    echo "[$label] not ok - $label reported no test"; f=1
  fi
  pass=$((pass + p)); fail=$((fail + f))
}

CMOCKA_MESSAGE_OUTPUT=TAP run unit-lib $wrap "$bin/mumag-test-lib"
CMOCKA_MESSAGE_OUTPUT=TAP run unit $wrap "$bin/mumag-test"
for t in tangled/tests/*.sh; do [ "${t##*/}" = lib.sh ] && continue; run "$(basename "$t" .sh)" sh "$t"; done
run outputs sh tests/outputs.sh
if [ "$paper" = yes ]; then
  for t in tests/check-*.sh; do run "$(basename "$t" .sh)" sh "$t"; done
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
