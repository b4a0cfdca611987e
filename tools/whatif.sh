#!/bin/sh
# tools/whatif.sh FILE -- the what-if edition of the book (make "${WHATIF_GOAL:-paper}" WHATIF=FILE).
#
# Each line of FILE is table<TAB>id<TAB>column<TAB>value and overrides one cell
# of data/ (mumag.nw, "Asking what if"; lines starting with # are comments).
# The edition is built in whatif/: a copy of the work tree's sources (tracked
# and untracked, not ignored, as tools/copy-tree.sh takes them) with its own
# tangled/, figures/ and paper/, by the ordinary Makefile with MUMAG_WHATIF
# set, giving whatif/paper/mumag.pdf and whatif/paper/mumag-physics.pdf.
# paper/ and figures/ of the tree are not touched.  The overrides are checked
# first, by the program of the tree: a bad table, id, column or value is named
# with FILE's line, and the status is 2.  whatif/tangled/ is kept between
# what-if builds (make recompiles what changed); everything else is redone.
# For the tests: WHATIF_DIR (default whatif) is the directory of the copy,
# WHATIF_GOAL (default paper) the goal made in it.
set -u
[ $# -eq 1 ] || { echo "usage: tools/whatif.sh FILE" >&2; exit 2; }
case $1 in /*) f=$1;; *) f=$(pwd)/$1;; esac
cd "$(dirname "$0")/.." || exit 1
if ! [ -f "$f" ] || ! [ -r "$f" ]; then
  echo "WHATIF=$1: no such readable file" >&2; exit 2
fi
printf '  %-8s %s\n' WHATIF "$1 -> ${WHATIF_DIR:-whatif}/"
MUMAG_WHATIF=$f tangled/bin/mumag numbers > /dev/null || exit $?
out=${WHATIF_DIR:-whatif}
mkdir -p "$out" || exit 1
find "$out" -mindepth 1 -maxdepth 1 ! -name tangled -exec rm -rf {} + || exit 1
git ls-files -z --cached --others --exclude-standard |
  xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
  tar --null -T - -cf - | tar -xf - -C "$out" || exit 1
cp "$f" "$out/whatif.tsv" || exit 1
# A first what-if build starts from the tree's own tangled files and objects
# (times kept: make redoes only what is out of date), not from nothing.
[ -d "$out/tangled" ] || { mkdir -p "$out/tangled" && for d in tangled/*; do
  case $d in tangled/asan|tangled/fuzz) ;; *) cp -Rp "$d" "$out/tangled/";; esac
done; } || exit 1
# WHATIF= on the command line: the copy builds its paper, not another copy.
MUMAG_WHATIF=$f ${MAKE:-make} --no-print-directory -C "$out" "${WHATIF_GOAL:-paper}" WHATIF=
