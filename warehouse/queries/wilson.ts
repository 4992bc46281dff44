// The Wilson score interval for a proportion k/n: unlike p ± z·√(p(1−p)/n) it stays inside [0, 1] and is
// honest for small n and for rates of 0 or 1 — the cases where a technician's score is most contested.
const z95 = 1.959963984540054;

export function wilsonInterval(k: number, n: number, z = z95): [number, number] | null {
  if (n <= 0) return null;
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
