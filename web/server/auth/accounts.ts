// Accounts: roles (admin, manager, quality, hr, technician), optional region limits, a technician's own id;
// sign-in that takes the same time whether or not the account exists (throttling is in sign-in-throttle.ts).
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { hashPassword, newPassword, verifyPassword } from './passwords.ts';

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

export class AccountError extends Error {}

/** The regions an account may be limited to: those of the loaded tickets and technicians. */
async function knownRegions(db: Warehouse): Promise<Set<string>> {
  const rows = await db.all<{ region: string }>(
    `select region from raw.tickets where region is not null union select region from raw.technicians where region is not null`,
  );
  return new Set(rows.map((r) => r.region));
}

/** A region limit as given: absent is no limit; otherwise each region must be one the data know (fail closed). */
async function checkRegions(db: Warehouse, regions: readonly string[] | undefined): Promise<string[] | null> {
  if (regions === undefined) return null;
  if (regions.length === 0) throw new AccountError('regions: name at least one region, or leave regions out for every region');
  const known = await knownRegions(db);
  const unknown = regions.filter((r) => !known.has(r));
  if (unknown.length) {
    const shown = unknown.map((r) => JSON.stringify(r)).join(', ');
    throw new AccountError(`regions: ${shown} ${unknown.length > 1 ? 'are' : 'is'} not a region of the data (known: ${[...known].sort().join(', ') || 'none loaded yet'})`);
  }
  return [...new Set(regions)];
}

export async function createUser(db: Warehouse, u: { username: string; password: string; role: Role; regions?: readonly string[]; technician_id?: string }): Promise<User> {
  if (!roles.includes(u.role)) throw new AccountError(`unknown role "${u.role}"; roles: ${roles.join(', ')}`);
  if (u.password.length < 10) throw new AccountError('a password needs at least 10 characters');
  if (u.role === 'technician' && !u.technician_id) throw new AccountError('a technician account needs the technician id whose scorecard it sees');
  const regions = await checkRegions(db, u.regions);
  // Regions are joined with a unit separator, which no region name holds (checked above against the data).
  await db.run(`insert into users (username, role, regions, technician_id, password_hash, created_at) values ($1, $2, case when $3::varchar is null then null else string_split($3, chr(31)) end, $4, $5, now())`, [
    u.username,
    u.role,
    regions ? regions.join('\x1f') : null,
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

// An unknown user's password is checked against this hash, so the answer takes as long as for a known one.
let decoyHash: Promise<string> | undefined;

/** The user, when the password is theirs. */
export async function signIn(db: Warehouse, username: string, password: string): Promise<User | undefined> {
  const [row] = await db.all<User & { password_hash: string }>(`select user_id, username, role, regions, technician_id, password_hash from users where username = $1`, [username]);
  decoyHash ??= hashPassword(newPassword());
  const matches = await verifyPassword(password, row?.password_hash ?? (await decoyHash));
  if (!row || !matches) return undefined;
  const { password_hash: _h, ...user } = row;
  return user;
}
