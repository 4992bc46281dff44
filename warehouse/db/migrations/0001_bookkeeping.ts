// Schemas of the layers, and the logs of loads and refreshes.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const schema of ['raw', 'staging', 'marts', 'metrics']) await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  await sql`create sequence if not exists ingest_run_ids start 1`.execute(db);
  await sql`
    create table ingest_runs (
      load_id integer primary key default nextval('ingest_run_ids'),
      kind varchar not null,
      file varchar not null,
      file_hash varchar not null,
      status varchar not null,          -- loaded | skipped (same content loaded before) | failed
      rows_read integer not null default 0,
      rows_loaded integer not null default 0,
      rows_updated integer not null default 0,
      rows_superseded integer not null default 0,
      rows_rejected integer not null default 0,
      rows_warned integer not null default 0,
      message varchar,
      started_at timestamptz not null,
      duration_ms integer,
      loaded_by varchar
    )`.execute(db);
  await sql`
    create table rejects (
      load_id integer not null,
      file varchar not null,
      row_number integer not null,      -- as a spreadsheet shows it: the header is row 1
      field varchar not null,
      value varchar,
      level varchar not null,           -- error: the row was not loaded; warning: loaded, counted in the report
      reason_en varchar not null,
      reason_zh varchar not null
    )`.execute(db);
  await sql`create sequence if not exists refresh_run_ids start 1`.execute(db);
  await sql`
    create table refresh_runs (
      refresh_id integer primary key default nextval('refresh_run_ids'),
      started_at timestamptz not null,
      finished_at timestamptz,
      status varchar not null,          -- running | ok | failed
      trigger varchar not null,         -- cli | schedule | ingest | start
      duration_ms integer,
      models json,                      -- [{model, layer, ms, rows}]
      error varchar
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['refresh_runs', 'rejects', 'ingest_runs']) await sql`drop table if exists ${sql.id(t)}`.execute(db);
}
