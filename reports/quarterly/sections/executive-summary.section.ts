// Executive summary: the overview's KPIs this quarter, against the previous quarter and the same quarter a year
// before, as a table and in sentences (which way each moved, and whether that is better or worse).
import type { Content } from 'pdfmake/interfaces.js';
import { metricCatalog } from '../../../contract/metrics/catalog.ts';
import { formatValue } from '../../../presentation/format/format-value.ts';
import { formatChange, kpiChange, kpiSentence, type KpiChange } from '../../../presentation/format/kpi-change.ts';
import { dataTable } from '../../render/data-table.ts';
import type { KpiFigures } from '../read-report-data.ts';
import type { ReportContext } from '../../../presentation/reports/report-context.ts';
import { reportWords } from '../../../presentation/i18n/report-words.ts';
import { t } from '../../../presentation/i18n/messages.ts';

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
  return kpiSentence(
    ctx.lang,
    def.label[ctx.lang],
    formatValue(k.value, def.format, ctx.lang),
    [
      { change: kpiChange(k.value, k.previous, def.format, k.higherIsBetter), against: w.vsPrevious },
      { change: kpiChange(k.value, k.lastYear, def.format, k.higherIsBetter), against: w.vsLastYear },
    ],
    w,
  );
}
