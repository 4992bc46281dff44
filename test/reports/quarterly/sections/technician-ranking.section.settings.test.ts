// The PDF ranking's "insufficient data" note states the configured minimum of counted tickets, in both languages.
import { describe, expect, it } from 'vitest';
import { defaultTextSettings, metricCatalog } from '../../../../contract/metrics/catalog.ts';
import { parseQuarterKey } from '../../../../contract/period/quarters.ts';
import type { ReportContext } from '../../../../presentation/reports/report-context.ts';
import { technicianRankingSection } from '../../../../reports/quarterly/sections/technician-ranking.section.ts';
import type { TechnicianScore } from '../../../../warehouse/queries/technician-scores.ts';

const ctx = (lang: 'zh' | 'en', minTickets?: number): ReportContext => ({
  lang,
  quarter: parseQuarterKey('2025Q3'),
  variant: 'hr',
  companyName: 'Test',
  asOf: new Date('2025-10-01T00:00:00Z'),
  timeZone: 'Asia/Shanghai',
  catalog: metricCatalog,
  textSettings: minTickets === undefined ? undefined : { ...defaultTextSettings, minTickets },
});
const few = {
  technician_id: 'E009',
  status: 'insufficient_data',
  total: 70,
  tickets: 3,
  previous_total: null,
} as unknown as TechnicianScore;
const note = (c: ReportContext) => JSON.stringify(technicianRankingSection(c, [few]));

describe('technician ranking section', () => {
  it('says the configured minimum of counted tickets', () => {
    expect(note(ctx('zh', 12))).toContain('数据不足（计数工单少于 12 张，不排名）: E009');
    expect(note(ctx('en', 12))).toContain('Insufficient data (fewer than 12 counted tickets, not ranked): E009');
    expect(note(ctx('en'))).toContain('fewer than 20 counted tickets');
  });
});
