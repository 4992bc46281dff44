// Conversions at the JS <-> DuckDB boundary. DuckDB returns BIGINT/HUGEINT as bigint (JSON.stringify throws on
// them) and DECIMAL as objects; node-api cannot bind a JS Date ("Cannot create values of type ANY").
import type { DuckDBValue } from '@duckdb/node-api';

export function toDuckDBParams(params: readonly unknown[]): DuckDBValue[] {
  return params.map((p) => {
    if (p instanceof Date) return p.toISOString();
    if (p === undefined) return null;
    return p as DuckDBValue;
  });
}

export function toPlainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  return v;
}

export function toPlainRow(row: Record<string, unknown>): Record<string, unknown> {
  for (const k in row) {
    const v = row[k];
    if (typeof v === 'bigint') row[k] = Number(v);
  }
  return row;
}
