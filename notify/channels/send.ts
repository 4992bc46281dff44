// The edges: a message goes out over SMTP (nodemailer) or to a robot's webhook (fetch). Errors are returned in
// words for the delivery log, without the webhook URL or any secret.
import nodemailer from 'nodemailer';
import type { RobotSettings, SmtpSettings } from '../../warehouse/config/config.ts';
import { chartCid, htmlOf, textOf, type Message } from '../message.ts';
import {
  dingtalkRequest,
  feishuRequest,
  robotAnswerError,
  wecomImageMaxBytes,
  wecomImageRequest,
  wecomRequest,
  type RobotRequest,
} from './robot-requests.ts';

export interface Robot {
  channel: 'wecom' | 'dingtalk' | 'feishu';
  url: string;
  secret?: string;
}

/** A configured robot with its URL and secret read (from the file or the environment variables it names). */
export function resolveRobot(name: string, robots: Record<string, RobotSettings>, env: NodeJS.ProcessEnv): Robot {
  const r = robots[name];
  if (!r) throw new Error(`no robot "${name}" in the configuration (robots)`);
  const url = r.url ?? env[r.urlEnv!];
  if (!url) throw new Error(`robot "${name}": the environment variable ${r.urlEnv} is not set`);
  const secret = r.secret ?? (r.secretEnv ? env[r.secretEnv] : undefined);
  if (r.channel !== 'wecom' && !secret) throw new Error(`robot "${name}": the environment variable ${r.secretEnv} is not set`);
  return { channel: r.channel, url, secret };
}

export function robotRequest(robot: Robot, m: Message, nowMs: number): RobotRequest {
  switch (robot.channel) {
    case 'wecom':
      return wecomRequest(robot.url, m);
    case 'dingtalk':
      return dingtalkRequest(robot.url, robot.secret!, m, nowMs);
    case 'feishu':
      return feishuRequest(robot.url, robot.secret!, m, nowMs);
  }
}

/**
 * Posts to a robot; the error in words, or undefined when the platform took the message. A WeCom robot gets the
 * chart as a second message (an image message) after the text. Once the text is taken the delivery is done: a
 * refused image is not worth sending the text twice on a retry.
 */
export async function postToRobot(robot: Robot, m: Message, timeoutMs = 30_000): Promise<string | undefined> {
  const error = await post(robotRequest(robot, m, Date.now()), timeoutMs);
  if (error || robot.channel !== 'wecom' || !m.chart || m.chart.png.length > wecomImageMaxBytes) return error;
  await post(wecomImageRequest(robot.url, m.chart.png), timeoutMs);
  return undefined;
}

async function post(req: RobotRequest, timeoutMs: number): Promise<string | undefined> {
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return robotAnswerError(res.status, await res.text());
  } catch (e) {
    // Never the URL: it holds the robot's key or token.
    const cause = (e as { cause?: { code?: string } }).cause;
    return `the robot could not be reached: ${cause?.code ?? (e as Error).name}`;
  }
}

export type Mailer = (to: string, m: Message) => Promise<string | undefined>;

/** An SMTP mailer; the password is AFTERSIGHT_SMTP_PASSWORD. */
export function smtpMailer(smtp: SmtpSettings, password: string | undefined): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: password ?? '' } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
  });
  return async (to, m) => {
    try {
      await transport.sendMail({
        from: smtp.from,
        to,
        subject: m.subject,
        text: textOf(m),
        html: htmlOf(m),
        headers: { 'Content-Language': m.lang === 'zh' ? 'zh-CN' : 'en', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        // One click unsubscribes in mail clients that offer it (RFC 8058): a POST to the same link.
        list: { unsubscribe: { url: m.unsubscribeUrl, comment: 'Unsubscribe' } },
        attachments: [
          ...(m.chart ? [{ filename: 'chart.png', content: m.chart.png, contentType: 'image/png', cid: chartCid }] : []),
          ...(m.attachment ? [{ filename: m.attachment.filename, path: m.attachment.path, contentType: 'application/pdf' }] : []),
        ],
      });
      return undefined;
    } catch (e) {
      return `the mail server refused or could not be reached: ${(e as Error).message.split('\n')[0].slice(0, 300)}`;
    }
  };
}
