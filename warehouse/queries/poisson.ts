// The Poisson distribution: its terms, cumulative and upper tail (both from the smaller side, so a tail under
// 1e-16 is not lost to 1 − P), and the upper limit of a count.
/** P(X = x) for X ~ Poisson(mu), in log space so large means do not overflow. */
export function poissonPmf(x: number, mu: number): number {
  if (x < 0) return 0;
  if (mu === 0) return x === 0 ? 1 : 0;
  return Math.exp(x * Math.log(mu) - mu - logFactorial(x));
}

/** P(X ≤ x): the sum of the terms up to x, or 1 − the upper tail when x is above the mean (the smaller side). */
export function poissonCdf(x: number, mu: number): number {
  if (x < 0) return 0;
  if (x >= mu) return 1 - poissonUpperTail(x, mu);
  let p = 0;
  for (let i = 0; i <= x; i++) p += poissonPmf(i, mu);
  return p;
}

/** P(X > x), summed from x + 1 while the terms still add to it (past the mean they only fall). */
export function poissonUpperTail(x: number, mu: number): number {
  if (x < mu) return 1 - poissonCdf(x, mu);
  let tail = 0;
  for (let i = Math.max(0, Math.floor(x) + 1); ; i++) {
    const term = poissonPmf(i, mu);
    if (term === 0 || tail + term === tail) return tail + term;
    tail += term;
  }
}

const logFactorials: number[] = [0];
export function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1] + Math.log(i);
  return logFactorials[n];
}

/** The upper limit of a Poisson count: the smallest k with P(X <= k) >= p for X ~ Poisson(mean). */
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
