// Progress of one load, by phase. DuckDB reports how far a running statement is; we poll it.
import type { DuckDBConnection } from '@duckdb/node-api';

export type IngestPhase = 'hash' | 'read' | 'check' | 'write';
export type ProgressListener = (phase: IngestPhase, fraction: number) => void;

export async function tracked<T>(conn: DuckDBConnection, phase: IngestPhase, listener: ProgressListener | undefined, fn: () => Promise<T>): Promise<T> {
  if (!listener) return fn();
  listener(phase, 0);
  const timer = setInterval(() => {
    const p = conn.progress.percentage;
    if (p > 0) listener(phase, Math.min(p / 100, 1));
  }, 200);
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    listener(phase, 1);
  }
}
