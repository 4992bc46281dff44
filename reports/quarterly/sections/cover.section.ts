// Cover: company, title, quarter, edition and region, data as-of time.
import type { Content } from 'pdfmake/interfaces.js';
import { t } from '../../../presentation/i18n/messages.ts';
import { quarterWords, type ReportContext } from '../../../presentation/reports/report-context.ts';
import { reportWords } from '../../../presentation/i18n/report-words.ts';

export function coverSection(ctx: ReportContext): Content {
  const asOf = new Intl.DateTimeFormat(ctx.lang === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: ctx.timeZone,
  }).format(ctx.asOf);
  return [
    { text: ctx.companyName, fontSize: 16, margin: [0, 160, 0, 24], alignment: 'center' },
    { text: t(ctx.lang, 'reportTitle'), fontSize: 26, bold: true, alignment: 'center' },
    { text: quarterWords(ctx), fontSize: 18, alignment: 'center', margin: [0, 16, 0, 0] },
    {
      text: `${reportWords(ctx.lang).variant[ctx.variant]} · ${ctx.region ?? reportWords(ctx.lang).allRegions}`,
      fontSize: 13,
      alignment: 'center',
      margin: [0, 12, 0, 0],
    },
    {
      text: `${t(ctx.lang, 'generatedAt')}: ${asOf}`,
      fontSize: 10,
      color: '#666666',
      alignment: 'center',
      margin: [0, 180, 0, 0],
      pageBreak: ctx.frozen ? undefined : 'after',
    },
    ...(ctx.frozen
      ? [
          {
            text: reportWords(ctx.lang).frozen,
            fontSize: 9,
            color: '#666666',
            alignment: 'center' as const,
            margin: [0, 4, 0, 0] as [number, number, number, number],
            pageBreak: 'after' as const,
          },
        ]
      : []),
  ];
}
