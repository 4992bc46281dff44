// One formatting module for the dashboard and the PDF: the same number reads the same everywhere.
import type { MetricFormat } from '../../contract/metrics/catalog.ts';
import { parseQuarterKey, tryParsePeriod } from '../../contract/period/period.ts';

export type Lang = 'zh' | 'en';

export function formatValue(value: number | null | undefined, format: MetricFormat, lang: Lang = 'zh'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  switch (format) {
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'count':
      return Math.round(value).toLocaleString(locale);
    case 'hours':
      return `${value.toFixed(1)} ${lang === 'zh' ? '小时' : 'h'}`;
    case 'score':
      return value.toFixed(1);
    case 'per100':
      // Complaints per 100 counted tickets: the unit said, so 1.28 is not read as a percentage or a count.
      return lang === 'zh' ? `${value.toFixed(2)} 件/百单` : `${value.toFixed(2)} per 100`;
    case 'per1000':
      // Claims per 1,000 units at risk (the MIS table).
      return lang === 'zh' ? `${value.toFixed(1)} 件/千台` : `${value.toFixed(1)} per 1,000`;
    case 'currency':
      return `¥${value.toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  }
}

/** Claims per 1,000 units in a table cell whose header says the unit: one decimal, 0 as 0. */
export function formatPerThousandCell(value: number | null | undefined, lang: Lang = 'zh'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/**
 * A plain number that is neither a count nor a metric (a flag's strength, a Weibull shape, parts per repair ticket):
 * two decimals, digits grouped (1,234.57); '—' when there is none.
 */
export function formatDecimal(value: number | null | undefined, lang: Lang = 'zh', digits = 2): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A test's p-value: two significant digits (0.031, 0.42), and below 0.001 as "< 0.001". */
export function formatPValue(value: number | null | undefined, lang: Lang = 'zh'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (value < 0.001) return `< ${formatDecimal(0.001, lang, 3)}`;
  return value.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumSignificantDigits: 2 });
}

/**
 * An instant ('2026-09-30T15:59:00.000Z' from the API) as the wall-clock time of the configured time zone,
 * 'YYYY-MM-DD HH:mm': never an ISO string with Z on screen. A date alone ('2026-09-30') stays as it is.
 */
export function formatTime(value: string | null | undefined, timeZone: string): string {
  if (!value) return '—';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  // Already the zone's wall-clock time to the minute ('2025-07-10 09:00', as the warehouse writes times): kept.
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?$/.test(value)) return value.slice(0, 16);
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(t)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** A size in bytes as a reader says it, in binary units: 980 B, 1.5 KiB, 12.3 MiB, 1.1 GiB. */
export function formatBytes(bytes: number | null | undefined, lang: Lang = 'zh'): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '—';
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let v = bytes;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString(locale, { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

/** Which rows of a paged list are shown: "51–100 of 703" (rows counted from 1), "0 of 0" ("共 0 条") when none. */
export function formatRangeOf(offset: number, shown: number, total: number, lang: Lang = 'zh'): string {
  const n = (v: number) => formatValue(v, 'count', lang);
  if (total === 0 || shown === 0) return lang === 'zh' ? `共 ${n(total)} 条` : `0 of ${n(total)}`;
  const range = `${n(offset + 1)}–${n(offset + shown)}`;
  return lang === 'zh' ? `第 ${range} 条，共 ${n(total)} 条` : `${range} of ${n(total)}`;
}

/**
 * A value on a chart axis: as short as reads well beside the tick (whole percentages, money and large counts
 * compact: ¥400万 / ¥4M), where a tooltip or a table shows formatValue().
 */
export function formatAxisValue(value: number | null | undefined, format: MetricFormat, lang: Lang = 'zh'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const locale = lang === 'zh' ? 'zh-CN' : 'en-US';
  const compact = (v: number) => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(v);
  switch (format) {
    case 'percent':
      return `${Math.round(value * 1000) / 10}%`;
    case 'currency':
      return `¥${compact(value)}`;
    case 'count':
      return Math.abs(value) >= 10_000 ? compact(value) : Math.round(value).toLocaleString(locale);
    case 'hours':
      return `${Number(value.toFixed(1))} ${lang === 'zh' ? '小时' : 'h'}`;
    default:
      return String(Number(value.toFixed(2)));
  }
}

/** A period key ('2025-Q3', '2025-07', '2025', 'all') as a reader says it. */
export function formatPeriod(period: string, lang: Lang = 'zh'): string {
  const p = tryParsePeriod(period);
  if (p?.kind === 'quarter') {
    const q = parseQuarterKey(p.key);
    return lang === 'zh' ? `${q.year}年第${q.quarter}季度` : `Q${q.quarter} ${q.year}`;
  }
  if (p?.kind === 'month') return lang === 'zh' ? `${p.from.slice(0, 4)}年${Number(p.from.slice(5, 7))}月` : p.key;
  if (period === 'all') return lang === 'zh' ? '全部' : 'All';
  return period;
}

/** How many rows of a table are shown out of all it has: "50 of 3,885" (the whole count when nothing was cut). */
export function formatShownOf(shown: number, total: number, lang: Lang = 'zh'): string {
  const n = (v: number) => formatValue(v, 'count', lang);
  if (shown >= total) return n(total);
  return lang === 'zh' ? `${n(shown)} / 共 ${n(total)}` : `${n(shown)} of ${n(total)}`;
}
