// Comparing two Poisson rates (the proof of fix: failures per unit of exposure after a fix against before).
// Conditional on the total n = x1 + x2, x1 is binomial with p = T1 / (T1 + T2) when the rates are equal, so
// the exact test is the binomial test of x1 out of n (two-sided as R's binom.test: the outcomes no more likely
// than the one seen), and the rate ratio's 95 % interval comes from the Clopper-Pearson interval [pL, pU] of x1/n
// as p / (1 - p) × T2 / T1 — the method of R's poisson.test for two samples.
import { logFactorial } from './poisson.ts';

const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

export function binomialPmf(k: number, n: number, p: number): number {
  if (k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  let s = 0;
  for (let i = 0; i <= k; i++) s += binomialPmf(i, n, p);
  return Math.min(1, s);
}

/** Two-sided exact binomial p-value, as R's binom.test: sum of the outcomes no more likely than x. */
export function binomialTestTwoSided(x: number, n: number, p: number): number {
  const d = binomialPmf(x, n, p);
  const m = n * p;
  const relErr = 1 + 1e-7;
  if (x === m) return 1;
  let pValue: number;
  if (x < m) {
    let y = 0;
    for (let i = Math.ceil(m); i <= n; i++) if (binomialPmf(i, n, p) <= d * relErr) y++;
    pValue = binomialCdf(x, n, p) + (1 - binomialCdf(n - y, n, p));
  } else {
    let y = 0;
    for (let i = 0; i <= Math.floor(m); i++) if (binomialPmf(i, n, p) <= d * relErr) y++;
    pValue = binomialCdf(y - 1, n, p) + (1 - binomialCdf(x - 1, n, p));
  }
  return Math.min(1, Math.max(0, pValue));
}

/** Clopper-Pearson interval of x successes out of n at the given confidence (by bisection on the binomial tails). */
export function clopperPearson(x: number, n: number, confidence = 0.95): [number, number] {
  const alpha = (1 - confidence) / 2;
  const solve = (f: (p: number) => number) => {
    // f is increasing in p; find p with f(p) = 0.
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 100; i++) {
      const mid = (lo + hi) / 2;
      if (f(mid) < 0) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  // Lower: P(X >= x | p) = alpha; upper: P(X <= x | p) = alpha.
  const lower = x === 0 ? 0 : solve((p) => 1 - binomialCdf(x - 1, n, p) - alpha);
  const upper = x === n ? 1 : solve((p) => alpha - binomialCdf(x, n, p));
  return [lower, upper];
}

export interface RateComparison {
  /** (x1 / t1) ÷ (x2 / t2); null when x2 is 0. */
  rateRatio: number | null;
  /** 95 % interval of the rate ratio. */
  interval: [number, number];
  /** Two-sided exact conditional p-value for equal rates. */
  pValue: number;
  /** Count expected in sample 1 under equal rates. */
  expected1: number;
}

/** Exact comparison of x1 events over exposure t1 with x2 events over exposure t2. */
export function comparePoissonRates(x1: number, t1: number, x2: number, t2: number, confidence = 0.95): RateComparison {
  if (!(t1 > 0) || !(t2 > 0)) throw new Error('comparePoissonRates: both exposures must be above 0');
  const n = x1 + x2;
  const p = t1 / (t1 + t2);
  if (n === 0) return { rateRatio: null, interval: [0, Infinity], pValue: 1, expected1: 0 };
  const [pl, pu] = clopperPearson(x1, n, confidence);
  const toRatio = (q: number) => (q >= 1 ? Infinity : ((q / (1 - q)) * t2) / t1);
  return {
    rateRatio: x2 === 0 ? null : x1 / t1 / (x2 / t2),
    interval: [toRatio(pl), toRatio(pu)],
    pValue: binomialTestTwoSided(x1, n, p),
    expected1: n * p,
  };
}
