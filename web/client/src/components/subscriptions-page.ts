// <subscriptions-page>: the signed-in account's subscriptions (an admin sees everyone's), each to delete, and a form
// to subscribe: a report edition the role may read, the weekly or monthly digest, or an alert (new quality flags and
// early warnings, SLA compliance or CSAT below a target over the last N days, tickets open for more than N days,
// with its thresholds; the configuration's defaults filled in); language; e-mail or a robot.
// An admin also sees the delivery log, failures with their reason.
import { LitElement, css, html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { Task } from '@lit/task';
import type { AlertSettings, AlertTopic, DeliveryRow, SubscriptionRow } from '../../../../warehouse/queries/subscriptions.ts';
import { formatValue, type Lang } from '../../../../presentation/format/format-value.ts';
import { t } from '../../../../presentation/i18n/messages.ts';
import { dimensionLabel } from '../../../../presentation/i18n/dimension-labels.ts';
import { reportWords } from '../../../../presentation/i18n/report-words.ts';
import { getJson, errorOf } from '../get-json.ts';
import { pageStyles } from '../page-styles.ts';

interface Choices {
  variants: ('management' | 'quality' | 'hr')[];
  digests: boolean;
  email: string | null;
  robots: { name: string; channel: 'wecom' | 'dingtalk' | 'feishu' }[];
  deliveries: boolean;
  alerts: AlertTopic[];
  alertDefaults: { slaBelow: number; satisfactionBelow: number; days: number; backlogOlderDays: number };
  slaTargets: string[];
}

const words = {
  zh: {
    subscribe: '订阅',
    item: '内容',
    lang: '语言',
    channel: '发送到',
    add: '订阅',
    list: '我的订阅',
    user: '账号',
    remove: '退订',
    none: '还没有订阅',
    report: (v: string) => `季度报告 · ${v}`,
    digest_weekly: '服务周报',
    digest_monthly: '服务月报',
    email: (a: string | null) => `邮件${a ? `（${a}）` : '（账号没有邮箱，请管理员设置）'}`,
    channels: { email: '邮件', wecom: '企业微信', dingtalk: '钉钉', feishu: '飞书' },
    langs: { zh: '中文', en: 'English' },
    log: '发送记录（最近 100 条）',
    what: '内容',
    to: '收件人',
    status: '状态',
    attempts: '尝试次数',
    error: '原因',
    at: '时间',
    noLog: '还没有发送记录',
    statuses: { pending: '待发送', sending: '发送中', sent: '已发送', failed: '失败', skipped: '跳过' },
  },
  en: {
    subscribe: 'Subscribe',
    item: 'What',
    lang: 'Language',
    channel: 'Send to',
    add: 'Subscribe',
    list: 'Subscriptions',
    user: 'Account',
    remove: 'Unsubscribe',
    none: 'No subscription yet',
    report: (v: string) => `Quarterly report · ${v}`,
    digest_weekly: 'Weekly digest',
    digest_monthly: 'Monthly digest',
    email: (a: string | null) => `E-mail${a ? ` (${a})` : ' (the account has no address: an admin sets it)'}`,
    channels: { email: 'E-mail', wecom: 'WeCom', dingtalk: 'DingTalk', feishu: 'Feishu' },
    langs: { zh: '中文', en: 'English' },
    log: 'Deliveries (last 100)',
    what: 'What',
    to: 'To',
    status: 'Status',
    attempts: 'Attempts',
    error: 'Reason',
    at: 'When',
    noLog: 'Nothing sent yet',
    statuses: { pending: 'pending', sending: 'sending', sent: 'sent', failed: 'failed', skipped: 'skipped' },
  },
} as const;

@customElement('subscriptions-page')
export class SubscriptionsPage extends LitElement {
  static styles = [
    pageStyles,
    css`
      form { display: flex; gap: 12px; align-items: end; flex-wrap: wrap; }
      label { display: flex; flex-direction: column; gap: 4px; font-size: 13px; color: var(--muted, #667085); }
      input[type='number'] { width: 8em; }
      tr.failed td { color: #b42318; }
    `,
  ];

  @property() lang: Lang = 'zh';
  @state() private message = '';
  @state() private version = 0;
  /** The item chosen in the form ('report:management', 'alert:sla_below', …): an alert shows its thresholds. */
  @state() private item = '';

  private readonly data = new Task(this, {
    task: async (_args, { signal }) => {
      const d = await getJson<{ subscriptions: SubscriptionRow[]; choices: Choices }>('/api/subscriptions', signal);
      const log = d.choices.deliveries
        ? (await getJson<{ deliveries: DeliveryRow[] }>('/api/deliveries?limit=100', signal)).deliveries
        : undefined;
      return { ...d, log };
    },
    args: () => [this.version, this.lang] as const,
  });

  private async send(method: 'POST' | 'DELETE', url: string, body?: object) {
    this.message = '';
    const r = await fetch(url, {
      method,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!r.ok) this.message = await errorOf(r);
    this.version++;
  }

  private subscribe(e: SubmitEvent) {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const [item, variant] = String(f.get('item')).split(':');
    const [channel, robot] = String(f.get('channel')).split(':');
    const num = (k: string) => (f.get(k) === null || f.get(k) === '' ? undefined : Number(f.get(k)));
    const threshold = num('threshold');
    const alert =
      item === 'alert'
        ? {
            topic: variant,
            threshold: threshold === undefined ? undefined : Math.round(threshold * 10) / 1000,
            days: num('days'),
            target: (f.get('target') as string) || undefined,
          }
        : undefined;
    void this.send('POST', '/api/subscriptions', {
      item,
      variant: item === 'alert' ? undefined : variant || undefined,
      alert,
      lang: f.get('lang'),
      channel,
      robot: robot || undefined,
    });
  }

  private alertWords(a: AlertSettings) {
    const name = t(this.lang, `alert_${a.topic}`);
    const target = a.target ? ` · ${dimensionLabel('sla_target', a.target, this.lang)}` : '';
    if (a.threshold !== undefined && a.days !== undefined)
      return `${name}${target} · ${t(this.lang, 'alertBelowDays')
        .replace('{threshold}', formatValue(a.threshold, 'percent', this.lang))
        .replace('{days}', formatValue(a.days, 'count', this.lang))}`;
    if (a.days !== undefined)
      return `${name} · ${t(this.lang, 'alertOlderThan').replace('{days}', formatValue(a.days, 'count', this.lang))}`;
    return name + target;
  }

  private itemWords(s: { item: string; variant: string | null; alert?: AlertSettings | null }) {
    const w = words[this.lang];
    if (s.item === 'alert') return s.alert ? this.alertWords(s.alert) : '';
    return s.item === 'report'
      ? w.report(reportWords(this.lang).variant[s.variant as 'management'])
      : w[s.item as 'digest_weekly' | 'digest_monthly'];
  }

  /** The chosen alert's thresholds, the configuration's defaults filled in. */
  private alertFields(topic: string, c: Choices) {
    const d = c.alertDefaults;
    const pct = (v: number) => String(Math.round(v * 1000) / 10);
    const number = (name: string, label: string, value: string | number, min: number, max: number, step = 1) =>
      html`<label>${label}<input type="number" name=${name} required min=${min} max=${max} step=${step} .value=${String(value)} inputmode="decimal"></label>`;
    switch (topic) {
      case 'sla_below':
        return html`${number('threshold', t(this.lang, 'alertThreshold'), pct(d.slaBelow), 0, 100, 0.1)} ${number('days', t(this.lang, 'alertDays'), d.days, 1, 366)}
          <label>${t(this.lang, 'alertSlaTarget')}<select name="target"><option value="">${t(this.lang, 'alertAllTargets')}</option>${c.slaTargets.map((x) => html`<option value=${x}>${dimensionLabel('sla_target', x, this.lang)}</option>`)}</select></label>`;
      case 'satisfaction_below':
        return html`${number('threshold', t(this.lang, 'alertThreshold'), pct(d.satisfactionBelow), 0, 100, 0.1)} ${number('days', t(this.lang, 'alertDays'), d.days, 1, 366)}`;
      case 'backlog_older':
        return number('days', t(this.lang, 'alertOlderDays'), d.backlogOlderDays, 1, 3650);
      default:
        return nothing;
    }
  }

  render() {
    const w = words[this.lang];
    return this.data.render({
      pending: () => html`<p class="note">…</p>`,
      error: (e) => html`<p class="error">${(e as Error).message}</p>`,
      complete: ({ subscriptions, choices, log }) => {
        const items = [
          ...choices.variants.map((v) => ({ item: 'report', variant: v as string })),
          ...(choices.digests
            ? [
                { item: 'digest_weekly', variant: null },
                { item: 'digest_monthly', variant: null },
              ]
            : []),
          ...choices.alerts.map((topic) => ({ item: 'alert', variant: topic as string, alert: { topic } })),
        ];
        const chosen = items.some((i) => `${i.item}:${i.variant ?? ''}` === this.item)
          ? this.item
          : items[0]
            ? `${items[0].item}:${items[0].variant ?? ''}`
            : '';
        return html`
          <section class="panel">
            <h2>${w.subscribe}</h2>
            ${
              items.length === 0
                ? nothing
                : html`<form id="subscribe" @submit=${this.subscribe}>
                  <label>${w.item}<select name="item" @change=${(e: Event) => (this.item = (e.target as HTMLSelectElement).value)}>${items.map((i) => html`<option value="${i.item}:${i.variant ?? ''}" ?selected=${`${i.item}:${i.variant ?? ''}` === chosen}>${i.item === 'alert' ? t(this.lang, `alert_${i.variant as AlertTopic}`) : this.itemWords(i)}</option>`)}</select></label>
                  ${chosen.startsWith('alert:') ? this.alertFields(chosen.slice(6), choices) : nothing}
                  <label>${w.lang}<select name="lang">${(['zh', 'en'] as const).map((l) => html`<option value=${l} ?selected=${l === this.lang}>${w.langs[l]}</option>`)}</select></label>
                  <label>${w.channel}
                    <select name="channel">
                      <option value="email">${w.email(choices.email)}</option>
                      ${choices.robots.map((r) => html`<option value="${r.channel}:${r.name}">${w.channels[r.channel]} · ${r.name}</option>`)}
                    </select>
                  </label>
                  <button type="submit">${w.add}</button>
                </form>`
            }
            ${this.message ? html`<p class="error" id="subscription-error">${this.message}</p>` : nothing}
          </section>
          <section class="panel" id="subscriptions">
            <h2>${w.list}</h2>
            ${
              subscriptions.length === 0
                ? html`<p class="note">${w.none}</p>`
                : html`<table>
                  <thead><tr><th class="text">${w.user}</th><th class="text">${w.item}</th><th class="text">${w.lang}</th><th class="text">${w.channel}</th><th></th></tr></thead>
                  <tbody>
                    ${subscriptions.map(
                      (s) => html`<tr data-subscription=${s.subscription_id}>
                        <td class="text">${s.username}</td><td class="text">${this.itemWords(s)}</td><td class="text">${w.langs[s.lang]}</td>
                        <td class="text">${w.channels[s.channel]}${s.robot ? ` · ${s.robot}` : ''}</td>
                        <td><button class="remove" @click=${() => this.send('DELETE', `/api/subscriptions/${s.subscription_id}`)}>${w.remove}</button></td>
                      </tr>`,
                    )}
                  </tbody>
                </table>`
            }
          </section>
          ${
            log === undefined
              ? nothing
              : html`<section class="panel" id="deliveries">
                <h2>${w.log}</h2>
                ${
                  log.length === 0
                    ? html`<p class="note">${w.noLog}</p>`
                    : html`<table>
                      <thead><tr><th class="text">${w.at}</th><th class="text">${w.what}</th><th class="text">${w.user}</th><th class="text">${w.to}</th><th class="text">${w.status}</th><th>${w.attempts}</th><th class="text">${w.error}</th></tr></thead>
                      <tbody>
                        ${log.map(
                          (d) => html`<tr class=${d.status} data-delivery=${d.delivery_id}>
                            <td class="text">${d.sent_at ?? d.next_attempt_at}</td><td class="text">${d.item_key}</td><td class="text">${d.username}</td>
                            <td class="text">${w.channels[d.channel]} · ${d.recipient}</td><td class="text">${w.statuses[d.status]}</td><td>${d.attempts}</td><td class="text">${d.last_error ?? ''}</td>
                          </tr>`,
                        )}
                      </tbody>
                    </table>`
                }
              </section>`
          }
        `;
      },
    });
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'subscriptions-page': SubscriptionsPage;
  }
}
