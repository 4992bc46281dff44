// The Weibull probability plot: points on the Weibull scale y = ln(−ln(1 − F)), the fit as the straight line
// y = β(ln t − ln η), the axis labelled with shares failed, words from the catalog, and no frame without points.
import { describe, expect, it } from 'vitest';
import { shareOfY, weibullPlotOption, weibullY } from '../../../presentation/charts/weibull-plot.option.ts';
import type { ReliabilityFits } from '../../../warehouse/queries/reliability-fits.ts';

type Opt = {
  xAxis: { type: string; name: string; axisLabel: { formatter: (v: number) => string } };
  yAxis: { min: number; max: number; interval: number; name: string; axisLabel: { formatter: (v: number) => string } };
  series: { type: string; name: string; data: ({ value: number[] } | number[])[] }[];
  title: { text: string } | { text: string }[];
};

const fits: Pick<ReliabilityFits, 'plots' | 'rows'> = {
  plots: [
    {
      product_model: 'P-100',
      points: [
        { time: 100, probability: 0.1 },
        { time: 400, probability: 0.5 },
      ],
    },
    { product_model: 'A-7', points: [{ time: 30, probability: 0.2 }] },
  ],
  rows: [
    {
      scope: 'model',
      product_model: 'P-100',
      production_batch: null,
      units: 20,
      failures: 2,
      suspensions: 18,
      fit: { shape: 2, scale: 1000, b10: 324.6, log_likelihood: -20, bounds: null },
    },
    { scope: 'model', product_model: 'A-7', production_batch: null, units: 3, failures: 1, suspensions: 2, fit: null },
  ],
};

describe('weibullPlotOption', () => {
  it('puts y = ln(−ln(1 − F)) and reads it back', () => {
    // F = 1 − e^(−1) = 63.2 %: y = 0; F = 10 %: y = ln(0.1053605) = −2.2504
    expect(weibullY(1 - Math.exp(-1))).toBeCloseTo(0, 12);
    expect(weibullY(0.1)).toBeCloseTo(-2.250367, 6);
    expect(shareOfY(weibullY(0.37))).toBeCloseTo(0.37, 12);
  });

  it('draws each model’s points and, where it has a fit, the fit’s straight line', () => {
    const o = weibullPlotOption(fits, { lang: 'en' }, { title: 'Weibull probability plot' }) as unknown as Opt;
    expect(o.series.map((s) => [s.type, s.name])).toEqual([
      ['scatter', 'P-100 · mean ranks'],
      ['line', 'P-100 · fit'],
      ['scatter', 'A-7 · mean ranks'],
    ]);
    const p = o.series[0].data as { value: number[] }[];
    expect(p[0].value[0]).toBe(100);
    expect(p[0].value[1]).toBeCloseTo(-2.250367, 6);
    // The line from the first failure (100 d) to the later of the last failure and B10 (400 d):
    // y = 2 (ln 100 − ln 1000) = −4.60517, y = 2 (ln 400 − ln 1000) = −1.83258.
    const line = o.series[1].data as number[][];
    expect(line.map((x) => x[0])).toEqual([100, 400]);
    expect(line[0][1]).toBeCloseTo(-4.60517, 5);
    expect(line[1][1]).toBeCloseTo(-1.83258, 5);
    expect(o.xAxis.type).toBe('log');
    expect(o.xAxis.name).toBe('Days in service');
    expect(o.xAxis.axisLabel.formatter(1000)).toBe('1,000');
    // Whole steps of y, labelled with the share failed: y = 0 is 63.2 %, y = −2 is 12.7 %.
    expect(o.yAxis.interval).toBe(1);
    expect(o.yAxis.min).toBe(-5);
    expect(o.yAxis.axisLabel.formatter(0)).toBe('63.2%');
    expect(o.yAxis.axisLabel.formatter(-2)).toBe('12.7%');
  });

  it('shows one model when asked, in Chinese, and says so when there is nothing to plot', () => {
    const o = weibullPlotOption(fits, { lang: 'zh' }, { title: 'Weibull 概率图', model: 'A-7' }) as unknown as Opt;
    expect(o.series.map((s) => s.name)).toEqual(['A-7 · 平均秩']);
    expect(o.yAxis.name).toBe('累计故障比例');
    const none = weibullPlotOption({ plots: [], rows: [] }, { lang: 'zh' }, { title: 'Weibull 概率图' }) as unknown as Opt;
    expect((none.title as { text: string }[])[1].text).toBe('所选范围内没有数据');
  });
});
