// Pages read quarter by quarter (Quality, Scorecards) keep the quarter and region in the URL
// (?quarter=2025Q3&region=…), so a view can be bookmarked and back/forward work.
import { parseQuarterKey, quarterKeysBefore } from '../../../warehouse/queries/quarters.ts';
import type { Lang } from '../../format/format-value.ts';

export interface QuarterState {
  quarter: string;
  region: string;
}

export const currentQuarter = (today = new Date()): string => `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;

/** The quarters offered: this one and the eleven before it, plus the one shown if it is older. */
export function quarterChoices(shown: string): string[] {
  const choices = [currentQuarter(), ...quarterKeysBefore(currentQuarter(), 11)];
  return choices.includes(shown) ? choices : [...choices, shown];
}

/** The URL's quarter, or the last full quarter when it has none (or a bad one). */
export function readQuarterState(search = location.search): QuarterState {
  const p = new URLSearchParams(search);
  let quarter = quarterKeysBefore(currentQuarter(), 1)[0];
  try {
    if (p.get('quarter')) quarter = parseQuarterKey(p.get('quarter')!).key;
  } catch {
    // A bad quarter in the URL falls back to the last full quarter.
  }
  return { quarter, region: p.get('region') ?? '' };
}

export function writeQuarterState(s: QuarterState, lang: Lang): void {
  const p = new URLSearchParams({ quarter: s.quarter.replace('-', '') });
  if (s.region) p.set('region', s.region);
  if (lang !== 'zh') p.set('lang', lang);
  history.pushState(null, '', `${location.pathname}?${p}`);
}

/** GET a JSON answer; a non-2xx answer throws its `error` message. */
export async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const r = await fetch(url, { signal });
  if (!r.ok) throw new Error(((await r.json().catch(() => ({}))) as { error?: string }).error ?? r.statusText);
  return r.json();
}
