// The warranty forecast's arithmetic: a small example worked by hand, the parameter part of the variance against
// the derivative written out, and a back-test on simulated installed bases with a known Weibull truth: fit on the
// data up to a cutoff, forecast 12 months, count the claims that then arrive.
import { describe, expect, it } from 'vitest';
import { conditionalFailureProbability, forecastClaims } from '../../../warehouse/queries/warranty-forecast-math.ts';
import { fitWeibullCensored, type LifeObservation } from '../../../warehouse/queries/weibull.ts';

describe('forecastClaims worked by hand', () => {
  // Shape 2, scale 1,000 days: H(t) = (t/1000)². Unit A 500 days old, unit B 700 days, both with warranty to
  // 730 days; unit C 800 days old is out of warranty. Two windows of 30 days.
  //   A, days 0–30:  H(500) = 0.25, H(530) = 0.2809 → p = 1 − e^(−0.0309)
  //   A, days 30–60: H(560) = 0.3136 → p = e^(−0.0309) − e^(−0.0636)
  //   B, days 0–30:  H(700) = 0.49, warranty ends at 730: H(730) = 0.5329 → p = 1 − e^(−0.0429)
  //   B, days 30–60: the warranty has ended → 0
  const fit = { shape: 2, scale: 1000, covariance: null };
  const units = [
    { age: 500, warrantyEndAge: 730 },
    { age: 700, warrantyEndAge: 730 },
    { age: 800, warrantyEndAge: 730 },
  ];
  const pA1 = 1 - Math.exp(-0.0309);
  const pA2 = Math.exp(-0.0309) - Math.exp(-0.0636);
  const pB1 = 1 - Math.exp(-0.0429);
  const result = forecastClaims(fit, units, [0, 30, 60]);

  it('sums the conditional probabilities of the units still in warranty', () => {
    expect(result.unitsAtRisk).toBe(2);
    expect(result.months[0].expected).toBeCloseTo(pA1 + pB1, 12); // 0.072420
    expect(result.months[1].expected).toBeCloseTo(pA2, 12); // 0.031193
    expect(result.total.expected).toBeCloseTo(1 - Math.exp(-0.0636) + pB1, 12);
    expect(result.months[0].expected.toFixed(5)).toBe('0.07242');
    expect(conditionalFailureProbability(2, 1000, 700, 30, 60, 730)).toBe(0);
  });

  it('gives the Poisson-binomial variance and an interval rounded outward to whole claims', () => {
    expect(result.months[0].variance).toBeCloseTo(pA1 * (1 - pA1) + pB1 * (1 - pB1), 12); // 0.069731
    // 0.07242 ± 1.96 · √0.069731 = 0.07242 ± 0.51757 → [0, 1]
    expect(result.months[0].interval).toEqual([0, 1]);
  });

  it('adds the fit’s uncertainty by the delta method', () => {
    // One unit aged 500, one window of 30 days: E = 1 − exp(−(H(530) − H(500))). By hand,
    // ∂H(t)/∂β = H(t)·ln(t/η), ∂H(t)/∂η = −β·H(t)/η, ∂E/∂θ = e^(−ΔH)·∂ΔH/∂θ.
    const covariance = { shape: 0.04, scale: 2500, shapeScale: -3 };
    const one = forecastClaims({ shape: 2, scale: 1000, covariance }, [{ age: 500, warrantyEndAge: 5000 }], [0, 30]);
    const dH = 0.2809 - 0.25;
    const dBeta = 0.2809 * Math.log(0.53) - 0.25 * Math.log(0.5);
    const dEta = (-2 * 0.2809) / 1000 - (-2 * 0.25) / 1000;
    const gb = Math.exp(-dH) * dBeta;
    const ge = Math.exp(-dH) * dEta;
    const p = 1 - Math.exp(-dH);
    const expected = p * (1 - p) + gb * gb * 0.04 + ge * ge * 2500 + 2 * gb * ge * -3;
    expect(one.months[0].variance / expected).toBeCloseTo(1, 8);
  });
});

// A seeded generator (mulberry32).
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('forecastClaims back-test on simulated installed bases', () => {
  it('covers the realised 12-month claims at about the stated 95 % over 200 runs', () => {
    // Truth: Weibull shape 1.6, scale 2,500 days. 1,500 units installed evenly over the 3 years before the
    // cutoff, warranty 730 days. The fit sees each unit up to the cutoff: failed (life ≤ age) or suspended at its
    // age. The forecast covers 12 months of 30.4375 days; the realised claims are the units in warranty at the
    // cutoff whose life falls in (age, min(age + 365.25, 730)].
    const month = 30.4375;
    const boundaries = Array.from({ length: 13 }, (_, i) => i * month);
    const runs = 200;
    let covered = 0;
    let monthCells = 0;
    let monthsCovered = 0;
    let sumExpected = 0;
    let sumRealised = 0;
    for (let run = 0; run < runs; run++) {
      const u = random(1000 + run);
      const units = Array.from({ length: 1500 }, () => ({
        age: u() * 1095,
        life: 2500 * (-Math.log(1 - u())) ** (1 / 1.6),
      }));
      const observations: LifeObservation[] = units.map((x) =>
        x.life <= x.age ? { time: x.life, failed: true } : { time: x.age, failed: false },
      );
      const fit = fitWeibullCensored(observations)!;
      const atRisk = units.filter((x) => x.life > x.age);
      const forecast = forecastClaims(
        fit,
        atRisk.map((x) => ({ age: x.age, warrantyEndAge: 730 })),
        boundaries,
      );
      const realisedByMonth = boundaries.slice(1).map((to, i) => {
        const from = boundaries[i];
        return atRisk.filter((x) => x.life > x.age + from && x.life <= Math.min(x.age + to, 730)).length;
      });
      const realised = realisedByMonth.reduce((a, b) => a + b, 0);
      if (realised >= forecast.total.interval[0] && realised <= forecast.total.interval[1]) covered++;
      forecast.months.forEach((m, i) => {
        monthCells++;
        if (realisedByMonth[i] >= m.interval[0] && realisedByMonth[i] <= m.interval[1]) monthsCovered++;
      });
      sumExpected += forecast.total.expected;
      sumRealised += realised;
    }
    const coverage = covered / runs;
    const monthCoverage = monthsCovered / monthCells;
    expect(coverage).toBeGreaterThanOrEqual(0.9);
    expect(coverage).toBeLessThanOrEqual(0.99);
    expect(monthCoverage).toBeGreaterThanOrEqual(0.9);
    expect(monthCoverage).toBeLessThanOrEqual(0.995);
    // Unbiased on average: the mean forecast within 2 % of the mean realised count.
    expect(Math.abs(sumExpected / sumRealised - 1)).toBeLessThan(0.02);
    console.info(
      `back-test: 12-month coverage ${coverage.toFixed(3)}, monthly coverage ${monthCoverage.toFixed(3)}, mean forecast ${(sumExpected / runs).toFixed(1)}, mean realised ${(sumRealised / runs).toFixed(1)}`,
    );
  });
});
