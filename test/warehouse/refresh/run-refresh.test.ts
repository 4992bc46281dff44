import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { listModelFiles } from '../../../warehouse/refresh/model-files.ts';
import { lastRefresh, runRefresh, toBuilding } from '../../../warehouse/refresh/run-refresh.ts';
import { fixtureWarehouse } from '../../helpers/fixture-warehouse.ts';

/** Tables, views and macros named as a refresh names what it has not published yet. */
const building = (db: Warehouse) =>
  db.all(
    `select table_name as name from duckdb_tables() where table_name like '%\\_\\_build' escape '\\'
     union all select view_name from duckdb_views() where view_name like '%\\_\\_build' escape '\\'
     union all select distinct function_name from duckdb_functions() where function_name like '%\\_\\_build' escape '\\'`,
  );

describe('refresh', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await fixtureWarehouse();
  });
  afterAll(() => db.close());

  it('builds the layers in order, staging before marts before metrics, and logs per-model timings', async () => {
    const r = await runRefresh(db, 'test');
    expect(r.status).toBe('ok');
    const layers = r.models.map((m) => m.layer);
    expect(layers.indexOf('marts')).toBeGreaterThan(layers.lastIndexOf('staging'));
    expect(layers.indexOf('metrics')).toBeGreaterThan(layers.lastIndexOf('marts'));
    expect(r.models.find((m) => m.model === 'tickets')).toMatchObject({ layer: 'marts', rows: 9 });
    const [logged] = await db.all<{ status: string; models: string }>(`select status, models from refresh_runs where refresh_id = $1`, [
      r.refreshId,
    ]);
    expect(logged.status).toBe('ok');
    expect(JSON.parse(logged.models).map((m: { model: string }) => m.model)).toEqual(r.models.map((m) => m.model));
  });

  it('a failing model rolls the whole refresh back: the previous tables stay readable, the failure is logged', async () => {
    const before = await db.all('select * from metrics.resolution_rate order by all');
    await db.run(`delete from raw.tickets where ticket_id = 'T1'`);
    const broken = [
      ...listModelFiles(),
      { layer: 'metrics' as const, name: 'zz_broken', file: 'zz_broken.sql', sql: 'select no_such_column from marts.tickets' },
    ];
    const r = await runRefresh(db, 'test', broken);
    expect(r.status).toBe('failed');
    expect(r.error).toMatch(/model metrics\.zz_broken: .*no_such_column/);
    // The good models were built under other names and never published, so even they are as before T1 was deleted.
    expect(await db.all('select * from metrics.resolution_rate order by all')).toEqual(before);
    expect(await db.all(`select count(*) as n from marts.tickets where ticket_id = 'T1'`)).toEqual([{ n: 1 }]);
    expect(await lastRefresh(db)).toMatchObject({ status: 'failed', error: expect.stringMatching(/zz_broken/) });
    // Nothing it built is left behind.
    expect(await building(db)).toEqual([]);
  });

  it('what a refresh stopped midway left behind (the process ended) is dropped by the next one, which publishes', async () => {
    await db.run(`create table marts.tickets__build as select 1 as leftover`);
    await db.run(`create view staging.stg_tickets__build as select 1 as leftover`);
    await db.run(`create macro metrics.quality_flags__build(q, r) as table select 1 as leftover`);
    expect(await building(db)).toHaveLength(3);
    const r = await runRefresh(db, 'test');
    expect(r.status).toBe('ok');
    expect(await building(db)).toEqual([]);
    // T1 was deleted above: the published tables are the new ones, read through the views readers use.
    expect(await db.all(`select count(*) as n from marts.tickets where ticket_id = 'T1'`)).toEqual([{ n: 0 }]);
    expect(await db.all(`select count(*) as n from staging.stg_tickets where ticket_id = 'T1'`)).toEqual([{ n: 0 }]);
    const [{ n }] = await db.all<{ n: number }>(`select count(*)::integer as n from marts.tickets`);
    expect(r.models.find((m) => m.model === 'tickets')).toMatchObject({ layer: 'marts', rows: n });
  });

  it('reads and writes under building names exactly the objects being built, no name that only begins like one', () => {
    const rw = toBuilding(['marts.tickets', 'metrics.technician_score', 'main.settings']);
    expect(
      rw(
        'create table marts.tickets as select * from marts.tickets_x, marts.tickets t, metrics.technician_score_facts, metrics.technician_score($1), main.settings, main.settings_old, rollups.tickets',
      ),
    ).toBe(
      'create table marts.tickets__build as select * from marts.tickets_x, marts.tickets__build t, metrics.technician_score_facts, metrics.technician_score__build($1), main.settings__build, main.settings_old, rollups.tickets',
    );
  });
});
