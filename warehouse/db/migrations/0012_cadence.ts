// The raw tables of the two record kinds of issue 19 (service cadence and installation quality): inspections
// (巡检) and installation acceptances (安装验收). Like every raw table since 0007: no primary key (a load replaces
// records by key itself), unknown columns in `extras`, and where each row came from. Frozen: the columns as the
// kinds (ingest/sources/inspections.source.ts, installations.source.ts) stood when this migration landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table raw.inspections (
      "inspection_id" VARCHAR,
      "serial_no" VARCHAR,
      "customer_id" VARCHAR,
      "inspected_at" TIMESTAMPTZ,
      "technician_id" VARCHAR,
      "result" VARCHAR,
      "findings" VARCHAR,
      extras json,
      _load_id integer not null,
      _source_file varchar not null,
      _row integer not null
    )`.execute(db);
  await sql`
    create table raw.installations (
      "installation_id" VARCHAR,
      "ticket_id" VARCHAR,
      "serial_no" VARCHAR,
      "site" VARCHAR,
      "accepted_at" DATE,
      "team" VARCHAR,
      "technician_ids" VARCHAR,
      "hardware_score" DOUBLE,
      "software_score" DOUBLE,
      "documents_score" DOUBLE,
      extras json,
      _load_id integer not null,
      _source_file varchar not null,
      _row integer not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table raw.installations`.execute(db);
  await sql`drop table raw.inspections`.execute(db);
}
