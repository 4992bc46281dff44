// The API benchmark's session mix: users who each pick their own filters, so that almost no request is answered
// from the cache. Every page load asks for what the browser asks for (the requests of each page component in
// web/client/src/components/*-page.ts and the drill drawer, built the same way), with a period, grain and region
// no earlier load used; drill-downs add product line, model and severity. Seeded, so runs compare.
import { addDays, parseQuarterKey, periodOf, quarterKeysBefore, shiftPeriod } from '../../contract/period/period.ts';
import { overviewKpis } from '../../contract/metrics/overview-kpis.ts';
import { apiQuery, previousRange, type Filters } from '../../web/client/src/url-state.ts';

export type PageName = 'overview' | 'quality' | 'quality-tab' | 'cadence' | 'scorecards' | 'drill-down' | 'series';

/** One page load: the requests the browser makes at once, and what each request is (for per-kind figures). */
export interface PageLoad {
  page: PageName;
  requests: { path: string; kind: 'series' | 'table' | 'list' }[];
}

/** The values the filters are drawn from: read from the warehouse being measured. */
export interface MixValues {
  firstDay: string;
  lastDay: string;
  regions: string[];
  /** product line → its models */
  models: Map<string, string[]>;
  severities: string[];
  technicians: string[];
}

/** A small seeded generator (mulberry32): the same seed gives the same sessions. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const e = encodeURIComponent;
// The cadence page's metrics (cadence-page.ts).
const cadenceMetrics = ['inspection_compliance', 'callback_compliance', 'installation_score'];

export class SessionMix {
  private readonly used = new Set<string>();
  private readonly rnd: () => number;

  constructor(
    private readonly v: MixValues,
    seed = 1,
  ) {
    this.rnd = seededRandom(seed);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }

  /** A day between the first and last day of the data. */
  private day(): string {
    const span = Math.round((Date.parse(this.v.lastDay) - Date.parse(this.v.firstDay)) / 86_400_000);
    return addDays(this.v.firstDay, Math.floor(this.rnd() * (span + 1)));
  }

  /** A period as users pick them: a month, a quarter, a year, the twelve months to a day, or any range. */
  private period(): { from: string; to: string } {
    const d = this.day();
    switch (this.pick(['month', 'quarter', 'year', 'twelve', 'range'] as const)) {
      case 'month':
        return periodOf('month', d);
      case 'quarter':
        return periodOf('quarter', d);
      case 'year':
        return periodOf('year', d);
      case 'twelve':
        return { from: shiftPeriod(periodOf('month', d), -11).from, to: d };
      default: {
        const other = this.day();
        return d <= other ? { from: d, to: other } : { from: other, to: d };
      }
    }
  }

  /** Filters (period, grain, region) no earlier page load used. */
  private filters(): Filters {
    for (;;) {
      const f: Filters = {
        ...this.period(),
        grain: this.pick(['month', 'quarter'] as const),
        region: this.rnd() < 0.3 ? '' : this.pick(this.v.regions),
        lang: 'zh',
      };
      const key = JSON.stringify(f);
      if (!this.used.has(key)) {
        this.used.add(key);
        return f;
      }
    }
  }

  /** Product line, model and severity filters, each present or not, as a drill-down or an API user adds them. */
  private dimensionFilters(): string {
    const p = new URLSearchParams();
    if (this.rnd() < 0.6) {
      const line = this.pick([...this.v.models.keys()]);
      p.set('product_line', line);
      if (this.rnd() < 0.5) p.set('product_model', this.pick(this.v.models.get(line)!));
    }
    if (this.rnd() < 0.5) p.set('severity', this.pick(this.v.severities));
    return p.toString();
  }

  /** The overview page (overview-page.ts): trend, volume, the KPI tiles now and before, SLA, aging, … */
  overview(): PageLoad {
    const f = this.filters();
    const q = apiQuery(f);
    const all = apiQuery(f, { grain: 'all' });
    const prev = apiQuery({ ...f, ...previousRange(f) }, { grain: 'all' });
    const times = `${all}&by=severity&clock=business`;
    const series = (metric: string, query: string) => ({ path: `/api/metrics/${metric}?${query}`, kind: 'series' as const });
    return {
      page: 'overview',
      requests: [
        series('resolution_rate', q),
        series('opened', q),
        ...overviewKpis.map((k) => series(k.metric, all)),
        ...overviewKpis.map((k) => series(k.metric, prev)),
        series('sla_compliance', `${all}&by=severity,sla_target`),
        { path: `/api/backlog/aging?as_of=${f.to}${f.region ? `&region=${e(f.region)}` : ''}`, kind: 'table' },
        series('satisfaction_distribution', `${all}&by=score`),
        series('complaints', `${all}&by=category,verified`),
        series('cost', `${all}&by=cost_type,warranty`),
        series('response_time', times),
        series('arrival_time', times),
        series('resolution_time', times),
      ],
    };
  }

  /** The quality page (quality-page.ts) for a quarter and region, on its first tab. */
  quality(): PageLoad {
    const { q, regionOnly, range } = this.qualityQuarter();
    const s = (path: string) => ({ path, kind: 'series' as const });
    const t = (path: string) => ({ path, kind: 'table' as const });
    return {
      page: 'quality',
      requests: [
        t(`/api/metrics/quality_flags?quarter=${q.key.replace('-', '')}${regionOnly}`),
        s(`/api/metrics/fault_pareto?grain=all&by=fault_code&${range}`),
        s(`/api/metrics/repeat_rate?grain=all&by=product_model,fault_code&${range}`),
        s(`/api/metrics/repeat_rate?grain=all&by=product_model&${range}`),
        s(`/api/metrics/first_time_fix_rate?grain=all&by=product_model&${range}`),
        t(`/api/metrics/chronic_units?limit=0&${range}`),
        t(`/api/metrics/parts_usage?${range}`),
        s(`/api/metrics/parts_return_on_time?grain=all&${range}`),
        t(`/api/parts/overdue?limit=1${regionOnly}`),
        s('/api/metrics/opened?grain=all&by=region'),
      ],
    };
  }

  /** A quality page tab whose rows are read when it is shown (chronic units, solutions, ages, overdue parts). */
  qualityTab(): PageLoad {
    const { q, regionOnly, range } = this.qualityQuarter();
    const path = this.pick([
      `/api/metrics/chronic_units?limit=10000&${range}`,
      `/api/metrics/fault_solutions?to=${q.to}${regionOnly}`,
      `/api/metrics/failures_by_age?to=${q.to}${regionOnly}`,
      `/api/parts/overdue?limit=10000${regionOnly}`,
    ]);
    return { page: 'quality-tab', requests: [{ path, kind: 'table' }] };
  }

  private qualityQuarter() {
    const f = this.filters();
    const q = parseQuarterKey(periodOf('quarter', f.to).key);
    const regionOnly = f.region ? `&region=${e(f.region)}` : '';
    return { q, regionOnly, range: `from=${q.from}&to=${q.to}${regionOnly}` };
  }

  /** The cadence page (cadence-page.ts): it has no filters, so after its first load it is answered from the cache. */
  cadence(): PageLoad {
    return {
      page: 'cadence',
      requests: [
        ...cadenceMetrics.map((m) => ({ path: `/api/metrics/${m}?grain=all`, kind: 'series' as const })),
        ...cadenceMetrics.map((m) => ({ path: `/api/metrics/${m}?grain=all&by=team`, kind: 'series' as const })),
        ...cadenceMetrics.map((m) => ({ path: `/api/metrics/${m}?grain=quarter`, kind: 'series' as const })),
        { path: '/api/cadence/overdue?limit=50', kind: 'list' },
        { path: '/api/installations/scores?limit=50', kind: 'list' },
      ],
    };
  }

  /** The scorecards page (scorecards-page.ts) for a quarter, with one technician opened: trend and evidence. */
  scorecards(): PageLoad {
    const quarter = periodOf('quarter', this.day()).key;
    const technician = e(this.pick(this.v.technicians));
    const quarters = [...quarterKeysBefore(quarter, 3).reverse(), quarter].map((k) => k.replace('-', ''));
    return {
      page: 'scorecards',
      requests: [
        { path: `/api/metrics/technician_score?period=${quarter.replace('-', '')}`, kind: 'table' },
        ...quarters.map((k) => ({ path: `/api/metrics/technician_score?period=${k}&technician_id=${technician}`, kind: 'table' as const })),
        { path: `/api/technicians/${technician}/evidence?period=${quarter.replace('-', '')}`, kind: 'table' },
      ],
    };
  }

  /** The drill drawer (drill-drawer.ts) opened on a figure, with the product line, model and severity filtered. */
  drillDown(): PageLoad {
    const f = this.filters();
    const figure = this.pick([
      'metric=resolution_rate&part=denominator',
      'metric=resolution_rate&part=numerator',
      'metric=sla_compliance&sla_target=resolution&part=missed',
      'metric=sla_compliance&sla_target=response&part=missed',
      'metric=opened',
      'metric=csat&rating=1',
    ]);
    const dims = this.dimensionFilters();
    const query = `from=${f.from}&to=${f.to}&${figure}${f.region ? `&region=${e(f.region)}` : ''}${dims ? `&${dims}` : ''}`;
    const offset = this.rnd() < 0.7 ? 0 : 50 * Math.floor(1 + this.rnd() * 5);
    return {
      page: 'drill-down',
      requests: [{ path: `/api/tickets?${query}&limit=50&offset=${offset}&sort=opened_at&order=desc`, kind: 'list' }],
    };
  }

  /**
   * One overview series with every filter a user or an API client can set: period, grain (day to all), region,
   * product line, model and severity, a combination no earlier request used.
   */
  series(): PageLoad {
    for (;;) {
      const { from, to } = this.period();
      const grain = this.pick(['day', 'month', 'quarter', 'year', 'all']);
      const region = this.rnd() < 0.3 ? '' : `&region=${e(this.pick(this.v.regions))}`;
      const metric = this.pick(overviewKpis).metric;
      const path = `/api/metrics/${metric}?from=${from}&to=${to}&grain=${grain}${region}&${this.dimensionFilters()}`;
      if (!this.used.has(path)) {
        this.used.add(path);
        return { page: 'series', requests: [{ path, kind: 'series' }] };
      }
    }
  }

  /** A page as users open them: mostly the overview and drill-downs, then quality (a fifth of them opening a tab read when shown), scorecards and cadence. */
  next(): PageLoad {
    const r = this.rnd();
    if (r < 0.4) return this.overview();
    if (r < 0.7) return this.drillDown();
    if (r < 0.82) return this.quality();
    if (r < 0.85) return this.qualityTab();
    if (r < 0.95) return this.scorecards();
    return this.cadence();
  }
}
