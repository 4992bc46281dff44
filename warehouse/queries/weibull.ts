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

/** `counts[i]` units failed at `times[i]` (1 each when absent): identical times are one term (grouped data). */
export function fitWeibull(times: readonly number[], counts?: readonly number[]): WeibullFit | null {
  const logs: number[] = [];
  const weights: number[] = [];
  times.forEach((x, i) => {
    const w = counts ? counts[i] : 1;
    if (Number.isFinite(x) && x > 0 && w > 0) {
      logs.push(Math.log(x));
      weights.push(w);
    }
  });
  const n = weights.reduce((a, b) => a + b, 0);
  if (n < 2) return null;
  const meanLog = logs.reduce((a, l, i) => a + weights[i] * l, 0) / n;
  const varLog = logs.reduce((a, l, i) => a + weights[i] * (l - meanLog) ** 2, 0) / (n - 1);
  if (varLog === 0) return null;
  // g(k) is increasing in k: Newton first, bisection if a step leaves the bracket.
  const g = (k: number) => {
    let s = 0;
    let sl = 0;
    let sll = 0;
    for (let i = 0; i < logs.length; i++) {
      const w = weights[i] * Math.exp(k * (logs[i] - meanLog)); // scaled t^k, to stay finite
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
  const scale = Math.exp(meanLog) * (logs.reduce((a, l, i) => a + weights[i] * Math.exp(k * (l - meanLog)), 0) / n) ** (1 / k);
  return { shape: k, scale, n, method: 'maximum likelihood (complete data)' };
}

// ── Right-censored data (suspensions) ────────────────────────────────────────────────────────────────────
// Each observation is a unit's time to its first failure (failed) or the time it has run without failing so
// far (a suspension: still in service, or removed unfailed). With r failures, the log-likelihood is
//   ℓ(β, η) = Σ_failures [ln β − ln η + (β − 1) ln(t/η)] − Σ_all (t/η)^β.
// For a fixed shape β the best scale is η(β) = (Σ_all t^β / r)^(1/β); the shape then solves the profile
// equation  Σ_all t^β ln t / Σ_all t^β − 1/β − (1/r) Σ_failures ln t = 0,  whose left side rises with β
// (Newton's method inside a bracket that shrinks every step, bisection when a step leaves it). The 95 %
// bounds are Fisher-matrix bounds: the inverse of the observed information (minus the Hessian of ℓ at the
// estimate) gives the variances, and ln β, ln η and ln B10 are taken as normal (Nelson 1982; the method of
// Weibull++ and Minitab), so every bound stays positive.
//
// Left truncation (delayed entry): a unit first observed at age a > 0 (installed before the data begin, so a
// failure before a would never have been recorded) is known to have survived to a; its likelihood is conditional
// on that: ln f(t) − ln S(a) when failed, ln S(t) − ln S(a) when suspended. Then
//   ℓ(β, η) = Σ_failures [ln β − ln η + (β − 1) ln(t/η)] − Σ_all [(t/η)^β − (a/η)^β],
// the best scale for a shape is η(β) = (Σ_all (t^β − a^β) / r)^(1/β), and the shape maximises the profile
//   ℓ(β) = r ln β − r ln(Σ (t^β − a^β) / r) + (β − 1) Σ_failures ln t − r,
// which need not be concave: it is searched on a grid of ln β (0.02 … 50), the bracket around the grid's best
// point then narrowed by Newton's method on its derivative. The observed information is the one above with each term
// in u = (t/η)^β replaced by u(t) − u(a). Entry 0 everywhere is the untruncated fit above, to the last digit.

export interface LifeObservation {
  /** Time to the first failure, or to the suspension; > 0. */
  time: number;
  failed: boolean;
  /** Identical observations counted once (grouped data); default 1. */
  count?: number;
  /** Age at which observation began (left truncation, delayed entry); default 0. A unit is used only when its
   *  failure is at or after its entry, or its suspension after it. */
  entry?: number;
}

/** The units an observation (or any grouped row) stands for: its count, 1 when it has none. */
export const unitsOf = (o: { count?: number }): number => o.count ?? 1;

export interface CensoredWeibullFit {
  shape: number;
  scale: number;
  /** Time by which 10 % of units have failed: scale · (−ln 0.9)^(1/shape). */
  b10: number;
  logLikelihood: number;
  failures: number;
  suspensions: number;
  /** Two-sided 95 % Fisher-matrix bounds; null when the information matrix is not positive definite. */
  bounds: { shape: [number, number]; scale: [number, number]; b10: [number, number] } | null;
  /** Variance–covariance of (shape, scale): the inverse observed information. */
  covariance: { shape: number; scale: number; shapeScale: number } | null;
  method: 'maximum likelihood with suspensions';
  boundsMethod: 'Fisher matrix, 95 %, two-sided';
}

export const z95 = 1.959963984540054;
const b10Probability = 0.1;

interface Weighted {
  logs: number[];
  weights: number[];
  failed: boolean[];
  /** ln of the entry age; −Infinity for entry 0. */
  entryLogs: number[];
  truncated: boolean;
}

function prepare(observations: readonly LifeObservation[]): Weighted {
  const logs: number[] = [];
  const weights: number[] = [];
  const failed: boolean[] = [];
  const entryLogs: number[] = [];
  let truncated = false;
  // Identical observations are one weighted term: every pass of the fit costs a term, and suspensions share their
  // whole days (units installed on the same day), so the installed base has far fewer terms than units.
  // Keyed by time, then entry age: numbers, not a string of both made for every unit.
  const seen = new Map<number, Map<number, number>>();
  for (const o of observations) {
    const w = unitsOf(o);
    const a = o.entry ?? 0;
    if (!(Number.isFinite(o.time) && o.time > 0 && Number.isFinite(w) && w > 0)) continue;
    if (!(Number.isFinite(a) && a >= 0 && (o.failed ? a <= o.time : a < o.time))) continue;
    if (!o.failed) {
      const entries = seen.get(o.time) ?? new Map<number, number>();
      if (entries.size === 0) seen.set(o.time, entries);
      const at = entries.get(a);
      if (at !== undefined) {
        weights[at] += w;
        continue;
      }
      entries.set(a, logs.length);
    }
    logs.push(Math.log(o.time));
    weights.push(w);
    failed.push(o.failed);
    entryLogs.push(a > 0 ? Math.log(a) : Number.NEGATIVE_INFINITY);
    if (a > 0) truncated = true;
  }
  return { logs, weights, failed, entryLogs, truncated };
}

/** The log-likelihood of a Weibull (shape, scale) for failures and suspensions, each conditional on surviving to
 *  its entry age, as written above. */
export const weibullLogLikelihood = (observations: readonly LifeObservation[], shape: number, scale: number): number =>
  logLikelihood(prepare(observations), shape, scale);

function logLikelihood({ logs, weights, failed, entryLogs }: Weighted, shape: number, scale: number): number {
  const lnEta = Math.log(scale);
  let l = 0;
  for (let i = 0; i < logs.length; i++) {
    const lz = logs[i] - lnEta;
    if (failed[i]) l += weights[i] * (Math.log(shape) - lnEta + (shape - 1) * lz);
    l -= weights[i] * Math.exp(shape * lz);
    if (entryLogs[i] > Number.NEGATIVE_INFINITY) l += weights[i] * Math.exp(shape * (entryLogs[i] - lnEta));
  }
  return l;
}

/** The shape and ln scale maximising the truncated likelihood (profile in ln β, as written above); null when the
 *  maximum lies at the edge of the searched shapes. */
function truncatedShape(d: Weighted, r: number, sumFailLog: number, maxLog: number): { k: number; lnEta: number } | null {
  const { logs, weights, entryLogs } = d;
  const n = logs.length;
  const meanFailLog = sumFailLog / r;
  // One pass over the units for a shape: S = Σ w (t^β − a^β) scaled by e^{−β·maxLog}, and with x = ln t − maxLog
  // (the same for a) S1 = Σ w (t^β x_t − a^β x_a), S2 = Σ w (t^β x_t² − a^β x_a²) on the same scale: the profile,
  // g = S'/S − 1/β − mean failure ln t (dℓ/dβ = −r g) and g' = S2/S − (S1/S)² + 1/β² from it.
  const pass = (k: number) => {
    let s = 0;
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = logs[i] - maxLog;
      const ut = weights[i] * Math.exp(k * x);
      if (entryLogs[i] > Number.NEGATIVE_INFINITY) {
        const xa = entryLogs[i] - maxLog;
        // t^β − a^β = t^β (1 − e^{−β(ln t − ln a)}), exact when a is close to t.
        const m = Math.expm1(-k * (logs[i] - entryLogs[i]));
        const ua = ut * (1 + m);
        s -= ut * m;
        s1 += ut * x - ua * xa;
        s2 += ut * x * x - ua * xa * xa;
      } else {
        s += ut;
        s1 += ut * x;
        s2 += ut * x * x;
      }
    }
    const m1 = s1 / s;
    return {
      profile: r * Math.log(k) - r * (Math.log(s / r) + k * maxLog) + (k - 1) * sumFailLog - r,
      g: m1 + maxLog - 1 / k - meanFailLog,
      slope: s2 / s - m1 * m1 + 1 / (k * k),
      lnEta: maxLog + Math.log(s / r) / k,
    };
  };
  // The profile need not be concave: its best point on a grid of ln β (0.02 … 50, steps of 30 %), then the root of
  // g between the grid's neighbours by Newton's method kept inside a bracket that shrinks every step (bisection
  // when a step leaves it); golden-section search on the profile itself when g does not change sign there.
  const grid = 30;
  const lo = Math.log(0.02);
  const hi = Math.log(50);
  const at = (j: number) => Math.exp(lo + ((hi - lo) * j) / grid);
  const points = Array.from({ length: grid + 1 }, (_, j) => pass(at(j)));
  let best = 0;
  for (let j = 1; j <= grid; j++) if (points[j].profile > points[best].profile) best = j;
  if (best === 0 || best === grid || !Number.isFinite(points[best].profile)) return null;
  let a = at(best - 1);
  let b = at(best + 1);
  if (points[best - 1].g < 0 && points[best + 1].g > 0) {
    let k = at(best);
    let p = points[best];
    for (let i = 0; i < 100; i++) {
      if (p.g < 0) a = k;
      else if (p.g > 0) b = k;
      else break;
      let next = k - p.g / p.slope;
      if (!(next > a && next < b)) next = (a + b) / 2;
      const done = Math.abs(next - k) <= 1e-15 * k || b - a <= 1e-15 * b;
      k = next;
      p = pass(k);
      if (done) break;
    }
    return { k, lnEta: p.lnEta };
  }
  for (let i = 0; i < 200 && b - a > 1e-12 * b; i++) {
    const m1 = a + (b - a) * 0.381966;
    const m2 = b - (b - a) * 0.381966;
    if (pass(m1).profile < pass(m2).profile) a = m1;
    else b = m2;
  }
  const k = (a + b) / 2;
  return { k, lnEta: pass(k).lnEta };
}

export function fitWeibullCensored(observations: readonly LifeObservation[]): CensoredWeibullFit | null {
  const prepared = prepare(observations);
  const { logs, weights, failed } = prepared;
  const n = logs.length;
  let r = 0;
  let sumFailLog = 0;
  let suspensions = 0;
  let maxLog = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (failed[i]) {
      r += weights[i];
      sumFailLog += weights[i] * logs[i];
    } else suspensions += weights[i];
    maxLog = Math.max(maxLog, logs[i]);
  }
  if (r < 1) return null;
  if (prepared.truncated) {
    const found = truncatedShape(prepared, r, sumFailLog, maxLog);
    return found && finish(prepared, found.k, found.lnEta, r, suspensions);
  }
  const meanFailLog = sumFailLog / r;
  // Σ t^β ln t / Σ t^β tends to the largest ln t as β grows: no finite root when no time exceeds the failures'
  // mean log (all failures at the longest time, nothing running longer).
  if (maxLog - meanFailLog < 1e-12) return null;
  // Weights w_i t_i^β scaled by the largest time, to stay finite for any β.
  const g = (k: number) => {
    let s = 0;
    let sl = 0;
    let sll = 0;
    for (let i = 0; i < n; i++) {
      const d = logs[i] - maxLog;
      const w = weights[i] * Math.exp(k * d);
      s += w;
      sl += w * d;
      sll += w * d * d;
    }
    const m = sl / s;
    return { value: m + maxLog - 1 / k - meanFailLog, slope: sll / s - m * m + 1 / (k * k) };
  };
  let lo = 1e-3;
  let hi = 1e3;
  if (g(hi).value < 0) return null;
  let varFailLog = 0;
  for (let i = 0; i < n; i++) if (failed[i]) varFailLog += weights[i] * (logs[i] - meanFailLog) ** 2;
  varFailLog = r > 1 ? varFailLog / (r - 1) : 0;
  let k = varFailLog > 0 ? Math.min(Math.max(Math.PI / Math.sqrt(6 * varFailLog), 0.05), 50) : 1;
  for (let i = 0; i < 300; i++) {
    const { value, slope } = g(k);
    if (Math.abs(value) < 1e-13) break;
    if (value > 0) hi = k;
    else lo = k;
    let next = k - value / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - k) < 1e-14 * k) {
      k = next;
      break;
    }
    k = next;
  }
  let s = 0;
  for (let i = 0; i < n; i++) s += weights[i] * Math.exp(k * (logs[i] - maxLog));
  const lnEta = maxLog + Math.log(s / r) / k;
  return finish(prepared, k, lnEta, r, suspensions);
}

function finish(prepared: Weighted, shape: number, lnEta: number, r: number, suspensions: number): CensoredWeibullFit | null {
  const { logs, weights, failed, entryLogs } = prepared;
  const scale = Math.exp(lnEta);
  const logLikelihoodAtFit = logLikelihood(prepared, shape, scale);
  const kp = -Math.log(1 - b10Probability);
  const b10 = weibullB10(shape, scale);
  const covariance = weibullCovariance(logs, weights, failed, entryLogs, shape, lnEta);
  let bounds: CensoredWeibullFit['bounds'] = null;
  if (covariance) {
    const logBound = (x: number, varLogX: number): [number, number] => {
      const h = z95 * Math.sqrt(varLogX);
      return [x * Math.exp(-h), x * Math.exp(h)];
    };
    const lnKp = Math.log(kp);
    const varLogB10 =
      covariance.scale / (scale * scale) +
      (lnKp * lnKp * covariance.shape) / shape ** 4 -
      (2 * lnKp * covariance.shapeScale) / (shape * shape * scale);
    bounds = {
      shape: logBound(shape, covariance.shape / (shape * shape)),
      scale: logBound(scale, covariance.scale / (scale * scale)),
      b10: logBound(b10, Math.max(varLogB10, 0)),
    };
  }
  // Bounds that overflow (0 to infinity) mean the data do not identify the fit — a few failures among units first
  // seen late in life can leave the likelihood almost flat towards a shape near 0: no fit is reported then.
  if (bounds && ![...bounds.shape, ...bounds.scale, ...bounds.b10].every((x) => Number.isFinite(x) && x > 0)) return null;
  return {
    shape,
    scale,
    b10,
    logLikelihood: logLikelihoodAtFit,
    failures: r,
    suspensions,
    bounds,
    covariance,
    method: 'maximum likelihood with suspensions',
    boundsMethod: 'Fisher matrix, 95 %, two-sided',
  };
}

// Minus the second partial derivatives of ℓ in (β, η) at the estimate, inverted. With z = t/η, u = z^β:
//   −∂²ℓ/∂β² = r/β² + Σ u (ln z)²,   −∂²ℓ/∂η² = −rβ/η² + β(β + 1) Σ u / η²,
//   −∂²ℓ/∂β∂η = r/η − Σ u / η − β Σ u ln z / η;
// with an entry age a, each sum over u takes u(t) − u(a) (the same term at the entry, subtracted).
function weibullCovariance(
  logs: number[],
  weights: number[],
  failed: boolean[],
  entryLogs: number[],
  shape: number,
  lnEta: number,
): CensoredWeibullFit['covariance'] {
  const eta = Math.exp(lnEta);
  let r = 0;
  let su = 0;
  let sul = 0;
  let sull = 0;
  for (let i = 0; i < logs.length; i++) {
    const lz = logs[i] - lnEta;
    const u = weights[i] * Math.exp(shape * lz);
    if (failed[i]) r += weights[i];
    su += u;
    sul += u * lz;
    sull += u * lz * lz;
    if (entryLogs[i] > Number.NEGATIVE_INFINITY) {
      const az = entryLogs[i] - lnEta;
      const ua = weights[i] * Math.exp(shape * az);
      su -= ua;
      sul -= ua * az;
      sull -= ua * az * az;
    }
  }
  const fbb = r / (shape * shape) + sull;
  const fee = (-r * shape + shape * (shape + 1) * su) / (eta * eta);
  const fbe = (r - su - shape * sul) / eta;
  const det = fbb * fee - fbe * fbe;
  if (!(det > 0 && fbb > 0)) return null;
  return { shape: fee / det, scale: fbb / det, shapeScale: -fbe / det };
}

/** B10 life: the time by which 10 % have failed, η · (−ln 0.9)^(1/β). */
export const weibullB10 = (shape: number, scale: number): number => scale * (-Math.log(1 - b10Probability)) ** (1 / shape);

/** F(t) = 1 − exp(−(t/η)^β). */
export function weibullCdf(t: number, shape: number, scale: number): number {
  return t <= 0 ? 0 : -Math.expm1(-((t / scale) ** shape));
}

// ── Probability plot with suspensions and delayed entry ───────────────────────────────────────────────────
// The product-limit (Kaplan–Meier) estimator with Johnson's step, the Herd–Johnson estimator: all units sorted by
// time (a failure before a suspension at the same time); at each failure the risk set r is the units that have
// entered (entry < its time; the failing unit itself always) and have not failed or been suspended before it in the
// order; the reliability steps R ← R × r ÷ (r + 1) and the failure is plotted at F = 1 − R. Without delayed entry r
// is Johnson's reverse rank and F is his adjusted rank ÷ (n + 1), the mean rank (i ÷ (n + 1) on complete data); a
// unit that entered late is not at risk before its entry, so an early failure among few entered units counts for
// more. r ÷ (r + 1) rather than Kaplan–Meier's (r − 1) ÷ r keeps F below 1 at the last failure (the Weibull scale
// has no place for 1). Grouped observations (count > 1) are walked as their units, one point a failed unit.

export interface ProbabilityPoint {
  time: number;
  /** The units at risk at this failure: entered, not yet failed or suspended (itself included). */
  atRisk: number;
  /** F = 1 − R, the unreliability plotted at this time (mean rank). */
  probability: number;
}

export function probabilityPlotPoints(observations: readonly LifeObservation[]): ProbabilityPoint[] {
  // Grouped observations stay grouped (a refresh passes millions of units as far fewer groups): sorted and
  // walked as groups, each failed unit still a point. Ties in time: failures first, then by entry age.
  const groups = observations
    .map((o) => ({ time: o.time, failed: o.failed, entry: o.entry ?? 0, count: Math.round(unitsOf(o)) }))
    .filter((g) => Number.isFinite(g.time) && g.time > 0 && g.count > 0)
    .sort((a, b) => a.time - b.time || Number(b.failed) - Number(a.failed) || a.entry - b.entry);
  // Units with entry < t: the distinct entry ages in order, each with the units up to it.
  const byEntry = [...groups].sort((a, b) => a.entry - b.entry);
  const entries: number[] = [];
  const upTo: number[] = [];
  for (const g of byEntry) {
    if (entries.length > 0 && entries[entries.length - 1] === g.entry) upTo[upTo.length - 1] += g.count;
    else {
      entries.push(g.entry);
      upTo.push((upTo.length > 0 ? upTo[upTo.length - 1] : 0) + g.count);
    }
  }
  const enteredBefore = (t: number) => {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? 0 : upTo[lo - 1];
  };
  // Units already passed whose entry was not before their own time (entry = time): by time, so they are not
  // taken off a later risk set they were never counted in.
  const passedAtEntry = new Map<number, number>();
  const points: ProbabilityPoint[] = [];
  let reliability = 1;
  let passed = 0;
  for (const g of groups) {
    const atEntry = g.entry >= g.time;
    if (g.failed) {
      // Each unit of the group in turn: passed units all have time ≤ t and entry ≤ time, each counted in
      // enteredBefore(t) unless entry = time = t; one that failed at its entry is counted back in itself.
      const before = passedAtEntry.get(g.time) ?? 0;
      const entered = enteredBefore(g.time);
      for (let j = 0; j < g.count; j++) {
        const atRisk = atEntry ? entered - passed + before + 1 : entered - (passed + j - before);
        const r = Math.max(atRisk, 1);
        reliability *= r / (r + 1);
        points.push({ time: g.time, atRisk: r, probability: 1 - reliability });
      }
    }
    passed += g.count;
    if (atEntry) passedAtEntry.set(g.time, (passedAtEntry.get(g.time) ?? 0) + g.count);
  }
  return points;
}

/** A plot's points (ascending time) cut to the first and the last of each of `bins` equal widths of ln t between
 *  the first failure and the last: tens of thousands of failures draw the same curve from a few hundred points, and
 *  the sparse early failures keep a point each. Plots of up to 2 × bins points are kept whole. */
export function thinPlotPoints<T extends { time: number }>(points: readonly T[], bins = 150): T[] {
  if (points.length <= 2 * bins) return [...points];
  const lo = Math.log(points[0].time);
  const width = (Math.log(points[points.length - 1].time) - lo) / bins;
  const bin = (p: T) => (width > 0 ? Math.min(Math.floor((Math.log(p.time) - lo) / width), bins - 1) : 0);
  return points.filter((p, i) => i === 0 || i === points.length - 1 || bin(points[i - 1]) !== bin(p) || bin(points[i + 1]) !== bin(p));
}
