// Delivery: what each subscription is due (planned once per subscription and item: the unique key of
// `deliveries`), and the rounds that send what is due. Every message is computed with the recipient's own account
// at the time it is sent: the role's edition, the account's regions (a region-limited account gets its regions'
// reports, one per region, and digests of its regions), nothing for a role that may not see the figures.
// A failure is tried again after retrySeconds, doubled each time, up to maxAttempts, then logged as failed and
// audited. Nothing is sent in the quiet hours. A delivery taken for sending is marked so first: a restart finds it
// and marks it failed instead of sending it a second time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import type { DeliverySettings, RobotSettings } from '../warehouse/config/config.ts';
import { overviewKpis } from '../contract/metrics/overview-kpis.ts';
import { metricCatalog } from '../contract/metrics/catalog.ts';
import { readMetricSeries } from '../warehouse/queries/metric-series.ts';
import type { Grain } from '../warehouse/queries/metric-dimensions.ts';
import { volumeOption } from '../presentation/charts/volume.option.ts';
import { pdfChartContext } from '../reports/render/chart-content.ts';
import { renderChartPng } from '../reports/render/chart-png.ts';
import { parseQuarterKey, previousPeriod } from '../contract/period/period.ts';
import {
  accountOf,
  dueDeliveries,
  failInterrupted,
  findSubscription,
  finishDelivery,
  planDelivery,
  postponeDelivery,
  startAttempt,
  subscriptionsTo,
  type DeliveryRow,
  type AlertSettings,
  type SubscriptionItem,
  type SubscriptionRow,
} from '../warehouse/queries/subscriptions.ts';
import type { UserRow } from '../warehouse/queries/accounts.ts';
import { findArchivedReport, produceReport, reportFile, type ArchiveOptions } from '../reports/archive/report-archive.ts';
import type { ReportVariant } from '../presentation/reports/report-context.ts';
import { reportWords } from '../presentation/i18n/report-words.ts';
import { formatPeriod, formatValue, type Lang } from '../presentation/format/format-value.ts';
import { kpiChange, kpiSentence } from '../presentation/format/kpi-change.ts';
import { reportVariantsOf, roleGroups } from '../web/server/auth/route-access.ts';
import type { Role } from '../web/server/auth/accounts.ts';
import { audit } from '../web/server/auth/audit-log.ts';
import type { Message } from './message.ts';
import { notifyWords } from './notify-words.ts';
import { auditJson } from '../presentation/i18n/audit-details.ts';
import { lastQuarter, lastMonth, lastWeek, monthPeriod, quietUntil, weekPeriod, type DigestPeriod } from './periods.ts';
import { chartLinkParams, reportLinkParams, unsubscribeToken } from './signed-links.ts';
import { postToRobot, resolveRobot, type Mailer } from './channels/send.ts';
import { alertRoles, composeAlert } from './alerts.ts';

export interface NotifyOptions {
  archive: ArchiveOptions;
  /** Links in messages start with it. */
  publicUrl: string;
  linkSecret: string;
  timeZone: string;
  delivery: DeliverySettings;
  robots: Record<string, RobotSettings>;
  /** Where robots' secretEnv / urlEnv are read. */
  env: NodeJS.ProcessEnv;
  /** Absent: no SMTP server configured, e-mail deliveries fail with that reason. */
  mailer?: Mailer;
  log?: (msg: string) => void;
}

type Account = UserRow & { email: string | null };

/** Why a subscription is refused: the English text, and the API error code with its parameters (web/i18n/messages.ts). */
export interface SubscriptionRefusal {
  text: string;
  code:
    | 'edition_needed'
    | 'report_edition'
    | 'digest_no_edition'
    | 'alert_topic_needed'
    | 'alert_no_edition'
    | 'role_refused'
    | 'email_no_robot'
    | 'no_email'
    | 'robot_needed'
    | 'unknown_robot'
    | 'robot_channel';
  params: Record<string, string | readonly string[]>;
}

/** What may be subscribed to with an account: the reason it may not, or undefined. */
export function subscriptionRefusal(
  account: { role: string; email: string | null },
  s: { item: SubscriptionItem; variant?: string | null; channel: string; robot?: string | null; alert?: AlertSettings | null },
  robots: Record<string, RobotSettings>,
): SubscriptionRefusal | undefined {
  const role = account.role as Role;
  const no = (text: string, code: SubscriptionRefusal['code'], params: SubscriptionRefusal['params'] = {}): SubscriptionRefusal => ({
    text,
    code,
    params,
  });
  if (s.item === 'alert') {
    if (!s.alert) return no('an alert subscription names its topic (alert.topic)', 'alert_topic_needed');
    if (s.variant) return no('an alert has no edition (leave variant out)', 'alert_no_edition');
    if (!alertRoles(s.alert.topic).includes(role))
      return no(`the ${role} role may not see what the ${s.alert.topic} alert reads`, 'role_refused', { role });
  } else if (s.item === 'report') {
    if (!s.variant) return no('a report subscription names its edition (variant)', 'edition_needed');
    const allowed = reportVariantsOf[role];
    if (!allowed.includes(s.variant))
      return no(
        allowed.length
          ? `the ${role} role may receive the ${allowed.join(', ')} edition only`
          : `the ${role} role receives no report edition`,
        'report_edition',
        { role, editions: allowed },
      );
  } else {
    if (s.variant) return no('a digest has no edition (leave variant out)', 'digest_no_edition');
    if (!(roleGroups.figures as readonly string[]).includes(role))
      return no(`the ${role} role may not see the overview's figures`, 'role_refused', { role });
  }
  if (s.channel === 'email') {
    if (s.robot) return no('an e-mail subscription names no robot', 'email_no_robot');
    if (!account.email) return no('the account has no e-mail address: an admin sets it (PATCH /api/users/:id)', 'no_email');
  } else {
    if (!s.robot) return no(`a ${s.channel} subscription names a robot of the configuration`, 'robot_needed', { channel: s.channel });
    const r = robots[s.robot];
    if (!r)
      return no(`no robot "${s.robot}" in the configuration; robots: ${Object.keys(robots).join(', ') || 'none'}`, 'unknown_robot', {
        robot: s.robot,
      });
    if (r.channel !== s.channel)
      return no(`robot "${s.robot}" is a ${r.channel} robot, not ${s.channel}`, 'robot_channel', { robot: s.robot, channel: s.channel });
  }
  return undefined;
}

const recipientOf = (s: SubscriptionRow, a: Account) => (s.channel === 'email' ? (a.email ?? '—') : (s.robot ?? '—'));

async function plan(db: Warehouse, item: SubscriptionItem, endedAt: Date, keysOf: (a: Account) => string[], now: Date): Promise<number> {
  let planned = 0;
  for (const s of await subscriptionsTo(db, item, endedAt)) {
    const a = await accountOf(db, s.user_id);
    if (!a) continue;
    for (const key of keysOf(a)) {
      if (
        await planDelivery(
          db,
          { subscription_id: s.subscription_id, item_key: key, username: a.username, channel: s.channel, recipient: recipientOf(s, a) },
          now,
        )
      )
        planned++;
    }
  }
  return planned;
}

/** The quarter just ended, to every report subscription made before it ended: one per region of a limited account. */
export function planReportDeliveries(db: Warehouse, o: NotifyOptions, now = new Date()): Promise<number> {
  const q = lastQuarter(now, o.timeZone);
  return plan(db, 'report', q.endedAt, (a) => (a.regions ?? ['*']).map((r) => `report:${q.key}:${r}`), now);
}

/** The last whole week or month, to its digest's subscriptions made before it ended. */
export function planDigestDeliveries(db: Warehouse, o: NotifyOptions, kind: 'weekly' | 'monthly', now = new Date()): Promise<number> {
  const p = kind === 'weekly' ? lastWeek(now, o.timeZone) : lastMonth(now, o.timeZone);
  return plan(db, kind === 'weekly' ? 'digest_weekly' : 'digest_monthly', p.endedAt, () => [`digest_${kind}:${p.key}`], now);
}

class Skip {
  constructor(readonly reason: string) {}
}

const ticketsIn = async (db: Warehouse, from: string, to: string, regions: readonly string[] | null) =>
  (await readMetricSeries(db, { metric: 'opened', grain: 'all', from, to, filters: regions ? { region: [...regions] } : {} })).rows[0]
    ?.value ?? 0;

/** The overview's key figures in sentences, against the period before (the report's words). */
async function kpiLines(
  db: Warehouse,
  lang: Lang,
  range: { from: string; to: string },
  previous: { from: string; to: string },
  regions: readonly string[] | null,
  against: string,
): Promise<string[]> {
  const filters = regions ? { region: [...regions] } : {};
  const read = (r: { from: string; to: string }) =>
    Promise.all(overviewKpis.map((k) => readMetricSeries(db, { metric: k.metric, grain: 'all', from: r.from, to: r.to, filters })));
  const [now, before] = await Promise.all([read(range), read(previous)]);
  const w = reportWords(lang);
  return overviewKpis.map((k, i) => {
    const def = metricCatalog[k.metric];
    const value = now[i].rows[0]?.value ?? null;
    const change = kpiChange(value, before[i].rows[0]?.value ?? null, def.format, k.higherIsBetter);
    return kpiSentence(lang, def.label[lang], formatValue(value, def.format, lang), [{ change, against }], w);
  });
}

/** Tickets opened in the period by day (or month), the recipient's regions only, as the dashboard's volume chart. */
async function volumeChart(
  db: Warehouse,
  lang: Lang,
  range: { from: string; to: string },
  grain: Grain,
  regions: readonly string[] | null,
): Promise<Message['chart']> {
  const series = await readMetricSeries(db, {
    metric: 'opened',
    grain,
    from: range.from,
    to: range.to,
    filters: regions ? { region: [...regions] } : {},
  });
  const def = metricCatalog.opened;
  return { png: renderChartPng(volumeOption(series, def, pdfChartContext(lang)), { width: 640, height: 260 }), alt: def.label[lang] };
}

const scopeWords = (lang: Lang, regions: readonly string[] | null) => (regions ? regions.join('、') : reportWords(lang).allRegions);

/** The message of one delivery, computed with the account as it is now; Skip when it has nothing it may send. */
async function compose(
  db: Warehouse,
  o: NotifyOptions,
  d: DeliveryRow,
  s: SubscriptionRow,
  a: Account,
  now: Date,
): Promise<Message | Skip> {
  const role = a.role as Role;
  const lang = s.lang;
  const w = notifyWords(lang);
  const base = o.publicUrl.replace(/\/+$/, '');
  const unsubscribeUrl = `${base}/api/unsubscribe?t=${unsubscribeToken(o.linkSecret, s.subscription_id)}`;
  // item:period[:region] (a region name may itself hold a colon).
  const [item, period, ...rest] = d.item_key.split(':');
  const region = rest.join(':');
  if (item === 'alert') {
    const m = await composeAlert(db, o, d.item_key, s, a, now, unsubscribeUrl);
    return 'skip' in m ? new Skip(m.skip) : m;
  }
  if (item === 'report') {
    const variant = s.variant as ReportVariant;
    if (!reportVariantsOf[role].includes(variant)) return new Skip(`the ${role} role may no longer receive the ${variant} edition`);
    // A limited account gets its own regions' editions only; the company-wide one never.
    if (a.regions && !a.regions.includes(region))
      return new Skip(`the account may no longer see ${region === '*' ? 'every region' : region}`);
    const q = parseQuarterKey(period);
    const scope = region === '*' ? null : [region];
    if (o.delivery.skipEmpty && (await ticketsIn(db, q.from, q.to, scope)) === 0)
      return new Skip('no ticket in the quarter (delivery.skipEmpty)');
    const req = { quarter: q.key, variant, lang, region: region === '*' ? undefined : region };
    let found = await findArchivedReport(db, req);
    let file = found && (await reportFile(db, o.archive, found.report_id));
    if (!file) {
      found = await produceReport(db, o.archive, req, 'schedule');
      if (found.status !== 'ok') throw new Error(`the report could not be produced: ${found.error}`);
      file = await reportFile(db, o.archive, found.report_id);
      if (!file) throw new Error(`the report ${found.report_id} was produced but its file is missing`);
    }
    const rw = reportWords(lang);
    const previous = previousPeriod(q.key);
    const lines = [w.scope(scopeWords(lang, scope)), ...(await kpiLines(db, lang, q, previous, scope, rw.vsPrevious))];
    const subject = w.reportSubject(formatPeriod(q.key, lang), rw.variant[variant], scopeWords(lang, scope));
    const reportsPage = { label: w.openReports, url: `${base}/reports` };
    if (s.channel === 'email') {
      const name = `aftersight-${q.key}-${variant}-${lang}${scope ? `-${region}` : ''}.pdf`;
      const chart = await volumeChart(db, lang, q, 'month', scope);
      return {
        lang,
        subject,
        lines: [...lines, w.reportAttached],
        links: [reportsPage],
        unsubscribeUrl,
        attachment: { filename: name, path: file.path },
        chart,
      };
    }
    const chart = await volumeChart(db, lang, q, 'month', scope);
    const expires = new Date(now.getTime() + o.delivery.linkHours * 3_600_000);
    const p = reportLinkParams(o.linkSecret, found!.report_id, a.user_id, expires);
    const until = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: o.timeZone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(expires);
    const download = {
      label: w.download(until),
      url: `${base}/api/shared-reports/${found!.report_id}.pdf?u=${p.u}&exp=${p.exp}&sig=${p.sig}`,
    };
    return { lang, subject, lines: [...lines, w.reportLinked], links: [download, reportsPage], unsubscribeUrl, chart };
  }
  if (!(roleGroups.figures as readonly string[]).includes(role)) return new Skip(`the ${role} role may not see the overview's figures`);
  const p: DigestPeriod = item === 'digest_weekly' ? weekPeriod(period, o.timeZone) : monthPeriod(period, o.timeZone);
  if (o.delivery.skipEmpty && (await ticketsIn(db, p.from, p.to, a.regions)) === 0)
    return new Skip('no ticket in the period (delivery.skipEmpty)');
  const subject = p.kind === 'weekly' ? w.weeklySubject(p.from, p.to) : w.monthlySubject(formatPeriod(p.key, lang));
  const lines = [
    w.scope(scopeWords(lang, a.regions)),
    ...(await kpiLines(db, lang, p, p.previous, a.regions, p.kind === 'weekly' ? w.vsPreviousWeek : w.vsPreviousMonth)),
  ];
  const chart = await volumeChart(db, lang, p, 'day', a.regions);
  return { lang, subject, lines, links: [{ label: w.openOverview, url: `${base}/` }], unsubscribeUrl, chart };
}

/** The folder of chart images shown by link (DingTalk, Feishu), under the reports' folder. */
export const chartsDir = (o: Pick<NotifyOptions, 'archive'>) => path.join(o.archive.dir, 'charts');

/** Keeps a chart's PNG (named by its content) and answers its expiring signed link. */
function hostChart(o: NotifyOptions, png: Buffer, now: Date): string {
  const name = `${crypto.createHash('sha256').update(png).digest('hex').slice(0, 32)}.png`;
  fs.mkdirSync(chartsDir(o), { recursive: true });
  const file = path.join(chartsDir(o), name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, png);
  const p = chartLinkParams(o.linkSecret, name, new Date(now.getTime() + o.delivery.linkHours * 3_600_000));
  return `${o.publicUrl.replace(/\/+$/, '')}/api/shared-charts/${name}?exp=${p.exp}&sig=${p.sig}`;
}

async function send(o: NotifyOptions, s: SubscriptionRow, a: Account, m: Message, now: Date): Promise<string | undefined> {
  if (s.channel === 'email') {
    if (!o.mailer) return 'no SMTP server is configured (smtp)';
    if (!a.email) return 'the account has no e-mail address';
    return o.mailer(a.email, m);
  }
  // WeCom takes the image itself; DingTalk's and Feishu's custom robots show an image by URL only.
  const shown = m.chart && s.channel !== 'wecom' ? { ...m, chartUrl: hostChart(o, m.chart.png, now) } : m;
  return postToRobot(resolveRobot(s.robot!, o.robots, o.env), shown);
}

export interface RoundResult {
  sent: number;
  retrying: number;
  failed: number;
  skipped: number;
  /** Due deliveries moved to the end of the quiet hours. */
  postponed: number;
}

/** The wait before attempt n + 1 after n failed ones: retrySeconds, doubled each time. */
export const retryDelayMs = (settings: Pick<DeliverySettings, 'retrySeconds'>, failedAttempts: number): number =>
  settings.retrySeconds * 1000 * 2 ** (failedAttempts - 1);

/** Sends what is due at `now`; stops between deliveries when `signal` aborts. */
export async function runDueDeliveries(db: Warehouse, o: NotifyOptions, now = new Date(), signal?: AbortSignal): Promise<RoundResult> {
  const result: RoundResult = { sent: 0, retrying: 0, failed: 0, skipped: 0, postponed: 0 };
  const due = await dueDeliveries(db, now);
  const quietEnd = quietUntil(now, o.delivery.quietHours, o.timeZone);
  if (quietEnd) {
    for (const d of due) await postponeDelivery(db, d.delivery_id, quietEnd);
    result.postponed = due.length;
    return result;
  }
  for (const d of due) {
    if (signal?.aborted) break;
    if (!(await startAttempt(db, d.delivery_id))) continue;
    const attempts = d.attempts + 1;
    const s = await findSubscription(db, d.subscription_id);
    const a = s && (await accountOf(db, s.user_id));
    let error: string | undefined;
    try {
      const m = !s ? new Skip('unsubscribed') : !a ? new Skip('the account was deleted') : await compose(db, o, d, s, a, now);
      if (m instanceof Skip) {
        await finishDelivery(db, d.delivery_id, { status: 'skipped', error: m.reason });
        result.skipped++;
        continue;
      }
      error = await send(o, s!, a!, m, now);
    } catch (e) {
      error = (e as Error).message.split('\n')[0];
    }
    if (!error) {
      await finishDelivery(db, d.delivery_id, { status: 'sent' });
      result.sent++;
    } else if (attempts < o.delivery.maxAttempts) {
      await finishDelivery(db, d.delivery_id, {
        status: 'pending',
        error,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(o.delivery, attempts)),
      });
      result.retrying++;
    } else {
      await finishDelivery(db, d.delivery_id, { status: 'failed', error });
      const what = `${d.item_key} to ${d.username} by ${d.channel} (${d.recipient}) after ${attempts} attempt${attempts > 1 ? 's' : ''}: ${error}`;
      await audit(db, {
        username: null,
        action: 'delivery_failed',
        detail: auditJson({
          kind: 'delivery',
          item: d.item_key,
          username: d.username,
          channel: d.channel,
          recipient: d.recipient,
          attempts,
          error,
        }),
      });
      o.log?.(`delivery failed: ${what}`);
      result.failed++;
    }
  }
  return result;
}

/** At start: deliveries a stopped process left mid-send are marked failed (never sent twice) and audited. */
export async function settleInterrupted(db: Warehouse, o: Pick<NotifyOptions, 'log'>): Promise<number> {
  const rows = await failInterrupted(db, 'interrupted while sending (the server stopped): not sent again, to avoid a duplicate');
  for (const d of rows) {
    const what = `${d.item_key} to ${d.username} by ${d.channel} (${d.recipient}): interrupted while sending`;
    await audit(db, {
      username: null,
      action: 'delivery_failed',
      detail: auditJson({
        kind: 'delivery',
        item: d.item_key,
        username: d.username,
        channel: d.channel,
        recipient: d.recipient,
        interrupted: true,
      }),
    });
    o.log?.(`delivery failed: ${what}`);
  }
  return rows.length;
}
