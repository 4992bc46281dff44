// Sessions: a random token in an HttpOnly, SameSite=Strict cookie (Secure behind TLS); the table keeps only its
// SHA-256, so a copy of the warehouse opens no session. Twelve hours, then sign in again.
import { createHash, randomBytes } from 'node:crypto';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import type { User } from './accounts.ts';
import { deleteSession, insertSession, sessionUserByHash } from '../../../warehouse/queries/accounts.ts';

export const sessionCookie = 'aftersight_session';
export const sessionHours = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

// Every API request asks who is signed in: a minute's memory of each answer keeps that off the warehouse (two
// queries a request cost ~4 ms, more than a cached metric). Sign-out and account deletion forget at once.
const rememberMs = 60_000;
const remembered = new WeakMap<Warehouse, Map<string, { user: User; until: number }>>();
const memoryOf = (db: Warehouse) => remembered.get(db) ?? remembered.set(db, new Map()).get(db)!;

/** Forgets the remembered sessions of a user (their account was deleted). */
export function forgetUserSessions(db: Warehouse, userId: number): void {
  for (const [k, v] of memoryOf(db)) if (v.user.user_id === userId) memoryOf(db).delete(k);
}

export async function openSession(db: Warehouse, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await insertSession(db, digest(token), userId, sessionHours);
  return token;
}

export async function sessionUser(db: Warehouse, token: string | undefined): Promise<User | undefined> {
  if (!token) return undefined;
  const key = digest(token);
  const memory = memoryOf(db);
  const known = memory.get(key);
  if (known && known.until > Date.now()) return known.user;
  const u = (await sessionUserByHash(db, key)) as (User & { expires_ms: number }) | undefined;
  if (!u) {
    memory.delete(key);
    return undefined;
  }
  const { expires_ms, ...user } = u;
  memory.set(key, { user, until: Math.min(Date.now() + rememberMs, Number(expires_ms)) });
  return user;
}

export async function closeSession(db: Warehouse, token: string | undefined): Promise<void> {
  if (!token) return;
  memoryOf(db).delete(digest(token));
  await deleteSession(db, digest(token));
}

/** Set-Cookie value: Secure when the request came over TLS (directly or through a proxy that says so). */
export function cookieHeader(token: string, secure: boolean, maxAgeSeconds = sessionHours * 3600): string {
  return `${sessionCookie}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

export function readCookie(header: string | undefined, name = sessionCookie): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}
