// The reading side of engine "trino": values bound as the literals of EXECUTE … USING, Trino's answer read back
// as DuckDB's readers give it, and (on the cluster, skipped where none runs) a reader's DuckDB query translated and
// run as a prepared statement: its $n bound in the order the Trino text needs them, and quantile_cont exact.
import { afterAll, describe, expect, it } from 'vitest';
import { fromTrino, trinoLiteral } from '../../../warehouse/trino/trino-figures.ts';
import { Transpiler } from '../../../warehouse/trino/run-trino-models.ts';
import { trinoQuery } from '../../../warehouse/trino/trino-client.ts';
import { trinoCluster } from '../../helpers/trino-cluster.ts';

const trino = await trinoCluster();

describe('values bound on Trino', () => {
  it('writes each value as the literal of its type, quotes doubled', () => {
    expect(trinoLiteral("it's")).toBe("'it''s'");
    expect(trinoLiteral('2025-07-01')).toBe("'2025-07-01'");
    expect(trinoLiteral(42)).toBe('42');
    expect(trinoLiteral(0.25)).toBe("double '0.25'");
    expect(trinoLiteral(true)).toBe('true');
    expect(trinoLiteral(null)).toBe('null');
    expect(trinoLiteral(undefined)).toBe('null');
    expect(trinoLiteral(new Date(Date.UTC(2025, 6, 1, 8, 30)))).toBe("'2025-07-01T08:30:00.000Z'");
    expect(() => trinoLiteral(Number.NaN)).toThrow(/cannot bind NaN/);
    expect(() => trinoLiteral({})).toThrow(/cannot bind an? object/);
  });

  it('reads numbers as numbers whatever Trino sends them as', () => {
    expect(fromTrino('12.50', 'decimal(10,2)')).toBe(12.5);
    expect(fromTrino('NaN', 'double')).toBeNaN();
    expect(fromTrino(7, 'bigint')).toBe(7);
    expect(fromTrino('north', 'varchar')).toBe('north');
    expect(fromTrino(null, 'double')).toBeNull();
  });
});

describe.skipIf(trino.missing)('a DuckDB query on Trino', trino.testOptions, () => {
  const transpiler = new Transpiler();
  afterAll(() => transpiler.close());
  /** Translates the DuckDB query and runs it as a prepared statement with the values bound. */
  const run = async (duckSql: string, params: unknown[]) => {
    const t = await transpiler.translate(duckSql, {}, {});
    const values = t.params.map((n) => trinoLiteral(params[n - 1]));
    const r = await trinoQuery(
      { ...trino.options, preparedStatements: { s: t.sql } },
      values.length ? `execute s using ${values.join(', ')}` : 'execute s',
    );
    return { text: t.sql, rows: r.rows.map((row) => Object.fromEntries(r.columns.map((c, i) => [c.name, fromTrino(row[i], c.type)]))) };
  };

  it('binds $n by number wherever they stand in the text, and never reads a value as SQL', async () => {
    const r = await run(`select $2 as b, $1 as a, '$1' as text, $2 || $3 as joined`, ["it's", 'x', "' or 1=1 --"]);
    expect(r.text).not.toMatch(/it's|or 1=1/);
    expect(r.rows).toEqual([{ b: 'x', a: "it's", text: '$1', joined: "x' or 1=1 --" }]);
  });

  it('computes quantile_cont exactly, as DuckDB does (hand-computed)', async () => {
    const values = `(values ('a', 1.0), ('a', 2.0), ('a', 3.0), ('a', 4.0), ('a', 10.0), ('b', 5.0), ('c', null)) t(g, x)`;
    const r = await run(
      `select g, quantiles[1] as median, quantiles[2] as p90, p25
       from (select g, quantile_cont(x, [0.5, 0.9]) as quantiles, quantile_cont(x, 0.25) as p25 from ${values} where g <> $1 group by g)
       order by g`,
      ['z'],
    );
    expect(r.text).not.toMatch(/approx|percentile/i);
    // a: 1 2 3 4 10; the median is the third value; p90: h = 4 × 0.9 = 3.6, 4 + 0.6 × (10 − 4) = 7.6; p25: h = 1, 2.
    expect(r.rows[0]).toEqual({ g: 'a', median: 3, p90: expect.closeTo(7.6, 12), p25: 2 });
    expect(r.rows[1]).toEqual({ g: 'b', median: 5, p90: 5, p25: 5 });
    // No value: no quantile (DuckDB: null).
    expect(r.rows[2]).toEqual({ g: 'c', median: null, p90: null, p25: null });
  });
});
