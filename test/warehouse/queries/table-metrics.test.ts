// Table metrics say how many rows they have in all and whether a row limit cut them (readTableMetric, the API
// and the CLI alike): four chronic units, read with a limit of 2.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { readTableMetric } from '../../../warehouse/queries/table-metrics.ts';
import { buildApp } from '../../../web/server/app.ts';
import { warehouseWithRows } from '../../helpers/warehouse-with-rows.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-table-'));
const dbFile = path.join(tmp, 'w.duckdb');
// Units U1–U4, three counted tickets each in 2025 (chronic); U5 only two (not chronic). Each ticket's fault is
// its own, so fault_solutions has one row per (fault, solution): F1–F3 with S1.
const lines = ['ticket_id,opened_at,status,serial_no,fault_code,resolution_code,resolved_at'];
for (let u = 1; u <= 5; u++) {
  for (let k = 1; k <= (u === 5 ? 2 : 3); k++) lines.push(`T${u}${k},2025-0${k}-1${u} 09:00,closed,U${u},F${k},S1,2025-0${k}-1${u} 12:00`);
}

describe('a table metric larger than its limit', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await warehouseWithRows({ tickets: lines }, { file: dbFile });
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('reports its total and that it was cut', async () => {
    const cut = await readTableMetric(db, 'chronic_units', { limit: 2 });
    expect(cut.rows.length).toBe(2);
    expect(cut).toMatchObject({ total: 4, truncated: true });
    expect(await readTableMetric(db, 'chronic_units', {})).toMatchObject({ total: 4, truncated: false });
    // A table read whole by its own query is cut the same way.
    const solutions = await readTableMetric(db, 'fault_solutions', { limit: 1 });
    expect(solutions.rows.length).toBe(1);
    expect(solutions).toMatchObject({ total: 3, truncated: true });
    expect(await readTableMetric(db, 'fault_solutions', {})).toMatchObject({ total: 3, truncated: false });
  });

  it('over HTTP: total and truncated beside rows', async () => {
    const app = await buildApp({ db, auth: false });
    try {
      const body = (await app.inject({ method: 'GET', url: '/api/metrics/chronic_units?limit=2' })).json();
      expect(body).toMatchObject({ metric: 'chronic_units', total: 4, truncated: true });
      expect(body.rows).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('on the command line: "2 of 4 rows"', async () => {
    await db.close();
    try {
      const { stdout } = await promisify(execFile)(process.execPath, [
        path.resolve('bin/aftersight.js'),
        'metrics',
        'chronic_units',
        '--limit',
        '2',
        '--db',
        dbFile,
      ]);
      expect(stdout).toMatch(/^2 of 4 rows .*cut at the limit/m);
    } finally {
      db = await openWarehouse(dbFile);
    }
  });
});
