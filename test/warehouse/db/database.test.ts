// The typed tables (warehouse/db/database.ts) are the warehouse's tables: every column the type names exists,
// and none is missing from it. The lists below are checked by the compiler to name every key of each table type.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../warehouse/db/database.ts';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';

const columns: { [T in keyof Database]: Record<keyof Database[T], true> } = {
  users: {
    user_id: true,
    username: true,
    role: true,
    regions: true,
    technician_id: true,
    password_hash: true,
    failed_logins: true,
    locked_until: true,
    created_at: true,
    email: true,
  },
  sessions: { token_hash: true, user_id: true, created_at: true, expires_at: true },
  audit_log: { happened_at: true, username: true, action: true, detail: true, address: true },
  api_tokens: { token_id: true, name: true, token_hash: true, created_by: true, created_at: true, revoked_at: true },
  ingest_runs: {
    load_id: true,
    kind: true,
    file: true,
    file_hash: true,
    status: true,
    rows_read: true,
    rows_loaded: true,
    rows_updated: true,
    rows_superseded: true,
    rows_rejected: true,
    rows_warned: true,
    message: true,
    message_code: true,
    message_params: true,
    started_at: true,
    duration_ms: true,
    loaded_by: true,
    options: true,
  },
  rejects: { load_id: true, file: true, row_number: true, field: true, value: true, level: true, reason_en: true, reason_zh: true },
  subscriptions: {
    subscription_id: true,
    user_id: true,
    item: true,
    variant: true,
    lang: true,
    channel: true,
    robot: true,
    created_by: true,
    created_at: true,
    alert: true,
    alert_state: true,
  },
  deliveries: {
    delivery_id: true,
    subscription_id: true,
    item_key: true,
    username: true,
    channel: true,
    recipient: true,
    status: true,
    attempts: true,
    last_error: true,
    next_attempt_at: true,
    created_at: true,
    sent_at: true,
  },
  reports: {
    report_id: true,
    quarter: true,
    variant: true,
    lang: true,
    region: true,
    trigger: true,
    status: true,
    error: true,
    file: true,
    bytes: true,
    pages: true,
    duration_ms: true,
    created_at: true,
  },
  quarter_figures: { quarter: true, region: true, figures: true, frozen_at: true },
  computed_figures: { name: true, figures: true, computed_at: true },
};

describe('the typed tables', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
  });
  afterAll(() => db.close());

  it.each(Object.entries(columns))('%s has exactly the columns of its type', async (table, cols) => {
    const rows = await db.all<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = 'main' and table_name = $1`,
      [table],
    );
    expect(rows.map((r) => r.column_name).sort()).toEqual(Object.keys(cols).sort());
  });
});
