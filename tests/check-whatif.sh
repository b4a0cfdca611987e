#!/bin/sh
# tests/check-whatif.sh -- the what-if build (make paper WHATIF=FILE, through
# tools/whatif.sh) writes its own edition and leaves paper/ alone; TAP.
# (The copy is built up to its paper's inputs, in a temporary directory: the
# typesetting is the ordinary build's, checked by check-paper.sh.)
cd "$(dirname "$0")/.." || exit 1
. tangled/tests/lib.sh
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
sums() { find paper figures -type f ! -path 'paper/latex/*' | sort | xargs md5sum; }
sums > "$dir/before"
printf '# ten times the exposure of TEXONO 2003\n' > "$dir/ten.tsv"
printf 'experiments.tsv\ttexono-2003\ton_h\t47120\nexperiments.tsv\ttexono-2003\toff_h\t12500\n' \
  >> "$dir/ten.tsv"
out=$dir/whatif
expect_ok "the what-if build of the paper's inputs succeeds" \
  env WHATIF_DIR="$out" WHATIF_GOAL=paper-inputs sh tools/whatif.sh "$dir/ten.tsv"
expect_ok "its numbers list the overrides" grep -q 'mmset{whatif-overrides}.*47120' \
  "$out/paper/numbers.tex"
expect_ok "its audit marks the row that moved" grep -q 'proj-texono-hpge.*what-if' \
  "$out/paper/audit.tex"
expect_ok "its figures are its own" test -s "$out/figures/fig4a.tex"
expect_ok "the published numbers list no override" sh -c '! grep -q whatif-overrides paper/numbers.tex'
sums > "$dir/after"
expect_ok "paper/ and figures/ are untouched" cmp -s "$dir/before" "$dir/after"
printf 'experiments.tsv\ttexono-2003\ton_h\tlots\n' > "$dir/bad.tsv"
expect_ok "make paper WHATIF= with a bad value names the file and line" sh -c \
  "make --no-print-directory -s paper WHATIF='$dir/bad.tsv' 2>&1 |
   grep -q \": $dir/bad.tsv:1: experiments.tsv row 'texono-2003': column 'on_h'\""
expect_status 2 "and fails" make --no-print-directory -s paper WHATIF="$dir/bad.tsv"
expect_status 2 "the driver exits 2 on a bad override" \
  env WHATIF_DIR="$dir/never" sh tools/whatif.sh "$dir/bad.tsv"
expect_ok "and builds nothing" test ! -e "$dir/never"
expect_status 2 "a missing file is refused" sh tools/whatif.sh "$dir/none.tsv"
sums > "$dir/after"
expect_ok "paper/ and figures/ are still untouched" cmp -s "$dir/before" "$dir/after"
done_testing
