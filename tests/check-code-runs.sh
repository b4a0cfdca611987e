#!/bin/sh
# tests/check-code-runs.sh -- no run of code longer than 60 lines without a
# sentence of prose in the main text (tests/check-code-runs.py; the runs
# still to be split are listed in tests/code-runs-allow.txt).
cd "$(dirname "$0")/.." || exit 1
exec python3 tests/check-code-runs.py
