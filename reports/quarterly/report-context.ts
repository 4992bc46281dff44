// What every section knows about the report it is in.
import type { Lang } from '../../web/format/format-value.ts';
import type { Quarter } from './parse-quarter.ts';

export interface ReportContext {
  lang: Lang;
  quarter: Quarter;
  companyName: string;
  asOf: Date;
  timeZone: string;
}

/** The quarter in words: 2025年第3季度 / Q3 2025. */
export const quarterWords = (ctx: ReportContext): string =>
  ctx.lang === 'zh' ? `${ctx.quarter.year}年第${ctx.quarter.quarter}季度` : `Q${ctx.quarter.quarter} ${ctx.quarter.year}`;
