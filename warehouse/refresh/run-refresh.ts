// Rebuilds every model in one transaction: readers keep seeing the previous tables until the commit, and a
// failure rolls back to them. Each run is logged in refresh_runs with per-model timings.
import { announceChange, type FiguresEngineRefresh, type Warehouse } from '../db/open-warehouse.ts';
import { quoteIdent } from '../db/sql-text.ts';
import { listModelFiles, type ModelFile } from './model-files.ts';
import { writeSettingsTables } from './settings-tables.ts';
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
    await db.write(async (conn) => {
      await writeSettingsTables(conn, db.settings);
      await clearComputedFigures(conn);
      for (const m of files) {
        const t0 = Date.now();
        const name = `${m.layer}.${quoteIdent(m.name)}`;
        const body = m.sql.trim().replace(/;\s*$/, '');
        const parameters = macroParameters(m.sql);
        if (parameters) {
          await conn.run(`create or replace macro ${name}(${parameters}) as table\n${body}`);
          models.push({ model: m.name, layer: m.layer, ms: Date.now() - t0, rows: null });
          continue;
        }
        const materialized = materializedLayers.has(m.layer);
        // A table or view of the same name from an earlier layout would block the other kind.
        const other = materialized ? 'VIEW' : 'BASE TABLE';
        const [{ n }] = await (
          await conn.run(
            `select count(*)::integer as n from information_schema.tables where table_schema = $1 and table_name = $2 and table_type = $3`,
            [m.layer, m.name, other],
          )
        ).getRowObjectsJS();
        if (n) await conn.run(`drop ${materialized ? 'view' : 'table'} ${name}`);
        await conn.run(`create or replace ${materialized ? 'table' : 'view'} ${name} as\n${body}`);
        const rows = materialized ? Number((await (await conn.run(`select count(*) as n from ${name}`)).getRowObjectsJS())[0].n) : null;
        models.push({ model: m.name, layer: m.layer, ms: Date.now() - t0, rows });
      }
      // The daily rollups of the additive metrics (warehouse/queries/metric-rollups.ts), from the views just made.
      // Every rollup is rebuilt, whichever models were, so none lags behind the marts it sums.
      const views = new Set(
        (
          await (
            await conn.run(`select table_name as name from information_schema.tables where table_schema = 'metrics'`)
          ).getRowObjectsJS()
        ).map((r) => String(r.name)),
      );
      await conn.run(`create schema if not exists ${rollupSchema}`);
      for (const r of rollupStatements()) {
        if (!views.has(r.metric)) {
          await conn.run(`drop table if exists ${rollupSchema}.${r.name}`);
          continue;
        }
        const t0 = Date.now();
        try {
          await conn.run(r.sql);
        } catch (e) {
          throw new Error(`rollup ${rollupSchema}.${r.name}: ${(e as Error).message}`);
        }
        models.push({ model: r.name, layer: rollupSchema, ms: Date.now() - t0, rows: null });
      }
      // Every period's technician scores, stored (queries/technician-scores.ts), when the macro was just made.
      await conn.run(`drop table if exists ${storedScoresTable}`);
      if (files.some((f) => f.layer === 'metrics' && f.name === 'technician_score')) {
        const t0 = Date.now();
        const periods = (await (await conn.run(scorePeriodsSql)).getRowObjectsJS()).map((r) => String(r.k));
        for (const [i, period] of periods.entries()) await conn.run(storeScoresSql(period, i === 0));
        models.push({ model: 'technician_scores', layer: rollupSchema, ms: Date.now() - t0, rows: null });
      }
      // Every quarter's quality flags, over all regions and each alone (queries/quality-flags.ts), likewise.
      for (const t of storedFlagsTables) await conn.run(`drop table if exists ${rollupSchema}.${t}`);
      if (files.some((f) => f.layer === 'metrics' && f.name === 'quality_flags')) {
        const t0 = Date.now();
        await storeQualityFlags(conn);
        models.push({ model: 'quality_flags', layer: rollupSchema, ms: Date.now() - t0, rows: null });
      }
    });
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
