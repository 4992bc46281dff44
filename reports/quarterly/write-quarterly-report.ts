// The quarterly report: reads the quarter through the same queries as the API, lays out the sections, renders
// with the embedded CJK font, writes the PDF atomically.
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { metricKeys } from '../../warehouse/metrics/catalog.ts';
import { readMetricSeries } from '../../warehouse/queries/metric-series.ts';
import type { Lang } from '../../web/format/format-value.ts';
import { t } from '../../web/i18n/messages.ts';
import { pageCount, renderPdf, writePdfAtomic } from '../render/pdf.ts';
import { pdfFontFamily } from '../render/fonts.ts';
import { parseQuarterKey } from '../../warehouse/queries/quarters.ts';
import { quarterWords, type ReportContext } from './report-context.ts';
import { coverSection } from './sections/cover.section.ts';
import { definitionsSection } from './sections/definitions.section.ts';
import { resolutionRateSection } from './sections/resolution-rate.section.ts';

export interface QuarterlyReportOptions {
  quarter: string;
  out: string;
  lang?: Lang;
  companyName?: string;
  asOf?: Date;
}

export async function writeQuarterlyReport(db: Warehouse, o: QuarterlyReportOptions): Promise<{ path: string; bytes: number; pages: number }> {
  const quarter = parseQuarterKey(o.quarter);
  const ctx: ReportContext = { lang: o.lang ?? 'zh', quarter, companyName: o.companyName ?? 'Aftersight', asOf: o.asOf ?? new Date(), timeZone: db.timeZone };
  const range = { from: quarter.from, to: quarter.to };
  const [byMonth, byRegion, total] = await Promise.all([
    readMetricSeries(db, { metric: 'resolution_rate', grain: 'month', ...range }),
    readMetricSeries(db, { metric: 'resolution_rate', grain: 'all', by: ['region'], ...range }),
    readMetricSeries(db, { metric: 'resolution_rate', grain: 'all', ...range }),
  ]);
  const title = `${t(ctx.lang, 'reportTitle')} · ${quarterWords(ctx)}`;
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    info: { title, author: ctx.companyName, creator: 'Aftersight' },
    defaultStyle: { font: pdfFontFamily, fontSize: 10, lineHeight: 1.3 },
    styles: {
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 6] },
      note: { fontSize: 9, color: '#555555', margin: [0, 0, 0, 6] },
    },
    header: (page) => (page > 1 ? { text: title, fontSize: 8, color: '#888888', margin: [48, 24, 48, 0] } : ''),
    footer: (page, pages) => ({
      text: ctx.lang === 'zh' ? `第 ${page} 页 / 共 ${pages} 页` : `Page ${page} of ${pages}`,
      fontSize: 8,
      color: '#888888',
      alignment: 'center',
      margin: [0, 20, 0, 0],
    }),
    content: [
      coverSection(ctx),
      { toc: { title: { text: t(ctx.lang, 'contents'), style: 'h1' } }, pageBreak: 'after' },
      resolutionRateSection(ctx, { byMonth, byRegion, total }),
      definitionsSection(ctx, metricKeys),
    ],
  };
  const pdf = await renderPdf(doc);
  writePdfAtomic(pdf, o.out);
  return { path: o.out, bytes: pdf.length, pages: pageCount(pdf) };
}
