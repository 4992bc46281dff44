// The Poisson CUSUM of the early warning (Lucas 1985, "Counted data CUSUM's", Technometrics 27(2) 129-144).
// Counts x_t with expected in-control count mu_t = rate0 × exposure_t; the shift to detect is rate1 = ratio × rate0.
// The log-likelihood-ratio CUSUM divided by ln(ratio) is the count-scale CUSUM
//   S_t = max(0, S_{t-1} + x_t - k_t),   k_t = mu_t (ratio - 1) / ln(ratio),
// which signals when S_t >= h. With constant mu it is exactly Lucas's scheme; with exposure varying from period
// to period k_t follows it, so a busy week is not a rise by itself.
// h is chosen from the target in-control average run length ARL0 (the false-alarm rate, a setting) by Lucas's
// Markov chain: with k and h on a grid of 1/m, S lives on the states 0, 1/m, …, h - 1/m and the ARL is the
// first entry of (I - Q)^-1 1. The smallest h on the grid whose ARL0 reaches the target is taken.

import { poissonCdf, poissonPmf, poissonUpperTail } from './poisson.ts';

/**
 * Zero-state ARL of the upper Poisson CUSUM with k = km/m and h = hm/m (signal when S >= h), at mean mu,
 * optionally from a head start i0/m.
 */
export function poissonCusumArl(mu: number, km: number, hm: number, m: number, i0 = 0): number {
  const n = hm; // states 0 … hm-1 (in units of 1/m)
  if (n <= 0) return 1;
  // (I - Q) L = 1, solved by Gaussian elimination with partial pivoting.
  const a: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const row = new Float64Array(n + 1);
    // next = max(0, i + m x - km): to 0 when x <= (km - i) / m.
    const xZero = Math.floor((km - i) / m);
    // The diagonal of state 0 is 1 − P(back to 0) = P(X > xZero), taken as the upper tail itself: written 1 − p0
    // it cancelled to 0 or below when the tail is under 1e-16 (a mean of 1,900, k 2,741: a negative ARL, and h
    // grew to the grid's end, solving systems of thousands of states for hours).
    if (i === 0) row[0] = poissonUpperTail(xZero, mu);
    else row[0] = -poissonCdf(xZero, mu);
    for (let x = Math.max(0, xZero + 1); ; x++) {
      const j = i + m * x - km;
      if (j >= n) break;
      if (j > 0) row[j] -= poissonPmf(x, mu);
    }
    if (i > 0) row[i] += 1;
    row[n] = 1;
    a.push(row);
  }
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    const pivot = a[c][c];
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / pivot;
      if (f === 0) continue;
      for (let j = c; j <= n; j++) a[r][j] -= f * a[c][j];
    }
  }
  const l = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = a[r][n];
    for (let j = r + 1; j < n; j++) s -= a[r][j] * l[j];
    l[r] = s / a[r][r];
  }
  return l[i0];
}

/** The reference value k = mu (ratio - 1) / ln(ratio) for an in-control mean mu and the shift ratio to detect. */
export const referenceValue = (mu: number, ratio: number): number => (mu * (ratio - 1)) / Math.log(ratio);

export interface CusumDesign {
  /** In-control mean count per period the design was made for. */
  mu: number;
  k: number;
  h: number;
  /** The in-control ARL this h gives (>= the target). */
  arl0: number;
}

const designs = new Map<string, CusumDesign>();

/**
 * The decision interval h for an in-control mean mu per period, the shift ratio to detect and the target
 * in-control ARL (periods between false alarms): the smallest h on a grid of 1/m (m = 10, or 5 when h is
 * large) whose Markov-chain ARL0 reaches the target. Memoised by mu to three significant digits.
 */
export function designCusum(mu: number, ratio: number, arl0: number): CusumDesign {
  const muKey = Number(mu.toPrecision(3));
  const key = `${muKey}|${ratio}|${arl0}`;
  const known = designs.get(key);
  if (known) return known;
  const k = referenceValue(muKey, ratio);
  let m = 10;
  let km = Math.round(k * m);
  // Grow h until the ARL reaches the target, then bisect.
  let lo = 0;
  let hi = m;
  while (poissonCusumArl(muKey, km, hi, m) < arl0) {
    lo = hi;
    hi *= 2;
    if (hi > 600 && m === 10) {
      // Very large means: a coarser grid keeps the chain small.
      m = 5;
      km = Math.round(k * m);
      lo = Math.floor(lo / 2);
      hi = Math.ceil(hi / 2);
    }
    if (hi > 20_000) throw new Error(`early warning: no decision interval reaches ARL0 ${arl0} for a mean of ${mu}`);
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (poissonCusumArl(muKey, km, mid, m) >= arl0) hi = mid;
    else lo = mid;
  }
  const design = { mu: muKey, k: km / m, h: hi / m, arl0: poissonCusumArl(muKey, km, hi, m) };
  designs.set(key, design);
  return design;
}

export interface CusumPoint {
  x: number;
  /** Expected in-control count of the period (rate0 × exposure). */
  expected: number;
}

export interface CusumStep {
  s: number;
  signal: boolean;
  /** Index of the first period of the current run (the period after S last stood at 0). */
  runStart: number;
}

/**
 * Runs the count-scale Poisson CUSUM over the periods, k_t = expected_t (ratio - 1) / ln(ratio); after a signal
 * the sum starts again from 0, so a rise that goes on signals again.
 */
export function runPoissonCusum(points: readonly CusumPoint[], ratio: number, h: number): CusumStep[] {
  const out: CusumStep[] = [];
  let s = 0;
  let runStart = 0;
  points.forEach((p, t) => {
    if (s === 0) runStart = t;
    s = Math.max(0, s + p.x - referenceValue(p.expected, ratio));
    const signal = s >= h - 1e-9;
    out.push({ s, signal, runStart });
    if (signal) s = 0;
  });
  return out;
}
