// The raw tables lose their primary-key index. A load replaces records by key itself (delete, then insert the
// last row of each key), so the index never decided anything, yet keeping it up cost ~30 % of writing a load
// (measured at 1,000,000 tickets). DuckDB cannot drop a primary key in place: each table is copied, and the
// bookkeeping columns get their NOT NULL back.
import { sql, type Kysely } from 'kysely';
import { recordKinds } from '../../../ingest/sources/record-kinds.ts';
import { quoteIdent } from '../sql-text.ts';

const bookkeeping = ['_load_id', '_source_file', '_row'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const kind of Object.keys(recordKinds)) {
    const table = `raw.${quoteIdent(kind)}`;
    const copy = quoteIdent(`${kind}__copy`);
    await sql.raw(`create table raw.${copy} as select * from ${table}`).execute(db);
    await sql.raw(`drop table ${table}`).execute(db);
    await sql.raw(`alter table raw.${copy} rename to ${quoteIdent(kind)}`).execute(db);
    for (const c of bookkeeping) await sql.raw(`alter table ${table} alter column ${quoteIdent(c)} set not null`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [kind, spec] of Object.entries(recordKinds)) await sql.raw(`alter table raw.${quoteIdent(kind)} add primary key (${quoteIdent(spec.key)})`).execute(db);
}
