# mumag -- one noweb source to a PDF and a green test run.
#
#   make paper   (default) tangle, build, compute, plot, weave, typeset
#   make check   build everything and run every test; ends "N passed, N failed"
#   make clean   remove everything generated
#
# The data flow is described in mumag.nw's appendix "How the document is
# built".  Every step is a rule with its real prerequisites.  Every generated
# file is written under a temporary name and renamed into place only when it
# is complete (tools/run-to.sh, tools/plot.sh, tools/typeset.sh), so that an
# interruption, a full disk or a failed tool leaves the old file or none --
# never one that make takes as up to date; `make check-faults' checks it.

SHELL        := /bin/sh
.DEFAULT_GOAL := paper
.DELETE_ON_ERROR:
.SUFFIXES:

NW      := mumag.nw
VERSION := $(shell cat VERSION)
T       := tangled
BIN     := $(T)/bin
OBJ     := $(T)/obj
# The data files are the tracked ones (a deleted table is then an error, not
# a file make silently stops depending on); outside git, those present.
DATA    := $(sort $(or $(shell git ls-files data 2>/dev/null | grep -e '\.tsv$$' -e '\.bib$$'),\
             $(wildcard data/*.tsv) data/references.bib))

CC      ?= cc
# -g1: line tables, enough for backtraces and valgrind's reports; full debug
# information (-g, the variables' locations) costs an eighth of the compile,
# the bulk of a clean build's CPU outside LaTeX: ask for it when debugging
# (make CFLAGS='-O0 -g').  The debug level changes no instruction.
CFLAGS  ?= -O2 -g1
MM_CFLAGS = -std=c11 -Wall -Wextra -Werror -pedantic $(CFLAGS)
# The paper's writers and the commands (src/paper, src/cli) format what the
# library computes and take a few milliseconds of a build's run time; they are
# compiled without optimisation, which on a 2-CPU machine saves about a third
# of their compile time (1 s of CPU in a clean build).  The library keeps
# CFLAGS.  The outputs are the same byte for byte (make check-repro compares
# a build with the writers at -O2); tools/check-opt.sh builds them at every
# level.  (Simply expanded: the rule below sets CFLAGS from it.)
ifeq ($(origin WRITER_CFLAGS),undefined)
WRITER_CFLAGS := $(patsubst -O%,-O0,$(CFLAGS))
endif
# (No path is compiled in: the program finds its data directory at run time.)
# `override': flags given on the command line (make CPPFLAGS=...) are added
# to these, not put in their place.
override CPPFLAGS += -D_POSIX_C_SOURCE=200809L -I$(T)/src
# GSL's flags from its pkg-config file (the plain -l list if it has none).
GSL_CFLAGS := $(shell pkg-config --cflags gsl 2>/dev/null)
GSL_LIBS   := $(or $(shell pkg-config --libs gsl 2>/dev/null),-lgsl -lgslcblas -lm)
override CPPFLAGS += $(GSL_CFLAGS)
override LDLIBS  += $(GSL_LIBS) -lm
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

# Missing tools and data are named before any work starts, one line each,
# with what restores them.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
# (As root, tools/deps.sh installs what is missing first, unless NO_INSTALL=1;
# anyone else gets the one line, since they could not install it.)
TOOLS := notangle:noweb noweave:noweb gnuplot:gnuplot-nox latexmk:latexmk \
  pdflatex:texlive-latex-base bibtex:texlive-binaries flock:util-linux
# (One shell for the whole list, and one for the data files below: each
# $(shell) is a fork, and make reads this file on every run.)
missing_tools = $(strip $(shell for t in $(TOOLS); do \
  command -v "$${t%%:*}" > /dev/null 2>&1 || echo "$$t"; done))
ifneq ($(missing_tools),)
$(if $(NO_INSTALL),,$(if $(filter 0,$(shell id -u)),$(shell sh tools/deps.sh >&2)))
# (missing_tools is expanded again here: what deps.sh installed has gone.)
$(foreach t,$(missing_tools),$(error \
  $(word 1,$(subst :, ,$(t))) is not installed; run as root: apt-get install $(word 2,$(subst :, ,$(t)))))
endif
bad_data := $(shell for f in $(DATA); do test -f "$$f" && test -r "$$f" || echo "$$f"; done)
$(foreach f,$(bad_data),$(error \
  $(f): missing or not a regular file; restore it with: git checkout -- $(f)))
endif

# --- 1. tangle ---------------------------------------------------------------
# The roots (chunks defined and used nowhere, as noroots finds them) are read
# from mumag.nw when make reads this file, so that nothing waits for tangling
# but what it feeds (noweave does not).  tools/tangle.sh writes every root in
# one pass and keeps the time of those that did not change, so that the stamp
# .tangled marks a tangling and each tangled file's own time a change.  A
# tangled file that is missing makes the stamp out of date.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
ROOTS := $(shell awk '/^<<.*>>=$$/ { d = substr($$0, 3, length($$0) - 5); if (!(d in def)) \
  { def[d] = 1; order[n++] = d }; next } { s = $$0; while ((i = index(s, "<<")) > 0) \
  { s = substr(s, i + 2); j = index(s, ">>"); if (!j) break; use[substr(s, 1, j - 1)] = 1; \
  s = substr(s, j + 2) } } END { for (k = 0; k < n; k++) if (!(order[k] in use)) print order[k] }' \
  $(NW) | LC_ALL=C sort)
endif
TANGLED := $(ROOTS:%=$(T)/%)
$(T)/.tangled: $(NW) tools/tangle.sh tools/tangle.pl \
  $(if $(filter-out $(wildcard $(TANGLED)),$(TANGLED)),FORCE) | $(T)/.deps-ok
	$(call say,TANGLE,$(NW))
	$(Q)sh tools/tangle.sh $(NW) $(T)
	@touch $@
# A tangled file is as new as its last change.  Its recipe is empty but
# marked recursive (+): make then reads the file's time again after tangling
# (with no recipe at all, a parallel make could keep the time it read before
# and not recompile a file that tangling had just changed), and `make -n' or
# `make -q' takes an unchanged file as unchanged, not as remade.
$(TANGLED): $(T)/.tangled
	+$(nothing)
FORCE:

ifeq ($(filter clean,$(MAKECMDGOALS)),)
# The commit and date printed on the title page, rewritten only when they change.
BUILD_ID := $(shell git log -1 --format='%h' 2>/dev/null || echo unknown)$(shell \
  git diff --quiet HEAD -- 2>/dev/null || echo '+modified')
BUILD_DATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y-%m-%d)
# What `mumag --version' prints, in a generated header that main.c includes,
# rewritten only when it changes (so main.o depends on it for real).  The
# commit alone, without "+modified": an uncommitted edit then recompiles
# nothing, and two builds of one commit give the same program.
MM_COMMIT := $(or $(shell git log -1 --format=%h 2>/dev/null),unknown)
$(shell mkdir -p $(T)/src; t=$(T)/src/version.h.$$$$.tmp; \
  printf '\043define MM_VERSION "%s"\n\043define MM_COMMIT "%s"\n' '$(VERSION)' '$(MM_COMMIT)' > $$t \
  && { cmp -s $$t $(T)/src/version.h || mv -f $$t $(T)/src/version.h; }; rm -f $$t)
ifeq ($(WHATIF),)
$(shell mkdir -p paper; t=paper/build.tex.$$$$.tmp; \
  printf '\\mmset{build-commit}{\\texttt{%s}}\n\\mmset{build-date}{%s}\n' \
  '$(BUILD_ID)' '$(BUILD_DATE)' > $$t && { cmp -s $$t paper/build.tex || mv -f $$t paper/build.tex; }; \
  rm -f $$t)
endif
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

# --- 2. compile -----------------------------------------------------------
# Objects, dependency files and programs are written under a name of their
# own ($$$$, the shell's process id) and renamed: a kill leaves no half object.
# $(call compile,CC AND FLAGS) and $(call link,CC AND FLAGS,LIBS)
define compile
@mkdir -p $(@D)
$(Q)$(1) -MMD -MP -MT $@ -MF $@.$$$$.d -c -o $@.$$$$.tmp $< && mv -f $@.$$$$.d $(@:.o=.d) && mv -f $@.$$$$.tmp $@ \
  || { rm -f $@.$$$$.tmp $@.$$$$.d; exit 1; }
endef
define link
@mkdir -p $(@D)
$(Q)$(1) -o $@.$$$$.tmp $(filter %.o %.a,$^) $(2) && mv -f $@.$$$$.tmp $@ || { rm -f $@.$$$$.tmp; exit 1; }
endef
# $(call link_program,CC AND FLAGS,LIBS): with $(PROGRAM_LDFLAGS) if that links,
# else dynamically, with one line that says so and why (the linker's first)
define link_program
@mkdir -p $(@D)
$(Q){ $(if $(strip $(PROGRAM_LDFLAGS)),$(1) $(PROGRAM_LDFLAGS) -o $@.$$$$.tmp $(filter %.o %.a,$^) $(2) \
  2> $@.$$$$.err || { echo "  note     $(@F): $(PROGRAM_LDFLAGS) does not link \
  ($$(head -n 1 $@.$$$$.err)); linked dynamically" >&2;) \
  $(1) -o $@.$$$$.tmp $(filter %.o %.a,$^) $(2); $(if $(strip $(PROGRAM_LDFLAGS)),}) } \
  && mv -f $@.$$$$.tmp $@ && rm -f $@.$$$$.err || { rm -f $@.$$$$.tmp $@.$$$$.err; exit 1; }
endef

# The flags an object or program was made with, one stamp per build
# directory, rewritten only when they change: a changed CFLAGS or CPPFLAGS
# (or compiler) then rebuilds every object, a changed LDFLAGS or LDLIBS
# relinks every program, and anything else leaves them alone.
# $(call flags_stamp,FILE,TEXT)
flags_stamp = $(if $(filter clean,$(MAKECMDGOALS)),,$(shell mkdir -p $(dir $(1)) && \
  { [ "$$(cat $(1) 2>/dev/null)" = '$(subst ','\'',$(strip $(2)))' ] || \
    printf '%s\n' '$(subst ','\'',$(strip $(2)))' > $(1); }))

# The program is linked statically (PROGRAM_LDFLAGS), or as the tests are if
# the static libraries are missing: most of a short command's time is the
# dynamic loader's (the page faults and relocations of libgsl, libgslcblas,
# libm and libc: `mumag fc poisson --n 1000 --b 750' takes 1.1 ms of CPU
# linked dynamically, 0.8 ms statically, of which 0.1 ms is the interval).
# `make PROGRAM_LDFLAGS=' links it dynamically.
PROGRAM_LDFLAGS ?= -static
CC_STAMP := $(OBJ)/.cflags
LD_STAMP := $(BIN)/.ldflags
$(call flags_stamp,$(CC_STAMP),$(CC) $(CPPFLAGS) $(MM_CFLAGS) / $(WRITER_CFLAGS))
$(call flags_stamp,$(LD_STAMP),$(CC) $(MM_CFLAGS) $(LDFLAGS) $(LDLIBS) $(TESTLIBS) $(PROGRAM_LDFLAGS))

$(OBJ)/paper/%.o $(OBJ)/cli/%.o: CFLAGS = $(WRITER_CFLAGS)
$(OBJ)/%.o: $(T)/src/%.c $(CC_STAMP)
	$(call say,CC,$(<:$(T)/src/%=%))
	$(call compile,$(CC) $(CPPFLAGS) $(MM_CFLAGS))
# Each layer's files are compiled as one translation unit, $(OBJ)/LAYER/all.c,
# which includes them (written here, and rewritten only when the list of
# files changes): most files are short and spend most of their compile time
# reading the same headers, so the four units (data/ and lib/ at CFLAGS,
# paper/ and cli/ at WRITER_CFLAGS) take about half the CPU time of their 46
# files.  Each file still compiles alone: the sanitizer and fuzzing builds
# below compile them one by one, and so does `make UNITS=no' (make check-repro
# builds one copy so and compares the outputs byte for byte; check-opt builds
# both ways at every level).  A unit also depends on its files by name, for
# the first build, before the compiler has listed them in its .d file.
UNITS ?= yes
UNIT_LAYERS    := data lib paper cli
UNIT_SRC_data  := $(filter src/data/%.c,$(LIB_SRC))
UNIT_SRC_lib   := $(filter src/lib/%.c,$(LIB_SRC))
UNIT_SRC_paper := $(PAPER_SRC)
UNIT_SRC_cli   := $(CLI_SRC)
ifneq ($(UNITS),no)
LIB_OBJ  := $(OBJ)/data/all.o $(OBJ)/lib/all.o
PROG_OBJ := $(OBJ)/paper/all.o $(OBJ)/cli/all.o
ifeq ($(filter clean,$(MAKECMDGOALS)),)
$(shell $(foreach l,$(UNIT_LAYERS),mkdir -p $(OBJ)/$(l) && t=$(OBJ)/$(l)/all.c.$$$$.tmp && \
  { echo '/* The files of $(l)/ as one translation unit (written by the Makefile). */'; \
    for f in $(UNIT_SRC_$(l):src/%=%); do echo "\043include \"$$f\""; done; } > $$t && \
  { cmp -s $$t $(OBJ)/$(l)/all.c || mv -f $$t $(OBJ)/$(l)/all.c; }; rm -f $$t;))
endif
$(LIB_OBJ) $(PROG_OBJ): $(OBJ)/%/all.o: $(OBJ)/%/all.c $(CC_STAMP)
	$(call say,CC,$*/*.c (one unit))
	$(call compile,$(CC) $(CPPFLAGS) $(MM_CFLAGS))
$(foreach l,$(UNIT_LAYERS),$(eval $(OBJ)/$(l)/all.o: $(UNIT_SRC_$(l):%=$(T)/%)))
endif
# The objects of a layer that this build does not make (a build in the other
# form's, left in the same directory), removed before the archive or the
# program is made from the layer: they would otherwise sit beside the objects
# that are used, and the layers test reads every object of a layer.
# $(call drop_others,LAYERS,OBJECTS KEPT)
drop_others = @rm -f $(foreach o,$(filter-out $(2),$(wildcard $(1:%=$(OBJ)/%/*.o))),$(o) $(o:.o=.d))
-include $(wildcard $(OBJ)/*/*.d)

$(LIBA): $(LIB_OBJ)
	@mkdir -p $(@D)
	$(call say,AR,$@)
	$(call drop_others,data lib,$(LIB_OBJ))
	$(Q)rm -f $@.$$$$.tmp && $(AR) rcs $@.$$$$.tmp $^ && mv -f $@.$$$$.tmp $@ || { rm -f $@.$$$$.tmp; exit 1; }
$(OBJ)/cli/main.o $(T)/asan/obj/cli/main.o: $(T)/src/version.h
$(BIN)/mumag: $(LD_STAMP) $(PROG_OBJ) $(OBJ)/cli/main.o $(LIBA)
	$(call say,LD,$@)
	$(call drop_others,paper cli,$(PROG_OBJ) $(OBJ)/cli/main.o)
	$(call link_program,$(CC) $(MM_CFLAGS) $(LDFLAGS),$(LDLIBS))
# The library's unit tests link against libmumag.a and nothing else: a
# physics function that called up into the paper or the command line would
# not link (the link-time guard).
$(BIN)/mumag-test-lib: $(LD_STAMP) $(LTEST_OBJ) $(LIBA)
	$(call say,LD,$@)
	$(call link,$(CC) $(MM_CFLAGS) $(LDFLAGS),$(TESTLIBS) $(LDLIBS))
$(BIN)/mumag-test: $(LD_STAMP) $(TEST_OBJ) $(PROG_OBJ) $(LIBA)
	$(call say,LD,$@)
	$(call link,$(CC) $(MM_CFLAGS) $(LDFLAGS),$(TESTLIBS) $(LDLIBS))

# --- 3. compute -----------------------------------------------------------
# Each output is written by tools/run-to.sh: through a temporary file,
# renamed into place only if the program succeeded and every write did.
# (No stamps: `make -q' is then truthful.  An output regenerated unchanged
# reruns gnuplot, which is cheap, and latexmk, which compares contents.)
#
# Each run also records which data files it read (MUMAG_DEPS; see mumag.nw,
# "What a run read") in $(DEPS)/NAME.d, which make reads back: an output
# depends on the tables its program read and on no other.  Before the first
# run (no record yet) it depends on every table.
DEPS := $(T)/deps
-include $(wildcard $(DEPS)/*.d)
.SECONDEXPANSION:
all_data_unless = $(if $(wildcard $(DEPS)/$(1).d),,$(DATA))
figures/%.dat: $(BIN)/mumag tools/run-to.sh $$(call all_data_unless,$$*)
	$(call say,DATA,$*)
	@mkdir -p $(DEPS)
	$(Q)MUMAG_DEPS='$(DEPS)/$*.d $@' sh tools/run-to.sh $@ $(BIN)/mumag figdata --figure $*

# The numbers and the audit's table come from one run: the audit's values are
# half of what the numbers need (a grouped target: one recipe makes both).
paper/numbers.tex paper/audit.tex &: $(BIN)/mumag tools/run-to.sh $$(call all_data_unless,numbers)
	$(call say,NUMBERS,paper/numbers.tex paper/audit.tex)
	@mkdir -p $(DEPS)
	$(Q)MUMAG_DEPS='$(DEPS)/numbers.d paper/numbers.tex paper/audit.tex' \
	  sh tools/run-to.sh paper/numbers.tex $(BIN)/mumag numbers --audit paper/audit.tex

# --- 4. plot ----------------------------------------------------------------
# tools/plot.sh: gnuplot in paper/, under temporary names, checked, renamed;
# cairo's creation date replaced by the last commit's.
PDF_DATE := $(shell date -u -d @$(SOURCE_DATE_EPOCH) +%Y%m%d%H%M%S)
figures/%.tex: $(T)/plots/%.gp $(T)/plots/style.gp figures/%.dat tools/plot.sh tools/run-to.sh
	$(call say,PLOT,$*)
	$(Q)sh tools/plot.sh $* $(PDF_DATE)

# --- 5. weave and typeset -------------------------------------------------
# noweave ignores a failed write: its output must end with its last line.
paper/mumag.tex: $(NW) tools/run-to.sh | $(T)/.deps-ok
	$(call say,WEAVE,$@)
	$(Q)sh tools/run-to.sh --ends-with '\nwenddocs{}' $@ noweave -delay -index $(NW)

# The physics edition: the same woven text without its code (each run of code
# chunks becomes a one-line marker linking into the full edition, whose chunk
# numbers, and the labels of the appendices it leaves out, it quotes from
# mumag.aux, through paper/mumag-chunks.tex).
paper/mumag-physics.tex: paper/mumag.tex tools/physics-edition.pl tools/run-to.sh
	$(call say,WEAVE,$@)
	$(Q)sh tools/run-to.sh $@ sh -c 'perl tools/physics-edition.pl < paper/mumag.tex'

# tools/typeset.sh mumag mumag-physics: latexmk in paper/latex/, each PDF
# renamed into place when complete (a killed or failed run's leftovers are
# cleared by the next); the full edition, its labels, the physics edition --
# or, after a build that finished, the two editions at once (one recipe, so
# that the script can run them side by side).
paper/mumag.pdf paper/mumag-chunks.tex paper/mumag-physics.pdf &: paper/mumag.tex paper/mumag-physics.tex \
  paper/numbers.tex paper/audit.tex paper/build.tex $(FIG_TEX) data/references.bib tools/typeset.sh tools/run-to.sh
	$(call say,TEX,mumag.pdf mumag-physics.pdf)
	$(Q)sh tools/typeset.sh mumag mumag-physics
	$(call pages,paper/mumag.pdf)
	$(call pages,paper/mumag-physics.pdf)

.PHONY: FORCE paper paper-inputs check check-asan check-valgrind check-repro check-opt check-faults fuzz bench ci clean
# make paper WHATIF=FILE: the what-if edition, with the cells of data/ that
# FILE overrides, built in whatif/ by tools/whatif.sh; paper/ is left alone.
ifeq ($(WHATIF),)
paper: paper/mumag.pdf paper/mumag-physics.pdf
else
paper: $(BIN)/mumag tools/whatif.sh
	@sh tools/whatif.sh '$(abspath $(WHATIF))'
endif
# Everything LaTeX reads, without running it (`make bench' times the two apart).
# Naming the figures' data and stamps here also keeps make from treating them
# as intermediate files (which it would delete, or not rebuild when missing).
paper-inputs: paper/mumag.tex paper/numbers.tex paper/audit.tex paper/build.tex $(FIG_TEX) \
  $(FIGS:%=figures/%.dat)

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
# (Its flags stamps are written only when a goal builds there.)
ifneq ($(filter check-asan ci $(SAN)/%,$(MAKECMDGOALS)),)
$(call flags_stamp,$(SAN)/obj/.cflags,$(SAN_CC) $(CPPFLAGS) $(SAN_CFLAGS))
$(call flags_stamp,$(SAN)/bin/.ldflags,$(SAN_CC) $(SAN_FLAGS) $(LDLIBS) $(TESTLIBS))
endif
$(SAN)/obj/%.o: $(T)/src/%.c $(SAN)/obj/.cflags
	$(call compile,$(SAN_CC) $(CPPFLAGS) $(SAN_CFLAGS))
-include $(wildcard $(SAN)/obj/*/*.d)
SAN_LIB := $(LIB_SRC:src/%.c=$(SAN)/obj/%.o)
SAN_PROG := $(PROG_SRC:src/%.c=$(SAN)/obj/%.o)
$(SAN)/bin/mumag: $(SAN)/bin/.ldflags $(SAN_PROG) $(SAN)/obj/cli/main.o $(SAN_LIB)
	$(call link,$(SAN_CC) $(SAN_FLAGS),$(LDLIBS))
$(SAN)/bin/mumag-test-lib: $(SAN)/bin/.ldflags $(LTEST_SRC:src/%.c=$(SAN)/obj/%.o) $(SAN_LIB)
	$(call link,$(SAN_CC) $(SAN_FLAGS),$(TESTLIBS) $(LDLIBS))
$(SAN)/bin/mumag-test: $(SAN)/bin/.ldflags $(TEST_SRC:src/%.c=$(SAN)/obj/%.o) $(SAN_PROG) $(SAN_LIB)
	$(call link,$(SAN_CC) $(SAN_FLAGS),$(TESTLIBS) $(LDLIBS))
check-asan: $(SAN)/bin/mumag $(SAN)/bin/mumag-test $(SAN)/bin/mumag-test-lib paper-inputs
	ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1 sh tests/run.sh --bin $(SAN)/bin --no-paper

# The ordinary binaries under valgrind: any error, or a definite leak, fails.
# The program is linked dynamically here, from the same objects: memcheck
# replaces malloc and the string functions only in a shared libc.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite
VG       := $(T)/valgrind/bin
$(VG)/mumag: $(LD_STAMP) $(PROG_OBJ) $(OBJ)/cli/main.o $(LIBA)
	$(call say,LD,$@)
	$(call link,$(CC) $(MM_CFLAGS) $(LDFLAGS),$(LDLIBS))
$(VG)/mumag-test $(VG)/mumag-test-lib: $(VG)/%: $(BIN)/%
	@mkdir -p $(@D) && ln -sf ../../bin/$* $@
check-valgrind: $(VG)/mumag $(VG)/mumag-test $(VG)/mumag-test-lib paper-inputs
	sh tests/run.sh --bin $(VG) --wrap "$(VALGRIND)" --no-paper

# libFuzzer targets (src/fuzz-NAME.c), built with clang, ASan and UBSan, each
# linked with the whole library; `make fuzz' runs each for FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_CC   ?= clang
FZ        := $(T)/fuzz
FUZZ_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -g -O1
FUZZ_BIN  := $(FUZZ_SRC:src/%.c=$(FZ)/bin/%)
ifneq ($(filter fuzz ci $(FZ)/%,$(MAKECMDGOALS)),)
$(call flags_stamp,$(FZ)/obj/.cflags,$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_FLAGS))
$(call flags_stamp,$(FZ)/bin/.ldflags,$(FUZZ_CC) $(FUZZ_FLAGS) $(LDLIBS))
endif
$(FZ)/obj/%.o: $(T)/src/%.c $(FZ)/obj/.cflags
	$(call compile,$(FUZZ_CC) $(CPPFLAGS) -std=c11 -Wall -Wextra $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link)
-include $(wildcard $(FZ)/obj/*.d $(FZ)/obj/*/*.d)
$(FUZZ_BIN): $(FZ)/bin/%: $(FZ)/obj/%.o $(FZ)/bin/.ldflags $(LIB_SRC:src/%.c=$(FZ)/obj/%.o) $(PROG_SRC:src/%.c=$(FZ)/obj/%.o)
	$(call link,$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,$(LDLIBS))
fuzz: $(FUZZ_BIN)
	sh tools/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

# Two clean builds in temporary copies of the tree (one with -j2, at another
# path) must agree byte for byte; also the pipeline's promises (see the script).
check-repro:
	sh tools/check-build.sh

# The library, program and tests with -Werror at -O0, -O2, -O3 and -Og, and
# cppcheck on the library (about two minutes on two cores).
check-opt: $(T)/.tangled
	sh tools/check-opt.sh

# Interruptions (each signal at each stage), a file-size limit, two builds at
# once, a truncated .aux, a broken or missing tool, a deleted or FIFO table:
# the next make paper gives the same PDF, or the build stops with one line.
check-faults:
	sh tools/check-faults.sh

# Timings of the build and of the numerical kernels (median of several runs).
bench:
	sh tools/bench.sh

# What CI runs after installing the dependencies (.ci/run): each stage in
# turn, its programs first built two jobs at a time, then one line with the
# stage's wall time, so that the log shows where CI's minutes go.
CI_FUZZ_SECONDS ?= 15
CI_STAGES := check check-asan check-valgrind fuzz check-repro check-opt check-faults
ci_build_check := paper $(BIN)/mumag-test $(BIN)/mumag-test-lib
ci_build_check-asan := $(SAN)/bin/mumag $(SAN)/bin/mumag-test $(SAN)/bin/mumag-test-lib
ci_build_fuzz := $(FUZZ_BIN)
ci:
	@t=$$(date +%s); for s in $(CI_STAGES); do t0=$$(date +%s); \
	  case $$s in check) b="$(ci_build_check)";; check-asan) b="$(ci_build_check-asan)";; \
	    fuzz) b="$(ci_build_fuzz)";; *) b=;; esac; \
	  { [ -z "$$b" ] || $(MAKE) -j2 $$b; } && $(MAKE) $$s FUZZ_SECONDS=$(CI_FUZZ_SECONDS) || \
	    { echo "ci: make $$s FAILED after $$(($$(date +%s) - t0)) s"; exit 1; }; \
	  echo "ci: make $$s: $$(($$(date +%s) - t0)) s"; done; \
	echo "ci: all stages: $$(($$(date +%s) - t)) s"

# --- 8. install --------------------------------------------------------------
# make install PREFIX=DIR [DESTDIR=...]: the library, its headers and
# pkg-config file, the program, its data tables and its manual page.
# Nothing of PREFIX is compiled in: the program finds its tables at run time
# (see mumag --help, "Data directory").
PREFIX  ?= /usr/local
IDIR     = $(DESTDIR)$(PREFIX)
$(T)/mumag.1: $(BIN)/mumag tools/man.sh
	$(call say,MAN,$@)
	$(Q)sh tools/man.sh $(BIN)/mumag $(VERSION) > $@.tmp && mv -f $@.tmp $@
install: $(LIBA) $(BIN)/mumag $(T)/mumag.1
	$(call say,INSTALL,$(IDIR))
	$(Q)mkdir -p $(IDIR)/lib/pkgconfig $(IDIR)/include/mumag/lib \
	  $(IDIR)/include/mumag/data $(IDIR)/bin $(IDIR)/share/mumag \
	  $(IDIR)/share/man/man1
	$(Q)printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$${prefix}/lib' \
	  'includedir=$${prefix}/include' 'datadir=$${prefix}/share/mumag' '' 'Name: mumag' \
	  'Description: neutrino magnetic moment physics (the mumag library)' \
	  'Version: $(VERSION)' 'Requires.private: gsl' \
	  'Cflags: -I$${includedir}/mumag' 'Libs: -L$${libdir} -lmumag' \
	  'Libs.private: $(GSL_LIBS) -lm' > $(IDIR)/lib/pkgconfig/mumag.pc
	$(Q)cp $(LIBA) $(IDIR)/lib/
	$(Q)cp $(T)/src/mumag.h $(IDIR)/include/mumag/
	$(Q)cp $(T)/src/lib/*.h $(IDIR)/include/mumag/lib/
	$(Q)cp $(T)/src/data/*.h $(IDIR)/include/mumag/data/
	$(Q)cp $(BIN)/mumag $(IDIR)/bin/ && cp $(T)/mumag.1 $(IDIR)/share/man/man1/
	$(Q)cp $(DATA) $(IDIR)/share/mumag/
.PHONY: install

clean:
	rm -rf $(T) figures whatif
	cd paper && rm -rf latex mumag.tex mumag.pdf mumag-physics.tex mumag-physics.pdf mumag-chunks.tex \
	  mumag-chunks.stamp numbers.tex numbers.stamp audit.tex audit.stamp build.tex *.tmp \
	  .typeset.lock *.aux *.log *.out *.toc *.bbl *.blg *.fls *.fdb_latexmk *.nwi *.synctex.gz
