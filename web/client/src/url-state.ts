// The page's filters live in the URL, so a view can be bookmarked, shared and reloaded; back/forward work.
import type { Lang } from '../../../presentation/format/format-value.ts';

export interface Filters {
  from: string;
  to: string;
  region: string;
  grain: 'month' | 'quarter';
  lang: Lang;
}

const defaults = (): Filters => {
  const to = new Date();
  const from = new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), 1));
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10), region: '', grain: 'month', lang: 'zh' };
};

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

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
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  let from = f.from;
  let to = f.to;
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (q) {
    const y = Number(q[1]);
    const end = Number(q[2]) * 3;
    from = `${y}-${pad(end - 2)}-01`;
    to = `${y}-${pad(end)}-${lastDay(y, end)}`;
  } else if (m) {
    const y = Number(m[1]);
    const mm = Number(m[2]);
    from = `${y}-${pad(mm)}-01`;
    to = `${y}-${pad(mm)}-${lastDay(y, mm)}`;
  }
  return { from: from < f.from ? f.from : from, to: to > f.to ? f.to : to };
}

/** The period of the same length just before the filters' range, for "change vs previous period". */
export function previousRange(f: Filters): { from: string; to: string } {
  const day = 86_400_000;
  const from = Date.parse(f.from);
  const to = Date.parse(f.to);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return { from: iso(from - (to - from) - day), to: iso(from - day) };
}
