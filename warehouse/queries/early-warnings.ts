// early_warnings (早期预警): every (product_model, fault_code) series of metrics.early_warnings, by week and by
// month, watched by a Poisson CUSUM (poisson-cusum.ts) against its exposure: the model's units in service
// (unit-weeks, unit-months) when the installed base is loaded for it, else all counted tickets of the model
// (exposure_basis 'units' | 'tickets', metrics/early_warnings.sql):
// - in-control rate: the fault's tickets per unit of exposure (per unit in service a week / a month, or per ticket
//   of the model) over the series' first baselineWeeks weeks (baselineMonths months), (count + 0.5) / exposure so
//   a fault never seen there still has a rate; the expected count of a period is that rate × its exposure;
// - shift to detect: shiftRatio × that rate; k_t = expected_t (ratio - 1) / ln(ratio);
// - decision interval h: chosen once per series by Lucas's Markov chain for the series' mean in-control count per
//   baseline period, the smallest h whose in-control ARL reaches weekArl0 (monthArl0) periods;
// - monitoring starts after the baseline; after a signal the sum restarts, and it restarts at the effective date
//   of a corrective action for the series (the process changed: what came before no longer counts).
// Signals become alerts (syncEarlyWarnings): one alert per series while it is not ended (verified, closed); a
// series that signals in a later period than its ended alert's last signal raises a new alert.
import type { DuckDBConnection } from '@duckdb/node-api';
import type { EarlyWarningSettings } from '../config/config.ts';
import type { Warehouse } from '../db/open-warehouse.ts';
import { designCusum, runPoissonCusum } from './poisson-cusum.ts';
import { readQualityFlags } from './quality-flags.ts';
import { nextPeriod, periodOf } from '../../contract/period/period.ts';

export type Grain = 'week' | 'month';
export const grains: readonly Grain[] = ['week', 'month'];

export interface SeriesRow {
  grain: Grain;
  period_start: string; // YYYY-MM-DD
  product_model: string;
  fault_code: string;
  tickets: number;
  exposure: number;
  exposure_basis: ExposureBasis;
}

/** What a series' exposure counts: units in service (unit-weeks, unit-months) or the model's tickets. */
export type ExposureBasis = 'units' | 'tickets';

export interface Signal {
  /** Start of the period that crossed h. */
  period: string;
  /** Start of the rise: the first period of the CUSUM's run. */
  since: string;
  /** Tickets and in-control expected tickets over the run. */
  count: number;
  expected: number;
  exposure: number;
  cusum: number;
}

export interface SeriesResult {
  grain: Grain;
  product_model: string;
  fault_code: string;
  exposure_basis: ExposureBasis;
  /** In-control tickets of the fault per unit of exposure: per unit in service a week (month), or per ticket of the model. */
  baselineRate: number;
  /** Mean in-control count per baseline period, k and h of the design. */
  mu: number;
  k: number;
  h: number;
  /** Periods monitored (after the baseline). */
  monitored: number;
  signals: Signal[];
  /** The monitored periods: start, tickets, exposure. */
  periods: { period: string; tickets: number; exposure: number }[];
}

/** Tickets, exposure and the in-control expected count over the periods from `since` to `until` (inclusive). */
export function spanOf(r: SeriesResult, since: string, until: string): Signal {
  const run = r.periods.filter((p) => p.period >= since && p.period <= until);
  const count = run.reduce((a, p) => a + p.tickets, 0);
  const exposure = run.reduce((a, p) => a + p.exposure, 0);
  return { period: until, since, count, exposure, expected: r.baselineRate * exposure, cusum: 0 };
}

export const seriesKey = (grain: string, model: string, fault: string) => `${grain}|${model}|${fault}`;

/**
 * Runs the CUSUM over every series. `restarts` maps a series key (model|fault, any grain) to the dates at
 * which the sum restarts (effective dates of corrective actions). Series with fewer periods than the baseline
 * are not monitored.
 */
export function evaluateSeries(
  rows: readonly SeriesRow[],
  s: EarlyWarningSettings,
  restarts: ReadonlyMap<string, readonly string[]> = new Map(),
): SeriesResult[] {
  const bySeries = new Map<string, SeriesRow[]>();
  for (const r of rows) {
    const key = seriesKey(r.grain, r.product_model, r.fault_code);
    let list = bySeries.get(key);
    if (!list) {
      list = [];
      bySeries.set(key, list);
    }
    list.push(r);
  }
  const out: SeriesResult[] = [];
  for (const list of bySeries.values()) {
    list.sort((a, b) => (a.period_start < b.period_start ? -1 : 1));
    const { grain, product_model, fault_code, exposure_basis } = list[0];
    const n = grain === 'week' ? s.baselineWeeks : s.baselineMonths;
    if (list.length <= n) continue;
    const base = list.slice(0, n);
    const baseExposure = base.reduce((a, r) => a + r.exposure, 0);
    const baselineRate = (base.reduce((a, r) => a + r.tickets, 0) + 0.5) / baseExposure;
    const design = designCusum((baselineRate * baseExposure) / n, s.shiftRatio, grain === 'week' ? s.weekArl0 : s.monthArl0);
    const watched = list.slice(n);
    const restartDates = [...(restarts.get(`${product_model}|${fault_code}`) ?? [])].sort();
    // Split the watched periods at each restart: the sum starts again from 0 at the first period on or after it.
    const segments: SeriesRow[][] = [[]];
    let next = 0;
    for (const r of watched) {
      let cut = false;
      while (next < restartDates.length && r.period_start >= restartDates[next]) {
        next++;
        cut = true;
      }
      if (cut && segments[segments.length - 1].length) segments.push([]);
      segments[segments.length - 1].push(r);
    }
    const signals: Signal[] = [];
    for (const seg of segments) {
      const points = seg.map((r) => ({ x: r.tickets, expected: baselineRate * r.exposure }));
      runPoissonCusum(points, s.shiftRatio, design.h).forEach((step, t) => {
        if (!step.signal) return;
        const run = seg.slice(step.runStart, t + 1);
        const count = run.reduce((a, r) => a + r.tickets, 0);
        const exposure = run.reduce((a, r) => a + r.exposure, 0);
        signals.push({
          period: seg[t].period_start,
          since: seg[step.runStart].period_start,
          count,
          expected: baselineRate * exposure,
          exposure,
          cusum: step.s,
        });
      });
    }
    const periods = watched.map((r) => ({ period: r.period_start, tickets: r.tickets, exposure: r.exposure }));
    out.push({
      grain,
      product_model,
      fault_code,
      exposure_basis,
      baselineRate,
      mu: design.mu,
      k: design.k,
      h: design.h,
      monitored: watched.length,
      signals,
      periods,
    });
  }
  return out;
}

/**
 * The closed actions whose problem is flagged as occurring too often in a whole quarter that began on or after
 * their effective date (up to the last quarter with data): action id -> the first such flag.
 */
async function recurringFlags(db: Warehouse): Promise<Map<number, { quarter: string }>> {
  const out = new Map<number, { quarter: string }>();
  const closed = await db.all<{ action_id: number; product_model: string; fault_code: string; effective_date: string }>(
    `select action_id, product_model, fault_code, strftime(effective_date, '%Y-%m-%d') as effective_date from corrective_actions where status = 'closed' and effective_date is not null`,
  );
  if (!closed.length) return out;
  const [{ last_day }] = await db.all<{ last_day: string | null }>(
    `select strftime(max(opened_date), '%Y-%m-%d') as last_day from marts.tickets where is_counted`,
  );
  if (!last_day) return out;
  const last = periodOf('quarter', last_day);
  for (const a of closed) {
    // The first quarter that starts on or after the effective date.
    const e = a.effective_date;
    let q = periodOf('quarter', e);
    if (q.from < e) q = nextPeriod(q);
    for (; q.from <= last.from; q = nextPeriod(q)) {
      const flag = (await readQualityFlags(db, q.key)).find(
        (f) => f.too_often && f.product_model === a.product_model && f.fault_code === a.fault_code,
      );
      if (flag) {
        out.set(a.action_id, flag);
        break;
      }
    }
  }
  return out;
}

/**
 * The history's line for a rise that came back after an action closed: a log in English, like the audit log's, read
 * only through the API (GET /api/corrective-actions/:id; no page or PDF shows the history). It names the rise and
 * its counts; its rates, per ticket or per unit in service, are the alert's, worded where the alert is shown
 * (presentation/i18n/early-warning-words.ts warningMessage).
 */
function riseLogLine(r: Pick<SeriesResult, 'grain' | 'product_model' | 'fault_code'>, sig: Signal): string {
  const since = r.grain === 'week' ? `the week of ${sig.since}` : sig.since.slice(0, 7);
  return `Fault ${r.fault_code} on model ${r.product_model} rose since ${since}: ${sig.count} tickets against ${Math.round(sig.expected)} expected`;
}

export const alertStates = ['new', 'acknowledged', 'in_action', 'verified', 'closed'] as const;
export type AlertState = (typeof alertStates)[number];
export const endedStates: readonly AlertState[] = ['verified', 'closed'];

/** The states each state may move to; verified and closed are ended (a later signal raises a new alert). */
export const alertTransitions: Record<AlertState, readonly AlertState[]> = {
  new: ['acknowledged', 'in_action', 'closed'],
  acknowledged: ['in_action', 'closed'],
  in_action: ['verified', 'closed'],
  verified: [],
  closed: [],
};

/** The series rows, the restarts at corrective actions' effective dates, evaluated. */
export async function readSeriesResults(db: Warehouse, grain?: Grain): Promise<SeriesResult[]> {
  const rows = await db.all<SeriesRow>(
    `select grain, strftime(period_start, '%Y-%m-%d') as period_start, product_model, fault_code, tickets, exposure, exposure_basis
     from metrics.early_warnings ${grain ? 'where grain = $1' : ''}`,
    grain ? [grain] : [],
  );
  const restarts = new Map<string, string[]>();
  for (const a of await db.all<{ key: string; day: string }>(
    `select product_model || '|' || fault_code as key, strftime(effective_date, '%Y-%m-%d') as day from corrective_actions where effective_date is not null`,
  )) {
    restarts.set(a.key, [...(restarts.get(a.key) ?? []), a.day]);
  }
  return evaluateSeries(rows, db.settings.earlyWarning, restarts);
}

interface AlertRow {
  alert_id: number;
  grain: Grain;
  product_model: string;
  fault_code: string;
  state: AlertState;
  last_signal_period: string;
  since_period: string;
}

const rowsOf = async <T>(conn: DuckDBConnection, text: string, params: unknown[] = []) =>
  (await (await conn.run(text, params as never)).getRowObjectsJS()) as unknown as T[];

export interface SyncResult {
  raised: number;
  updated: number;
  reopened: number;
}

/**
 * Turns the signals into alerts, and reopens closed corrective actions whose problem warned again after their
 * effective date ("came back"). Runs after each refresh, on the committed metrics.
 */
export async function syncEarlyWarnings(db: Warehouse): Promise<SyncResult> {
  const results = await readSeriesResults(db);
  const flagsAgain = await recurringFlags(db);
  return db.write(async (conn) => {
    const alerts = await rowsOf<AlertRow>(
      conn,
      `select alert_id, grain, product_model, fault_code, state, strftime(last_signal_period, '%Y-%m-%d') as last_signal_period
       , strftime(since_period, '%Y-%m-%d') as since_period from early_warning_alerts qualify row_number() over (partition by grain, product_model, fault_code order by alert_id desc) = 1`,
    );
    const latest = new Map(alerts.map((a) => [seriesKey(a.grain, a.product_model, a.fault_code), a]));
    const out: SyncResult = { raised: 0, updated: 0, reopened: 0 };
    for (const r of results) {
      if (!r.signals.length) continue;
      const alert = latest.get(seriesKey(r.grain, r.product_model, r.fault_code));
      const fresh = alert ? r.signals.filter((g) => g.period > alert.last_signal_period) : r.signals;
      if (!fresh.length) continue;
      const last = fresh[fresh.length - 1];
      const open = alert && !endedStates.includes(alert.state);
      // The alert speaks of the whole rise: from the start of its first run to its latest signal.
      const span = spanOf(r, open ? alert.since_period : fresh[0].since, last.period);
      const values = [
        last.period,
        fresh.length,
        span.since,
        r.baselineRate,
        span.count / span.exposure,
        last.cusum,
        r.h,
        span.count,
        span.expected,
        r.exposure_basis,
      ];
      if (open) {
        await conn.run(
          `update early_warning_alerts set last_signal_period = $1::date, signals = signals + $2, since_period = $3::date, baseline_rate = $4,
             current_rate = $5, cusum = $6, decision_interval = $7, span_count = $8, span_expected = $9, exposure_basis = $10,
             updated_at = now()
           where alert_id = $11`,
          [...values, alert.alert_id] as never,
        );
        out.updated++;
      } else {
        const [{ id }] = await rowsOf<{ id: number }>(
          conn,
          `insert into early_warning_alerts (grain, product_model, fault_code, state, first_signal_period, last_signal_period, signals, since_period,
             baseline_rate, current_rate, cusum, decision_interval, span_count, span_expected, exposure_basis, raised_at, updated_at)
           values ($11, $12, $13, 'new', $14::date, $1::date, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, now(), now()) returning alert_id as id`,
          [...values, r.grain, r.product_model, r.fault_code, fresh[0].period] as never,
        );
        await conn.run(`insert into early_warning_events values ($1, now(), 'system', null, 'new', null, null)`, [id] as never);
        out.raised++;
      }
    }
    // A closed action whose problem signals (weekly) on or after its effective date came back: it reopens.
    const closed = await rowsOf<{ action_id: number; product_model: string; fault_code: string; effective_date: string }>(
      conn,
      `select action_id, product_model, fault_code, strftime(effective_date, '%Y-%m-%d') as effective_date
       from corrective_actions where status = 'closed' and effective_date is not null`,
    );
    for (const a of closed) {
      // Either a quarterly flag or a weekly warning; the history names each that happened.
      const weekly = results.find((r) => r.grain === 'week' && r.product_model === a.product_model && r.fault_code === a.fault_code);
      const again = weekly?.signals.find((g) => g.since >= a.effective_date);
      const flag = flagsAgain.get(a.action_id);
      if (!again && !flag) continue;
      const why = [flag ? `Flagged again in ${flag.quarter}` : '', again ? riseLogLine(weekly!, again) : ''];
      const words = { en: why.filter(Boolean).join(' | ') };
      await conn.run(`update corrective_actions set status = 'open', came_back_at = now(), updated_at = now() where action_id = $1`, [
        a.action_id,
      ]);
      await conn.run(`insert into corrective_action_history values ($1, now(), 'system', 'status', 'closed', 'open')`, [a.action_id]);
      await conn.run(`insert into corrective_action_history values ($1, now(), 'system', 'came_back', null, $2)`, [a.action_id, words.en]);
      out.reopened++;
    }
    return out;
  });
}

export interface AlertListRow {
  alert_id: number;
  grain: Grain;
  product_model: string;
  fault_code: string;
  state: AlertState;
  snooze_until: string | null;
  /** Snoozed: the snooze date has not come yet. */
  snoozed: boolean;
  first_signal_period: string;
  last_signal_period: string;
  signals: number;
  since_period: string;
  baseline_rate: number;
  current_rate: number;
  cusum: number;
  decision_interval: number;
  /** Tickets of the fault and the in-control expected count over the rise (null on alerts raised before they were kept). */
  span_count: number | null;
  span_expected: number | null;
  /** What the rates are per: units in service a week (month), or tickets of the model (null: raised before it was kept, per ticket). */
  exposure_basis: ExposureBasis | null;
  raised_at: string;
  updated_at: string;
}

export interface AlertFilter {
  state?: string[];
  grain?: string[];
  product_model?: string[];
  fault_code?: string[];
  /** Leave out alerts snoozed past today. */
  hide_snoozed?: boolean;
}

const alertColumns = `alert_id, grain, product_model, fault_code, state, strftime(snooze_until, '%Y-%m-%d') as snooze_until,
  coalesce(snooze_until > current_date, false) as snoozed,
  strftime(first_signal_period, '%Y-%m-%d') as first_signal_period, strftime(last_signal_period, '%Y-%m-%d') as last_signal_period,
  signals, strftime(since_period, '%Y-%m-%d') as since_period, baseline_rate, current_rate, cusum, decision_interval,
  span_count, span_expected, exposure_basis, strftime(raised_at, '%Y-%m-%dT%H:%M:%SZ') as raised_at, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') as updated_at`;

/** The alerts, newest signal first; each filter is a list of values (bound, never concatenated). */
export async function listAlerts(
  db: Warehouse,
  f: AlertFilter = {},
): Promise<{ rows: AlertListRow[]; counts: Record<AlertState, number> }> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const k of ['state', 'grain', 'product_model', 'fault_code'] as const) {
    const v = f[k];
    if (!v?.length) continue;
    where.push(`${k} in (${v.map((x) => `$${params.push(x)}`).join(', ')})`);
  }
  if (f.hide_snoozed) where.push('coalesce(snooze_until <= current_date, true)');
  const rows = await db.all<AlertListRow>(
    `select ${alertColumns} from early_warning_alerts ${where.length ? `where ${where.join(' and ')}` : ''} order by last_signal_period desc, alert_id desc`,
    params,
  );
  const counts = Object.fromEntries(alertStates.map((s) => [s, 0])) as Record<AlertState, number>;
  for (const c of await db.all<{ state: AlertState; n: number }>(
    `select state, count(*)::integer as n from early_warning_alerts where coalesce(snooze_until <= current_date, true) group by state`,
  ))
    counts[c.state] = c.n;
  return { rows, counts };
}

export interface AlertEvent {
  happened_at: string;
  username: string;
  from_state: AlertState | null;
  to_state: AlertState;
  snooze_until: string | null;
  note: string | null;
}

export async function readAlert(db: Warehouse, id: number): Promise<(AlertListRow & { events: AlertEvent[] }) | undefined> {
  const [a] = await db.all<AlertListRow>(`select ${alertColumns} from early_warning_alerts where alert_id = $1`, [id]);
  if (!a) return undefined;
  const events = await db.all<AlertEvent>(
    `select strftime(happened_at, '%Y-%m-%dT%H:%M:%SZ') as happened_at, username, from_state, to_state, strftime(snooze_until, '%Y-%m-%d') as snooze_until, note
     from early_warning_events where alert_id = $1 order by happened_at, rowid`,
    [id],
  );
  return { ...a, events };
}

/** A request the stored state refuses (unknown alert, a move the states do not allow). */
export class StateError extends Error {
  constructor(
    message: string,
    readonly statusCode: 400 | 404 | 409,
  ) {
    super(message);
  }
  /** The API error code (web/i18n/messages.ts): nothing there, a move not allowed, or bad input. */
  get apiCode(): string {
    return this.statusCode === 404 ? 'not_found' : this.statusCode === 409 ? 'state_refused' : 'invalid_filter';
  }
}

/**
 * Moves an alert to a state (or keeps its state and snoozes it until a date), kept with who and when. A move
 * the states do not allow is a 409 naming the allowed ones.
 */
export async function changeAlertState(
  db: Warehouse,
  id: number,
  change: { state: AlertState; note?: string; snooze_until?: string | null },
  username: string,
): Promise<AlertListRow & { events: AlertEvent[] }> {
  await db.write(async (conn) => {
    const [a] = await rowsOf<{ state: AlertState }>(conn, `select state from early_warning_alerts where alert_id = $1`, [id]);
    if (!a) throw new StateError(`early warning ${id} does not exist`, 404);
    const allowed = alertTransitions[a.state];
    const snoozing = change.snooze_until !== undefined;
    if (change.state === a.state ? !snoozing && !change.note : !allowed.includes(change.state)) {
      throw new StateError(
        change.state === a.state
          ? `early warning ${id} is already ${a.state}: give a snooze_until or a note`
          : `early warning ${id} is ${a.state}: it can move to ${allowed.length ? allowed.join(', ') : 'no other state (it has ended; a new signal raises a new alert)'}, not ${change.state}`,
        409,
      );
    }
    if (snoozing && endedStates.includes(change.state))
      throw new StateError(`early warning ${id}: an ended alert (${change.state}) cannot be snoozed`, 409);
    await conn.run(
      `update early_warning_alerts set state = $1, snooze_until = ${snoozing ? '$3::date' : 'snooze_until'}, updated_at = now() where alert_id = $2`,
      (snoozing ? [change.state, id, change.snooze_until] : [change.state, id]) as never,
    );
    await conn.run(`insert into early_warning_events values ($1, now(), $2, $3, $4, $5::date, $6)`, [
      id,
      username,
      a.state,
      change.state,
      change.snooze_until ?? null,
      change.note ?? null,
    ] as never);
  });
  return (await readAlert(db, id))!;
}
