// Peak memory of a benchmark step: the process's own peak resident set (VmHWM; DuckDB runs inside it) and
// DuckDB's buffer-managed memory and spill files, sampled on a connection of their own (DuckDB keeps no peak).
import fs from 'node:fs';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';

export interface PeakMemory {
  /** The process's peak resident set, MiB (VmHWM, else resourceUsage().maxRSS). */
  rssPeakMiB: number;
  /** The highest sum of duckdb_memory() seen, MiB; null when no warehouse was watched. */
  duckdbPeakMiB: number | null;
  /** The highest temporary (spill) storage seen, MiB. */
  duckdbSpillPeakMiB: number | null;
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** The process's peak resident set so far, MiB. */
export function rssPeakMiB(): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (m) return Math.round(Number(m[1]) / 1024);
  } catch {}
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Samples DuckDB's memory every `everyMs` until stop(); stop() returns the peaks. */
export function watchMemory(db?: Warehouse, everyMs = 500): { stop(): Promise<PeakMemory> } {
  let duckdbPeak: number | null = db ? 0 : null;
  let spillPeak: number | null = db ? 0 : null;
  let stopped = false;
  const loop = (async () => {
    if (!db) return;
    const conn = await db.connect();
    try {
      while (!stopped) {
        try {
          const reader = await conn.runAndReadAll(
            'select coalesce(sum(memory_usage_bytes), 0)::double, coalesce(sum(temporary_storage_bytes), 0)::double from duckdb_memory()',
          );
          const [used, spilled] = reader.getRows()[0] as number[];
          duckdbPeak = Math.max(duckdbPeak ?? 0, used);
          spillPeak = Math.max(spillPeak ?? 0, spilled);
        } catch {
          // A sample lost (the instance being reopened) is no reason to fail the benchmark.
        }
        await new Promise((w) => setTimeout(w, everyMs));
      }
    } finally {
      conn.closeSync();
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return {
        rssPeakMiB: rssPeakMiB(),
        duckdbPeakMiB: duckdbPeak === null ? null : mib(duckdbPeak),
        duckdbSpillPeakMiB: spillPeak === null ? null : mib(spillPeak),
      };
    },
  };
}
