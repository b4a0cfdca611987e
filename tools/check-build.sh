#!/bin/sh
# tools/check-build.sh -- the build's promises, checked in two temporary
# copies of the tree (`make check-repro'; TAP, ends "N passed, N failed").
#
#   1. Two clean builds -- one `make paper', one `make -j2 paper' at another
#      path, started a second later (both at once), its paper's writers and
#      commands compiled at the library's -O2 rather than the default -O0, and
#      every layer file by file rather than as one unit (UNITS=no) -- give
#      byte-identical PDFs, figures and numbers.
#   2. A second `make paper' has nothing to do.
#   3. A prose-only edit compiles no C, computes nothing, runs no gnuplot.
#   4. A failing `mumag numbers' (a bad row in data/) stops the build with a
#      file:line message, leaves paper/numbers.tex as it was (or absent), no
#      temporary file, and no stamp that would hide the failure next time;
#      repairing the row rebuilds the same bytes.
#   5. A change of the compiler's flags (CFLAGS, or CPPFLAGS, on the
#      command line, where they add to the Makefile's own) recompiles every
#      object; the same flags again compile
#      nothing.
# The copies hold the tracked and untracked (not ignored) files of the work
# tree, so uncommitted changes are checked too.
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/mumag-build.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0 fail=0
ok()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; }
check()  { d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
build()  { log=$1; shift; make --no-print-directory V=1 "$@" > "$log" 2>&1; } # build LOG ARGS...
elsewhere() { (export TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 LANG=de_DE.UTF-8; build "$@"); }

copy() { sh tools/copy-tree.sh "$1" || exit 1; }
a=$tmp/a b=$tmp/another/path/b
copy "$a"; copy "$b"

# 1. reproducible
# (The two at once, in their own copies: most of each is one pdflatex, one
# core; the second starts a second later.)
t0=$(date +%s)
build "$tmp/a.log" -C "$a" paper & pa=$!
sleep 1 # cairo's clock moves on
elsewhere "$tmp/b.log" -C "$b" -j2 WRITER_CFLAGS='-O2 -g1' UNITS=no paper & pb=$!
wait $pa; ra=$?; wait $pb; rb=$?
check "clean make paper" [ $ra -eq 0 ]
check "clean make -j2 paper, elsewhere, in another time zone and locale, writers at -O2, file by file" [ $rb -eq 0 ]
t1=$(date +%s)
echo "# two clean builds took $((t1 - t0)) s"
outputs=$(cd "$a" && ls paper/mumag.pdf paper/mumag.tex paper/numbers.tex paper/audit.tex \
  figures/*.pdf figures/*.tex figures/*.dat 2>/dev/null)
check "the builds wrote figures" [ "$(printf '%s\n' "$outputs" | grep -c '^figures/')" -gt 0 ]
for f in $outputs; do
  check "$f is byte-identical in the two builds" cmp -s "$a/$f" "$b/$f"
done
cp "$b/paper/mumag.pdf" "$tmp/good.pdf"

# 2. nothing to do the second time
build "$tmp/again.log" -C "$a" paper
check "a second make paper has nothing to do" \
  sh -c "grep -q 'Nothing to be done' '$tmp/again.log' && [ \$(wc -l < '$tmp/again.log') -eq 1 ]"

# 3. prose-only edit
cp "$a/mumag.nw" "$tmp/mumag.nw"
sed -i '0,/^\\begin{document}/s//&\nA sentence added by the build check./' "$a/mumag.nw"
check "the prose edit was made" sh -c "! cmp -s '$a/mumag.nw' '$tmp/mumag.nw'"
build "$tmp/prose.log" -C "$a" paper
check "make paper after a prose edit succeeds" [ $? -eq 0 ]
check "a prose edit compiles no C" sh -c "! grep -e ' -c -o ' -e ' -o tangled/bin/' '$tmp/prose.log'"
check "a prose edit computes nothing" sh -c "! grep -E 'mumag (numbers|audit|figdata)' '$tmp/prose.log'"
check "a prose edit runs no gnuplot" sh -c "! grep -q -e gnuplot -e tools/plot.sh '$tmp/prose.log'"
check "a prose edit typesets again" grep -q -e latexmk -e tools/typeset.sh "$tmp/prose.log"

# 4. a failing mumag numbers
cp "$b/paper/numbers.tex" "$tmp/numbers.tex"
cp "$b/data/claims.tsv" "$tmp/claims.tsv"
[ -z "$(tail -c 1 "$b/data/claims.tsv")" ] || echo >> "$b/data/claims.tsv"
printf 'broken\trow\n' >> "$b/data/claims.tsv"
line=$(wc -l < "$b/data/claims.tsv")
build "$tmp/fail.log" -C "$b" paper
check "a bad data row stops make paper" [ $? -ne 0 ]
check "with the message data/claims.tsv:$line: ..." grep -q "data/claims.tsv:$line: " "$tmp/fail.log"
check "paper/numbers.tex is left as it was" cmp -s "$b/paper/numbers.tex" "$tmp/numbers.tex"
check "no temporary file is left" [ -z "$(find "$b/paper" "$b/figures" -name '*.tmp')" ]
check "the next make paper fails again" sh -c "! make -C '$b' paper > /dev/null 2>&1"
rm -f "$b/paper/numbers.tex" "$b/paper/numbers.stamp"
make -C "$b" paper > /dev/null 2>&1
check "from scratch, a bad row leaves no paper/numbers.tex" [ ! -e "$b/paper/numbers.tex" ]
cp "$tmp/claims.tsv" "$b/data/claims.tsv"
check "after the repair make paper succeeds" build "$tmp/repair.log" -C "$b" paper
check "and gives the same PDF, byte for byte" cmp -s "$b/paper/mumag.pdf" "$tmp/good.pdf"

# 5. a change of flags
progs="tangled/bin/mumag tangled/bin/mumag-test tangled/bin/mumag-test-lib"
build "$tmp/flags0.log" -C "$b" $progs
stamp=$b/tangled/obj/.cflags
for how in "CFLAGS=-O2 -g -DMM_FLAGS_CHECK" "CPPFLAGS=-DMM_FLAGS_CHECK"; do
  sleep 1 # a stamp rewritten in the same second as the objects
  build "$tmp/flags.log" -C "$b" "$how" $progs # on the command line: added to the Makefile's
  check "make with $how succeeds" [ $? -eq 0 ]
  check "$how recompiles every object" sh -c "[ -n \"\$(find '$b/tangled/obj' -name '*.o')\" ] \
    && [ -z \"\$(find '$b/tangled/obj' -name '*.o' ! -newer '$stamp')\" ]"
  build "$tmp/flags2.log" -C "$b" "$how" $progs
  check "the same $how again compiles nothing" sh -c "! grep -e ' -c -o ' -e ' -o tangled/bin/' '$tmp/flags2.log'"
  build "$tmp/flags0.log" -C "$b" $progs
done

[ "$fail" -eq 0 ] || { echo "# logs:"; tail -n 20 "$tmp"/*.log | sed 's/^/# /'; }
echo "1..$n"
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
