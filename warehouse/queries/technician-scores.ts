// technician_score: each technician's assessment score for a period (quarter or month). The score, its
// components, grade, ranks and the period before are computed in warehouse/metrics/technician_score.sql from the
// facts in metrics.technician_score_facts and the configuration (main.settings.technician_score); this reads a
// period's rows, shapes each component and filters by region, team and technician (the ranks stay the company's).
// Each refresh stores every quarter's and month's scores that have facts (rollups.technician_scores, from the
// macro itself): a period's scores cost a pass over its facts and the period before (1–2 CPU-s at 5 M tickets),
// and a technician's trend asks for four quarters at once. A period without stored scores is computed.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { parsePeriod as parseAnyPeriod } from '../../contract/period/period.ts';
import { rollupSchema, storedKeys } from './metric-rollups.ts';

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
  /** The installer's part, when projects the technician installed were accepted in the period: how many, their mean
   *  score, the weight (settings installationScore.scorecardWeight; 0: shown, not counted) and the points (weight ×
   *  mean ÷ 100). With weight > 0 the other components are scaled to 100 − weight points and these points added. */
  installation: { projects: number; mean_score: number; weight: number; points: number } | null;
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

/** '2025Q3' / '2025-Q3' or '2025-07': the period's key and days (scores are by quarter or month). */
export function parsePeriod(text: string): Period {
  const { key, from, to } = parseAnyPeriod(text, ['quarter', 'month']);
  return { key, from, to };
}

type ScoreRow = Pick<
  TechnicianScore,
  | 'period'
  | 'technician_id'
  | 'name'
  | 'region'
  | 'team'
  | 'tickets'
  | 'total'
  | 'status'
  | 'grade'
  | 'rank'
  | 'rank_in_region'
  | 'rank_in_team'
  | 'previous_total'
  | 'previous_rank'
> & {
  installation_projects: number | null;
  installation_mean_score: number | null;
  installation_points: number | null;
  installation_weight: number;
  verified_complaints: number;
  discipline_points: number;
} & Record<
    `${RateComponent}_${'n' | 'k' | 'rate' | 'wilson_low' | 'wilson_high' | 'expected_rate' | 'observed_expected' | 'points'}`,
    number | null
  > &
  Record<`${RateComponent}_fallback`, boolean>;

/** The stored scores: the macro's rows of every period with facts, made by each refresh (storeScoresSql). */
export const storedScoresTable = `${rollupSchema}.technician_scores`;

/**
 * The refresh's statements, after the macro is made: the periods with facts (quarters and months, in the macro's
 * keys '2025-Q3' and '2025-07'), then each one's scores stored, the period written as the macro writes it.
 */
export const scorePeriodsSql = `select distinct unnest([year(day)::varchar || '-Q' || quarter(day)::varchar, strftime(day, '%Y-%m')]) as k
  from (select distinct day from metrics.technician_score_facts) order by k`;
export function storeScoresSql(period: string, first: boolean): string {
  // Keys come from the warehouse's own dates, in the two shapes above; checked so that nothing else is written in.
  if (!/^\d{4}-(Q[1-4]|\d{2})$/.test(period)) throw new Error(`not a score period: ${period}`);
  const scores = `select * from metrics.technician_score('${period}')`;
  return first ? `create table ${storedScoresTable} as ${scores}` : `insert into ${storedScoresTable} ${scores}`;
}

export function readTechnicianScores(
  db: Warehouse,
  q: { period: string; region?: string[]; team?: string[]; technician_id?: string[] },
): Promise<readonly TechnicianScore[]> {
  // The company's scores of a period are computed once (the ranks are the company's whatever the filter) and
  // shared by every region, team and technician asked for afterwards: a technician's trend reads four periods.
  const period = parsePeriod(q.period);
  const company = db.cache.get(`technician-scores:${period.key}`, async () => {
    const stored = (await storedKeys(db, 'technician_scores', 'period')).has(period.key);
    const rows = (
      await (stored
        ? sql<ScoreRow>`select * from ${sql.table(storedScoresTable)} where period = ${period.key} order by rank nulls last, technician_id`
        : sql<ScoreRow>`select * from metrics.technician_score(${period.key}) order by rank nulls last, technician_id`
      ).execute(db.kysely)
    ).rows;
    return Object.freeze(rows.map((r) => Object.freeze(scoreOf(r))));
  });
  const among = (values: string[] | undefined, value: string | null) => !values?.length || (value !== null && values.includes(value));
  return company.then((rows) =>
    q.region?.length || q.team?.length || q.technician_id?.length
      ? Object.freeze(rows.filter((r) => among(q.region, r.region) && among(q.team, r.team) && among(q.technician_id, r.technician_id)))
      : rows,
  );
}

function scoreOf(r: ScoreRow): TechnicianScore {
  const rate = (c: RateComponent): RateScore => ({
    n: r[`${c}_n`]!,
    k: r[`${c}_k`]!,
    rate: r[`${c}_rate`],
    wilson: r[`${c}_wilson_low`] === null ? null : [r[`${c}_wilson_low`]!, r[`${c}_wilson_high`]!],
    expected_rate: r[`${c}_expected_rate`],
    observed_expected: r[`${c}_observed_expected`],
    points: r[`${c}_points`]!,
    fallback: r[`${c}_fallback`],
  });
  return {
    period: r.period,
    technician_id: r.technician_id,
    name: r.name,
    region: r.region,
    team: r.team,
    tickets: r.tickets,
    satisfaction: rate('satisfaction'),
    timeliness: rate('timeliness'),
    first_time_fix: rate('first_time_fix'),
    discipline: { verified_complaints: r.verified_complaints, points: r.discipline_points },
    total: r.total,
    status: r.status,
    grade: r.grade,
    rank: r.rank,
    rank_in_region: r.rank_in_region,
    rank_in_team: r.rank_in_team,
    previous_total: r.previous_total,
    previous_rank: r.previous_rank,
    installation: r.installation_projects
      ? {
          projects: r.installation_projects,
          mean_score: r.installation_mean_score!,
          weight: r.installation_weight,
          points: r.installation_points!,
        }
      : null,
  };
}
