// Subscriptions and their delivery log (issue 20): who receives which report edition or digest on which channel,
// and every message sent, one row per (subscription, item) so a restart never sends the same item twice.
// The account's e-mail address is on the account (set by an admin), not on the subscription: a user cannot
// have their figures sent to an address the organisation did not give them.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table users add column email varchar`.execute(db);
  await sql`create sequence if not exists subscription_ids start 1`.execute(db);
  await sql`
    create table subscriptions (
      subscription_id integer primary key default nextval('subscription_ids'),
      user_id integer not null,          -- whose account the messages are computed with
      item varchar not null,             -- report | digest_weekly | digest_monthly
      variant varchar,                   -- report: management | quality | hr
      lang varchar not null,             -- zh | en
      channel varchar not null,          -- email | wecom | dingtalk | feishu
      robot varchar,                     -- wecom/dingtalk/feishu: the robot's name in the configuration
      created_by varchar not null,
      created_at timestamptz not null
    )`.execute(db);
  await sql`create sequence if not exists delivery_ids start 1`.execute(db);
  await sql`
    create table deliveries (
      delivery_id integer primary key default nextval('delivery_ids'),
      subscription_id integer not null,
      item_key varchar not null,         -- report:2025-Q3:华东 | digest_weekly:2025-09-29 | digest_monthly:2025-09
      username varchar not null,
      channel varchar not null,
      recipient varchar not null,        -- the e-mail address or the robot's name
      status varchar not null,           -- pending | sending | sent | failed | skipped
      attempts integer not null default 0,
      last_error varchar,
      next_attempt_at timestamptz not null,
      created_at timestamptz not null,
      sent_at timestamptz,
      unique (subscription_id, item_key)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table deliveries`.execute(db);
  await sql`drop sequence delivery_ids`.execute(db);
  await sql`drop table subscriptions`.execute(db);
  await sql`drop sequence subscription_ids`.execute(db);
  await sql`alter table users drop column email`.execute(db);
}
