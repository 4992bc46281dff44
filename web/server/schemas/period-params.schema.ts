// Days and periods in query strings and bodies, the same pattern on every route.
import { Type } from 'typebox';
import { monthPattern, quarterPattern } from '../../../contract/period/period.ts';

/** YYYY-MM-DD: from, to, as_of, open_on. */
export const isoDate = Type.String({ format: 'date', description: 'YYYY-MM-DD (a day of the calendar), inclusive' });

/** A quarter: 2025Q3 or 2025-Q3. */
export const quarterParam = (description = 'a quarter, e.g. 2025Q3') => Type.String({ pattern: quarterPattern, description });

/** A quarter (2025Q3) or a month (2025-07). */
export const periodParam = (description = 'a quarter (2025Q3) or a month (2025-07)') =>
  Type.String({ pattern: `${quarterPattern}|${monthPattern}`, description });
