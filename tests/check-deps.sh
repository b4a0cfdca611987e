#!/bin/sh
# tests/check-deps.sh -- the build's data edges are the true ones (TAP).
# For `mumag numbers' and for each figure's data: the files of data/ that the
# run opens, seen by strace (openat, with every child), are exactly the ones
# it records for make (MUMAG_DEPS), and the build's record in tangled/deps/
# says the same.  Then for every table: `make -n -W TABLE' (TABLE taken as
# changed, nothing touched) reruns exactly the programs whose record names
# it.  strace is the independent witness: the record comes from the data
# layer's own list.
cd "$(dirname "$0")/.." || exit 1
n=0
ok()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
bin=tangled/bin/mumag here=$(pwd)
if ! strace -f -qq -e trace=openat -o "$tmp/probe" true 2>/dev/null; then
  not_ok "strace runs (sh tools/deps.sh check installs it)"; echo "1..$n"; exit 0
fi
# files LOG: the data files a run opened, as the Makefile names them
opened() {
  sed -n 's/.*openat([^"]*"\([^"]*\)".*= [0-9][0-9]*$/\1/p' "$1" |
    sed -e "s|^$here/||" -e 's|^\./||' | grep '^data/' | LC_ALL=C sort -u
}
# declared FILE: the prerequisites of the rule in a record
declared() { sed -n 's/^\(data\/[^:]*\):$/\1/p' "$1" | LC_ALL=C sort -u; }
check_run() { # check_run NAME ARGS...
  name=$1; shift
  if MUMAG_DEPS="$tmp/$name.d target" strace -f -qq -e trace=openat -o "$tmp/$name.log" \
       "$bin" "$@" > /dev/null 2> "$tmp/$name.err"; then
    opened "$tmp/$name.log" > "$tmp/$name.opened"; declared "$tmp/$name.d" > "$tmp/$name.declared"
    if cmp -s "$tmp/$name.opened" "$tmp/$name.declared"; then
      ok "$name: the record names the $(wc -l < "$tmp/$name.opened") data files it opens"
    else
      not_ok "$name: opened and recorded differ: $(diff "$tmp/$name.opened" "$tmp/$name.declared" | grep '^[<>]' | tr '\n' ' ')"
    fi
    if [ -f "tangled/deps/$name.d" ] && declared "tangled/deps/$name.d" | cmp -s - "$tmp/$name.declared"; then
      ok "$name: the build's record says the same"
    else not_ok "$name: the build's record tangled/deps/$name.d says the same"; fi
  else
    not_ok "$name: the run succeeds ($(head -c 300 "$tmp/$name.err"))"
  fi
}
check_run numbers numbers --audit "$tmp/audit.tex"
for f in figures/*.dat; do
  [ -e "$f" ] || continue
  check_run "$(basename "$f" .dat)" figdata --figure "$(basename "$f" .dat)"
done
# Each table, taken as changed: the programs that rerun are those that read it.
for t in data/*.tsv data/references.bib; do
  want=$(for d in tangled/deps/*.d; do grep -qx "$t:" "$d" && basename "$d" .d; done | LC_ALL=C sort)
  got=$(env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make --no-print-directory -n -W "$t" paper-inputs 2>&1 |
        sed -n -e 's/.* figdata --figure \([^ ]*\).*/\1/p' -e 's/.*mumag numbers.*/numbers/p' | LC_ALL=C sort -u)
  if [ "$got" = "$want" ]; then ok "$t changed: make reruns $(echo $want | wc -w) programs, those that read it"
  else not_ok "$t changed: make reruns [$(echo $got)], the readers are [$(echo $want)]"; fi
done
echo "1..$n"
