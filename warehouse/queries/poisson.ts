// The upper limit of a Poisson count: the smallest k with P(X <= k) >= p for X ~ Poisson(mean).
export function poissonUpperLimit(mean: number, p = 0.99): number {
  if (mean <= 0) return 0;
  // Terms computed in log space so large means do not overflow.
  let k = 0;
  let logTerm = -mean; // log P(X = 0)
  let cdf = Math.exp(logTerm);
  while (cdf < p && k < 1e7) {
    k++;
    logTerm += Math.log(mean) - Math.log(k);
    cdf += Math.exp(logTerm);
  }
  return k;
}
