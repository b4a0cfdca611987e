#!/bin/sh
# tests/check-install.sh -- `make install' into a fresh prefix, then an outside
# C program built with `pkg-config --cflags --libs mumag' against the
# installed library computes the magnetic cross section at one (E, T, mu),
# which must agree with the installed program's `mumag xsec' to 1e-9; the
# installed program reads its installed tables.
cd "$(dirname "$0")/.." || exit 1
p=$(mktemp -d) w=$(mktemp -d); trap 'rm -rf "$p" "$w"' EXIT
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
make -s install PREFIX="$p" >"$w/log" 2>&1; ok $? "make install PREFIX=tmp"
for f in lib/libmumag.a include/mumag/mumag.h lib/pkgconfig/mumag.pc bin/mumag \
         share/mumag/experiments.tsv share/man/man1/mumag.1; do
  test -s "$p/$f"; ok $? "installed $f"
done
cat > "$w/outside.c" <<'C'
#include <stdio.h>
#include <mumag.h>
int main(void) { printf("%.10g\n", mm_xsec_magnetic(1.0, 0.01, 1e-10)); return 0; }
C
flags=$(PKG_CONFIG_PATH="$p/lib/pkgconfig" pkg-config --cflags --libs --static mumag)
ok $? "pkg-config --cflags --libs mumag"
# shellcheck disable=SC2086
cc -std=c11 -o "$w/outside" "$w/outside.c" $flags >>"$w/log" 2>&1
ok $? "an outside program builds against the installed library"
lib=$("$w/outside")
prog=$(cd / && "$p/bin/mumag" xsec --E 1MeV --T 10keV --mu 1e-10 | sed -n 's/^dsdT_magnetic_cm2_per_MeV\t//p')
awk -v a="$lib" -v b="$prog" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(a > 0 && d <= 1e-9 * a) }'
ok $? "library ($lib) = installed program ($prog)"
# The installed program finds its tables beside itself (PREFIX/share/mumag),
# from any directory, with no variable set; a bad row put into the installed
# tables is named by its installed path.
(cd / && env -u MUMAG_DATA "$p/bin/mumag" audit > "$w/audit.tex") 2>>"$w/log"
ok $? "the installed program runs mumag audit from / with no MUMAG_DATA"
cmp -s "$w/audit.tex" paper/audit.tex; ok $? "and writes the paper's audit.tex"
printf 'broken\trow\n' >> "$p/share/mumag/claims.tsv"
msg=$(cd / && env -u MUMAG_DATA "$p/bin/mumag" audit 2>&1 >/dev/null)
case $msg in *"$p/share/mumag/claims.tsv:"*) ok 0 "it reads PREFIX/share/mumag";;
  *) ok 1 "it reads PREFIX/share/mumag (message: $msg)";; esac
PKG_CONFIG_PATH="$p/lib/pkgconfig" pkg-config --variable=datadir mumag | grep -qx "$p/share/mumag"
ok $? "mumag.pc names the data directory (datadir)"
[ -n "$(sed -n 1p "$w/log")" ] && sed 's/^/# /' "$w/log"
echo "1..$n"
