// The frozen figures of closed quarters: what a quarterly report of a quarter (and region) showed the first time
// it was produced after the quarter ended, so later reports of that quarter show the same numbers.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table quarter_figures (
      quarter varchar not null,   -- '2025-Q3'
      region varchar not null,    -- '' for every region
      figures json not null,      -- the report's figures (reports/quarterly/read-report-data.ts)
      frozen_at timestamptz not null,
      primary key (quarter, region)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table quarter_figures`.execute(db);
}
