// The MIS chart's option: one line per cohort (production month in words, batch as it is), a gap where a cohort
// has no units at risk, the cohorts with the most unit-months at risk when there are too many, "no data" when empty.
import { describe, expect, it } from 'vitest';
import { chartedCohorts, cohortLabel, misLinesOption } from '../../../presentation/charts/mis-lines.option.ts';
import type { MisCell } from '../../../warehouse/queries/claims-per-thousand.ts';

const cell = (cohort: string | null, months_in_service: number, units_at_risk: number, claims: number): MisCell => ({
  cohort,
  months_in_service,
  units_at_risk,
  claims,
  claims_per_thousand: (1000 * claims) / units_at_risk,
});

describe('misLinesOption', () => {
  const rows = [cell('2024-01', 1, 3, 2), cell('2024-01', 2, 3, 0), cell('2024-02', 2, 2, 1), cell(null, 1, 1, 0)];

  it('draws a line per cohort over months in service 1 … N, a gap where a cohort has no cell', () => {
    const o = misLinesOption(rows, { title: 'MIS', by: 'production_month', months: 3 }, { lang: 'zh' }) as {
      xAxis: { data: string[] };
      series: { name: string; data: (number | null)[] }[];
    };
    expect(o.xAxis.data).toEqual(['1', '2', '3']);
    expect(o.series.map((s) => s.name)).toEqual(['2024年1月', '2024年2月', '未填写']);
    expect(o.series[0].data).toEqual([(1000 * 2) / 3, 0, null]);
    expect(o.series[1].data).toEqual([null, 500, null]);
  });

  it('keeps the cohorts with the most unit-months at risk, in cohort order', () => {
    // 2024-01: 6 unit-months, 2024-02: 2, unspecified: 1.
    expect(chartedCohorts(rows, 2)).toEqual(['2024-01', '2024-02']);
    expect(cohortLabel('KFR-35GW-2308', 'production_batch', 'en')).toBe('KFR-35GW-2308');
    expect(cohortLabel('2024-03', 'production_month', 'en')).toBe('2024-03');
  });

  it('says no data when there is none', () => {
    const o = misLinesOption([], { title: 'MIS', by: 'production_batch', months: 12 }, { lang: 'en' }) as { series: unknown[] };
    expect(o.series).toEqual([]);
  });
});
