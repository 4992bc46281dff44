import { DuckDBInstance } from '@duckdb/node-api';
import { Kysely, Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ConnectionPool, DuckDBDialect } from '../../../warehouse/db/duckdb-dialect.ts';
import { InFlight } from '../../../warehouse/db/in-flight.ts';
import { migrateToLatest } from '../../../warehouse/db/open-warehouse.ts';
import { migrations } from '../../../warehouse/db/migrations/index.ts';

describe('warehouse migrations', () => {
  it('0007 drops the raw tables\' key index and keeps their rows and NOT NULL bookkeeping', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const pool = new ConnectionPool(instance, new InFlight());
    const kysely = new Kysely<any>({ dialect: new DuckDBDialect(pool) });
    try {
      const migrator = new Migrator({ db: kysely, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('0006_api_tokens')).error).toBeUndefined();
      await sql`insert into raw.tickets (ticket_id, status, _load_id, _source_file, _row) values ('T1', 'open', 1, 'a.csv', 2)`.execute(kysely);
      await expect(sql`insert into raw.tickets (ticket_id, _load_id, _source_file, _row) values ('T1', 1, 'a.csv', 3)`.execute(kysely)).rejects.toThrow(/primary key|duplicate/i);
      // A warehouse that has refreshed has views over the raw tables: they must survive the copy.
      await sql`create schema staging_test`.execute(kysely);
      await sql`create view staging_test.tickets as select ticket_id from raw.tickets`.execute(kysely);
      await migrateToLatest(kysely);
      expect((await sql`select * from staging_test.tickets`.execute(kysely)).rows).toEqual([{ ticket_id: 'T1' }]);
      expect((await sql`select ticket_id, status, _row from raw.tickets`.execute(kysely)).rows).toEqual([{ ticket_id: 'T1', status: 'open', _row: 2 }]);
      // Loads replace records by key themselves; the table no longer refuses a second row of a key.
      await sql`insert into raw.tickets (ticket_id, _load_id, _source_file, _row) values ('T1', 2, 'b.csv', 2)`.execute(kysely);
      await expect(sql`insert into raw.tickets (ticket_id, _source_file, _row) values ('T2', 'b.csv', 3)`.execute(kysely)).rejects.toThrow(/NOT NULL/i);
      for (const kind of ['tickets', 'repairs', 'complaints', 'parts', 'technicians', 'callbacks']) {
        const { rows } = await sql<{ n: number }>`select count(*) as n from duckdb_constraints() where schema_name = 'raw' and table_name = ${kind} and constraint_type = 'PRIMARY KEY'`.execute(kysely);
        expect(rows).toEqual([{ n: 0 }]);
      }
    } finally {
      await kysely.destroy();
      pool.close();
      instance.closeSync();
    }
  });
});
