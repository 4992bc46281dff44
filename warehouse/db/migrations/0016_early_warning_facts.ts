// An early-warning alert keeps the facts of its rise (tickets and the expected count over the run) instead of
// sentences: the words are made where they are shown, in the reader's language (presentation/i18n). Alerts raised
// before keep no counts; their words leave the counts out.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table early_warning_alerts add column span_count integer`.execute(db);
  await sql`alter table early_warning_alerts add column span_expected double`.execute(db);
  await sql`alter table early_warning_alerts drop column message_zh`.execute(db);
  await sql`alter table early_warning_alerts drop column message_en`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table early_warning_alerts add column message_zh varchar not null default ''`.execute(db);
  await sql`alter table early_warning_alerts add column message_en varchar not null default ''`.execute(db);
  await sql`alter table early_warning_alerts drop column span_expected`.execute(db);
  await sql`alter table early_warning_alerts drop column span_count`.execute(db);
}
