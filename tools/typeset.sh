#!/bin/sh
# tools/typeset.sh JOB [EDITION] -- paper/JOB.tex to paper/JOB.pdf with
# latexmk, so that no interruption or failure leaves a PDF that make takes as
# done; with EDITION, then paper/EDITION.tex, which quotes JOB's chunk labels
# (paper/JOB-chunks.tex, taken from JOB's .aux), to paper/EDITION.pdf.
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
#
# The two editions at once.  EDITION needs JOB's labels, so from nothing it
# is typeset after JOB.  When an earlier run of both finished, latexmk starts
# on EDITION beside JOB (on a second processor) from the labels it has; once
# JOB is done, its labels are written again; if they are the ones the early
# run read, its PDF is the one a run after JOB gives and is taken as it is,
# else EDITION is typeset once more (latexmk: a pass only if its inputs
# changed).  A prose edit thus costs about the wall time of JOB's pass alone.
#
# The packages of each edition's preamble (the part of the .tex up to
# \endofdump) are loaded from a format of their own, paper/latex/J-preamble.fmt,
# dumped by mylatexformat and remade only when that part of J.tex, or
# pdflatex, changes: a pass then starts at \endofdump instead of loading
# every package again (about 0.3 s of each pass).  The format is written
# under another name and renamed; a run that fails from kept files dumps it
# again too.
set -u
job=${1:?usage: tools/typeset.sh JOB [EDITION]}
edition=${2-}
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
tmp= early=
trap 'rm -f "$tmp"; [ -z "$early" ] || { kill "$early"; wait "$early"; } 2>/dev/null' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

report() { # the first error of LaTeX or BibTeX, in a few lines
  { sed -n '/^[^ ]*:[0-9]*:/,+3p' "$b/$1.log"
    grep -B2 -A1 -e '^I couldn.t' -e '---line [0-9]* of file' -e 'error message' "$b/$1.blg"
    grep -e '^Latexmk: ' -e "^sh: " -e 'not found' "$b/$1.latexmk.out" | head -n 5
  } 2>/dev/null | head -n 20 >&2
  echo "paper/$1.pdf: LaTeX failed; the whole story is in paper/$b/$1.log and paper/$b/$1.latexmk.out" >&2
}
complete() { [ "$(tail -c 6 "$b/$1.pdf" 2>/dev/null)" = '%%EOF' ]; }
run() { $LATEXMK -r "$b/$1.latexmkrc" "$1.tex" > "$b/$1.latexmk.out" 2>&1 && complete "$1"; }
forget() { rm -f "$b/$1".* "$b/$1-preamble".* || exit 1; }

# format J: paper/latex/J-preamble.fmt up to date, and latexmk told to use it
format() {
  f=$b/$1-preamble
  { pdflatex --version 2>&1 | head -n 1; sed -n '1,/^\\csname endofdump\\endcsname/p' "$1.tex"; } \
    > "$f.key.new" || exit 1
  grep -q '^\\csname endofdump\\endcsname' "$f.key.new" || {
    echo "paper/$1.tex: no \\csname endofdump\\endcsname after the packages" >&2; exit 1; }
  if ! { [ -e "$f.fmt" ] && cmp -s "$f.key.new" "$f.key"; }; then
    rm -f "$f.fmt" "$f.key" "$f.tmp.fmt" || exit 1
    pdflatex -ini -interaction=nonstopmode -halt-on-error -file-line-error -jobname="$1-preamble.tmp" \
      -output-directory="$b" '&pdflatex' mylatexformat.ltx "$1.tex" > "$f.out" 2>&1 &&
      [ -s "$f.tmp.fmt" ] && mv -f "$f.tmp.fmt" "$f.fmt" || {
        sed -n '/^[^ ]*:[0-9]*:/,+3p; /^! /,+3p' "$f.tmp.log" "$f.out" 2>/dev/null | head -n 12 >&2
        echo "paper/$1.pdf: LaTeX failed (dumping the format of its preamble); the whole story" \
          "is in paper/$f.tmp.log and paper/$f.out" >&2
        rm -f "$f.tmp.fmt"; exit 1; }
  fi
  mv -f "$f.key.new" "$f.key" || exit 1
  # (found through TEXFORMATS, by its name alone: with a path, pdflatex
  # would name its -recorder file after it, inside the output directory)
  printf '%s\n' "\$ENV{TEXFORMATS} = '$b:' . (\$ENV{TEXFORMATS} // '');" \
    "\$pdflatex = 'pdflatex -fmt=$1-preamble %O %S';" > "$b/$1.latexmkrc" || exit 1
}

# What latexmk wrote into paper/ itself before it worked in paper/latex/:
# TeX would read these (it looks in the current directory too).
strays() { for e in aux bbl blg toc out fls log fdb_latexmk latexmk.log lof lot; do rm -f "$1.$e"; done; }
# pdf J: paper/J.pdf, as described at the top
pdf() {
  strays "$1"
  fresh=no
  [ -e "$b/$1.complete" ] || { forget "$1"; fresh=yes; }
  rm -f "$b/$1.complete" || exit 1
  format "$1"
  if ! run "$1"; then
    [ "$fresh" = yes ] && { report "$1"; exit 1; }
    forget "$1"
    format "$1"
    run "$1" || { report "$1"; exit 1; }
  fi
  publish "$1"
}
# publish J: paper/J.pdf from the complete paper/latex/J.pdf, by a rename
publish() {
  tmp=$(mktemp "$1.pdf.XXXXXX.tmp") && cp "$b/$1.pdf" "$tmp" && chmod 644 "$tmp" &&
    mv -f "$tmp" "$1.pdf" || { echo "paper/$1.pdf: cannot write it (disk full?)" >&2; exit 1; }
  tmp=
  touch "$b/$1.complete"
}

# The early run of EDITION, if its last run finished (its files are then
# kept) and there is a second processor: latexmk in the background, with the
# interrupt restored that a background job ignores (so that Ctrl-C stops it
# too), its run marked complete only if it succeeded.
if [ -n "$edition" ] && [ -e "$b/$edition.complete" ] && [ -e "$job-chunks.tex" ] &&
   [ "$(nproc 2>/dev/null || echo 1)" -gt 1 ] && env --default-signal=INT true 2> /dev/null; then
  strays "$edition"
  rm -f "$b/$edition.complete" || exit 1
  format "$edition"
  cp "$job-chunks.tex" "$b/$edition.early-chunks" || exit 1 # the labels it reads
  env --default-signal=INT,QUIT $LATEXMK -r "$b/$edition.latexmkrc" "$edition.tex" \
    > "$b/$edition.early.latexmk.out" 2>&1 &
  early=$!
fi
pdf "$job"
[ -n "$edition" ] || exit 0
sh ../tools/run-to.sh "$job-chunks.tex" sed -n -e '/^.newsublabel/p' -e '/^.pendingsublabel/p' \
  -e 's/^.newlabel{/\\mmfulllabel{/p' "$b/$job.aux" || exit 1
if [ -n "$early" ]; then
  if wait "$early" && complete "$edition"; then
    # It read the labels JOB has now (a prose edit moves none): it is the run
    # after JOB already, and a second latexmk would only check that again.
    if cmp -s "$job-chunks.tex" "$b/$edition.early-chunks"; then
      early=; publish "$edition"; exit 0
    fi
    touch "$b/$edition.complete"
  fi
  early=
fi
pdf "$edition"
