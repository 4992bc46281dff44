import { CodedError } from './api-error.ts';

// Query-string lists: `region=华东,华北` -> ['华东', '华北'], and the filters of a query by dimension name.
export const splitList = (v: unknown): string[] | undefined =>
  typeof v === 'string' && v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/** A list parameter whose values must be among `allowed`; another value is a 400 naming the parameter and the value. */
export function knownList(name: string, value: unknown, allowed: readonly string[]): string[] | undefined {
  const list = splitList(value);
  const bad = list?.find((v) => !allowed.includes(v));
  if (bad !== undefined) throw new CodedError(400, 'not_one_of', { name, value: bad, allowed });
  return list;
}

export function filtersFrom<D extends string>(query: object, names: readonly D[]): Partial<Record<D, string[]>> {
  const filters: Partial<Record<D, string[]>> = {};
  for (const d of names) {
    const values = splitList((query as Record<string, unknown>)[d]);
    if (values) filters[d] = values;
  }
  return filters;
}
