// The raw table of the record kind of issue 21: the installed base (units, 装机档案), one row per serial number.
// Like every raw table since 0007: no primary key (a load replaces records by key itself), unknown columns in
// `extras`, and where each row came from. Frozen: the columns as the kind (contract/sources/units.source.ts)
// stood when this migration landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table raw.units (
      "serial_no" VARCHAR,
      "product_model" VARCHAR,
      "product_line" VARCHAR,
      "region" VARCHAR,
      "customer_id" VARCHAR,
      "production_date" DATE,
      "production_batch" VARCHAR,
      "sale_date" DATE,
      "installed_at" DATE,
      "warranty_end" DATE,
      "status" VARCHAR,
      "scrapped_at" DATE,
      extras json,
      _load_id integer not null,
      _source_file varchar not null,
      _row integer not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table raw.units`.execute(db);
}
