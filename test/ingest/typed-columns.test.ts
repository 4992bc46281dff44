// Wall-clock times become instants by runs of the zone's offsets (zoneRunsSql) instead of asking ICU for each
// time. Checked against hand-computed instants, and against ICU's timezone() itself at every quarter hour around
// changes of offset (daylight saving, Lord Howe's half hour, Shanghai's 1986–91 summer time, before 1970, after
// 2100).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/node-api';
import { openWarehouse, type Warehouse } from '../../warehouse/db/open-warehouse.ts';
import {
  localTime,
  localTimeColumn,
  nearestZoneRuns,
  textColumn,
  typedExpression,
  zoneRunsSql,
  type ZoneRun,
} from '../../ingest/typed-columns.ts';
import { recordKind } from '../../contract/sources/record-kinds.ts';

const openedAt = recordKind('tickets').columns.find((c) => c.name === 'opened_at')!;

describe('times in a zone by runs of its offsets', () => {
  let db: Warehouse;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    db = await openWarehouse(':memory:');
    conn = await db.connect();
  });
  afterAll(async () => {
    conn.closeSync();
    await db.close();
  });

  const runsOf = async (tz: string): Promise<ZoneRun[]> =>
    ((await (await conn.run(zoneRunsSql, { tz })).getRowObjectsJS()) as { from: bigint; to: bigint; offset: bigint }[]).map((r) => ({
      from: r.from,
      to: r.to,
      offset: r.offset,
    }));

  /** Each text typed as the load types it (the nearest `most` runs bound), and as ICU converts it. */
  async function both(tz: string, texts: string[], most = 10_000): Promise<{ utc: string; icu: string }[]> {
    const runs = nearestZoneRuns(await runsOf(tz), 1_700_000_000_000_000n, most);
    const params: Record<string, string | bigint> = { tz };
    runs.forEach((r, i) => {
      params[`zone_from_${i}`] = r.from;
      params[`zone_to_${i}`] = r.to;
      params[`zone_offset_${i}`] = r.offset;
    });
    const ctx = { nullTokens: [], valueMaps: new Map(), dateFormat: false, zoneRuns: runs.length };
    const t = textColumn('opened_at');
    const list = `[${texts.map((_, i) => `$text_${i}`).join(', ')}]`;
    texts.forEach((x, i) => {
      params[`text_${i}`] = x;
    });
    const utc = (x: string) => `strftime(${x} at time zone 'UTC', '%Y-%m-%d %H:%M:%S')`;
    const sql = `select ${utc(typedExpression(openedAt, t, ctx))} as utc, ${utc(`timezone($tz, try_cast(${t} as timestamp))`)} as icu
      from (select *, ${localTime(t, ctx)} as ${localTimeColumn('opened_at')} from (select unnest(${list}) as ${t}, generate_subscripts(${list}, 1) as i))
      order by i`;
    return (await (await conn.run(sql, params)).getRowObjectsJS()) as { utc: string; icu: string }[];
  }
  const typed = async (tz: string, texts: string[]) => (await both(tz, texts)).map((r) => r.utc);

  it('gives the instants worked out by hand', async () => {
    expect(await typed('Asia/Shanghai', ['2024-01-01 08:00:00', '1988-07-01 12:00:00', '2024-03-05T14:00:00+08:00', 'nonsense'])).toEqual([
      '2024-01-01 00:00:00',
      '1988-07-01 03:00:00', // summer time, UTC+9
      '2024-03-05 06:00:00',
      null,
    ]);
    expect(
      await typed('America/New_York', ['2024-07-01 12:00:00', '2024-01-15 12:00:00', '1960-07-01 12:00:00', '2150-01-15 12:00:00']),
    ).toEqual(['2024-07-01 16:00:00', '2024-01-15 17:00:00', '1960-07-01 16:00:00', '2150-01-15 17:00:00']);
  });

  it('agrees with ICU at every quarter hour around changes of offset', async () => {
    const days = [
      '2024-03-08',
      '2024-10-31',
      '2024-04-05',
      '2024-10-04',
      '1988-04-08',
      '1991-09-13',
      '1969-12-30',
      '2099-12-30',
      '2025-03-28',
    ];
    const texts = days.flatMap((d) =>
      Array.from({ length: 4 * 24 * 4 }, (_, k) => {
        const t = new Date(Date.parse(`${d}T00:00:00Z`) + k * 15 * 60_000 + 7_000);
        return t.toISOString().replace('T', ' ').slice(0, 19);
      }),
    );
    for (const tz of ['America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Shanghai', 'America/Sao_Paulo']) {
      // The 40 runs nearest 2023, and only the 3 nearest (the rest by ICU, as a load binds them).
      for (const most of [40, 3]) {
        const rows = await both(tz, texts, most);
        expect(
          rows.filter((r) => r.utc !== r.icu),
          `${tz}, ${most} runs`,
        ).toEqual([]);
        expect(rows.every((r) => r.icu !== null)).toBe(true);
      }
    }
  });
});
