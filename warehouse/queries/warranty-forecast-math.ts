// The warranty forecast's arithmetic: expected first failures (claims) of the units still at risk in each coming
// month, from a Weibull fit with suspensions, and its 95 % interval.
//
// A unit at age a (days in service, not yet failed) whose warranty ends at age w fails in the window (x₀, x₁]
// with the conditional probability
//   p = exp(−[H(x₀) − H(a)]) − exp(−[H(min(x₁, w)) − H(a)]),   H(t) = (t/η)^β,
// and 0 once x₀ ≥ w (the claim would no longer be a warranty claim). Expected claims E = Σ p over the units.
// Variance: the claims of independent units are a Poisson-binomial count, Var = Σ p(1 − p); the fit's own
// uncertainty adds gᵀ C g (delta method), g being ∂E/∂(β, η) (central differences) and C the fit's
// Fisher-matrix covariance. The 95 % interval is E ± 1.96 √Var (normal approximation), rounded outward to
// whole claims and not below 0. Cost = claims × mean cost per warranty claim, its interval the claims'
// interval × the same mean (the spread of the cost per claim is not added).
import { type CensoredWeibullFit, unitsOf, z95 } from './weibull.ts';

export interface UnitAtRisk {
  /** Days in service at the forecast's start; the unit has not failed yet. */
  age: number;
  /** Age in days at which its warranty ends (Infinity when unknown). */
  warrantyEndAge: number;
  /** Identical units counted once; default 1. */
  count?: number;
}

export interface ClaimsForecast {
  expected: number;
  /** Poisson-binomial variance plus the parameters' (delta method). */
  variance: number;
  interval: [number, number];
}

export interface ForecastResult {
  /** One per window between consecutive boundaries. */
  months: ClaimsForecast[];
  /** The whole horizon (first to last boundary). */
  total: ClaimsForecast;
  /** Units still in warranty at the start. */
  unitsAtRisk: number;
}

type Fit = Pick<CensoredWeibullFit, 'shape' | 'scale' | 'covariance'>;

/** P(failure in (a + from, min(a + to, w)] | survived to a). */
export function conditionalFailureProbability(
  shape: number,
  scale: number,
  age: number,
  from: number,
  to: number,
  warrantyEndAge: number,
): number {
  const x0 = age + from;
  const x1 = Math.min(age + to, warrantyEndAge);
  if (!(x1 > x0)) return 0;
  const h = (t: number) => (t / scale) ** shape;
  const ha = h(age);
  return Math.exp(-(h(x0) - ha)) - Math.exp(-(h(x1) - ha));
}

function expectedAndPbVariance(shape: number, scale: number, units: readonly UnitAtRisk[], from: number, to: number) {
  let expected = 0;
  let variance = 0;
  for (const u of units) {
    const p = conditionalFailureProbability(shape, scale, u.age, from, to, u.warrantyEndAge);
    const c = unitsOf(u);
    expected += c * p;
    variance += c * p * (1 - p);
  }
  return { expected, variance };
}

function window(fit: Fit, units: readonly UnitAtRisk[], from: number, to: number): ClaimsForecast {
  const { expected, variance: pb } = expectedAndPbVariance(fit.shape, fit.scale, units, from, to);
  let parameterVariance = 0;
  const c = fit.covariance;
  if (c) {
    const hb = fit.shape * 1e-5;
    const he = fit.scale * 1e-5;
    const e = (b: number, s: number) => expectedAndPbVariance(b, s, units, from, to).expected;
    const gb = (e(fit.shape + hb, fit.scale) - e(fit.shape - hb, fit.scale)) / (2 * hb);
    const ge = (e(fit.shape, fit.scale + he) - e(fit.shape, fit.scale - he)) / (2 * he);
    parameterVariance = Math.max(0, gb * gb * c.shape + ge * ge * c.scale + 2 * gb * ge * c.shapeScale);
  }
  const variance = pb + parameterVariance;
  const half = z95 * Math.sqrt(variance);
  return { expected, variance, interval: [Math.max(0, Math.floor(expected - half)), Math.ceil(expected + half)] };
}

/**
 * Claims per window for the units at risk. `boundaries` are days from the forecast's start, ascending from 0
 * (for calendar months: the days to each month's end).
 */
export function forecastClaims(fit: Fit, units: readonly UnitAtRisk[], boundaries: readonly number[]): ForecastResult {
  const atRisk = grouped(units.filter((u) => u.age < u.warrantyEndAge && Number.isFinite(u.age) && u.age >= 0));
  const months: ClaimsForecast[] = [];
  for (let i = 1; i < boundaries.length; i++) months.push(window(fit, atRisk, boundaries[i - 1], boundaries[i]));
  const total = window(fit, atRisk, boundaries[0] ?? 0, boundaries.at(-1) ?? 0);
  return { months, total, unitsAtRisk: atRisk.reduce((a, u) => a + unitsOf(u), 0) };
}

/** Units of the same age and warranty end as one, counted: each window reads every unit five times, and an
 *  installed base's units share whole-day ages (installed the same day) and a few warranty lengths. */
function grouped(units: readonly UnitAtRisk[]): UnitAtRisk[] {
  const byKey = new Map<string, UnitAtRisk>();
  for (const u of units) {
    const key = `${u.age}|${u.warrantyEndAge}`;
    const g = byKey.get(key);
    if (g) g.count = unitsOf(g) + unitsOf(u);
    else byKey.set(key, { age: u.age, warrantyEndAge: u.warrantyEndAge, count: unitsOf(u) });
  }
  return [...byKey.values()];
}
