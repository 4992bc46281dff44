// An independent Weibull solver for the tests: a log-likelihood written out by the test is maximised by
// Nelder–Mead on (ln β, ln η), and its observed information taken by central differences and inverted — none of
// warehouse/queries/weibull.ts is used. Also a seeded generator (mulberry32) for simulated data sets.
import type { LifeObservation } from '../../warehouse/queries/weibull.ts';

export type LogLikelihood = (obs: readonly LifeObservation[], shape: number, scale: number) => number;

export function nelderMead(f: (x: number[]) => number, start: number[]): number[] {
  let simplex = [start, [start[0] + 0.3, start[1]], [start[0], start[1] + 0.3]];
  for (let iteration = 0; iteration < 5000; iteration++) {
    simplex.sort((a, b) => f(a) - f(b));
    const [best, mid, worst] = simplex;
    if (Math.abs(f(worst) - f(best)) < 1e-15 * (1 + Math.abs(f(best))) && Math.abs(worst[0] - best[0]) < 1e-11) break;
    const centroid = [(best[0] + mid[0]) / 2, (best[1] + mid[1]) / 2];
    const along = (t: number) => [centroid[0] + t * (worst[0] - centroid[0]), centroid[1] + t * (worst[1] - centroid[1])];
    const reflected = along(-1);
    if (f(reflected) < f(best)) {
      const expanded = along(-2);
      simplex = [best, mid, f(expanded) < f(reflected) ? expanded : reflected];
    } else if (f(reflected) < f(mid)) simplex = [best, mid, reflected];
    else {
      const contracted = f(reflected) < f(worst) ? along(-0.5) : along(0.5);
      if (f(contracted) < Math.min(f(worst), f(reflected))) simplex = [best, mid, contracted];
      else simplex = simplex.map((p) => [best[0] + (p[0] - best[0]) / 2, best[1] + (p[1] - best[1]) / 2]);
    }
  }
  return simplex.sort((a, b) => f(a) - f(b))[0];
}

/** The maximum of `logLik` by Nelder–Mead (restarted), with the inverse observed information at it. */
export function independentFit(logLik: LogLikelihood, obs: readonly LifeObservation[], restarts = 4) {
  const f = (x: number[]) => -logLik(obs, Math.exp(x[0]), Math.exp(x[1]));
  const mean = obs.reduce((a, o) => a + (o.count ?? 1) * o.time, 0) / obs.reduce((a, o) => a + (o.count ?? 1), 0);
  let x = nelderMead(f, [0, Math.log(mean)]);
  for (let restart = 0; restart < restarts; restart++) x = nelderMead(f, x);
  const b = Math.exp(x[0]);
  const e = Math.exp(x[1]);
  const hb = b * 1e-4;
  const he = e * 1e-4;
  const l = (bb: number, ee: number) => logLik(obs, bb, ee);
  const lbb = (l(b + hb, e) - 2 * l(b, e) + l(b - hb, e)) / (hb * hb);
  const lee = (l(b, e + he) - 2 * l(b, e) + l(b, e - he)) / (he * he);
  const lbe = (l(b + hb, e + he) - l(b + hb, e - he) - l(b - hb, e + he) + l(b - hb, e - he)) / (4 * hb * he);
  const det = lbb * lee - lbe * lbe;
  return { shape: b, scale: e, varShape: -lee / det, varScale: -lbb / det, cov: lbe / det, logLik: l(b, e) };
}

/** A seeded uniform generator (mulberry32). */
export function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
