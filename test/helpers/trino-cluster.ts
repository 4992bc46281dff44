// The Trino cluster of bin/trino/cluster.sh (a coordinator and two workers on loopback), for the tests that run
// models on Trino. Where nothing answers at its URL those tests skip and say why (test/run-tests.js prints it);
// CI starts the cluster first (.ci/run) and sets AFTERSIGHT_TRINO_REQUIRED=1, so there they run or fail, never skip.
import type { TestOptions } from 'vitest';
import { trinoInfo, trinoQuery, trinoRows } from '../../warehouse/trino/trino-client.ts';
import type { TrinoOptions } from '../../warehouse/trino/trino-client.ts';

export interface TrinoCluster {
  options: TrinoOptions;
  /** For `describe.skipIf(t.missing)(name, t.testOptions, fn)`. */
  missing: boolean;
  testOptions: TestOptions;
}

export const trinoUrl = process.env.AFTERSIGHT_TRINO_URL || `http://127.0.0.1:${process.env.AFTERSIGHT_TRINO_PORT || 18080}`;

export async function trinoCluster(timeZone = 'Asia/Shanghai'): Promise<TrinoCluster> {
  const options: TrinoOptions = { url: trinoUrl, timeZone };
  const info = await trinoInfo(trinoUrl);
  if ((info && !info.starting) || process.env.AFTERSIGHT_TRINO_REQUIRED === '1') return { options, missing: false, testOptions: {} };
  const skipReason = `no Trino cluster at ${trinoUrl} (start one with bin/trino/cluster.sh start; CI does)`;
  console.warn(`skipped: ${skipReason}`);
  return { options, missing: true, testOptions: { meta: { skipReason } } };
}

/** A schema prefix of this test run's own, so runs and test files never share tables. */
export const runPrefix = (name: string): string => `t${process.pid}_${name}_`;

/** Drops every table, view and schema whose schema name starts with the prefix, in the Hive and Iceberg catalogs. */
export async function dropPrefixed(options: TrinoOptions, prefix: string): Promise<void> {
  for (const catalog of ['hive', 'iceberg']) {
    const schemas = await trinoRows<{ s: string }>(
      options,
      `select schema_name as s from ${catalog}.information_schema.schemata where starts_with(schema_name, '${prefix}')`,
    );
    for (const { s } of schemas) {
      const tables = await trinoRows<{ n: string; ty: string }>(
        options,
        `select table_name as n, table_type as ty from ${catalog}.information_schema.tables where table_schema = '${s}'`,
      );
      // A schema's tables and views dropped at once (each drop is a round trip to the metastore).
      await Promise.all(
        tables.map(({ n, ty }) => trinoQuery(options, `drop ${ty === 'VIEW' ? 'view' : 'table'} ${catalog}."${s}"."${n}"`)),
      );
      await trinoQuery(options, `drop schema ${catalog}."${s}"`);
    }
  }
}
