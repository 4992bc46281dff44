// The summary table printed after `aftersight ingest`: one line per file, plain text (works in a pipe too).
import type { LoadReport } from './run-ingest.ts';

export interface FailedLoad {
  file: string;
  error: string;
}

const columns = ['file', 'status', 'read', 'loaded', 'updated', 'superseded', 'rejected', 'warnings', 'seconds'] as const;

export function loadSummaryLines(reports: LoadReport[], failures: FailedLoad[]): string[] {
  const rows: string[][] = [
    [...columns],
    ...reports.map((r) => [
      r.file,
      r.status,
      ...[r.rowsRead, r.rowsLoaded, r.rowsUpdated, r.rowsSuperseded, r.rowsRejected, r.rowsWarned].map((n) => n.toLocaleString('en')),
      (r.durationMs / 1000).toFixed(1),
    ]),
    ...failures.map((f) => [f.file, 'failed', '', '', '', '', '', '', '']),
  ];
  const widths = columns.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  for (const f of failures) out.push(`error: ${f.error}`);
  for (const r of reports)
    if (r.rowsRejected > 0) out.push(`${r.file}: ${r.rowsRejected} rejected rows, with reasons, in the rejects table (load ${r.loadId})`);
  return out;
}
