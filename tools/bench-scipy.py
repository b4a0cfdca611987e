#!/usr/bin/python3
"""tools/bench-scipy.py -- NumPy/SciPy versions of mumag's kernels, for `make bench'.

Each subcommand computes what the `mumag' command of the same name computes,
by the same construction, and prints it in the same format, so that the
benchmark can check that both give the same answers before it compares their
times.

The Feldman-Cousins Poisson construction is the one of mumag.nw ("Poisson
count with a known background"): membership from the crossing points
lambda_j, the ends by bisection over counts and one Brent root, the
non-increasing rule by the jumps in b' (bracketed by doubling steps).
Poisson tails are SciPy's regularised incomplete gamma functions, roots
scipy.optimize.brentq, at the tolerances of mumag.nw.

The Ge recoil fold is Eq. (fold) of mumag.nw ("Folding the spectrum with the
cross sections") in the default spectrum model (summation spectra below
2 MeV, Huber-Mueller above, the two capture decays), the stepping
approximation of the Ge shells, read from the same data/ files;
scipy.integrate.quad (QUADPACK's qags, as GSL's) on the same pieces, to the
same relative tolerance 1e-7.  Folds are kept by their recoil energy, as
mumag keeps them.

The TEXONO ensemble is the simulated ON/OFF analysis of mumag.nw ("The
ensemble"): the same set-up (bins of 2 keV, rates integrated in ln T to 1e-6),
Poisson counts from NumPy's MT19937 generator, the weighted fit through the
origin and the Gaussian Feldman-Cousins upper end, vectorised over the
experiments; exact quantiles (np.quantile).  Its random numbers are not
mumag's, so the answers agree within the ensemble's statistics only.

  bench-scipy.py fc-table [CL]        the 21 x 19 table of `mumag fc table'
  bench-scipy.py fc-poisson N B [CL]  one interval, as `mumag fc poisson'
  bench-scipy.py recoil-ge            as `mumag recoil --detector ge'
  bench-scipy.py simulate-texono [N]  as `mumag simulate texono --n N' (10000)
  --repeat K                          compute K times (for timing), print once
"""
import functools
import math
import os
import sys

import numpy as np
from scipy.integrate import quad
from scipy.optimize import brentq
from scipy.special import gammainc, gammaincc, ndtr, ndtri

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")


# ---------------------------------------------------------------- Feldman-Cousins

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


def bisect(lo, hi, below):
    """Integers lo < hi with below(lo) true and below(hi) false (neither is
    evaluated): the last j with below(j) true and the first with it false."""
    while hi - lo > 1:
        j = (lo + hi) // 2
        if below(j):
            lo = j
        else:
            hi = j
    return lo, hi


def ahead(n0, b, ll):
    if tr_log(n0 + 1, n0, b) <= ll:
        lo, step = n0 + 1, 1
        while tr_log(lo + step, n0, b) <= ll:
            lo += step
            step *= 2
        return 1, bisect(lo, lo + step, lambda j: tr_log(j, n0, b) <= ll)[0]
    if n0 > 0 and tr_log(n0 - 1, n0, b) > ll:
        return -1, bisect(-1, n0 - 1, lambda j: j < 0 or not tr_log(j, n0, b) > ll)[1]
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
    return bisect(lo, hi, lambda j: e_above(j, n0, b) > alpha)[1]


def root(f, lo, hi):
    return brentq(f, lo, hi, xtol=1e-12 * hi, rtol=1e-15)


def upper_plain(n0, b, alpha, J):
    lb = math.log(b) if b > 0 else -math.inf
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
        K = m
        if not g_below(m, n0, b) > alpha:
            K = bisect(m, n0 - 1, lambda j: not g_below(j, n0, b) > alpha)[1]
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
    J = first_j(n0, b, alpha)
    best, bp = upper_plain(n0, b, alpha, J), b
    for _ in range(64):
        edge = lambda x: e_above(J, n0, x) - alpha
        lo = max(bp, n0)
        step = 0.05
        up = lo + step
        while edge(up) <= 0.0:  # E_J falls, then rises in b': steps may double
            if up > bp + 1e3:
                return best
            step *= 2
            lo, up = up, up + step
        bs = brentq(edge, lo, up, xtol=1e-13 * up, rtol=1e-15)
        a, d = bs, 1e-14 * bs
        while not edge(a) > 0.0:
            a, d = bs + d, 2 * d
        J = first_j(n0, a, alpha)
        v = upper_plain(n0, a, alpha, J)
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


def fc_table(cl):
    out = ["n0\tb\tlower\tupper"]
    for n in range(21):
        for b in TABLE_B:
            r = fc_poisson(n, float(b), cl)
            out.append("%d\t%g\t%s" % (n, b, "-\t-" if r is None else "%.2f\t%.2f" % r))
    return "\n".join(out)


# ---------------------------------------------------------------- data files

def read_tsv(name):
    """Rows of data/NAME as dicts (comment lines '#', a header line)."""
    rows, head = [], None
    with open(os.path.join(DATA, name)) as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if head is None:
                head = cells
            else:
                rows.append(dict(zip(head, cells)))
    return rows


def row(name, key, value):
    return next(r for r in read_tsv(name) if r[key] == value)


def num(x):
    return math.nan if x == "-" else float(x)


# ---------------------------------------------------------------- reactor fold

ALPHA = 1.0 / 137.035999084
ME = 0.51099895000
GF = 1.1663787e-11
HBARC = 1.973269804e-11
NA = 6.02214076e23
SIN2W = 0.23868
EMAX, HM_EMIN, SUM_DE, NSUM, EPSREL = 10.0, 2.0, 0.1, 100, 1e-7
ISOTOPES = ["U235", "U238", "Pu239", "Pu241"]
COEF_MAG = math.pi * (ALPHA * HBARC / ME) ** 2
COEF_WEAK = (GF * HBARC) ** 2 * ME / (2.0 * math.pi)


def kin_tmax(E):
    return 2.0 * E * E / (ME + 2.0 * E) if E > 0.0 else 0.0


def kin_emin(T):
    return 0.5 * (T + math.sqrt(T * T + 2.0 * ME * T)) if T > 0.0 else 0.0


def xsec_magnetic(E, T):  # mu = 1 mu_B
    if not T > 0.0 or T > kin_tmax(E):
        return 0.0
    return COEF_MAG * (1.0 - T / E) / T


GV, GA = 0.5 + 2.0 * SIN2W, -0.5  # electron antineutrino


def xsec_weak(E, T):
    if T < 0.0 or T > kin_tmax(E):
        return 0.0
    y = 1.0 - T / E
    return COEF_WEAK * ((GV + GA) ** 2 + (GV - GA) ** 2 * y * y
                        - (GV * GV - GA * GA) * ME * T / (E * E))


def beta_allowed(E, q, z):
    if not (0.0 < E < q):
        return 0.0
    W = q - E + ME
    pe = math.sqrt(W * W - ME * ME)
    x = 2.0 * math.pi * ALPHA * z * W / pe
    return pe * W * E * E * x / -math.expm1(-x)


def integrate(f, a, b, epsrel):
    return quad(f, a, b, epsabs=0.0, epsrel=epsrel, limit=200)[0]


class Reactor:
    """The default model (sm-hm) of data/reactor-*.tsv."""

    def __init__(self):
        iso = {r["isotope"]: r for r in read_tsv("reactor-isotopes.tsv")}
        self.frac = [float(iso[i]["fraction"]) for i in ISOTOPES]
        self.hm = [[float(iso[i]["hm_a%d" % k]) for k in range(6)] for i in ISOTOPES]
        summ = read_tsv("reactor-summation.tsv")
        assert len(summ) == NSUM
        self.sum = [[float(r[i]) for r in summ] for i in ISOTOPES]
        cap = {r["nuclide"]: r for r in read_tsv("reactor-capture.tsv")}
        self.cap = []
        for nuc in ("U239", "Np239"):
            q, z = float(cap[nuc]["q_MeV"]), float(cap[nuc]["z_daughter"])
            norm = 1.0 / integrate(lambda E: beta_allowed(E, q, z), 0.0, q, EPSREL)
            self.cap.append((q, z, float(cap[nuc]["per_fission"]) * norm))
        fis = self.pieces(self.fission, 0.0)
        capt = self.pieces(self.capture, 0.0)
        self.total_nu = fis + capt

    def fission(self, E):
        if not E > 0.0:
            return 0.0
        if E < HM_EMIN:
            j = int(E / SUM_DE)
            return sum(f * s[j] for f, s in zip(self.frac, self.sum)) if j < NSUM else 0.0
        tot = 0.0
        for f, a in zip(self.frac, self.hm):
            x = 0.0
            for k in range(5, -1, -1):
                x = x * E + a[k]
            tot += f * math.exp(x)
        return tot

    def capture(self, E):
        return sum(c * beta_allowed(E, q, z) for q, z, c in self.cap)

    def spectrum(self, E):
        return self.fission(E) + self.capture(E)

    def breakpoints(self, emin):
        p = [emin, self.cap[0][0], self.cap[1][0], HM_EMIN, EMAX]
        p += [j * SUM_DE for j in range(1, NSUM) if j * SUM_DE < HM_EMIN]
        a = []
        for x in sorted(p):
            if emin <= x <= EMAX and (not a or x > a[-1]):
                a.append(x)
        return a

    def pieces(self, f, emin):  # each smooth piece on its own, as mumag does
        a = self.breakpoints(emin)
        return sum(integrate(f, a[i], a[i + 1], EPSREL) for i in range(len(a) - 1))

    @functools.lru_cache(maxsize=None)
    def fold(self, T):  # Eq. (fold) without Phi N_e, weak and magnetic (mu = 1)
        emin = kin_emin(T)
        w = self.pieces(lambda E: self.spectrum(E) * xsec_weak(E, T), emin)
        m = self.pieces(lambda E: self.spectrum(E) * xsec_magnetic(E, T), emin)
        return w / self.total_nu, m / self.total_nu


class Germanium:
    def __init__(self):
        d = row("detectors.tsv", "id", "ge")
        self.per_kg = NA * 1000.0 / float(d["molar_g_mol"])
        self.shells = [(float(r["binding_eV"]) * 1e-6, float(r["occupancy"]))
                       for r in read_tsv("ge-shells.tsv")]
        assert sum(n for _, n in self.shells) == float(d["z_molecule"])

    def electrons(self, T):  # Eq. (stepping)
        return sum(n for B, n in self.shells if T >= B) * self.per_kg


def texono_flux():
    e = row("experiments.tsv", "id", "texono-2003")
    flux = num(e["flux_cm2s"])
    return flux if not math.isnan(flux) else float(
        row("reactors.tsv", "id", e["reactor"])["flux_cm2_s"])


def rate_density(R, d, T, mu, flux):  # per kg, keV and day
    w, m = R.fold(T)
    k = flux * d.electrons(T) * 1e-3 * 86400.0
    return k * w, k * m * mu * mu


def recoil_ge():
    R, d, flux, mu = Reactor(), Germanium(), texono_flux(), 1e-10
    t0, t1 = 10 * 1e-6, 1.0
    out = ["T_keV\tweak_per_kg_keV_day\tmagnetic_per_kg_keV_day\tR"]
    for i in range(200):
        T = t0 * (t1 / t0) ** (i / 199.0)
        w, m = rate_density(R, d, T, mu, flux)
        out.append("\t".join("%.6e" % v for v in (T * 1e3, w, m, m / w)))
    return "\n".join(out)


# ---------------------------------------------------------------- TEXONO ensemble

def onoff_setup():
    e = row("experiments.tsv", "id", "texono-2003")
    mass, on_h, off_h, bkg = (float(e[k]) for k in ("mass_kg", "on_h", "off_h", "bkg"))
    lo, hi = float(e["threshold_keV"]), float(e["window_keV"])
    published = float(row("limits.tsv", "id", e["limit_id"])["value_muB"])
    width = 2.0
    nb = int(math.floor((hi - lo) / width + 0.5))
    nbc = min(max(nb, 10), 64)
    if nbc != nb:
        width = (hi - lo) / nbc
    R, d, flux = Reactor(), Germanium(), texono_flux()
    edges = [lo + width * i for i in range(nbc + 1)]
    weak, mag = [], []
    for i in range(nbc):  # mm_reactor_rate_p: the density integrated in ln T
        T1, T2 = edges[i] * 1e-3, edges[i + 1] * 1e-3
        a = [math.log(T1)] + [math.log(B) for B, _ in reversed(d.shells) if T1 < B < T2] \
            + [math.log(T2)]
        for k, acc in ((0, weak), (1, mag)):
            f = lambda u: rate_density(R, d, math.exp(u), 1e-10, flux)[k] * math.exp(u) * 1e3
            acc.append(sum(integrate(f, a[j], a[j + 1], 1e-6) for j in range(len(a) - 1)))
    return dict(eon=mass * on_h / 24.0, eoff=mass * off_h / 24.0, bkg=bkg, width=width,
                weak=np.array(weak), mag=np.array(mag), published=published)


def fc_gauss_upper(x0, cl):
    """The Gaussian FC upper end (units of sigma) of each x0, as mm_fc_gauss:
    x0 + z for x0 >= 0, else the root of Phi(d) - Phi(x0 - mu) = cl on
    (0, z + 1], d^2 = mu^2 - 2 mu x0, by bisection to 1e-12 (cl >= 0.5)."""
    z = ndtri(0.5 * (1.0 + cl))
    hi = x0 + z
    neg = x0 < 0.0
    x = x0[neg]
    a, b = np.zeros_like(x), np.full_like(x, z + 1.0)
    while np.max(b - a, initial=0.0) > 1e-12:
        mu = 0.5 * (a + b)
        up = ndtr(np.sqrt(mu * mu - 2.0 * mu * x)) - ndtr(x - mu) > cl
        b = np.where(up, mu, b)
        a = np.where(up, a, mu)
    hi[neg] = 0.5 * (a + b)
    return hi


def simulate_texono(n, seed=2003):
    s = onoff_setup()
    eon, eoff, width = s["eon"], s["eoff"], s["width"]
    mon = eon * (s["bkg"] * width + s["weak"])
    moff = np.full_like(mon, eoff * s["bkg"] * width)
    rng = np.random.Generator(np.random.MT19937(seed))
    on = rng.poisson(mon, size=(n, mon.size)).astype(float)
    off = rng.poisson(moff, size=(n, mon.size)).astype(float)
    b = np.maximum(on + off, 1.0) / (eon + eoff)
    r = (on / eon - off / eoff - s["weak"]) / width
    w = 1.0 / (b * (1.0 / eon + 1.0 / eoff) / width ** 2)
    shape = s["mag"] / width
    sxx = w @ shape ** 2 if w.ndim == 1 else (w * shape ** 2).sum(axis=1)
    k2 = (w * shape * r).sum(axis=1) / sxx
    k2_err = np.sqrt(1.0 / sxx)
    lim = np.sqrt(fc_gauss_upper(k2 / k2_err, 0.90) * k2_err * 1e-20)
    q = np.quantile(lim, [0.50, 0.16, 0.84])
    return ("median_mu_upper_muB\t%.10g\nq16_mu_upper_muB\t%.10g\nq84_mu_upper_muB\t%.10g\n"
            "fraction_below_published\t%.10g" % (q[0], q[1], q[2],
                                                np.mean(lim <= s["published"])))


# ---------------------------------------------------------------- command line

def main(argv):
    repeat = 1
    if "--repeat" in argv:  # compute it this many times, print it once
        i = argv.index("--repeat")
        repeat = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    cmd = argv[1] if len(argv) >= 2 else ""
    if cmd == "fc-table":
        job = functools.partial(fc_table, float(argv[2]) if len(argv) > 2 else 0.90)
    elif cmd == "fc-poisson" and len(argv) >= 4:
        cl = float(argv[4]) if len(argv) > 4 else 0.90
        job = lambda: "lower\t%.10g\nupper\t%.10g" % fc_poisson(int(argv[2]), float(argv[3]), cl)
    elif cmd == "recoil-ge":
        job = recoil_ge
    elif cmd == "simulate-texono":
        job = functools.partial(simulate_texono, int(argv[2]) if len(argv) > 2 else 10000)
    else:
        sys.stderr.write(__doc__)
        return 2
    for _ in range(repeat):
        text = job()
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
