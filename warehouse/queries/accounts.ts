// The accounts' rows: users, sessions, API tokens and the audit log. The rules (hashing, throttling, who may do
// what) are in web/server/auth/; this module only reads and writes the tables.
import { sql } from 'kysely';
import { announceChange, type Warehouse } from '../db/open-warehouse.ts';

export interface UserRow {
  user_id: number;
  username: string;
  role: string;
  /** null: every region. */
  regions: string[] | null;
  technician_id: string | null;
}

const userColumns = ['user_id', 'username', 'role', 'regions', 'technician_id'] as const;

export async function insertUser(
  db: Warehouse,
  u: Omit<UserRow, 'user_id'> & { password_hash: string; email?: string | null },
): Promise<void> {
  await db.kysely
    .insertInto('users')
    .values({
      username: u.username,
      role: u.role,
      // A list is bound as one text joined by the unit separator, which no region name holds (they are checked).
      regions: u.regions ? sql<string[]>`string_split(${u.regions.join('\x1f')}, chr(31))` : null,
      technician_id: u.technician_id,
      password_hash: u.password_hash,
      email: u.email ?? null,
      created_at: sql<Date>`now()`,
    })
    .execute();
  announceChange(db, 'accounts');
}

export const findUser = async (db: Warehouse, username: string): Promise<UserRow | undefined> =>
  (await db.kysely.selectFrom('users').select(userColumns).where('username', '=', username).executeTakeFirst()) as UserRow | undefined;

export const findUserById = async (db: Warehouse, userId: number): Promise<UserRow | undefined> =>
  (await db.kysely.selectFrom('users').select(userColumns).where('user_id', '=', userId).executeTakeFirst()) as UserRow | undefined;

export const findUserWithHash = async (db: Warehouse, username: string): Promise<(UserRow & { password_hash: string }) | undefined> =>
  (await db.kysely
    .selectFrom('users')
    .select([...userColumns, 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst()) as (UserRow & { password_hash: string }) | undefined;

export const countUsers = async (db: Warehouse): Promise<number> =>
  Number(
    (
      await db.kysely
        .selectFrom('users')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

export function listUsers(db: Warehouse): Promise<(UserRow & { email: string | null; created_at: string })[]> {
  return db.kysely
    .selectFrom('users')
    .select([...userColumns, 'email', sql<string>`strftime(created_at, '%Y-%m-%d %H:%M')`.as('created_at')])
    .orderBy('user_id')
    .execute() as Promise<(UserRow & { email: string | null; created_at: string })[]>;
}

/** Deletes an account, its sessions and its subscriptions; false when there was none. */
export async function deleteUser(db: Warehouse, userId: number): Promise<boolean> {
  await db.kysely.deleteFrom('sessions').where('user_id', '=', userId).execute();
  await db.kysely.deleteFrom('subscriptions').where('user_id', '=', userId).execute();
  const r = await db.kysely.deleteFrom('users').where('user_id', '=', userId).executeTakeFirst();
  announceChange(db, 'accounts');
  return Number(r.numDeletedRows) > 0;
}

/** The regions an account may be limited to: those of the loaded tickets and technicians. */
export async function knownRegions(db: Warehouse): Promise<Set<string>> {
  const rows = await sql<{ region: string }>`
    select region from raw.tickets where region is not null union select region from raw.technicians where region is not null`.execute(
    db.kysely,
  );
  return new Set(rows.rows.map((r) => r.region));
}

export async function insertSession(db: Warehouse, tokenHash: string, userId: number, hours: number): Promise<void> {
  await db.kysely
    .insertInto('sessions')
    .values({
      token_hash: tokenHash,
      user_id: userId,
      created_at: sql<Date>`now()`,
      expires_at: sql<Date>`now() + to_hours(${hours}::integer)`,
    })
    .execute();
}

/** The user of a live session, and when it expires (epoch ms). */
export async function sessionUserByHash(db: Warehouse, tokenHash: string): Promise<(UserRow & { expires_ms: number }) | undefined> {
  const u = await db.kysely
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.user_id', 's.user_id')
    .select(['u.user_id', 'u.username', 'u.role', 'u.regions', 'u.technician_id', sql<number>`epoch_ms(s.expires_at)`.as('expires_ms')])
    .where('s.token_hash', '=', tokenHash)
    .where(sql<boolean>`s.expires_at > now()`)
    .executeTakeFirst();
  return u && { ...(u as UserRow), expires_ms: Number(u.expires_ms) };
}

export async function deleteSession(db: Warehouse, tokenHash: string): Promise<void> {
  await db.kysely.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export interface ApiTokenRow {
  token_id: number;
  name: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

export async function insertApiToken(db: Warehouse, name: string, tokenHash: string, createdBy: string): Promise<number> {
  const r = await db.kysely
    .insertInto('api_tokens')
    .values({ name, token_hash: tokenHash, created_by: createdBy, created_at: sql<Date>`now()` })
    .returning('token_id')
    .executeTakeFirstOrThrow();
  return Number(r.token_id);
}

export function listApiTokens(db: Warehouse): Promise<ApiTokenRow[]> {
  return db.kysely
    .selectFrom('api_tokens')
    .select([
      'token_id',
      'name',
      'created_by',
      sql<string>`strftime(created_at, '%Y-%m-%d %H:%M')`.as('created_at'),
      sql<string | null>`strftime(revoked_at, '%Y-%m-%d %H:%M')`.as('revoked_at'),
    ])
    .orderBy('token_id')
    .execute() as Promise<ApiTokenRow[]>;
}

export async function revokeApiToken(db: Warehouse, id: number): Promise<boolean> {
  const r = await db.kysely
    .updateTable('api_tokens')
    .set({ revoked_at: sql<Date>`now()` })
    .where('token_id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function liveTokenName(db: Warehouse, tokenHash: string): Promise<string | undefined> {
  return (
    await db.kysely
      .selectFrom('api_tokens')
      .select('name')
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
  )?.name;
}

export async function insertAudit(
  db: Warehouse,
  e: { username: string | null; action: string; detail: string | null; address: string | null },
  happenedAt?: Date,
): Promise<void> {
  await db.kysely
    .insertInto('audit_log')
    .values({ happened_at: happenedAt ?? sql<Date>`now()`, ...e })
    .execute();
}

export interface AuditRow {
  happened_at: string;
  username: string | null;
  action: string;
  detail: string | null;
  address: string | null;
}

export function listAudit(db: Warehouse, limit: number): Promise<AuditRow[]> {
  return db.kysely
    .selectFrom('audit_log')
    .select([sql<string>`strftime(happened_at, '%Y-%m-%d %H:%M:%S')`.as('happened_at'), 'username', 'action', 'detail', 'address'])
    .orderBy('audit_log.happened_at', 'desc')
    .limit(limit)
    .execute();
}
