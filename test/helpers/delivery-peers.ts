// Real delivery peers on loopback for the notify tests: an SMTP server (smtp-server) whose mails are parsed with
// mailparser, and an HTTP server that plays the WeCom, DingTalk and Feishu robots, records each request and answers
// as the platform does. Paths in `broken` answer 500; paths in `held` are kept waiting until the test releases them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface RobotCall {
  path: string;
  query: URLSearchParams;
  body: Record<string, any>;
  at: number;
}

export interface DeliveryPeers {
  mails: ParsedMail[];
  calls: RobotCall[];
  smtpPort: number;
  robotUrl: string;
  /** Paths the robot server answers 500. */
  broken: Set<string>;
  /** Paths held without an answer; the held request's answer is stored under its path once it arrives. */
  held: Map<string, () => void>;
  /** The held paths whose request has arrived. */
  arrivedHeld: string[];
  close(): Promise<void>;
}

const listen = (server: { listen(port: number, host: string, cb: () => void): unknown }) =>
  new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

export async function startDeliveryPeers(): Promise<DeliveryPeers> {
  const mails: ParsedMail[] = [];
  const calls: RobotCall[] = [];
  const broken = new Set<string>();
  const held = new Map<string, () => void>();
  const arrivedHeld: string[] = [];

  const smtp = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: the test server has no certificate to offer.
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      // skipImageLinks: the HTML as sent, its inline image still referred to by content id.
      simpleParser(stream, { skipImageLinks: true })
        .then((m) => {
          mails.push(m);
          done();
        })
        .catch(done);
    },
  });
  await listen(smtp);

  const robots = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://robot');
      calls.push({ path: url.pathname, query: url.searchParams, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: Date.now() });
      const answer = () => {
        if (broken.has(url.pathname)) return res.writeHead(500).end('{"errcode":-1,"errmsg":"system busy"}');
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(url.pathname.startsWith('/feishu') ? '{"code":0,"msg":"success","data":{}}' : '{"errcode":0,"errmsg":"ok"}');
      };
      if (held.has(url.pathname)) {
        arrivedHeld.push(url.pathname);
        held.set(url.pathname, answer);
      } else answer();
    });
  });
  // Idle connections stay open for the whole test: with the default 5 s, a busy machine's late timers can let the
  // server close a kept-alive socket just as the client reuses it (ECONNRESET), which is not what a test checks.
  robots.keepAliveTimeout = 120_000;
  await listen(robots);

  return {
    mails,
    calls,
    smtpPort: (smtp.server.address() as AddressInfo).port,
    robotUrl: `http://127.0.0.1:${(robots.address() as AddressInfo).port}`,
    broken,
    held,
    arrivedHeld,
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => robots.close(() => resolve()));
    },
  };
}
