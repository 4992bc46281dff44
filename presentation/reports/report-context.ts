// What every section knows about the report it is in: language, quarter, variant (who reads it), region.
import { formatPeriod, type Lang } from '../format/format-value.ts';
import type { QuarterKey } from '../../contract/period/quarters.ts';
import type { metricCatalog, TextSettings } from '../../contract/metrics/catalog.ts';

/** management: the overview, no technician named anywhere; quality: faults, repeats, parts; hr: adds the ranking. */
export const reportVariants = ['management', 'quality', 'hr'] as const;
export type ReportVariant = (typeof reportVariants)[number];

export interface ReportContext {
  lang: Lang;
  quarter: QuarterKey;
  variant: ReportVariant;
  /** Only this region's figures, when set. */
  region?: string;
  companyName: string;
  asOf: Date;
  /** The figures are a closed quarter's frozen copy, as of asOf. */
  frozen?: boolean;
  timeZone: string;
  /** The metric catalog with its formulas stating the configured settings (the repeat window, …). */
  catalog: typeof metricCatalog;
  /** The settings the report's own words state (the score's minimum tickets, …); the defaults when unset. */
  textSettings?: TextSettings;
}

/** The quarter in words: 2025年第3季度 / Q3 2025. */
export const quarterWords = (ctx: ReportContext): string => formatPeriod(ctx.quarter.key, ctx.lang);

/** Technician ids and names appear in every variant but management's. */
export const namesTechnicians = (ctx: ReportContext): boolean => ctx.variant !== 'management';
