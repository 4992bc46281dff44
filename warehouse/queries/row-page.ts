// One page of a mart's rows and how many there are in all: the drill-down lists (tickets, complaints) share it.
import { sql, type RawBuilder } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';

export interface RowPage {
  total: number;
  rows: Record<string, unknown>[];
}

export interface RowPageQuery {
  /** A stored mart, e.g. 'marts.tickets' (ours, never the user's). */
  table: string;
  columns: readonly string[];
  where: RawBuilder<unknown>[];
  sort: string;
  order?: 'asc' | 'desc';
  /** The key that makes the order total, so pages never overlap. */
  key: string;
  limit: number;
  offset: number;
}

export async function readRowPage(db: Warehouse, q: RowPageQuery): Promise<RowPage> {
  const where = sql.join(q.where.length ? q.where : [sql`true`], sql` and `);
  const cols = sql.join(q.columns.map((c) => sql.ref(c)));
  const order = q.order === 'asc' ? sql`asc` : sql`desc`;
  const table = sql.table(q.table);
  const sorted = sql`order by ${sql.ref(q.sort)} ${order} nulls last, ${sql.ref(q.key)}`;
  const page = sql`limit ${q.limit} offset ${q.offset}`;
  // From a stored mart the matching rows are found once (the sort columns and rowid alone, materialized), counted,
  // and only the page's rows are read whole (by rowid): sorting with every column read all of them for each
  // matching row (95,000 rows × 23 columns for a year's drill-down at 1 M tickets), and counting in a query of its
  // own matched them twice (a drill-down's semi-join against its metric's view is most of its cost). The count is
  // joined to the page so that a page past the end still says how many there are. A view has no rowid.
  if (q.table.startsWith('marts.')) {
    const keys = [...new Set([q.sort, q.key])];
    const sortCols = sql.join(keys.map((c) => sql.ref(c)));
    // The page is sorted again after the join by its sort columns, read with it when the columns leave them out.
    const extra = keys.filter((c) => !q.columns.includes(c));
    const pageCols = sql.join([...q.columns, ...extra].map((c) => sql.ref(c)));
    const pageSorted = sql`order by ${sql.ref(`p.${q.sort}`)} ${order} nulls last, ${sql.ref(`p.${q.key}`)}`;
    const result = await sql<Record<string, unknown>>`
      with matched as materialized (select rowid as row_number_in_mart, ${sortCols} from ${table} where ${where}),
      page as (select row_number_in_mart from matched ${sorted} ${page})
      select n.total_rows_matched, p.* from (select count(*) as total_rows_matched from matched) n
      left join (select rowid as row_number_in_mart, ${pageCols} from ${table} where rowid in (select row_number_in_mart from page)) p on true
      ${pageSorted}`.execute(db.kysely);
    const total = Number(result.rows[0].total_rows_matched);
    const rows = result.rows
      .filter((r) => r.row_number_in_mart !== null)
      .map(({ total_rows_matched: _n, row_number_in_mart: _r, ...row }) => {
        for (const c of extra) delete row[c];
        return Object.freeze(row);
      });
    return Object.freeze({ total, rows: Object.freeze(rows) as Record<string, unknown>[] });
  }
  const [rows, total] = await Promise.all([
    sql<Record<string, unknown>>`select ${cols} from ${table} where ${where} ${sorted} ${page}`.execute(db.kysely),
    sql<{ n: number }>`select count(*) as n from ${table} where ${where}`.execute(db.kysely),
  ]);
  return Object.freeze({
    total: total.rows[0].n,
    rows: Object.freeze(rows.rows.map((r) => Object.freeze(r))) as Record<string, unknown>[],
  });
}
