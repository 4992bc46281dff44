// Accounts: roles (admin, manager, quality, hr, technician), optional region limits, a technician's own id;
// sign-in that takes the same time whether or not the account exists (throttling is in sign-in-throttle.ts).
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import { findUser, findUserWithHash, insertUser, knownRegions } from '../../../warehouse/queries/accounts.ts';
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

/** An account the rules refuse; its API error code and parameters (web/i18n/messages.ts) beside the English text. */
export class AccountError extends Error {
  constructor(
    message: string,
    readonly apiCode: 'no_regions' | 'unknown_regions' | 'unknown_role' | 'password_too_short' | 'technician_id_needed',
    readonly params: Record<string, string | number | readonly string[]> = {},
  ) {
    super(message);
  }
}

/** A region limit as given: absent is no limit; otherwise each region must be one the data know (fail closed). */
async function checkRegions(db: Warehouse, regions: readonly string[] | undefined): Promise<string[] | null> {
  if (regions === undefined) return null;
  if (regions.length === 0)
    throw new AccountError('regions: name at least one region, or leave regions out for every region', 'no_regions');
  const known = await knownRegions(db);
  const unknown = regions.filter((r) => !known.has(r));
  if (unknown.length) {
    const shown = unknown.map((r) => JSON.stringify(r)).join(', ');
    throw new AccountError(
      `regions: ${shown} ${unknown.length > 1 ? 'are' : 'is'} not a region of the data (known: ${[...known].sort().join(', ') || 'none loaded yet'})`,
      'unknown_regions',
      { regions: unknown },
    );
  }
  return [...new Set(regions)];
}

export async function createUser(
  db: Warehouse,
  u: { username: string; password: string; role: Role; regions?: readonly string[]; technician_id?: string; email?: string },
): Promise<User> {
  if (!roles.includes(u.role))
    throw new AccountError(`unknown role "${u.role}"; roles: ${roles.join(', ')}`, 'unknown_role', { role: u.role });
  if (u.password.length < 10) throw new AccountError('a password needs at least 10 characters', 'password_too_short', { min: 10 });
  if (u.role === 'technician' && !u.technician_id)
    throw new AccountError('a technician account needs the technician id whose scorecard it sees', 'technician_id_needed');
  const regions = await checkRegions(db, u.regions);
  await insertUser(db, {
    username: u.username,
    role: u.role,
    regions,
    technician_id: u.technician_id ?? null,
    email: u.email ?? null,
    password_hash: await hashPassword(u.password),
  });
  return (await findUser(db, u.username)) as User;
}

// An unknown user's password is checked against this hash, so the answer takes as long as for a known one.
let decoyHash: Promise<string> | undefined;

/** The user, when the password is theirs. */
export async function signIn(db: Warehouse, username: string, password: string): Promise<User | undefined> {
  const row = await findUserWithHash(db, username);
  decoyHash ??= hashPassword(newPassword());
  const matches = await verifyPassword(password, row?.password_hash ?? (await decoyHash));
  if (!row || !matches) return undefined;
  const { password_hash: _h, ...user } = row;
  return user as User;
}
