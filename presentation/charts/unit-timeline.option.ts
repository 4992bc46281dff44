// One unit's history as a chart: each ticket a point at its opening time on its fault's row, repeats in red
// (strict: same fault) or orange (loose), each repeat joined to the ticket it repeats, the warranty shaded.
// Points carry their ticket id for a click.
import type { EChartsOption } from 'echarts';
import { format } from 'echarts/core';
import type { UnitTimeline } from '../../warehouse/queries/unit-timeline.ts';
import { dimensionLabel } from '../i18n/dimension-labels.ts';
import { baseOption, noDataOption, palette, type ChartContext } from './chart-theme.ts';

const colours = { first: palette[0], strict: palette[3], loose: palette[1] } as const;

export function unitTimelineOption(u: UnitTimeline, ctx: ChartContext, opts: { title: string }): EChartsOption {
  if (u.tickets.length === 0) return noDataOption(opts.title, ctx) as EChartsOption;
  const faultOf = (t: UnitTimeline['tickets'][number]) => t.fault_code ?? t.fault_category ?? '—';
  const faults = [...new Set(u.tickets.map(faultOf))].sort();
  const byId = new Map(u.tickets.map((t) => [t.ticket_id, t]));
  const point = (t: UnitTimeline['tickets'][number]) => [t.opened_at, faultOf(t)];
  const words =
    ctx.lang === 'zh'
      ? { warranty: '保修期', ticket: '工单', repeat: '返修' }
      : { warranty: 'Warranty', ticket: 'Ticket', repeat: 'Repeat' };
  const links = u.tickets
    .filter((t) => t.repeats_ticket_id && byId.has(t.repeats_ticket_id))
    .map((t) => ({
      type: 'line' as const,
      name: `${words.repeat} ${t.ticket_id}`,
      data: [point(byId.get(t.repeats_ticket_id!)!), point(t)],
      symbol: 'none',
      silent: true,
      lineStyle: { color: colours[t.repeat_mode ?? 'loose'], type: 'dashed' as const, width: 1.5 },
      tooltip: { show: false },
    }));
  return {
    ...baseOption(ctx),
    title: { text: opts.title, left: 'left', textStyle: { fontSize: 14 } },
    tooltip: ctx.static
      ? undefined
      : {
          trigger: 'item',
          formatter: (p: unknown) => {
            const d = (p as { data?: { keys?: { ticket_id: string }; value: [string, string] } }).data;
            const t = d?.keys ? byId.get(d.keys.ticket_id) : undefined;
            if (!t) return '';
            // The tooltip is HTML and every text in it comes from a loaded file: each is escaped.
            const e = format.encodeHTML;
            const days =
              t.days_since_previous_fix === null
                ? ''
                : `${t.days_since_previous_fix.toLocaleString(ctx.lang === 'zh' ? 'zh-CN' : 'en-US')} ${ctx.lang === 'zh' ? '天' : 'd'}, `;
            const repeat = t.repeats_ticket_id
              ? `<br>${words.repeat} ← ${e(t.repeats_ticket_id)} (${days}${dimensionLabel('repeat_mode', t.repeat_mode, ctx.lang)})`
              : '';
            return `${words.ticket} ${e(t.ticket_id)} · ${e(faultOf(t))}<br>${e(t.opened_at)}${t.resolved_at ? ` → ${e(t.resolved_at)}` : ''}${t.resolution ? `<br>${e(t.resolution)}` : ''}${repeat}`;
          },
        },
    grid: { left: 56, right: 24, top: 40, bottom: 32, containLabel: true },
    xAxis: { type: 'time' },
    yAxis: { type: 'category', data: faults, axisLabel: { interval: 0, width: 110, overflow: 'truncate' } },
    series: [
      {
        type: 'scatter',
        name: words.ticket,
        symbolSize: 12,
        data: u.tickets.map((t) => ({
          value: point(t),
          keys: { ticket_id: t.ticket_id },
          itemStyle: { color: colours[t.repeat_mode ?? 'first'] },
        })),
        markArea:
          u.installed_at && u.warranty_until
            ? {
                silent: true,
                itemStyle: { color: 'rgba(58, 166, 118, 0.08)' },
                label: { show: true, position: 'insideTopLeft', color: '#3aa676' },
                data: [[{ name: words.warranty, xAxis: u.installed_at }, { xAxis: u.warranty_until }]],
              }
            : undefined,
      },
      ...links,
    ],
  };
}
