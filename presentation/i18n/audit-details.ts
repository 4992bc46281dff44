// The audit log's detail in words, per action (the admin page): what was done to what, and how it ended, never a
// request line, a JSON object or an enumerated value. The server writes a request's entries as
// "<METHOD> <url>[ → <status or outcome>]" (web/server/auth/auth-plugin.ts); an unsubscribe and a failed delivery
// as JSON (auditJson), a throttled sign-in as "throttled". Anything else is shown as written.
import { formatPeriod, formatValue, type Lang } from '../format/format-value.ts';
import { isMetricKey, metricCatalog } from '../../contract/metrics/catalog.ts';
import { dimensionLabel } from './dimension-labels.ts';
import { messages } from './messages.ts';
import { earlyWarningWords } from './early-warning-words.ts';

type Words = { zh: string; en: string };
const w = (zh: string, en: string): Words => ({ zh, en });

/** The details the server writes as JSON (web/server/routes/subscriptions.route.ts, notify/deliveries.ts). */
export type AuditJson =
  | { kind: 'unsubscribe'; subscription: number; item: string; variant?: string | null; channel: string }
  | {
      kind: 'delivery';
      item: string;
      username: string;
      channel: string;
      recipient: string;
      attempts?: number;
      /** The channel's own error text (SMTP, a robot's answer), or the delivery was interrupted by a stop. */
      error?: string;
      interrupted?: boolean;
    };

/** A detail as stored: JSON text, kept under the log's 500 characters. */
export const auditJson = (d: AuditJson): string => {
  const text = JSON.stringify(d);
  if (text.length <= 500 || d.kind !== 'delivery' || !d.error) return text;
  return JSON.stringify({ ...d, error: d.error.slice(0, Math.max(0, 500 - (text.length - d.error.length) - 1)) });
};

const channels: Record<string, Words> = {
  email: w('邮件', 'e-mail'),
  wecom: w('企业微信', 'WeCom'),
  dingtalk: w('钉钉', 'DingTalk'),
  feishu: w('飞书', 'Feishu'),
};
const items: Record<string, Words> = {
  report: w('季度报告', 'quarterly report'),
  digest_weekly: w('周摘要', 'weekly digest'),
  digest_monthly: w('月摘要', 'monthly digest'),
  alert: w('提醒', 'alert'),
};
const variants: Record<string, Words> = {
  management: w('管理层版', 'management edition'),
  quality: w('质量工程版', 'quality engineering edition'),
  hr: w('人力资源版', 'HR edition'),
};
const word = (table: Record<string, Words>, key: string | null | undefined, lang: Lang) => (key ? (table[key]?.[lang] ?? key) : '');

const n = (v: string | number, lang: Lang) => formatValue(Number(v), 'count', lang);

/** What a request line acted on, in words: the API path (and its download format, period, region) as a reader says it. */
function targetOf(path: string, query: URLSearchParams, lang: Lang): string {
  const zh = lang === 'zh';
  const id = (what: Words, v: string) => (zh ? `${what.zh} #${v}` : `${what.en} #${v}`);
  const routes: [RegExp, (m: RegExpMatchArray) => string][] = [
    [/^\/api\/ingest\/runs\/(\d+)\/rejects$/, (m) => (zh ? `第 ${m[1]} 次导入的问题行` : `problems of load ${m[1]}`)],
    [/^\/api\/ingest\/(\w+)\/preview$/, (m) => `${zh ? '预览' : 'Preview of'} ${dimensionLabel('record_kind', m[1], lang)}`],
    [/^\/api\/ingest\/(\w+)$/, (m) => dimensionLabel('record_kind', m[1], lang)],
    [/^\/api\/tickets$/, () => (zh ? '工单列表' : 'ticket list')],
    [/^\/api\/complaints$/, () => (zh ? '投诉列表' : 'complaint list')],
    [/^\/api\/metrics\/(\w+)$/, (m) => (isMetricKey(m[1]) ? metricCatalog[m[1]].label[lang] : m[1])],
    [/^\/api\/technician-scores\/export$/, () => messages[lang].scorecards],
    [
      /^\/api\/technicians\/([^/]+)\/evidence(\/tickets)?$/,
      (m) => (zh ? `工程师 ${decodeURIComponent(m[1])} 的考核依据` : `evidence of technician ${decodeURIComponent(m[1])}`),
    ],
    [/^\/api\/cadence\/overdue$/, () => messages[lang].cadenceOverdue],
    [/^\/api\/installations\/scores$/, () => messages[lang].cadenceInstallations],
    [/^\/api\/parts\/overdue$/, () => (zh ? '逾期未返还旧件' : 'defective parts overdue')],
    [/^\/api\/reports$/, () => (zh ? '季度报告' : 'quarterly report')],
    [/^\/api\/reports\/(\d+)(?:\.pdf)?(?:\/file)?$/, (m) => id(w('报告', 'report'), m[1])],
    [/^\/api\/shared-reports\/(\d+)\.pdf$/, (m) => `${id(w('报告', 'report'), m[1])}${zh ? '（签名链接）' : ' (signed link)'}`],
    [/^\/api\/users$/, () => (zh ? '用户' : 'user')],
    [/^\/api\/users\/(\d+)$/, (m) => id(w('用户', 'user'), m[1])],
    [/^\/api\/tokens$/, () => (zh ? 'API 令牌' : 'API token')],
    [/^\/api\/tokens\/(\d+)$/, (m) => id(w('API 令牌', 'API token'), m[1])],
    [/^\/api\/early-warnings\/(\d+)(?:\/state)?$/, (m) => id(w(earlyWarningWords.zh.warnings, 'early warning'), m[1])],
    [/^\/api\/corrective-actions$/, () => earlyWarningWords[lang].actions],
    [/^\/api\/corrective-actions\/(\d+)(?:\/comments)?$/, (m) => id(w('纠正措施', 'corrective action'), m[1])],
    [/^\/api\/subscriptions$/, () => messages[lang].subscriptions],
    [/^\/api\/subscriptions\/(\d+)$/, (m) => id(w('订阅', 'subscription'), m[1])],
    [/^\/api\/units\/([^/]+)$/, (m) => `${zh ? '机身' : 'unit'} ${decodeURIComponent(m[1])}`],
    [/^\/api\/audit$/, () => (zh ? '审计日志' : 'audit log')],
  ];
  let what = path;
  for (const [re, say] of routes) {
    const m = path.match(re);
    if (m) {
      what = say(m);
      break;
    }
  }
  const parts = [what];
  const format = query.get('format');
  if (format === 'csv') parts.push('CSV');
  else if (format === 'xlsx') parts.push('Excel');
  else if (format === 'arrow') parts.push('Arrow');
  const from = query.get('from');
  const to = query.get('to');
  if (from || to) parts.push(`${from ?? '…'}–${to ?? '…'}`);
  const quarter = query.get('quarter');
  if (quarter) parts.push(quarter);
  const region = query.get('region');
  if (region) parts.push(`${messages[lang].region} ${region}`);
  return parts.join(' · ');
}

/** How a request ended, in words (nothing when it succeeded). */
function outcomeOf(outcome: string | undefined, lang: Lang): string {
  if (!outcome) return '';
  const zh = lang === 'zh';
  if (outcome === 'client disconnected') return zh ? '客户端中途断开' : 'the client disconnected';
  const status = Number(outcome);
  if (!Number.isInteger(status)) return outcome;
  const byStatus: Record<number, Words> = {
    400: w('请求无效', 'invalid request'),
    401: w('未登录', 'not signed in'),
    403: w('已拒绝', 'refused'),
    404: w('未找到', 'not found'),
    409: w('与当前状态冲突', 'conflict with the present state'),
    410: w('链接已过期', 'link expired'),
    413: w('文件过大', 'file too large'),
    429: w('请求过于频繁', 'too many requests'),
    507: w('磁盘已满', 'disk full'),
  };
  const said = byStatus[status]?.[lang] ?? (status >= 500 ? w('服务器出错', 'server error')[lang] : w('失败', 'failed')[lang]);
  return zh ? `${said}（HTTP ${status}）` : `${said} (HTTP ${status})`;
}

/** An audit entry's detail in words, for its action. */
export function auditDetailText(lang: Lang, action: string, detail: string | null | undefined): string {
  if (!detail) return '';
  const zh = lang === 'zh';
  if (action === 'login_failed' && detail === 'throttled') return zh ? '失败次数过多，暂时不能登录' : 'too many failures: sign-in paused';
  if (detail.startsWith('{')) {
    try {
      const d = JSON.parse(detail) as AuditJson;
      if (d.kind === 'unsubscribe') {
        const what = [word(items, d.item, lang), word(variants, d.variant, lang), word(channels, d.channel, lang)]
          .filter(Boolean)
          .join(zh ? '，' : ', ');
        return zh
          ? `订阅 #${d.subscription}（${what}），通过邮件中的退订链接`
          : `subscription #${d.subscription} (${what}), by its unsubscribe link`;
      }
      if (d.kind === 'delivery') {
        // item:period[:region] (notify/deliveries.ts).
        const [key, period, ...region] = d.item.split(':');
        const item = [word(items, key, lang), period ? formatPeriod(period, lang) : '', region.join(':')].filter(Boolean).join(' ');
        const tries =
          d.attempts === undefined
            ? ''
            : zh
              ? `，尝试 ${n(d.attempts, lang)} 次`
              : `, after ${n(d.attempts, lang)} attempt${d.attempts > 1 ? 's' : ''}`;
        const why = d.interrupted
          ? zh
            ? '发送中断（服务器停止），为免重复不再发送'
            : 'interrupted while sending (the server stopped), not sent again to avoid a duplicate'
          : (d.error ?? '');
        return zh
          ? `${item} 发给 ${d.username}（${word(channels, d.channel, lang)}：${d.recipient}）未送达${tries}：${why}`
          : `${item} to ${d.username} (${word(channels, d.channel, lang)}: ${d.recipient}) not delivered${tries}: ${why}`;
      }
    } catch {
      // Not JSON after all: shown as written.
    }
    return detail;
  }
  const request = /^(GET|POST|PATCH|PUT|DELETE) (\S+?)(?: \(signed link\))?(?: → (.+))?$/.exec(detail);
  if (request) {
    const url = new URL(request[2], 'http://x');
    const target = targetOf(url.pathname, url.searchParams, lang);
    const signed =
      detail.includes('(signed link)') && !target.includes(zh ? '签名链接' : 'signed link') ? (zh ? '（签名链接）' : ' (signed link)') : '';
    const outcome = outcomeOf(request[3], lang);
    return `${target}${signed}${outcome ? (zh ? `：${outcome}` : `: ${outcome}`) : ''}`;
  }
  return detail;
}
