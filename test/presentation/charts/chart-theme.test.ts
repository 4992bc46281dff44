// Every chart labels each category (never ECharts' every-other label), slants them when they would crowd at
// 390 px, and says "no data" in the page's language instead of drawing an empty frame.
import { describe, expect, it } from 'vitest';
import { categoryAxisLabel } from '../../../presentation/charts/chart-theme.ts';
import { barByDimensionOption } from '../../../presentation/charts/bar-by-dimension.option.ts';
import { faultParetoOption } from '../../../presentation/charts/fault-pareto.option.ts';
import { metricTrendOption } from '../../../presentation/charts/metric-trend.option.ts';
import {
  complaintsOption,
  costOption,
  satisfactionOption,
  slaBySeverityOption,
} from '../../../presentation/charts/overview-charts.option.ts';
import { repeatHeatmapOption } from '../../../presentation/charts/repeat-heatmap.option.ts';
import { unitTimelineOption } from '../../../presentation/charts/unit-timeline.option.ts';
import { volumeOption } from '../../../presentation/charts/volume.option.ts';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import type { MetricRow, MetricSeries } from '../../../warehouse/queries/metric-series.ts';

const empty = (metric: MetricSeries['metric']): MetricSeries => ({ metric, grain: 'all', by: [], from: null, to: null, rows: [] });
const noData = (o: unknown) => {
  const title = (o as { title: { text: string }[] | { text: string } }).title;
  return Array.isArray(title) ? title[1]?.text : undefined;
};

describe('category axis labels', () => {
  it('five short labels stay level; every one shown (interval 0)', () => {
    expect(categoryAxisLabel(['1', '2', '3', '4', '5'])).toMatchObject({ interval: 0, rotate: 0 });
  });

  it("nine labels, or labels too wide for their share of a phone's plot (230 px), slant", () => {
    expect(categoryAxisLabel(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']).rotate).toBe(45);
    // Four severities fit level (57.5 px each, "Level 1" about 46 px); with "Unspecified" (about 72 px) in 46 px they would overlap.
    expect(categoryAxisLabel(['Level 1', 'Level 2', 'Level 3', 'Level 4']).rotate).toBe(0);
    expect(categoryAxisLabel(['Level 1', 'Level 2', 'Level 3', 'Level 4', 'Unspecified']).rotate).toBe(45);
    // Three Chinese categories of four characters (about 52 px in 77 px) stay level; five (46 px each) slant.
    expect(categoryAxisLabel(['服务态度', '索要财物', '维修质量']).rotate).toBe(0);
    expect(categoryAxisLabel(['服务态度', '索要财物', '维修质量', '产品质量', '重复维修']).rotate).toBe(45);
  });

  it('a very long name is cut at the label width, its full text in the axis tooltip', () => {
    expect(categoryAxisLabel(['x'], { width: 96 })).toMatchObject({ width: 96, overflow: 'truncate' });
  });

  it('the complaints chart labels every category in words, with interval 0', () => {
    const s: MetricSeries = {
      ...empty('complaints'),
      by: ['category', 'verified'],
      rows: ['attitude', 'late', 'product'].map((category) => ({ period: 'all', category, verified: 'yes', value: 1 }) as MetricRow),
    };
    const o = complaintsOption(s, { lang: 'zh' }) as unknown as { xAxis: { data: string[]; axisLabel: { interval: number } } };
    expect(o.xAxis.data).toEqual(['服务态度', '未按时到达', '产品质量']);
    expect(o.xAxis.axisLabel.interval).toBe(0);
  });
});

describe('no data', () => {
  const zh = { lang: 'zh' as const };
  it('every option builder draws the message instead of an empty frame', () => {
    const options = [
      metricTrendOption(empty('resolution_rate'), metricCatalog.resolution_rate, zh),
      volumeOption(empty('opened'), metricCatalog.opened, zh),
      slaBySeverityOption(empty('sla_compliance'), zh),
      satisfactionOption(empty('satisfaction_distribution'), zh),
      complaintsOption(empty('complaints'), zh),
      costOption(empty('cost'), zh),
      faultParetoOption([], zh, { title: 'x' }),
      repeatHeatmapOption([], zh, { title: 'x' }),
      unitTimelineOption({ tickets: [] } as never, zh, { title: 'x' }),
      barByDimensionOption([], { title: 'x', category: 'bucket', format: 'count' }, zh),
    ];
    for (const o of options) {
      expect(noData(o)).toBe('所选范围内没有数据');
      expect((o as { series: unknown[] }).series).toEqual([]);
    }
  });

  it('a period with only gaps (no value anywhere) is no data too, in English', () => {
    const o = metricTrendOption({ by: [], rows: [{ period: '2025-07', value: null } as MetricRow] }, metricCatalog.resolution_rate, {
      lang: 'en',
    });
    expect(noData(o)).toBe('No data in the selected range');
  });

  it('zero is data: a month of zero tickets is drawn', () => {
    const o = volumeOption({ by: [], rows: [{ period: '2025-07', value: 0 } as MetricRow] }, metricCatalog.opened, { lang: 'en' });
    expect(noData(o)).toBeUndefined();
  });
});
