// Executive summary: the overview's KPIs this quarter, against the previous quarter and the same quarter a year
// before, as a table and in sentences (which way each moved, and whether that is better or worse).
import type { Content } from 'pdfmake/interfaces.js';
import { metricCatalog } from '../../../warehouse/metrics/catalog.ts';
import { formatValue } from '../../../web/format/format-value.ts';
import { formatChange, kpiChange, type KpiChange } from '../../../web/format/kpi-change.ts';
import { dataTable } from '../../render/data-table.ts';
import type { KpiFigures } from '../read-report-data.ts';
import type { ReportContext } from '../report-context.ts';
import { reportWords } from '../report-words.ts';
import { t } from '../../../web/i18n/messages.ts';

export function executiveSummarySection(ctx: ReportContext, kpis: KpiFigures[]): Content {
  const w = reportWords(ctx.lang);
  const judged = (c: KpiChange | null) => (c ? `${formatChange(c, ctx.lang)}${c.judgement ? ` (${w[c.judgement]})` : ''}` : w.noEarlier);
  const rows = kpis.map((k) => {
    const def = metricCatalog[k.metric];
    return [
      def.label[ctx.lang],
      `${formatValue(k.value, def.format, ctx.lang)}${k.asOf ? `\n${t(ctx.lang, 'asOf')} ${k.asOf}` : ''}`,
      judged(kpiChange(k.value, k.previous, def.format, k.higherIsBetter)),
      judged(kpiChange(k.value, k.lastYear, def.format, k.higherIsBetter)),
    ];
  });
  return [
    { text: w.summary, style: 'h1', tocItem: true },
    { text: w.summaryNote, style: 'note' },
    dataTable([w.metric, w.thisQuarter, w.vsPrevious, w.vsLastYear], rows),
    { ul: kpis.map((k) => sentence(ctx, k)), margin: [0, 4, 0, 0] },
  ];
}

/** 解决率 94.3%，较上季度下降 5.7 个百分点（恶化），较去年同期上升 2.0 个百分点（改善）。 */
function sentence(ctx: ReportContext, k: KpiFigures): string {
  const w = reportWords(ctx.lang);
  const def = metricCatalog[k.metric];
  const value = formatValue(k.value, def.format, ctx.lang);
  const moved = (c: KpiChange | null, against: string) => {
    if (!c) return ctx.lang === 'zh' ? `${against}${w.noEarlier}` : `${against}: ${w.noEarlier}`;
    const size = `${Math.abs(c.delta).toFixed(1)}${c.unit === 'points' ? (ctx.lang === 'zh' ? ' 个百分点' : ' points') : '%'}`;
    const verdict = c.judgement ? (ctx.lang === 'zh' ? `（${w[c.judgement]}）` : ` (${w[c.judgement]})`) : '';
    if (ctx.lang === 'zh') return `${against}${c.delta === 0 ? '持平' : `${c.delta > 0 ? '上升' : '下降'} ${size}`}${verdict}`;
    return `${c.delta === 0 ? 'unchanged' : `${c.delta > 0 ? 'up' : 'down'} ${size}`} ${against}${verdict}`;
  };
  const previous = moved(kpiChange(k.value, k.previous, def.format, k.higherIsBetter), w.vsPrevious);
  const lastYear = moved(kpiChange(k.value, k.lastYear, def.format, k.higherIsBetter), w.vsLastYear);
  return ctx.lang === 'zh' ? `${def.label.zh} ${value}，${previous}，${lastYear}。` : `${def.label.en} ${value}: ${previous}; ${lastYear}.`;
}
