#!/usr/bin/python3
"""tools/bench-scipy.py -- NumPy/SciPy versions of mumag's kernels, for `make bench'.

Each subcommand computes what the `mumag' command of the same name computes,
by the same construction, and prints it in the same format, so that the
benchmark can check that both give the same answers before it compares their
times.  The Feldman-Cousins Poisson construction is the one of mumag.nw
("Poisson count with a known background"): membership from the crossing
points lambda_j, the ends by bisection over counts and one Brent root, the
non-increasing rule by the jumps in b'.  Poisson tails are SciPy's regularised
incomplete gamma functions, roots scipy.optimize.brentq.

  bench-scipy.py fc-table [CL]        the 21 x 19 table of `mumag fc table'
  bench-scipy.py fc-poisson N B [CL]  one interval, as `mumag fc poisson'
  --repeat K                          compute K times (for timing), print once
"""
import math
import sys

from scipy.optimize import brentq
from scipy.special import gammainc, gammaincc


def cdf_le(k, lam):  # P(N <= k | lam)
    return 0.0 if k < 0 else gammaincc(k + 1.0, lam)


def cdf_gt(k, lam):  # P(N > k | lam)
    return 1.0 if k < 0 else gammainc(k + 1.0, lam)


def tr_log(j, n0, b):  # ln lambda_j
    r, jb = max(n0, b), max(j, b)
    if r == 0.0:
        return (jb * math.log(jb) - jb) / j
    d = jb - r
    t = j * math.log1p(d / r) if j > 0 else 0.0
    return math.log(r) + (t - d) / (j - n0)


def ahead(n0, b, ll):
    if tr_log(n0 + 1, n0, b) <= ll:
        lo, step = n0 + 1, 1
        while tr_log(lo + step, n0, b) <= ll:
            lo += step
            step *= 2
        hi = lo + step
        while hi - lo > 1:
            j = (lo + hi) // 2
            if tr_log(j, n0, b) <= ll:
                lo = j
            else:
                hi = j
        return 1, lo
    if n0 > 0 and tr_log(n0 - 1, n0, b) > ll:
        lo, hi = -1, n0 - 1
        while hi - lo > 1:
            j = (lo + hi) // 2
            if j >= 0 and tr_log(j, n0, b) > ll:
                hi = j
            else:
                lo = j
        return -1, hi
    return 0, n0


def accepts(n0, lam, b, alpha):
    if lam == 0.0:
        return n0 == 0
    side, m = ahead(n0, b, math.log(lam))
    if side > 0:
        return cdf_le(n0, lam) + cdf_gt(m, lam) > alpha
    if side < 0:
        return cdf_le(m - 1, lam) + cdf_gt(n0 - 1, lam) > alpha
    return True


def e_above(j, n0, b):
    lam = math.exp(tr_log(j, n0, b))
    return cdf_le(n0, lam) + cdf_gt(j - 1, lam)


def g_below(j, n0, b):
    lam = math.exp(tr_log(j, n0, b))
    return cdf_le(j, lam) + cdf_gt(n0 - 1, lam)


def first_j(n0, b, alpha):
    lo, hi = n0 + 1, n0 + 2
    while e_above(hi, n0, b) > alpha:
        lo, hi = hi, n0 + 1 + 2 * (hi - n0 - 1)
    while hi - lo > 1:
        j = (lo + hi) // 2
        if e_above(j, n0, b) > alpha:
            lo = j
        else:
            hi = j
    return hi


def root(f, lo, hi):
    return brentq(f, lo, hi, xtol=1e-12 * hi, rtol=1e-15)


def upper_plain(n0, b, alpha):
    lb = math.log(b) if b > 0 else -math.inf
    J = first_j(n0, b, alpha)
    lj, lj1 = tr_log(J, n0, b), tr_log(J - 1, n0, b)
    if lj <= lb:
        return -1.0
    start = math.exp(lj1) if lj1 > lb else b
    f = lambda lam: cdf_le(n0, lam) + cdf_gt(J - 1, lam) - alpha
    if f(start) > 0:
        return max(root(f, start, math.exp(lj)) - b, 0.0)
    return math.exp(lj1) - b if lj1 > lb else -1.0


def lower_plain(n0, b, alpha):
    lb = math.log(b) if b > 0 else -math.inf
    if accepts(n0, b, b, alpha):
        return 0.0
    side, m = ahead(n0, b, lb)
    if side < 0:
        lo, hi, K = m, n0 - 1, m
        if not g_below(m, n0, b) > alpha:
            while hi - lo > 1:
                j = (lo + hi) // 2
                if g_below(j, n0, b) > alpha:
                    hi = j
                else:
                    lo = j
            K = hi
        lk = math.exp(tr_log(K, n0, b))
        start = math.exp(tr_log(K - 1, n0, b)) if K > m else b
        f = lambda lam: cdf_le(K - 1, lam) + cdf_gt(n0 - 1, lam) - alpha
        lam = root(f, start, lk) if f(lk) > 0 else lk
    else:
        j0 = m if side > 0 else n0
        if not e_above(j0 + 1, n0, b) > alpha:
            return -1.0
        f = lambda lam: cdf_le(n0, lam) + cdf_gt(j0, lam) - alpha
        lam = root(f, b, math.exp(tr_log(j0 + 1, n0, b)))
    return max(lam - b, 0.0)


def upper_fixed(n0, b, alpha):
    best, bp = upper_plain(n0, b, alpha), b
    for _ in range(64):
        J = first_j(n0, bp, alpha)
        edge = lambda x: e_above(J, n0, x) - alpha
        lo = max(bp, n0)
        up = lo + 0.05
        while edge(up) <= 0.0:
            if up > bp + 1e3:
                return best
            lo, up = up, up + 0.05
        bs = brentq(edge, lo, up, xtol=1e-13 * up, rtol=1e-15)
        a, d = bs, 1e-14 * bs
        while not edge(a) > 0.0:
            a, d = bs + d, 2 * d
        v = upper_plain(n0, a, alpha)
        if v < best:
            break
        best, bp = v, a
    return best


def fc_poisson(n, b, cl):
    alpha = 1.0 - cl
    lo = lower_plain(n, b, alpha)
    if lo < 0:
        return None
    return lo, upper_fixed(n, b, alpha)


TABLE_B = [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15]


def main(argv):
    repeat = 1
    if "--repeat" in argv:  # compute it this many times, print it once
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    if len(argv) >= 2 and argv[1] == "fc-table":
        cl = float(argv[2]) if len(argv) > 2 else 0.90
        for _ in range(repeat - 1):
            for n in range(21):
                for b in TABLE_B:
                    fc_poisson(n, float(b), cl)
        out = ["n0\tb\tlower\tupper"]
        for n in range(21):
            for b in TABLE_B:
                r = fc_poisson(n, float(b), cl)
                out.append("%d\t%g\t%s" % (n, b, "-\t-" if r is None else "%.2f\t%.2f" % r))
        print("\n".join(out))
    elif len(argv) >= 4 and argv[1] == "fc-poisson":
        cl = float(argv[4]) if len(argv) > 4 else 0.90
        for _ in range(repeat):
            lo, hi = fc_poisson(int(argv[2]), float(argv[3]), cl)
        print("lower\t%.10g\nupper\t%.10g" % (lo, hi))
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
