// The Weibull fit against samples with known parameters (the exact quantiles of the distribution, so the
// answer does not depend on a random draw), and the cases it must refuse.
import { describe, expect, it } from 'vitest';
import { fitWeibull } from '../../../warehouse/queries/weibull.ts';

const quantiles = (shape: number, scale: number, n: number) =>
  Array.from({ length: n }, (_, i) => scale * (-Math.log(1 - (i + 0.5) / n)) ** (1 / shape));

describe('fitWeibull', () => {
  it.each([
    [0.7, 400],
    [1, 1000],
    [2.5, 1200],
    [5, 90],
  ])('recovers shape %d and scale %d from 400 quantiles within 3 %', (shape, scale) => {
    const fit = fitWeibull(quantiles(shape, scale, 400))!;
    expect(fit.shape / shape).toBeGreaterThan(0.97);
    expect(fit.shape / shape).toBeLessThan(1.03);
    expect(fit.scale / scale).toBeGreaterThan(0.97);
    expect(fit.scale / scale).toBeLessThan(1.03);
    expect(fit.n).toBe(400);
  });

  it('solves the likelihood equation exactly on a small sample', () => {
    const t = [120, 300, 450, 800, 1500];
    const { shape: k, scale } = fitWeibull(t)!;
    const sk = t.reduce((a, x) => a + x ** k, 0);
    const skl = t.reduce((a, x) => a + x ** k * Math.log(x), 0);
    const meanLog = t.reduce((a, x) => a + Math.log(x), 0) / t.length;
    expect(skl / sk - 1 / k - meanLog).toBeCloseTo(0, 10);
    expect(scale).toBeCloseTo((sk / t.length) ** (1 / k), 6);
  });

  it('grouped times: a time and its count solve the same equation as the times written out', () => {
    // 120 twice, 300 once, 450 three times, 1500 once: the likelihood equation over the seven units.
    const t = [120, 120, 300, 450, 450, 450, 1500];
    const { shape: k, scale, n } = fitWeibull([120, 300, 450, 1500], [2, 1, 3, 1])!;
    expect(n).toBe(7);
    const sk = t.reduce((a, x) => a + x ** k, 0);
    const skl = t.reduce((a, x) => a + x ** k * Math.log(x), 0);
    const meanLog = t.reduce((a, x) => a + Math.log(x), 0) / t.length;
    expect(skl / sk - 1 / k - meanLog).toBeCloseTo(0, 10);
    expect(scale).toBeCloseTo((sk / t.length) ** (1 / k), 6);
    // Two units at one time are not one: the single-count fit is another.
    expect(fitWeibull([120, 300, 450, 1500])!.shape).not.toBeCloseTo(k, 3);
  });

  it('refuses fewer than two positive times, or times all equal', () => {
    expect(fitWeibull([])).toBeNull();
    expect(fitWeibull([5, 0, -1])).toBeNull();
    expect(fitWeibull([7, 7, 7])).toBeNull();
  });
});
