#!/bin/sh
# tests/run.sh -- run every test of mumag and end with "N passed, N failed".
#
# Three kinds of tests, all speaking TAP ("ok N - ...", "not ok N - ..."):
#   1. the CMocka unit tests (tangled/bin/mumag-test),
#   2. the command-line tests tangled from mumag.nw (tangled/tests/*.sh),
#   3. the checks of the built paper (tests/check-*.sh).
# A program that exits non-zero without reporting a failing test counts as
# one failure, so a crash can never pass silently.
cd "$(dirname "$0")/.." || exit 1
pass=0 fail=0
log=$(mktemp); trap 'rm -f "$log"' EXIT

run() { # run LABEL COMMAND...
  label=$1; shift
  "$@" > "$log" 2>&1; status=$?
  sed -e "s|^|[$label] |" "$log"
  p=$(grep -c '^ok ' "$log"); f=$(grep -c '^not ok ' "$log")
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "[$label] not ok - $label exited with status $status"; f=1
  fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    echo "[$label] not ok - $label reported no test"; f=1
  fi
  pass=$((pass + p)); fail=$((fail + f))
}

CMOCKA_MESSAGE_OUTPUT=TAP run unit tangled/bin/mumag-test
for t in tangled/tests/*.sh; do [ "${t##*/}" = lib.sh ] && continue; run "$(basename "$t" .sh)" sh "$t"; done
for t in tests/check-*.sh; do run "$(basename "$t" .sh)" sh "$t"; done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
