// The dimension filters of a query string (`region=华东,华北`, `severity=1,2`), the same schema on every route:
// numeric dimensions take whole numbers only, so a malformed value is a 400 naming the parameter, not a failed cast.
import { Type } from 'typebox';

const numeric: ReadonlySet<string> = new Set(['severity', 'score']);

/** Optional comma-separated filters, one per name. */
export const filterParams = <D extends string>(names: readonly D[]) =>
  Object.fromEntries(
    names.map((d) => [
      d,
      Type.Optional(
        numeric.has(d)
          ? Type.String({
              pattern: '^\\d{1,9}(,\\d{1,9})*$',
              description: `only rows with these ${d} values (whole numbers), comma-separated`,
            })
          : Type.String({ maxLength: 2000, description: `only rows with these ${d} values, comma-separated` }),
      ),
    ]),
  ) as Record<D, ReturnType<typeof Type.Optional<ReturnType<typeof Type.String>>>>;
