// technician_score: each technician's assessment score for a period (quarter or month), from the facts in
// metrics.technician_score_facts and the weights in the configuration (main.settings.technician_score).
// For satisfaction, timeliness and first-time fix: the rate with its count and 95 % Wilson interval, the
// rate expected for the technician's case mix (the average rate of all technicians on tickets of the same
// severity, product line and service type, summed over the technician's own tickets) and observed ÷ expected.
// Points: weight × rate; a technician with no fact for a component gets the company's rate for it (neutral,
// marked `fallback`). Discipline: weight − deduction × verified complaints, not below 0. Fewer counted tickets
// than minTickets: "insufficient data", neither graded nor ranked. Ranks: 1 = best, ties share a rank.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import type { TechnicianScoreSettings } from '../config/config.ts';
import { FilterError } from './filter-error.ts';
import { parseQuarterKey, quarterKeysBefore } from './quarters.ts';
import { wilsonInterval } from './wilson.ts';

export const rateComponents = ['satisfaction', 'timeliness', 'first_time_fix'] as const;
export type RateComponent = (typeof rateComponents)[number];

export interface RateScore {
  n: number;
  k: number;
  rate: number | null;
  wilson: [number, number] | null;
  expected_rate: number | null;
  observed_expected: number | null;
  points: number;
  /** No fact in the period: the company's rate stood in. */
  fallback: boolean;
}

export interface TechnicianScore {
  period: string;
  technician_id: string;
  name: string | null;
  region: string | null;
  team: string | null;
  tickets: number;
  satisfaction: RateScore;
  timeliness: RateScore;
  first_time_fix: RateScore;
  discipline: { verified_complaints: number; points: number };
  /** The installer's part (settings installationScore.scorecardWeight > 0, and projects accepted in the period):
   *  the other components are scaled to 100 − weight points, and weight × mean project score ÷ 100 is added. */
  installation: { projects: number; mean_score: number; points: number } | null;
  total: number;
  status: 'scored' | 'insufficient_data';
  grade: string | null;
  rank: number | null;
  rank_in_region: number | null;
  rank_in_team: number | null;
  previous_total: number | null;
  previous_rank: number | null;
}

export interface Period {
  key: string;
  from: string;
  to: string;
}

/** '2025Q3' / '2025-Q3' or '2025-07': the period's key and days. */
export function parsePeriod(text: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (m) {
    const y = Number(m[1]);
    const mm = Number(m[2]);
    if (mm < 1 || mm > 12) throw new FilterError(`"${text}" is not a month; write it like 2025-07`);
    const last = new Date(Date.UTC(y, mm, 0)).getUTCDate();
    return { key: `${m[1]}-${m[2]}`, from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${last}` };
  }
  if (!/^\d{4}-?Q[1-4]$/i.test(text.trim())) throw new FilterError(`"${text}" is neither a quarter (2025Q3) nor a month (2025-07)`);
  const q = parseQuarterKey(text);
  return { key: q.key, from: q.from, to: q.to };
}

export function previousPeriod(p: Period): Period {
  if (/Q/.test(p.key)) return parsePeriod(quarterKeysBefore(p.key, 1)[0]);
  const [y, m] = p.key.split('-').map(Number);
  return parsePeriod(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
}

interface FactRow {
  technician_id: string;
  component: string;
  n: number;
  k: number;
  expected_k: number | null;
  region: string | null;
}

export async function readScoreSettings(db: Warehouse): Promise<TechnicianScoreSettings> {
  const [row] = await db.all<{ s: string }>('select technician_score::varchar as s from main.settings');
  return JSON.parse(row.s) as TechnicianScoreSettings;
}

export function readTechnicianScores(db: Warehouse, q: { period: string; region?: string[]; team?: string[]; technician_id?: string[] }): Promise<readonly TechnicianScore[]> {
  return db.cache.get(`technician-scores:${JSON.stringify(q)}`, async () => {
    const period = parsePeriod(q.period);
    const [now, before] = await Promise.all([scoresOf(db, period), scoresOf(db, previousPeriod(period))]);
    const previous = new Map(before.map((s) => [s.technician_id, s]));
    const keep = (s: TechnicianScore) =>
      (!q.region?.length || q.region.includes(s.region ?? '')) &&
      (!q.team?.length || q.team.includes(s.team ?? '')) &&
      (!q.technician_id?.length || q.technician_id.includes(s.technician_id));
    return Object.freeze(
      now.filter(keep).map((s) => Object.freeze({ ...s, previous_total: previous.get(s.technician_id)?.total ?? null, previous_rank: previous.get(s.technician_id)?.rank ?? null })),
    );
  });
}

/** Every technician's score in a period, computed once per refresh whatever the filters asked of it. */
function scoresOf(db: Warehouse, period: Period): Promise<readonly TechnicianScore[]> {
  return db.cache.get(`technician-scores-of:${period.key}`, async () => scorePeriod(db, period, await readScoreSettings(db)));
}

async function scorePeriod(db: Warehouse, period: Period, settings: TechnicianScoreSettings): Promise<TechnicianScore[]> {
  const installWeight = db.settings.installationScore?.scorecardWeight ?? 0;
  const [facts, register, installs] = await Promise.all([
    sql<FactRow>`
      with f as (
        select * from metrics.technician_score_facts where day between ${period.from}::date and ${period.to}::date
      ),
      rated as (
        select *, avg(numerator) over (partition by component, severity, product_line, service_type) as cell_rate
        from f where component in ('satisfaction', 'timeliness', 'first_time_fix')
      )
      select technician_id, component, count(*)::integer as n, sum(numerator)::double as k, sum(cell_rate) as expected_k, null as region
      from rated group by all
      union all
      -- The region most of a technician's tickets are in stands in when the register has none.
      select technician_id, component, count(*)::integer, sum(numerator)::double, null, mode(region)
      from f where component in ('complaint', 'ticket') group by all`.execute(db.kysely),
    sql<{ technician_id: string; name: string | null; region: string | null; team: string | null }>`
      select technician_id, name, region, team from staging.stg_technicians`.execute(db.kysely),
    // Each project counts for every technician of its crew (the acceptance's technician_ids, else the ticket's).
    installWeight > 0
      ? sql<{ technician_id: string; projects: number; mean_score: number }>`
          select trim(t.technician_id) as technician_id, count(*)::integer as projects, avg(t.score) as mean_score
          from (select unnest(string_split(coalesce(technician_ids, technician_id), ';')) as technician_id, score
                from marts.installation_scores where day between ${period.from}::date and ${period.to}::date) t
          where trim(t.technician_id) <> '' group by all`.execute(db.kysely)
      : Promise.resolve({ rows: [] as { technician_id: string; projects: number; mean_score: number }[] }),
  ]);
  const installed = new Map(installs.rows.map((r) => [r.technician_id, r]));
  const registered = new Map(register.rows.map((t) => [t.technician_id, t]));
  const byTech = new Map<string, Map<string, FactRow>>();
  for (const f of facts.rows) {
    if (!byTech.has(f.technician_id)) byTech.set(f.technician_id, new Map());
    byTech.get(f.technician_id)!.set(f.component, f);
  }
  const companyRate = Object.fromEntries(
    rateComponents.map((c) => {
      const rows = facts.rows.filter((f) => f.component === c);
      const n = rows.reduce((a, f) => a + f.n, 0);
      return [c, n ? rows.reduce((a, f) => a + f.k, 0) / n : 0];
    }),
  ) as Record<RateComponent, number>;

  const scores = [...byTech.entries()].map(([technicianId, mine]) => {
    const p = registered.get(technicianId) ?? { technician_id: technicianId, name: null, region: null, team: null };
    const rate = (c: RateComponent): RateScore => {
      const f = mine.get(c);
      const weight = settings.weights[c];
      if (!f || f.n === 0) return { n: 0, k: 0, rate: null, wilson: null, expected_rate: null, observed_expected: null, points: weight * companyRate[c], fallback: true };
      const r = f.k / f.n;
      const expected = f.expected_k === null ? null : f.expected_k / f.n;
      return { n: f.n, k: f.k, rate: r, wilson: wilsonInterval(f.k, f.n), expected_rate: expected, observed_expected: expected ? r / expected : null, points: weight * r, fallback: false };
    };
    const complaints = mine.get('complaint')?.k ?? 0;
    const tickets = mine.get('ticket')?.n ?? 0;
    const satisfaction = rate('satisfaction');
    const timeliness = rate('timeliness');
    const firstTimeFix = rate('first_time_fix');
    const discipline = { verified_complaints: complaints, points: Math.max(0, settings.weights.discipline - settings.complaintDeduction * complaints) };
    const base = satisfaction.points + timeliness.points + firstTimeFix.points + discipline.points;
    const mineInstalled = installed.get(technicianId);
    const installation = mineInstalled ? { projects: mineInstalled.projects, mean_score: mineInstalled.mean_score, points: (installWeight * mineInstalled.mean_score) / 100 } : null;
    const total = installation ? (base * (100 - installWeight)) / 100 + installation.points : base;
    const sufficient = tickets >= settings.minTickets;
    return {
      period: period.key,
      technician_id: technicianId,
      name: p.name,
      region: p.region ?? mine.get('ticket')?.region ?? mine.get('complaint')?.region ?? null,
      team: p.team,
      tickets,
      satisfaction,
      timeliness,
      first_time_fix: firstTimeFix,
      discipline,
      installation,
      total,
      status: sufficient ? 'scored' : 'insufficient_data',
      grade: sufficient ? gradeOf(total, settings) : null,
      rank: null,
      rank_in_region: null,
      rank_in_team: null,
      previous_total: null,
      previous_rank: null,
    } as TechnicianScore;
  });
  const ranked = scores.filter((s) => s.status === 'scored');
  assignRanks(ranked, () => 'all', (s, r) => (s.rank = r));
  assignRanks(ranked, (s) => s.region ?? '', (s, r) => (s.rank_in_region = r));
  assignRanks(ranked.filter((s) => s.team), (s) => s.team ?? '', (s, r) => (s.rank_in_team = r));
  return scores.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.technician_id.localeCompare(b.technician_id));
}

export function gradeOf(total: number, settings: Pick<TechnicianScoreSettings, 'grades' | 'fallbackGrade'>): string {
  // A hair of tolerance so 90 computed as 89.99999999 is still an A.
  return settings.grades.find((g) => total + 1e-9 >= g.min)?.grade ?? settings.fallbackGrade;
}

/** Competition ranking within each group: equal totals share a rank, the next rank skips (1, 2, 2, 4). */
function assignRanks(scores: TechnicianScore[], groupOf: (s: TechnicianScore) => string, set: (s: TechnicianScore, rank: number) => void) {
  const groups = new Map<string, TechnicianScore[]>();
  for (const s of scores) groups.set(groupOf(s), [...(groups.get(groupOf(s)) ?? []), s]);
  for (const members of groups.values()) {
    const sorted = [...members].sort((a, b) => b.total - a.total);
    sorted.forEach((s, i) => set(s, i > 0 && Math.abs(s.total - sorted[i - 1].total) < 1e-9 ? rankOf(sorted, i) : i + 1));
  }
}

function rankOf(sorted: TechnicianScore[], i: number): number {
  let j = i;
  while (j > 0 && Math.abs(sorted[j - 1].total - sorted[i].total) < 1e-9) j--;
  return j + 1;
}
