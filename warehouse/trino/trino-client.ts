// A Trino client over its plain HTTP protocol (the one every Trino client speaks): POST the statement to
// /v1/statement, then follow nextUri until the answer has none; rows arrive in pages on the way. No dependency:
// Node's fetch. Names, session properties and prepared statements go in the X-Trino-* headers; the readers' values
// are bound to a prepared statement (EXECUTE … USING, as Trino's own clients bind them), never written into its text.
export interface TrinoOptions {
  /** The coordinator, such as http://127.0.0.1:18080. */
  url: string;
  user?: string;
  catalog?: string;
  schema?: string;
  /** The session's time zone: what current_date, casts to date and the like use (IANA name). */
  timeZone?: string;
  /** Session properties (X-Trino-Session). */
  session?: Record<string, string>;
  /** Prepared statements by name (X-Trino-Prepared-Statement), run with `execute <name> using <values>`. */
  preparedStatements?: Record<string, string>;
}

export interface TrinoColumn {
  name: string;
  type: string;
}

export interface TrinoResult {
  columns: TrinoColumn[];
  rows: unknown[][];
}

export class TrinoError extends Error {
  constructor(
    message: string,
    readonly sql: string,
    readonly errorName?: string,
  ) {
    super(message);
  }
}

interface StatementAnswer {
  nextUri?: string;
  columns?: TrinoColumn[];
  data?: unknown[][];
  error?: { message: string; errorName?: string };
}

function headersOf(o: TrinoOptions): Record<string, string> {
  const h: Record<string, string> = { 'X-Trino-User': o.user ?? 'aftersight' };
  if (o.catalog) h['X-Trino-Catalog'] = o.catalog;
  if (o.schema) h['X-Trino-Schema'] = o.schema;
  if (o.timeZone) h['X-Trino-Time-Zone'] = o.timeZone;
  const session = Object.entries(o.session ?? {});
  if (session.length) h['X-Trino-Session'] = session.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join(',');
  const prepared = Object.entries(o.preparedStatements ?? {});
  if (prepared.length) h['X-Trino-Prepared-Statement'] = prepared.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join(',');
  return h;
}

/** Runs one statement to its end and returns its columns and rows (values as Trino's JSON gives them). */
export async function trinoQuery(o: TrinoOptions, sql: string): Promise<TrinoResult> {
  const headers = headersOf(o);
  const res = await fetch(`${o.url}/v1/statement`, { method: 'POST', body: sql, headers });
  if (!res.ok) throw new TrinoError(`Trino answered ${res.status}: ${await res.text()}`, sql);
  let answer = (await res.json()) as StatementAnswer;
  const rows: unknown[][] = [];
  let columns: TrinoColumn[] = [];
  for (;;) {
    if (answer.error) throw new TrinoError(answer.error.message, sql, answer.error.errorName);
    if (answer.columns) columns = answer.columns.map((c) => ({ name: c.name, type: c.type }));
    if (answer.data) rows.push(...answer.data);
    if (!answer.nextUri) break;
    // The server holds each request until it has news (long polling): no sleep between them.
    const next = await fetch(answer.nextUri, { headers });
    if (!next.ok) throw new TrinoError(`Trino answered ${next.status}: ${await next.text()}`, sql);
    answer = (await next.json()) as StatementAnswer;
  }
  return { columns, rows };
}

/** Rows as objects keyed by column name. */
export async function trinoRows<T = Record<string, unknown>>(o: TrinoOptions, sql: string): Promise<T[]> {
  const r = await trinoQuery(o, sql);
  return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, row[i]])) as T);
}

/** The coordinator's /v1/info, or undefined when nothing answers at the URL within the time given. */
export async function trinoInfo(
  url: string,
  timeoutMs = 2000,
): Promise<{ nodeVersion: { version: string }; starting: boolean } | undefined> {
  try {
    const res = await fetch(`${url}/v1/info`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? ((await res.json()) as { nodeVersion: { version: string }; starting: boolean }) : undefined;
  } catch {
    return undefined;
  }
}
