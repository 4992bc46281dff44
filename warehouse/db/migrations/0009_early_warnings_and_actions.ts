// Early-warning alerts with their state, and corrective actions (8D) with every change kept (issue 18).
// An alert is one per (grain, product_model, fault_code) series while it is not ended (verified or closed);
// a series that signals again after its alert ended opens a new one. Every state change is a row of
// early_warning_events; every change of an action is a row of corrective_action_history.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence if not exists early_warning_ids start 1`.execute(db);
  await sql`
    create table early_warning_alerts (
      alert_id integer primary key default nextval('early_warning_ids'),
      grain varchar not null,              -- week | month
      product_model varchar not null,
      fault_code varchar not null,
      state varchar not null,              -- new | acknowledged | in_action | verified | closed
      snooze_until date,
      first_signal_period date not null,   -- start of the first period that crossed the decision interval
      last_signal_period date not null,    -- start of the latest period that crossed it
      signals integer not null,            -- periods that crossed it while this alert was not ended
      since_period date not null,          -- start of the rise: the period after the CUSUM last stood at 0
      baseline_rate double not null,       -- in-control tickets of the fault per ticket of the model
      current_rate double not null,        -- the same since the rise began
      cusum double not null,
      decision_interval double not null,
      message_zh varchar not null,
      message_en varchar not null,
      raised_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table early_warning_events (
      alert_id integer not null,
      happened_at timestamptz not null,
      username varchar not null,           -- the account, or 'system' (raised, fired again)
      from_state varchar,
      to_state varchar not null,
      snooze_until date,
      note varchar
    )`.execute(db);
  await sql`create sequence if not exists corrective_action_ids start 1`.execute(db);
  await sql`
    create table corrective_actions (
      action_id integer primary key default nextval('corrective_action_ids'),
      source varchar not null,             -- flag | alert
      source_ref varchar not null,         -- the flag's quarter (2025Q3) or the alert's id
      product_model varchar not null,
      fault_code varchar not null,
      problem_statement varchar not null,
      containment varchar,
      root_cause_category varchar,         -- design | manufacturing | supplier | installation | software | usage | service | other
      root_cause varchar,
      corrective_action varchar,
      owner varchar,
      due_date date,
      effective_date date,                 -- when the fix took effect: the proof of fix compares after with before
      status varchar not null,             -- open | in_progress | closed
      came_back_at timestamptz,            -- set when the problem warned or flagged again after the action closed
      created_by varchar not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    )`.execute(db);
  await sql`
    create table corrective_action_history (
      action_id integer not null,
      happened_at timestamptz not null,
      username varchar not null,
      field varchar not null,              -- the field changed, 'created', or 'comment'
      old_value varchar,
      new_value varchar
    )`.execute(db);
  await sql`
    create table corrective_action_comments (
      action_id integer not null,
      happened_at timestamptz not null,
      username varchar not null,
      body varchar not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'corrective_action_comments',
    'corrective_action_history',
    'corrective_actions',
    'early_warning_events',
    'early_warning_alerts',
  ])
    await sql`drop table ${sql.id(t)}`.execute(db);
  await sql`drop sequence corrective_action_ids`.execute(db);
  await sql`drop sequence early_warning_ids`.execute(db);
}
