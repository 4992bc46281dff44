// The SLA times chart: each severity's median and p90 against the level's configured target, drawn as a goal
// mark at the target's hours and labelled with them; unclassified tickets are held to level 3's target.
import { describe, expect, it } from 'vitest';
import { slaTimesOption } from '../../../presentation/charts/sla-times.option.ts';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import type { MetricRow } from '../../../warehouse/queries/metric-series.ts';

const targets = {
  '1': { response: 0.5, arrival: 4, resolution: 24 },
  '2': { response: 1, arrival: 8, resolution: 36 },
  '3': { response: 2, arrival: 24, resolution: 48 },
  '4': { response: 24, arrival: 72, resolution: 168 },
};
type Series = { name: string; type: string; data: (number | null)[]; label?: { formatter: (p: { value: unknown }) => string } };
type Opt = {
  xAxis: { data: string[]; axisLabel: { interval: number } };
  yAxis: { name: string };
  series: Series[];
  title: { text: string } | { text: string }[];
};

describe('SLA times against their targets', () => {
  const rows = [
    { period: 'all', severity: '1', median: 0.4, p90: 0.9, value: 0.4 },
    { period: 'all', severity: '3', median: 1.5, p90: 3, value: 1.5 },
    { period: 'all', severity: null, median: 2.5, p90: 2.5, value: 2.5 },
  ] as unknown as MetricRow[];

  it('arrival: the goal marks sit at 4, 8, 24, 72 h and 24 h for the unclassified, labelled in hours', () => {
    const o = slaTimesOption({ rows, sla_targets: targets }, metricCatalog.arrival_time, 'arrival', { lang: 'en' }) as unknown as Opt;
    expect(o.xAxis.data).toEqual(['Level 1', 'Level 2', 'Level 3', 'Level 4', 'Unspecified']);
    expect(o.xAxis.axisLabel.interval).toBe(0);
    const goal = o.series.find((s) => s.name === 'Target')!;
    expect(goal.type).toBe('scatter');
    expect(goal.data).toEqual([4, 8, 24, 72, 24]);
    expect(goal.label!.formatter({ value: 4 })).toBe('4.0 h');
    expect(o.yAxis.name).toBe('hours');
    // Medians where a level has tickets, a gap where it has none.
    expect(o.series[0].data).toEqual([0.4, null, 1.5, null, 2.5]);
  });

  it('response, in Chinese: the half-hour target of level 1 reads 0.5 小时', () => {
    const o = slaTimesOption({ rows: rows.slice(0, 2), sla_targets: targets }, metricCatalog.response_time, 'response', {
      lang: 'zh',
    }) as unknown as Opt;
    const goal = o.series.find((s) => s.name === '目标')!;
    expect(goal.data).toEqual([0.5, 1, 2, 24]);
    expect(goal.label!.formatter({ value: 0.5 })).toBe('0.5 小时');
  });

  it('no tickets with both times: the no-data message, not an empty frame', () => {
    const o = slaTimesOption({ rows: [], sla_targets: targets }, metricCatalog.resolution_time, 'resolution', {
      lang: 'zh',
    }) as unknown as Opt;
    expect((o.title as { text: string }[])[1].text).toBe('所选范围内没有数据');
    expect(o.series).toEqual([]);
  });
});
