// GET /api/complaints on the hand-built service quarter: the complaints behind each complaint figure, by the
// day received, with the figure's own parts (answered on time, missed, escalated), CSV and refusals.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { serviceQuarterWarehouse } from '../../../helpers/fixture-warehouse.ts';

describe('complaints API (drill-down)', () => {
  let db: Warehouse;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await serviceQuarterWarehouse();
    app = await buildApp({ db, auth: false });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });
  const ids = async (query: string) => {
    const r = await app.inject({ url: `/api/complaints?${query}` });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json().rows as { complaint_id: string }[]).map((c) => c.complaint_id).sort();
  };

  it('the complaints of a period and of a category bar', async () => {
    // C1 20 Jul (attitude, verified), C2 15 Aug (late), C3 1 Sep (product, no ticket).
    expect(await ids('from=2025-07-01&to=2025-09-30')).toEqual(['C1', 'C2', 'C3']);
    expect(await ids('from=2025-08-01&to=2025-09-30')).toEqual(['C2', 'C3']);
    expect(await ids('category=attitude&verified=yes')).toEqual(['C1']);
    expect(await ids('verified=no')).toEqual(['C2', 'C3']);
    expect(await ids('category=late,product')).toEqual(['C2', 'C3']);
  });

  it('the parts of the complaint metrics', async () => {
    // Answered within 24 h: C1 (10 h); C2 took 48 h and C3 is past due unanswered: both missed.
    expect(await ids('metric=complaint_answer_on_time&part=numerator')).toEqual(['C1']);
    expect(await ids('metric=complaint_answer_on_time&part=missed')).toEqual(['C2', 'C3']);
    expect(await ids('metric=complaint_escalated_rate&part=numerator')).toEqual(['C2']);
    expect(await ids('metric=complaint_resolution_time')).toEqual(['C1', 'C2']);
  });

  it('pages in order and downloads a CSV', async () => {
    const page = (await app.inject({ url: '/api/complaints?sort=received_at&order=asc&limit=1&offset=1' })).json();
    expect(page.total).toBe(3);
    expect(page.rows.map((r: { complaint_id: string }) => r.complaint_id)).toEqual(['C2']);
    const csv = await app.inject({ url: '/api/complaints?format=csv&sort=complaint_id&order=asc' });
    expect(csv.headers['content-disposition']).toContain('complaints.csv');
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    // Headers and values in words (Chinese by default), the time columns saying the configured zone.
    expect(lines[0]).toMatch(/^投诉编号,投诉时间（Asia\/Shanghai）,投诉类别,是否查实,是否上报,/);
    expect(lines[1]).toMatch(/^C1,\d{4}-\d{2}-\d{2} \d{2}:\d{2},服务态度,是,否,/);
  });

  it.each([
    '/api/complaints?metric=complaint_rate',
    '/api/complaints?metric=complaints&part=numerator',
    '/api/complaints?verified=maybe',
    '/api/complaints?sort=description',
    '/api/complaints?fault_code=F1',
  ])('%s is refused with 400', async (url) => {
    const r = await app.inject({ url });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBeTruthy();
  });
});
