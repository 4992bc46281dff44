// The requests of the group robots, each per its platform's published format, as pure functions of the robot,
// the message and the clock. The secrets go into the signature (and, for WeCom, are the URL's key): a request
// is never logged.
import crypto from 'node:crypto';
import { markdownOf, textOf, type Message } from '../message.ts';

export interface RobotRequest {
  url: string;
  body: Record<string, unknown>;
}

/** WeCom group robot: POST {"msgtype":"markdown","markdown":{"content"}} to the webhook (its key is in the URL). */
export const wecomRequest = (url: string, m: Message): RobotRequest => ({
  url,
  body: { msgtype: 'markdown', markdown: { content: markdownOf(m) } },
});

/**
 * WeCom group robot image: POST {"msgtype":"image","image":{"base64","md5"}}, the PNG's bytes in base64 and the MD5
 * of those bytes (before base64); the platform takes JPG or PNG up to 2 MB.
 */
export const wecomImageRequest = (url: string, png: Buffer): RobotRequest => ({
  url,
  body: { msgtype: 'image', image: { base64: png.toString('base64'), md5: crypto.createHash('md5').update(png).digest('hex') } },
});

/** WeCom's limit on an image message's picture (before base64). */
export const wecomImageMaxBytes = 2 * 1024 * 1024;

/**
 * DingTalk custom robot with signing (加签): timestamp in ms and sign = base64(HMAC-SHA256 keyed with the secret
 * over "<timestamp>\n<secret>"), URL-encoded, appended to the webhook URL as query parameters.
 */
export function dingtalkRequest(url: string, secret: string, m: Message, nowMs: number): RobotRequest {
  const sign = crypto.createHmac('sha256', secret).update(`${nowMs}\n${secret}`).digest('base64');
  return {
    url: `${url}${url.includes('?') ? '&' : '?'}timestamp=${nowMs}&sign=${encodeURIComponent(sign)}`,
    body: { msgtype: 'markdown', markdown: { title: m.subject, text: markdownOf(m) } },
  };
}

/**
 * Feishu custom bot with signature verification (签名校验): timestamp in seconds and sign = base64(HMAC-SHA256
 * keyed with "<timestamp>\n<secret>" over an empty message), both in the body; a text message.
 */
export function feishuRequest(url: string, secret: string, m: Message, nowMs: number): RobotRequest {
  const timestamp = Math.floor(nowMs / 1000);
  const sign = crypto.createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
  return { url, body: { timestamp: String(timestamp), sign, msg_type: 'text', content: { text: textOf(m) } } };
}

/**
 * Whether a robot's answer says the message was taken: HTTP 2xx and, in the body, errcode 0 (WeCom, DingTalk) or
 * code 0 (Feishu; older answers StatusCode 0). Otherwise the platform's words, for the delivery log.
 */
export function robotAnswerError(status: number, body: string): string | undefined {
  if (status < 200 || status > 299) return `HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(body);
  } catch {
    return `the robot answered with no JSON: ${body.slice(0, 200)}`;
  }
  const code = json.errcode ?? json.code ?? json.StatusCode;
  if (code === 0 || code === '0') return undefined;
  return `the robot refused the message: ${code ?? '?'} ${String(json.errmsg ?? json.msg ?? json.StatusMessage ?? '')}`.trim();
}
