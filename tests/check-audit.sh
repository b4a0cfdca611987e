#!/bin/sh
# tests/check-audit.sh -- the audit table is complete and honest (TAP).
# Independent of the C code that classifies: the ratio is recomputed here.
cd "$(dirname "$0")/.." || exit 1
. tangled/tests/lib.sh
tsv=$(mktemp); trap 'rm -f "$tsv"' EXIT
if tangled/bin/mumag audit --format tsv > "$tsv"; then ok "mumag audit runs"
else not_ok "mumag audit runs"; fi
nclaims=$(grep -v '^#' data/claims.tsv | tail -n +2 | grep -c .)
nrows=$(tail -n +2 "$tsv" | grep -c .)
if [ "$nclaims" -eq "$nrows" ]; then ok "every claim ($nclaims) has an audit row"
else not_ok "every claim has an audit row ($nrows of $nclaims)"; fi
tail -n +2 "$tsv" > "$tsv.rows"
while IFS='	' read -r id value ours tol status note; do
  case "$status" in
    reproduced)
      if awk -v v="$value" -v o="$ours" -v t="$tol" \
           'BEGIN { r = o / v; exit !(r >= 1 / (1 + t) && r <= 1 + t) }'
      then ok "$id: reproduced within its tolerance $tol"
      else not_ok "$id: marked reproduced but ours/review = $ours/$value (tol $tol)"; fi;;
    differs|"not reproducible")
      if [ "$note" != "-" ] && [ -n "$note" ]; then ok "$id: $status, with a note"
      else not_ok "$id: $status without a note"; fi;;
    *) not_ok "$id: no status";;
  esac
done < "$tsv.rows"
rm -f "$tsv.rows"
grep -q 'Of [0-9]* claims' paper/audit.tex && ok "the audit table has its summary line" \
  || not_ok "the audit table has its summary line"
done_testing
