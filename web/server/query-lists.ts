// Query-string lists: `region=华东,华北` -> ['华东', '华北'], and the filters of a query by dimension name.
export const splitList = (v: unknown): string[] | undefined => (typeof v === 'string' && v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

export function filtersFrom<D extends string>(query: object, names: readonly D[]): Partial<Record<D, string[]>> {
  const filters: Partial<Record<D, string[]>> = {};
  for (const d of names) {
    const values = splitList((query as Record<string, unknown>)[d]);
    if (values) filters[d] = values;
  }
  return filters;
}
