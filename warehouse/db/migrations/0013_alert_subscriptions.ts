// Alert subscriptions (issue 20): a subscription of item `alert` names its topic and thresholds (JSON), and keeps
// what it has already told its recipient (JSON: the flags and early warnings sent, whether the condition held at
// the last evaluation and how many episodes it has had), so an alert is sent once, across restarts.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // {"topic": "new_flags" | "sla_below" | "satisfaction_below" | "backlog_older", "threshold"?, "days"?, "target"?}
  await sql`alter table subscriptions add column alert varchar`.execute(db);
  // {"holding": boolean, "episode": number, "seen": string[]}
  await sql`alter table subscriptions add column alert_state varchar`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table subscriptions drop column alert_state`.execute(db);
  await sql`alter table subscriptions drop column alert`.execute(db);
}
