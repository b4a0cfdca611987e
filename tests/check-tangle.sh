#!/bin/sh
# tests/check-tangle.sh -- the one-pass tangler writes every root as noweb's
# notangle does, byte for byte (TAP): C sources as `notangle -L', the others
# as plain `notangle'; the roots are noroots'; and a file that did not change
# keeps its time.  notangle is the independent source: tools/tangle.pl only
# reimplements its expansion.
cd "$(dirname "$0")/.." || exit 1
n=0
ok()     { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
if sh tools/tangle.sh mumag.nw "$tmp/t" 2> "$tmp/err"; then ok "tools/tangle.sh runs"
else not_ok "tools/tangle.sh runs ($(head -c 300 "$tmp/err"))"; fi
noroots mumag.nw | sed -e 's/^<<//' -e 's/>>$//' | LC_ALL=C sort > "$tmp/want"
(cd "$tmp/t" && find . -type f ! -name .tangle.lock | sed 's|^\./||' | LC_ALL=C sort) > "$tmp/got"
if cmp -s "$tmp/want" "$tmp/got"; then ok "it writes the roots that noroots finds ($(wc -l < "$tmp/want"))"
else not_ok "it writes the roots that noroots finds: $(diff "$tmp/want" "$tmp/got" | head -5 | tr '\n' ' ')"; fi
bad=
while read -r r; do
  case $r in *.c) notangle -L -R"$r" mumag.nw;; *) notangle -R"$r" mumag.nw;; esac > "$tmp/one" 2>/dev/null
  cmp -s "$tmp/one" "$tmp/t/$r" || bad="$bad $r"
done < "$tmp/want"
if [ -z "$bad" ]; then ok "every root is byte for byte notangle's"
else not_ok "roots that differ from notangle's:$bad"; fi
# A second tangling of the same source replaces nothing.
touch -d '2000-01-01' "$tmp/t/src/mumag.h"
sh tools/tangle.sh mumag.nw "$tmp/t" 2>/dev/null
if [ "$(date -r "$tmp/t/src/mumag.h" +%Y)" = 2000 ]; then ok "an unchanged root keeps its time"
else not_ok "an unchanged root keeps its time"; fi
# An undefined chunk is an error naming it, and writes nothing.
printf '@ x\n<<a.c>>=\n<<nowhere>>\n@\n' > "$tmp/bad.nw"
if sh tools/tangle.sh "$tmp/bad.nw" "$tmp/b" 2> "$tmp/err"; then not_ok "an undefined chunk fails"
elif grep -q 'undefined chunk name: <<nowhere>>' "$tmp/err" && [ ! -e "$tmp/b/a.c" ]; then
  ok "an undefined chunk fails, is named, and writes nothing"
else not_ok "an undefined chunk is named and writes nothing ($(cat "$tmp/err"))"; fi
echo "1..$n"
