#!/usr/bin/env python3
"""tests/check-prose.py -- no number that belongs in a macro is typed in the prose.

Reads the documentation chunks of mumag.nw (everything outside code chunks,
LaTeX comments removed) and reports, as TAP, every place where a number stands
next to a physical unit, or is typed into a siunitx command (\\SI, \\qty,
\\num, ...).  Such numbers must come from paper/numbers.tex through \\mm{key}:
computed ones from the code, quoted ones from data/.  The few exceptions are
listed, each with its reason, in tests/prose-allow.txt (one phrase per line,
matched as a substring of the offending text).  Two kinds of text are not
prose and are skipped by rule rather than listed: the preamble (before
\\begin{document}), confidence levels ("90\\% CL", "the 68\\% interval", "the nominal 90\\%"),
unit scales in brackets ("[$10^{-16}\\mu_B^2$]"),
which name a convention rather than state a quantity.
"""
import re, sys, os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
nw = open(os.path.join(root, "mumag.nw"), encoding="utf-8").read().split("\n")
allow = []
for line in open(os.path.join(root, "tests", "prose-allow.txt"), encoding="utf-8"):
    line = line.rstrip("\n")
    if line and not line.startswith("#"):
        allow.append(line.split("\t")[0])

UNIT = (r"(?:\\,|~|\s|\\ )*(?:\\(?:si|mathrm|text|textrm)\{\s*\\?)?"
        r"(?:eV|keV|MeV|GeV|TeV|\\eV|\\keV|\\MeV|\\GeV|\\muB|\\mu_\{?B\}?|\\mu_\{?\\mathrm\{B\}\}?|"
        r"kg|cm|km|MCi|GW|MW|bar|days?|hours?|yr|\\%|\\percent|\\kilo|\\mega|\\giga|\\centi)")
NUMBER = r"(?<![\w{.^_-])(?:\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|10\^\{?-?\d+\}?)(?:\s*\\times\s*10\^\{?-?\d+\}?)?"
PATTERNS = [
    ("number with a unit", re.compile(NUMBER + UNIT)),
    ("number typed into siunitx", re.compile(r"\\(?:SI|qty|num|qtyrange|numrange|SIrange)\{\s*-?\d")),
]

# The preamble (up to \begin{document}) is layout, not prose.
start = next((i for i, l in enumerate(nw) if l.startswith("\\begin{document}")), 0)
# A confidence level ("90\% CL", "at 68\%~CL", "the 90\% interval") names a
# convention, like a
# unit: it is a label, not a quantity that the code or data/ could supply.
CL = re.compile(r"\d+(?:\.\d+)?\s*(?:\\%|\\percent)(?:\s|~|\\,|\\ )*(?:CL|C\.L\.|confidence|interval|bound|upper|limit|coverage|\(\d)"
                r"|(?:nominal|level of|cover at|cover within)\s+\d+(?:\.\d+)?\s*\\%")
# A unit scale in a column head or axis label ("[$10^{-16}\mu_B^2$]") is a
# unit, not a number.
SCALE = re.compile(r"\[\$?10\^\{?-?\d+\}?\\?,?\s*\\?mu_?\{?B\}?(?:\^2)?\$?\]")

in_code = False
problems = []
for i, line in enumerate(nw, 1):
    if i <= start:
        continue
    if re.match(r"^<<.*>>=\s*$", line):
        in_code = True
        continue
    if line.startswith("@") and (len(line) == 1 or line[1] in " \t%"):
        in_code = False
        line = line[1:]
    if in_code:
        continue
    text = re.sub(r"(?<!\\)%.*", "", line)          # LaTeX comments
    text = re.sub(r"\[\[.*?\]\]", "", text)         # quoted code
    # (joined with the next line, so that "90\\%" at a line's end still sees its "CL")
    nxt = nw[i] if i < len(nw) else ""
    text = CL.sub(lambda m: " " * len(m.group(0)), text + " " + nxt)[:len(text)]
    text = SCALE.sub(lambda m: " " * len(m.group(0)), text)
    text = re.sub(r"\\(?:label|ref|cref|Cref|eqref|cite|mm|input|tag|chunkref|subpageref|nextchunklabel|auditref|hyperlink|hypertarget|includegraphics|begin|end|url)\{[^}]*\}", "", text)
    for what, pat in PATTERNS:
        for m in pat.finditer(text):
            frag = text[max(0, m.start() - 25):m.end() + 10]
            if any(a in frag or a in line for a in allow):
                continue
            problems.append((i, what, m.group(0).strip(), frag.strip()))

n = 0
if problems:
    for i, what, num, frag in problems:
        n += 1
        print(f"not ok {n} - mumag.nw:{i}: {what}: '{num}' in \"{frag}\"")
else:
    n += 1
    print(f"ok {n} - no number next to a unit is typed in the prose")
print(f"1..{n}")
sys.exit(1 if problems else 0)
