// The exact comparison of two Poisson rates against R's documented poisson.test example.
import { describe, expect, it } from 'vitest';
import { binomialTestTwoSided, clopperPearson, comparePoissonRates } from '../../../warehouse/queries/poisson-rate-test.ts';

describe('comparing two Poisson rates', () => {
  it('R poisson.test example: lung cancer in Fredericia against the three other cities, ages 55-59', () => {
    // ?poisson.test: poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)) prints count1 = 11, expected count1 =
    // 6.7174, p-value = 0.07967, 95 percent confidence interval 0.8584264 4.2772659, rate ratio 1.971488.
    const c = comparePoissonRates(11, 800, 21, 1083 + 1050 + 878);
    expect(c.rateRatio).toBeCloseTo(1.971488, 6);
    expect(c.expected1).toBeCloseTo(6.7174, 4);
    expect(c.pValue).toBeCloseTo(0.07967, 5);
    expect(c.interval[0]).toBeCloseTo(0.8584264, 6);
    expect(c.interval[1]).toBeCloseTo(4.2772659, 6);
  });

  it('small cases worked by hand', () => {
    // 0 of 2 with p = 1/2: P(0) = P(2) = 1/4 are the outcomes no more likely than 0: p = 1/2.
    expect(binomialTestTwoSided(0, 2, 0.5)).toBeCloseTo(0.5, 12);
    // Clopper-Pearson of 0 of n: upper end 1 - (alpha/2)^(1/n); of 0 of 5: 1 - 0.025^(1/5) = 0.521824.
    expect(clopperPearson(0, 5)[1]).toBeCloseTo(1 - 0.025 ** (1 / 5), 9);
    expect(clopperPearson(5, 5)[0]).toBeCloseTo(0.025 ** (1 / 5), 9);
    // No events on either side: nothing to compare.
    expect(comparePoissonRates(0, 10, 0, 10)).toMatchObject({ rateRatio: null, pValue: 1 });
  });
});
