// Fault names worked out by hand: the most frequent description wins, a leading product model is taken off,
// a code whose every ticket words its fault its own way has no name, a code's only description names it,
// ties go to the shorter; the API answers them and the label puts the name beside the code. A fault code list the
// company loads (record kind `faults`, a hand-made file with Chinese headers) names its codes first, in each language.
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
    const names = { AC08: '压缩机异响', WM01: '不脱水', WM03: '门锁坏了' };
    expect(await readFaultNames(db)).toEqual({ zh: names, en: names });
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
      const names = { AC08: '压缩机异响', WM01: '不脱水', WM03: '门锁坏了' };
      expect(r.json()).toEqual({ names, names_en: names });
    } finally {
      await app.close();
    }
  });

  it('a loaded fault code list names its codes first: its Chinese name, its English one in English', async () => {
    // AC08: the list's names over the tickets' 压缩机异响; AC02 (no name from its tickets): English only, so in
    // both languages; WM09: no ticket yet, named by the list; WM10: no name at all, rejected. WM01, WM03: as before.
    const list = path.join(tmp, '故障代码表.csv');
    fs.writeFileSync(
      list,
      '故障代码,故障名称,英文名称,故障类别\nAC08,压缩机噪音异常,Compressor noise,制冷\nAC02,,Not cooling,制冷\nWM09,排水泵堵塞,,排水\nWM10,,,排水\n',
    );
    const report = await ingestFile(db, 'faults', list);
    expect([report.rowsRead, report.rowsLoaded, report.rowsRejected]).toEqual([4, 3, 1]);
    const [reject] = await db.all<{ row_number: number; reason_zh: string }>(
      `select row_number, reason_zh from rejects where load_id = ${report.loadId}`,
    );
    expect(reject).toEqual({ row_number: 5, reason_zh: '故障代码须有名称（中文或英文）' });
    const r = await runRefresh(db, 'test');
    if (r.status !== 'ok') throw new Error(r.error);
    const names = await readFaultNames(db);
    expect(names.zh).toEqual({ AC02: 'Not cooling', AC08: '压缩机噪音异常', WM01: '不脱水', WM03: '门锁坏了', WM09: '排水泵堵塞' });
    expect(names.en).toEqual({ AC02: 'Not cooling', AC08: 'Compressor noise', WM01: '不脱水', WM03: '门锁坏了', WM09: '排水泵堵塞' });
    expect(faultLabel('AC08', names.zh, 'zh')).toBe('AC08 压缩机噪音异常');
    expect(faultLabel('AC08', names.en, 'en')).toBe('AC08 Compressor noise');
    expect(await db.all(`select fault_code, category, source from marts.fault_names order by fault_code`)).toEqual([
      { fault_code: 'AC02', category: '制冷', source: 'catalogue' },
      { fault_code: 'AC08', category: '制冷', source: 'catalogue' },
      { fault_code: 'WM01', category: null, source: 'tickets' },
      { fault_code: 'WM03', category: null, source: 'tickets' },
      { fault_code: 'WM09', category: '排水', source: 'catalogue' },
    ]);
    // A later list renames a code: the newest load's row stands.
    fs.writeFileSync(list, '故障代码,故障名称\nAC08,压缩机异响（噪音）\n');
    await ingestFile(db, 'faults', list);
    await runRefresh(db, 'test');
    expect((await readFaultNames(db)).zh.AC08).toBe('压缩机异响（噪音）');
    const app = await buildApp({ db, auth: false });
    try {
      const answer = (await app.inject({ url: '/api/fault-names' })).json();
      expect(answer.names.AC08).toBe('压缩机异响（噪音）');
      expect(answer.names_en.AC02).toBe('Not cooling');
    } finally {
      await app.close();
    }
  });
});
