// Figures worked out in TypeScript over the whole installed base (the reliability fits, the warranty forecast), kept
// from one refresh to the next: at 5 M tickets each takes minutes to read and fit, and the quarterly report and the
// reliability page without filters ask for them first.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table computed_figures (
      name varchar primary key,   -- 'reliability_fits', 'warranty_forecast'
      figures json not null,      -- the reader's answer over every unit, unfiltered
      computed_at timestamptz not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table computed_figures`.execute(db);
}
