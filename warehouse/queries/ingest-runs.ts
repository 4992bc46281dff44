// Load history and rejected rows, for the ingest page and its downloads.
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
  started_at: Date;
  duration_ms: number | null;
  loaded_by: string | null;
}

export function listIngestRuns(db: Warehouse, limit: number): Promise<IngestRunRow[]> {
  return db.kysely
    .selectFrom('ingest_runs')
    .select(['load_id', 'kind', 'file', 'status', 'rows_read', 'rows_loaded', 'rows_updated', 'rows_superseded', 'rows_rejected', 'rows_warned', 'message', 'started_at', 'duration_ms', 'loaded_by'])
    .orderBy('load_id', 'desc')
    .limit(limit)
    .execute() as Promise<IngestRunRow[]>;
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

export function listRejects(db: Warehouse, loadId: number, limit: number, offset: number): Promise<RejectRow[]> {
  return db.kysely
    .selectFrom('rejects')
    .selectAll()
    .where('load_id', '=', loadId)
    .orderBy('row_number')
    .orderBy('level')
    .orderBy('field')
    .limit(limit)
    .offset(offset)
    .execute() as Promise<RejectRow[]>;
}
