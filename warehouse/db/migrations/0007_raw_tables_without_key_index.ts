// The raw tables lose their primary-key index. A load replaces records by key itself (delete, then insert the
// last row of each key), so the index never decided anything, yet keeping it up cost ~30 % of writing a load
// (measured at 1,000,000 tickets). DuckDB cannot drop a primary key in place: each table is copied, and the
// bookkeeping columns get their NOT NULL back. Frozen: the kinds and their keys as they stood when this migration
// landed, written out rather than read from contract/sources/.
import { sql, type Kysely } from 'kysely';

/** Each raw table and the key 0002 made its primary key. */
const keys: Record<string, string> = {
  tickets: 'ticket_id',
  repairs: 'repair_id',
  complaints: 'complaint_id',
  parts: 'part_line_id',
  technicians: 'technician_id',
  callbacks: 'callback_id',
};
const bookkeeping = ['_load_id', '_source_file', '_row'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const kind of Object.keys(keys)) {
    const table = `raw."${kind}"`;
    const copy = `"${kind}__copy"`;
    await sql.raw(`create table raw.${copy} as select * from ${table}`).execute(db);
    await sql.raw(`drop table ${table}`).execute(db);
    await sql.raw(`alter table raw.${copy} rename to "${kind}"`).execute(db);
    for (const c of bookkeeping) await sql.raw(`alter table ${table} alter column "${c}" set not null`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [kind, key] of Object.entries(keys)) await sql.raw(`alter table raw."${kind}" add primary key ("${key}")`).execute(db);
}
