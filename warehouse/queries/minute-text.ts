// Times leave the warehouse as text to the minute ('2025-07-10 09:00'), the same in every answer and export.
import { sql, type RawBuilder } from 'kysely';

/** A column name (optionally qualified, 'c.received_at') or an expression, formatted to the minute. */
export const minuteText = (column: string | RawBuilder<unknown>): RawBuilder<string> =>
  sql<string>`strftime(${typeof column === 'string' ? sql.ref(column) : column}, '%Y-%m-%d %H:%M')`;
