#!/usr/bin/env python3
"""tests/check-audit.py TSV CLAIMS NUMBERS AUDIT NW -- the audit against the rule (TAP lines).

Reads `mumag audit --format tsv` and data/claims.tsv, and checks, for every
claim: that it has one row with one of the six words; that the status follows
from the tolerance rule of appendix A, recomputed here (factor sqrt(10) for
"order", 20 % for "about", half a unit of the last printed digit or the
quoted uncertainty for "printed", at least sqrt(10) times for "gg"); that a
row that is not reproduced has a note; that every input the row names as a
lead is marked as one in its table of data/; and
that mumag.nw links back to the row (\\auditref{ID}).  Then that the counts
per status in paper/numbers.tex (page 2) and in the table's summary line are
those of the rows.
"""
import math, re, sys

tsv, claims, numbers, audit, nw = sys.argv[1:6]
WORDS = ["reproduced", "differs", "method-dependent", "measurement",
         "input not read", "not reproducible"]
n = 0
def ok(cond, what):
    global n
    print(("ok" if cond else "not ok") + " - " + what)

def rows(path):
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8") if not l.startswith("#")]
    head = lines[0].split("\t")
    return [dict(zip(head, l.split("\t"))) for l in lines[1:] if l]

def band(value, phrasing, unc):
    v = float(value)
    f = math.sqrt(10.0)
    if phrasing == "order":
        return v / f, v * f
    if phrasing == "about":
        return 0.8 * v, 1.2 * v
    if phrasing == "gg":
        return v * f, math.inf
    mant, _, exp = value.lower().partition("e")
    dec = len(mant.split(".")[1]) if "." in mant else 0
    half = 0.5 * 10.0 ** (int(exp or 0) - dec)
    t = half if unc == "-" else max(half, float(unc))
    return v - t, v + t

def is_lead(item):
    """item is "data/FILE, row ROW" or "data/FILE (what)": is it marked lead there?"""
    m = re.match(r"(data/[\w.-]+)(?:, row ([\w.-]+))?", item)
    if not m:
        return False
    path = claims.rsplit("data/", 1)[0] + m.group(1)
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8")]
    if any(l.startswith("# lead:") for l in lines):
        return True
    table = [l.split("\t") for l in lines if not l.startswith("#")]
    head = table[0]
    col = head.index("read") if "read" in head else head.index("checked") if "checked" in head else -1
    return col >= 0 and any(f[0] == m.group(2) and f[col] == "lead" for f in table[1:])

claim = {r["id"]: r for r in rows(claims)}
out = {r["id"]: r for r in rows(tsv)}
ok(set(claim) == set(out), "every claim (%d) has exactly one audit row (%d)" % (len(claim), len(out)))
text = open(nw, encoding="utf-8").read()
count = {w: 0 for w in WORDS}
for id, c in claim.items():
    r = out.get(id)
    if r is None:
        continue
    s = r["status"]
    ok(s in WORDS, "%s: status '%s' is one of the six words" % (id, s))
    if s in count:
        count[s] += 1
    lo, hi = band(c["value"], c["phrasing"], c["unc"])
    if s in ("reproduced", "differs", "method-dependent"):
        a, _, b = r["ours"].partition("..")
        olo, ohi = float(a), float(b or a)
        inside = not (ohi < lo or olo > hi)
        other = float(r["other"])
        if s == "reproduced":
            good = inside and (math.isnan(other) or lo <= other <= hi)
        elif s == "differs":
            good = not inside
        else:
            good = inside and not (lo <= other <= hi)
        ok(good, "%s: %s by the rule (%s: [%.4g, %.4g], ours %s, other %s)"
           % (id, s, c["phrasing"], lo, hi, r["ours"], r["other"]))
    else:
        ok(r["ours"] == "-", "%s: %s, and no value of ours" % (id, s))
    if s != "reproduced":
        ok(c["note"] not in ("", "-"), "%s: %s, with a note" % (id, s))
    if s == "input not read":
        ok(re.search(r"arXiv:|Phys\.", c["note"]) is not None,
           "%s: the note names the paper that was not read" % id)
    for item in ([] if r["lead"] == "-" else r["lead"].split("; ")):
        f, _, names = item.split(" (", 1)[0].partition(": ")
        for one in ([f + ", row " + x for x in names.split(", ")] if names else [f]):
            ok(is_lead(one), "%s: the input it names as a lead, %s, is marked lead in data/"
               % (id, one))
    ok(("\\auditref{%s}" % id) in text, "%s: the text links to the row" % id)

nums = dict(re.findall(r"\\mmset\{(audit-[a-z-]+)\}\{(\d+)\}", open(numbers, encoding="utf-8").read()))
for w in WORDS:
    key = "audit-" + w.replace(" ", "")
    ok(int(nums.get(key, -1)) == count[w], "page 2: %s = %s, the table has %d"
       % (key, nums.get(key), count[w]))
ok(int(nums.get("audit-total", -1)) == len(claim), "page 2: the total is the number of claims")
nlead = sum(1 for r in out.values() if r["lead"] != "-")
ok(int(nums.get("audit-leads", -1)) == nlead, "page 2: %s rows rest on a lead, the table has %d"
   % (nums.get("audit-leads"), nlead))
summary = re.search(r"Of (\d+) claims: (\d+) reproduced, (\d+) differ, (\d+) method-dependent, "
                    r"(\d+) measurements?, (\d+) input not read, (\d+) not reproducible",
                    open(audit, encoding="utf-8").read())
ok(summary is not None and [int(x) for x in summary.groups()]
   == [len(claim)] + [count[w] for w in WORDS], "the table's summary line has the same counts")
