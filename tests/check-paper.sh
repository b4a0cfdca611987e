#!/bin/sh
# tests/check-paper.sh -- end-to-end checks of the built paper (TAP).
cd "$(dirname "$0")/.." || exit 1
. tangled/tests/lib.sh
pdf=paper/mumag.pdf log=paper/latex/mumag.log

expect_ok "the PDF exists and has pages" sh -c "pdfinfo $pdf | grep -q '^Pages: *[1-9]'"
text=$(pdftotext -layout $pdf - 2>/dev/null)
case "$text" in *"??"*) not_ok "no ?? in the text (undefined reference or number)";;
                *) ok "no ?? in the text";; esac
if grep -q 'LaTeX Warning: There were undefined references\|Citation .* undefined\|Reference .* undefined' $log
then not_ok "no undefined references or citations in the log"
else ok "no undefined references or citations in the log"; fi
if grep -q '^Overfull \\hbox' $log; then
  not_ok "no overfull boxes ($(grep -c '^Overfull \\hbox' $log) in the log)"
else ok "no overfull boxes"; fi
# No LaTeX or package warning is left unread: each one that appears must be
# looked at and fixed (or this list of accepted ones extended with a reason).
warns=$(grep -c 'Warning' $log)
if [ "$warns" -eq 0 ]; then ok "no LaTeX or package warnings in the log"
else not_ok "no LaTeX or package warnings ($warns, e.g. $(grep -m1 'Warning' $log))"; fi
# Every figure that gnuplot drew is included in the PDF.
for f in figures/*.pdf; do
  name=$(basename "$f")
  if grep -q "<\.\./figures/$name" $log || grep -q "figures/$name" $log
  then ok "figure $name is included"; else not_ok "figure $name is included"; fi
done
expect_ok "the review is in the bibliography" grep -q 'bibitem{wong2004}' paper/latex/mumag.bbl
# BibTeX read every entry: no syntax error, no repeated key (a merge that
# loses a brace silently drops the entries after it).
if grep -q 'error message' paper/latex/mumag.blg; then
  not_ok "BibTeX reports no errors ($(grep -m1 -B3 'error message' paper/latex/mumag.blg | head -1))"
else ok "BibTeX reports no errors"; fi
dups=$(grep -o '^@[a-zA-Z]*{[^,]*' data/references.bib | sed 's/.*{//' | sort | uniq -d)
if [ -z "$dups" ]; then ok "no key appears twice in references.bib"
else not_ok "keys appear twice in references.bib: $dups"; fi
# Every root chunk is one the build knows; a misspelled chunk name becomes a
# stray root, which this catches.
stray=$(noroots mumag.nw | sed 's/^<<\(.*\)>>$/\1/' | grep -v -E '^(src/[a-z0-9-]+\.[ch]|plots/[a-z0-9-]+\.gp|tests/[a-z0-9-]+\.sh)$')
if [ -z "$stray" ]; then ok "every root chunk is a source, plot or test file"
else not_ok "stray root chunks: $stray"; fi
done_testing
