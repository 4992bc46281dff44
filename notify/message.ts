// A message as every channel carries it: a subject, the key figures in sentences, links (the page, a report's
// download), the unsubscribe link, and for e-mail the report as an attachment. Rendered here to Markdown (WeCom,
// DingTalk), plain text (Feishu, the mail's text part) and HTML (the mail).
import type { Lang } from '../presentation/format/format-value.ts';
import { notifyWords } from './notify-words.ts';

export interface Message {
  lang: Lang;
  subject: string;
  lines: string[];
  links: { label: string; url: string }[];
  unsubscribeUrl: string;
  /** E-mail only: the report's PDF. */
  attachment?: { filename: string; path: string };
  /** A chart of the period: in the mail's HTML part, as a WeCom image message, or by `chartUrl`. */
  chart?: { png: Buffer; alt: string };
  /** DingTalk and Feishu (their robots show images by URL only): the chart's expiring signed link. */
  chartUrl?: string;
}

/** The content id the HTML part shows the chart by. */
export const chartCid = 'chart@aftersight';

export function markdownOf(m: Message): string {
  const w = notifyWords(m.lang);
  return [
    `### ${m.subject}`,
    ...m.lines,
    ...(m.chartUrl && m.chart ? [`![${m.chart.alt}](${m.chartUrl})`] : []),
    m.links.map((l) => `[${l.label}](${l.url})`).join('  \n'),
    `[${w.unsubscribe}](${m.unsubscribeUrl})`,
  ].join('\n\n');
}

export function textOf(m: Message): string {
  const w = notifyWords(m.lang);
  return [
    m.subject,
    '',
    ...m.lines,
    '',
    ...(m.chartUrl ? [`${w.chartLink}: ${m.chartUrl}`] : []),
    ...m.links.map((l) => `${l.label}: ${l.url}`),
    '',
    `${w.unsubscribe}: ${m.unsubscribeUrl}`,
  ].join('\n');
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function htmlOf(m: Message): string {
  const w = notifyWords(m.lang);
  const a = (l: { label: string; url: string }) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`;
  return [
    `<!doctype html><html lang="${m.lang === 'zh' ? 'zh-CN' : 'en'}"><body>`,
    `<h2>${escapeHtml(m.subject)}</h2>`,
    ...m.lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    ...(m.chart ? [`<p><img src="cid:${chartCid}" alt="${escapeHtml(m.chart.alt)}" width="640" style="max-width:100%"></p>`] : []),
    `<p>${m.links.map(a).join('<br>')}</p>`,
    `<p style="color:#666;font-size:small">${a({ label: w.unsubscribe, url: m.unsubscribeUrl })}</p>`,
    '</body></html>',
  ].join('\n');
}
