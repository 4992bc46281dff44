// GET /api/early-warnings and POST /api/early-warnings/:id/state through the API with real accounts, on generated
// data: who may read and write, the states an alert may move through, snoozing, and every change with who and when.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planted } from '../../../../ingest/generator/generate-dataset.ts';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createUser, type Role } from '../../../../web/server/auth/accounts.ts';
import { generatedWarehouse } from '../../../helpers/generated-warehouse.ts';

const password = 'correct horse battery';
const people: Role[] = ['admin', 'manager', 'quality', 'hr', 'technician'];

describe('early warnings API', () => {
  let db: Warehouse;
  let planted: Planted;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  const as = (who: string | null, method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: who ? { cookie: cookies[who] } : {} });

  beforeAll(async () => {
    ({ db, planted } = await generatedWarehouse({ tickets: 10_000, seed: 3 }));
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' } });
    for (const role of people) {
      await createUser(db, { username: role, role, password, ...(role === 'technician' ? { technician_id: 'E001' } : {}) });
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: role, password } });
      cookies[role] = String(r.headers['set-cookie']).split(';')[0];
    }
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const spikeAlert = async (grain: string) => {
    const { product_model, fault_code } = planted.spike!;
    const r = await as(
      'manager',
      'GET',
      `/api/early-warnings?grain=${grain}&product_model=${encodeURIComponent(product_model)}&fault_code=${fault_code}`,
    );
    expect(r.statusCode, r.body).toBe(200);
    const rows = r.json().rows as {
      alert_id: number;
      state: string;
      span_count: number | null;
      fault_code: string;
      since_period: string;
    }[];
    expect(rows).toHaveLength(1);
    return rows[0];
  };

  it('quality roles read the alerts (the planted spike among them), others are refused', async () => {
    expect((await as(null, 'GET', '/api/early-warnings')).statusCode).toBe(401);
    for (const who of ['hr', 'technician']) expect((await as(who, 'GET', '/api/early-warnings')).statusCode, who).toBe(403);
    for (const who of ['admin', 'manager', 'quality']) {
      const r = await as(who, 'GET', '/api/early-warnings');
      expect(r.statusCode, who).toBe(200);
      expect(r.json().counts.new).toBe(r.json().rows.length);
    }
    const a = await spikeAlert('week');
    expect(a.state).toBe('new');
    expect(a.fault_code).toBe(planted.spike!.fault_code);
    expect(a.span_count).toBeGreaterThan(0);
    expect(a.since_period).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await as('quality', 'GET', '/api/early-warnings?state=sleeping')).statusCode).toBe(400);
    expect((await as('quality', 'GET', '/api/early-warnings?grain=day')).statusCode).toBe(400);
  });

  it('managers, HR and technicians cannot change a state', async () => {
    const a = await spikeAlert('week');
    for (const who of ['manager', 'hr', 'technician']) {
      expect((await as(who, 'POST', `/api/early-warnings/${a.alert_id}/state`, { state: 'acknowledged' })).statusCode, who).toBe(403);
    }
    expect((await as(null, 'POST', `/api/early-warnings/${a.alert_id}/state`, { state: 'acknowledged' })).statusCode).toBe(401);
    expect((await spikeAlert('week')).state).toBe('new');
  });

  it('an alert moves new → acknowledged → in_action → verified, can be snoozed, and keeps every change with who and when', async () => {
    const a = await spikeAlert('week');
    const url = `/api/early-warnings/${a.alert_id}/state`;
    let r = await as('quality', 'POST', url, { state: 'acknowledged', note: 'looking' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().state).toBe('acknowledged');
    // A move the states do not allow names the allowed ones.
    r = await as('quality', 'POST', url, { state: 'verified' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toBe(`early warning ${a.alert_id} is acknowledged: it can move to in_action, closed, not verified`);
    r = await as('quality', 'POST', url, { state: 'acknowledged', snooze_until: '2999-01-01' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'acknowledged', snooze_until: '2999-01-01', snoozed: true });
    const visible = (await as('quality', 'GET', '/api/early-warnings?hide_snoozed=yes')).json().rows as { alert_id: number }[];
    expect(visible.map((x) => x.alert_id)).not.toContain(a.alert_id);
    expect((await as('quality', 'POST', url, { state: 'acknowledged', snooze_until: '2025-02-30' })).statusCode).toBe(400);
    expect((await as('quality', 'POST', url, { state: 'done' })).statusCode).toBe(400);
    expect((await as('admin', 'POST', url, { state: 'in_action', snooze_until: null })).json()).toMatchObject({
      state: 'in_action',
      snoozed: false,
    });
    expect((await as('quality', 'POST', url, { state: 'verified', note: 'rate back to normal' })).json().state).toBe('verified');
    // Ended: no move any more; a new signal would raise a new alert.
    expect((await as('quality', 'POST', url, { state: 'closed' })).statusCode).toBe(409);
    const events = (await as('manager', 'GET', `/api/early-warnings/${a.alert_id}`)).json().events as {
      username: string;
      from_state: string | null;
      to_state: string;
      note: string | null;
      snooze_until: string | null;
      happened_at: string;
    }[];
    expect(events.map((e) => [e.username, e.from_state, e.to_state])).toEqual([
      ['system', null, 'new'],
      ['quality', 'new', 'acknowledged'],
      ['quality', 'acknowledged', 'acknowledged'],
      ['admin', 'acknowledged', 'in_action'],
      ['quality', 'in_action', 'verified'],
    ]);
    expect(events[1].note).toBe('looking');
    expect(events[2].snooze_until).toBe('2999-01-01');
    for (const e of events) expect(e.happened_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    const audit = await db.all<{ username: string; action: string }>(
      `select username, action from audit_log where action = 'early_warning_state'`,
    );
    expect(audit.length).toBeGreaterThanOrEqual(5);
    expect((await as('quality', 'POST', '/api/early-warnings/999999/state', { state: 'closed' })).statusCode).toBe(404);
  });
});
