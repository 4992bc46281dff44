// A figure's change against an earlier one: rates in percentage points, everything else in per cent of the
// earlier value; judged better or worse when the metric has a good direction. The dashboard tiles and the
// report's executive summary word it the same way.
import type { MetricFormat } from '../../contract/metrics/catalog.ts';
import type { Lang } from './format-value.ts';

export interface KpiChange {
  delta: number;
  unit: 'points' | 'percent';
  judgement: 'better' | 'worse' | '';
}

export function kpiChange(
  value: number | null,
  earlier: number | null,
  format: MetricFormat,
  higherIsBetter: boolean | null,
): KpiChange | null {
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

/** The words a sentence judges with: 改善 / 恶化 / 无可比数据 (the report's words, presentation/i18n/report-words.ts). */
export interface ChangeWords {
  better: string;
  worse: string;
  noEarlier: string;
}

/**
 * A figure and its changes in a sentence, as the report's executive summary and the digests say it:
 * 解决率 94.3%，较上季度下降 5.7 个百分点（恶化），较去年同期上升 2.0 个百分点（改善）。
 * Resolution rate 94.3%: down 5.7 points vs previous quarter (worse); up 2.0 points vs same quarter last year (better).
 */
export function kpiSentence(
  lang: Lang,
  label: string,
  value: string,
  changes: { change: KpiChange | null; against: string }[],
  w: ChangeWords,
): string {
  const moved = (c: KpiChange | null, against: string) => {
    if (!c) return lang === 'zh' ? `${against}${w.noEarlier}` : `${against}: ${w.noEarlier}`;
    const size = `${Math.abs(c.delta).toFixed(1)}${c.unit === 'points' ? (lang === 'zh' ? ' 个百分点' : ' points') : '%'}`;
    const verdict = c.judgement ? (lang === 'zh' ? `（${w[c.judgement]}）` : ` (${w[c.judgement]})`) : '';
    if (lang === 'zh') return `${against}${c.delta === 0 ? '持平' : `${c.delta > 0 ? '上升' : '下降'} ${size}`}${verdict}`;
    return `${c.delta === 0 ? 'unchanged' : `${c.delta > 0 ? 'up' : 'down'} ${size}`} ${against}${verdict}`;
  };
  const parts = changes.map((x) => moved(x.change, x.against));
  return lang === 'zh' ? `${label} ${value}，${parts.join('，')}。` : `${label} ${value}: ${parts.join('; ')}.`;
}
