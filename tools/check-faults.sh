#!/bin/sh
# tools/check-faults.sh -- the build under faults (`make check-faults'; TAP,
# ends "N passed, N failed").  The rule checked: after any interruption or
# failure, the next `make paper' either rebuilds the byte-identical PDF, with
# no manual cleaning, or stops with a clear message; it never takes a
# half-written file as up to date.
#
#   1. A clean build is interrupted at each stage (tangle, weave, compile,
#      figure data, gnuplot, pdflatex, BibTeX) with each of SIGINT, SIGTERM
#      and SIGKILL, sent to the build's whole process group (as Ctrl-C does;
#      SIGKILL as `kill -9' of the group: nothing gets to clean up).  Then
#      `make paper' must succeed, give the reference PDF and outputs byte for
#      byte, and `make -q paper' must then say that all is up to date.
#   2. A file-size limit (ulimit -f, with SIGXFSZ fatal and ignored) during
#      weave and during LaTeX: the build fails, names the file, leaves no
#      output; without the limit the next build gives the reference PDF.
#   3. Two `make paper' at once in one tree: both succeed, same PDF.
#   4. A truncated .aux, a broken pdflatex, a BibTeX error, each missing tool
#      (gnuplot, pdflatex, latexmk, BibTeX, noweb; pdflatex then restored),
#      a deleted or FIFO data table.
#
# FAULT_STAGES and FAULT_SIGNALS choose a subset of 1 (default: all);
# FAULT_PARTS a subset of the parts "interrupt limit twice other" (all).
# The copies hold the tracked and untracked (not ignored) files of the tree.
#
# Each case works in a copy of its own, so the cases run FAULT_JOBS at a time
# (default: the number of CPUs); most of a case is one pdflatex, which keeps
# one core busy.  The results are printed in the order of the cases, whatever
# the order they end in.  While the first cases (from the clean snapshot)
# run, one worker prepares the later snapshots and the reference build.
set -u
cd "$(dirname "$0")/.." || exit 1
self=$(pwd)/tools/check-faults.sh
stages=${FAULT_STAGES:-tangle weave compile figdata gnuplot pdflatex bibtex}
signals=${FAULT_SIGNALS:-INT TERM KILL}
parts=" ${FAULT_PARTS:-interrupt limit twice other} "
jobs=${FAULT_JOBS:-$(nproc 2>/dev/null || echo 2)}
part() { case $parts in *" $1 "*) return 0;; esac; return 1; }
# A case's results: "ok - WHAT" or "not ok - WHAT"; numbered when printed.
ok()     { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; }
check()  { what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
mk()     { make --no-print-directory "$@"; }

# Snapshots: S0 a clean tree; S1 compiled and woven; S2 every input of LaTeX;
# REF the reference build.  prepare writes S1, S2 and REF after S0 exists,
# then $tmp/prepared (its status); ready waits for it.
prepare() {
  cp -a "$tmp/s0" "$tmp/s1" && mk -C "$tmp/s1" -j2 tangled/bin/mumag paper/mumag.tex > "$tmp/s1.log" 2>&1 ||
    { echo "not ok - preparing a compiled tree"; tail "$tmp/s1.log"; return 1; }
  cp -a "$tmp/s1" "$tmp/s2" && mk -C "$tmp/s2" -j2 paper-inputs > "$tmp/s2.log" 2>&1 ||
    { echo "not ok - preparing a tree with every input of LaTeX"; tail "$tmp/s2.log"; return 1; }
  cp -a "$tmp/s2" "$tmp/ref" && mk -C "$tmp/ref" -j2 paper > "$tmp/ref.log" 2>&1 ||
    { echo "not ok - the reference build"; tail "$tmp/ref.log"; return 1; }
  (cd "$tmp/ref" && ls paper/mumag.pdf paper/mumag-physics.pdf paper/mumag.tex paper/numbers.tex paper/audit.tex \
    figures/*.pdf figures/*.tex figures/*.dat) > "$tmp/outputs"
}
ready() {
  while [ ! -e "$tmp/prepared" ]; do sleep 0.5; done
  [ "$(cat "$tmp/prepared")" = 0 ]
}
same() { # same DIR: DIR's outputs are the reference's, byte for byte
  ready || return 1
  for f in $(cat "$tmp/outputs"); do cmp -s "$tmp/ref/$f" "$1/$f" || { echo "# $f differs"; return 1; }; done
}
copy_of() { # copy_of SNAPSHOT DIR
  rm -rf "$2"
  [ "$1" = s0 ] || ready || return 1
  cp -a "$tmp/$1" "$2"
}
up_to_date() { mk -C "$1" -q paper; }

snapshot_of() {
  case $1 in tangle|weave|compile) echo s0;; figdata|gnuplot) echo s1;; *) echo s2;; esac
}
pattern_of() { # the command line of the stage's process, as an extended regex
  case $1 in
    tangle) echo 'tools/tangle';; weave) echo 'noweave';; compile) echo '/cc1 ';;
    figdata) echo 'mumag figdata';; gnuplot) echo '^gnuplot';;
    pdflatex) echo '(^|[ /])pdflatex ';; bibtex) echo '^bibtex ';;
  esac
}
group_alive() { [ -n "$(ps -o pid= -g "$1" 2>/dev/null)" ]; }

# interrupt DIR STAGE SIGNAL: start `make paper' in DIR in a process group
# of its own, wait for STAGE's process to appear, and send SIGNAL to the
# group; 0 if the stage was reached.  (A command started in the background
# by a script ignores SIGINT, and make keeps a SIGINT it found ignored: env
# gives the build the default action back, as in a terminal.)
interrupt() {
  dir=$1 pat=$(pattern_of "$2") sig=$3
  setsid env --default-signal=INT,QUIT make --no-print-directory -C "$dir" paper > "$dir.int.log" 2>&1 &
  g=$!; pgids="$pgids $g"; echo "$g" >> "$tmp/pgids"
  reached=no i=0
  while [ $i -lt 6000 ] && kill -0 "$g" 2>/dev/null; do
    if ps -o args= -g "$g" 2>/dev/null | grep -Eq -- "$pat"; then reached=yes; break; fi
    sleep 0.02; i=$((i + 1))
  done
  [ "$reached" = yes ] && sleep "0.0$(awk 'BEGIN { srand(); printf "%d", rand() * 9 }')"
  kill -s "$sig" -- "-$g" 2>/dev/null
  i=0; while group_alive "$g" && [ $i -lt 500 ]; do sleep 0.02; i=$((i + 1)); done
  kill -KILL -- "-$g" 2>/dev/null; wait "$g" 2>/dev/null
  [ "$reached" = yes ]
}

# interrupt_fresh DIR STAGE SIGNAL: interrupt a fresh copy of STAGE's
# snapshot; a stage as short as BibTeX's can end between two looks of the
# 20 ms poll, so a copy whose build ran past it is thrown away and the
# interruption tried again on a new one (three tries; the stage must be hit).
interrupt_fresh() {
  for try in 1 2 3; do
    copy_of "$(snapshot_of "$2")" "$1" || return 1
    interrupt "$1" "$2" "$3" && return 0
  done
  return 1
}

# 1. interruptions
interrupt_case() { # interrupt_case STAGE SIGNAL
  stage=$1 sig=$2
  d=$tmp/$stage-$sig
  check "SIG$sig during $stage: the build was interrupted there" interrupt_fresh "$d" "$stage" "$sig"
  check "SIG$sig during $stage: the next make paper succeeds" sh -c "make -C '$d' -j2 paper > '$d.log' 2>&1"
  check "SIG$sig during $stage: it gives the reference PDF and outputs" same "$d"
  check "SIG$sig during $stage: then make -q paper says all is up to date" up_to_date "$d"
  rm -rf "$d"
}

# 2. a file-size limit: fatal (SIGXFSZ) and ignored (the write fails)
limited() { # limited DIR BLOCKS fatal|ignored: make paper under ulimit -f
  if [ "$3" = ignored ]; then
    sh -c "trap '' XFSZ; ulimit -f $2; exec make --no-print-directory -C '$1' paper" > "$1.lim.log" 2>&1
  else
    sh -c "ulimit -f $2; exec make --no-print-directory -C '$1' paper" > "$1.lim.log" 2>&1
  fi
}
# limit_case WHAT SNAPSHOT FILE HOW: a limit of half FILE's size, while
# WHAT writes it, from SNAPSHOT; FILE is not left behind, then the repair.
limit_case() {
  d=$tmp/limit-$1-$4
  ready && copy_of "$2" "$d" || { not_ok "a file-size limit during $1 ($4): a copy of $2"; return; }
  limited "$d" $(($(wc -c < "$tmp/ref/$3") / 1024)) "$4"; r=$?  # 512-byte blocks
  check "a file-size limit during $1 ($4): the build fails" [ $r -ne 0 ]
  check "  and $3 is not left behind" [ ! -e "$d/$3" ]
  check "  the message names $3" grep -q "$3" "$d.lim.log"
  check "  without the limit the next build succeeds" sh -c "make -C '$d' -j2 paper > '$d.log' 2>&1"
  check "  and gives the reference PDF" same "$d"
  rm -rf "$d"
}

# 3. two builds at once in one tree, from scratch and from the inputs of LaTeX
twice_case() { # twice_case SNAPSHOT
  s=$1
  d=$tmp/twice-$s
  copy_of "$s" "$d" || { not_ok "two make paper at once ($s): a copy of $s"; return; }
  make --no-print-directory -C "$d" paper > "$d.1.log" 2>&1 & p1=$!
  make --no-print-directory -C "$d" paper > "$d.2.log" 2>&1 & p2=$!
  wait $p1; r1=$?; wait $p2; r2=$?
  check "two make paper at once ($s): both succeed" [ $r1 -eq 0 ] && [ $r2 -eq 0 ]
  check "  and give the reference PDF and outputs" same "$d"
  rm -rf "$d"
}

# 4. other faults
# without BIN TOOL...: fill the directory BIN (for PATH) with /usr/bin and
# /bin but TOOL...
without() {
  bin=$1; shift
  rm -rf "$bin" && mkdir -p "$bin" || return 1
  for f in /usr/bin/* /bin/*; do
    skip=no; for t in "$@"; do [ "${f##*/}" = "$t" ] && skip=yes; done
    [ $skip = yes ] || [ -e "$bin/${f##*/}" ] || ln -s "$f" "$bin/${f##*/}"
  done
}
written_since() { # written_since DIR MARK: the files of DIR newer than MARK
  find "$1" -type f -newer "$2" ! -name '*.log'
}
truncated_aux() {
  d=$tmp/aux
  copy_of ref "$d" || { not_ok "a truncated .aux: a copy of the reference build"; return; }
  truncate -s "$(($(wc -c < "$d/paper/latex/mumag.aux") / 2))" "$d/paper/latex/mumag.aux"
  rm -f "$d/paper/mumag.pdf"
  check "a truncated .aux: make paper succeeds" sh -c "make -C '$d' paper > '$d.log' 2>&1"
  check "  twice" sh -c "make -C '$d' paper > '$d.log' 2>&1"
  check "  with the reference PDF" same "$d"
  rm -rf "$d"
}

broken_tex() {
  d=$tmp/broken-tex bin=$tmp/broken-tex.bin
  copy_of s2 "$d" || { not_ok "a broken pdflatex: a copy of s2"; return; }
  mkdir -p "$bin" && printf '#!/bin/sh\necho "pdflatex: broken" >&2\nexit 1\n' > "$bin/pdflatex"
  chmod +x "$bin/pdflatex"
  check "a broken pdflatex: the build fails" sh -c "! PATH='$bin':\$PATH make -C '$d' paper > '$d.log' 2>&1"
  check "  saying LaTeX failed" grep -q 'paper/mumag.pdf: LaTeX failed' "$d.log"
  check "  once repaired, the next build succeeds" sh -c "make -C '$d' paper > '$d.log' 2>&1"
  check "  with the reference PDF" same "$d"
  rm -rf "$d" "$bin"
}

# A BibTeX error (an entry without the comma between two fields, which the
# table reader does not look at) is shown with its file and line.
bibtex_error() {
  d=$tmp/bibtex
  copy_of s2 "$d" || { not_ok "a BibTeX error: a copy of s2"; return; }
  printf '\n@misc{zzbroken,\n  title = {x}\n  year = {2004}\n}\n' >> "$d/data/references.bib"
  make --no-print-directory -C "$d" paper > "$d.log" 2>&1; r=$?
  check "a BibTeX error: make paper fails" [ $r -ne 0 ]
  check "  showing BibTeX's message with the line of data/references.bib" \
    grep -q -e "---line $(wc -l < "$d/data/references.bib") of file .*references.bib" -e "---line $(($(wc -l < "$d/data/references.bib") - 1)) of file .*references.bib" "$d.log"
  check "  and leaves no PDF" [ ! -e "$d/paper/mumag.pdf" ]
  rm -rf "$d"
}

# Each missing tool is named before any work starts, in one line, with the
# package that installs it; pdflatex, once restored, gives the reference PDF.
missing_tool() { # missing_tool TOOL:PACKAGE
  c=$1
  t=${c%:*} pkg=${c#*:}
  d=$tmp/no-$t bin=$tmp/no-$t.bin
  copy_of s2 "$d" || { not_ok "a missing $t: a copy of s2"; return; }
  touch "$d/mumag.nw" && sleep 1 && touch "$d.mark"
  without "$bin" "$t"
  PATH=$bin make --no-print-directory -C "$d" NO_INSTALL=1 paper > "$d.log" 2>&1; r=$?
  check "a missing $t: make paper fails" [ $r -ne 0 ]
  check "  before any work, in one line naming it and its package" \
    sh -c "[ \$(wc -l < '$d.log') -eq 1 ] && grep -q '$t is not installed; run as root: apt-get install $pkg' '$d.log'"
  check "  and nothing was written" [ -z "$(written_since "$d" "$d.mark")" ]
  if [ "$t" = pdflatex ]; then
    check "  restored, the next make paper succeeds" sh -c "make -C '$d' paper > '$d.2.log' 2>&1"
    check "  with the reference PDF" same "$d"
  fi
  rm -rf "$d" "$bin"
}

tangle_without_noweb() {
  bin=$tmp/tangle.bin
  without "$bin" notangle
  mkdir -p "$tmp/tangle"
  PATH=$bin sh tools/tangle.sh mumag.nw "$tmp/tangle" > "$tmp/tangle.log" 2>&1; r=$?
  check "tools/tangle.sh without noweb fails (it gave exit 0)" [ $r -ne 0 ]
  check "  naming notangle" grep -q 'notangle not found; is noweb installed' "$tmp/tangle.log"
  rm -rf "$tmp/tangle" "$bin"
}

no_table() {
  d=$tmp/no-table
  copy_of ref "$d" || { not_ok "a deleted data/limits.tsv: a copy of the reference build"; return; }
  rm "$d/data/limits.tsv"
  make --no-print-directory -C "$d" paper > "$d.log" 2>&1; r=$?
  check "a deleted data/limits.tsv: make paper fails" [ $r -ne 0 ]
  check "  in one line naming it and how to restore it" \
    sh -c "[ \$(wc -l < '$d.log') -eq 1 ] && grep -q 'data/limits.tsv: missing.*git checkout -- data/limits.tsv' '$d.log'"
  check "  and make -q paper does not say up to date" sh -c "! make -C '$d' -q paper 2>/dev/null"
  mkfifo "$d/data/limits.tsv"
  timeout 60 make --no-print-directory -C "$d" paper > "$d.log" 2>&1; r=$?
  check "a FIFO as data/limits.tsv: make paper fails, and does not hang" [ $r -ne 0 ] && [ $r -ne 124 ]
  check "  naming the file" grep -q 'data/limits.tsv: missing or not a regular file' "$d.log"
  rm -rf "$d"
}

# The cases, one a line, in the order their results are printed.
cases() {
  if part interrupt; then
    for stage in $stages; do
      for sig in $signals; do echo "interrupt_case $stage $sig"; done
    done
  fi
  if part limit; then
    for how in fatal ignored; do
      echo "limit_case weave s0 paper/mumag.tex $how"
      echo "limit_case LaTeX s2 paper/mumag.pdf $how"
    done
  fi
  part twice && echo "twice_case s0" && echo "twice_case s2"
  if part other; then
    echo truncated_aux; echo broken_tex; echo bibtex_error
    for c in gnuplot:gnuplot-nox pdflatex:texlive-latex-base latexmk:latexmk bibtex:texlive-binaries \
      notangle:noweb; do echo "missing_tool $c"; done
    echo tangle_without_noweb; echo no_table
  fi
}

# worker: take the next case nobody has taken (mkdir is the lock), run it
# into $tmp/case.N, mark it done; until none is left.  Killed, it kills the
# builds it started in process groups of their own.
worker() {
  pgids=
  trap 'for g in $pgids; do kill -KILL -- "-$g" 2>/dev/null; done' EXIT
  trap 'exit 143' TERM
  # (w_-names: the cases' functions share the shell's variables)
  w_no=0
  while read -r w_case; do
    w_no=$((w_no + 1))
    mkdir "$tmp/claim.$w_no" 2> /dev/null || continue
    w_t0=$(date +%s)
    { $w_case; echo "# ($w_case: $(($(date +%s) - w_t0)) s)"; } > "$tmp/case.$w_no" 2>&1 < /dev/null
    : > "$tmp/done.$w_no"
  done < "$tmp/cases"
}
case ${1:-} in
  --prepare) tmp=$2; prepare; exit;;
  --worker) tmp=$2; worker; exit 0;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mumag-faults.XXXXXX") || exit 1
: > "$tmp/pgids"
workers=
cleanup() {
  for w in $workers; do kill -TERM -- "-$w" 2>/dev/null; done
  for g in $(cat "$tmp/pgids" 2>/dev/null); do kill -KILL -- "-$g" 2>/dev/null; done
  for w in $workers; do wait "$w" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
cases > "$tmp/cases"
ncases=$(wc -l < "$tmp/cases")
sh tools/copy-tree.sh "$tmp/s0" || exit 1
# The first worker prepares the snapshots, then takes cases like the others;
# each worker is a process group of its own, so that it can be stopped whole.
setsid sh -c 'sh "$1" --prepare "$2" > "$2/prepare.out" 2>&1 < /dev/null; echo $? > "$2/prepared.tmp"
  mv "$2/prepared.tmp" "$2/prepared"; exec sh "$1" --worker "$2"' _ "$self" "$tmp" & workers=$!
w=1; while [ $w -lt "$jobs" ] && [ $w -lt "$ncases" ]; do
  setsid sh "$self" --worker "$tmp" & workers="$workers $!"; w=$((w + 1))
done

n=0 fail=0
number() { # number FILE: print FILE with its results numbered; count them
  while IFS= read -r line; do
    case $line in
      "ok - "*) n=$((n + 1)); printf 'ok %d - %s\n' $n "${line#ok - }";;
      "not ok - "*) n=$((n + 1)); fail=$((fail + 1)); printf 'not ok %d - %s\n' $n "${line#not ok - }";;
      *) printf '%s\n' "$line";;
    esac
  done < "$1"
}
while [ ! -e "$tmp/prepared" ]; do sleep 0.5; done
if [ "$(cat "$tmp/prepared")" != 0 ]; then
  number "$tmp/prepare.out"; echo "1..$n"; echo "$((n - fail)) passed, $fail failed"; exit 1
fi
alive() { for w in $workers; do kill -0 "$w" 2>/dev/null && return 0; done; return 1; }
i=1; while [ $i -le "$ncases" ]; do
  while [ ! -e "$tmp/done.$i" ] && alive; do sleep 0.5; done
  if [ -e "$tmp/done.$i" ]; then number "$tmp/case.$i"
  else echo "not ok - case $i ($(sed -n "${i}p" "$tmp/cases")) did not end" > "$tmp/lost"; number "$tmp/lost"; fi
  i=$((i + 1))
done

[ "$fail" -eq 0 ] || { echo "# logs:"; tail -n 8 "$tmp"/*.log 2>/dev/null | sed 's/^/# /'; }
echo "1..$n"
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
