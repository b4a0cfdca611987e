#!/bin/sh
# tools/check-opt.sh [LEVEL...] -- the library, the program and the unit tests
# compile with -Werror at each optimisation level (default -O0 -O2 -O3 -Og),
# in both of their forms, each layer as one unit (as make builds them) and
# file by file (UNITS=no, as the sanitizer builds do), each in a directory
# of its own (tangled/opt/LEVEL, tangled/opt/LEVEL-files); then cppcheck reads the
# library (src/lib, src/data) and must report nothing.  `make check-opt';
# TAP, ends "N passed, N failed".
# Why each level: the warnings GCC gives depend on what it inlines and
# propagates -- -O3 sees through more calls (format truncation), -Og and -O0
# fewer (maybe-uninitialised values show up at some levels only) -- and a
# unit lets it see through calls between files.
set -u
cd "$(dirname "$0")/.." || exit 1
[ $# -gt 0 ] || set -- -O0 -O2 -O3 -Og
jobs=$(nproc 2>/dev/null || echo 2)
n=0 fail=0
ok()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); fail=$((fail + 1)); echo "not ok $n - $1"; }
mkdir -p tangled/opt
for level in "$@"; do
  for units in yes no; do
    d=tangled/opt/${level#-}
    what="as units"
    [ "$units" = yes ] || { d=$d-files; what="file by file"; }
    log=$d.log
    t0=$(date +%s)
    if make --no-print-directory -j"$jobs" OBJ="$d/obj" BIN="$d/bin" LIBA="$d/lib/libmumag.a" \
         UNITS=$units CFLAGS="$level -g" WRITER_CFLAGS="$level -g" \
         "$d/bin/mumag" "$d/bin/mumag-test-lib" "$d/bin/mumag-test" > "$log" 2>&1
    then ok "library, program and tests build with -Werror at $level, $what ($(( $(date +%s) - t0 )) s)"
    else
      not_ok "library, program and tests build with -Werror at $level, $what"
      grep -v '^  \(CC\|LD\|AR\|TANGLE\) ' "$log" | head -n 30 | sed 's/^/# /'
    fi
  done
done

# cppcheck: the classes that find faults (not style); line numbers are
# mumag.nw's, through the #line directives of the tangled files.
if command -v cppcheck > /dev/null 2>&1; then
  log=tangled/opt/cppcheck.log
  if cppcheck --quiet --std=c11 --enable=warning,portability,performance \
       --error-exitcode=1 -D_POSIX_C_SOURCE=200809L -DMM_DATADIR='"data"' -Itangled/src \
       tangled/src/lib tangled/src/data > "$log" 2>&1 && [ ! -s "$log" ]
  then ok "cppcheck reports nothing on the library"
  else
    not_ok "cppcheck reports nothing on the library"
    head -n 30 "$log" | sed 's/^/# /'
  fi
else
  not_ok "cppcheck is installed (apt-get install cppcheck; tools/deps.sh check)"
fi
echo "1..$n"
echo "$((n - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
