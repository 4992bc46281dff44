// Sessions: a token in an HttpOnly, SameSite=Strict cookie (Secure behind TLS). Twelve hours, then sign in again.
// A single server keeps sessions in the warehouse: a random token, of which the table keeps only its SHA-256, so a
// copy of the warehouse opens no session. With read replicas (shareSessions) a session must hold on every process
// at once, and a replica writes nothing to the warehouse: the token is then signed instead
// (`s1.<user id>.<expiry>.<nonce>.<HMAC-SHA256>` under the installation's secret), checked by any process against
// the account in its warehouse or snapshot; a sign-out is a file named by the token's SHA-256 in a folder all the
// processes share, which every process checks.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '../../../warehouse/db/open-warehouse.ts';
import type { User } from './accounts.ts';
import { snapshotDirOf } from '../../../warehouse/db/snapshots.ts';
import { deleteSession, findUserById, insertSession, sessionUserByHash } from '../../../warehouse/queries/accounts.ts';

export const sessionCookie = 'aftersight_session';
export const sessionHours = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

// Every API request asks who is signed in: a minute's memory of each answer keeps that off the warehouse (two
// queries a request cost ~4 ms, more than a cached metric). Sign-out and account deletion forget at once (on
// the process where they happen; the other processes of a replicated installation within that minute).
const rememberMs = 60_000;
const remembered = new WeakMap<Warehouse, Map<string, { user: User; until: number }>>();
const memoryOf = (db: Warehouse) => remembered.get(db) ?? remembered.set(db, new Map()).get(db)!;

export interface SharedSessions {
  /** Signs the session tokens: the same on the writer and every replica. */
  secret: string;
  /** Where sign-outs are recorded, a folder every process reads and writes. */
  signedOutDir: string;
}
const shared = new WeakMap<Warehouse, SharedSessions>();

/** The shared folder of sign-outs: in the warehouse's snapshot folder, which the writer and replicas all reach. */
export const signedOutDirOf = (dbFile: string): string => path.join(snapshotDirOf(dbFile), 'signed-out');

/** Sessions of a replicated installation: signed tokens, sign-outs in a shared folder. */
export function shareSessions(db: Warehouse, s: SharedSessions): void {
  fs.mkdirSync(s.signedOutDir, { recursive: true });
  shared.set(db, s);
}

const signatureOf = (secret: string, payload: string) => createHmac('sha256', secret).update(`session:${payload}`).digest('base64url');

/** The account id of a signed token whose signature is right and which has not expired. */
function verifySigned(s: SharedSessions, token: string, now = Date.now()): { userId: number; expiresMs: number } | undefined {
  const m = /^s1\.(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const expected = signatureOf(s.secret, `${m[1]}.${m[2]}.${m[3]}`);
  if (!timingSafeEqual(Buffer.from(m[4]), Buffer.from(expected))) return undefined;
  const expiresMs = Number(m[2]) * 1000;
  return expiresMs > now ? { userId: Number(m[1]), expiresMs } : undefined;
}

const signedOut = (s: SharedSessions, key: string) => fs.existsSync(path.join(s.signedOutDir, key));

/** Forgets the remembered sessions of a user (their account was deleted). */
export function forgetUserSessions(db: Warehouse, userId: number): void {
  for (const [k, v] of memoryOf(db)) if (v.user.user_id === userId) memoryOf(db).delete(k);
}

export async function openSession(db: Warehouse, userId: number): Promise<string> {
  const s = shared.get(db);
  if (s) {
    const payload = `${userId}.${Math.floor(Date.now() / 1000) + sessionHours * 3600}.${randomBytes(16).toString('base64url')}`;
    return `s1.${payload}.${signatureOf(s.secret, payload)}`;
  }
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
  const s = shared.get(db);
  let found: { user: User; expiresMs: number } | undefined;
  if (s && signedOut(s, key)) found = undefined;
  else if (token.startsWith('s1.')) {
    const signed = s && verifySigned(s, token);
    const user = signed && ((await findUserById(db, signed.userId)) as User | undefined);
    found = user && { user, expiresMs: signed.expiresMs };
  } else {
    const u = (await sessionUserByHash(db, key)) as (User & { expires_ms: number }) | undefined;
    if (u) {
      const { expires_ms, ...user } = u;
      found = { user, expiresMs: Number(expires_ms) };
    }
  }
  if (!found) {
    memory.delete(key);
    return undefined;
  }
  memory.set(key, { user: found.user, until: Math.min(Date.now() + rememberMs, found.expiresMs) });
  return found.user;
}

export async function closeSession(db: Warehouse, token: string | undefined): Promise<void> {
  if (!token) return;
  memoryOf(db).delete(digest(token));
  const s = shared.get(db);
  if (s) fs.writeFileSync(path.join(s.signedOutDir, digest(token)), '');
  if (!db.replica && !token.startsWith('s1.')) await deleteSession(db, digest(token));
}

/** Removes the sign-out records of tokens that have expired anyway; returns how many. */
export function removeExpiredSignOuts(signedOutDir: string, now = Date.now()): number {
  if (!fs.existsSync(signedOutDir)) return 0;
  let n = 0;
  for (const f of fs.readdirSync(signedOutDir)) {
    const file = path.join(signedOutDir, f);
    if (now - fs.statSync(file).mtimeMs > sessionHours * 3600_000) {
      fs.rmSync(file, { force: true });
      n++;
    }
  }
  return n;
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
