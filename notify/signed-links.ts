// Links that carry their own permission: an unsubscribe link (it names one subscription) and a report's download
// link for robots (one report, for one account, until it expires). Each is an HMAC-SHA256 of what it allows, under
// a secret of this installation; a link altered in any part fails the check.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const mac = (secret: string, payload: string) => crypto.createHmac('sha256', secret).update(payload).digest('base64url');

const same = (a: string, b: string) => a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** `<subscription id>.<signature>` */
export const unsubscribeToken = (secret: string, subscriptionId: number): string =>
  `${subscriptionId}.${mac(secret, `unsubscribe:${subscriptionId}`)}`;

/** The subscription an unsubscribe token names, when its signature is right. */
export function verifyUnsubscribeToken(secret: string, token: string): number | undefined {
  const m = /^(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  return m && same(m[2], mac(secret, `unsubscribe:${m[1]}`)) ? Number(m[1]) : undefined;
}

export interface ReportLinkParams {
  /** The account the link was made for (named in the audit log when it is used). */
  u: number;
  /** Expiry, epoch seconds. */
  exp: number;
  sig: string;
}

export function reportLinkParams(secret: string, reportId: number, userId: number, expiresAt: Date): ReportLinkParams {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return { u: userId, exp, sig: mac(secret, `report:${reportId}:${userId}:${exp}`) };
}

/** 'ok', or why the link is refused. */
export function checkReportLink(
  secret: string,
  reportId: number,
  p: ReportLinkParams,
  now = new Date(),
): 'ok' | 'expired' | 'bad signature' {
  if (!same(p.sig, mac(secret, `report:${reportId}:${p.u}:${p.exp}`))) return 'bad signature';
  return p.exp * 1000 < now.getTime() ? 'expired' : 'ok';
}

/** A chart image's link for robots that show images by URL (DingTalk, Feishu): the file's name, until it expires. */
export function chartLinkParams(secret: string, name: string, expiresAt: Date): { exp: number; sig: string } {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return { exp, sig: mac(secret, `chart:${name}:${exp}`) };
}

/** 'ok', or why a chart link is refused. */
export function checkChartLink(
  secret: string,
  name: string,
  p: { exp: number; sig: string },
  now = new Date(),
): 'ok' | 'expired' | 'bad signature' {
  if (!same(p.sig, mac(secret, `chart:${name}:${p.exp}`))) return 'bad signature';
  return p.exp * 1000 < now.getTime() ? 'expired' : 'ok';
}

/**
 * The signing secret: AFTERSIGHT_LINK_SECRET, or one made at the first start and kept in `link-secret` next to the
 * warehouse file (readable by its owner only), so links sent before a restart still work.
 */
export function loadLinkSecret(env: NodeJS.ProcessEnv, dbFile: string): string {
  if (env.AFTERSIGHT_LINK_SECRET) return env.AFTERSIGHT_LINK_SECRET;
  // An in-memory warehouse (tests) keeps nothing: neither does its secret.
  if (dbFile === ':memory:') return crypto.randomBytes(32).toString('base64url');
  const file = path.join(path.dirname(path.resolve(dbFile)), 'link-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
