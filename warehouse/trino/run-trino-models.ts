// The models on Trino: the same staging -> marts -> metrics .sql files a DuckDB refresh runs, over a lake export
// registered in Trino's Hive catalog. Each model has one source, its DuckDB file; warehouse/trino/transpile.py
// (sqlglot) turns it into Trino SQL as it runs, with the few differences sqlglot does not cover rewritten there.
// As in DuckDB, staging and metrics are views and marts are tables (here Parquet tables of the Hive catalog).
//
// Schemas, all in the Hive catalog and all named with one prefix (one lake per prefix):
//   <prefix>lake_raw, <prefix>lake_settings   the export's files as external tables (trino-lake.ts)
//   <prefix>raw, <prefix>main                 views giving them the warehouse's types: instants as timestamps
//                                             with time zone in the configured zone, TIME, JSON
//   <prefix>staging, <prefix>marts, <prefix>metrics   the models
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { listModelFiles, type ModelFile } from '../refresh/model-files.ts';
import { quoteIdent, quoteLiteral } from '../db/sql-text.ts';
import { readManifest, type LakeColumn } from '../lake/export-lake.ts';
import { trinoQuery, trinoRows, type TrinoOptions } from './trino-client.ts';
import { registerLake } from './trino-lake.ts';

export interface TrinoModelsOptions {
  trino: TrinoOptions;
  /** A lake export (aftersight export): its raw and settings tables are the models' input. */
  lakeDir: string;
  /** Schema prefix; see above. */
  prefix: string;
  /** The models to build, as `layer.name`, with what they read (default: every model). */
  models?: string[];
  /** Go on after a model fails (its dependents fail too), listing the failures; by default the first failure throws. */
  keepGoing?: boolean;
  /** Models built at once (default 4), each after the models it reads. */
  parallel?: number;
}

export interface TrinoModelTiming {
  model: string;
  layer: string;
  ms: number;
}

export interface TrinoModelsResult {
  models: TrinoModelTiming[];
  /** With keepGoing: the models that failed and Trino's or sqlglot's message. */
  failed: { model: string; error: string }[];
  ms: number;
  /** The columns of the inputs and of every model built, by logical schema (as columnsOf gives them). */
  columns: ModelColumns;
}

/** Columns by logical schema, table and name, in DuckDB's type words. */
export type ModelColumns = Record<string, Record<string, Record<string, string>>>;

const here = path.dirname(fileURLToPath(import.meta.url));

/** The Python with sqlglot: AFTERSIGHT_PYTHON, else the virtual environment bin/trino/cluster.sh install makes. */
export function transpilerPython(): string {
  if (process.env.AFTERSIGHT_PYTHON) return process.env.AFTERSIGHT_PYTHON;
  const home = process.env.AFTERSIGHT_TRINO_HOME || path.join(os.homedir(), '.cache/aftersight/trino');
  const venv = path.join(home, 'py/bin/python');
  return fs.existsSync(venv) ? venv : 'python3';
}

/** The models named and every model they read, in build order. Table macros (with parameters) are left out. */
export function modelsToBuild(targets?: string[]): ModelFile[] {
  const all = listModelFiles().filter((m) => !/^--\s*parameters:/m.test(m.sql));
  if (!targets) return all;
  const byKey = new Map(all.map((m) => [`${m.layer}.${m.name}`, m]));
  const wanted = new Set<string>();
  const visit = (key: string) => {
    if (wanted.has(key)) return;
    const m = byKey.get(key);
    if (!m) throw new Error(`no model ${key}`);
    wanted.add(key);
    for (const ref of readsOf(m)) if (byKey.has(ref)) visit(ref);
  };
  for (const t of targets) visit(t);
  return all.filter((m) => wanted.has(`${m.layer}.${m.name}`));
}

/** Registers the lake's inputs, then builds the models on Trino in order. */
export async function runModelsOnTrino(o: TrinoModelsOptions): Promise<TrinoModelsResult> {
  const started = Date.now();
  const manifest = readManifest(o.lakeDir);
  const timeZone = manifest.timeZone;
  const trino: TrinoOptions = { ...o.trino, catalog: 'hive', timeZone };
  const lakePrefix = `${o.prefix}lake_`;
  const inputs = await registerLake(trino, o.lakeDir, { prefix: lakePrefix, layers: ['raw', 'settings'] });
  const logical: Record<string, string> = {};
  for (const layer of ['raw', 'main', 'staging', 'marts', 'metrics']) logical[layer] = `${o.prefix}${layer}`;
  for (const schema of [...Object.values(logical), `${o.prefix}marts_build`, `${o.prefix}marts_data`])
    await trinoQuery(trino, `create schema if not exists hive.${quoteIdent(schema)}`);
  // The inputs with the warehouse's types, under the names the models use (raw.tickets, main.settings).
  for (const t of inputs) {
    const schema = t.layer === 'raw' ? logical.raw : logical.main;
    const cols = t.columns.map((c) => `${typed(c, timeZone)} as ${quoteIdent(c.name)}`);
    await trinoQuery(
      trino,
      `create or replace view hive.${quoteIdent(schema)}.${quoteIdent(t.name)} as select ${cols.join(', ')} from hive.${quoteIdent(`${lakePrefix}${t.layer}`)}.${quoteIdent(t.name)}`,
    );
  }
  const transpiler = new Transpiler();
  const models: TrinoModelTiming[] = [];
  const failed: TrinoModelsResult['failed'] = [];
  // The columns the models read: every input's once, then each model's own as it is built (listing every view of
  // the schemas again took Trino 9–20 s a model on a loaded machine).
  const schema = await columnsOf(trino, logical);
  const todo = modelsToBuild(o.models);
  const keys = new Set(todo.map((m) => `${m.layer}.${m.name}`));
  // A model starts once every model it reads is built, up to `parallel` at a time: most of a model's time is
  // Trino's round trips (plan, metastore), not work, so independent models overlap well.
  const slots = new Semaphore(o.parallel ?? 4);
  const built = new Map<string, Promise<boolean>>();
  const build = async (m: ModelFile): Promise<boolean> => {
    const key = `${m.layer}.${m.name}`;
    const reads = readsOf(m).filter((r) => keys.has(r));
    const ok = await Promise.all(reads.map((r) => built.get(r)!));
    const missing = reads.filter((_, i) => !ok[i]);
    const name = `hive.${quoteIdent(logical[m.layer])}.${quoteIdent(m.name)}`;
    try {
      if (missing.length) throw new Error(`it reads ${missing.join(', ')}, which failed`);
      await slots.run(async () => {
        const t0 = Date.now();
        const text = m.sql.trim().replace(/;\s*$/, '');
        // The transpiler takes one request at a time (its own queue).
        const sql = await transpiler.transpile(text, schema, logical);
        if (m.layer === 'marts') await materialize(trino, m.name, sql, logical, timeZone);
        else await trinoQuery(trino, `create or replace view ${name} as\n${sql}`);
        const columns = await columnsOfTable(trino, logical[m.layer], m.name);
        schema[m.layer] = schema[m.layer] ?? {};
        schema[m.layer][m.name] = columns; // after the await: models built meanwhile keep their entries
        models.push({ model: m.name, layer: m.layer, ms: Date.now() - t0 });
      });
      return true;
    } catch (e) {
      if (!o.keepGoing) throw new Error(`model ${key} on Trino: ${(e as Error).message}`);
      failed.push({ model: key, error: (e as Error).message });
      return false;
    }
  };
  try {
    // In build order, so each model's readers find its promise.
    for (const m of todo) built.set(`${m.layer}.${m.name}`, build(m));
    await Promise.all(built.values());
  } finally {
    transpiler.close();
  }
  return { models, failed, ms: Date.now() - started, columns: schema };
}

/** The models a model reads: its `layer.name` references (as modelsToBuild and the refresh find them). */
function readsOf(m: ModelFile): string[] {
  const key = `${m.layer}.${m.name}`;
  return [...new Set([...m.sql.matchAll(/\b((?:staging|marts|metrics)\.[a-z_0-9]+)\b/g)].map(([, ref]) => ref))].filter((r) => r !== key);
}

/** At most n tasks at once. */
class Semaphore {
  private waiting: (() => void)[] = [];
  constructor(private free: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

/**
 * A mart stored as a table. Hive tables cannot hold timestamps with a time zone, so the model's query is a view in
 * <prefix>marts_build, its rows are stored in <prefix>marts_data with instants as UTC timestamps, and
 * <prefix>marts.<name> is a view giving them back as instants in the configured zone.
 */
async function materialize(trino: TrinoOptions, name: string, sql: string, logical: Record<string, string>, timeZone: string) {
  const build = `hive.${quoteIdent(`${logical.marts}_build`)}.${quoteIdent(name)}`;
  const data = `hive.${quoteIdent(`${logical.marts}_data`)}.${quoteIdent(name)}`;
  await trinoQuery(trino, `create or replace view ${build} as\n${sql}`);
  const cols = await trinoRows<{ c: string; ty: string }>(
    trino,
    `select column_name as c, data_type as ty from hive.information_schema.columns
     where table_schema = ${quoteLiteral(`${logical.marts}_build`)} and table_name = ${quoteLiteral(name)} order by ordinal_position`,
  );
  const instant = (ty: string) => /^timestamp.*with time zone$/.test(ty);
  const stored = cols.map(({ c, ty }) =>
    instant(ty) ? `cast(at_timezone(${quoteIdent(c)}, 'UTC') as timestamp(6)) as ${quoteIdent(c)}` : quoteIdent(c),
  );
  const shown = cols.map(({ c, ty }) =>
    instant(ty) ? `at_timezone(with_timezone(${quoteIdent(c)}, 'UTC'), ${quoteLiteral(timeZone)}) as ${quoteIdent(c)}` : quoteIdent(c),
  );
  await trinoQuery(trino, `drop table if exists ${data}`);
  await trinoQuery(trino, `create table ${data} with (format = 'PARQUET') as select ${stored.join(', ')} from ${build}`);
  await trinoQuery(
    trino,
    `create or replace view hive.${quoteIdent(logical.marts)}.${quoteIdent(name)} as select ${shown.join(', ')} from ${data}`,
  );
}

/** A column of the export as the warehouse typed it. */
function typed(c: LakeColumn, timeZone: string): string {
  const col = quoteIdent(c.name);
  const type = c.warehouseType ?? c.type;
  if (type === 'TIMESTAMP WITH TIME ZONE') return `at_timezone(with_timezone(${col}, 'UTC'), ${quoteLiteral(timeZone)})`;
  if (type === 'TIME') return `cast(${col} as time)`;
  if (type === 'JSON') return `json_parse(${col})`;
  return col;
}

/**
 * Columns of every table and view of the lake's schemas (or only of the tables named), by logical schema name, in
 * DuckDB's type words.
 */
export async function columnsOf(trino: TrinoOptions, logical: Record<string, string>, tables?: readonly string[]) {
  const back = new Map(Object.entries(logical).map(([k, v]) => [v, k]));
  const only = tables ? ` and table_name in (${[...tables, ''].map(quoteLiteral).join(', ')})` : '';
  const rows = await trinoRows<{ s: string; t: string; c: string; ty: string }>(
    trino,
    `select table_schema as s, table_name as t, column_name as c, data_type as ty from hive.information_schema.columns
     where table_schema in (${Object.values(logical).map(quoteLiteral).join(', ')})${only} order by table_schema, table_name, ordinal_position`,
  );
  const schema: ModelColumns = {};
  for (const r of rows) {
    const s = back.get(r.s)!;
    schema[s] = schema[s] ?? {};
    schema[s][r.t] = schema[s][r.t] ?? {};
    schema[s][r.t][r.c] = duckTypeOf(r.ty);
  }
  return schema;
}

/** The columns of one table or view, in DuckDB's type words. */
async function columnsOfTable(trino: TrinoOptions, schema: string, table: string): Promise<Record<string, string>> {
  const rows = await trinoRows<{ c: string; ty: string }>(
    trino,
    `select column_name as c, data_type as ty from hive.information_schema.columns
     where table_schema = ${quoteLiteral(schema)} and table_name = ${quoteLiteral(table)} order by ordinal_position`,
  );
  return Object.fromEntries(rows.map((r) => [r.c, duckTypeOf(r.ty)]));
}

function duckTypeOf(trinoType: string): string {
  const t = trinoType.toLowerCase();
  if (t.startsWith('timestamp') && t.endsWith('with time zone')) return 'TIMESTAMPTZ';
  if (t.startsWith('timestamp')) return 'TIMESTAMP';
  if (t.startsWith('array(varchar')) return 'VARCHAR[]';
  if (t.startsWith('varchar') || t.startsWith('char')) return 'VARCHAR';
  if (t.startsWith('decimal')) return t.toUpperCase();
  const simple: Record<string, string> = {
    integer: 'INTEGER',
    bigint: 'BIGINT',
    smallint: 'SMALLINT',
    tinyint: 'TINYINT',
    double: 'DOUBLE',
    real: 'FLOAT',
    boolean: 'BOOLEAN',
    date: 'DATE',
    json: 'JSON',
  };
  return simple[t] ?? (t.startsWith('time') ? 'TIME' : 'VARCHAR');
}

/** warehouse/trino/transpile.py as one long-lived process: a JSON request per line, an answer per line, in turn. */
export class Transpiler {
  private proc: ChildProcessWithoutNullStreams;
  private lines: AsyncIterator<string>;
  private stderr = '';
  /** Requests go one at a time: each answer is the next line. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor() {
    this.proc = spawn(transpilerPython(), [path.join(here, 'transpile.py')], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr.on('data', (d) => {
      this.stderr += String(d);
    });
    this.lines = readline.createInterface({ input: this.proc.stdout })[Symbol.asyncIterator]();
  }

  async transpile(sql: string, schema: unknown, schemas: Record<string, string>): Promise<string> {
    return (await this.translate(sql, schema, schemas)).sql;
  }

  /** The Trino text, and for a query with DuckDB's $n parameters, which $n each of its ? is (1-based), in order. */
  translate(sql: string, schema: unknown, schemas: Record<string, string>): Promise<{ sql: string; params: number[] }> {
    const answer = this.queue.then(async () => {
      this.proc.stdin.write(`${JSON.stringify({ sql, schema, schemas })}\n`);
      const next = await this.lines.next();
      if (next.done) throw new Error(`the transpiler (sqlglot, ${transpilerPython()}) stopped: ${this.stderr.trim() || 'no message'}`);
      const a = JSON.parse(next.value) as { sql?: string; params?: number[]; error?: string };
      if (a.error) throw new Error(`sqlglot: ${a.error}`);
      return { sql: a.sql!, params: a.params ?? [] };
    });
    this.queue = answer.catch(() => {});
    return answer;
  }

  close() {
    this.proc.stdin.end();
  }
}
