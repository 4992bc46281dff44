// The Weibull probability plot of reliability_fits: per model, each first failure at its days in service (log
// axis) and its median rank with the suspensions counted, on the Weibull scale y = ln(−ln(1 − F)), where a
// Weibull distribution is a straight line; the model's fit drawn as that line, y = β (ln t − ln η), over the days
// its points span. The vertical axis is labelled with the share failed (F), never with y.
import type { EChartsOption } from 'echarts';
import type { ReliabilityFits } from '../../warehouse/queries/reliability-fits.ts';
import { formatValue } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';
import { baseOption, noDataOption, palette, type ChartContext } from './chart-theme.ts';

/** y on the Weibull scale for a share failed F (0 < F < 1), and back. */
export const weibullY = (f: number): number => Math.log(-Math.log(1 - f));
export const shareOfY = (y: number): number => 1 - Math.exp(-Math.exp(y));

/** The share failed as the axis and tooltip say it: one decimal under 10 %, else whole percentages with one decimal. */
const share = (f: number, ctx: ChartContext) => formatValue(f, 'percent', ctx.lang);

export function weibullPlotOption(
  d: Pick<ReliabilityFits, 'plots' | 'rows'>,
  ctx: ChartContext,
  opts: { title: string; model?: string | null },
): EChartsOption {
  const plots = d.plots.filter((p) => p.points.length > 0 && (opts.model === undefined || p.product_model === opts.model));
  if (plots.length === 0) return noDataOption(opts.title, ctx) as EChartsOption;
  const name = (m: string | null) => m ?? t(ctx.lang, 'unspecified');
  const days = (v: number) => `${formatValue(v, 'count', ctx.lang)} ${ctx.lang === 'zh' ? '天' : 'd'}`;
  const series = plots.flatMap((p, i) => {
    const colour = palette[i % palette.length];
    const points = {
      type: 'scatter' as const,
      name: `${name(p.product_model)} · ${t(ctx.lang, 'rel_observed')}`,
      symbolSize: 7,
      itemStyle: { color: colour },
      data: p.points.map((x) => ({ value: [x.time, weibullY(x.probability)], share: x.probability })),
      tooltip: ctx.static
        ? undefined
        : {
            formatter: (q: unknown) => {
              const v = (q as { data: { value: [number, number]; share: number } }).data;
              return `${name(p.product_model)}<br>${days(v.value[0])} · ${share(v.share, ctx)}`;
            },
          },
    };
    const fit = d.rows.find((r) => r.scope === 'model' && r.product_model === p.product_model)?.fit;
    if (!fit) return [points];
    const times = p.points.map((x) => x.time);
    const [lo, hi] = [Math.min(...times), Math.max(...times, fit.b10)];
    const line = {
      type: 'line' as const,
      name: `${name(p.product_model)} · ${t(ctx.lang, 'rel_fitLine')}`,
      showSymbol: false,
      silent: true,
      lineStyle: { color: colour, width: 1.5 },
      data: [lo, hi].map((x) => [x, fit.shape * (Math.log(x) - Math.log(fit.scale))]),
      tooltip: { show: false },
    };
    return [points, line];
  });
  const ys = series.flatMap((s) => s.data.map((v) => (Array.isArray(v) ? v[1] : v.value[1])));
  const yMin = Math.floor(Math.min(...ys, weibullY(0.01)));
  const yMax = Math.ceil(Math.max(...ys, weibullY(0.5)));
  return {
    ...baseOption(ctx),
    title: { text: opts.title, left: 'left', textStyle: { fontSize: 14 } },
    tooltip: ctx.static ? undefined : { trigger: 'item' },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 56, right: 24, top: 48, bottom: 56, containLabel: true },
    xAxis: {
      type: 'log',
      name: t(ctx.lang, 'rel_daysInService'),
      nameLocation: 'middle',
      nameGap: 28,
      axisLabel: { formatter: (v: number) => formatValue(v, 'count', ctx.lang) },
    },
    yAxis: {
      type: 'value',
      name: t(ctx.lang, 'rel_unreliability'),
      nameLocation: 'middle',
      nameGap: 44,
      min: yMin,
      max: yMax,
      interval: 1,
      axisLabel: { formatter: (y: number) => share(shareOfY(y), ctx) },
    },
    series,
  } as EChartsOption;
}
