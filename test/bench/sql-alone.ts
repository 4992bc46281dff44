// The refresh's baseline: every model's SQL and the rollups run alone, as tables and views of their own
// (`<name>_alone`), so the refresh's bookkeeping (runs, checks, swaps) shows as the ratio between the two.
import type { Warehouse } from '../../warehouse/db/open-warehouse.ts';
import { quoteIdent } from '../../warehouse/db/sql-text.ts';
import { rollupStatements } from '../../warehouse/queries/metric-rollups.ts';
import { listModelFiles } from '../../warehouse/refresh/model-files.ts';
import { macroParameters, materializedLayers } from '../../warehouse/refresh/run-refresh.ts';

export async function runSqlAlone(db: Warehouse): Promise<void> {
  for (const m of listModelFiles()) {
    const name = `${m.layer}.${quoteIdent(`${m.name}_alone`)}`;
    const body = m.sql.trim().replace(/;\s*$/, '');
    const parameters = macroParameters(m.sql);
    if (parameters) await db.run(`create or replace macro ${name}(${parameters}) as table\n${body}`);
    else await db.run(`create or replace ${materializedLayers.has(m.layer) ? 'table' : 'view'} ${name} as ${body}`);
  }
  // The rollups the refresh builds from the metric views (metric-rollups.ts), as their own tables.
  for (const r of rollupStatements())
    await db.run(r.sql.replace(/^create or replace table rollups\.(\w+)/, 'create or replace table rollups.$1_alone'));
}

/** Drops what runSqlAlone made (views first: they may read the tables; then the macros), so the warehouse is as the refresh left it. */
export async function dropSqlAlone(db: Warehouse): Promise<void> {
  const made = await db.all<{ schema: string; name: string; type: string }>(
    `select schema_name as schema, view_name as name, 'view' as type from duckdb_views() where view_name like '%\\_alone' escape '\\' and not internal
     union all
     select schema_name, table_name, 'table' from duckdb_tables() where table_name like '%\\_alone' escape '\\'`,
  );
  for (const o of made.filter((x) => x.type === 'view')) await db.run(`drop view if exists ${quoteIdent(o.schema)}.${quoteIdent(o.name)}`);
  for (const o of made.filter((x) => x.type === 'table'))
    await db.run(`drop table if exists ${quoteIdent(o.schema)}.${quoteIdent(o.name)}`);
  const macros = await db.all<{ schema: string; name: string }>(
    `select distinct schema_name as schema, function_name as name from duckdb_functions()
     where function_type = 'table_macro' and function_name like '%\\_alone' escape '\\' and not internal`,
  );
  for (const o of macros) await db.run(`drop macro table if exists ${quoteIdent(o.schema)}.${quoteIdent(o.name)}`);
}
