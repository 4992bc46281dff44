// The one configuration of Aftersight: defaults, then `aftersight.config.json` (or AFTERSIGHT_CONFIG), then
// environment variables. Validated at start so a typo fails with a clear message instead of a wrong number.
import fs from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';

export interface AftersightConfig {
  /** DuckDB file of the warehouse. */
  db: string;
  /** HTTP port of `aftersight serve`. */
  port: number;
  /** Host the server binds to. */
  host: string;
  /** IANA time zone: periods, and times without an offset, are in this zone. */
  timeZone: string;
  /** node-cron expression of the scheduled model refresh (in timeZone). */
  refreshCron: string;
  /** Company name on report covers. */
  companyName: string;
  /** Fill an empty warehouse with generated demo data when the server starts. */
  demoWhenEmpty: boolean;
  /** Size of that demo data set, in tickets. */
  demoTickets: number;
  /** Largest file accepted by POST /api/ingest/:kind, in bytes. */
  uploadMaxBytes: number;
  /** Drop folder: files put in <inboxDir>/<kind>/ are loaded on the inboxCron schedule. */
  inboxDir: string;
  inboxCron: string;
}

export const defaultConfig: AftersightConfig = {
  db: 'data/aftersight.duckdb',
  port: 3000,
  host: '127.0.0.1',
  timeZone: 'Asia/Shanghai',
  refreshCron: '*/15 * * * *',
  companyName: 'Aftersight 演示公司',
  demoWhenEmpty: true,
  demoTickets: 50_000,
  uploadMaxBytes: 1024 ** 3,
  inboxDir: 'data/inbox',
  inboxCron: '* * * * *',
};

const envNames: Partial<Record<keyof AftersightConfig, string>> = {
  db: 'AFTERSIGHT_DB',
  port: 'PORT',
  host: 'HOST',
  timeZone: 'AFTERSIGHT_TIME_ZONE',
  refreshCron: 'AFTERSIGHT_REFRESH_CRON',
  companyName: 'AFTERSIGHT_COMPANY',
  demoWhenEmpty: 'AFTERSIGHT_DEMO',
  demoTickets: 'AFTERSIGHT_DEMO_TICKETS',
  uploadMaxBytes: 'AFTERSIGHT_UPLOAD_MAX_BYTES',
  inboxDir: 'AFTERSIGHT_INBOX',
  inboxCron: 'AFTERSIGHT_INBOX_CRON',
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AftersightConfig {
  const file = env.AFTERSIGHT_CONFIG ?? path.join(cwd, 'aftersight.config.json');
  let fromFile: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      fromFile = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`${file}: not valid JSON (${(e as Error).message})`);
    }
  } else if (env.AFTERSIGHT_CONFIG) {
    throw new ConfigError(`${file}: configuration file not found (AFTERSIGHT_CONFIG)`);
  }
  const merged: Record<string, unknown> = { ...defaultConfig };
  for (const [key, value] of Object.entries(fromFile)) {
    if (!(key in defaultConfig)) throw new ConfigError(`${file}: unknown setting "${key}"; known: ${Object.keys(defaultConfig).join(', ')}`);
    merged[key] = value;
  }
  for (const [key, name] of Object.entries(envNames)) {
    const v = env[name!];
    if (v !== undefined && v !== '') merged[key] = v;
  }
  return validateConfig(merged, file);
}

export function validateConfig(c: Record<string, unknown>, source = 'configuration'): AftersightConfig {
  const fail = (key: string, why: string) => {
    throw new ConfigError(`${source}: "${key}" ${why} (got ${JSON.stringify(c[key])})`);
  };
  const num = (key: string, min: number, max: number) => {
    const n = Number(c[key]);
    if (!Number.isInteger(n) || n < min || n > max) fail(key, `must be a whole number from ${min} to ${max}`);
    return n;
  };
  const str = (key: string) => {
    if (typeof c[key] !== 'string' || c[key] === '') fail(key, 'must be a non-empty text');
    return c[key] as string;
  };
  const bool = (key: string) => {
    const v = c[key];
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    return fail(key, 'must be true or false') as never;
  };
  const timeZone = str('timeZone');
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    fail('timeZone', 'must be an IANA time zone such as Asia/Shanghai');
  }
  const cronOf = (key: string) => {
    const expr = str(key);
    if (!cron.validate(expr)) fail(key, 'must be a cron expression such as "*/15 * * * *"');
    return expr;
  };
  return {
    db: str('db'),
    port: num('port', 0, 65535),
    host: str('host'),
    timeZone,
    refreshCron: cronOf('refreshCron'),
    companyName: str('companyName'),
    demoWhenEmpty: bool('demoWhenEmpty'),
    demoTickets: num('demoTickets', 0, 100_000_000),
    uploadMaxBytes: num('uploadMaxBytes', 1024, Number.MAX_SAFE_INTEGER),
    inboxDir: str('inboxDir'),
    inboxCron: cronOf('inboxCron'),
  };
}
