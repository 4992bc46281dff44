// Every value a chart's tooltip shows is formatted as the tables show it ("61.5%", not 0.6149584487534626),
// its axes read short ("¥400万"), and the heatmap's tooltip escapes the model and fault from the data.
import { describe, expect, it } from 'vitest';
import { barByDimensionOption } from '../../../presentation/charts/bar-by-dimension.option.ts';
import { faultParetoOption } from '../../../presentation/charts/fault-pareto.option.ts';
import { metricTrendOption } from '../../../presentation/charts/metric-trend.option.ts';
import { repeatHeatmapOption } from '../../../presentation/charts/repeat-heatmap.option.ts';
import { volumeOption } from '../../../presentation/charts/volume.option.ts';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import type { MetricRow } from '../../../warehouse/queries/metric-series.ts';

type Formatter = (v: unknown) => string;
const tooltipsOf = (o: unknown) =>
  (o as { series: { tooltip?: { valueFormatter?: Formatter } }[] }).series.map((s) => s.tooltip?.valueFormatter);
const axisOf = (o: unknown, i = 0) => {
  const y = (o as { yAxis: unknown }).yAxis;
  return ((Array.isArray(y) ? y[i] : y) as { axisLabel: { formatter: (v: number) => string } }).axisLabel.formatter;
};
const zh = { lang: 'zh' as const };
const en = { lang: 'en' as const };

describe('chart tooltips and axes', () => {
  it('a rate trend: tooltip 61.5 %, axis 80 %', () => {
    const o = metricTrendOption(
      { by: [], rows: [{ period: '2025-07', value: 0.6149584487534626 } as MetricRow] },
      metricCatalog.resolution_rate,
      zh,
    );
    expect(tooltipsOf(o)[0]!(0.6149584487534626)).toBe('61.5%');
    expect(axisOf(o)(0.8)).toBe('80%');
  });

  it('cost bars: tooltip to the fen, axis compact', () => {
    const o = barByDimensionOption(
      [{ cost_type: 'parts', value: 4_000_000 }],
      { title: 'x', category: 'cost_type', format: 'currency' },
      en,
    );
    expect(tooltipsOf(o)[0]!(1234.5)).toBe('¥1,234.50');
    expect(axisOf(o)(4_000_000)).toBe('¥4M');
  });

  it('volume: counts with separators; an empty point is a dash', () => {
    const o = volumeOption({ by: [], rows: [{ period: '2025-07', value: 12345 } as MetricRow] }, metricCatalog.opened, en);
    expect(tooltipsOf(o)[0]!(12345)).toBe('12,345');
    expect(tooltipsOf(o)[0]!(null)).toBe('—');
  });

  it('the Pareto: tickets as counts, the cumulative share as a percentage', () => {
    const rows = [
      {
        period: '2025-Q3',
        fault_code: 'AC08',
        numerator: 1200,
        cumulative_share: 0.07219802887921155,
        vital: true,
      } as unknown as MetricRow,
    ];
    const [bars, line] = tooltipsOf(faultParetoOption(rows, zh, { title: 'x' }));
    expect(bars!(1200)).toBe('1,200');
    expect(line!(0.07219802887921155)).toBe('7.2%');
  });

  it('the PDF (static) charts carry no tooltip', () => {
    expect(tooltipsOf(metricTrendOption({ by: [], rows: [] }, metricCatalog.resolution_rate, { lang: 'zh', static: true }))).toEqual([]);
    const o = barByDimensionOption(
      [{ cost_type: 'parts', value: 1 }],
      { title: 'x', category: 'cost_type', format: 'currency' },
      { lang: 'zh', static: true },
    );
    expect(tooltipsOf(o)).toEqual([undefined]);
  });

  it('the heatmap: its colour scale has numbers at both ends; the tooltip escapes text from the data', () => {
    const rows = [
      {
        period: '2025-Q3',
        product_model: '<b>M1</b>',
        fault_code: 'F&1',
        numerator: 3,
        denominator: 12,
        value: 0.25,
      } as unknown as MetricRow,
    ];
    const o = repeatHeatmapOption(rows, en, { title: 'x' }) as unknown as {
      visualMap: { text: string[] };
      tooltip: { formatter: (p: unknown) => string };
      series: { data: unknown[] }[];
    };
    // Titled at the low end (the chart's title unless a scale title is given), numbered at both.
    expect(o.visualMap.text).toEqual(['25.0%', 'x 0.0%']);
    expect(o.tooltip.formatter({ data: o.series[0].data[0] })).toBe('&lt;b&gt;M1&lt;/b&gt; · F&amp;1<br>25.0% (3/12)');
  });
});
