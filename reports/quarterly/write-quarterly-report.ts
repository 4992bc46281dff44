// The quarterly report: reads the quarter through the same queries as the API, lays out the variant's sections,
// renders with the embedded Latin and CJK fonts, with a bookmark outline of the sections, writes the PDF atomically.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { metricKeys, metricCatalogWith, textSettingsOf } from '../../contract/metrics/catalog.ts';
import { parseQuarterKey } from '../../contract/period/quarters.ts';
import type { Lang } from '../../presentation/format/format-value.ts';
import { t } from '../../presentation/i18n/messages.ts';
import { pageCount, renderPdf, writePdfAtomic } from '../render/pdf.ts';
import { latinFontFamily } from '../render/fonts.ts';
import { readReportFigures, type FiguresMode } from './quarter-figures.ts';
import { quarterWords, type ReportContext, type ReportVariant } from '../../presentation/reports/report-context.ts';
import { reportWords } from '../../presentation/i18n/report-words.ts';
import { coverSection } from './sections/cover.section.ts';
import { definitionsSection } from './sections/definitions.section.ts';
import { executiveSummarySection } from './sections/executive-summary.section.ts';
import {
  correctiveActionsSection,
  faultParetoSection,
  partsSection,
  qualityFlagsSection,
  repeatRepairsSection,
} from './sections/quality.section.ts';
import { resolutionRateSection } from './sections/resolution-rate.section.ts';
import { satisfactionAndComplaintsSection, slaSection } from './sections/service-levels.section.ts';
import { technicianRankingSection } from './sections/technician-ranking.section.ts';
import { cadenceSection } from './sections/cadence.section.ts';
import { warrantySection } from './sections/warranty.section.ts';
import { reliabilitySection } from './sections/reliability.section.ts';

export interface QuarterlyReportOptions {
  quarter: string;
  out: string;
  lang?: Lang;
  variant?: ReportVariant;
  region?: string;
  companyName?: string;
  asOf?: Date;
  /** A closed quarter's frozen figures (default), the live ones, or the live ones frozen anew. */
  figures?: FiguresMode;
}

export interface WrittenReport {
  path: string;
  bytes: number;
  pages: number;
}

export function writeQuarterlyReport(db: Warehouse, o: QuarterlyReportOptions): Promise<WrittenReport> {
  // One large job: on every core, whatever the server's reads run on.
  return db.allCores(() => writeReportOnAllCores(db, o));
}

async function writeReportOnAllCores(db: Warehouse, o: QuarterlyReportOptions): Promise<WrittenReport> {
  const ctx: ReportContext = {
    lang: o.lang ?? 'zh',
    quarter: parseQuarterKey(o.quarter),
    variant: o.variant ?? 'management',
    region: o.region || undefined,
    companyName: o.companyName ?? 'Aftersight',
    asOf: o.asOf ?? new Date(),
    timeZone: db.timeZone,
    catalog: metricCatalogWith(textSettingsOf(db.settings)),
    textSettings: textSettingsOf(db.settings),
  };
  const { data: d, frozenAt } = await readReportFigures(db, ctx, o.figures);
  // A frozen copy's figures are as of when they were frozen.
  if (frozenAt) {
    ctx.asOf = frozenAt;
    ctx.frozen = true;
  }
  const w = reportWords(ctx.lang);
  const title = `${t(ctx.lang, 'reportTitle')} · ${quarterWords(ctx)} · ${w.variant[ctx.variant]}${ctx.region ? ` · ${ctx.region}` : ''}`;
  const content: Content[] = [
    coverSection(ctx),
    // Every heading of the contents is also a bookmark of the PDF's outline.
    { toc: { title: { text: t(ctx.lang, 'contents'), style: 'h1' }, outlines: true }, pageBreak: 'after' },
    executiveSummarySection(ctx, d.kpis),
    resolutionRateSection(ctx, d.resolution),
    slaSection(ctx, d.sla),
    satisfactionAndComplaintsSection(ctx, d),
    faultParetoSection(ctx, d.pareto),
    qualityFlagsSection(ctx, d.flags),
    ...(ctx.variant === 'quality' && d.actions ? [correctiveActionsSection(ctx, d.actions, d.flags)] : []),
    repeatRepairsSection(ctx, d),
    ...(ctx.variant === 'quality' && d.warranty ? [warrantySection(ctx, d.warranty)] : []),
    ...(ctx.variant === 'quality' && d.reliability ? [reliabilitySection(ctx, d.reliability)] : []),
    partsSection(ctx, d),
    ...(ctx.variant !== 'hr' && d.cadence ? [cadenceSection(ctx, d.cadence)] : []),
    ...(ctx.variant === 'hr' && d.scores
      ? [technicianRankingSection(ctx, d.scores, d.sla.as_of, db.settings.installationScore.scorecardWeight)]
      : []),
    definitionsSection(ctx, metricKeys),
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    info: { title, author: ctx.companyName, creator: 'Aftersight' },
    defaultStyle: { font: latinFontFamily, fontSize: 10, lineHeight: 1.3 },
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
    content,
  };
  const pdf = await renderPdf(doc);
  writePdfAtomic(pdf, o.out);
  return { path: o.out, bytes: pdf.length, pages: pageCount(pdf) };
}
