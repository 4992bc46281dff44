// A deeply nested JSON file killed the process (SIGSEGV in DuckDB's recursive JSON parser): it is refused
// before DuckDB reads it, naming the file and line, and nothing loaded before is lost.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { maxJsonDepth } from '../../../ingest/readers/json-depth.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-json-depth-'));
const file = (name: string, content: string) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, content);
  return p;
};
const good = '[{"ticket_id": "J1", "opened_at": "2025-07-01 09:00", "status": "open"}]';
const n = 200_000;
// 400 KB: '[' 200,000 deep, on line 2 of a JSON array; in NDJSON, the third record.
const deepJson = `[{"ticket_id": "J2", "opened_at": "2025-07-01 09:00", "status": "open"},\n{"ticket_id": ${'['.repeat(n)}${']'.repeat(n)}, "opened_at": "2025-07-01 09:00", "status": "open"}]`;
const deepNdjson = `{"ticket_id": "J2", "opened_at": "2025-07-01 09:00", "status": "open"}\n{"ticket_id": "J3", "opened_at": "2025-07-01 09:00", "status": "open"}\n{"ticket_id": ${'{"a":'.repeat(n / 2)}1${'}'.repeat(n / 2)}, "opened_at": "2025-07-01 09:00", "status": "open"}\n`;

describe('deeply nested JSON', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await openWarehouse(':memory:');
    return () => db.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it.each([
    ['deep.json', deepJson, 2],
    ['deep.ndjson', deepNdjson, 3],
  ])('%s (400 KB) is refused naming the file and line; nothing loaded is lost', async (name, content, line) => {
    expect(content.length).toBeGreaterThan(400_000);
    await ingestFile(db, 'tickets', file('good.json', good));
    const err = await ingestFile(db, 'tickets', file(name, content)).catch((e) => e);
    expect(err.message).toBe(
      `${name}: line ${line} nests values more than ${maxJsonDepth} levels deep ([ and { inside each other); records must be flat: one object per row`,
    );
    expect(err.reasonZh).toBe(`第 ${line} 行的嵌套超过 64 层（[ 与 { 层层嵌套）；每条记录应为一个扁平对象`);
    expect(await db.all('select ticket_id from raw.tickets')).toEqual([{ ticket_id: 'J1' }]);
    expect(await db.all(`select status from ingest_runs order by load_id`)).toEqual([{ status: 'loaded' }, { status: 'failed' }]);
  });

  it('nesting up to the limit is no error of ours; brackets inside strings do not count', async () => {
    const inString = `[{"ticket_id": "J4", "opened_at": "2025-07-01 09:00", "status": "open", "note": "${'[{'.repeat(100)}\\"["}]`;
    await ingestFile(db, 'tickets', file('strings.json', inString));
    // 64 levels in all: the records' array, the record, and 62 more: DuckDB reads it (as text of an extra column).
    const deep = `[{"ticket_id": "J5", "opened_at": "2025-07-01 09:00", "status": "open", "x": ${'['.repeat(maxJsonDepth - 2)}${']'.repeat(maxJsonDepth - 2)}}]`;
    await ingestFile(db, 'tickets', file('deep-ok.json', deep));
    expect(await db.all('select ticket_id from raw.tickets order by 1')).toEqual([{ ticket_id: 'J4' }, { ticket_id: 'J5' }]);
  });

  it.each([
    ['deep.json', deepJson, 2],
    ['deep.ndjson', deepNdjson, 3],
  ])('`aftersight ingest %s` exits 1 with the message (it was killed by SIGSEGV, exit 139)', async (name, content, line) => {
    const f = file(name, content);
    const child = spawn(process.execPath, ['bin/aftersight.js', 'ingest', 'tickets', f, '--db', path.join(tmp, `${name}.duckdb`)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect({ code, signal }, out).toEqual({ code: 1, signal: null });
    expect(out).toContain(`${name}: line ${line} nests values more than ${maxJsonDepth} levels deep`);
  });
});
