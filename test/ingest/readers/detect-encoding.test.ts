// Short files in single-byte or Japanese encodings were read as GB18030 (their bytes are valid GB18030 too):
// a one-row Latin-1 or Shift_JIS file loaded as mojibake. Hand-made files, checked cell by cell.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { detectEncoding } from '../../../ingest/readers/detect-encoding.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-encoding-'));
const file = (name: string, bytes: Buffer) => {
  const p = path.join(tmp, name);
  fs.writeFileSync(p, bytes);
  return p;
};
const header = 'ticket_id,opened_at,status,customer_id,fault_description\n';

describe('encoding of short files', () => {
  let db: Warehouse;
  beforeEach(async () => {
    db = await openWarehouse(':memory:');
    return () => db.close();
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const cells = () => db.all('select ticket_id, customer_id, fault_description from raw.tickets');

  it('one Latin-1 row whose accented letters each sit between ASCII letters (valid GB18030 pairs) is Latin-1', async () => {
    // ü l, é r, ü r, è m, û l: as GB18030 each is a character (a lead byte, then an ASCII trail byte).
    const f = file('latin1.csv', iconv.encode(`${header}L1,2025-07-01 09:00,open,Müller,Gérard Zürich: crème brûlée\n`, 'latin1'));
    expect(detectEncoding(f).encoding).toBe('iso-8859-1');
    await ingestFile(db, 'tickets', f);
    expect(await cells()).toEqual([{ ticket_id: 'L1', customer_id: 'Müller', fault_description: 'Gérard Zürich: crème brûlée' }]);
  });

  it.each([
    ['田中', '水漏れ'],
    ['C1', 'エアコンが冷えない'],
  ])('one Shift_JIS row (%s, %s) is Shift_JIS', async (customer, fault) => {
    const f = file('sjis.csv', iconv.encode(`${header}J1,2025-07-01 09:00,open,${customer},${fault}\n`, 'shift_jis'));
    expect(detectEncoding(f).encoding).toBe('shift_jis');
    await ingestFile(db, 'tickets', f);
    expect(await cells()).toEqual([{ ticket_id: 'J1', customer_id: customer, fault_description: fault }]);
  });

  it.each([
    ['a name', '张三', '空调不制冷'],
    ['two characters', '华东', '漏水'],
    ['full-width punctuation', '李四（北京）', '噪音大，漏水！'],
  ])('one GBK row with %s is still GB18030', async (_, customer, fault) => {
    const f = file('gbk.csv', iconv.encode(`${header}G1,2025-07-01 09:00,open,${customer},${fault}\n`, 'gbk'));
    expect(detectEncoding(f).encoding).toBe('gb18030');
    await ingestFile(db, 'tickets', f);
    expect(await cells()).toEqual([{ ticket_id: 'G1', customer_id: customer, fault_description: fault }]);
  });
});
