// The archive of produced quarterly reports: what was asked for, by whom or by which schedule, and the file.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence if not exists report_ids start 1`.execute(db);
  await sql`
    create table reports (
      report_id integer primary key default nextval('report_ids'),
      quarter varchar not null,          -- 2025-Q3
      variant varchar not null,          -- management | quality | hr
      lang varchar not null,             -- zh | en
      region varchar,                    -- null: every region
      trigger varchar not null,          -- manual | schedule | startup
      status varchar not null,           -- ok | failed
      error varchar,
      file varchar,                      -- name inside the reports folder
      bytes integer,
      pages integer,
      duration_ms integer,
      created_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table reports`.execute(db);
  await sql`drop sequence report_ids`.execute(db);
}
