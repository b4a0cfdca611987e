#!/bin/sh
# tests/check-prose.sh -- no number that belongs in a macro is typed in the
# prose of mumag.nw (tests/check-prose.py; exceptions in tests/prose-allow.txt).
cd "$(dirname "$0")/.." || exit 1
exec python3 tests/check-prose.py
