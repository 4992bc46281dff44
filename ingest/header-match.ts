// Matching a file's headers to a kind's canonical columns: case-insensitive, ignoring spaces, `_` and `-`,
// Chinese aliases as they are (contract.md).
import type { RecordKind } from './sources/record-kind.ts';

export const normaliseHeader = (h: string): string => h.replace(/^\uFEFF/, '').toLowerCase().replace(/[\s_\-]+/g, '');

export interface HeaderMatch {
  /** canonical column -> header in the file */
  mapped: Map<string, string>;
  /** headers kept as extras */
  extras: string[];
  /** required canonical columns with no header */
  missingRequired: string[];
  /** headers that mapped to a column already taken by an earlier header */
  duplicates: string[];
}

export function matchHeaders(kind: RecordKind, headers: string[]): HeaderMatch {
  const lookup = new Map<string, string>();
  for (const c of kind.columns) for (const name of [c.name, ...c.aliases]) lookup.set(normaliseHeader(name), c.name);
  const mapped = new Map<string, string>();
  const extras: string[] = [];
  const duplicates: string[] = [];
  for (const h of headers) {
    const canonical = lookup.get(normaliseHeader(h));
    if (!canonical) extras.push(h);
    else if (mapped.has(canonical)) duplicates.push(h);
    else mapped.set(canonical, h);
  }
  const missingRequired = kind.columns.filter((c) => c.required && !mapped.has(c.name)).map((c) => c.name);
  return { mapped, extras, missingRequired, duplicates };
}
