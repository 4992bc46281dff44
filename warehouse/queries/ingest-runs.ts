// Load history and rejected rows, for the ingest page and its downloads.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';

export interface IngestRunRow {
  load_id: number;
  kind: string;
  file: string;
  status: string;
  rows_read: number;
  rows_loaded: number;
  rows_updated: number;
  rows_superseded: number;
  rows_rejected: number;
  rows_warned: number;
  message: string | null;
  /** The message's code and parameters (presentation/i18n/messages.ts, ingestRunMessages); null on loads logged before them. */
  message_code: string | null;
  message_params: Record<string, string | number> | null;
  started_at: Date;
  duration_ms: number | null;
  loaded_by: string | null;
}

export async function listIngestRuns(db: Warehouse, limit: number): Promise<IngestRunRow[]> {
  const runs = await db.kysely
    .selectFrom('ingest_runs')
    .select([
      'load_id',
      'kind',
      'file',
      'status',
      'rows_read',
      'rows_loaded',
      'rows_updated',
      'rows_superseded',
      'rows_rejected',
      'rows_warned',
      'message',
      'message_code',
      'message_params',
      'started_at',
      'duration_ms',
      'loaded_by',
    ])
    .orderBy('load_id', 'desc')
    .limit(limit)
    .execute();
  return runs.map((r) => ({ ...r, message_params: r.message_params ? JSON.parse(r.message_params) : null })) as IngestRunRow[];
}

/** The record kind a load was of (its problems' fields are that kind's columns); undefined for no such load. */
export async function ingestRunKind(db: Warehouse, loadId: number): Promise<string | undefined> {
  const r = await db.kysely.selectFrom('ingest_runs').select('kind').where('load_id', '=', loadId).executeTakeFirst();
  return r?.kind;
}

export interface RejectRow {
  load_id: number;
  file: string;
  row_number: number;
  field: string;
  value: string | null;
  level: string;
  reason_en: string;
  reason_zh: string;
}

export type RejectLevel = 'error' | 'warning';

/**
 * One page of a load's problems, errors (the row was rejected) before warnings (the row loaded with a note),
 * then in file order; `level` keeps one of the two.
 */
export function listRejects(db: Warehouse, loadId: number, limit: number, offset: number, level?: RejectLevel): Promise<RejectRow[]> {
  let q = db.kysely.selectFrom('rejects').selectAll().where('load_id', '=', loadId);
  if (level) q = q.where('level', '=', level);
  return q.orderBy(sql`level = 'error'`, 'desc').orderBy('row_number').orderBy('field').limit(limit).offset(offset).execute() as Promise<
    RejectRow[]
  >;
}

/** How many problems a load has of each level, and on how many rows. */
export async function countRejects(db: Warehouse, loadId: number): Promise<Record<RejectLevel, { problems: number; rows: number }>> {
  const counted = await db.kysely
    .selectFrom('rejects')
    .select(['level', sql<number>`count(*)::integer`.as('problems'), sql<number>`count(distinct row_number)::integer`.as('rows')])
    .where('load_id', '=', loadId)
    .groupBy('level')
    .execute();
  const of = (level: RejectLevel) => {
    const c = counted.find((x) => x.level === level);
    return { problems: Number(c?.problems ?? 0), rows: Number(c?.rows ?? 0) };
  };
  return { error: of('error'), warning: of('warning') };
}
