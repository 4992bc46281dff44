// The HR edition's ranking with the installer's part (issue 19), read back with pdftotext, on the scored quarter of
// test/warehouse/queries/technician-scores.test.ts (2025-Q3: E1 80.25, E2 80 before the installer's part) with two
// accepted projects: P1 (E1 and E2) 27 + 44 + 8 = 79, unrated: 79 × 100 ÷ 90 = 87.78; P2 (E1) 90 → 100.
// Weight 20: E1's mean (87.78 + 100) ÷ 2 = 93.89 → 18.78 points, total 80.25 × 0.8 + 18.78 = 82.98; E2 87.78 →
// 17.56 points, total 80 × 0.8 + 17.56 = 81.56. Weight 0: the same projects and means shown, 0 points, totals kept.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../../warehouse/config/config.ts';
import { writeQuarterlyReport } from '../../../../reports/quarterly/write-quarterly-report.ts';
import { scoredQuarterWarehouse } from '../../../helpers/scored-quarter.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-ranking-report-'));
const lines = (pdf: string) =>
  execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim().split(/\s+/).join(' '));
const installations = `installation_id,accepted_at,technician_ids,hardware_score,software_score,documents_score
P1,2025-08-01,E1;E2,27,44,8
P2,2025-08-02,E1,30,50,10
`;

describe("quarterly PDF, HR edition: the installer's part of the ranking", () => {
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('weight 20: the part’s points, the mean project score and the projects beside each total (English)', async () => {
    const db = await scoredQuarterWarehouse({
      installations,
      settings: { installationScore: { ...defaultConfig.installationScore, scorecardWeight: 20 } },
    });
    try {
      const out = path.join(tmp, 'w20.pdf');
      await writeQuarterlyReport(db, { quarter: '2025Q3', out, variant: 'hr', lang: 'en', figures: 'live' });
      const l = lines(out);
      expect(l.find((x) => x.includes(' E1 '))).toMatch(/ E1 甲 华东 T1 \d+ 82\.98 B \S+ 18\.8 93\.9 2$/);
      expect(l.find((x) => x.includes(' E2 '))).toMatch(/ E2 乙 华东 T1 \d+ 81\.56 B \S+ 17\.6 87\.8 1$/);
      expect(l.find((x) => x.includes(' E3 '))).toMatch(/ — — —$/);
      expect(l.join(' ')).toContain('Installation quality is worth 20 points');
    } finally {
      await db.close();
    }
  });

  it('weight 0 with projects: shown for information, totals unchanged (Chinese)', async () => {
    const db = await scoredQuarterWarehouse({ installations });
    try {
      const out = path.join(tmp, 'w0.pdf');
      await writeQuarterlyReport(db, { quarter: '2025Q3', out, variant: 'hr', lang: 'zh', figures: 'live' });
      const l = lines(out);
      expect(l.find((x) => x.includes(' E1 '))).toMatch(/ E1 甲 华东 T1 \d+ 80\.25 B \S+ 0\.0 93\.9 2$/);
      expect(l.join(' ')).toContain('安装质量未计入总分（权重为 0）');
    } finally {
      await db.close();
    }
  });

  it('weight 0 and no project: no installer columns', async () => {
    const db = await scoredQuarterWarehouse();
    try {
      const out = path.join(tmp, 'none.pdf');
      await writeQuarterlyReport(db, { quarter: '2025Q3', out, variant: 'hr', lang: 'en', figures: 'live' });
      const l = lines(out);
      expect(l.find((x) => x.includes(' E1 '))).toMatch(/ E1 甲 华东 T1 \d+ 80\.25 B \S+$/);
      expect(l.join(' ')).not.toContain('Mean project score');
    } finally {
      await db.close();
    }
  });
});
