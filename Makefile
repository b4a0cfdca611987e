# mumag -- one noweb source to a PDF and a green test run.
#
#   make paper   (default) tangle, build, compute, plot, weave, typeset
#   make check   build everything and run every test; ends "N passed, N failed"
#   make clean   remove everything generated
#
# The data flow is described in mumag.nw's appendix "How the document is
# built".  Every step is a rule with its real prerequisites; outputs that are
# regenerated but unchanged keep their timestamps (cpif), so that nothing
# downstream of them runs again.

SHELL        := /bin/sh
.DEFAULT_GOAL := paper
.DELETE_ON_ERROR:
.SUFFIXES:

NW      := mumag.nw
T       := tangled
BIN     := $(T)/bin
OBJ     := $(T)/obj
DATA    := $(wildcard data/*.tsv) data/references.bib

CC      ?= cc
CFLAGS  ?= -O2 -g
MM_CFLAGS = -std=c11 -Wall -Wextra -Werror -pedantic $(CFLAGS)
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -I$(T)/src -DMM_DATADIR='"$(CURDIR)/data"'
# GSL's flags from its pkg-config file (the plain -l list if it has none).
GSL_CFLAGS := $(shell pkg-config --cflags gsl 2>/dev/null)
GSL_LIBS   := $(or $(shell pkg-config --libs gsl 2>/dev/null),-lgsl -lgslcblas -lm)
CPPFLAGS += $(GSL_CFLAGS)
LDLIBS  += $(GSL_LIBS) -lm
TESTLIBS = -lcmocka

# Reproducible outputs: every date that ends up in a file is the last commit's.
export SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export FORCE_SOURCE_DATE := 1
export TZ := UTC
export LC_ALL := C

# Each step prints one short line (TANGLE, CC xsec.c, DATA fig4a, PLOT fig4a,
# WEAVE, TEX mumag.pdf, ...); `make V=1' prints the full commands instead.
# LaTeX writes into its log, which is shown only when it fails.
V ?= 0
ifeq ($(V),1)
  Q :=
  say :=
else
  Q := @
  say = @printf '  %-8s %s\n' '$(1)' '$(2)'
endif
# $(call pages,PDF): the closing line of a typeset PDF, with its page count.
pages = @printf '  %-8s %s, %s pages\n' PDF '$(1)' "$$(pdfinfo '$(1)' 2>/dev/null | sed -n 's/^Pages: *//p')"

# --- 0. tools --------------------------------------------------------------
# tools/deps.sh installs missing Debian packages (as root) or names them.
$(T)/.deps-ok: tools/deps.sh
	@sh tools/deps.sh build
	@mkdir -p $(T) && touch $@

# --- 1. tangle ---------------------------------------------------------------
# One stamp for all roots; each tangled file hangs off it with an empty recipe.
$(T)/.tangled: $(NW) tools/tangle.sh | $(T)/.deps-ok
	$(call say,TANGLE,$(NW))
	$(Q)sh tools/tangle.sh $(NW) $(T)
	@touch $@
$(T)/roots.mk: $(T)/.tangled ;

ifeq ($(filter clean,$(MAKECMDGOALS)),)
include $(T)/roots.mk
# The commit and date printed on the title page, rewritten only when they change.
BUILD_ID := $(shell git log -1 --format='%h' 2>/dev/null || echo unknown)$(shell \
  git diff --quiet HEAD -- 2>/dev/null || echo '+modified')
BUILD_DATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y-%m-%d)
$(shell mkdir -p paper; printf '\\mmset{build-commit}{\\texttt{%s}}\n\\mmset{build-date}{%s}\n' \
  '$(BUILD_ID)' '$(BUILD_DATE)' > paper/build.tex.tmp; \
  cmp -s paper/build.tex.tmp paper/build.tex || cp paper/build.tex.tmp paper/build.tex; \
  rm -f paper/build.tex.tmp)
endif

# The layers, chosen by the tangle root (see mumag.nw, "The shape of the
# program"): libmumag.a holds the data layer and the physics; the paper's
# writers and the command line are built on it.
LIB_SRC   := $(filter src/data/%.c src/lib/%.c,$(ROOTS))
PAPER_SRC := $(filter src/paper/%.c,$(ROOTS))
CLI_SRC   := $(filter-out src/cli/main.c,$(filter src/cli/%.c,$(ROOTS)))
PROG_SRC  := $(PAPER_SRC) $(CLI_SRC)
FUZZ_SRC  := $(filter src/fuzz-%.c,$(ROOTS))
LTEST_SRC := $(filter src/test/lib-%.c,$(ROOTS))
TEST_SRC  := $(filter-out src/test/lib-%.c,$(filter src/test/%.c,$(ROOTS)))
LIB_OBJ   := $(LIB_SRC:src/%.c=$(OBJ)/%.o)
PROG_OBJ  := $(PROG_SRC:src/%.c=$(OBJ)/%.o)
LTEST_OBJ := $(LTEST_SRC:src/%.c=$(OBJ)/%.o)
TEST_OBJ  := $(TEST_SRC:src/%.c=$(OBJ)/%.o)
LIBA      := $(T)/lib/libmumag.a
FIGS     := $(patsubst plots/%.gp,%,$(filter-out plots/style.gp,$(filter plots/%.gp,$(ROOTS))))
FIG_TEX  := $(FIGS:%=figures/%.tex)
TANGLED  := $(ROOTS:%=$(T)/%)

$(TANGLED): $(T)/.tangled ;

# --- 2. compile -----------------------------------------------------------
$(OBJ)/%.o: $(T)/src/%.c
	@mkdir -p $(@D)
	$(call say,CC,$(<:$(T)/src/%=%))
	$(Q)$(CC) $(CPPFLAGS) $(MM_CFLAGS) -MMD -MP -c -o $@ $<
-include $(wildcard $(OBJ)/*/*.d)

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(call say,AR,$@)
	$(Q)rm -f $@.tmp && $(AR) rcs $@.tmp $^ && mv -f $@.tmp $@
$(BIN)/mumag: $(PROG_OBJ) $(OBJ)/cli/main.o $(LIBA)
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(MM_CFLAGS) $(LDFLAGS) -o $@ $(PROG_OBJ) $(OBJ)/cli/main.o $(LIBA) $(LDLIBS)
# The library's unit tests link against libmumag.a and nothing else: a
# physics function that called up into the paper or the command line would
# not link (the link-time guard).
$(BIN)/mumag-test-lib: $(LTEST_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(MM_CFLAGS) $(LDFLAGS) -o $@ $(LTEST_OBJ) $(LIBA) $(TESTLIBS) $(LDLIBS)
$(BIN)/mumag-test: $(TEST_OBJ) $(PROG_OBJ) $(LIBA)
	@mkdir -p $(@D)
	$(call say,LD,$@)
	$(Q)$(CC) $(MM_CFLAGS) $(LDFLAGS) -o $@ $(TEST_OBJ) $(PROG_OBJ) $(LIBA) $(TESTLIBS) $(LDLIBS)

# --- 3. compute -----------------------------------------------------------
# $(call generate,COMMAND,FILE): run COMMAND into FILE through a temporary
# file; replace FILE only if its content changed (like cpif), and then by a
# rename, so that FILE is at every moment either the old or the new content.
# The caller's target is a stamp, so that an unchanged output does not rerun
# what depends on it.
define generate
@mkdir -p $(dir $(2))
$(Q)$(1) > $(2).tmp || { rm -f $(2).tmp; exit 1; }
@if cmp -s $(2).tmp $(2); then rm -f $(2).tmp; else mv -f $(2).tmp $(2); fi
@touch $@
endef

figures/%.stamp: $(BIN)/mumag $(DATA)
	$(call say,DATA,$*)
	$(call generate,$(BIN)/mumag figdata --figure $*,figures/$*.dat)
figures/%.dat: figures/%.stamp ;

paper/numbers.stamp: $(BIN)/mumag $(DATA)
	$(call say,NUMBERS,paper/numbers.tex)
	$(call generate,$(BIN)/mumag numbers,paper/numbers.tex)
paper/numbers.tex: paper/numbers.stamp ;

paper/audit.stamp: $(BIN)/mumag $(DATA)
	$(call say,AUDIT,paper/audit.tex)
	$(call generate,$(BIN)/mumag audit,paper/audit.tex)
paper/audit.tex: paper/audit.stamp ;

# --- 4. plot ----------------------------------------------------------------
# gnuplot runs in paper/, where LaTeX runs, so the \includegraphics path that
# cairolatex writes into figures/NAME.tex resolves.
# cairo (1.16) stamps each PDF with the time it was drawn and ignores
# SOURCE_DATE_EPOCH; the stamp is overwritten, digit for digit so that the
# PDF's byte offsets stay valid, with the last commit's date.
PDF_DATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y%m%d%H%M%S)
figures/%.tex: $(T)/plots/%.gp $(T)/plots/style.gp figures/%.dat
	$(call say,PLOT,$*)
	$(Q)cd paper && gnuplot -e "outfile='../figures/$*.tex'; datafile='../figures/$*.dat'" \
	  ../$(T)/plots/style.gp ../$(T)/plots/$*.gp || { rm -f ../figures/$*.pdf; exit 1; }
	@test -s figures/$*.pdf || { echo "$@: gnuplot wrote no figures/$*.pdf" >&2; exit 1; }
	@perl -0777 -pi -e 's{(/CreationDate \(D:)\d{14}}{$${1}$(PDF_DATE)}g' figures/$*.pdf

# --- 5. weave and typeset -------------------------------------------------
paper/mumag.tex: $(NW) | $(T)/.deps-ok
	$(call say,WEAVE,$@)
	$(Q)noweave -delay -index $(NW) > $@.tmp || { rm -f $@.tmp; exit 1; }
	$(Q)mv $@.tmp $@

LATEXMK := latexmk -pdf -halt-on-error -file-line-error -interaction=nonstopmode -quiet
paper/mumag.pdf: paper/mumag.tex paper/numbers.tex paper/audit.tex paper/build.tex $(FIG_TEX) data/references.bib
	$(call say,TEX,mumag.pdf)
	$(Q)cd paper && $(LATEXMK) mumag.tex > mumag.latexmk.log 2>&1 || \
	  { sed -n '/^[^ ]*:[0-9]*:/,+3p' mumag.log >&2; \
	    echo "$@: LaTeX failed; see paper/mumag.log" >&2; rm -f mumag.pdf; exit 1; }
	@touch $@
	$(call pages,$@)

# The physics edition: the same woven text without its code (each run of code
# chunks becomes a one-line marker linking into the full edition, whose chunk
# numbers it quotes from mumag.aux).
paper/mumag-physics.tex: paper/mumag.tex tools/physics-edition.pl
	$(call say,WEAVE,$@)
	$(Q)perl tools/physics-edition.pl < paper/mumag.tex > $@.tmp || { rm -f $@.tmp; exit 1; }
	$(Q)mv $@.tmp $@
paper/mumag-chunks.stamp: paper/mumag.pdf
	$(call say,LABELS,paper/mumag-chunks.tex)
	$(call generate,grep -E '^.(newsublabel|pendingsublabel)' paper/mumag.aux,paper/mumag-chunks.tex)
paper/mumag-chunks.tex: paper/mumag-chunks.stamp ;
paper/mumag-physics.pdf: paper/mumag-physics.tex paper/mumag-chunks.tex paper/numbers.tex paper/audit.tex paper/build.tex $(FIG_TEX) data/references.bib
	$(call say,TEX,mumag-physics.pdf)
	$(Q)cd paper && $(LATEXMK) mumag-physics.tex > mumag-physics.latexmk.log 2>&1 || \
	  { sed -n '/^[^ ]*:[0-9]*:/,+3p' mumag-physics.log >&2; \
	    echo "$@: LaTeX failed; see paper/mumag-physics.log" >&2; rm -f mumag-physics.pdf; exit 1; }
	@touch $@
	$(call pages,$@)

.PHONY: paper paper-inputs check check-asan check-valgrind check-repro fuzz bench ci clean
paper: paper/mumag.pdf paper/mumag-physics.pdf
# Everything LaTeX reads, without running it (`make bench' times the two apart).
# Naming the figures' data and stamps here also keeps make from treating them
# as intermediate files (which it would delete, or not rebuild when missing).
paper-inputs: paper/mumag.tex paper/numbers.tex paper/audit.tex paper/build.tex $(FIG_TEX) \
  $(FIGS:%=figures/%.dat) $(FIGS:%=figures/%.stamp)

# --- 6. test ------------------------------------------------------------------
check: paper $(BIN)/mumag-test $(BIN)/mumag-test-lib
	$(call say,TEST,tests/run.sh)
	$(Q)sh tests/run.sh

# --- 7. sanitizers, valgrind, fuzzing, reproducibility, speed -------------------
# A second build of the library, the program and the unit tests with
# AddressSanitizer and UBSan, in its own directory; the unit and command-line
# tests then run against it.  Any report stops the program (no recovery).
# (Without -Werror: the ordinary build is the gate for warnings, and GCC's
# sanitizer instrumentation is known for false -Wstringop-overflow alarms.)
SAN       := $(T)/asan
SAN_CC    ?= $(CC)
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1 -g
SAN_CFLAGS = -std=c11 -Wall -Wextra -pedantic $(SAN_FLAGS)
$(SAN)/obj/%.o: $(T)/src/%.c
	@mkdir -p $(@D)
	$(SAN_CC) $(CPPFLAGS) $(SAN_CFLAGS) -MMD -MP -c -o $@ $<
-include $(wildcard $(SAN)/obj/*/*.d)
SAN_LIB := $(LIB_SRC:src/%.c=$(SAN)/obj/%.o)
SAN_PROG := $(PROG_SRC:src/%.c=$(SAN)/obj/%.o)
$(SAN)/bin/mumag: $(SAN_PROG) $(SAN)/obj/cli/main.o $(SAN_LIB)
	@mkdir -p $(@D)
	$(SAN_CC) $(SAN_FLAGS) -o $@ $^ $(LDLIBS)
$(SAN)/bin/mumag-test-lib: $(LTEST_SRC:src/%.c=$(SAN)/obj/%.o) $(SAN_LIB)
	@mkdir -p $(@D)
	$(SAN_CC) $(SAN_FLAGS) -o $@ $^ $(TESTLIBS) $(LDLIBS)
$(SAN)/bin/mumag-test: $(TEST_SRC:src/%.c=$(SAN)/obj/%.o) $(SAN_PROG) $(SAN_LIB)
	@mkdir -p $(@D)
	$(SAN_CC) $(SAN_FLAGS) -o $@ $^ $(TESTLIBS) $(LDLIBS)
check-asan: $(SAN)/bin/mumag $(SAN)/bin/mumag-test $(SAN)/bin/mumag-test-lib paper-inputs
	ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh --bin $(SAN)/bin --no-paper

# The ordinary binaries under valgrind: any error, or a definite leak, fails.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
check-valgrind: $(BIN)/mumag $(BIN)/mumag-test $(BIN)/mumag-test-lib paper-inputs
	sh tests/run.sh --wrap "$(VALGRIND)" --no-paper

# libFuzzer targets (src/fuzz-NAME.c), built with clang, ASan and UBSan, each
# linked with the whole library; `make fuzz' runs each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_CC   ?= clang
FZ        := $(T)/fuzz
FUZZ_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -g -O1
FUZZ_BIN  := $(FUZZ_SRC:src/%.c=$(FZ)/bin/%)
$(FZ)/obj/%.o: $(T)/src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) -std=c11 -Wall -Wextra $(FUZZ_FLAGS) \
	  -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<
-include $(wildcard $(FZ)/obj/*.d $(FZ)/obj/*/*.d)
$(FUZZ_BIN): $(FZ)/bin/%: $(FZ)/obj/%.o $(LIB_SRC:src/%.c=$(FZ)/obj/%.o) $(PROG_SRC:src/%.c=$(FZ)/obj/%.o)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)
fuzz: $(FUZZ_BIN)
	sh tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

# Two clean builds in temporary copies of the tree (one with -j2, at another
# path) must agree byte for byte; also the pipeline's promises (see the script).
check-repro:
	sh tools/check-build.sh

# Timings of the build and of the numerical kernels (median of several runs).
bench:
	sh tools/bench.sh

# What CI runs after installing the dependencies (.ci/run).
CI_FUZZ_SECONDS ?= 15
ci: check
	$(MAKE) check-asan
	$(MAKE) check-valgrind
	$(MAKE) fuzz FUZZ_SECONDS=$(CI_FUZZ_SECONDS)
	$(MAKE) check-repro

# --- 8. install --------------------------------------------------------------
# make install PREFIX=DIR [DESTDIR=...]: the library, its headers and
# pkg-config file, the program, its data tables and its manual page.
# Nothing of PREFIX is compiled in: the program finds its tables at run time
# (see mumag --help, "Data directory").
PREFIX  ?= /usr/local
VERSION := $(shell cat VERSION)
IDIR     = $(DESTDIR)$(PREFIX)
$(T)/mumag.pc: Makefile VERSION
	$(call say,GEN,$@)
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' \
	  'includedir=$${prefix}/include' '' 'Name: mumag' \
	  'Description: neutrino magnetic moment physics (the mumag library)' \
	  'Version: $(VERSION)' 'Requires.private: gsl' \
	  'Cflags: -I$${includedir}/mumag' 'Libs: -L$${libdir} -lmumag' \
	  'Libs.private: $(GSL_LIBS) -lm' > $@.tmp && mv -f $@.tmp $@
$(T)/mumag.1: $(BIN)/mumag tools/man.sh
	$(call say,MAN,$@)
	$(Q)sh tools/man.sh $(BIN)/mumag $(VERSION) > $@.tmp && mv -f $@.tmp $@
install: $(LIBA) $(BIN)/mumag $(T)/mumag.pc $(T)/mumag.1
	$(call say,INSTALL,$(IDIR))
	$(Q)mkdir -p $(IDIR)/lib/pkgconfig $(IDIR)/include/mumag/lib \
	  $(IDIR)/include/mumag/data $(IDIR)/bin $(IDIR)/share/mumag \
	  $(IDIR)/share/man/man1
	$(Q)cp $(LIBA) $(IDIR)/lib/ && cp $(T)/mumag.pc $(IDIR)/lib/pkgconfig/
	$(Q)cp $(T)/src/mumag.h $(IDIR)/include/mumag/
	$(Q)cp $(T)/src/lib/*.h $(IDIR)/include/mumag/lib/
	$(Q)cp $(T)/src/data/*.h $(IDIR)/include/mumag/data/
	$(Q)cp $(BIN)/mumag $(IDIR)/bin/ && cp $(T)/mumag.1 $(IDIR)/share/man/man1/
	$(Q)cp $(DATA) $(IDIR)/share/mumag/
.PHONY: install

clean:
	rm -rf $(T) figures
	cd paper && rm -f mumag.tex mumag.pdf mumag-physics.tex mumag-physics.pdf mumag-chunks.tex mumag-chunks.stamp numbers.tex numbers.stamp audit.tex audit.stamp build.tex *.tmp \
	  *.aux *.log *.out *.toc *.bbl *.blg *.fls *.fdb_latexmk *.nwi *.synctex.gz
