// Matching a file's headers to a kind's canonical columns: case-insensitive, ignoring spaces, `_` and `-`,
// Chinese aliases as they are (contract.md).
import type { RecordKind } from '../contract/sources/record-kind.ts';

export const normaliseHeader = (h: string): string =>
  h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-]+/g, '');

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

/**
 * renames: the user's mapping of header -> canonical column; it wins over the built-in aliases. derived: columns
 * the mapping builds itself (combined from several headers, or a constant), and the headers it builds them from:
 * no header fills those columns, and the headers used are not kept again as extras.
 */
export function matchHeaders(
  kind: RecordKind,
  headers: string[],
  renames: Record<string, string> = {},
  derived: { columns: string[]; fromHeaders: string[] } = { columns: [], fromHeaders: [] },
): HeaderMatch {
  const aliases = new Map<string, string>();
  for (const c of kind.columns) for (const name of [c.name, ...c.aliases]) aliases.set(normaliseHeader(name), c.name);
  const renamed = new Map(Object.entries(renames).map(([h, c]) => [normaliseHeader(h), c]));
  const mapped = new Map<string, string>();
  const duplicates: string[] = [];
  const built = new Set(derived.columns);
  const used = new Set(derived.fromHeaders);
  const take = (h: string, canonical: string) =>
    mapped.has(canonical) || built.has(canonical) ? duplicates.push(h) : mapped.set(canonical, h);
  // Mapped headers first, so a mapping beats an alias that happens to stand earlier in the file.
  for (const h of headers) if (renamed.has(normaliseHeader(h))) take(h, renamed.get(normaliseHeader(h))!);
  const extras: string[] = [];
  for (const h of headers) {
    if (renamed.has(normaliseHeader(h))) continue;
    const canonical = aliases.get(normaliseHeader(h));
    if (canonical) take(h, canonical);
    else if (!used.has(h)) extras.push(h);
  }
  const missingRequired = kind.columns.filter((c) => c.required && !mapped.has(c.name) && !built.has(c.name)).map((c) => c.name);
  return { mapped, extras: [...extras, ...duplicates], missingRequired, duplicates };
}

export interface HeaderConflict {
  column: string;
  /** The file's headers that would fill the column, with their 1-based positions. */
  headers: { position: number; header: string }[];
}

/**
 * Columns two headers of the file would fill: the same header written twice, or two names of one column
 * (ticket_id and 工单号). Loading either silently would drop the other's values, so the file is refused, unless
 * the mapping names exactly one of them for the column (the user chose; the other stays an extra column).
 */
export function headerConflicts(
  kind: RecordKind,
  fileHeaders: string[],
  renames: Record<string, string> = {},
  built: string[] = [],
): HeaderConflict[] {
  const aliases = new Map<string, string>();
  for (const c of kind.columns) for (const name of [c.name, ...c.aliases]) aliases.set(normaliseHeader(name), c.name);
  const renamed = new Map(Object.entries(renames).map(([h, c]) => [normaliseHeader(h), c]));
  const byColumn = new Map<string, { position: number; header: string; chosen: boolean }[]>();
  fileHeaders.forEach((header, i) => {
    const key = normaliseHeader(header);
    const column = renamed.get(key) ?? aliases.get(key);
    // A column the mapping builds itself is no header's: the mapping chose.
    if (!column || built.includes(column)) return;
    byColumn.set(column, [...(byColumn.get(column) ?? []), { position: i + 1, header, chosen: renamed.has(key) }]);
  });
  return [...byColumn]
    .filter(([, hs]) => hs.length > 1 && hs.filter((h) => h.chosen).length !== 1)
    .map(([column, hs]) => ({ column, headers: hs.map(({ position, header }) => ({ position, header })) }));
}
