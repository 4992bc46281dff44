// The tables the TypeScript reads and writes, typed for Kysely: the bookkeeping of loads, refreshes and reports,
// the frozen quarter figures, the accounts and the subscriptions. The layers' tables and views (raw, staging, marts,
// metrics) are read through `sql` templates typed where they are read (warehouse/queries/), as their columns come
// from the .sql models.
import type { ColumnType, Generated } from 'kysely';

/** A timestamptz: read as a Date, written as a Date or an SQL expression such as now(). */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export interface UsersTable {
  user_id: Generated<number>;
  username: string;
  role: string;
  /** null: every region. */
  regions: string[] | null;
  technician_id: string | null;
  password_hash: string;
  /** Unused since sign-in is throttled per address and account (kept: landed migrations are not edited). */
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  /** Where `email` subscriptions are sent (set by an admin). */
  email: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  happened_at: Timestamp;
  username: string | null;
  action: string;
  detail: string | null;
  address: string | null;
}

export interface ApiTokensTable {
  token_id: Generated<number>;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface IngestRunsTable {
  load_id: Generated<number>;
  kind: string;
  file: string;
  file_hash: string;
  status: string;
  rows_read: Generated<number>;
  rows_loaded: Generated<number>;
  rows_updated: Generated<number>;
  rows_superseded: Generated<number>;
  rows_rejected: Generated<number>;
  rows_warned: Generated<number>;
  message: string | null;
  /** The message's stable code and its parameters (JSON), worded in the reader's language. */
  message_code: string | null;
  message_params: string | null;
  started_at: Timestamp;
  duration_ms: number | null;
  loaded_by: string | null;
  options: string | null;
}

export interface RejectsTable {
  load_id: number;
  file: string;
  row_number: number;
  field: string;
  value: string | null;
  level: string;
  reason_en: string;
  reason_zh: string;
}

export interface SubscriptionsTable {
  subscription_id: Generated<number>;
  user_id: number;
  /** report | digest_weekly | digest_monthly | alert */
  item: string;
  /** report: the edition. */
  variant: string | null;
  lang: string;
  /** email | wecom | dingtalk | feishu */
  channel: string;
  /** A robot channel: the robot's name in the configuration. */
  robot: string | null;
  created_by: string;
  created_at: Timestamp;
  /** item alert: its topic and thresholds, JSON (AlertSettings). */
  alert: string | null;
  /** item alert: what was already sent, JSON (AlertState). */
  alert_state: string | null;
}

export interface DeliveriesTable {
  delivery_id: Generated<number>;
  subscription_id: number;
  /** What was sent: report:2025-Q3:华东, digest_weekly:2025-09-29, digest_monthly:2025-09. */
  item_key: string;
  username: string;
  channel: string;
  /** The e-mail address or the robot's name. */
  recipient: string;
  /** pending | sending | sent | failed | skipped */
  status: string;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Timestamp;
  created_at: Timestamp;
  sent_at: Timestamp | null;
}

export interface ReportsTable {
  report_id: Generated<number>;
  /** 2025-Q3 */
  quarter: string;
  /** management | quality | hr */
  variant: string;
  /** zh | en */
  lang: string;
  /** null: every region. */
  region: string | null;
  /** manual | schedule | startup */
  trigger: string;
  /** ok | failed */
  status: string;
  error: string | null;
  /** The name inside the reports folder. */
  file: string | null;
  bytes: number | null;
  pages: number | null;
  duration_ms: number | null;
  created_at: Timestamp;
}

export interface QuarterFiguresTable {
  /** 2025-Q3 */
  quarter: string;
  /** '' for every region. */
  region: string;
  /** The report's figures (reports/quarterly/read-report-data.ts), a JSON value: written and read as its text. */
  figures: string;
  frozen_at: Timestamp;
}

export interface ComputedFiguresTable {
  /** 'reliability_fits' or 'warranty_forecast'. */
  name: string;
  /** The reader's unfiltered answer, a JSON value: written and read as its text. */
  figures: string;
  computed_at: Timestamp;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  api_tokens: ApiTokensTable;
  ingest_runs: IngestRunsTable;
  rejects: RejectsTable;
  subscriptions: SubscriptionsTable;
  deliveries: DeliveriesTable;
  reports: ReportsTable;
  quarter_figures: QuarterFiguresTable;
  computed_figures: ComputedFiguresTable;
}
