// The Scorecards page's installer part (issue 19) in a real browser, on the hand-scored quarter (2025-Q3; see
// test/warehouse/queries/technician-scores.test.ts) with two accepted projects and installationScore.scorecardWeight
// 20: P1 (E1 and E2) 27 + 44 + 8 = 79, unrated: 79 × 100 ÷ 90 = 87.78; P2 (E1) 30 + 50 + 10 = 90 → 100.
// E1: mean (87.78 + 100) ÷ 2 = 93.89 → 20 × 93.89 ÷ 100 = 18.78 points, total 80.25 × 0.8 + 18.78 = 82.98;
// E2: 87.78 → 17.56 points, total 80 × 0.8 + 17.56 = 81.56; E3 installed nothing.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../../../../warehouse/db/open-warehouse.ts';
import { defaultConfig } from '../../../../../warehouse/config/config.ts';
import { openPageSession, type PageSession } from '../../../../helpers/browser.ts';
import { axeViolationIds } from '../../../../helpers/accessibility.ts';
import { scoredQuarterWarehouse } from '../../../../helpers/scored-quarter.ts';

describe("scorecards page: the installer's part", () => {
  let db: Warehouse;
  let session: PageSession;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    db = await scoredQuarterWarehouse({
      installations: `installation_id,accepted_at,technician_ids,hardware_score,software_score,documents_score
P1,2025-08-01,E1;E2,27,44,8
P2,2025-08-02,E1,30,50,10
`,
      settings: { installationScore: { ...defaultConfig.installationScore, scorecardWeight: 20 } },
    });
    ({ page, base } = session = await openPageSession(db, { viewport: { width: 1440, height: 1600 } }));
  });
  afterAll(async () => {
    await session?.close();
    await db?.close();
  });

  const cells = (id: string) => page.locator(`#ranking tr[data-technician="${id}"] td`).allInnerTexts();

  it('shows the part’s points, the mean project score and the projects; the rule states the configured weight', async () => {
    await page.goto(`${base}/scorecards?quarter=2025Q3`);
    await page.locator('#ranking tr[data-technician="E1"]').waitFor();
    expect(await page.locator('#ranking thead th').last().innerText()).toBe('安装质量');
    const e1 = await cells('E1');
    expect(e1[5]).toBe('82.98');
    expect(
      e1
        .at(-1)!
        .split('\n')
        .map((x) => x.trim()),
    ).toEqual(['18.8', '项目均分 93.9', '项目数 2']);
    const e2 = await cells('E2');
    expect(e2[5]).toBe('81.56');
    expect(
      e2
        .at(-1)!
        .split('\n')
        .map((x) => x.trim()),
    ).toEqual(['17.6', '项目均分 87.8', '项目数 1']);
    expect((await cells('E3')).at(-1)).toBe('—');
    expect(await page.locator('#installer-note').innerText()).toContain('安装质量占 20 分');
  });

  it('opens the projects behind it, in the reader’s words, axe clean', async () => {
    await page.goto(`${base}/scorecards?quarter=2025Q3&lang=en`);
    await page.locator('#ranking tr[data-technician="E1"] button.installer-open').click();
    const drawer = page.locator('scorecards-page drill-drawer');
    await expect
      .poll(() =>
        drawer
          .locator('h2')
          .innerText()
          .catch(() => ''),
      )
      .toBe('E1 · Q3 2025 · Installation · 2 installation projects');
    // Latest accepted first: P2 (30 + 50 + 10, unrated: 100, A), then P1 (87.8, B).
    const rows = await drawer.locator('tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split('\t').map((x) => x.trim()))).toEqual([
      ['P2', '2025-08-02', '', 'T1', 'E1', '30.0', '50.0', '10.0', '', '100.0', 'A'],
      ['P1', '2025-08-01', '', 'T1', 'E1;E2', '27.0', '44.0', '8.0', '', '87.8', 'B'],
    ]);
    // The page behind the drawer stays on the ranking: the row's own click (the technician's page) was not taken.
    expect(new URL(page.url()).searchParams.get('technician')).toBeNull();
    expect(await axeViolationIds(page, { seriousOnly: true })).toEqual([]);
  });
});
