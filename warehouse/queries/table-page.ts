// A table metric's rows as answered: the rows shown, how many there are in all, and whether the list was cut at
// a row limit, so no screen, export or PDF shows part of a table as if it were all of it ("N of M").
export interface TablePage<T> {
  rows: readonly T[];
  /** Rows in all, before any limit. */
  total: number;
  /** rows.length < total: the list was cut at the limit. */
  truncated: boolean;
}

/** The first `limit` rows of a whole list (all of them without a limit). */
export function pageOf<T>(all: readonly T[], limit?: number): TablePage<T> {
  const rows = limit === undefined ? all : all.slice(0, limit);
  return { rows, total: all.length, truncated: rows.length < all.length };
}

/** A page from rows that each carry the count of all rows (`count(*) over ()` before the SQL limit), dropped. */
export function pageOfCounted<T>(counted: readonly (T & { total_rows: number | bigint })[]): TablePage<T> {
  const total = counted.length ? Number(counted[0].total_rows) : 0;
  const rows = counted.map(({ total_rows: _, ...r }) => Object.freeze(r) as T);
  return { rows, total, truncated: rows.length < total };
}
