"""Fits the small-argument polynomial of src/Training/Models/VectorTanh.cs and prints the largest
errors, in units in the last place, of VectorTanh (polynomial below 0.625, 1 - 2/(e^2x + 1) above)
and VectorExp, evaluated step by step as the C# code does (a fused multiply-add is emulated by one
float64 product and sum, rounded once to float32). Run with Debian's python3 (numpy):
    /usr/bin/python3 python/fit_tanh.py
"""
import numpy as np

F = np.float32
THRESHOLD, DEGREE = 0.625, 5


def fit():
    # tanh(x) / x as a polynomial in s = x^2 on [0, threshold^2], Chebyshev nodes, reweighted
    # least squares towards the smallest largest error.
    s = THRESHOLD * THRESHOLD * (1 - np.cos(np.linspace(0, np.pi, 4000))) / 2
    x = np.sqrt(s)
    f = np.tanh(x) / np.where(x > 0, x, 1)
    f[x == 0] = 1.0
    a = np.vander(s, DEGREE + 1, increasing=True)
    w = np.ones(len(s))
    for _ in range(60):
        c, *_ = np.linalg.lstsq(a * w[:, None], f * w, rcond=None)
        error = np.abs(a @ c - f)
        w = w * (1 + 5 * error / error.max())
    return c.astype(F)


def fma(a, b, c):
    return (np.asarray(a, np.float64) * np.asarray(b, np.float64) + np.asarray(c, np.float64)).astype(F)


def power_of_two(n):
    return ((n + 127) << 23).astype(np.int32).view(F)


def reduced(u):
    whole = np.floor(fma(u, F(1.442695), F(0.5))).astype(F)
    r = fma(whole, F(-1.4286068e-06), fma(whole, F(-0.693145751953125), u))
    series = np.full_like(r, F(1 / 5040))
    for k in [1 / 720, 1 / 120, 1 / 24, 1 / 6, 0.5, 1, 1]:
        series = fma(series, r, F(k))
    return series, whole.astype(np.int32)


def exp(u):
    series, n = reduced(np.maximum(u, F(-104)))
    half = n >> 1
    return series * power_of_two(half) * power_of_two(n - half)


def tanh(x, c):
    s = x * x
    p = np.full_like(s, c[-1])
    for k in c[-2::-1]:
        p = fma(p, s, k)
    series, n = reduced(F(2) * np.minimum(x, F(10)))
    large = F(1) - F(2) / (series * power_of_two(n) + F(1))
    return np.where(x < F(THRESHOLD), p * x, large)


def largest_ulp_error(got, exact):
    ulp = np.spacing(exact.astype(F)).astype(np.float64)
    return (np.abs(got.astype(np.float64) - exact) / ulp).max()


def main():
    c = fit()
    print("coefficients of s^0..s^%d:" % DEGREE, ", ".join(repr(float(v)) + "f" for v in c))
    x = np.linspace(0, 30, 30_000_001).astype(F)[1:]
    print("tanh, largest error: %.3f ulp" % largest_ulp_error(tanh(x, c), np.tanh(x.astype(np.float64))))
    u = np.linspace(-87, 20, 30_000_001).astype(F)
    print("exp on [-87, 20], largest error: %.3f ulp" % largest_ulp_error(exp(u), np.exp(u.astype(np.float64))))


main()
