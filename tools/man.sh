#!/bin/sh
# tools/man.sh MUMAG VERSION -- the manual page mumag(1), made from the
# program's own --help texts (the overview and each command's), so that the
# page and the program cannot disagree.
set -eu
prog=$1 version=$2
esc() { sed -e 's/\\/\\e/g' -e 's/^\./\\\&./' -e "s/^'/\\\\\\&'/"; }
printf '.TH MUMAG 1 "" "mumag %s" "User Commands"\n' "$version"
printf '.SH NAME\nmumag \\- neutrino magnetic moments: cross sections, limits, the review audit\n'
printf '.SH SYNOPSIS\n.B mumag\n[\\fB\\-\\-data\\fR \\fIDIR\\fR]\n.I COMMAND\n[options]\n'
printf '.SH DESCRIPTION\n.nf\n'
"$prog" --help | esc
printf '.fi\n.SH COMMANDS\n'
"$prog" --help | sed -n 's/^  \([a-z][a-z]*\( [a-z][a-z]*\)\{0,1\}\)  .*/\1/p' |
while read -r cmd; do
  printf '.SS "mumag %s"\n.nf\n' "$cmd"
  # shellcheck disable=SC2086
  "$prog" $cmd --help | esc
  printf '.fi\n'
done
