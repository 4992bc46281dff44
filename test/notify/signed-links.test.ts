// Signed links: the HMAC covers everything the link allows; any change to it, or another secret, fails.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkReportLink, loadLinkSecret, reportLinkParams, unsubscribeToken, verifyUnsubscribeToken } from '../../notify/signed-links.ts';

describe('signed links', () => {
  it('an unsubscribe token names its subscription, signed', () => {
    const t = unsubscribeToken('s', 42);
    // HMAC-SHA256("s", "unsubscribe:42"), base64url, computed here on its own.
    expect(t).toBe(`42.${crypto.createHmac('sha256', 's').update('unsubscribe:42').digest('base64url')}`);
    expect(verifyUnsubscribeToken('s', t)).toBe(42);
    expect(verifyUnsubscribeToken('other', t)).toBeUndefined();
    expect(verifyUnsubscribeToken('s', t.replace(/^42/, '43'))).toBeUndefined();
    expect(verifyUnsubscribeToken('s', '42')).toBeUndefined();
  });

  it('a report link is for one report, one account, until it expires', () => {
    const exp = new Date('2025-10-08T00:00:00Z');
    const p = reportLinkParams('s', 7, 3, exp);
    expect(p.exp).toBe(exp.getTime() / 1000);
    expect(checkReportLink('s', 7, p, new Date('2025-10-07T23:59:59Z'))).toBe('ok');
    expect(checkReportLink('s', 7, p, new Date('2025-10-08T00:00:01Z'))).toBe('expired');
    expect(checkReportLink('s', 8, p, new Date('2025-10-01T00:00:00Z'))).toBe('bad signature');
    expect(checkReportLink('s', 7, { ...p, u: 4 }, new Date('2025-10-01T00:00:00Z'))).toBe('bad signature');
    expect(checkReportLink('s', 7, { ...p, exp: p.exp + 3600 }, new Date('2025-10-01T00:00:00Z'))).toBe('bad signature');
  });

  it('the secret is the environment variable, or one kept next to the warehouse file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aftersight-link-secret-'));
    expect(loadLinkSecret({ AFTERSIGHT_LINK_SECRET: 'from env' }, path.join(dir, 'w.duckdb'))).toBe('from env');
    const first = loadLinkSecret({}, path.join(dir, 'w.duckdb'));
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(loadLinkSecret({}, path.join(dir, 'w.duckdb'))).toBe(first);
    expect(fs.statSync(path.join(dir, 'link-secret')).mode & 0o777).toBe(0o600);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
