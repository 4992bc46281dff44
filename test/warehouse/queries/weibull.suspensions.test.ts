// The Weibull fit with suspensions (right-censored units): against published worked examples, against an
// independent solver written here (Nelder–Mead on the censored log-likelihood, a numerical Hessian for the
// bounds), and the probability plot's adjusted ranks worked by hand.
import { describe, expect, it } from 'vitest';
import { independentFit, random } from '../../helpers/independent-weibull.ts';
import {
  fitWeibull,
  fitWeibullCensored,
  type LifeObservation,
  probabilityPlotPoints,
  thinPlotPoints,
  weibullCdf,
} from '../../../warehouse/queries/weibull.ts';

// NIST/SEMATECH e-Handbook of Statistical Methods, §8.4.1.3 "A Weibull maximum likelihood estimation example"
// (https://www.itl.nist.gov/div898/handbook/apr/section4/apr413.htm), data of §8.2.2.1: 20 units on test,
// failures at 54, 187, 216, 240, 244, 335, 361, 373, 375 and 386 hours, 10 units removed unfailed at 500 hours.
// Printed: η = 606.5280, β = 1.7208, log-likelihood −75.135 (AIC 154.27 = 2·75.135 + 2·2).
const nistFailures = [54, 187, 216, 240, 244, 335, 361, 373, 375, 386];
const nist: LifeObservation[] = [...nistFailures.map((time) => ({ time, failed: true })), { time: 500, failed: false, count: 10 }];

// Altair Compose / Activate documentation, wblfit (Statistical Analysis), example: 20 complete failure times,
// printed a (scale) = 10.411, b (shape) = 1.7397, 95 % intervals a ∈ [7.974, 13.594], b ∈ [1.2667, 2.3893] —
// normal intervals on the log of each parameter from the inverse Fisher matrix, the bounds used here.
const altair = [13.22, 9.41, 8.58, 7.98, 4.12, 16.1, 5.62, 2.28, 9.69, 28.2, 13.84, 5.62, 5.26, 6.91, 8.92, 9.07, 9.83, 1.86, 12.66, 5.44];

// ── An independent solver: the log-likelihood written out, maximised by Nelder–Mead on (ln β, ln η). ──
function logLik(obs: readonly LifeObservation[], b: number, e: number): number {
  let l = 0;
  for (const o of obs) {
    const c = o.count ?? 1;
    const z = o.time / e;
    if (o.failed) l += c * Math.log((b / e) * z ** (b - 1));
    l -= c * z ** b;
  }
  return l;
}

// A seeded generator (mulberry32) for the simulated data sets.
function censoredSample(seed: number, n: number, shape: number, scale: number): LifeObservation[] {
  const u = random(seed);
  return Array.from({ length: n }, () => {
    const life = scale * (-Math.log(1 - u())) ** (1 / shape);
    const inService = 30 + u() * 2 * scale; // staggered installations: each unit seen for a different time
    return life <= inService ? { time: life, failed: true } : { time: inService, failed: false };
  });
}

describe('fitWeibullCensored against published examples', () => {
  it('reproduces the NIST/SEMATECH e-Handbook §8.4.1.3 example: 10 failures, 10 suspended at 500 h', () => {
    const fit = fitWeibullCensored(nist)!;
    expect(fit.shape.toFixed(4)).toBe('1.7208');
    // Printed 606.5280; the exact maximum (checked by the independent solver below) is 606.5276 — the
    // Handbook's solver stopped 7·10⁻⁷ short of it, so the scale is compared to 1·10⁻⁶ relative.
    expect(Math.abs(fit.scale / 606.528 - 1)).toBeLessThan(1e-6);
    expect(fit.logLikelihood.toFixed(3)).toBe('-75.135');
    expect((-2 * fit.logLikelihood + 4).toFixed(2)).toBe('154.27');
    expect(fit.failures).toBe(10);
    expect(fit.suspensions).toBe(10);
    expect(fit.method).toBe('maximum likelihood with suspensions');
  });

  it('reproduces the printed Fisher-matrix 95 % bounds of the Altair wblfit example', () => {
    const fit = fitWeibullCensored(altair.map((time) => ({ time, failed: true })))!;
    expect(fit.scale.toFixed(3)).toBe('10.411');
    expect(fit.shape.toFixed(4)).toBe('1.7397');
    expect(fit.bounds!.scale.map((x) => x.toFixed(3))).toEqual(['7.974', '13.594']);
    expect(fit.bounds!.shape.map((x) => x.toFixed(4))).toEqual(['1.2667', '2.3893']);
    expect(fit.suspensions).toBe(0);
  });
});

describe('fitWeibullCensored against an independent solver', () => {
  const sets: [string, LifeObservation[]][] = [
    ['the NIST example', nist],
    ['200 staggered units, shape 2.2', censoredSample(7, 200, 2.2, 900)],
    ['500 staggered units, shape 0.8 (infant mortality)', censoredSample(11, 500, 0.8, 3000)],
    ['60 units, mostly suspended, shape 3.5', censoredSample(23, 60, 3.5, 5000)],
  ];
  it.each(sets)('%s: estimates within 1e-6 relative, bounds from a numerical Hessian within 1e-4', (_, obs) => {
    const fit = fitWeibullCensored(obs)!;
    const ref = independentFit(logLik, obs);
    expect(fit.suspensions).toBeGreaterThan(0);
    expect(Math.abs(fit.shape / ref.shape - 1)).toBeLessThan(1e-6);
    expect(Math.abs(fit.scale / ref.scale - 1)).toBeLessThan(1e-6);
    expect(Math.abs(fit.logLikelihood - ref.logLik)).toBeLessThan(1e-8 * Math.abs(ref.logLik));
    // Bounds: ln β̂ ± 1.96·√Var/β̂, ln η̂ ± 1.96·√Var/η̂; B10 = η(−ln 0.9)^(1/β), Var(ln B10) by the delta method.
    const z = 1.959963984540054;
    const sb = Math.sqrt(ref.varShape) / ref.shape;
    const se = Math.sqrt(ref.varScale) / ref.scale;
    const k = Math.log(-Math.log(0.9));
    const b10 = ref.scale * Math.exp(k / ref.shape);
    const varLnB10 =
      ref.varScale / ref.scale ** 2 + (k * k * ref.varShape) / ref.shape ** 4 - (2 * k * ref.cov) / (ref.shape ** 2 * ref.scale);
    const expected = {
      shape: [ref.shape * Math.exp(-z * sb), ref.shape * Math.exp(z * sb)],
      scale: [ref.scale * Math.exp(-z * se), ref.scale * Math.exp(z * se)],
      b10: [b10 * Math.exp(-z * Math.sqrt(varLnB10)), b10 * Math.exp(z * Math.sqrt(varLnB10))],
    };
    expect(Math.abs(fit.b10 / b10 - 1)).toBeLessThan(1e-6);
    for (const key of ['shape', 'scale', 'b10'] as const)
      for (const i of [0, 1]) expect(Math.abs(fit.bounds![key][i] / expected[key][i] - 1)).toBeLessThan(1e-4);
    // B10 is where the fitted distribution reaches 10 %.
    expect(weibullCdf(fit.b10, fit.shape, fit.scale)).toBeCloseTo(0.1, 12);
  });

  it('matches the complete-data fit when nothing is suspended', () => {
    const t = [120, 300, 450, 800, 1500];
    const complete = fitWeibull(t)!;
    const censored = fitWeibullCensored(t.map((time) => ({ time, failed: true })))!;
    expect(censored.shape).toBeCloseTo(complete.shape, 9);
    expect(censored.scale / complete.scale).toBeCloseTo(1, 9);
  });

  it('counts grouped observations like the same units listed one by one', () => {
    const listed = [...nistFailures.map((time) => ({ time, failed: true })), ...Array(10).fill({ time: 500, failed: false })];
    const a = fitWeibullCensored(listed)!;
    const b = fitWeibullCensored(nist)!;
    expect(a.shape).toBeCloseTo(b.shape, 12);
    expect(a.bounds!.b10[0]).toBeCloseTo(b.bounds!.b10[0], 8);
  });

  it('refuses data without a failure, or whose failures are all at the longest time', () => {
    expect(fitWeibullCensored([])).toBeNull();
    expect(
      fitWeibullCensored([
        { time: 100, failed: false },
        { time: 200, failed: false },
      ]),
    ).toBeNull();
    expect(
      fitWeibullCensored([
        { time: 0, failed: true },
        { time: 200, failed: false },
      ]),
    ).toBeNull();
    expect(
      fitWeibullCensored([
        { time: 50, failed: false },
        { time: 200, failed: true },
      ]),
    ).toBeNull();
    // One failure and a unit running longer: a finite maximum exists.
    expect(
      fitWeibullCensored([
        { time: 100, failed: true },
        { time: 300, failed: false },
      ]),
    ).not.toBeNull();
  });
});

describe('probabilityPlotPoints (product-limit with Johnson’s step, the Herd–Johnson estimator)', () => {
  it('adjusts the positions of failures that follow suspensions as Johnson’s adjusted ranks do', () => {
    // 5 units: F 5100, S 9500, F 15000, S 22000, F 40000. At risk at the failures: 5, 3, 1;
    //   R = 5/6 = 0.83333, × 3/4 = 0.625, × 1/2 = 0.3125: F = 0.16667, 0.375, 0.6875 — Johnson's adjusted ranks
    //   1, 2.25, 4.125 (AR₂ = 1 + (6 − 1)/(1 + 3), AR₃ = 2.25 + (6 − 2.25)/(1 + 1)) ÷ (n + 1 = 6).
    const points = probabilityPlotPoints([
      { time: 9500, failed: false },
      { time: 5100, failed: true },
      { time: 40000, failed: true },
      { time: 22000, failed: false },
      { time: 15000, failed: true },
    ]);
    expect(points.map((p) => p.time)).toEqual([5100, 15000, 40000]);
    expect(points.map((p) => p.atRisk)).toEqual([5, 3, 1]);
    expect(points.map((p) => p.probability)).toEqual([1 / 6, 0.375, 0.6875].map((x) => expect.closeTo(x, 12)));
    expect(points.map((p) => p.probability * 6)).toEqual([1, 2.25, 4.125].map((x) => expect.closeTo(x, 12)));
  });

  it('gives the mean ranks i/(n + 1) without suspensions, a failure before a suspension at a tie', () => {
    const complete = probabilityPlotPoints([3, 1, 2].map((time) => ({ time, failed: true })));
    expect(complete.map((p) => p.probability)).toEqual([0.25, 0.5, 0.75].map((x) => expect.closeTo(x, 12)));
    const tie = probabilityPlotPoints([
      { time: 10, failed: false },
      { time: 10, failed: true },
    ]);
    expect(tie[0]).toMatchObject({ atRisk: 2, probability: expect.closeTo(1 / 3, 12) });
  });

  it('counts a unit at risk only from its entry (left truncation), by hand', () => {
    // (entry, time, failed): U1 (0, 10, F), U2 (0, 30, S), U3 (20, 25, F), U4 (20, 50, F), U5 (40, 45, F), U6 (0, 60, S).
    //   t = 10: entered before it U1, U2, U6: r = 3, R = 3/4, F = 0.25;
    //   t = 25: entered U1–U4, U6 (5), U1 gone: r = 4, R = 3/4 × 4/5 = 0.6, F = 0.4;
    //   t = 45: all 6 entered, U1, U3, U2 gone: r = 3, R = 0.6 × 3/4 = 0.45, F = 0.55;
    //   t = 50: U5 gone too: r = 2, R = 0.45 × 2/3 = 0.3, F = 0.7.
    // Ignoring the entries (every unit at risk from 0) would give r = 6, 5, 3, 2: F = 1/7, 2/7, 13/28, 18/28.
    const points = probabilityPlotPoints([
      { entry: 0, time: 10, failed: true },
      { entry: 0, time: 30, failed: false },
      { entry: 20, time: 25, failed: true },
      { entry: 20, time: 50, failed: true },
      { entry: 40, time: 45, failed: true },
      { entry: 0, time: 60, failed: false },
    ]);
    expect(points.map((p) => [p.time, p.atRisk])).toEqual([
      [10, 3],
      [25, 4],
      [45, 3],
      [50, 2],
    ]);
    expect(points.map((p) => p.probability)).toEqual([0.25, 0.4, 0.55, 0.7].map((x) => expect.closeTo(x, 12)));
    // A failure at its own entry age is at risk itself: with one other unit entered, r = 2, F = 1/3.
    const atEntry = probabilityPlotPoints([
      { entry: 8, time: 8, failed: true },
      { entry: 0, time: 20, failed: false },
    ]);
    expect(atEntry).toEqual([{ time: 8, atRisk: 2, probability: expect.closeTo(1 / 3, 12) }]);
  });

  it('plots grouped units as the units themselves, by hand', () => {
    // A suspension at 3, two failures at 5 (one group), a failure at 10: r = 3 then 2 at t = 5 (R = 3/4, then
    // 3/4 × 2/3 = 1/2), r = 1 at t = 10 (R = 1/4): F = 0.25, 0.5, 0.75.
    const points = probabilityPlotPoints([
      { time: 10, failed: true },
      { time: 5, failed: true, count: 2 },
      { time: 3, failed: false },
    ]);
    expect(points.map((p) => [p.time, p.atRisk])).toEqual([
      [5, 3],
      [5, 2],
      [10, 1],
    ]);
    expect(points.map((p) => p.probability)).toEqual([0.25, 0.5, 0.75].map((x) => expect.closeTo(x, 12)));
    // Three units that fail at their own entry age 8, one other entered: each is at risk itself with the other
    // (r = 2 each, as one such unit alone), R = (2/3)³.
    const atEntry = probabilityPlotPoints([
      { entry: 8, time: 8, failed: true, count: 3 },
      { entry: 0, time: 20, failed: false },
    ]);
    expect(atEntry.map((p) => p.atRisk)).toEqual([2, 2, 2]);
    expect(atEntry[2].probability).toBeCloseTo(1 - (2 / 3) ** 3, 12);
  });

  it('cuts a long plot to the first and last point of each equal width of ln t, keeping short plots whole', () => {
    // Times 1.5, 2.5, …, 999.5 in 3 bins of ln t between ln 1.5 = 0.4055 and ln 999.5 = 6.9073 (width 2.1673): the
    // bins end at e^{0.4055 + 2.1673} = 13.10 and e^{0.4055 + 4.3346} = 114.46, so 1.5 … 12.5, 13.5 … 113.5 and
    // 114.5 … 999.5.
    const points = Array.from({ length: 999 }, (_, i) => ({ time: i + 1.5 }));
    expect(thinPlotPoints(points, 3).map((p) => p.time)).toEqual([1.5, 12.5, 13.5, 113.5, 114.5, 999.5]);
    expect(thinPlotPoints(points.slice(0, 6), 3)).toEqual(points.slice(0, 6));
  });
});
