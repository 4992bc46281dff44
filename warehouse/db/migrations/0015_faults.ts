// The raw table of the fault code list (record kind `faults`, contract/sources/faults.source.ts): the company's own
// name of each fault code, in Chinese and/or English, and its category. Like every raw table since 0007: no primary
// key (a load replaces records by key itself), unknown columns in `extras`, and where each row came from. Frozen:
// the columns as the kind stood when this migration landed.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table raw.faults (
      "fault_code" VARCHAR,
      "name_zh" VARCHAR,
      "name_en" VARCHAR,
      "category" VARCHAR,
      extras json,
      _load_id integer not null,
      _source_file varchar not null,
      _row integer not null
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table raw.faults`.execute(db);
}
