// The models on Trino without a cluster: which models a target needs, in build order, and what the transpiler
// (sqlglot and the rewrites in warehouse/trino/transpile.py) makes of DuckDB's dialect. Skipped, saying why, where
// Python has no sqlglot (bin/trino/cluster.sh install puts it in place; CI runs that).
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { modelsToBuild, Transpiler, transpilerPython } from '../../../warehouse/trino/run-trino-models.ts';

const hasSqlglot = spawnSync(transpilerPython(), ['-c', 'import sqlglot'], { stdio: 'ignore' }).status === 0;
const skip = hasSqlglot
  ? {}
  : { meta: { skipReason: `no sqlglot for ${transpilerPython()} (bin/trino/cluster.sh install, or AFTERSIGHT_PYTHON)` } };

describe('models on Trino', () => {
  it('builds a metric with the models it reads, each after what it reads', () => {
    const keys = modelsToBuild(['metrics.opened']).map((m) => `${m.layer}.${m.name}`);
    expect([...keys].sort()).toEqual([
      'marts.service_calendar',
      'marts.tickets',
      'metrics.opened',
      'staging.stg_callbacks',
      'staging.stg_tickets',
    ]);
    const at = (k: string) => keys.indexOf(k);
    expect(at('staging.stg_tickets')).toBeLessThan(at('marts.service_calendar'));
    expect(at('marts.service_calendar')).toBeLessThan(at('marts.tickets'));
    expect(at('staging.stg_callbacks')).toBeLessThan(at('marts.tickets'));
    expect(at('marts.tickets')).toBeLessThan(at('metrics.opened'));
    // Table macros take parameters: not built on Trino.
    expect(modelsToBuild().some((m) => m.name === 'quality_flags')).toBe(false);
  });

  describe('the transpiler', () => {
    const transpiler = hasSqlglot ? new Transpiler() : undefined;
    afterAll(() => transpiler?.close());
    const schema = { raw: { t: { a: 'INTEGER', b: 'VARCHAR', d: 'DATE', z: 'TIMESTAMPTZ' } } };
    const trino = (sql: string) => transpiler!.transpile(sql, schema, { raw: 'p_raw' });
    const flat = (s: string) => s.replace(/\s+/g, ' ');

    it.skipIf(!hasSqlglot)('expands * exclude and qualify (Trino has neither) and renames the schemas', skip, async () => {
      const sql = flat(await trino('select * exclude (b) from raw.t qualify row_number() over (partition by b order by a) = 1'));
      expect(sql).not.toMatch(/EXCLUDE|QUALIFY/i);
      expect(sql).toMatch(/FROM p_raw\.t/);
      expect(sql).toMatch(/ROW_NUMBER\(\) OVER \(PARTITION BY t\.b ORDER BY t\.a\)/);
      expect(sql).not.toMatch(/t\.b AS b\b(?!.*_t)/);
    });

    it.skipIf(!hasSqlglot)('rewrites what sqlglot leaves: dates and days, isodow, timezone(), group by all', skip, async () => {
      expect(flat(await trino('select d - 1 as x from raw.t'))).toMatch(/DATE_ADD\('day', -1, t\.d\)/);
      expect(flat(await trino('select isodow(d) as x from raw.t'))).toMatch(/DAY_OF_WEEK\(t\.d\)/);
      expect(flat(await trino(`select timezone('Asia/Shanghai', d + time '08:30') as x from raw.t`))).toMatch(/WITH_TIMEZONE\(/);
      expect(flat(await trino('select b, count(*) as n from raw.t group by all'))).toMatch(/GROUP BY t\.b$/);
      expect(flat(await trino('select count(*) filter (where a > 1) over (order by d) as n from raw.t'))).toMatch(
        /COUNT\(CASE WHEN t\.a > 1 THEN 1 END\) OVER/,
      );
    });

    it.skipIf(!hasSqlglot)(
      'takes any value as arbitrary(x), without IGNORE NULLS (Trino 368 takes it only before OVER)',
      skip,
      async () => {
        const sql = flat(await trino('select b, any_value(a) as x from raw.t group by b'));
        expect(sql).toMatch(/ARBITRARY\(t\.a\) AS x/);
        expect(sql).not.toMatch(/IGNORE NULLS/);
      },
    );

    it.skipIf(!hasSqlglot)('trims characters with a regular expression (Trino 368 has no ltrim(x, chars))', skip, async () => {
      expect(flat(await trino(`select ltrim(b, ' ：:-') as x from raw.t`))).toMatch(/REGEXP_REPLACE\(t\.b, '\^\[ ：:\\-\]\+', ''\)/);
      expect(flat(await trino(`select rtrim(b, ']') as x from raw.t`))).toMatch(/REGEXP_REPLACE\(t\.b, '\[\\\]\]\+\$', ''\)/);
      expect(flat(await trino('select trim(b) as x from raw.t'))).toMatch(/TRIM\(t\.b\)/);
    });

    it.skipIf(!hasSqlglot)('counts no values when a series ends before it starts, as DuckDB does', skip, async () => {
      // Trino's sequence(5, 3) counts down and sequence(5, 3, 1) fails; DuckDB's generate_series gives no values.
      const sql = (await trino('select i.m from raw.t cross join unnest(generate_series(a, 5, 2)) as i(m)')).replace(/\s+/g, '');
      expect(sql).toContain('UNNEST(IF((t.a<=5AND2>0)OR(t.a>=5AND2<0),SEQUENCE(t.a,5,2),SLICE(SEQUENCE(t.a,t.a,2),1,0)))');
    });

    it.skipIf(!hasSqlglot)('computes a median exactly, as quantile_cont(x, 0.5), never approx_percentile', skip, async () => {
      const sql = flat(await trino('select b, median(a) as m from raw.t group by b'));
      expect(sql).toMatch(/ARRAY_SORT\(ARRAY_AGG\(CAST\(t\.a AS DOUBLE\)\)/);
      expect(sql).toMatch(/CAST\(0\.5 AS DOUBLE\)/);
      expect(sql).not.toMatch(/PERCENTILE|APPROX/);
    });
  });
});
