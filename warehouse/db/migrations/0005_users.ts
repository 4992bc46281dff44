// Accounts, their sessions and the audit log (issue 8): who may see what, and who did what.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create sequence if not exists user_ids start 1`.execute(db);
  await sql`
    create table users (
      user_id integer primary key default nextval('user_ids'),
      username varchar not null unique,
      role varchar not null,             -- admin | manager | quality | hr | technician
      regions varchar[],                 -- null: every region
      technician_id varchar,             -- role technician: whose scorecard is theirs
      password_hash varchar not null,    -- scrypt$N$r$p$salt$hash
      failed_logins integer not null default 0,
      locked_until timestamptz,
      created_at timestamptz not null
    )`.execute(db);
  await sql`
    create table sessions (
      token_hash varchar primary key,    -- sha256 of the cookie's token: a stolen table opens no session
      user_id integer not null,
      created_at timestamptz not null,
      expires_at timestamptz not null
    )`.execute(db);
  await sql`
    create table audit_log (
      happened_at timestamptz not null,
      username varchar,
      action varchar not null,           -- login | login_failed | logout | upload | export | report_download | report_request
      detail varchar,
      address varchar
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['audit_log', 'sessions', 'users']) await sql`drop table ${sql.id(t)}`.execute(db);
  await sql`drop sequence user_ids`.execute(db);
}
