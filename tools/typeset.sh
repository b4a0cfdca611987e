#!/bin/sh
# tools/typeset.sh -- paper/mumag.tex to paper/mumag.pdf with latexmk, so
# that no interruption or failure leaves a PDF that make takes as done.
#
# latexmk works in paper/latex/ (its .aux, .bbl, .log, .fdb_latexmk and the
# PDF it is writing); paper/mumag.pdf is replaced, by a rename, only by a
# complete PDF of a run that succeeded.  The file paper/latex/complete says
# that the last run there finished: if it is missing (the run was killed, the
# disk was full, a tool was missing), the directory is emptied first, so a
# truncated .aux or a stale .fdb_latexmk never decides the next run.  A run
# that fails from a kept directory is tried once more from an empty one.
# One typesetting at a time in a tree: a second build waits for the lock.
set -u
cd paper || exit 1
b=latex
LATEXMK="latexmk -pdf -outdir=$b -e \$bibtex_fudge=0 -halt-on-error -file-line-error -interaction=nonstopmode -quiet"
for t in latexmk pdflatex bibtex; do
  command -v "$t" > /dev/null 2>&1 || {
    echo "paper/mumag.pdf: $t is not installed; run as root: sh tools/deps.sh" >&2; exit 1; }
done
exec 9> .typeset.lock || exit 1
flock 9 || exit 1
tmp=
trap 'rm -f "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

report() { # the first error of LaTeX or BibTeX, in a few lines
  { sed -n '/^[^ ]*:[0-9]*:/,+3p' "$b/mumag.log"
    grep -B2 -A1 -e '^I couldn.t' -e '---line [0-9]* of file' -e 'error message' "$b/mumag.blg"
    grep -e '^Latexmk: ' -e "^sh: " -e 'not found' "$b/latexmk.out" | head -n 5
  } 2>/dev/null | head -n 20 >&2
  echo "paper/mumag.pdf: LaTeX failed; the whole story is in paper/$b/mumag.log and paper/$b/latexmk.out" >&2
}
complete() { [ "$(tail -c 6 "$b/mumag.pdf" 2>/dev/null)" = '%%EOF' ]; }
run() { $LATEXMK mumag.tex > "$b/latexmk.out" 2>&1 && complete; }

# What latexmk wrote into paper/ itself before it worked in paper/latex/:
# TeX would read these (it looks in the current directory too).
rm -f mumag.aux mumag.bbl mumag.blg mumag.toc mumag.out mumag.fls mumag.log \
  mumag.fdb_latexmk mumag.latexmk.log
[ -e "$b/complete" ] || rm -rf "$b"
fresh=no; [ -d "$b" ] || fresh=yes
mkdir -p "$b" && rm -f "$b/complete" || exit 1
if ! run; then
  [ "$fresh" = yes ] && { report; exit 1; }
  rm -rf "$b"; mkdir -p "$b" || exit 1
  run || { report; exit 1; }
fi
tmp=$(mktemp mumag.pdf.XXXXXX.tmp) && cp "$b/mumag.pdf" "$tmp" && chmod 644 "$tmp" &&
  mv -f "$tmp" mumag.pdf || { echo "paper/mumag.pdf: cannot write it (disk full?)" >&2; exit 1; }
touch "$b/complete"
