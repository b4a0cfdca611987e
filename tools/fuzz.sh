#!/bin/sh
# tools/fuzz.sh SECONDS FUZZER... -- run each libFuzzer program for SECONDS.
#
# FUZZER is tangled/fuzz/bin/fuzz-NAME.  Its seeds are tests/fuzz/NAME/ (read
# only), its dictionary tests/fuzz/NAME.dict if present; the inputs it finds
# go to tangled/fuzz/corpus/NAME/, a crashing input to
# tangled/fuzz/crash-NAME-*.  Any crash, memory error, undefined behaviour,
# leak or broken promise fails the run.
set -u
secs=$1; shift
cd "$(dirname "$0")/.." || exit 1
failed=0 n=0
for f in "$@"; do
  name=${f##*/fuzz-}; n=$((n + 1))
  corpus=tangled/fuzz/corpus/$name log=tangled/fuzz/$name.log
  mkdir -p "$corpus"
  dict=; [ -f "tests/fuzz/$name.dict" ] && dict=-dict=tests/fuzz/$name.dict
  if "$f" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
       -print_final_stats=1 -artifact_prefix="tangled/fuzz/crash-$name-" $dict \
       "$corpus" "tests/fuzz/$name" > "$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    size=$(ls "$corpus" | wc -l)
    printf 'fuzz %-8s ok: %s inputs in %s s, corpus %s\n' "$name" "$runs" "$secs" "$size"
  else
    failed=$((failed + 1))
    echo "fuzz $name FAILED; the end of $log:" >&2
    grep -v '^#\|^INFO\|^stat::' "$log" | tail -n 30 >&2
    for c in tangled/fuzz/crash-"$name"-*; do
      [ -e "$c" ] && echo "  replay: $f $c" >&2
    done
  fi
done
echo "fuzz: $n targets, $failed failed"
[ "$failed" -eq 0 ]
