// Pages read quarter by quarter (Quality, Scorecards) keep the quarter and region in the URL
// (?quarter=2025Q3&region=…), so a view can be bookmarked and back/forward work.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { parseQuarterKey, periodAt, quarterKeysBefore } from '../../../contract/period/period.ts';
import type { Lang } from '../../../presentation/format/format-value.ts';

/** The quarter, the region ('' for all) and any further keys the page keeps in its URL (also '' when unset). */
export interface QuarterState {
  quarter: string;
  region: string;
  [key: string]: string;
}

export const currentQuarter = (today = new Date()): string => periodAt('quarter', today, 'UTC').key;

/** The quarters offered: this one and the eleven before it, plus the one shown if it is older. */
export function quarterChoices(shown: string): string[] {
  const choices = [currentQuarter(), ...quarterKeysBefore(currentQuarter(), 11)];
  return choices.includes(shown) ? choices : [...choices, shown];
}

/** The URL's quarter (the last full quarter when it has none, or a bad one), region and the page's own keys. */
function readQuarterState(keys: readonly string[] = [], search = location.search): QuarterState {
  const p = new URLSearchParams(search);
  let quarter = quarterKeysBefore(currentQuarter(), 1)[0];
  try {
    if (p.get('quarter')) quarter = parseQuarterKey(p.get('quarter')!).key;
  } catch {
    // A bad quarter in the URL falls back to the last full quarter.
  }
  const state: QuarterState = { quarter, region: p.get('region') ?? '' };
  for (const k of keys) state[k] = p.get(k) ?? '';
  return state;
}

function writeQuarterState(s: QuarterState, lang: Lang): void {
  const p = new URLSearchParams({ quarter: s.quarter.replace('-', '') });
  for (const [k, v] of Object.entries(s)) if (k !== 'quarter' && v) p.set(k, v);
  if (lang !== 'zh') p.set('lang', lang);
  history.pushState(null, '', `${location.pathname}?${p}`);
}

/**
 * A page's quarter state: read from the URL at start and on back/forward, written to it on every change,
 * and the host re-rendered. `keys` are the page's own URL keys beyond quarter and region.
 */
export class QuarterStateController implements ReactiveController {
  state: QuarterState;
  private readonly onPopState = () => {
    this.state = readQuarterState(this.keys);
    this.host.requestUpdate();
  };

  constructor(
    private readonly host: ReactiveControllerHost & { lang: Lang },
    private readonly keys: readonly string[] = [],
  ) {
    this.state = readQuarterState(keys);
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('popstate', this.onPopState);
  }

  set(change: Partial<QuarterState>): void {
    this.state = { ...this.state, ...change } as QuarterState;
    writeQuarterState(this.state, this.host.lang);
    this.host.requestUpdate();
  }
}
