// The page's filters live in the URL, so a view can be bookmarked, shared and reloaded; back/forward work.
import type { Lang } from '../../../presentation/format/format-value.ts';
import {
  isDay,
  localDay,
  periodOf,
  previousPeriod,
  rangePeriod,
  samePeriodLastYear,
  tryParsePeriod,
} from '../../../contract/period/period.ts';

export interface Filters {
  from: string;
  to: string;
  region: string;
  grain: 'month' | 'quarter';
  lang: Lang;
}

const defaults = (): Filters => {
  // Today (UTC) and the twelve whole months before this one: from the first of this month a year ago.
  const to = localDay(new Date(), 'UTC');
  return { from: samePeriodLastYear(periodOf('month', to)).from, to, region: '', grain: 'month', lang: 'zh' };
};

const isDate = (s: string | null): s is string => !!s && isDay(s);

export function readFilters(search: string = location.search): Filters {
  const p = new URLSearchParams(search);
  const d = defaults();
  return {
    from: isDate(p.get('from')) ? p.get('from')! : d.from,
    to: isDate(p.get('to')) ? p.get('to')! : d.to,
    region: p.get('region') ?? '',
    grain: p.get('grain') === 'quarter' ? 'quarter' : 'month',
    lang: p.get('lang') === 'en' ? 'en' : 'zh',
  };
}

export function writeFilters(f: Filters): void {
  const p = new URLSearchParams();
  p.set('from', f.from);
  p.set('to', f.to);
  if (f.region) p.set('region', f.region);
  p.set('grain', f.grain);
  if (f.lang !== 'zh') p.set('lang', f.lang);
  const url = `${location.pathname}?${p}`;
  if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
}

/** Query string for the metrics API. */
export function apiQuery(f: Filters, extra: Record<string, string> = {}): string {
  const p = new URLSearchParams({ from: f.from, to: f.to, grain: f.grain, ...extra });
  if (f.region) p.set('region', f.region);
  return p.toString();
}

/** First and last day of a period key ('2025-07', '2025-Q3'), clipped to the filters' range. */
export function periodRange(period: string, f: Filters): { from: string; to: string } {
  const p = tryParsePeriod(period) ?? f;
  return { from: p.from < f.from ? f.from : p.from, to: p.to > f.to ? f.to : p.to };
}

/** The period of the same length just before the filters' range, for "change vs previous period". */
export function previousRange(f: Filters): { from: string; to: string } {
  // A range written backwards in the URL is taken the right way round.
  const { from, to } = previousPeriod(f.from <= f.to ? rangePeriod(f.from, f.to) : rangePeriod(f.to, f.from));
  return { from, to };
}
