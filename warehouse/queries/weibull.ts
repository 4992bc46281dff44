// A two-parameter Weibull fit by maximum likelihood on complete (uncensored) failure times. The shape k solves
//   Σ t^k ln t / Σ t^k − 1/k − mean(ln t) = 0
// (Newton's method from the method-of-moments guess on ln t, bisection as a fallback); the scale is then
// (Σ t^k / n)^(1/k). Shape < 1: failures fall with age (infant mortality); ≈ 1: random; > 1: wear-out.

export interface WeibullFit {
  shape: number;
  scale: number;
  n: number;
  method: 'maximum likelihood (complete data)';
}

export function fitWeibull(times: readonly number[]): WeibullFit | null {
  const t = times.filter((x) => Number.isFinite(x) && x > 0);
  const n = t.length;
  if (n < 2) return null;
  const logs = t.map(Math.log);
  const meanLog = logs.reduce((a, b) => a + b, 0) / n;
  const varLog = logs.reduce((a, b) => a + (b - meanLog) ** 2, 0) / (n - 1);
  if (varLog === 0) return null;
  // g(k) is increasing in k: Newton first, bisection if a step leaves the bracket.
  const g = (k: number) => {
    let s = 0;
    let sl = 0;
    let sll = 0;
    for (let i = 0; i < n; i++) {
      const w = Math.exp(k * (logs[i] - meanLog)); // scaled t^k, to stay finite
      s += w;
      sl += w * logs[i];
      sll += w * logs[i] * logs[i];
    }
    const value = sl / s - 1 / k - meanLog;
    const slope = sll / s - (sl / s) ** 2 + 1 / (k * k);
    return { value, slope };
  };
  let lo = 1e-3;
  let hi = 1e3;
  let k = Math.min(Math.max(Math.PI / Math.sqrt(6 * varLog), lo), hi);
  for (let i = 0; i < 200; i++) {
    const { value, slope } = g(k);
    if (Math.abs(value) < 1e-12) break;
    if (value > 0) hi = k;
    else lo = k;
    let next = k - value / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - k) < 1e-12 * k) {
      k = next;
      break;
    }
    k = next;
  }
  const scale = Math.exp(meanLog) * (t.reduce((a, x) => a + Math.exp(k * (Math.log(x) - meanLog)), 0) / n) ** (1 / k);
  return { shape: k, scale, n, method: 'maximum likelihood (complete data)' };
}
