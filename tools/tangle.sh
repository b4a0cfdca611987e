#!/bin/sh
# tools/tangle.sh NW DIR -- extract every root chunk of NW into DIR.
#
# One pass: noweb's markup reads NW once and tools/tangle.pl expands every
# root as notangle would (C sources as `notangle -L', so that the compiler,
# the debugger and GSL's error reports point at lines of NW).  A file is
# replaced only when its content changed (for C files, ignoring the #line
# directives, so that a prose edit recompiles nothing), through a temporary
# file and a rename.  Two tanglings of one tree at once take turns (a lock).
set -eu
nw=$1; dir=$2
here=$(dirname "$0")
# markup lives where notangle says (its LIB=...); /usr/lib/noweb by default.
nt=$(command -v notangle) || { echo "$nw: notangle not found; is noweb installed? (sh tools/deps.sh)" >&2; exit 1; }
lib=$(sed -n 's/^LIB=//p' "$nt" | head -n 1)
markup=${lib:-/usr/lib/noweb}/markup
[ -x "$markup" ] || { echo "$nw: $markup not found; is noweb installed? (sh tools/deps.sh)" >&2; exit 1; }
mkdir -p "$dir"
exec 9> "$dir/.tangle.lock"
flock 9
exec perl "$here/tangle.pl" "$nw" "$dir" "$markup"
