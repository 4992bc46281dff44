// The MIS ("Nevada") chart: claims per 1,000 units at risk by month in service, one line per production month
// or batch (the cohorts of GET /api/metrics/claims_per_thousand), so a cohort that fails early stands above the
// others at the left. Shared by the dashboard and the PDF. A month in service without units at risk is a gap.
import type { EChartsOption } from 'echarts';
import type { MisCell, MisCohort } from '../../warehouse/queries/claims-per-thousand.ts';
import { formatAxisValue, formatPeriod } from '../format/format-value.ts';
import { t } from '../i18n/messages.ts';
import { baseOption, noDataOption, valueTooltip, type ChartContext } from './chart-theme.ts';

/** A cohort as a reader says it: a production month in words ('2024年3月', '2024-03'), a batch as it is. */
export const cohortLabel = (cohort: string | null, by: MisCohort, lang: 'zh' | 'en'): string =>
  cohort === null ? t(lang, 'misUnspecified') : by === 'production_month' ? formatPeriod(cohort, lang) : cohort;

/** The cohorts drawn: the `maxLines` with the most unit-months at risk, in cohort order. */
export function chartedCohorts(rows: readonly MisCell[], maxLines: number): (string | null)[] {
  const exposure = new Map<string | null, number>();
  for (const r of rows) exposure.set(r.cohort, (exposure.get(r.cohort) ?? 0) + r.units_at_risk);
  const top = new Set(
    [...exposure]
      .sort((a, b) => b[1] - a[1])
      .slice(0, maxLines)
      .map(([c]) => c),
  );
  return [...exposure.keys()].filter((c) => top.has(c));
}

export function misLinesOption(
  rows: readonly MisCell[],
  spec: { title: string; by: MisCohort; months: number; maxLines?: number },
  ctx: ChartContext,
): EChartsOption {
  if (rows.length === 0) return noDataOption(spec.title, ctx) as EChartsOption;
  const cohorts = chartedCohorts(rows, spec.maxLines ?? 12);
  const months = Array.from({ length: spec.months }, (_, i) => i + 1);
  const cell = new Map(rows.map((r) => [`${r.cohort}|${r.months_in_service}`, r]));
  return {
    ...baseOption(ctx),
    title: { text: spec.title, left: 'left', textStyle: { fontSize: 14 } },
    legend: { type: 'scroll', top: 24, left: 0, right: 0 },
    grid: { left: 56, right: 24, top: 64, bottom: 48, containLabel: true },
    xAxis: {
      type: 'category',
      data: months.map(String),
      name: t(ctx.lang, 'misMonths'),
      nameLocation: 'middle',
      nameGap: 28,
    },
    yAxis: {
      type: 'value',
      name: t(ctx.lang, 'misPerThousand'),
      nameLocation: 'middle',
      nameGap: 48,
      axisLabel: { formatter: (v: number) => formatAxisValue(v, 'per1000', ctx.lang) },
    },
    series: cohorts.map((c) => ({
      name: cohortLabel(c, spec.by, ctx.lang),
      type: 'line',
      connectNulls: false,
      symbolSize: 5,
      tooltip: valueTooltip('per1000', ctx),
      data: months.map((m) => cell.get(`${c}|${m}`)?.claims_per_thousand ?? null),
    })),
  };
}
