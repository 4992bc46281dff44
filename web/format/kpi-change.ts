// A figure's change against an earlier one: rates in percentage points, everything else in per cent of the
// earlier value; judged better or worse when the metric has a good direction. The dashboard tiles and the
// report's executive summary word it the same way.
import type { MetricFormat } from '../../warehouse/metrics/catalog.ts';
import type { Lang } from './format-value.ts';

export interface KpiChange {
  delta: number;
  unit: 'points' | 'percent';
  judgement: 'better' | 'worse' | '';
}

export function kpiChange(value: number | null, earlier: number | null, format: MetricFormat, higherIsBetter: boolean | null): KpiChange | null {
  if (value === null || earlier === null || earlier === 0) return null;
  const points = format === 'percent';
  const delta = points ? (value - earlier) * 100 : ((value - earlier) / Math.abs(earlier)) * 100;
  const judgement = delta === 0 || higherIsBetter === null ? '' : delta > 0 === higherIsBetter ? 'better' : 'worse';
  return { delta, unit: points ? 'points' : 'percent', judgement };
}

/** ▲ 5.7个百分点 / ▼ 12.0% / ± 0.0% */
export function formatChange(c: KpiChange | null, lang: Lang): string {
  if (!c) return '—';
  const unit = c.unit === 'points' ? (lang === 'zh' ? '个百分点' : ' pts') : '%';
  if (c.delta === 0) return `± 0.0${unit}`;
  return `${c.delta > 0 ? '▲' : '▼'} ${Math.abs(c.delta).toFixed(1)}${unit}`;
}
