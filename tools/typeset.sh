#!/bin/sh
# tools/typeset.sh JOB -- paper/JOB.tex to paper/JOB.pdf with latexmk, so that
# no interruption or failure leaves a PDF that make takes as done.
#
# latexmk works in paper/latex/ (its .aux, .bbl, .log, .fdb_latexmk and the
# PDF it is writing); paper/JOB.pdf is replaced, by a rename, only by a
# complete PDF of a run that succeeded.  The file paper/latex/JOB.complete
# says that the last run of JOB there finished: if it is missing (the run was
# killed, the disk was full, a tool was missing), JOB's files there are
# removed first, so a truncated .aux or a stale .fdb_latexmk never decides
# the next run.  A run that fails from kept files is tried once more from
# none.  One typesetting at a time in a tree: a second build waits (a lock).
# BibTeX runs in paper/ (bibtex_fudge off), where \bibliography's path is.
set -u
job=${1:?usage: tools/typeset.sh JOB}
cd paper || exit 1
b=latex
LATEXMK="latexmk -pdf -outdir=$b -e \$bibtex_fudge=0 -halt-on-error -file-line-error -interaction=nonstopmode -quiet"
for t in latexmk pdflatex bibtex; do
  command -v "$t" > /dev/null 2>&1 || {
    echo "paper/$job.pdf: $t is not installed; run as root: sh tools/deps.sh" >&2; exit 1; }
done
mkdir -p "$b" || exit 1
exec 9> "$b/.lock" || exit 1
flock 9 || exit 1
tmp=
trap 'rm -f "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

report() { # the first error of LaTeX or BibTeX, in a few lines
  { sed -n '/^[^ ]*:[0-9]*:/,+3p' "$b/$job.log"
    grep -B2 -A1 -e '^I couldn.t' -e '---line [0-9]* of file' -e 'error message' "$b/$job.blg"
    grep -e '^Latexmk: ' -e "^sh: " -e 'not found' "$b/$job.latexmk.out" | head -n 5
  } 2>/dev/null | head -n 20 >&2
  echo "paper/$job.pdf: LaTeX failed; the whole story is in paper/$b/$job.log and paper/$b/$job.latexmk.out" >&2
}
complete() { [ "$(tail -c 6 "$b/$job.pdf" 2>/dev/null)" = '%%EOF' ]; }
run() { $LATEXMK "$job.tex" > "$b/$job.latexmk.out" 2>&1 && complete; }
forget() { rm -f "$b/$job".* || exit 1; }

# What latexmk wrote into paper/ itself before it worked in paper/latex/:
# TeX would read these (it looks in the current directory too).
for e in aux bbl blg toc out fls log fdb_latexmk latexmk.log lof lot; do rm -f "$job.$e"; done
fresh=no
[ -e "$b/$job.complete" ] || { forget; fresh=yes; }
rm -f "$b/$job.complete" || exit 1
if ! run; then
  [ "$fresh" = yes ] && { report; exit 1; }
  forget
  run || { report; exit 1; }
fi
tmp=$(mktemp "$job.pdf.XXXXXX.tmp") && cp "$b/$job.pdf" "$tmp" && chmod 644 "$tmp" &&
  mv -f "$tmp" "$job.pdf" || { echo "paper/$job.pdf: cannot write it (disk full?)" >&2; exit 1; }
touch "$b/$job.complete"
