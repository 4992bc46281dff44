// The keyboard's list of a chart's elements: each bar or point that opens something, in words, with the same
// data a click hands over.
import { describe, expect, it } from 'vitest';
import { chartKeys } from '../../../presentation/charts/chart-keys.ts';
import { faultParetoOption } from '../../../presentation/charts/fault-pareto.option.ts';
import { metricTrendOption } from '../../../presentation/charts/metric-trend.option.ts';
import { slaBySeverityOption } from '../../../presentation/charts/overview-charts.option.ts';
import { repeatHeatmapOption } from '../../../presentation/charts/repeat-heatmap.option.ts';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import type { MetricRow } from '../../../warehouse/queries/metric-series.ts';

describe('chart keys', () => {
  it('SLA bars by severity and target: level, target and the percentage; a missing bar has no key', () => {
    const rows = [
      { period: 'all', severity: '1', sla_target: 'response', value: 0.9 },
      { period: 'all', severity: '1', sla_target: 'resolution', value: 0.75 },
      { period: 'all', severity: '2', sla_target: 'response', value: 1 },
    ] as MetricRow[];
    const keys = chartKeys(
      slaBySeverityOption(
        { metric: 'sla_compliance', grain: 'all', by: ['severity', 'sla_target'], from: null, to: null, rows },
        { lang: 'en' },
      ),
    );
    expect(keys.map((k) => k.label)).toEqual(['Level 1 · Resolution: 75.0%', 'Level 1 · Response: 90.0%', 'Level 2 · Response: 100.0%']);
    expect((keys[0].data as { keys: Record<string, string> }).keys).toEqual({ severity: '1', sla_target: 'resolution' });
  });

  it('a trend: each month with its period; the Pareto: its bars, not the cumulative line', () => {
    const trend = chartKeys(
      metricTrendOption({ by: [], rows: [{ period: '2025-07', value: 0.615 } as MetricRow] }, metricCatalog.resolution_rate, {
        lang: 'zh',
      }),
    );
    expect(trend.map((k) => [k.label, k.dataIndex])).toEqual([['2025年7月: 61.5%', 0]]);
    const pareto = chartKeys(
      faultParetoOption(
        [{ period: 'all', fault_code: 'F1', numerator: 1200, cumulative_share: 0.5, value: 1200 } as unknown as MetricRow],
        { lang: 'en' },
        { title: 'x' },
      ),
    );
    expect(pareto.map((k) => k.label)).toEqual(['F1: 1,200']);
  });

  it('a heatmap cell: model · fault and the rate as the colour scale says it', () => {
    const rows = [
      { period: 'all', product_model: 'M1', fault_code: 'F2', numerator: 3, denominator: 12, value: 0.25 },
    ] as unknown as MetricRow[];
    const o = repeatHeatmapOption(rows, { lang: 'en' }, { title: 'Repeat rate' }) as unknown as {
      visualMap: { formatter: (v: number) => string };
    };
    // The colour scale's numbers: 0.125 reads 12.5%.
    expect(o.visualMap.formatter(0.125)).toBe('12.5%');
    expect(chartKeys(o as never).map((k) => k.label)).toEqual(['M1 · F2: 25.0%']);
  });
});
