// Category axes label every category (ECharts would drop every other one when they crowd), slant them when
// there are many, and carry their own title when given: the value axis is never titled with the category's words.
import { describe, expect, it } from 'vitest';
import { barByDimensionOption } from '../../../presentation/charts/bar-by-dimension.option.ts';
import { metricTrendOption } from '../../../presentation/charts/metric-trend.option.ts';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import type { MetricRow } from '../../../warehouse/queries/metric-series.ts';

type Axis = { data: string[]; name?: string; axisLabel: { interval: number; rotate: number } };

describe('category axes', () => {
  it('twelve categories: all labelled, slanted, with the axis title', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ months_in_service: String(i), value: i }));
    const o = barByDimensionOption(
      rows,
      { title: '维修工单数', categoryTitle: '在用月数', category: 'months_in_service', format: 'count' },
      { lang: 'zh' },
    ) as unknown as { xAxis: Axis; title: { text: string } };
    expect(o.xAxis.data).toHaveLength(12);
    expect(o.xAxis.axisLabel).toMatchObject({ interval: 0, rotate: 45 });
    expect(o.xAxis.name).toBe('在用月数');
    expect(o.title.text).toBe('维修工单数');
  });

  it('four categories stay level and untitled when no title is given', () => {
    const o = barByDimensionOption(
      [1, 2, 3, 4].map((s) => ({ score: String(s), value: s })),
      { title: 'x', category: 'score', format: 'count' },
      { lang: 'en' },
    ) as unknown as { xAxis: Axis };
    expect(o.xAxis.axisLabel).toMatchObject({ interval: 0, rotate: 0 });
    expect(o.xAxis.name).toBeUndefined();
  });

  it('a twelve-month trend labels every month', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ period: `2025-${String(i + 1).padStart(2, '0')}`, value: 0.5 }) as MetricRow);
    const o = metricTrendOption({ by: [], rows }, metricCatalog.resolution_rate, { lang: 'zh' }) as unknown as { xAxis: Axis };
    expect(o.xAxis.data[11]).toBe('2025年12月');
    expect(o.xAxis.axisLabel).toMatchObject({ interval: 0, rotate: 45 });
  });
});
