// The options a file was loaded with (sheet, mapping): the same bytes read with another mapping are another load.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table ingest_runs add column options varchar`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table ingest_runs drop column options`.execute(db);
}
