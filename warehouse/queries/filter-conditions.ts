// The where-clause every reader shares: the period on `day` (inclusive) and dimension filters, each value bound.
import { sql, type RawBuilder } from 'kysely';
import type { Dimension } from './metric-dimensions.ts';
import { FilterError } from '../../contract/period/filter-error.ts';

export interface PeriodFilter {
  /** First and last day, inclusive, 'YYYY-MM-DD'. */
  from?: string;
  to?: string;
  filters?: Partial<Record<Dimension, string[]>>;
}

/** Conditions on `day` and the filtered dimensions; a dimension outside `allowed` is an error naming both. */
export function filterConditions(q: PeriodFilter, allowed: readonly string[], what: string): RawBuilder<unknown> {
  const c: RawBuilder<unknown>[] = [sql`true`];
  if (q.from) c.push(sql`day >= ${q.from}::date`);
  if (q.to) c.push(sql`day <= ${q.to}::date`);
  for (const [dim, values] of Object.entries(q.filters ?? {})) {
    if (!allowed.includes(dim)) throw new FilterError(`${what} has no dimension "${dim}"; it has: ${allowed.join(', ')}`);
    if (values?.length) c.push(sql`${sql.ref(dim)} in (${sql.join(values)})`);
  }
  return sql.join(c, sql` and `);
}

/** Whether a query asks for every row: no period and no dimension narrowed. */
export const coversEverything = (q: PeriodFilter): boolean =>
  !q.from && !q.to && Object.values(q.filters ?? {}).every((values) => !values?.length);
