// A load killed with SIGKILL half-way leaves the warehouse exactly as before, and can be retried.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openWarehouse } from '../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../ingest/run-ingest.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-kill-'));
const dbFile = path.join(tmp, 'w.duckdb');

function bigTicketsCsv(file: string, rows: number) {
  const lines = ['ticket_id,opened_at,status,region,fault_description'];
  for (let i = 0; i < rows; i++) lines.push(`K${i},2025-0${1 + (i % 9)}-1${i % 10} 10:00,${i % 3 ? 'closed' : 'open'},华东,描述${i}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('kill -9 in the middle of a load', () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('leaves the warehouse as before; the same file loads on retry', async () => {
    const small = path.join(tmp, 'small.csv');
    fs.writeFileSync(small, 'ticket_id,opened_at,status\nA1,2025-01-01 10:00,open\nA2,2025-01-02 10:00,closed\n');
    let db = await openWarehouse(dbFile);
    await ingestFile(db, 'tickets', small);
    await db.close();

    const big = path.join(tmp, 'big.csv');
    bigTicketsCsv(big, 400_000);
    const child = spawn(process.execPath, ['bin/run-ts.js', 'test/helpers/ingest-child.ts', dbFile, 'tickets', big], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    // Killed as 'write' starts: the load's transaction (reading and checking happen before it, in temp tables).
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        if (/phase write/.test(out)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`child ended before it could be killed: ${out}`)));
    });
    await new Promise((r) => child.on('exit', r));
    expect(out).not.toMatch(/done/);

    db = await openWarehouse(dbFile);
    try {
      expect(await db.all('select ticket_id from raw.tickets order by 1')).toEqual([{ ticket_id: 'A1' }, { ticket_id: 'A2' }]);
      expect(await db.all(`select file, status from ingest_runs order by load_id`)).toEqual([{ file: 'small.csv', status: 'loaded' }]);
      expect(await db.all('select count(*) as n from rejects')).toEqual([{ n: 0 }]);
      const retry = await ingestFile(db, 'tickets', big);
      expect(retry).toMatchObject({ status: 'loaded', rowsLoaded: 400_000 });
    } finally {
      await db.close();
    }
  }, 180_000);
});
