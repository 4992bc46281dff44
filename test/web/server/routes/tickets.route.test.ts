import type { FastifyInstance } from 'fastify';
import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { fixtureWarehouse } from '../../../helpers/fixture-warehouse.ts';

describe('tickets API (drill-down)', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await fixtureWarehouse();
    app = await buildApp({ db, auth: false });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
  const ids = (body: { rows: { ticket_id: string }[] }) => body.rows.map((r) => r.ticket_id).sort();

  it('the tickets behind the resolution rate of 2025-Q3 华北: 3 counted, 2 resolved', async () => {
    const base = `/api/tickets?metric=resolution_rate&from=2025-07-01&to=2025-09-30&region=${encodeURIComponent('华北')}`;
    const den = (await get(`${base}&part=denominator`)).json();
    expect(den.total).toBe(3);
    expect(ids(den)).toEqual(['T5', 'T6', 'T7']);
    expect(ids((await get(`${base}&part=numerator`)).json())).toEqual(['T6', 'T7']);
  });

  it('sorts and pages', async () => {
    const page = (await get('/api/tickets?sort=opened_at&order=asc&limit=3&offset=3')).json();
    expect(page.total).toBe(9);
    expect(page.rows.map((r: { ticket_id: string }) => r.ticket_id)).toEqual(['T4', 'T6', 'T7']);
  });

  it('the backlog at the end of 30 Sep 2025: opened by then and not resolved by then', async () => {
    // T3 (open) and T5 (in progress); T7 opened 30 Sep, resolved 2 Oct: still open at the end of 30 Sep.
    expect(ids((await get('/api/tickets?open_on=2025-09-30')).json())).toEqual(['T3', 'T5', 'T7']);
  });

  it('CSV export is formula-safe and Arrow answers read back', async () => {
    const csv = await get('/api/tickets?format=csv&limit=2&sort=ticket_id&order=asc');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    // Two of the 9 tickets: the headers say so.
    expect([csv.headers['x-total-count'], csv.headers['x-truncated']]).toEqual(['9', 'true']);
    // Headers in the asker's language (Chinese by default), each time column saying the configured zone.
    const z = '（Asia/Shanghai）';
    expect(csv.body.split('\r\n')[0]).toBe(
      `\uFEFF工单编号,报修时间${z},状态,区域,城市,产品线,机型,序列号,故障等级,报修渠道,服务类型,故障类别,故障代码,工程师编号,首次响应时间${z},到场时间${z},解决时间${z},关闭时间${z},首次响应时长（小时）,到场时长（小时）,解决时长（小时）,满意度,服务费用`,
    );
    const en = await get('/api/tickets?format=csv&limit=2&sort=ticket_id&order=asc&lang=en');
    expect(en.body.split('\r\n')[0]).toMatch(/^\uFEFFTicket id,Opened at \(Asia\/Shanghai\),Status,Region,/);
    const arrow = await get('/api/tickets?limit=100', { accept: 'application/vnd.apache.arrow.stream' });
    expect(arrow.headers['content-type']).toBe('application/vnd.apache.arrow.stream');
    const table = tableFromIPC(arrow.rawPayload);
    expect(table.numRows).toBe(9);
    expect(table.getChild('ticket_id')!.toArray().sort()).toEqual(['T1', 'T2', 'T3', 'T5', 'T6', 'T7', 'T8', 'T9', 'T4'].sort());
    const metric = await get('/api/metrics/resolution_rate?grain=quarter', { accept: 'application/vnd.apache.arrow.stream' });
    const m = tableFromIPC(metric.rawPayload);
    expect(m.getChild('period')!.toArray()).toEqual(['2025-Q3', '2025-Q4']);
    expect([...m.getChild('numerator')!.toArray()]).toEqual([4, 1]);
  });

  it.each([
    '/api/tickets?sort=customer_name',
    '/api/tickets?sort=opened_at;drop%20table%20x',
    '/api/tickets?metric=sla_compliance',
    '/api/tickets?limit=0',
    '/api/tickets?rating=9',
    '/api/tickets?open_age=0-1d',
    '/api/tickets?open_on=2025-09-30&open_age=2d',
    '/api/tickets?warranty=paid',
    '/api/tickets?metric=cost&cost_type=parts;drop',
    '/api/tickets?metric=failures_by_age&months_in_service=-1',
  ])('%s is refused with 400', async (url) => {
    const r = await get(url);
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBeTruthy();
  });
});
