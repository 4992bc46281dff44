// API tokens for machine ingest: created by an admin, shown once, stored as a hash, revocable.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence if not exists api_token_ids start 1`.execute(db);
  await sql`
    create table api_tokens (
      token_id integer primary key default nextval('api_token_ids'),
      name varchar not null,
      token_hash varchar not null unique, -- sha256 of the token
      created_by varchar not null,
      created_at timestamptz not null,
      revoked_at timestamptz
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table api_tokens`.execute(db);
  await sql`drop sequence api_token_ids`.execute(db);
}
