#!/bin/sh
# tools/deps.sh [build|check] -- make sure every tool and library a step uses
# is present.  `build' (the default; `make paper' calls it) is what tangling,
# compiling, computing, plotting and typesetting need; `check' adds what the
# longer checks need (clang, valgrind, the fuzzer runtime); .ci/run installs
# both.
# Each line below pairs a test with the Debian package that satisfies it.  When
# something is missing: as root, install it (apt-get); otherwise print the exact
# apt-get line to run and fail, so that the build never stops half way with
# "command not found".
set -u
what=${1:-build}
case $what in build|check) ;; *) echo "usage: tools/deps.sh [build|check]" >&2; exit 2;; esac
missing=""
need() { # need PACKAGE TEST...  (each package is listed once)
  pkg=$1; shift
  if ! "$@" >/dev/null 2>&1; then
    case " $missing " in *" $pkg "*) ;; *) missing="$missing $pkg";; esac
  fi
}
have_file() { test -e "$1"; }
have_sty() { kpsewhich "$1" | grep -q .; }

need gcc            command -v cc
need make           command -v make
need noweb          command -v notangle
need gnuplot-nox    command -v gnuplot
need libgsl-dev     have_file /usr/include/gsl/gsl_integration.h
need libcmocka-dev  have_file /usr/include/cmocka.h
need pkg-config     command -v pkg-config
need latexmk        command -v latexmk
need texlive-latex-base        command -v pdflatex
need texlive-latex-base        have_sty hyperref.sty
need texlive-latex-recommended have_sty booktabs.sty
need texlive-latex-extra       have_sty cleveref.sty
need texlive-latex-extra       have_sty mylatexformat.ltx   # tools/typeset.sh: the preamble's format
need texlive-science           have_sty siunitx.sty
need texlive-pictures          have_sty tikz-feynman.sty
need texlive-fonts-recommended have_sty helvet.sty
need lmodern                   have_sty lmodern.sty
need poppler-utils  command -v pdftotext
need python3        command -v python3
need perl           command -v perl
need libgsl-dev     pkg-config --exists gsl

# The fuzzer runtime, wherever this clang keeps it (no LLVM version in a path).
have_fuzzer() {
  f=$(clang -print-file-name=libclang_rt.fuzzer-x86_64.a 2>/dev/null) &&
    test -e "$f" && return 0
  f=$(clang -print-runtime-dir 2>/dev/null) && test -e "$f/libclang_rt.fuzzer.a"
}
# The Debian package that carries it: libclang-rt-N-dev for clang's major N.
fuzzer_pkg() {
  n=$(clang -dumpversion 2>/dev/null | cut -d. -f1)
  echo "libclang-rt-${n:-14}-dev"
}
if [ "$what" = check ]; then
  need python3-numpy  /usr/bin/python3 -c 'import numpy'   # make bench: the NumPy/SciPy side
  need python3-scipy  /usr/bin/python3 -c 'import scipy'
  need valgrind       command -v valgrind
  need strace         command -v strace   # tests/check-deps.sh: the files a run opens
  need time           have_file /usr/bin/time   # make bench; tests/cli-simulate.sh: peak memory
  need cppcheck       command -v cppcheck    # make check-opt
  need clang          command -v clang
  need "$(fuzzer_pkg)" have_fuzzer   # without clang yet: its default, 14
fi

[ -z "$missing" ] && exit 0
missing=${missing# }
line="apt-get install -y $missing"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "deps: installing missing Debian packages: $missing" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 && $line >&2 || {
    echo "deps: '$line' failed; see the messages above" >&2; exit 1; }
  exit 0
fi
echo "deps: missing Debian packages:$missing" >&2
echo "deps: run as root:  apt-get update && $line" >&2
exit 1
