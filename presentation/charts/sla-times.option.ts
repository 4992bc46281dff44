// response_time / arrival_time / resolution_time by severity -> the median and p90 hours of each level as bars,
// with the level's configured SLA target drawn across them as a goal mark labelled with its hours (a target
// differs by level, so each level has its own mark). Unclassified tickets are held to level 3's target
// (metrics.md). Shared by the dashboard and the PDF.
import type { EChartsOption } from 'echarts';
import type { MetricDefinition } from '../../contract/metrics/catalog.ts';
import type { MetricSeries } from '../../warehouse/queries/metric-series.ts';
import { formatAxisValue, formatValue } from '../format/format-value.ts';
import { dimensionLabel } from '../i18n/dimension-labels.ts';
import { t } from '../i18n/messages.ts';
import { baseOption, categoryAxisLabel, hasValues, noDataOption, palette, valueTooltip, type ChartContext } from './chart-theme.ts';

export type SlaTargetKind = 'response' | 'arrival' | 'resolution';
export type SlaTargets = NonNullable<MetricSeries['sla_targets']>;

const levels = ['1', '2', '3', '4', ''];

/** The hours a level is held to: unclassified tickets as level 3. */
export const slaTargetHours = (targets: SlaTargets, kind: SlaTargetKind, severity: string): number | null =>
  targets[severity || '3']?.[kind] ?? null;

export function slaTimesOption(
  s: Pick<MetricSeries, 'rows' | 'sla_targets'>,
  def: MetricDefinition,
  kind: SlaTargetKind,
  ctx: ChartContext,
): EChartsOption {
  const title = def.label[ctx.lang];
  if (!hasValues(s.rows.map((r) => r.median ?? null))) return noDataOption(title, ctx) as EChartsOption;
  const shown = levels.filter((l) => l !== '' || s.rows.some((r) => (r.severity ?? '') === ''));
  const row = (l: string) => s.rows.find((r) => String(r.severity ?? '') === l);
  const labels = shown.map((l) => dimensionLabel('severity', l, ctx.lang));
  const hours = (v: number) => formatValue(v, 'hours', ctx.lang);
  const targets = s.sla_targets;
  return {
    ...baseOption(ctx),
    title: { text: title, left: 'left', textStyle: { fontSize: 14 } },
    legend: { top: 26, left: 0 },
    grid: { left: 56, right: 24, top: 80, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: labels, axisLabel: categoryAxisLabel(labels) },
    yAxis: {
      type: 'value',
      name: ctx.lang === 'zh' ? '小时' : 'hours',
      axisLabel: { formatter: (v: number) => formatAxisValue(v, 'hours', ctx.lang) },
    },
    series: [
      { name: t(ctx.lang, 'median'), type: 'bar', tooltip: valueTooltip('hours', ctx), data: shown.map((l) => row(l)?.median ?? null) },
      {
        name: 'P90',
        type: 'bar',
        tooltip: valueTooltip('hours', ctx),
        data: shown.map((l) => row(l)?.p90 ?? null),
        itemStyle: { color: palette[5] },
      },
      ...(targets
        ? [
            {
              // The goal: a short red bar across each level at its target, its hours written beside it.
              name: t(ctx.lang, 'slaTargetLine'),
              type: 'scatter' as const,
              symbol: 'rect',
              symbolSize: [36, 3],
              z: 5,
              itemStyle: { color: palette[3] },
              tooltip: valueTooltip('hours', ctx),
              label: {
                show: true,
                position: 'top' as const,
                color: palette[3],
                formatter: (p: { value: unknown }) => hours(p.value as number),
              },
              data: shown.map((l) => slaTargetHours(targets, kind, l)),
            },
          ]
        : []),
    ],
  } as EChartsOption;
}
