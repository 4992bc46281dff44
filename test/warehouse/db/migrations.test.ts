import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { recordKinds } from '../../../contract/sources/record-kinds.ts';
import { sqlTypeOf } from '../../../warehouse/db/column-types.ts';
import { ConnectionPool, DuckDBDialect } from '../../../warehouse/db/duckdb-dialect.ts';
import { InFlight } from '../../../warehouse/db/in-flight.ts';
import { migrateToLatest } from '../../../warehouse/db/open-warehouse.ts';
import { migrations } from '../../../warehouse/db/migrations/index.ts';

/** A warehouse in memory with no migration run (openWarehouse would run them all). */
async function bareWarehouse() {
  const instance = await DuckDBInstance.create(':memory:');
  const kysely = new Kysely<any>({ dialect: new DuckDBDialect(new ConnectionPool(instance, new InFlight())) });
  const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
  return {
    kysely,
    migrator,
    rows: async (text: string) => (await sql.raw(text).execute(kysely)).rows,
    close: async () => {
      await kysely.destroy();
      instance.closeSync();
    },
  };
}

/** Everything the migrations define, without what the rows in it change (sequences' current values). */
async function schemaOf(rows: (text: string) => Promise<unknown[]>) {
  return {
    tables: await rows(`select table_schema, table_name, table_type from information_schema.tables order by all`),
    columns: await rows(
      `select table_schema, table_name, ordinal_position, column_name, data_type, is_nullable, column_default from information_schema.columns order by all`,
    ),
    constraints: await rows(`select schema_name, table_name, constraint_type, constraint_text from duckdb_constraints() order by all`),
    views: await rows(`select schema_name, view_name, sql from duckdb_views() where not internal order by all`),
    indexes: await rows(`select schema_name, table_name, index_name, sql from duckdb_indexes() order by all`),
    sequences: await rows(
      `select schema_name, sequence_name, start_value, increment_by, min_value, max_value, cycle from duckdb_sequences() order by all`,
    ),
  };
}

describe('warehouse migrations', () => {
  it('import nothing but kysely: each carries its own DDL, so later code changes cannot change what it made', () => {
    const dir = path.resolve(import.meta.dirname, '../../../warehouse/db/migrations');
    for (const file of fs.readdirSync(dir).filter((f) => /^\d{4}_.*\.ts$/.test(f))) {
      const imports = [...fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      expect(imports, file).toEqual(['kysely']);
    }
  });

  it('a fresh warehouse and one upgraded from the first migration, rows in it, have the same schema', async () => {
    const fresh = await bareWarehouse();
    const upgraded = await bareWarehouse();
    try {
      expect((await fresh.migrator.migrateToLatest()).error).toBeUndefined();
      expect((await upgraded.migrator.migrateTo('0001_bookkeeping')).error).toBeUndefined();
      await upgraded.rows(
        `insert into ingest_runs (kind, file, file_hash, status, started_at) values ('tickets', 'a.csv', 'h1', 'loaded', now())`,
      );
      await upgraded.rows(`insert into rejects values (1, 'a.csv', 3, 'opened_at', 'x', 'error', 'not a time', '不是时间')`);
      await upgraded.rows(`insert into refresh_runs (started_at, status, trigger) values (now(), 'ok', 'cli')`);
      expect((await upgraded.migrator.migrateTo('0002_raw_tables')).error).toBeUndefined();
      await upgraded.rows(
        `insert into raw.tickets (ticket_id, opened_at, status, _load_id, _source_file, _row) values ('T1', now(), 'open', 1, 'a.csv', 2)`,
      );
      await upgraded.rows(
        `insert into raw.parts (part_line_id, ticket_id, quantity, _load_id, _source_file, _row) values ('P1', 'T1', 2, 1, 'a.csv', 2)`,
      );
      expect((await upgraded.migrator.migrateToLatest()).error).toBeUndefined();
      const upgradedSchema = await schemaOf(upgraded.rows);
      expect(upgradedSchema).toEqual(await schemaOf(fresh.rows));
      expect(await upgraded.rows(`select ticket_id, status, _row from raw.tickets`)).toEqual([
        { ticket_id: 'T1', status: 'open', _row: 2 },
      ]);
    } finally {
      await fresh.close();
      await upgraded.close();
    }
  });

  it('leave the raw tables with the columns the record kinds of contract/sources define (a new column needs a migration)', async () => {
    const w = await bareWarehouse();
    try {
      expect((await w.migrator.migrateToLatest()).error).toBeUndefined();
      // DuckDB's own name of each type information_schema shows (TIMESTAMPTZ is 'TIMESTAMP WITH TIME ZONE').
      const typeName = async (t: string) => ((await w.rows(`select typeof(null::${t}) as t`)) as { t: string }[])[0].t;
      const named = Object.fromEntries(await Promise.all(Object.values(sqlTypeOf).map(async (t) => [t, await typeName(t)])));
      for (const kind of Object.values(recordKinds)) {
        const columns = await w.rows(
          `select column_name, data_type from information_schema.columns where table_schema = 'raw' and table_name = '${kind.kind}' order by ordinal_position`,
        );
        expect(columns, kind.kind).toEqual([
          ...kind.columns.map((c) => ({ column_name: c.name, data_type: named[sqlTypeOf[c.type]] })),
          { column_name: 'extras', data_type: 'JSON' },
          { column_name: '_load_id', data_type: 'INTEGER' },
          { column_name: '_source_file', data_type: 'VARCHAR' },
          { column_name: '_row', data_type: 'INTEGER' },
        ]);
      }
      expect(
        (await w.rows(`select table_name from information_schema.tables where table_schema = 'raw' order by 1`)).map(
          (r: any) => r.table_name,
        ),
      ).toEqual(Object.keys(recordKinds).sort());
    } finally {
      await w.close();
    }
  });

  it("0007 drops the raw tables' key index and keeps their rows and NOT NULL bookkeeping", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const pool = new ConnectionPool(instance, new InFlight());
    const kysely = new Kysely<any>({ dialect: new DuckDBDialect(pool) });
    try {
      const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('0006_api_tokens')).error).toBeUndefined();
      await sql`insert into raw.tickets (ticket_id, status, _load_id, _source_file, _row) values ('T1', 'open', 1, 'a.csv', 2)`.execute(
        kysely,
      );
      await expect(
        sql`insert into raw.tickets (ticket_id, _load_id, _source_file, _row) values ('T1', 1, 'a.csv', 3)`.execute(kysely),
      ).rejects.toThrow(/primary key|duplicate/i);
      // A warehouse that has refreshed has views over the raw tables: they must survive the copy.
      await sql`create schema staging_test`.execute(kysely);
      await sql`create view staging_test.tickets as select ticket_id from raw.tickets`.execute(kysely);
      await migrateToLatest(kysely);
      expect((await sql`select * from staging_test.tickets`.execute(kysely)).rows).toEqual([{ ticket_id: 'T1' }]);
      expect((await sql`select ticket_id, status, _row from raw.tickets`.execute(kysely)).rows).toEqual([
        { ticket_id: 'T1', status: 'open', _row: 2 },
      ]);
      // Loads replace records by key themselves; the table no longer refuses a second row of a key.
      await sql`insert into raw.tickets (ticket_id, _load_id, _source_file, _row) values ('T1', 2, 'b.csv', 2)`.execute(kysely);
      await expect(sql`insert into raw.tickets (ticket_id, _source_file, _row) values ('T2', 'b.csv', 3)`.execute(kysely)).rejects.toThrow(
        /NOT NULL/i,
      );
      for (const kind of ['tickets', 'repairs', 'complaints', 'parts', 'technicians', 'callbacks']) {
        const { rows } = await sql<{
          n: number;
        }>`select count(*) as n from duckdb_constraints() where schema_name = 'raw' and table_name = ${kind} and constraint_type = 'PRIMARY KEY'`.execute(
          kysely,
        );
        expect(rows).toEqual([{ n: 0 }]);
      }
    } finally {
      await kysely.destroy();
      pool.close();
      instance.closeSync();
    }
  });
});
