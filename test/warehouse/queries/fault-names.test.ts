// Fault names worked out by hand: the most frequent description wins, a leading product model is taken off,
// a code whose every ticket words its fault its own way has no name, a code's only description names it,
// ties go to the shorter; the API answers them and the label puts the name beside the code.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { ingestFile } from '../../../ingest/run-ingest.ts';
import { runRefresh } from '../../../warehouse/refresh/run-refresh.ts';
import { readFaultNames } from '../../../warehouse/queries/fault-names.ts';
import { faultLabel } from '../../../presentation/i18n/dimension-labels.ts';
import { buildApp } from '../../../web/server/app.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-fault-names-'));
const tickets = `ticket_id,opened_at,status,product_model,fault_code,fault_description
F1,2025-07-01 09:00,closed,KFR-35GW,AC08,KFR-35GW：压缩机异响
F2,2025-07-02 09:00,closed,KFR-26GW,AC08,KFR-26GW:压缩机异响
F3,2025-07-03 09:00,closed,KFR-35GW,AC08,压缩机异响
F4,2025-07-04 09:00,cancelled,KFR-35GW,AC08,外机漏水
F5,2025-07-05 09:00,closed,KFR-35GW,AC02,客户说昨晚开始不制冷
F6,2025-07-06 09:00,closed,KFR-35GW,AC02,师傅到场后发现制冷剂不足
F7,2025-07-07 09:00,closed,WM-8,WM01,不脱水
F8,2025-07-08 09:00,closed,WM-8,WM03,门锁坏了
F9,2025-07-09 09:00,closed,WM-8,WM03,门锁故障
F10,2025-07-10 09:00,closed,WM-8,WM03,门锁坏了
F11,2025-07-11 09:00,closed,WM-8,WM03,门锁故障
F12,2025-07-12 09:00,closed,WM-8,WM04,
`;

describe('fault names', () => {
  let db: Warehouse;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    fs.writeFileSync(path.join(tmp, 'tickets.csv'), tickets);
    await ingestFile(db, 'tickets', path.join(tmp, 'tickets.csv'));
    const r = await runRefresh(db, 'test');
    if (r.status !== 'ok') throw new Error(r.error);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('names each code by its most frequent description, the model taken off', async () => {
    // AC08: 压缩机异响 ×3 (two with a model before it), 外机漏水 ×1. AC02: two free texts, no name.
    // WM01: its only description. WM03: 门锁坏了 ×2 and 门锁故障 ×2, the same length: the first in order.
    // WM04: no description.
    expect(await readFaultNames(db)).toEqual({ AC08: '压缩机异响', WM01: '不脱水', WM03: '门锁坏了' });
  });

  it('the label puts the name beside the code, the code alone without one', () => {
    const names = { AC08: '压缩机异响' };
    expect(faultLabel('AC08', names, 'zh')).toBe('AC08 压缩机异响');
    expect(faultLabel('AC02', names, 'en')).toBe('AC02');
    expect(faultLabel(null, names, 'zh')).toBe('未填写');
    expect(faultLabel('', undefined, 'en')).toBe('Unspecified');
  });

  it('GET /api/fault-names answers them', async () => {
    const app = await buildApp({ db, auth: false });
    try {
      const r = await app.inject({ url: '/api/fault-names' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ names: { AC08: '压缩机异响', WM01: '不脱水', WM03: '门锁坏了' } });
    } finally {
      await app.close();
    }
  });
});
