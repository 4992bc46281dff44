// The one look of every chart, in the browser and in the PDF. The PDF passes its embedded font's family name
// so chart text is drawn with the same CJK font as the document text.
export const palette = ['#2f6fde', '#f29d38', '#3aa676', '#d64545', '#8a63d2', '#1aa6b7', '#c9a227', '#7a7a7a'];

import type { MetricFormat } from '../../contract/metrics/catalog.ts';
import { formatValue } from '../format/format-value.ts';

export interface ChartContext {
  lang: 'zh' | 'en';
  fontFamily?: string;
  /** Server-side rendering has no animation and no hover. */
  static?: boolean;
}

export function baseOption(ctx: ChartContext) {
  return {
    color: palette,
    animation: !ctx.static,
    textStyle: { fontFamily: ctx.fontFamily ?? 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif' },
    grid: { left: 56, right: 24, top: 48, bottom: 40, containLabel: true },
    tooltip: ctx.static ? undefined : { trigger: 'axis' as const },
  };
}

/** A series' tooltip: its values formatted as the tables show them (61.5%, ¥1,234.00, 12.3 小时), never raw decimals. */
export const valueTooltip = (format: MetricFormat, ctx: ChartContext) =>
  ctx.static ? undefined : { valueFormatter: (v: unknown) => formatValue(typeof v === 'number' ? v : null, format, ctx.lang) };
