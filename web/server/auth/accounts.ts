// Accounts: roles (admin, manager, quality, hr, technician), optional region limits, a technician's own id;
// sign-in with back-off: after 5 failures in a row the account is locked for 15 minutes.
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export const roles = ['admin', 'manager', 'quality', 'hr', 'technician'] as const;
export type Role = (typeof roles)[number];

export interface User {
  user_id: number;
  username: string;
  role: Role;
  /** null: every region. */
  regions: string[] | null;
  technician_id: string | null;
}

export const lockout = { failures: 5, minutes: 15 } as const;

export async function createUser(db: Warehouse, u: { username: string; password: string; role: Role; regions?: string[]; technician_id?: string }): Promise<User> {
  if (!roles.includes(u.role)) throw new Error(`unknown role "${u.role}"; roles: ${roles.join(', ')}`);
  if (u.password.length < 10) throw new Error('a password needs at least 10 characters');
  if (u.role === 'technician' && !u.technician_id) throw new Error('a technician account needs the technician id whose scorecard it sees');
  await db.run(`insert into users (username, role, regions, technician_id, password_hash, created_at) values ($1, $2, case when $3::varchar is null then null else string_split($3, chr(31)) end, $4, $5, now())`, [
    u.username,
    u.role,
    u.regions?.length ? u.regions.join('\x1f') : null,
    u.technician_id ?? null,
    await hashPassword(u.password),
  ]);
  return (await findUser(db, u.username))!;
}

export async function findUser(db: Warehouse, username: string): Promise<User | undefined> {
  const [u] = await db.all<User>(`select user_id, username, role, regions, technician_id from users where username = $1`, [username]);
  return u;
}

export const countUsers = async (db: Warehouse): Promise<number> => (await db.all<{ n: number }>('select count(*)::integer as n from users'))[0].n;

export type SignIn = { ok: true; user: User } | { ok: false; locked: boolean };

/** Checks the password; a locked account is refused without looking at it (no oracle while locked). */
export async function signIn(db: Warehouse, username: string, password: string): Promise<SignIn> {
  const [row] = await db.all<User & { password_hash: string; failed_logins: number; locked: boolean }>(
    `select user_id, username, role, regions, technician_id, password_hash, failed_logins, coalesce(locked_until > now(), false) as locked from users where username = $1`,
    [username],
  );
  if (!row) return { ok: false, locked: false };
  if (row.locked) return { ok: false, locked: true };
  if (await verifyPassword(password, row.password_hash)) {
    await db.run('update users set failed_logins = 0, locked_until = null where user_id = $1', [row.user_id]);
    const { password_hash: _h, failed_logins: _f, locked: _l, ...user } = row;
    return { ok: true, user };
  }
  const failures = row.failed_logins + 1;
  const locks = failures >= lockout.failures;
  await db.run(`update users set failed_logins = $2, locked_until = case when $3::boolean then now() + to_minutes($4::integer) else null end where user_id = $1`, [
    row.user_id,
    locks ? 0 : failures,
    locks,
    lockout.minutes,
  ]);
  return { ok: false, locked: locks };
}
