import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { openWarehouse, type Warehouse } from '../../../warehouse/db/open-warehouse.ts';

// The bugs that ruled out kysely-duckdb, each checked against our dialect.
describe('DuckDB dialect for Kysely', () => {
  let db: Warehouse;
  // A table of the test's own, outside the warehouse's typed tables.
  const k = () => db.kysely as unknown as Kysely<{ t: { id: number; happened_at: Date; amount: number; big: bigint } }>;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    await sql`create table t (id integer, happened_at timestamptz, amount decimal(10, 2), big bigint)`.execute(db.kysely);
  });
  afterAll(() => db.close());

  it('inserts with Date parameters and reports affected rows', async () => {
    const r = await k()
      .insertInto('t')
      .values([
        { id: 1, happened_at: new Date('2025-07-01T01:00:00Z'), amount: 12.5, big: 9007199254740000n },
        { id: 2, happened_at: new Date('2025-07-02T01:00:00Z'), amount: 3, big: 1n },
      ])
      .executeTakeFirst();
    expect(r.numInsertedOrUpdatedRows).toBe(2n);
  });

  it('select count(*) as count returns its row as a number', async () => {
    const rows = await k().selectFrom('t').select(sql<number>`count(*)`.as('count')).execute();
    expect(rows).toEqual([{ count: 2 }]);
  });

  it('filters by a Date parameter and returns timestamps as Date', async () => {
    const rows = await k()
      .selectFrom('t')
      .select(['id', 'happened_at'])
      .where('happened_at', '>', new Date('2025-07-01T12:00:00Z'))
      .execute();
    expect(rows).toEqual([{ id: 2, happened_at: new Date('2025-07-02T01:00:00Z') }]);
  });

  it('updates and deletes report their affected rows', async () => {
    const u = await k().updateTable('t').set({ amount: 4 }).where('id', '=', 2).executeTakeFirst();
    expect(u.numUpdatedRows).toBe(1n);
    const d = await k().deleteFrom('t').where('id', '=', 99).executeTakeFirst();
    expect(d.numDeletedRows).toBe(0n);
  });

  it('rolls a failed transaction back', async () => {
    await expect(
      k()
        .transaction()
        .execute(async (tx) => {
          await tx.insertInto('t').values({ id: 3, happened_at: new Date(), amount: 1, big: 1n }).execute();
          throw new Error('boom');
        }),
    ).rejects.toThrow('boom');
    const rows = await k().selectFrom('t').select('id').orderBy('id').execute();
    expect(rows.map((r) => r.id)).toEqual([1, 2]);
  });

  it('streams results in chunks', async () => {
    const got: number[] = [];
    for await (const r of k().selectFrom(sql`range(5000)`.as('r')).select(sql<number>`range::integer`.as('i')).stream(1000)) got.push(r.i);
    // 5000 rows is more than one DuckDB chunk (2048 rows): the stream crossed chunk borders in order.
    expect(got.length).toBe(5000);
    expect(got[0]).toBe(0);
    expect(got[4999]).toBe(4999);
  });

  it('introspects tables for the migrator', async () => {
    const tables = await k().introspection.getTables();
    const names = tables.map((t) => `${t.schema}.${t.name}`);
    expect(names).toContain('main.t');
    expect(names).toContain('raw.tickets');
    expect(tables.find((t) => t.name === 't')!.columns.map((c) => c.name)).toEqual(['id', 'happened_at', 'amount', 'big']);
  });
});

describe('closing the warehouse', () => {
  it('waits for work in flight, then refuses new work with a plain error instead of crashing', async () => {
    const db = await openWarehouse(':memory:');
    const slow = db.all<{ n: number }>('select count(*)::integer as n from range(20000000) t(i) where i % 7 = 0');
    const closing = db.close();
    expect(await slow).toEqual([{ n: 2857143 }]);
    await closing;
    await expect(db.all('select 1')).rejects.toThrow('the warehouse is closed');
    await expect(db.write(async () => 1)).rejects.toThrow('the warehouse is closed');
    await expect(db.kysely.selectNoFrom((eb) => eb.lit(1).as('x')).execute()).rejects.toThrow();
  });
});
