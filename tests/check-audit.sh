#!/bin/sh
# tests/check-audit.sh -- the audit table is complete and honest (TAP).
# Independent of the C code that classifies: tests/check-audit.py recomputes
# the tolerance interval from data/claims.tsv by the rule of appendix A and
# compares the counts on page 2 (paper/numbers.tex) with the table's rows.
cd "$(dirname "$0")/.." || exit 1
tsv=$(mktemp); trap 'rm -f "$tsv"' EXIT
if tangled/bin/mumag audit --format tsv > "$tsv"; then echo "ok - mumag audit runs"
else echo "not ok - mumag audit runs"; fi
python3 tests/check-audit.py "$tsv" data/claims.tsv paper/numbers.tex paper/audit.tex mumag.nw
