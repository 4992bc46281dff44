// The one look of every chart, in the browser and in the PDF. The PDF passes its embedded font's family name
// so chart text is drawn with the same CJK font as the document text.
export const palette = ['#2f6fde', '#f29d38', '#3aa676', '#d64545', '#8a63d2', '#1aa6b7', '#c9a227', '#7a7a7a'];

import type { MetricFormat } from '../../contract/metrics/catalog.ts';
import { formatValue } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';

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

/** A label's width in half-ems: a Chinese character is about two Latin ones. */
const labelWidth = (s: string) => [...s].reduce((w, c) => w + (c.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);

/**
 * A category axis' labels: every category labelled (interval 0; ECharts would drop every other one when they
 * crowd), slanted when there are many or when the longest would not fit level in its share of the narrowest
 * plot (about 230 px on a 390 px phone), so they never overlap, and a very long name cut at `width` px with the
 * full name in the axis tooltip.
 */
export function categoryAxisLabel(labels: readonly string[], opts: { slantOver?: number; width?: number } = {}) {
  const widest = Math.max(0, ...labels.map(labelWidth)) * 6.5;
  const slant = labels.length > (opts.slantOver ?? 8) || widest > narrowPlot / Math.max(1, labels.length) - 8;
  return { interval: 0, rotate: slant ? 45 : 0, width: opts.width ?? 120, overflow: 'truncate' as const };
}

/** The plot's width of a chart on a 390 px phone, in px. */
const narrowPlot = 230;

/** True when at least one value is a number: a chart of nothing but gaps has no data either. */
export const hasValues = (values: readonly unknown[]) => values.some((v) => typeof v === 'number' && !Number.isNaN(v));

/**
 * A chart with nothing to draw: its title and the localized "no data" message in the middle, no axes, so an
 * empty frame is never read as zeros. The dashboard and the PDF both show it.
 */
export function noDataOption(title: string, ctx: ChartContext) {
  return {
    ...baseOption(ctx),
    tooltip: undefined,
    title: [
      { text: title, left: 'left', textStyle: { fontSize: 14 } },
      {
        text: t(ctx.lang, 'noData'),
        left: 'center',
        top: 'middle',
        textStyle: { fontSize: 14, fontWeight: 'normal' as const, color: '#667085' },
      },
    ],
    series: [],
  };
}
