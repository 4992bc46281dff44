// One raw table per record kind: the canonical columns typed, unknown columns kept in `extras`, and where each
// row came from. Built from the kind definitions as they stood at this migration; later column changes get
// migrations of their own.
import { sql, type Kysely } from 'kysely';
import { recordKinds } from '../../../ingest/sources/record-kinds.ts';
import { sqlTypeOf } from '../column-types.ts';
import { quoteIdent } from '../sql-text.ts';

export async function up(db: Kysely<any>): Promise<void> {
  for (const kind of Object.values(recordKinds)) {
    const columns = kind.columns.map((c) => `${quoteIdent(c.name)} ${sqlTypeOf[c.type]}${c.name === kind.key ? ' primary key' : ''}`);
    columns.push('extras json', '_load_id integer not null', '_source_file varchar not null', '_row integer not null');
    await sql.raw(`create table raw.${quoteIdent(kind.kind)} (\n  ${columns.join(',\n  ')}\n)`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const kind of Object.keys(recordKinds)) await sql.raw(`drop table if exists raw.${quoteIdent(kind)}`).execute(db);
}
