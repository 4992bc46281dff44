// The Poisson CUSUM against Lucas's published example and numbers worked by hand.
import { describe, expect, it } from 'vitest';
import { designCusum, poissonCusumArl, referenceValue, runPoissonCusum } from '../../../warehouse/queries/poisson-cusum.ts';

describe('Poisson CUSUM', () => {
  it('ARLs of Lucas (1985) "Counted data CUSUM\'s": k = 2, h = 6, in-control mean 1.88', () => {
    // The worked example of Lucas's scheme as documented for R's IAcsSPCR::arl (Lawson): arl(h=6, k=2,
    // lambda=1.88, shift=0) prints ARL = 37.2 and, with a head start of h/2, ARL(FIR) = 29.19; at the mean to
    // detect, shift = 0.9627 standard deviations (1.88 + 0.9627 × √1.88 = 3.200), ARL = 5.49 and ARL(FIR) = 3.33.
    expect(poissonCusumArl(1.88, 2, 6, 1)).toBeCloseTo(37.2, 1);
    expect(poissonCusumArl(1.88, 2, 6, 1, 3)).toBeCloseTo(29.19, 2);
    const mu1 = 1.88 + 0.9627 * Math.sqrt(1.88);
    expect(poissonCusumArl(mu1, 2, 6, 1)).toBeCloseTo(5.49, 2);
    expect(poissonCusumArl(mu1, 2, 6, 1, 3)).toBeCloseTo(3.33, 2);
    // The same chain on a grid of tenths gives the same answer (k = 20/10, h = 60/10).
    expect(poissonCusumArl(1.88, 20, 60, 10)).toBeCloseTo(37.2, 1);
  });

  it('a chain worked by hand: k = 1, h = 2, mean 1', () => {
    // States 0 and 1. From 0: x <= 1 stays at 0 (p0 + p1 = 2/e), x = 2 goes to 1 (1/(2e)), x >= 3 signals.
    // From 1: x = 0 goes to 0 (1/e), x = 1 stays at 1 (1/e), x >= 2 signals.
    // L0 = 1 + (2/e) L0 + (1/(2e)) L1;  L1 = 1 + (1/e) L0 + (1/e) L1.
    const e = Math.E;
    const l1 = (l0: number) => (1 + l0 / e) / (1 - 1 / e);
    // Substitute: L0 (1 - 2/e) = 1 + (1/(2e)) (1 + L0/e) / (1 - 1/e).
    const a = 1 - 2 / e - 1 / (2 * e * e * (1 - 1 / e));
    const l0 = (1 + 1 / (2 * e * (1 - 1 / e))) / a;
    expect(l0).toBeCloseTo(1 + (2 / e) * l0 + (1 / (2 * e)) * l1(l0), 9);
    expect(poissonCusumArl(1, 1, 2, 1)).toBeCloseTo(l0, 9);
  });

  it('the reference value of a doubling is mu / ln 2', () => {
    expect(referenceValue(2, 2)).toBeCloseTo(2.885390082, 8);
    expect(referenceValue(1, 3)).toBeCloseTo(2 / Math.log(3), 12);
  });

  it('the recursion, worked by hand: expected 2 a period, a doubling to detect, h = 6', () => {
    // k = 2 / ln 2 = 2.88539. Counts 1, 5, 4, 6, 0, 7:
    // S1 = max(0, 1 - 2.88539) = 0; S2 = 5 - 2.88539 = 2.11461 (the run starts here); S3 = 2.11461 + 4 - 2.88539
    // = 3.22922; S4 = 3.22922 + 6 - 2.88539 = 6.34383 >= 6: signal, the run began at period 2, the sum restarts;
    // S5 = max(0, 0 - 2.88539) = 0; S6 = 7 - 2.88539 = 4.11461 < 6.
    const steps = runPoissonCusum(
      [1, 5, 4, 6, 0, 7].map((x) => ({ x, expected: 2 })),
      2,
      6,
    );
    expect(steps.map((s) => Number(s.s.toFixed(5)))).toEqual([0, 2.11461, 3.22922, 6.34383, 0, 4.11461]);
    expect(steps.map((s) => s.signal)).toEqual([false, false, false, true, false, false]);
    expect(steps[3].runStart).toBe(1);
  });

  it('a busy period is not a rise: k follows the exposure', () => {
    // Expected 1 then 4 (four times the volume): k = 1.44270 then 5.77078. Counts 1 and 5 are at the in-control
    // rate: S1 = 0, S2 = max(0, 5 - 5.77078) = 0. A fixed k of the first period would have S2 = 3.55730.
    const steps = runPoissonCusum(
      [
        { x: 1, expected: 1 },
        { x: 5, expected: 4 },
      ],
      2,
      6,
    );
    expect(steps.map((s) => s.s)).toEqual([0, 0]);
  });

  it('the decision interval is the smallest h on the grid whose in-control ARL reaches the target', () => {
    const d = designCusum(3, 2, 1040);
    // k = 3 / ln 2 = 4.328 -> 4.3 on the grid of tenths.
    expect(d.k).toBe(4.3);
    expect(d.arl0).toBeGreaterThanOrEqual(1040);
    expect(poissonCusumArl(3, 43, Math.round(d.h * 10) - 1, 10)).toBeLessThan(1040);
  });

  it("a large mean whose rise past k is all but impossible: h is the grid's first step, its ARL 1 / P(X ≥ 2,742)", () => {
    // A month of 1,900 expected tickets, a doubling to detect: k = 1,900 / ln 2 = 2,741.1. With h = 0.1 it signals
    // at 2,742 tickets or more. The tail summed here from its first term, e^(2742 ln 1900 − 1900 − ln 2742!), each
    // next term × 1900 / x. (It came out negative before, and h grew to the grid's end for hours.)
    let lnFactorial = 0;
    for (let x = 2; x <= 2742; x++) lnFactorial += Math.log(x);
    let term = Math.exp(2742 * Math.log(1900) - 1900 - lnFactorial);
    let tail = 0;
    for (let x = 2742; term > 0 && tail + term !== tail; x++) {
      tail += term;
      term *= 1900 / (x + 1);
    }
    const d = designCusum(1900, 2, 240);
    expect(d.k).toBe(2741.1);
    expect(d.h).toBe(0.1);
    expect(d.arl0).toBeGreaterThan(1e70);
    expect(Math.abs(d.arl0 * tail - 1)).toBeLessThan(1e-9);
    // Two states (h = 0.2): still astronomically long, and positive.
    expect(poissonCusumArl(1900, 27411, 2, 10)).toBeGreaterThan(1e70);
  });
});
