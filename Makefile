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
.SECONDARY:

NW      := mumag.nw
T       := tangled
BIN     := $(T)/bin
OBJ     := $(T)/obj
DATA    := $(wildcard data/*.tsv) data/references.bib

CC      ?= cc
CFLAGS  ?= -O2 -g
MM_CFLAGS = -std=c11 -Wall -Wextra -Werror -pedantic $(CFLAGS)
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -I$(T)/src -DMM_DATADIR='"$(CURDIR)/data"'
LDLIBS  += -lgsl -lgslcblas -lm
TESTLIBS = -lcmocka

# Reproducible outputs: every date that ends up in a file is the last commit's.
export SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export FORCE_SOURCE_DATE := 1
export TZ := UTC
export LC_ALL := C

# --- 0. tools --------------------------------------------------------------
# tools/deps.sh installs missing Debian packages (as root) or names them.
$(T)/.deps-ok: tools/deps.sh
	@sh tools/deps.sh
	@mkdir -p $(T) && touch $@

# --- 1. tangle ---------------------------------------------------------------
# One stamp for all roots; each tangled file hangs off it with an empty recipe.
$(T)/.tangled: $(NW) tools/tangle.sh | $(T)/.deps-ok
	sh tools/tangle.sh $(NW) $(T)
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

LIB_SRC  := $(filter-out src/main.c src/test-%.c,$(filter src/%.c,$(ROOTS)))
TEST_SRC := $(filter src/test-%.c,$(ROOTS))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(OBJ)/%.o)
TEST_OBJ := $(TEST_SRC:src/%.c=$(OBJ)/%.o)
FIGS     := $(patsubst plots/%.gp,%,$(filter-out plots/style.gp,$(filter plots/%.gp,$(ROOTS))))
FIG_TEX  := $(FIGS:%=figures/%.tex)
TANGLED  := $(ROOTS:%=$(T)/%)

$(TANGLED): $(T)/.tangled ;

# --- 2. compile -----------------------------------------------------------
$(OBJ)/%.o: $(T)/src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(MM_CFLAGS) -MMD -MP -c -o $@ $<
-include $(wildcard $(OBJ)/*.d)

$(BIN)/mumag: $(LIB_OBJ) $(OBJ)/main.o
	@mkdir -p $(@D)
	$(CC) $(MM_CFLAGS) -o $@ $^ $(LDLIBS)
$(BIN)/mumag-test: $(LIB_OBJ) $(TEST_OBJ)
	@mkdir -p $(@D)
	$(CC) $(MM_CFLAGS) -o $@ $^ $(TESTLIBS) $(LDLIBS)

# --- 3. compute -----------------------------------------------------------
# $(call generate,COMMAND,FILE): run COMMAND into FILE through a temporary
# file; replace FILE only if its content changed.  The caller's target is a
# stamp, so that an unchanged output does not rerun what depends on it.
define generate
@mkdir -p $(dir $(2))
$(1) > $(2).tmp || { rm -f $(2).tmp; exit 1; }
cpif $(2) < $(2).tmp; rm -f $(2).tmp
@touch $@
endef

figures/%.stamp: $(BIN)/mumag $(DATA)
	$(call generate,$(BIN)/mumag figdata --figure $*,figures/$*.dat)
figures/%.dat: figures/%.stamp ;

paper/numbers.stamp: $(BIN)/mumag $(DATA)
	$(call generate,$(BIN)/mumag numbers,paper/numbers.tex)
paper/numbers.tex: paper/numbers.stamp ;

paper/audit.stamp: $(BIN)/mumag $(DATA)
	$(call generate,$(BIN)/mumag audit,paper/audit.tex)
paper/audit.tex: paper/audit.stamp ;

# --- 4. plot ----------------------------------------------------------------
# gnuplot runs in paper/, where LaTeX runs, so the \includegraphics path that
# cairolatex writes into figures/NAME.tex resolves.
figures/%.tex: $(T)/plots/%.gp $(T)/plots/style.gp figures/%.dat
	cd paper && gnuplot -e "outfile='../figures/$*.tex'; datafile='../figures/$*.dat'" \
	  ../$(T)/plots/style.gp ../$(T)/plots/$*.gp
	@test -s figures/$*.pdf || { echo "$@: gnuplot wrote no figures/$*.pdf" >&2; exit 1; }

# --- 5. weave and typeset -------------------------------------------------
paper/mumag.tex: $(NW) | $(T)/.deps-ok
	noweave -delay -index $(NW) > $@.tmp || { rm -f $@.tmp; exit 1; }
	mv $@.tmp $@

LATEXMK := latexmk -pdf -halt-on-error -file-line-error -interaction=nonstopmode -quiet
paper/mumag.pdf: paper/mumag.tex paper/numbers.tex paper/audit.tex paper/build.tex $(FIG_TEX) data/references.bib
	cd paper && $(LATEXMK) mumag.tex > mumag.latexmk.log 2>&1 || \
	  { sed -n '/^[^ ]*:[0-9]*:/,+3p' mumag.log >&2; \
	    echo "$@: LaTeX failed; see paper/mumag.log" >&2; rm -f mumag.pdf; exit 1; }
	@touch $@

.PHONY: paper check clean
paper: paper/mumag.pdf

# --- 6. test ------------------------------------------------------------------
check: paper $(BIN)/mumag-test
	sh tests/run.sh

clean:
	rm -rf $(T) figures
	cd paper && rm -f mumag.tex mumag.pdf numbers.tex numbers.stamp audit.tex audit.stamp build.tex *.tmp \
	  *.aux *.log *.out *.toc *.bbl *.blg *.fls *.fdb_latexmk *.nwi *.synctex.gz
