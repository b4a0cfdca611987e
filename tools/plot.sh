#!/bin/sh
# tools/plot.sh NAME DATE -- draw figures/NAME.tex and figures/NAME.pdf with
# gnuplot from tangled/plots/NAME.gp and figures/NAME.dat, atomically.
#
# gnuplot runs in paper/, where LaTeX runs, so the \includegraphics path that
# cairolatex writes into the .tex resolves.  It draws under a temporary name
# of this run's own; the picture is checked to be complete (gnuplot ignores a
# failed write), its path in the .tex is set to the final name, and cairo's
# creation date (cairo 1.16 ignores SOURCE_DATE_EPOCH) is overwritten, digit
# for digit so that the PDF's byte offsets stay valid, with DATE
# (YYYYMMDDhhmmss, the last commit's).  Then the PDF is renamed into place,
# and the .tex last: the .tex is make's target, so a kill at any moment leaves
# a .tex older than its data, which the next make draws again.
set -u
name=$1 date=$2
cd paper || exit 1
tmp=$(mktemp -d "../figures/.$name.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
t=$tmp/$name
gnuplot -e "outfile='$t.tex'; datafile='../figures/$name.dat'" \
  ../tangled/plots/style.gp "../tangled/plots/$name.gp" || exit 1
fail() { echo "figures/$name.tex: $*" >&2; exit 1; }
[ "$(tail -c 6 "$t.pdf" 2>/dev/null)" = '%%EOF' ] || fail "gnuplot wrote no complete figures/$name.pdf (disk full?)"
[ "$(tail -n 1 "$t.tex")" = '\endgroup' ] || fail "gnuplot wrote an incomplete figure (disk full?)"
sh ../tools/run-to.sh "$t.pdf.fixed" \
  perl -0777 -pe 's{(/CreationDate \(D:)\d{14}}{${1}'"$date"'}g' "$t.pdf" || exit 1
sh ../tools/run-to.sh --ends-with '\endgroup' "$t.tex.fixed" \
  sed "s|{$t}|{../figures/$name}|" "$t.tex" || exit 1
grep -q "{../figures/$name}" "$t.tex.fixed" || fail "no \\includegraphics of the picture"
mv -f "$t.pdf.fixed" "../figures/$name.pdf" && mv -f "$t.tex.fixed" "../figures/$name.tex"
