// Alert subscriptions (issue 20): new quality flags and early warnings, SLA compliance or CSAT below a target over
// the last N days, open tickets older than N days. The scheduler evaluates every alert subscription on alertCron
// with its recipient's account (role, regions) and plans a delivery only when the condition newly holds: a flag or
// an early warning is sent once per subscription, a figure below its target once per episode (it must rise back
// above before it is sent again). The state that says so is written after the delivery is planned, and the
// delivery's item key is derived from that state, so a restart between the two plans the same key again, which
// the deliveries' unique key refuses: nothing is sent twice. Figures come from the metric views (readMetricSeries),
// the quality flags' and early warnings' query modules and the backlog's; none is computed here.
import type { Warehouse } from '../warehouse/db/open-warehouse.ts';
import { metricCatalog } from '../contract/metrics/catalog.ts';
import { readMetricSeries, type MetricSeries } from '../warehouse/queries/metric-series.ts';
import { readQualityFlags, type QualityFlag } from '../warehouse/queries/quality-flags.ts';
import { listAlerts, type AlertListRow } from '../warehouse/queries/early-warnings.ts';
import { countOpenOlderThan } from '../warehouse/queries/backlog-aging.ts';
import {
  accountOf,
  planDelivery,
  plannedItemKeys,
  readAlertState,
  subscriptionsTo,
  writeAlertState,
  type AlertSettings,
  type AlertTopic,
  type SubscriptionRow,
} from '../warehouse/queries/subscriptions.ts';
import type { UserRow } from '../warehouse/queries/accounts.ts';
import { defaultConfig, type DeliverySettings } from '../warehouse/config/config.ts';
import { metricTrendOption } from '../presentation/charts/metric-trend.option.ts';
import { pdfChartContext } from '../reports/render/chart-content.ts';
import { renderChartPng } from '../reports/render/chart-png.ts';
import { formatValue, type Lang } from '../presentation/format/format-value.ts';
import { dimensionLabel } from '../presentation/i18n/dimension-labels.ts';
import { warningMessage } from '../presentation/i18n/early-warning-words.ts';
import { flagReasons } from '../presentation/i18n/quality-flag-words.ts';
import { roleGroups } from '../web/server/auth/route-access.ts';
import type { Message } from './message.ts';
import { notifyWords } from './notify-words.ts';
import { addDays, localDay, periodAt } from '../contract/period/period.ts';

type Account = Pick<UserRow, 'user_id' | 'username' | 'role' | 'regions'> & { email: string | null };

/** The SLA targets an sla_below alert may name (the sla_compliance view's sla_target values). */
export const slaTargets = ['response', 'arrival', 'resolution'] as const;

/** The roles that may subscribe to a topic: flags and early warnings are the Quality page's, figures the overview's. */
export const alertRoles = (topic: AlertTopic): readonly string[] => (topic === 'new_flags' ? roleGroups.quality : roleGroups.figures);

/** A subscription's settings with the configuration's defaults filled in. */
export function alertWithDefaults(
  a: AlertSettings,
  given: DeliverySettings['alertDefaults'],
): Required<Pick<AlertSettings, 'topic'>> & AlertSettings {
  const d = given ?? defaultConfig.delivery.alertDefaults!;
  switch (a.topic) {
    case 'new_flags':
      return { topic: a.topic };
    case 'sla_below':
      return { topic: a.topic, threshold: a.threshold ?? d.slaBelow, days: a.days ?? d.days, ...(a.target ? { target: a.target } : {}) };
    case 'satisfaction_below':
      return { topic: a.topic, threshold: a.threshold ?? d.satisfactionBelow, days: a.days ?? d.days };
    case 'backlog_older':
      return { topic: a.topic, days: a.days ?? d.backlogOlderDays };
  }
}

/** The quarter `now` is in, locally: '2025-Q3'. */
export const currentQuarter = (now: Date, timeZone: string): string => periodAt('quarter', now, timeZone).key;

/** The flags and warnings a new_flags delivery names: alert:new_flags:<id>,<id>… (each URI-encoded). */
const idsOfKey = (key: string): string[] => key.split(':').slice(2).join(':').split(',').map(decodeURIComponent);

const flagId = (f: QualityFlag) => `flag|${f.quarter}|${f.product_model ?? ''}|${f.fault_code ?? ''}`;
const warningId = (w: AlertListRow) => `warning|${w.alert_id}`;

/** The quality flags of the current quarter (the account's regions) and, for an account that sees every region, the open early warnings. */
async function flagsAndWarnings(
  db: Warehouse,
  a: Account,
  now: Date,
  timeZone: string,
): Promise<{ flags: QualityFlag[]; warnings: AlertListRow[] }> {
  const flags = await readQualityFlags(db, currentQuarter(now, timeZone), a.regions ? { region: [...a.regions] } : {});
  // Early warnings are counted over every region: a region-limited account is not sent another region's tickets.
  const warnings = a.regions ? [] : (await listAlerts(db, { state: ['new', 'acknowledged', 'in_action'], hide_snoozed: true })).rows;
  return { flags, warnings };
}

/** The last `days` days up to `now`'s local day. */
const lastDays = (now: Date, timeZone: string, days: number) => {
  const to = localDay(now, timeZone);
  return { from: addDays(to, -(days - 1)), to };
};

async function figureOf(
  db: Warehouse,
  s: AlertSettings,
  a: Account,
  now: Date,
  timeZone: string,
  grain: 'all' | 'day',
): Promise<MetricSeries> {
  const metric = s.topic === 'sla_below' ? 'sla_compliance' : 'csat';
  return readMetricSeries(db, {
    metric,
    grain,
    ...lastDays(now, timeZone, s.days!),
    filters: {
      ...(a.regions ? { region: [...a.regions] } : {}),
      ...(s.topic === 'sla_below' && s.target ? { sla_target: [s.target] } : {}),
    },
  });
}

/** Whether the condition holds now, for the account; new_flags: the ids of the flags and warnings there are. */
export async function alertCondition(
  db: Warehouse,
  s: AlertSettings,
  a: Account,
  now: Date,
  timeZone: string,
): Promise<{ holds: boolean; ids?: string[] }> {
  switch (s.topic) {
    case 'new_flags': {
      const { flags, warnings } = await flagsAndWarnings(db, a, now, timeZone);
      const ids = [...flags.map(flagId), ...warnings.map(warningId)];
      return { holds: ids.length > 0, ids };
    }
    case 'sla_below':
    case 'satisfaction_below': {
      const value = (await figureOf(db, s, a, now, timeZone, 'all')).rows[0]?.value ?? null;
      return { holds: value !== null && value < s.threshold! };
    }
    case 'backlog_older':
      return { holds: (await countOpenOlderThan(db, now, s.days!, a.regions ? { region: [...a.regions] } : {})) > 0 };
  }
}

export interface AlertOptions {
  timeZone: string;
  delivery: DeliverySettings;
}

/** Evaluates every alert subscription made by `now`; plans a delivery for each condition that newly holds. */
export async function planAlertDeliveries(db: Warehouse, o: AlertOptions, now = new Date()): Promise<number> {
  let planned = 0;
  for (const sub of await subscriptionsTo(db, 'alert', now)) {
    if (!sub.alert) continue;
    const a = await accountOf(db, sub.user_id);
    if (!a || !alertRoles(sub.alert.topic).includes(a.role)) continue;
    const s = alertWithDefaults(sub.alert, o.delivery.alertDefaults);
    const c = await alertCondition(db, s, a, now, o.timeZone);
    const state = await readAlertState(db, sub.subscription_id);
    const recipient = sub.channel === 'email' ? (a.email ?? '—') : (sub.robot ?? '—');
    const plan = (key: string) =>
      planDelivery(db, { subscription_id: sub.subscription_id, item_key: key, username: a.username, channel: sub.channel, recipient }, now);
    if (s.topic === 'new_flags') {
      // Sent before: what the state remembers and what the log holds (each flag or warning once per subscription).
      const logged = (await plannedItemKeys(db, sub.subscription_id, 'alert:new_flags:')).flatMap((k) => idsOfKey(k));
      const seen = new Set([...state.seen, ...logged]);
      const fresh = (c.ids ?? []).filter((id) => !seen.has(id)).sort();
      if (fresh.length && (await plan(`alert:new_flags:${fresh.map(encodeURIComponent).join(',')}`))) planned++;
      // What is no longer there is forgotten: should it come back, it is new again.
      await writeAlertState(db, sub.subscription_id, {
        holding: c.holds,
        episode: state.episode + (fresh.length ? 1 : 0),
        seen: c.ids ?? [],
      });
      continue;
    }
    const episode = c.holds && !state.holding ? state.episode + 1 : state.episode;
    if (c.holds && !state.holding && (await plan(`alert:${s.topic}:${episode}`))) planned++;
    await writeAlertState(db, sub.subscription_id, { holding: c.holds, episode, seen: [] });
  }
  return planned;
}

/** An alert's message, computed with the account as it is now; a reason when it has nothing it may send. */
export async function composeAlert(
  db: Warehouse,
  o: { timeZone: string; delivery: DeliverySettings; publicUrl: string },
  itemKey: string,
  sub: SubscriptionRow,
  a: Account,
  now: Date,
  unsubscribeUrl: string,
): Promise<Message | { skip: string }> {
  if (!sub.alert) return { skip: 'the subscription names no alert topic' };
  if (!alertRoles(sub.alert.topic).includes(a.role)) return { skip: `the ${a.role} role may not see what this alert reads` };
  const s = alertWithDefaults(sub.alert, o.delivery.alertDefaults);
  const lang: Lang = sub.lang;
  const w = notifyWords(lang);
  const base = o.publicUrl.replace(/\/+$/, '');
  const scope = w.scope(a.regions ? a.regions.join('、') : w.allRegions);
  if (s.topic === 'new_flags') {
    const ids = new Set(idsOfKey(itemKey));
    const { flags, warnings } = await flagsAndWarnings(db, a, now, o.timeZone);
    const f = flags.filter((x) => ids.has(flagId(x)));
    const ws = warnings.filter((x) => ids.has(warningId(x)));
    if (!f.length && !ws.length) return { skip: 'the flags and early warnings of this alert are no longer there' };
    const lines = [
      scope,
      ...f.map((x) => w.flagLine(x.product_model ?? '—', x.fault_code ?? '—', flagReasons(x, lang).join(lang === 'zh' ? '；' : '; '))),
      ...ws.map((x) => w.warningLine(warningMessage(x, lang))),
    ];
    return {
      lang,
      subject: w.newFlagsSubject(formatValue(f.length, 'count', lang), formatValue(ws.length, 'count', lang)),
      lines,
      links: [{ label: w.openQuality, url: `${base}/quality` }],
      unsubscribeUrl,
    };
  }
  if (s.topic === 'backlog_older') {
    const n = await countOpenOlderThan(db, now, s.days!, a.regions ? { region: [...a.regions] } : {});
    if (n === 0) return { skip: "no open ticket is older than the alert's days any more" };
    return {
      lang,
      subject: w.backlogSubject(formatValue(n, 'count', lang), formatValue(s.days!, 'count', lang)),
      lines: [scope, w.backlogLine(formatValue(n, 'count', lang), formatValue(s.days!, 'count', lang))],
      links: [{ label: w.openOverview, url: `${base}/overview` }],
      unsubscribeUrl,
    };
  }
  const def = metricCatalog[s.topic === 'sla_below' ? 'sla_compliance' : 'csat'];
  const value = (await figureOf(db, s, a, now, o.timeZone, 'all')).rows[0]?.value ?? null;
  if (value === null) return { skip: "the figure has no value in the alert's days any more" };
  const name =
    s.topic === 'sla_below' && s.target ? w.ofTarget(def.label[lang], dimensionLabel('sla_target', s.target, lang)) : def.label[lang];
  const line = w.belowLine(
    name,
    formatValue(s.days!, 'count', lang),
    formatValue(value, def.format, lang),
    formatValue(s.threshold!, def.format, lang),
  );
  const daily = await figureOf(db, s, a, now, o.timeZone, 'day');
  const chart = {
    png: renderChartPng(metricTrendOption(daily, def, pdfChartContext(lang)), { width: 640, height: 260 }),
    alt: def.label[lang],
  };
  return {
    lang,
    subject: w.belowSubject(name),
    lines: [scope, line],
    links: [{ label: w.openOverview, url: `${base}/overview` }],
    unsubscribeUrl,
    chart,
  };
}
