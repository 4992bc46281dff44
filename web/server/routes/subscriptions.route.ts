// Subscriptions (issue 20): GET/POST/DELETE /api/subscriptions (everyone signed in manages their own; an admin
// also other accounts'), GET /api/deliveries (admin: the delivery log, failures first to look at), and two public
// routes that carry their own permission in a signed link: /api/unsubscribe (GET shows a confirmation, POST
// deletes: a mail scanner that opens links unsubscribes nobody; one-click unsubscribe of mail clients POSTs) and
// /api/shared-reports/:id.pdf (a report's expiring download link sent to robots; /api/reports/:id.pdf keeps its
// sign-in) and /api/shared-charts/:name.png (a message's chart for DingTalk and Feishu, which show images by URL).
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import type { RobotSettings } from '../../../warehouse/config/config.ts';
import {
  alertTopics,
  deleteSubscription,
  findSubscription,
  insertSubscription,
  listDeliveries,
  listSubscriptions,
  accountOf,
} from '../../../warehouse/queries/subscriptions.ts';
import { reportFile, type ArchiveOptions } from '../../../reports/archive/report-archive.ts';
import { reportVariants } from '../../../presentation/reports/report-context.ts';
import { chartsDir, subscriptionRefusal } from '../../../notify/deliveries.ts';
import { alertRoles, slaTargets } from '../../../notify/alerts.ts';
import { defaultConfig, type DeliverySettings } from '../../../warehouse/config/config.ts';
import { checkChartLink, checkReportLink, verifyUnsubscribeToken } from '../../../notify/signed-links.ts';
import { notifyWords } from '../../../notify/notify-words.ts';
import { reportVariantsOf, roleGroups } from '../auth/route-access.ts';
import { AnyObject, NoQuery, OkReply } from '../schemas/json-types.schema.ts';
import { binaryFile, fileReply } from '../schemas/file-reply.schema.ts';
import { maySeeReport } from '../auth/row-access.ts';
import { audit } from '../auth/audit-log.ts';
import type { Role, User } from '../auth/accounts.ts';
import { writeRateLimit } from '../plugins/hardening.ts';
import { auditJson } from '../../../presentation/i18n/audit-details.ts';
import { apiError } from '../api-error.ts';

export interface SubscriptionsRouteOptions {
  archive: ArchiveOptions;
  linkSecret: string;
  robots: Record<string, RobotSettings>;
  /** The thresholds an alert subscription that sets none is evaluated with (shown on the page). */
  alertDefaults?: DeliverySettings['alertDefaults'];
}

const NewSubscription = Type.Object(
  {
    item: Type.Union([Type.Literal('report'), Type.Literal('digest_weekly'), Type.Literal('digest_monthly'), Type.Literal('alert')]),
    alert: Type.Optional(
      Type.Object(
        {
          topic: Type.Union(alertTopics.map((t) => Type.Literal(t))),
          threshold: Type.Optional(
            Type.Number({
              minimum: 0,
              maximum: 1,
              description: 'sla_below, satisfaction_below: the share (0–1) below which the alert is sent',
            }),
          ),
          days: Type.Optional(
            Type.Integer({
              minimum: 1,
              maximum: 3650,
              description: 'sla_below, satisfaction_below: the last N days; backlog_older: the age in days',
            }),
          ),
          target: Type.Optional(
            Type.Union(
              slaTargets.map((t) => Type.Literal(t)),
              { description: 'sla_below: one SLA target (all when left out)' },
            ),
          ),
        },
        {
          additionalProperties: false,
          description: "item alert: the topic and its thresholds (the configuration's delivery.alertDefaults when left out)",
        },
      ),
    ),
    variant: Type.Optional(Type.Union(reportVariants.map((v) => Type.Literal(v)))),
    lang: Type.Optional(Type.Union([Type.Literal('zh'), Type.Literal('en')], { default: 'zh' })),
    channel: Type.Union([Type.Literal('email'), Type.Literal('wecom'), Type.Literal('dingtalk'), Type.Literal('feishu')]),
    robot: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })),
    user_id: Type.Optional(Type.Integer({ minimum: 1, description: 'admin only: subscribe another account' })),
  },
  { additionalProperties: false },
);

const DeliveriesQuery = Type.Object(
  {
    status: Type.Optional(Type.Union(['pending', 'sending', 'sent', 'failed', 'skipped'].map((s) => Type.Literal(s)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 200 })),
  },
  { additionalProperties: false },
);

const isAdmin = (u: User | undefined) => u?.role === 'admin';

const page = (reply: FastifyReply, status: number, lang: 'zh' | 'en' | 'both', body: string) => {
  const title = lang === 'en' ? notifyWords('en').unsubscribeTitle : notifyWords('zh').unsubscribeTitle;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><html lang="${lang === 'en' ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><title>${title}</title></head><body style="font-family:sans-serif;max-width:40em;margin:3em auto">${body}</body></html>`,
    );
};

// The answers: JSON as warehouse/queries/subscriptions.ts types them, and the unsubscribe page as HTML.
const answer = AnyObject('subscriptions, the choices the account has, or the delivery log (warehouse/queries/subscriptions.ts)');
const unsubscribePage = fileReply('A page confirming the unsubscribe', { 'text/html': Type.String() });

export const subscriptionsRoute: FastifyPluginAsync<SubscriptionsRouteOptions> = async (app, o) => {
  app.get(
    '/api/subscriptions',
    { schema: { querystring: NoQuery, response: { 200: answer } }, config: { access: 'signed-in' } },
    async (req) => {
      const me = req.user && (await accountOf(app.db, req.user.user_id));
      const role = (me?.role ?? 'admin') as Role;
      return {
        subscriptions: await listSubscriptions(app.db, isAdmin(req.user) || !req.user ? undefined : req.user.user_id),
        // What the signed-in account may subscribe itself to (the page's choices; POST checks again).
        choices: {
          variants: reportVariantsOf[role],
          digests: (roleGroups.figures as readonly string[]).includes(role),
          email: me?.email ?? null,
          robots: Object.entries(o.robots).map(([name, r]) => ({ name, channel: r.channel })),
          /** The alert topics the account may subscribe to, and the thresholds used when a subscription sets none. */
          alerts: alertTopics.filter((t) => alertRoles(t).includes(role)),
          alertDefaults: o.alertDefaults ?? defaultConfig.delivery.alertDefaults!,
          slaTargets,
          /** The page also shows the delivery log (GET /api/deliveries). */
          deliveries: role === 'admin',
        },
      };
    },
  );

  app.post<{ Body: Static<typeof NewSubscription> }>(
    '/api/subscriptions',
    {
      schema: { body: NewSubscription, response: { 200: answer, 201: answer } },
      config: { access: 'signed-in', audit: 'subscription_create', rateLimit: writeRateLimit },
    },
    async (req, reply) => {
      const b = req.body;
      const me = req.user;
      const userId = b.user_id ?? me?.user_id;
      if (userId === undefined) return reply.status(400).send(apiError('name_account'));
      if (me && userId !== me.user_id && !isAdmin(me)) return reply.status(403).send(apiError('admin_only_subscribe_other'));
      const account = await accountOf(app.db, userId);
      if (!account) return reply.status(404).send(apiError('not_found', { what: 'user', id: userId }));
      const refusal = subscriptionRefusal(account, b, o.robots);
      if (refusal) return reply.status(400).send(apiError(refusal.code, refusal.params, refusal.text));
      const id = await insertSubscription(app.db, {
        user_id: userId,
        item: b.item,
        variant: b.variant ?? null,
        lang: b.lang ?? 'zh',
        channel: b.channel,
        robot: b.robot ?? null,
        alert: b.item === 'alert' ? (b.alert ?? null) : null,
        created_by: me?.username ?? 'anonymous',
      });
      return reply.status(201).send(await findSubscription(app.db, id));
    },
  );

  app.delete<{ Params: { id: number } }>(
    '/api/subscriptions/:id',
    {
      schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), response: { 200: OkReply } },
      config: { access: 'signed-in', audit: 'subscription_delete' },
    },
    async (req, reply) => {
      const s = await findSubscription(app.db, req.params.id);
      // Another account's subscription is not found for a non-admin (its existence is not theirs to know).
      if (!s || (req.user && !isAdmin(req.user) && s.user_id !== req.user.user_id))
        return reply.status(404).send(apiError('not_found', { what: 'subscription', id: req.params.id }));
      await deleteSubscription(app.db, s.subscription_id);
      return { ok: true };
    },
  );

  app.get<{ Querystring: Static<typeof DeliveriesQuery> }>(
    '/api/deliveries',
    { schema: { querystring: DeliveriesQuery, response: { 200: answer } }, config: { access: roleGroups.admin } },
    async (req) => ({
      deliveries: await listDeliveries(app.db, req.query.limit ?? 200, req.query.status as 'failed' | undefined),
    }),
  );

  // One-click unsubscribe (RFC 8058) posts "List-Unsubscribe=One-Click" as a form; the answer does not need it.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const Token = Type.Object({ t: Type.String({ maxLength: 100 }) });

  app.get<{ Querystring: Static<typeof Token> }>(
    '/api/unsubscribe',
    { schema: { querystring: Token, response: { 200: unsubscribePage } }, config: { access: 'public' } },
    async (req, reply) => {
      const id = verifyUnsubscribeToken(o.linkSecret, req.query.t);
      const s = id === undefined ? undefined : await findSubscription(app.db, id);
      if (!s) return page(reply, 404, 'both', `<p>${notifyWords('zh').unsubscribeBad}</p><p>${notifyWords('en').unsubscribeBad}</p>`);
      const w = notifyWords(s.lang);
      return page(
        reply,
        200,
        s.lang,
        `<h1>${w.unsubscribeTitle}</h1><p>${w.unsubscribeAsk}</p><form method="post" action="/api/unsubscribe?t=${encodeURIComponent(req.query.t)}"><button type="submit">${w.unsubscribeButton}</button></form>`,
      );
    },
  );

  app.post<{ Querystring: Static<typeof Token> }>(
    '/api/unsubscribe',
    { schema: { querystring: Token, response: { 200: unsubscribePage } }, config: { access: 'public', rateLimit: writeRateLimit } },
    async (req, reply) => {
      const id = verifyUnsubscribeToken(o.linkSecret, req.query.t);
      const s = id === undefined ? undefined : await findSubscription(app.db, id);
      if (!s) return page(reply, 404, 'both', `<p>${notifyWords('zh').unsubscribeBad}</p><p>${notifyWords('en').unsubscribeBad}</p>`);
      await deleteSubscription(app.db, s.subscription_id);
      await audit(app.db, {
        username: s.username,
        action: 'unsubscribe',
        detail: auditJson({ kind: 'unsubscribe', subscription: s.subscription_id, item: s.item, variant: s.variant, channel: s.channel }),
        address: req.ip,
      });
      return page(reply, 200, s.lang, `<p>${notifyWords(s.lang).unsubscribed}</p>`);
    },
  );

  const LinkQuery = Type.Object(
    { u: Type.Integer({ minimum: 1 }), exp: Type.Integer({ minimum: 0 }), sig: Type.String({ maxLength: 100 }) },
    { additionalProperties: false },
  );
  app.get<{ Params: { file: string }; Querystring: Static<typeof LinkQuery> }>(
    '/api/shared-reports/:file',
    {
      schema: {
        params: Type.Object({ file: Type.String({ pattern: '^\\d{1,9}\\.pdf$' }) }),
        querystring: LinkQuery,
        response: { 200: fileReply('The report as PDF', { 'application/pdf': binaryFile('the report') }) },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const id = Number.parseInt(req.params.file, 10);
      const check = checkReportLink(o.linkSecret, id, req.query);
      // A forged link finds nothing (as an unknown report); an expired one says so.
      if (check === 'expired') return reply.status(410).send(apiError('link_expired'));
      if (check !== 'ok') return reply.status(404).send(apiError('not_found', { what: 'report', id: req.params.file }));
      // The link is the account's: it opens only what the account may still see.
      const account = await accountOf(app.db, req.query.u);
      const found = await reportFile(app.db, o.archive, id);
      if (!account || !found || !maySeeReport(account as User, found.report))
        return reply.status(404).send(apiError('not_found', { what: 'report', id: req.params.file }));
      await audit(app.db, {
        username: account.username,
        action: 'report_download',
        detail: `GET /api/shared-reports/${id}.pdf (signed link)`,
        address: req.ip,
      });
      const r = found.report;
      const name = `aftersight-${r.quarter}-${r.variant}-${r.lang}${r.region ? `-${r.region}` : ''}.pdf`;
      reply.header(
        'content-disposition',
        `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      return reply.type('application/pdf').send(fs.createReadStream(found.path));
    },
  );

  const ChartQuery = Type.Object(
    { exp: Type.Integer({ minimum: 0 }), sig: Type.String({ maxLength: 100 }) },
    { additionalProperties: false },
  );
  app.get<{ Params: { file: string }; Querystring: Static<typeof ChartQuery> }>(
    '/api/shared-charts/:file',
    {
      schema: {
        params: Type.Object({ file: Type.String({ pattern: '^[0-9a-f]{32}\\.png$' }) }),
        querystring: ChartQuery,
        response: { 200: fileReply("A message's chart as PNG", { 'image/png': binaryFile('the chart') }) },
      },
      config: { access: 'public' },
    },
    async (req, reply) => {
      const check = checkChartLink(o.linkSecret, req.params.file, req.query);
      if (check === 'expired') return reply.status(410).send(apiError('link_expired'));
      const file = path.join(chartsDir(o), req.params.file);
      if (check !== 'ok' || !fs.existsSync(file))
        return reply.status(404).send(apiError('not_found', { what: 'chart', id: req.params.file }));
      return reply.type('image/png').send(fs.createReadStream(file));
    },
  );
};
