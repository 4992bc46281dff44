// The loaded tickets' count (warehouse/queries/loaded-tickets.ts): none in a fresh warehouse, then the rows of a
// three-ticket file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { countLoadedTickets } from '../../../warehouse/queries/loaded-tickets.ts';

describe('the loaded tickets', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-count-'));
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
  });
  afterAll(async () => {
    await db.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('counts none, then the three tickets of a file', async () => {
    expect(await countLoadedTickets(db)).toBe(0);
    const file = path.join(tmp, 'tickets.csv');
    fs.writeFileSync(
      file,
      'ticket_id,opened_at,status,region\nT1,2025-09-01 10:00,open,华东\nT2,2025-09-02 10:00,open,华北\nT3,2025-09-03 10:00,open,华东\n',
    );
    await ingestFile(db, 'tickets', file);
    expect(await countLoadedTickets(db)).toBe(3);
  });
});
