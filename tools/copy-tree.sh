#!/bin/sh
# tools/copy-tree.sh DIR -- a clean copy of this work tree in DIR, to build in:
# a clone of the last commit (so that the build sees its date and id), with
# the tracked and untracked (not ignored) files of the work tree laid over it,
# so that uncommitted changes count too.  No build product is copied.
set -eu
cd "$(dirname "$0")/.."
git clone -q "$(pwd)" "$1"
git ls-files -z --cached --others --exclude-standard |
  xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' _ |
  tar --null -T - -cf - | tar -xf - -C "$1"
