// corrective_actions (纠正措施, 8D): actions opened from a quarterly flag or an early-warning alert, every change
// kept with who and when (corrective_action_history), comments, and the proof of fix:
// once the action has an effective date and proofOfFix.minAfterDays have passed in the data, the fault's rate in
// the whole weeks from the effective date to the data's last day is compared with the whole weeks of the
// beforeDays before it (the week holding the effective date is left out), from metrics.early_warnings: per unit of
// the early warning's exposure when the model has units in service (exposure_basis 'units', marts.model_exposure),
// else per ticket of the model (its model_tickets): rate ratio after/before with its 95 % interval and the exact
// conditional test (poisson-rate-test.ts). effective = the interval's upper end below 1; not_shown_effective
// otherwise; too_early before the window has passed; came_back once the problem warned or was flagged again after
// the action closed (early-warnings.ts reopens it). The verdict keeps its facts; presentation/i18n/proof-of-fix-words.ts
// words them.
import type { Warehouse } from '../db/open-warehouse.ts';
import { StateError, alertTransitions, endedStates, type AlertState, type ExposureBasis } from './early-warnings.ts';
import { FilterError } from '../../contract/period/filter-error.ts';
import { addDays, isDay } from '../../contract/period/period.ts';
import { comparePoissonRates } from './poisson-rate-test.ts';
import { readQualityFlags } from './quality-flags.ts';

export const actionStatuses = ['open', 'in_progress', 'closed'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const rootCauseCategories = [
  'design',
  'manufacturing',
  'supplier',
  'installation',
  'software',
  'usage',
  'service',
  'other',
] as const;
export const outcomes = ['effective', 'not_shown_effective', 'too_early', 'came_back'] as const;
export type Outcome = (typeof outcomes)[number];

/** The fields a user writes (all but the problem's identity). */
export const editableFields = [
  'problem_statement',
  'containment',
  'root_cause_category',
  'root_cause',
  'corrective_action',
  'owner',
  'due_date',
  'effective_date',
  'status',
] as const;
export type EditableField = (typeof editableFields)[number];
export type ActionChanges = Partial<Record<EditableField, string | null>>;

export interface ProofOfFix {
  outcome: Outcome;
  /**
   * What the fault's tickets are counted against: 'units', the early warning's exposure from the units in service
   * (the model has units), or 'tickets', the model's tickets; null when not judged.
   */
  exposure_basis: ExposureBasis | null;
  before: { from: string; to: string; tickets: number; exposure: number } | null;
  after: { from: string; to: string; tickets: number; exposure: number } | null;
  rate_before: number | null;
  rate_after: number | null;
  rate_ratio: number | null;
  interval: [number, number] | null;
  p_value: number | null;
  /**
   * Why it is too early: no effective date yet ('no_effective_date'), the data do not reach judged_from yet
   * ('window'), or no exposure before or after the effective date ('no_exposure'); null otherwise.
   */
  pending: 'no_effective_date' | 'window' | 'no_exposure' | null;
  /** pending 'window': the days needed after the effective date, and the day the data must reach. */
  min_after_days: number | null;
  judged_from: string | null;
  /** came_back: the day the problem was found again. */
  came_back_on: string | null;
}

export interface CorrectiveAction {
  action_id: number;
  source: 'flag' | 'alert';
  source_ref: string;
  product_model: string;
  fault_code: string;
  problem_statement: string;
  containment: string | null;
  root_cause_category: string | null;
  root_cause: string | null;
  corrective_action: string | null;
  owner: string | null;
  due_date: string | null;
  effective_date: string | null;
  status: ActionStatus;
  came_back_at: string | null;
  overdue: boolean;
  created_by: string;
  created_at: string;
  updated_at: string;
  proof: ProofOfFix;
}

const columns = `action_id, source, source_ref, product_model, fault_code, problem_statement, containment, root_cause_category, root_cause,
  corrective_action, owner, strftime(due_date, '%Y-%m-%d') as due_date, strftime(effective_date, '%Y-%m-%d') as effective_date, status,
  strftime(came_back_at, '%Y-%m-%dT%H:%M:%SZ') as came_back_at, coalesce(due_date < current_date and status <> 'closed', false) as overdue,
  created_by, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') as created_at, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') as updated_at`;

/** Checks each given field; a bad one is a FilterError (400) naming the field and the value. */
function checkChanges(c: ActionChanges): void {
  for (const [k, v] of Object.entries(c)) {
    if (!(editableFields as readonly string[]).includes(k))
      throw new FilterError(`${k}: not a field of a corrective action; fields: ${editableFields.join(', ')}`);
    if (v === null || v === undefined) {
      if (k === 'problem_statement' || k === 'status') throw new FilterError(`${k}: cannot be empty`);
      continue;
    }
    if (typeof v !== 'string') throw new FilterError(`${k}: must be text`);
    if ((k === 'due_date' || k === 'effective_date') && !isDay(v)) {
      throw new FilterError(`${k}: "${v}" is not a date YYYY-MM-DD`);
    }
    if (k === 'status' && !(actionStatuses as readonly string[]).includes(v))
      throw new FilterError(`status: "${v}" is not one of ${actionStatuses.join(', ')}`);
    if (k === 'root_cause_category' && !(rootCauseCategories as readonly string[]).includes(v))
      throw new FilterError(`root_cause_category: "${v}" is not one of ${rootCauseCategories.join(', ')}`);
    if (k === 'problem_statement' && !v.trim()) throw new FilterError('problem_statement: cannot be empty');
  }
}

export interface NewAction extends ActionChanges {
  source: 'flag' | 'alert';
  /** source flag: the flag's quarter (2025Q3 or 2025-Q3) with product_model and fault_code; source alert: alert_id. */
  quarter?: string;
  alert_id?: number;
  product_model?: string;
  fault_code?: string;
  problem_statement: string;
}

/** Opens an action from a quarterly flag or an alert (which moves to in_action); kept with who and when. */
export async function createAction(db: Warehouse, a: NewAction, username: string): Promise<CorrectiveAction> {
  const { source, quarter, alert_id, product_model, fault_code, ...fields } = a;
  checkChanges({ status: 'open', ...fields });
  let problem: { model: string; fault: string; ref: string };
  if (source === 'flag') {
    if (!quarter || !product_model || !fault_code)
      throw new FilterError('source flag: give quarter, product_model and fault_code of the flag');
    const flags = await readQualityFlags(db, quarter);
    if (!flags.some((f) => f.product_model === product_model && f.fault_code === fault_code)) {
      throw new FilterError(`no quality flag for ${product_model} ${fault_code} in ${quarter}`);
    }
    problem = { model: product_model, fault: fault_code, ref: flags[0].quarter };
  } else {
    if (!alert_id) throw new FilterError('source alert: give alert_id');
    const [al] = await db.all<{ product_model: string; fault_code: string }>(
      `select product_model, fault_code from early_warning_alerts where alert_id = $1`,
      [alert_id],
    );
    if (!al) throw new StateError(`early warning ${alert_id} does not exist`, 404);
    problem = { model: al.product_model, fault: al.fault_code, ref: String(alert_id) };
  }
  const id = await db.write(async (conn) => {
    const set = { status: 'open', ...fields } as Record<string, string | null>;
    const names = Object.keys(set);
    const reader = await conn.run(
      `insert into corrective_actions (source, source_ref, product_model, fault_code, created_by, created_at, updated_at, ${names.join(', ')})
       values ($1, $2, $3, $4, $5, now(), now(), ${names.map((_, i) => `$${i + 6}`).join(', ')}) returning action_id`,
      [source, problem.ref, problem.model, problem.fault, username, ...names.map((n) => set[n] ?? null)] as never,
    );
    const newId = Number((await reader.getRowObjectsJS())[0].action_id);
    await conn.run(`insert into corrective_action_history values ($1, now(), $2, 'created', null, $3)`, [
      newId,
      username,
      `${source} ${problem.ref}: ${problem.model} ${problem.fault}`,
    ] as never);
    if (source === 'alert') {
      const [{ state }] = (await (
        await conn.run(`select state from early_warning_alerts where alert_id = $1`, [alert_id!])
      ).getRowObjectsJS()) as { state: AlertState }[];
      if (!endedStates.includes(state) && state !== 'in_action' && alertTransitions[state].includes('in_action')) {
        await conn.run(`update early_warning_alerts set state = 'in_action', updated_at = now() where alert_id = $1`, [alert_id!]);
        await conn.run(`insert into early_warning_events values ($1, now(), $2, $3, 'in_action', null, $4)`, [
          alert_id!,
          username,
          state,
          `corrective action ${newId}`,
        ] as never);
      }
    }
    return newId;
  });
  return (await readAction(db, id))!;
}

/** Changes the given fields, one history row per field that changed. A new effective date is a new fix: came_back clears. */
export async function updateAction(db: Warehouse, id: number, changes: ActionChanges, username: string): Promise<CorrectiveAction> {
  checkChanges(changes);
  await db.write(async (conn) => {
    const [old] = (await (
      await conn.run(`select ${columns} from corrective_actions where action_id = $1`, [id])
    ).getRowObjectsJS()) as unknown as Record<string, string | null>[];
    if (!old) throw new StateError(`corrective action ${id} does not exist`, 404);
    for (const [k, v] of Object.entries(changes) as [EditableField, string | null][]) {
      const before = old[k] ?? null;
      const after = v ?? null;
      if (before === after) continue;
      await conn.run(`update corrective_actions set ${k} = $1, updated_at = now() where action_id = $2`, [after, id] as never);
      await conn.run(`insert into corrective_action_history values ($1, now(), $2, $3, $4, $5)`, [id, username, k, before, after] as never);
      if (k === 'effective_date' && old.came_back_at)
        await conn.run(`update corrective_actions set came_back_at = null where action_id = $1`, [id]);
    }
  });
  return (await readAction(db, id))!;
}

export async function addComment(db: Warehouse, id: number, body: string, username: string): Promise<void> {
  if (!body.trim()) throw new FilterError('body: a comment cannot be empty');
  await db.write(async (conn) => {
    const [a] = await (await conn.run(`select action_id from corrective_actions where action_id = $1`, [id])).getRowObjectsJS();
    if (!a) throw new StateError(`corrective action ${id} does not exist`, 404);
    await conn.run(`insert into corrective_action_comments values ($1, now(), $2, $3)`, [id, username, body] as never);
    await conn.run(`insert into corrective_action_history values ($1, now(), $2, 'comment', null, $3)`, [id, username, body] as never);
  });
}

type StoredAction = Omit<CorrectiveAction, 'proof'>;

export async function listActions(
  db: Warehouse,
  f: { status?: string[]; outcome?: string[]; product_model?: string[]; fault_code?: string[] } = {},
): Promise<CorrectiveAction[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const k of ['status', 'product_model', 'fault_code'] as const) {
    if (!f[k]?.length) continue;
    where.push(`${k} in (${f[k]!.map((x) => `$${params.push(x)}`).join(', ')})`);
  }
  const rows = await db.all<StoredAction>(
    `select ${columns} from corrective_actions ${where.length ? `where ${where.join(' and ')}` : ''} order by action_id desc`,
    params,
  );
  const out: CorrectiveAction[] = [];
  for (const r of rows) out.push({ ...r, proof: await proofOfFix(db, r) });
  return f.outcome?.length ? out.filter((a) => f.outcome!.includes(a.proof.outcome)) : out;
}

export interface ActionDetail extends CorrectiveAction {
  history: { happened_at: string; username: string; field: string; old_value: string | null; new_value: string | null }[];
  comments: { happened_at: string; username: string; body: string }[];
}

export async function readAction(db: Warehouse, id: number): Promise<ActionDetail | undefined> {
  const [a] = await db.all<StoredAction>(`select ${columns} from corrective_actions where action_id = $1`, [id]);
  if (!a) return undefined;
  const history = await db.all<ActionDetail['history'][number]>(
    `select strftime(happened_at, '%Y-%m-%dT%H:%M:%SZ') as happened_at, username, field, old_value, new_value from corrective_action_history where action_id = $1 order by happened_at, rowid`,
    [id],
  );
  const comments = await db.all<ActionDetail['comments'][number]>(
    `select strftime(happened_at, '%Y-%m-%dT%H:%M:%SZ') as happened_at, username, body from corrective_action_comments where action_id = $1 order by happened_at, rowid`,
    [id],
  );
  return { ...a, proof: await proofOfFix(db, a), history, comments };
}

/** A proof of fix's facts before any is known (each outcome sets its own). */
export const noProofFacts = {
  exposure_basis: null,
  before: null,
  after: null,
  rate_before: null,
  rate_after: null,
  rate_ratio: null,
  interval: null,
  p_value: null,
  pending: null,
  min_after_days: null,
  judged_from: null,
  came_back_on: null,
} as const;

/** The proof of fix of one action (see the top of this file). */
export async function proofOfFix(
  db: Warehouse,
  a: Pick<StoredAction, 'product_model' | 'fault_code' | 'effective_date' | 'came_back_at'>,
): Promise<ProofOfFix> {
  if (a.came_back_at) return { ...noProofFacts, outcome: 'came_back', came_back_on: a.came_back_at.slice(0, 10) };
  const { minAfterDays, beforeDays } = db.settings.proofOfFix;
  if (!a.effective_date) return { ...noProofFacts, outcome: 'too_early', pending: 'no_effective_date' };
  const e = a.effective_date;
  const [{ last_day }] = await db.all<{ last_day: string | null }>(
    `select strftime(max(opened_date), '%Y-%m-%d') as last_day from marts.tickets where is_counted`,
  );
  const judgedFrom = addDays(e, minAfterDays);
  if (!last_day || last_day < judgedFrom) {
    return { ...noProofFacts, outcome: 'too_early', pending: 'window', min_after_days: minAfterDays, judged_from: judgedFrom };
  }
  // One series has one basis: per unit of the early warning's exposure when the model has units, else per ticket.
  const [w] = await db.all<{
    basis: ExposureBasis | null;
    bt: number | null;
    be: number | null;
    bf: string | null;
    bl: string | null;
    at: number | null;
    ae: number | null;
    af: string | null;
  }>(
    `select any_value(exposure_basis) as basis,
            sum(tickets) filter (where before)::integer as bt, sum(counted_against) filter (where before)::double as be,
            strftime(min(period_start) filter (where before), '%Y-%m-%d') as bf, strftime(max(period_start) filter (where before) + 6, '%Y-%m-%d') as bl,
            sum(tickets) filter (where after)::integer as at, sum(counted_against) filter (where after)::double as ae,
            strftime(min(period_start) filter (where after), '%Y-%m-%d') as af
     from (select *, period_start >= $3::date - $4::integer and period_start + 7 <= $3::date as before, period_start >= $3::date as after,
                  case exposure_basis when 'units' then exposure else model_tickets end as counted_against
           from metrics.early_warnings where grain = 'week' and product_model = $1 and fault_code = $2)`,
    [a.product_model, a.fault_code, e, beforeDays],
  );
  const basis = w.basis ?? 'tickets';
  if (!w.be || !w.ae) return { ...noProofFacts, outcome: 'too_early', exposure_basis: basis, pending: 'no_exposure' };
  const c = comparePoissonRates(w.at ?? 0, w.ae, w.bt ?? 0, w.be);
  const before = { from: w.bf!, to: w.bl!, tickets: w.bt ?? 0, exposure: w.be };
  const after = { from: w.af!, to: last_day, tickets: w.at ?? 0, exposure: w.ae };
  return {
    ...noProofFacts,
    outcome: c.interval[1] < 1 ? 'effective' : 'not_shown_effective',
    exposure_basis: basis,
    before,
    after,
    rate_before: before.tickets / before.exposure,
    rate_after: after.tickets / after.exposure,
    rate_ratio: c.rateRatio,
    interval: c.interval,
    p_value: c.pValue,
  };
}
