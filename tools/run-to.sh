#!/bin/sh
# tools/run-to.sh [--ends-with LINE] FILE COMMAND [ARG...]
#
# COMMAND's standard output into FILE, atomically: it is written to a
# temporary file beside FILE (a name of its own, so that two builds at once do
# not share it) and renamed over FILE only if COMMAND succeeded, every write
# succeeded, and (with --ends-with) the last line is LINE.  Otherwise FILE is
# left as it was and the status is 1 -- never a truncated FILE with a fresh
# time stamp.  COMMAND writes into a pipe and `cat' writes the file, so that a
# full disk or a file-size limit is seen even when COMMAND ignores the
# failure of its own writes (noweave, notangle and gnuplot do).
set -u
last=
if [ "${1-}" = --ends-with ]; then last=$2; shift 2; fi
[ $# -ge 2 ] || { echo "usage: tools/run-to.sh [--ends-with LINE] FILE COMMAND..." >&2; exit 2; }
out=$1; shift
dir=$(dirname "$out")
mkdir -p "$dir" || exit 1
tmp=$(mktemp "$out.XXXXXX.tmp") || { echo "$out: cannot create a temporary file in $dir" >&2; exit 1; }
st=$tmp.status
trap 'rm -f "$tmp" "$st"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
{ "$@" || echo "$?" > "$st"; } | cat > "$tmp"
wrote=$?
if [ -e "$st" ]; then
  echo "$out: '$*' failed (exit status $(cat "$st"))" >&2; exit 1
fi
[ "$wrote" -eq 0 ] || { echo "$out: writing failed (disk full or file-size limit?)" >&2; exit 1; }
if [ -n "$last" ] && [ "$(tail -n 1 "$tmp")" != "$last" ]; then
  echo "$out: output of '$1' is incomplete (its last line is not '$last')" >&2; exit 1
fi
chmod 644 "$tmp" 2>/dev/null
mv -f "$tmp" "$out" || exit 1
