import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { buildApp } from '../../../../web/server/app.ts';
import { fixtureWarehouse } from '../../../helpers/fixture-warehouse.ts';

describe('metrics API', () => {
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

  const get = (url: string) => app.inject({ method: 'GET', url });

  it('GET /api/health says ok with the ticket count and last refresh', async () => {
    const r = await get('/api/health');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'ok', tickets: 9, timeZone: 'Asia/Shanghai', lastRefresh: { status: 'ok' } });
    // The settings the dashboard's texts state, the configuration's defaults here (none dropped by the schema).
    expect(r.json().textSettings).toMatchObject({
      minTickets: 20,
      complaintAnswerHours: 24,
      scoreWeights: { satisfaction: 30, timeliness: 25, first_time_fix: 25, discipline: 20 },
      complaintDeduction: 10,
      scoreGrades: [
        { grade: 'A', min: 90 },
        { grade: 'B', min: 80 },
        { grade: 'C', min: 70 },
        { grade: 'D', min: 60 },
      ],
      fallbackGrade: 'E',
      flagMinCount: 5,
      flagConfidence: 0.99,
      paretoVitalShare: 0.8,
      earlyWarning: { shiftRatio: 2, weekArl0: 1040, monthArl0: 240, baselineWeeks: 52, baselineMonths: 12 },
      proofOfFix: { minAfterDays: 90, beforeDays: 180 },
    });
  });

  it('GET /api/metrics/resolution_rate by quarter and region', async () => {
    const r = await get('/api/metrics/resolution_rate?grain=quarter&by=region');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body.metric).toBe('resolution_rate');
    expect(body.rows.map((x: any) => [x.period, x.region, x.numerator, x.denominator])).toEqual([
      ['2025-Q3', '华东', 2, 3],
      ['2025-Q3', '华北', 2, 3],
      ['2025-Q4', '华南', 1, 2],
    ]);
  });

  it('filters by date range and region (URL-encoded Chinese, several values)', async () => {
    const r = await get(`/api/metrics/resolution_rate?grain=all&from=2025-07-01&to=2025-12-31&region=${encodeURIComponent('华北,华南')}`);
    expect(r.json().rows).toEqual([{ period: 'all', numerator: 3, denominator: 5, value: 0.6 }]);
  });

  it('the SLA metrics carry the configured targets (hours by severity level); the others do not', async () => {
    const r = await get('/api/metrics/response_time?grain=all&by=severity');
    expect(r.statusCode).toBe(200);
    // The default targets (metrics.md): level 2 answers within 1 h, is on site within 8 h and fixed within 36 h.
    expect(r.json().sla_targets['2']).toEqual({ response: 1, arrival: 8, resolution: 36 });
    expect((await get('/api/metrics/sla_compliance?grain=all')).json().sla_targets['4']).toEqual({
      response: 24,
      arrival: 72,
      resolution: 168,
    });
    expect((await get('/api/metrics/resolution_rate?grain=all')).json().sla_targets).toBeUndefined();
  });

  it('GET /api/metrics lists the catalog', async () => {
    const r = await get('/api/metrics');
    const keys = r.json().metrics.map((m: any) => m.key);
    for (const k of [
      'opened',
      'backlog',
      'resolution_rate',
      'response_time',
      'arrival_time',
      'resolution_time',
      'sla_compliance',
      'csat',
      'complaint_rate',
      'cost',
    ]) {
      expect(keys).toContain(k);
    }
  });

  it.each([
    ['/api/metrics/no_such_metric', 400],
    ['/api/metrics/resolution_rate?grain=week', 400],
    ['/api/metrics/resolution_rate?by=region;drop%20table%20raw.tickets', 400],
    ['/api/metrics/resolution_rate?from=2025-13-45x', 400],
    ['/api/metrics/resolution_rate?unknown=1', 400],
  ])('rejects %s with %i and a message, no stack trace', async (url, status) => {
    const r = await get(url);
    expect(r.statusCode).toBe(status);
    expect(r.json().error).toBeTruthy();
    expect(r.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('SQL fragments in a filter value are only values: they match nothing and change nothing', async () => {
    const r = await get(`/api/metrics/resolution_rate?grain=all&region=${encodeURIComponent("华东') or 1=1 --")}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().rows).toEqual([]);
    expect((await get('/api/health')).json().tickets).toBe(9);
  });
});
