// A process killed mid-work leaves a warehouse that opens again, with the unfinished work marked failed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../../../warehouse/db/open-warehouse.ts';
import { interruptedRefreshError, interruptedReportError } from '../../../warehouse/db/interrupted-runs.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-interrupted-'));

describe('work interrupted by a crash', () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('a new warehouse killed during its first refresh opens again, the refresh marked failed', async () => {
    const file = path.join(tmp, 'killed.duckdb');
    const child = spawn(process.execPath, ['bin/run-ts.js', 'test/helpers/refresh-child.ts', file], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const signal = await new Promise((r) => child.on('exit', (_code, sig) => r(sig)));
    expect(signal).toBe('SIGKILL');
    // Before: "Failure while replaying WAL file" (the migrations' ALTER TABLE was still in the WAL), for ever.
    const db = await openWarehouse(file);
    try {
      expect(await db.all(`select status, error from refresh_runs`)).toEqual([{ status: 'failed', error: interruptedRefreshError }]);
      // The warehouse works: the next refresh succeeds.
      expect((await runRefresh(db, 'test')).status).toBe('ok');
    } finally {
      await db.close();
    }
  }, 120_000);

  it("DuckDB's spill files left by a killed process are removed at the next open", async () => {
    const file = path.join(tmp, 'spilled.duckdb');
    const child = spawn(process.execPath, ['bin/run-ts.js', 'test/helpers/spill-child.ts', file], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const signal = await new Promise((r) => child.on('exit', (_code, sig) => r(sig)));
    expect(signal).toBe('SIGKILL');
    const spill = `${file}.tmp`;
    expect(fs.readdirSync(spill).filter((n) => n.startsWith('duckdb_temp_')).length).toBeGreaterThan(0);
    fs.writeFileSync(path.join(spill, 'not-duckdbs.txt'), 'kept');
    const db = await openWarehouse(file);
    try {
      expect(fs.readdirSync(spill)).toEqual(['not-duckdbs.txt']);
    } finally {
      await db.close();
    }
  }, 120_000);

  it('at open, refreshes left running and reports left unwritten are failed with the reason; finished ones are kept', async () => {
    const file = path.join(tmp, 'left.duckdb');
    let db = await openWarehouse(file);
    await db.run(`insert into refresh_runs (started_at, finished_at, status, trigger, error) values
      (now(), now(), 'ok', 'cli', null), (now(), now(), 'failed', 'cli', 'model marts.x: boom'), (now(), null, 'running', 'schedule', null)`);
    await db.run(`insert into reports (quarter, variant, lang, trigger, status, error, file, created_at) values
      ('2025-Q1', 'hr', 'en', 'schedule', 'ok', null, '1-2025-Q1-hr-en.pdf', now()),
      ('2025-Q1', 'hr', 'zh', 'schedule', 'failed', 'ENOSPC', null, now()),
      ('2025-Q2', 'hr', 'zh', 'startup', 'failed', null, null, now())`);
    await db.close();
    db = await openWarehouse(file);
    try {
      expect(await db.all(`select status, error from refresh_runs order by refresh_id`)).toEqual([
        { status: 'ok', error: null },
        { status: 'failed', error: 'model marts.x: boom' },
        { status: 'failed', error: interruptedRefreshError },
      ]);
      expect(await db.all(`select status, error from reports order by report_id`)).toEqual([
        { status: 'ok', error: null },
        { status: 'failed', error: 'ENOSPC' },
        { status: 'failed', error: interruptedReportError },
      ]);
    } finally {
      await db.close();
    }
  });
});
