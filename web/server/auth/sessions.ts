// Sessions: a random token in an HttpOnly, SameSite=Strict cookie (Secure behind TLS); the table keeps only its
// SHA-256, so a copy of the warehouse opens no session. Twelve hours, then sign in again.
import { createHash, randomBytes } from 'node:crypto';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import type { User } from './accounts.ts';

export const sessionCookie = 'aftersight_session';
export const sessionHours = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function openSession(db: Warehouse, userId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.run(`insert into sessions values ($1, $2, now(), now() + to_hours($3::integer))`, [digest(token), userId, sessionHours]);
  return token;
}

export async function sessionUser(db: Warehouse, token: string | undefined): Promise<User | undefined> {
  if (!token) return undefined;
  const [u] = await db.all<User>(
    `select u.user_id, u.username, u.role, u.regions, u.technician_id from sessions s join users u using (user_id) where s.token_hash = $1 and s.expires_at > now()`,
    [digest(token)],
  );
  return u;
}

export async function closeSession(db: Warehouse, token: string | undefined): Promise<void> {
  if (token) await db.run('delete from sessions where token_hash = $1', [digest(token)]);
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
