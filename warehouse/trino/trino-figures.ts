// `engine: "trino"`: the figures read from the models on a Trino cluster. Each refresh, after DuckDB's, exports
// the raw and settings tables as a lake and builds the models on Trino over it (run-trino-models.ts); the readers
// (metric series, and through them the API, the CLI and the PDF) then send their queries here. A query keeps one
// source, the DuckDB SQL its reader writes: transpile.py (one long-lived process) turns it into Trino's dialect,
// once per text, and it runs as a prepared statement with the reader's values bound (EXECUTE … USING), never
// written into the text.
//
// Two slots, a and b, each a lake folder (<lakeDir>/a) and a set of schemas (<prefix>a_metrics …): a refresh
// builds the slot not being read, then names it in <lakeDir>/current.json (written beside it, then renamed), so
// readers never see a half-built slot, and a failed build leaves the previous one in use.
import fs from 'node:fs';
import path from 'node:path';
import type { FiguresEngine, FiguresEngineRefresh, Warehouse } from '../db/open-warehouse.ts';
import { exportLake } from '../lake/export-lake.ts';
import { columnsOf, type ModelColumns, runModelsOnTrino, Transpiler } from './run-trino-models.ts';
import { trinoQuery, type TrinoOptions } from './trino-client.ts';

export interface TrinoEngineSettings {
  /** The coordinator, such as http://127.0.0.1:18080. */
  url: string;
  /** The user the statements run as (X-Trino-User). */
  user: string;
  /** Prefix of every schema Aftersight makes in the Hive catalog (`hive`). */
  prefix: string;
  /** Folder the lake export is written to; every Trino node must read it at the same path. */
  lakeDir: string;
}

/** What current.json names: the slot the readers use and the models built in it. */
export interface TrinoSlot {
  slot: 'a' | 'b';
  builtAt: string;
  built: string[];
  failed: { model: string; error: string }[];
}

export const slotFile = 'current.json';
/** The schemas a model refers to (`metrics.opened`), by the name the models use. */
const layers = ['raw', 'main', 'staging', 'marts', 'metrics'] as const;
/** A table a query names, as `metrics.opened` or (Kysely) `"metrics"."opened"`. */
const tableReference = new RegExp(`\\b(${layers.join('|')})"?\\."?([a-z_][a-z_0-9]*)\\b`, 'g');
/** How many translated texts are kept (a reader's text depends on its shape, not on the values bound). */
const keptTexts = 2000;

export class TrinoFigures implements FiguresEngine {
  readonly name = 'trino';
  private transpiler?: Transpiler;
  private texts = new Map<string, Promise<{ sql: string; params: number[] }>>();
  private columns = new Map<string, Promise<unknown>>();
  /** The columns of the slots this process built, known from their build (a reader asks Trino only for others'). */
  private builtColumns = new Map<string, ModelColumns>();
  private slot?: TrinoSlot | null;

  constructor(
    readonly settings: TrinoEngineSettings,
    readonly timeZone: string,
  ) {}

  private get options(): TrinoOptions {
    return { url: this.settings.url, user: this.settings.user, catalog: 'hive', timeZone: this.timeZone };
  }

  /** The slot readers use (read from current.json once, and again after each refresh), or null before the first. */
  current(): TrinoSlot | null {
    if (this.slot === undefined) {
      const file = path.join(this.settings.lakeDir, slotFile);
      this.slot = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as TrinoSlot) : null;
    }
    return this.slot;
  }

  serves(models: readonly string[]): boolean {
    const s = this.current();
    return !!s && models.every((m) => s.built.includes(m));
  }

  /** The schema each layer's models are in, in a slot. */
  schemasOf(slot: string): Record<string, string> {
    return Object.fromEntries(layers.map((l) => [l, `${this.settings.prefix}${slot}_${l}`]));
  }

  async all(sqlText: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    const s = this.current();
    if (!s) throw new Error('no models on Trino yet: the first refresh has not built them');
    const { sql, params: order } = await this.translated(s.slot, sqlText);
    const values = order.map((n) => trinoLiteral(params[n - 1]));
    const r = await trinoQuery(
      { ...this.options, preparedStatements: { aftersight: sql } },
      values.length ? `execute aftersight using ${values.join(', ')}` : 'execute aftersight',
    );
    return r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, fromTrino(row[i], c.type)])));
  }

  /** The Trino text of a DuckDB query in a slot, translated once per text. */
  private translated(slot: string, sqlText: string) {
    const key = `${slot}\n${sqlText}`;
    let t = this.texts.get(key);
    if (!t) {
      this.transpiler ??= new Transpiler();
      const transpiler = this.transpiler;
      t = this.columnsIn(slot, sqlText).then((schema) => transpiler.translate(sqlText, schema, this.schemasOf(slot)));
      t.catch(() => this.texts.delete(key));
      if (this.texts.size >= keptTexts) this.texts.delete(this.texts.keys().next().value!);
      this.texts.set(key, t);
    }
    return t;
  }

  /** The columns of the tables and views a query reads, in a slot (sqlglot resolves the query's columns with them). */
  private columnsIn(slot: string, sqlText: string) {
    const tables = [...new Set([...sqlText.matchAll(tableReference)].map((m) => m[2]))].sort();
    const key = `${slot}\n${tables.join(',')}`;
    const built = this.builtColumns.get(slot);
    // As columnsOf gives them: the tables of those names in every layer. (Asking information_schema took Trino
    // seconds a query shape on a loaded machine, and each new shape waited for it.)
    if (built) {
      const named = Object.entries(built)
        .map(([layer, t]) => [layer, Object.fromEntries(Object.entries(t).filter(([name]) => tables.includes(name)))] as const)
        .filter(([, t]) => Object.keys(t).length > 0);
      return Promise.resolve(Object.fromEntries(named));
    }
    let c = this.columns.get(key);
    if (!c) {
      c = columnsOf(this.options, this.schemasOf(slot), tables);
      c.catch(() => this.columns.delete(key));
      this.columns.set(key, c);
    }
    return c;
  }

  async refresh(db: Warehouse): Promise<FiguresEngineRefresh> {
    const started = Date.now();
    const slot = this.current()?.slot === 'a' ? 'b' : 'a';
    const dir = path.join(this.settings.lakeDir, slot);
    await exportLake(db, dir, { layers: ['raw', 'settings'] });
    const run = await runModelsOnTrino({
      trino: { url: this.settings.url, user: this.settings.user },
      lakeDir: dir,
      prefix: `${this.settings.prefix}${slot}_`,
      keepGoing: true,
    });
    const next: TrinoSlot = {
      slot,
      builtAt: new Date().toISOString(),
      built: run.models.map((m) => `${m.layer}.${m.model}`),
      failed: run.failed,
    };
    const file = path.join(this.settings.lakeDir, slotFile);
    fs.writeFileSync(`${file}.partial`, `${JSON.stringify(next, null, 2)}\n`);
    fs.renameSync(`${file}.partial`, file);
    // The slot's columns and texts are those of its new build.
    for (const cache of [this.columns, this.texts]) for (const k of cache.keys()) if (k.startsWith(`${slot}\n`)) cache.delete(k);
    this.builtColumns.set(slot, run.columns);
    this.slot = next;
    return { ms: Date.now() - started, built: next.built, failed: next.failed };
  }

  async close(): Promise<void> {
    this.transpiler?.close();
    this.transpiler = undefined;
  }
}

/** A value bound to a prepared statement, as the literal EXECUTE … USING takes (Trino's protocol binds so). */
export function trinoLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return String(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot bind ${v} to a Trino statement`);
    // A whole number is a bigint; any other a double, as DuckDB binds a JavaScript number.
    return Number.isInteger(v) ? String(v) : `double '${v}'`;
  }
  if (v instanceof Date) return `'${v.toISOString()}'`;
  if (typeof v === 'string') return `'${v.replaceAll("'", "''")}'`;
  throw new Error(`cannot bind a ${typeof v} to a Trino statement`);
}

/** A value of Trino's JSON answer as DuckDB's readers give it: numbers as numbers (bigint, decimal, NaN too). */
export function fromTrino(v: unknown, type: string): unknown {
  if (v === null || v === undefined) return null;
  if (/^(bigint|integer|smallint|tinyint|double|real|decimal)/.test(type)) return typeof v === 'number' ? v : Number(v);
  return v;
}

/** The engine the configuration names: Trino, or none (DuckDB reads everything). */
export function figuresEngineOf(c: { engine: 'duckdb' | 'trino'; trino: TrinoEngineSettings }, timeZone: string): TrinoFigures | undefined {
  return c.engine === 'trino' ? new TrinoFigures(c.trino, timeZone) : undefined;
}
