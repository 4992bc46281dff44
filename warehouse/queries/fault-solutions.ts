// fault_solutions: for each fault, the solutions used, how often, and how often each held (no same-fault repeat
// within the window). The best solution of a fault is the one that held most often among those with at least
// `minKnown` outcomes known, so one lucky fix does not top the table.
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { engineRows } from './engine-rows.ts';
import { filterConditions, type PeriodFilter } from './filter-conditions.ts';
import { dimensions } from './metric-dimensions.ts';

export interface FaultSolution {
  fault_code: string;
  solution: string;
  solution_text: string | null;
  uses: number;
  /** uses ÷ all uses for the fault */
  share: number;
  /** uses whose outcome is known: came back, or the window has run out */
  known: number;
  held: number;
  came_back: number;
  held_rate: number | null;
  best: boolean;
}

export const faultSolutionDimensions = [...dimensions, 'fault_code'] as const;
export const minKnownForBest = 5;

export function readFaultSolutions(db: Warehouse, q: PeriodFilter): Promise<readonly FaultSolution[]> {
  return db.cache.get(`fault-solutions:${JSON.stringify(q)}`, async () => {
    const where = filterConditions(q, faultSolutionDimensions, 'fault_solutions');
    const rows = await engineRows(
      db,
      sql<FaultSolution>`
      with used as (
        select fault_code, solution, any_value(solution_text) as solution_text,
               count(*)::integer as uses,
               count(*) filter (where is_known)::integer as known,
               count(*) filter (where held)::integer as held,
               count(*) filter (where came_back)::integer as came_back
        from metrics.fault_solutions where ${where} group by fault_code, solution
      ),
      rated as (
        select *, uses / sum(uses) over (partition by fault_code) as share,
               case when known > 0 then held / known end as held_rate
        from used
      )
      select *, held_rate is not null and known >= ${minKnownForBest}
                and row_number() over (partition by fault_code order by (known >= ${minKnownForBest}) desc, held_rate desc nulls last, uses desc, solution) = 1 as best
      from rated
      order by fault_code, held_rate desc nulls last, uses desc, solution`,
      ['metrics.fault_solutions'],
    );
    return Object.freeze(rows.map((r) => Object.freeze(r)));
  });
}
