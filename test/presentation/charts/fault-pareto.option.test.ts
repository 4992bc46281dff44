// The Pareto's 80 % mark: its label sits at the right end, clear of the first (tallest) bar; the chart draws the
// number of faults asked for.
import { describe, expect, it } from 'vitest';
import { faultParetoOption } from '../../../presentation/charts/fault-pareto.option.ts';
import { renderChartSvg } from '../../../reports/render/echarts-svg.ts';
import type { MetricRow } from '../../../warehouse/queries/metric-series.ts';

// A 50, B 20, C 12, D 10, E 8 of 100: cumulative 50 %, 70 %, 82 %, 92 %, 100 %; C crosses 80 %.
const rows = [
  ['A', 50, 0.5],
  ['B', 20, 0.7],
  ['C', 12, 0.82],
  ['D', 10, 0.92],
  ['E', 8, 1],
].map(
  ([fault_code, numerator, cumulative_share], i) =>
    ({ period: '2025-Q3', fault_code, numerator, cumulative_share, vital: i < 3 }) as unknown as MetricRow,
);

describe('fault Pareto chart', () => {
  it("puts the 80 % mark's label right of the first bar", () => {
    const svg = renderChartSvg(faultParetoOption(rows, { lang: 'en', static: true }, { title: 'Fault Pareto' }), {
      width: 640,
      height: 260,
    });
    // The first bar: a rectangle path "M<x> <y>l<width> 0…" of series 0, data 0.
    const bar = svg.match(/<path d="M([\d.]+) [\d.]+l([\d.]+) 0[^"]*"[^>]*ecmeta_series_index="0" ecmeta_data_index="0"/);
    expect(bar).not.toBeNull();
    const barRight = Number(bar![1]) + Number(bar![2]);
    // Every "80%" drawn (the mark's label and the right axis's): at 12 px under 30 px wide, from where it is anchored.
    const labels = [
      ...svg.matchAll(/<text[^>]*text-anchor="(start|middle|end)"[^>]*transform="translate\(([\d.]+) [\d.]+\)"[^>]*>80%<\/text>/g),
    ];
    expect(labels).toHaveLength(2);
    for (const [, anchor, x] of labels) {
      const left = Number(x) - (anchor === 'end' ? 30 : anchor === 'middle' ? 15 : 0);
      expect(left, anchor).toBeGreaterThan(barRight);
    }
  });

  it('draws as many bars as asked', () => {
    const o = faultParetoOption(rows, { lang: 'en', static: true }, { title: 'x', top: 3 }) as { xAxis: { data: string[] } };
    expect(o.xAxis.data).toEqual(['A', 'B', 'C']);
  });
});
