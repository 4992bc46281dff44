// The corrective actions API with real accounts on generated data: quality engineers and admins write, managers
// read, others are refused; an action opens from a quarterly flag or an alert; every change and comment is kept
// with who and when; bad fields are refused naming the field.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Planted } from '../../../../ingest/generator/generate-dataset.ts';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { createUser, type Role } from '../../../../web/server/auth/accounts.ts';
import { generatedWarehouse } from '../../../helpers/generated-warehouse.ts';

const password = 'correct horse battery';
const people: Role[] = ['admin', 'manager', 'quality', 'hr', 'technician'];

describe('corrective actions API', () => {
  let db: Warehouse;
  let planted: Planted;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  const as = (who: string | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, payload, headers: who ? { cookie: cookies[who] } : {} });
  let fromFlag: object;

  beforeAll(async () => {
    ({ db, planted } = await generatedWarehouse({ tickets: 10_000, seed: 3 }));
    app = await buildApp({ db, reports: { dir: '/nonexistent-never-written', companyName: 'x' } });
    for (const role of people) {
      await createUser(db, { username: role, role, password, ...(role === 'technician' ? { technician_id: 'E001' } : {}) });
      const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username: role, password } });
      cookies[role] = String(r.headers['set-cookie']).split(';')[0];
    }
    const { product_model, fault_code, quarter } = planted.spike!;
    fromFlag = { source: 'flag', quarter, product_model, fault_code, problem_statement: '故障集中爆发' };
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('roles: quality and admin write; managers read but cannot write; HR and technicians get 403, nobody 401', async () => {
    for (const who of ['manager', 'hr', 'technician'])
      expect((await as(who, 'POST', '/api/corrective-actions', fromFlag)).statusCode, who).toBe(403);
    expect((await as(null, 'POST', '/api/corrective-actions', fromFlag)).statusCode).toBe(401);
    const created = await as('quality', 'POST', '/api/corrective-actions', fromFlag);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().action_id;
    for (const who of ['manager', 'hr', 'technician']) {
      expect((await as(who, 'PATCH', `/api/corrective-actions/${id}`, { owner: 'x' })).statusCode, who).toBe(403);
      expect((await as(who, 'POST', `/api/corrective-actions/${id}/comments`, { body: 'x' })).statusCode, who).toBe(403);
    }
    for (const who of ['hr', 'technician']) {
      expect((await as(who, 'GET', '/api/corrective-actions')).statusCode, who).toBe(403);
      expect((await as(who, 'GET', `/api/corrective-actions/${id}`)).statusCode, who).toBe(403);
    }
    expect((await as(null, 'GET', '/api/corrective-actions')).statusCode).toBe(401);
    for (const who of ['admin', 'manager', 'quality']) {
      expect(
        (await as(who, 'GET', '/api/corrective-actions')).json().rows.map((a: { action_id: number }) => a.action_id),
        who,
      ).toContain(id);
      expect((await as(who, 'GET', `/api/corrective-actions/${id}`)).statusCode, who).toBe(200);
    }
    expect((await as('admin', 'PATCH', `/api/corrective-actions/${id}`, { owner: '王工' })).statusCode).toBe(200);
    // The manager's failed attempts changed nothing.
    expect((await as('manager', 'GET', `/api/corrective-actions/${id}`)).json().owner).toBe('王工');
  });

  it('every change and comment is kept with who and when; the proof of fix says too early without an effective date', async () => {
    const id = (await as('quality', 'POST', '/api/corrective-actions', { ...fromFlag, containment: '库存件复检' })).json().action_id;
    let r = await as('quality', 'PATCH', `/api/corrective-actions/${id}`, {
      root_cause_category: 'supplier',
      root_cause: '来料电容批次不良',
      due_date: '2025-10-31',
      status: 'in_progress',
    });
    expect(r.statusCode, r.body).toBe(200);
    r = await as('admin', 'PATCH', `/api/corrective-actions/${id}`, {
      root_cause: '来料电容批次不良（已确认）',
      containment: '库存件复检',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect((await as('quality', 'POST', `/api/corrective-actions/${id}/comments`, { body: '供应商已回复 8D 报告' })).statusCode).toBe(201);
    const a = (await as('manager', 'GET', `/api/corrective-actions/${id}`)).json();
    expect(a).toMatchObject({
      source: 'flag',
      source_ref: planted.spike!.quarter,
      product_model: planted.spike!.product_model,
      fault_code: planted.spike!.fault_code,
    });
    expect(a).toMatchObject({
      status: 'in_progress',
      root_cause_category: 'supplier',
      due_date: '2025-10-31',
      overdue: true,
      containment: '库存件复检',
    });
    expect(a.proof.outcome).toBe('too_early');
    expect(a.proof.reason.en).toBe('No effective date yet');
    // One row per field that changed (containment did not), in order, with who.
    expect(
      a.history.map((h: { username: string; field: string; old_value: string | null; new_value: string | null }) => [
        h.username,
        h.field,
        h.old_value,
        h.new_value,
      ]),
    ).toEqual([
      ['quality', 'created', null, `flag ${planted.spike!.quarter}: ${planted.spike!.product_model} ${planted.spike!.fault_code}`],
      ['quality', 'root_cause_category', null, 'supplier'],
      ['quality', 'root_cause', null, '来料电容批次不良'],
      ['quality', 'due_date', null, '2025-10-31'],
      ['quality', 'status', 'open', 'in_progress'],
      ['admin', 'root_cause', '来料电容批次不良', '来料电容批次不良（已确认）'],
      ['quality', 'comment', null, '供应商已回复 8D 报告'],
    ]);
    expect(a.comments).toEqual([
      { happened_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/), username: 'quality', body: '供应商已回复 8D 报告' },
    ]);
    const overdue = (await as('manager', 'GET', '/api/corrective-actions?status=in_progress')).json().rows;
    expect(overdue.map((x: { action_id: number }) => x.action_id)).toEqual([id]);
  });

  it('an action opened from an alert puts the alert in action', async () => {
    const { product_model, fault_code } = planted.spike!;
    const alerts = (
      await as(
        'quality',
        'GET',
        `/api/early-warnings?grain=month&product_model=${encodeURIComponent(product_model)}&fault_code=${fault_code}`,
      )
    ).json().rows;
    const r = await as('quality', 'POST', '/api/corrective-actions', {
      source: 'alert',
      alert_id: alerts[0].alert_id,
      problem_statement: 'spike',
    });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ source: 'alert', source_ref: String(alerts[0].alert_id), product_model, fault_code });
    const alert = (await as('quality', 'GET', `/api/early-warnings/${alerts[0].alert_id}`)).json();
    expect(alert.state).toBe('in_action');
    expect(alert.events.at(-1)).toMatchObject({
      username: 'quality',
      from_state: 'new',
      to_state: 'in_action',
      note: `corrective action ${r.json().action_id}`,
    });
  });

  it('bad input is refused naming the field; unknown actions and alerts are 404', async () => {
    const id = (await as('quality', 'POST', '/api/corrective-actions', fromFlag)).json().action_id;
    const bad: [object, RegExp][] = [
      [{ root_cause_category: 'aliens' }, /root_cause_category/],
      [{ due_date: '2025-02-30' }, /due_date/],
      [{ status: 'done' }, /status/],
      [{ colour: 'red' }, /colour|additional/],
      [{}, /fewer than 1|minProperties|must NOT have fewer/],
    ];
    for (const [body, message] of bad) {
      const r = await as('quality', 'PATCH', `/api/corrective-actions/${id}`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error, JSON.stringify(body)).toMatch(message);
    }
    let r = await as('quality', 'POST', '/api/corrective-actions', { ...fromFlag, fault_code: 'NOPE' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe(`no quality flag for ${planted.spike!.product_model} NOPE in ${planted.spike!.quarter}`);
    r = await as('quality', 'POST', '/api/corrective-actions', { source: 'alert', alert_id: 999999, problem_statement: 'x' });
    expect(r.statusCode).toBe(404);
    expect((await as('quality', 'PATCH', '/api/corrective-actions/999999', { owner: 'x' })).statusCode).toBe(404);
    expect((await as('quality', 'GET', '/api/corrective-actions/999999')).statusCode).toBe(404);
    expect((await as('quality', 'GET', '/api/corrective-actions?outcome=maybe')).statusCode).toBe(400);
  });
});
