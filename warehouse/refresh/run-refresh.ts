// Rebuilds every model under a building name, then publishes them all in one transaction: readers keep seeing
// the previous tables until that commit, and a failure leaves them. Each run is logged in refresh_runs with
// per-model timings.
import type { DuckDBConnection } from '@duckdb/node-api';
import { announceChange, type FiguresEngineRefresh, type SqlRunner, type Warehouse } from '../db/open-warehouse.ts';
import { quoteIdent } from '../db/sql-text.ts';
import { listModelFiles, type ModelFile } from './model-files.ts';
import { settingsTables, writeSettingsTables } from './settings-tables.ts';
import { syncEarlyWarnings } from '../queries/early-warnings.ts';
import { rollupSchema, rollupStatements } from '../queries/metric-rollups.ts';
import { scorePeriodsSql, storeScoresSql, storedScoresTable } from '../queries/technician-scores.ts';
import { storeQualityFlags, storedFlagsTables } from '../queries/quality-flags.ts';
import { clearComputedFigures, saveComputedFigures } from '../queries/computed-figures.ts';
import { computeReliabilityFits } from '../queries/reliability-fits.ts';
import { computeWarrantyForecast } from '../queries/warranty-forecast.ts';

export interface ModelTiming {
  model: string;
  layer: string;
  ms: number;
  /** Rows of a materialized model; null for a view or a table macro. */
  rows: number | null;
}

/**
 * Only marts are stored. Staging only renames and casts, and a metric aggregated per day and seven dimensions
 * has nearly one row per ticket, so storing it costs a refresh as much as it saves a read (measured at 1 M
 * tickets: 101 ms from the stored metric, 107 ms from the mart); both are views over the stored marts.
 */
export const materializedLayers = new Set(['marts']);

/**
 * A model whose file says `-- parameters: a, b` is a table macro, read as `from metrics.name(a, b)`: the
 * parameters it cannot do without (quality_flags: the regions whose tickets it counts). Undefined: a table or view.
 */
export const macroParameters = (sql: string): string | undefined =>
  /^--\s*parameters:\s*([a-z_][a-z_0-9]*(?:\s*,\s*[a-z_][a-z_0-9]*)*)\s*$/m.exec(sql)?.[1];

export interface RefreshResult {
  refreshId: number;
  status: 'ok' | 'failed';
  durationMs: number;
  models: ModelTiming[];
  error?: string;
  /** With `engine: "trino"`: the models built on Trino, and those that failed there (read from DuckDB). */
  engine?: FiguresEngineRefresh;
}

export type RefreshTrigger = 'cli' | 'schedule' | 'ingest' | 'start' | 'test';

export function runRefresh(db: Warehouse, trigger: RefreshTrigger, files: ModelFile[] = listModelFiles()): Promise<RefreshResult> {
  // One large job: on every core, whatever the server's reads run on.
  return db.allCores(() => refreshModels(db, trigger, files));
}

async function refreshModels(db: Warehouse, trigger: RefreshTrigger, files: ModelFile[]): Promise<RefreshResult> {
  const started = Date.now();
  const [{ id: refreshId }] = await db.all<{ id: number }>(
    `insert into refresh_runs (started_at, status, trigger) values (now(), 'running', $1) returning refresh_id as id`,
    [trigger],
  );
  const models: ModelTiming[] = [];
  try {
    // Built one by one under other names, each committed, then put in place in one short transaction (publish):
    // readers see the previous tables until then, and a failure leaves them. DuckDB scans what a transaction has
    // written itself at about half speed (a 5 M-ticket mart: 0.76 s against 0.41 s committed), so models built
    // in one transaction, each reading the ones before it, took 11–20 s more at 5 M than the same SQL alone.
    await db.write(
      (conn) => publish(conn, files),
      async (conn) => {
        await dropBuilding(conn);
        try {
          await build(conn, db, files, models);
        } catch (e) {
          await dropBuilding(conn).catch(() => {});
          throw e;
        }
      },
    );
  } catch (e) {
    const failed = models.length < files.length ? files[models.length] : undefined;
    const error = `${failed ? `model ${failed.layer}.${failed.name}: ` : ''}${(e as Error).message}`;
    await finish(db, refreshId, 'failed', started, models, error);
    return { refreshId, status: 'failed', durationMs: Date.now() - started, models, error };
  }
  // With another engine (`engine: "trino"`) the models are built there too, from what DuckDB just committed; its
  // readers switch to them when all are built. Answers cached before stay until then, so none mixes the two.
  let engine: FiguresEngineRefresh | undefined;
  if (db.figures) {
    try {
      engine = await db.figures.refresh(db);
    } catch (e) {
      const error = `models refreshed in DuckDB; models on ${db.figures.name}: ${(e as Error).message}`;
      db.cache.clear();
      await finish(db, refreshId, 'failed', started, models, error);
      return { refreshId, status: 'failed', durationMs: Date.now() - started, models, error };
    }
  }
  db.cache.clear();
  // Alerts follow the committed metrics; a failure here leaves the new models in place and says so.
  try {
    await syncEarlyWarnings(db);
  } catch (e) {
    const error = `models refreshed; early_warnings: ${(e as Error).message}`;
    await finish(db, refreshId, 'failed', started, models, error);
    return { refreshId, status: 'failed', durationMs: Date.now() - started, models, error };
  }
  // The fits and the forecast over every unit, worked out once here rather than by the first reader to ask.
  try {
    models.push(...(await storeComputedFigures(db)));
    // What they read through the cache on the way (failures_by_age) goes too: every refresh leaves it empty.
    db.cache.clear();
  } catch (e) {
    const error = `models refreshed; reliability fits and warranty forecast: ${(e as Error).message}`;
    await finish(db, refreshId, 'failed', started, models, error);
    return { refreshId, status: 'failed', durationMs: Date.now() - started, models, error };
  }
  await finish(db, refreshId, 'ok', started, models);
  announceChange(db, 'refresh');
  return { refreshId, status: 'ok', durationMs: Date.now() - started, models, ...(engine ? { engine } : {}) };
}

/** What a refresh builds is named `<name>__build` until it is published. */
const building = '__build';

/** Rewrites SQL to read and write the objects named (`layer.name`) under their building names. */
export function toBuilding(names: readonly string[]): (sql: string) => string {
  if (names.length === 0) return (sql) => sql;
  const re = new RegExp(`\\b(${names.map((n) => n.replace(/[.]/g, '\\.')).join('|')})\\b`, 'g');
  return (sql) => sql.replace(re, `$1${building}`);
}

/** Builds every model, rollup and stored figure under its building name, each committed on its own; `timings`
 *  grows as they are built, so a failure names the model after the last one timed. */
async function build(conn: DuckDBConnection, db: Warehouse, files: ModelFile[], timings: ModelTiming[]): Promise<void> {
  const rollups = rollupStatements();
  const existing = new Set(
    (
      await (await conn.run(`select table_name as name from information_schema.tables where table_schema = 'metrics'`)).getRowObjectsJS()
    ).map((r) => String(r.name)),
  );
  const metrics = new Set([...existing, ...files.filter((f) => f.layer === 'metrics').map((f) => f.name)]);
  const built = rollups.filter((r) => metrics.has(r.metric));
  const rw = toBuilding([
    ...settingsTables.map((t) => `main.${t}`),
    ...files.map((f) => `${f.layer}.${f.name}`),
    ...built.map((r) => `${rollupSchema}.${r.name}`),
    storedScoresTable,
    ...storedFlagsTables.map((t) => `${rollupSchema}.${t}`),
  ]);
  const runner: SqlRunner = { run: (sql, values, types) => conn.run(rw(sql), values, types) };
  await writeSettingsTables(runner, db.settings);
  for (const m of files) {
    const t0 = Date.now();
    await runner.run(modelStatement(m, building));
    const rows = materializedLayers.has(m.layer)
      ? Number((await (await runner.run(`select count(*) as n from ${m.layer}.${m.name}`)).getRowObjectsJS())[0].n)
      : null;
    timings.push({ model: m.name, layer: m.layer, ms: Date.now() - t0, rows });
  }
  // The daily rollups of the additive metrics (warehouse/queries/metric-rollups.ts), from the views just made.
  // Every rollup is rebuilt, whichever models were, so none lags behind the marts it sums.
  await conn.run(`create schema if not exists ${rollupSchema}`);
  for (const r of built) {
    const t0 = Date.now();
    try {
      await runner.run(r.sql);
    } catch (e) {
      throw new Error(`rollup ${rollupSchema}.${r.name}: ${(e as Error).message}`);
    }
    timings.push({ model: r.name, layer: rollupSchema, ms: Date.now() - t0, rows: null });
  }
  timings.push(...(await storeMacroFigures(runner, files)));
}

/**
 * Puts what build() made in place, in one transaction: each table renamed over the one it replaces, each view and
 * macro made again as written (they bind to the names readers use), rollups of metrics that are gone dropped.
 */
async function publish(conn: DuckDBConnection, files: ModelFile[]): Promise<void> {
  const objects = await buildingObjects(conn);
  // Every table's and view's kind, read once: the names replaced below are each looked up once, before any change.
  const kinds = new Map(
    (
      await (
        await conn.run(
          `select table_schema || '.' || table_name as k, table_type as t from information_schema.tables where table_catalog = current_database()`,
        )
      ).getRowObjectsJS()
    ).map((r) => [String(r.k), String(r.t)]),
  );
  const dropAny = async (schema: string, name: string) => {
    const kind = kinds.get(`${schema}.${name}`);
    if (kind) await conn.run(`drop ${kind === 'VIEW' ? 'view' : 'table'} ${schema}.${quoteIdent(name)}`);
  };
  for (const o of objects.filter((x) => x.type === 'table')) {
    const name = o.name.slice(0, -building.length);
    await dropAny(o.schema, name);
    await conn.run(`alter table ${o.schema}.${quoteIdent(o.name)} rename to ${quoteIdent(name)}`);
  }
  for (const m of files.filter((f) => !materializedLayers.has(f.layer))) {
    // A table of the same name from an earlier layout would block the view.
    if (!macroParameters(m.sql) && kinds.get(`${m.layer}.${m.name}`) === 'BASE TABLE') await dropAny(m.layer, m.name);
    await conn.run(modelStatement(m));
  }
  for (const o of objects.filter((x) => x.type !== 'table')) await dropObject(conn, o);
  const tables = new Set(objects.filter((o) => o.schema === rollupSchema).map((o) => o.name.slice(0, -building.length)));
  for (const r of rollupStatements()) if (!tables.has(r.name)) await conn.run(`drop table if exists ${rollupSchema}.${r.name}`);
  if (!files.some((f) => f.layer === 'metrics' && f.name === 'technician_score'))
    await conn.run(`drop table if exists ${storedScoresTable}`);
  if (!files.some((f) => f.layer === 'metrics' && f.name === 'quality_flags'))
    for (const t of storedFlagsTables) await conn.run(`drop table if exists ${rollupSchema}.${t}`);
  await clearComputedFigures(conn);
}

interface CatalogObject {
  schema: string;
  name: string;
  type: 'table' | 'view' | 'macro';
}

/** What a refresh has built and not published: this one's, or one's that stopped (the process ended) before. */
async function buildingObjects(conn: DuckDBConnection): Promise<CatalogObject[]> {
  const like = `like '%${building.replace(/_/g, '\\_')}' escape '\\'`;
  return (await (
    await conn.run(
      `select schema_name as schema, table_name as name, 'table' as type from duckdb_tables() where table_name ${like} and database_name = current_database()
       union all
       select schema_name, view_name, 'view' from duckdb_views() where view_name ${like} and not internal and database_name = current_database()
       union all
       select distinct schema_name, function_name, 'macro' from duckdb_functions()
       where function_type = 'table_macro' and function_name ${like} and not internal and database_name = current_database()`,
    )
  ).getRowObjectsJS()) as unknown as CatalogObject[];
}

const dropObject = (conn: DuckDBConnection, o: CatalogObject) =>
  conn.run(`drop ${o.type === 'macro' ? 'macro table' : o.type} if exists ${o.schema}.${quoteIdent(o.name)}`);

/** Drops what buildingObjects() finds: views first (they read the tables), then macros, then tables. */
async function dropBuilding(conn: DuckDBConnection): Promise<void> {
  const objects = await buildingObjects(conn);
  for (const type of ['view', 'macro', 'table'] as const) for (const o of objects.filter((x) => x.type === type)) await dropObject(conn, o);
}

/** The statement that builds a model: a table (marts), a view, or a table macro (`-- parameters:`); `suffix` for
 *  the name it is built under. */
export function modelStatement(m: ModelFile, suffix = ''): string {
  const name = `${m.layer}.${quoteIdent(m.name + suffix)}`;
  const body = m.sql.trim().replace(/;\s*$/, '');
  const parameters = macroParameters(m.sql);
  if (parameters) return `create or replace macro ${name}(${parameters}) as table\n${body}`;
  return `create or replace ${materializedLayers.has(m.layer) ? 'table' : 'view'} ${name} as\n${body}`;
}

/**
 * Stores what the table macros give for every period, when the macro was just made: each period's technician
 * scores (queries/technician-scores.ts) and each quarter's quality flags over all regions and each alone
 * (queries/quality-flags.ts). Timed like the models.
 */
export async function storeMacroFigures(conn: SqlRunner, files: ModelFile[]): Promise<ModelTiming[]> {
  const timings: ModelTiming[] = [];
  const made = (name: string) => files.some((f) => f.layer === 'metrics' && f.name === name);
  await conn.run(`drop table if exists ${storedScoresTable}`);
  if (made('technician_score')) {
    const t0 = Date.now();
    const periods = (await (await conn.run(scorePeriodsSql)).getRowObjectsJS()).map((r) => String(r.k));
    for (const [i, period] of periods.entries()) await conn.run(storeScoresSql(period, i === 0));
    timings.push({ model: 'technician_scores', layer: rollupSchema, ms: Date.now() - t0, rows: null });
  }
  for (const t of storedFlagsTables) await conn.run(`drop table if exists ${rollupSchema}.${t}`);
  if (made('quality_flags')) {
    const t0 = Date.now();
    await storeQualityFlags(conn);
    timings.push({ model: 'quality_flags', layer: rollupSchema, ms: Date.now() - t0, rows: null });
  }
  return timings;
}

/** Stores the unfiltered reliability fits and warranty forecast (computed-figures.ts), timed like the models. */
async function storeComputedFigures(db: Warehouse): Promise<ModelTiming[]> {
  const timings: ModelTiming[] = [];
  for (const [name, compute] of [
    ['reliability_fits', computeReliabilityFits],
    ['warranty_forecast', computeWarrantyForecast],
  ] as const) {
    const t0 = Date.now();
    await saveComputedFigures(db, name, await compute(db, { filters: {} }));
    timings.push({ model: name, layer: 'computed', ms: Date.now() - t0, rows: null });
  }
  return timings;
}

/** What a refresh did on the figures engine, for the log: ' (on Trino: 44 models in 201 s; read from DuckDB: …)'. */
export function engineWords(r: RefreshResult): string {
  if (!r.engine) return '';
  const failed = r.engine.failed.map((f) => f.model);
  return ` (models on Trino: ${r.engine.built.length} in ${(r.engine.ms / 1000).toFixed(1)} s${
    failed.length ? `; not built there, so read from DuckDB: ${failed.join(', ')}` : ''
  })`;
}

async function finish(db: Warehouse, id: number, status: string, started: number, models: ModelTiming[], error?: string) {
  await db.run(
    `update refresh_runs set finished_at = now(), status = $1, duration_ms = $2, models = $3::json, error = $4 where refresh_id = $5`,
    [status, Date.now() - started, JSON.stringify(models), error ?? null, id],
  );
}

export interface RefreshRunRow {
  refresh_id: number;
  started_at: Date;
  status: string;
  trigger: string;
  duration_ms: number | null;
  error: string | null;
}

export async function lastRefresh(db: Warehouse): Promise<RefreshRunRow | undefined> {
  const [r] = await db.all<RefreshRunRow>(
    `select refresh_id, started_at, status, trigger, duration_ms, error from refresh_runs where status <> 'running' order by refresh_id desc limit 1`,
  );
  return r;
}
