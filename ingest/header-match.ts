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
  /** headers that mapped to a column already taken by an earlier header (kept as extras too) */
  duplicates: string[];
}

/** renames: the user's mapping of header -> canonical column; it wins over the built-in aliases. */
export function matchHeaders(kind: RecordKind, headers: string[], renames: Record<string, string> = {}): HeaderMatch {
  const aliases = new Map<string, string>();
  for (const c of kind.columns) for (const name of [c.name, ...c.aliases]) aliases.set(normaliseHeader(name), c.name);
  const renamed = new Map(Object.entries(renames).map(([h, c]) => [normaliseHeader(h), c]));
  const mapped = new Map<string, string>();
  const duplicates: string[] = [];
  const take = (h: string, canonical: string) => (mapped.has(canonical) ? duplicates.push(h) : mapped.set(canonical, h));
  // Mapped headers first, so a mapping beats an alias that happens to stand earlier in the file.
  for (const h of headers) if (renamed.has(normaliseHeader(h))) take(h, renamed.get(normaliseHeader(h))!);
  const extras: string[] = [];
  for (const h of headers) {
    if (renamed.has(normaliseHeader(h))) continue;
    const canonical = aliases.get(normaliseHeader(h));
    if (canonical) take(h, canonical);
    else extras.push(h);
  }
  const missingRequired = kind.columns.filter((c) => c.required && !mapped.has(c.name)).map((c) => c.name);
  return { mapped, extras: [...extras, ...duplicates], missingRequired, duplicates };
}
