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
# A figure drawn from a table that is a lead as a whole (a "# lead:" line in
# its header) says so in its caption (a \mm{leads-...} macro, which prints the
# lead tables and rows): the tables a figure's data read are those its run
# recorded (tangled/deps/NAME.d).
for d in tangled/deps/*.d; do
  name=$(basename "$d" .d); [ "$name" = numbers ] && continue
  leads=$(for t in $(grep -o 'data/[A-Za-z0-9_.-]*\.tsv' "$d" | sort -u); do
    grep -q '^# lead:' "$t" && printf ' %s' "${t#data/}"; done)
  [ -n "$leads" ] || continue
  if awk -v f="{../figures/$name.tex}" 'index($0, "\\input" f) { on = 1 }
       on && /\\mm\{(epi-)?leads/ { found = 1 } on && /\\label\{/ { exit } END { exit !found }' paper/mumag.tex
  then ok "the caption of $name names its leads (${leads# })"
  else not_ok "the caption of $name names its leads (${leads# }): no \\mm{leads-...}"; fi
done
# The physics edition: the same book without its code, 40-90 pages, as clean
# a LaTeX run as the full edition's, and every chunk it elides linked into the
# full edition.
ppdf=paper/mumag-physics.pdf plog=paper/latex/mumag-physics.log
pages=$(pdfinfo $ppdf 2>/dev/null | sed -n 's/^Pages: *//p')
if [ -n "$pages" ] && [ "$pages" -ge 40 ] && [ "$pages" -le 90 ]
then ok "the physics edition has 40-90 pages ($pages)"
else not_ok "the physics edition has 40-90 pages (${pages:-no PDF})"; fi
if grep -q '\\nwbegincode\|\\nwendcode' paper/mumag-physics.tex
then not_ok "the physics edition contains no code chunk"
else ok "the physics edition contains no code chunk"; fi
# Its text has none of the marks a code chunk prints: no chunk definition
# line (a name in angle brackets before the defining sign), no "Defines:",
# "Uses" or "This code is used in" footers.  (The full edition has thousands.)
ptext=$(pdftotext $ppdf - 2>/dev/null)
if printf '%s\n' "$ptext" | grep -q -E '⟩ ?\+?≡|^Defines:|^Uses |This code is (used|written)|^Root chunk'
then not_ok "no code text in the physics edition ($(printf '%s\n' "$ptext" | grep -m1 -E '⟩ ?\+?≡|^Defines:|^Uses |This code is (used|written)|^Root chunk'))"
else ok "no code text in the physics edition"; fi
nmark=$(grep -o '\\mmcode{' paper/mumag-physics.tex | wc -l)
nchunk=$(grep -c '^\\newsublabel{NW' paper/mumag-chunks.tex)
if [ "$nmark" -gt 0 ] && [ "$(grep -o '\\mmcode{NW[^}]*}' paper/mumag-physics.tex | sed 's/.*{//; s/}//' | \
     while read -r l; do grep -q "newsublabel{$l}" paper/mumag-chunks.tex || echo "$l"; done)" = "" ]
then ok "every elided chunk marker names a chunk of the full edition ($nmark markers, $nchunk chunks)"
else not_ok "every elided chunk marker names a chunk of the full edition"; fi
if grep -q 'Warning\|^Overfull \\hbox' $plog
then not_ok "no LaTeX warnings or overfull boxes in the physics edition ($(grep -m1 'Warning\|^Overfull' $plog))"
else ok "no LaTeX warnings or overfull boxes in the physics edition"; fi
case "$ptext" in *"??"*) not_ok "no ?? in the physics edition";;
                 *) ok "no ?? in the physics edition";; esac
# Both editions list their figures and tables, and put the references
# before the appendices.
for e in mumag mumag-physics; do
  if pdftotext paper/$e.pdf - 2>/dev/null | grep -q 'List of Figures'
  then ok "$e.pdf has a list of figures"; else not_ok "$e.pdf has a list of figures"; fi
  if pdftotext paper/$e.pdf - 2>/dev/null | grep -q 'List of Tables'
  then ok "$e.pdf has a list of tables"; else not_ok "$e.pdf has a list of tables"; fi
  refs=$(pdftotext paper/$e.pdf - 2>/dev/null | tr -d '\f' | grep -n -m1 '^References$' | cut -d: -f1) # a page may begin with it
  app=$(pdftotext paper/$e.pdf - 2>/dev/null | grep -n "Audit of the review.*s claims$" | tail -1 | cut -d: -f1)
  if [ -n "$refs" ] && [ -n "$app" ] && [ "$refs" -lt "$app" ]
  then ok "$e.pdf has its references before the appendices"
  else not_ok "$e.pdf has its references before the appendices (References at line ${refs:-none}, Appendix A at ${app:-none})"; fi
done
# noweb says "never used" of an identifier no other chunk uses.  Helpers
# used only inside the chunk that defines them (file-static functions and
# tables) are therefore not indexed (no %def), so that the index never says
# "never used" of something that is used.
nu=$(pdftotext $pdf - 2>/dev/null | grep -o '[A-Za-z_0-9]*, never used' | sed 's/, never used//' | sort -u | tr '\n' ' ')
if [ -z "$nu" ]; then ok "no identifier is indexed as never used"
else not_ok "no identifier is indexed as never used: $nu(drop it from its %def if it is used only in its own chunk)"; fi
# Every root chunk is one the build knows; a misspelled chunk name becomes a
# stray root, which this catches.
stray=$(noroots mumag.nw | sed 's/^<<\(.*\)>>$/\1/' | grep -v -E '^(src/([a-z]+/)?[a-z0-9-]+\.[ch]|plots/[a-z0-9-]+\.gp|tests/[a-z0-9-]+\.sh)$')
if [ -z "$stray" ]; then ok "every root chunk is a source, plot or test file"
else not_ok "stray root chunks: $stray"; fi
# The filter on a made-up woven book: a codenote between two chunks goes with
# the code and the two chunks join into one marker; a physics sentence there
# keeps them apart; a codenote left open stops the filter.
chunk() { printf '\\nwbegincode{%s}\\sublabel{NW-%s}\\moddef{c%s~{\\nwtagstyle{}\\subpageref{NW-%s}}}\\endmoddef\nx;\n\\nwendcode{}' "$1" "$1" "$1" "$1"; }
docs() { printf '\\nwbegindocs{%s}\\nwdocspar\n%s\n\\nwenddocs{}' "$1" "$2"; }
book() { printf '\\documentclass[11pt,a4paper]{article}\n\\csname endofdump\\endcsname\n'; docs 0 "Physics."; chunk 1; docs 2 "$1"; chunk 3; docs 4 "End."; }
out=$(book '\begin{codenote}Why the second chunk follows.\end{codenote}' | perl tools/physics-edition.pl 2>&1)
case "$out" in
  *'\mmelided{\mmcode{NW-1}{c1}, \mmcode{NW-3}{c3}}'*)
    case "$out" in *"Why the second"*) not_ok "a codenote is dropped from the physics edition (it is still there)";;
                   *) ok "a codenote is dropped from the physics edition and its chunks join";; esac;;
  *) not_ok "a codenote is dropped from the physics edition and its chunks join: $(printf '%s' "$out" | grep -m1 mmelided)";;
esac
out=$(book 'A physics sentence.' | perl tools/physics-edition.pl 2>&1)
if [ "$(printf '%s\n' "$out" | grep -c '\\mmelided{')" -eq 2 ] && printf '%s' "$out" | grep -q 'A physics sentence'
then ok "a physics sentence between chunks stays and keeps two markers"
else not_ok "a physics sentence between chunks stays and keeps two markers"; fi
if book '\begin{codenote}open' | perl tools/physics-edition.pl >/dev/null 2>&1
then not_ok "an unclosed codenote stops the filter"
else ok "an unclosed codenote stops the filter"; fi
# The edition's definitions go after the preamble's \endofdump (a pass from
# the format starts there): a book without the mark is refused, with why.
out=$(book 'x' | grep -v endofdump | perl tools/physics-edition.pl 2>&1 >/dev/null); r=$?
if [ $r -ne 0 ] && printf '%s' "$out" | grep -q 'no .csname endofdump'
then ok "a book without the format's mark stops the filter, saying so"
else not_ok "a book without the format's mark stops the filter, saying so (exit $r: $out)"; fi
out=$(book 'x' | perl tools/physics-edition.pl 2>&1 | sed -n 2,3p)
case "$out" in *'\def\mmphysicsedition{}'*) ok "the edition's definitions follow the mark";;
  *) not_ok "the edition's definitions follow the mark: $out";; esac
# The appendices between the omit markers go, and the labels defined there
# are handed to the preamble (which takes them from the full edition).
out=$( { printf '\\documentclass[11pt,a4paper]{article}\n\\csname endofdump\\endcsname\n'
         docs 0 "Physics."; chunk 1
         printf '\\nwbegindocs{2}\\section{Program}\n%% physics-edition: omit from here\nProgram prose.\\label{app:x}\n'
         printf '\\nwenddocs{}'; chunk 3; printf '\\nwbegindocs{4}\n%% physics-edition: omit to here\nEnd.\n\\nwenddocs{}'; } |
       perl tools/physics-edition.pl 2>&1)
case "$out" in
  *"Program prose"*|*"{c3}"*) not_ok "the omitted appendices are left out of the physics edition";;
  *'\mmomittedlabels{app:x}'*'\mmomitted'*) ok "the omitted appendices are left out of the physics edition, their labels listed";;
  *) not_ok "the omitted appendices are left out of the physics edition, their labels listed: $(printf '%s' "$out" | head -3)";;
esac
if printf '%s\n' "$ptext" | grep -q '^C *The test suite$\|Fuzzing the readers'
then not_ok "the physics edition leaves out the program's and the tests' appendices"
else ok "the physics edition leaves out the program's and the tests' appendices"; fi
# The book's own code notes are in the full edition and not in the physics one.
nfull=$(grep -c 'begin{codenote}' paper/mumag.tex)
if [ "$nfull" -gt 0 ] && ! grep -q 'begin{codenote}' paper/mumag-physics.tex
then ok "the physics edition has none of the full edition's $nfull code notes"
else not_ok "the physics edition has none of the code notes"; fi
done_testing
