// What every section knows about the report it is in.
import { formatPeriod, type Lang } from '../../web/format/format-value.ts';
import type { QuarterKey } from '../../warehouse/queries/quarters.ts';

export interface ReportContext {
  lang: Lang;
  quarter: QuarterKey;
  companyName: string;
  asOf: Date;
  timeZone: string;
}

/** The quarter in words: 2025年第3季度 / Q3 2025. */
export const quarterWords = (ctx: ReportContext): string => formatPeriod(ctx.quarter.key, ctx.lang);
