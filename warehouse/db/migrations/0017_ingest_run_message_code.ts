// A load's message by stable code and parameters (issue 15): the history shows it in the reader's language
// (presentation/i18n/messages.ts, ingestRunMessages), where `message` keeps the English text for logs and scripts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // same_content {load} · file_refused {reason_en, reason_zh} · load_failed {detail}
  await sql`alter table ingest_runs add column message_code varchar`.execute(db);
  // JSON object of the code's parameters.
  await sql`alter table ingest_runs add column message_params varchar`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table ingest_runs drop column message_params`.execute(db);
  await sql`alter table ingest_runs drop column message_code`.execute(db);
}
