// Sessions shared by a writer and its read replicas: a signed token holds on any process with the same secret,
// and is refused when altered, expired, signed out (on any process) or when its account is gone.
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openWarehouse, type Warehouse } from '../../../../warehouse/db/open-warehouse.ts';
import { createUser } from '../../../../web/server/auth/accounts.ts';
import { closeSession, openSession, sessionUser, shareSessions } from '../../../../web/server/auth/sessions.ts';
import { deleteUser } from '../../../../warehouse/queries/accounts.ts';

describe('signed sessions', () => {
  let tmp: string;
  let a: Warehouse;
  let b: Warehouse;
  const secret = 'the installation secret';
  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-sessions-'));
    // Two processes' views of the same accounts: two warehouses with the same account, one sign-out folder.
    a = await openWarehouse(':memory:');
    b = await openWarehouse(':memory:');
    for (const db of [a, b]) {
      await createUser(db, { username: 'li', password: 'a long password', role: 'manager' });
      shareSessions(db, { secret, signedOutDir: path.join(tmp, 'signed-out') });
    }
  });
  afterEach(async () => {
    await a.close();
    await b.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('holds on another process, writes no session row, and ends everywhere at sign-out', async () => {
    const token = await openSession(a, 1);
    expect(token).toMatch(/^s1\.1\.\d+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/);
    // Twelve hours from now.
    const expiry = Number(token.split('.')[2]) * 1000;
    expect(Math.abs(expiry - (Date.now() + 12 * 3600_000))).toBeLessThan(60_000);
    expect(await a.all('select count(*)::integer as n from sessions')).toEqual([{ n: 0 }]);
    expect(await sessionUser(b, token)).toMatchObject({ user_id: 1, username: 'li', role: 'manager' });
    await closeSession(b, token);
    expect(await sessionUser(b, token)).toBeUndefined();
    // A fresh process (nothing remembered) sees the sign-out too.
    const c = await openWarehouse(':memory:');
    try {
      await createUser(c, { username: 'li', password: 'a long password', role: 'manager' });
      shareSessions(c, { secret, signedOutDir: path.join(tmp, 'signed-out') });
      expect(await sessionUser(c, token)).toBeUndefined();
    } finally {
      await c.close();
    }
  });

  it('refuses an altered, a foreign, an expired token and one whose account is gone', async () => {
    const token = await openSession(a, 1);
    const [, , exp, nonce, mac] = token.split('.');
    // Another account's id under the same signature.
    expect(await sessionUser(b, `s1.2.${exp}.${nonce}.${mac}`)).toBeUndefined();
    // Signed with another secret.
    const foreign = createHmac('sha256', 'another secret').update(`session:1.${exp}.${nonce}`).digest('base64url');
    expect(await sessionUser(b, `s1.1.${exp}.${nonce}.${foreign}`)).toBeUndefined();
    // Rightly signed, but expired a second ago.
    const past = Math.floor(Date.now() / 1000) - 1;
    const expired = createHmac('sha256', secret).update(`session:1.${past}.${nonce}`).digest('base64url');
    expect(await sessionUser(b, `s1.1.${past}.${nonce}.${expired}`)).toBeUndefined();
    // The same token rightly signed is good; once the account is deleted it is not.
    expect((await sessionUser(b, token))?.username).toBe('li');
    await deleteUser(a, 1);
    expect(await sessionUser(a, token)).toBeUndefined();
  });
});
