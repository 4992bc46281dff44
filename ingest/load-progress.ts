// Progress of one load, by phase. DuckDB reports how far a running statement is; we poll it.
import type { DuckDBConnection } from '@duckdb/node-api';

export type IngestPhase = 'hash' | 'read' | 'check' | 'write';
export type ProgressListener = (phase: IngestPhase, fraction: number) => void;

/** Each phase's share of a whole load, as a range of 0–1 (checking reads and types every cell: the longest). */
const phaseShare: Record<IngestPhase, [number, number]> = { hash: [0, 0.1], read: [0.1, 0.2], check: [0.2, 0.85], write: [0.85, 1] };

/** How far the whole load is (0–1) when `phase` is `fraction` done. */
export function loadFraction(phase: IngestPhase, fraction: number): number {
  const [from, to] = phaseShare[phase];
  return from + (to - from) * Math.min(Math.max(fraction, 0), 1);
}

/** `fraction` says how far the phase is where DuckDB cannot (a file it reads through a pipe has no size). */
export async function tracked<T>(
  conn: DuckDBConnection,
  phase: IngestPhase,
  listener: ProgressListener | undefined,
  fn: () => Promise<T>,
  fraction: () => number = () => conn.progress.percentage / 100,
): Promise<T> {
  if (!listener) return fn();
  listener(phase, 0);
  const timer = setInterval(() => {
    const f = fraction();
    if (f > 0) listener(phase, Math.min(f, 1));
  }, 200);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    listener(phase, 1);
  }
}
