#!/usr/bin/env python3
"""check-code-runs.py -- the main text never shows a long run of code without prose.

The book's main text (everything of mumag.nw before \\appendix) reads physics
first: each chunk follows the sentence that says why it is there, and the
bookkeeping (parsers, writers, readers) lives in the appendices.  A *run* is a
sequence of code chunks whose documentation between them holds no sentence
(fewer than MIN_WORDS words once LaTeX commands, comments and [[code]] quotes
are taken out).  A run longer than MAX_LINES lines of code in the main text
fails, naming its first chunk, its line in mumag.nw and its length.

Runs that were long when the check was written are listed, by their first
chunk, in tests/code-runs-allow.txt: a debt to be paid by splitting them with
the reason or moving bookkeeping to the appendices, never one to add to.  A
long run not in the list fails; a listed run that is no longer long is
reported, so that its line can go.

  python3 tests/check-code-runs.py [--list N]   (--list: the N longest runs)
"""
import re
import sys

MAX_LINES = 60
MIN_WORDS = 6
NW = "mumag.nw"
ALLOW = "tests/code-runs-allow.txt"


def words(doc):
    """The number of words of prose in a documentation chunk."""
    t = re.sub(r"(?<!\\)%.*", "", doc)              # comments
    t = re.sub(r"\[\[.*?\]\]", " code ", t, flags=re.S)  # [[code]] is one word
    t = re.sub(r"\\(label|ref|cref|Cref|pageref|cite|mm|chunkref|auditref)\{[^{}]*\}", " x ", t)
    t = re.sub(r"\\[A-Za-z@]+\*?", " ", t)          # other commands
    t = re.sub(r"\$[^$]*\$", " x ", t)              # inline maths is a word
    return len(re.findall(r"[A-Za-z]{2,}", t))


def runs(lines):
    """Yield (first line, first chunk name, code lines, chunk count) per run."""
    run = None
    in_code = False
    doc = []
    name = None
    for no, line in enumerate(lines, 1):
        if line.startswith("\\appendix"):
            break
        m = re.match(r"<<(.*)>>=\s*$", line)
        if m:
            if run is not None and words("".join(doc)) >= MIN_WORDS:
                yield run
                run = None
            if run is None:
                run = [no, m.group(1), 0, 0]
            run[3] += 1
            in_code = True
            doc = []
            continue
        if in_code and (line.startswith("@ ") or line.rstrip("\n") == "@"):
            in_code = False
            doc = [line[1:]]
            continue
        if in_code:
            run[2] += 1
        else:
            doc.append(line)
    if run is not None:
        yield run


def main():
    with open(NW, encoding="utf-8") as f:
        lines = f.readlines()
    found = list(runs(lines))
    if len(sys.argv) == 3 and sys.argv[1] == "--list":
        for no, name, n, k in sorted(found, key=lambda r: -r[2])[: int(sys.argv[2])]:
            print(f"{n:5d} lines in {k:2d} chunks  {NW}:{no}  <<{name}>>")
        return 0
    allowed = set()
    with open(ALLOW, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                allowed.add(line)
    long_runs = [r for r in found if r[2] > MAX_LINES]
    new = [r for r in long_runs if r[1] not in allowed]
    if not found:
        print(f"not ok 1 - {NW}: no code chunk found before \\appendix")
        print("1..1")
        return 0
    if new:
        print(f"not ok 1 - no run of code longer than {MAX_LINES} lines without prose "
              f"in the main text ({len(new)} new runs)")
        for no, name, n, k in new:
            print(f"# {NW}:{no}: <<{name}>> begins {n} lines of code in {k} chunks "
                  f"with no sentence between them (split it with the reason, "
                  f"or move bookkeeping to an appendix)")
    else:
        print(f"ok 1 - no run of code longer than {MAX_LINES} lines without prose "
              f"in the main text beyond the {len(long_runs)} listed in {ALLOW}")
    paid = sorted(allowed - {r[1] for r in long_runs})
    for name in paid:
        print(f"# {ALLOW}: <<{name}>> no longer begins a long run; remove its line")
    # The measure itself, on a made-up book: 61 lines of code fail, a sentence
    # between two chunks of 40 splits the run, an empty line does not.
    code = lambda name, n: [f"<<{name}>>=\n"] + ["x;\n"] * n + ["@\n"]
    long_one = [r[2] for r in runs(code("a", 61))]
    split = [r[2] for r in runs(code("a", 40) + ["Why the second chunk follows the first.\n"]
                                 + code("b", 40))]
    joined = [r[2] for r in runs(code("a", 40) + ["\n"] + code("b", 40))]
    if long_one == [61] and split == [40, 40] and joined == [80]:
        print("ok 2 - the measure finds a long chunk, and a sentence splits a run")
    else:
        print(f"not ok 2 - the measure: {long_one} (want [61]), {split} (want [40, 40]), "
              f"{joined} (want [80])")
    print("1..2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
