// The one configuration of Aftersight: defaults, then `aftersight.config.json` (or AFTERSIGHT_CONFIG), then
// environment variables. Validated at start so a typo fails with a clear message instead of a wrong number.
import fs from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';
import { chinaHolidays2024to2026 } from './china-holidays.ts';

/** Hours allowed, per severity level, for each SLA target (metrics.md). */
export interface SlaTarget {
  response: number;
  arrival: number;
  resolution: number;
}

export interface ServiceHours {
  /** 'HH:MM' local time. */
  start: string;
  end: string;
  /** every_day: the hours apply every day (seed 001 hotline); working_days: Mon–Fri and make-up days, not holidays. */
  days: 'every_day' | 'working_days';
}

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
  /** Memory DuckDB may use, such as "2GB" (past it, large loads and queries spill to disk); '' = DuckDB's own
   *  default, 80 % of the machine's memory. */
  memoryLimit: string;
  /** Quarterly reports: produced into reportsDir on reportCron (in reportTimeZone) for the quarter just ended,
   *  every edition in each of reportLangs; missed ones are produced when the server starts. */
  reportsDir: string;
  reportCron: string;
  reportTimeZone: string;
  reportLangs: ('zh' | 'en')[];
  /** Drop folder: files put in <inboxDir>/<kind>/ are loaded on the inboxCron schedule. */
  inboxDir: string;
  inboxCron: string;
  /** SLA targets by severity 1–4; unclassified tickets use level 3 (metrics.md). */
  sla: Record<'1' | '2' | '3' | '4', SlaTarget>;
  serviceHours: ServiceHours;
  /** Days off (YYYY-MM-DD); default: China's official schedule 2024–2026. */
  holidays: string[];
  /** Weekend days that are working days (调休). */
  makeUpWorkdays: string[];
  /** A ticket is a repeat when the unit's earlier ticket was resolved at most this many days before. */
  repeatWindowDays: number;
  /** A complaint is answered on time within this many hours. */
  complaintAnswerHours: number;
  /** A defective part replaced under warranty is due back within this many working days of its issue (seed 002). */
  partsReturnWorkingDays: number;
  /** A chronic unit has at least chronicTickets counted tickets within chronicWindowDays. */
  chronicTickets: number;
  chronicWindowDays: number;
  /** The technician assessment score (metrics.md): component weights, the complaint deduction, grade bands. */
  technicianScore: TechnicianScoreSettings;
  /** The early warning's Poisson CUSUM (metrics.md, early_warnings). */
  earlyWarning: EarlyWarningSettings;
  /** The proof of fix of a corrective action (metrics.md, corrective_actions). */
  proofOfFix: ProofOfFixSettings;
}

export interface EarlyWarningSettings {
  /** The rise to detect: the fault's share of the model's tickets this many times its in-control share. */
  shiftRatio: number;
  /** Target in-control average run length, in periods: one false alarm per series per this many weeks / months. */
  weekArl0: number;
  monthArl0: number;
  /** The in-control share is estimated from each series' first this many weeks / months. */
  baselineWeeks: number;
  baselineMonths: number;
}

export interface ProofOfFixSettings {
  /** Days after the effective date before the outcome is judged ("too early" until then). */
  minAfterDays: number;
  /** Days before the effective date the rate after is compared with. */
  beforeDays: number;
}

export interface TechnicianScoreSettings {
  /** Points of each component; satisfaction, timeliness and first-time fix earn weight × rate. */
  weights: { satisfaction: number; timeliness: number; first_time_fix: number; discipline: number };
  /** Points lost per verified complaint, from the discipline weight, not below 0. */
  complaintDeduction: number;
  /** Lowest total for each grade, best first; below the last: the fallback grade. */
  grades: { grade: string; min: number }[];
  fallbackGrade: string;
  /** Fewer counted tickets in the period: "insufficient data", not ranked. */
  minTickets: number;
}

/** The settings that change numbers: written into the warehouse at every refresh for the SQL models to read. */
export type AnalysisSettings = Pick<AftersightConfig, 'timeZone' | 'sla' | 'serviceHours' | 'holidays' | 'makeUpWorkdays' | 'repeatWindowDays' | 'complaintAnswerHours' | 'partsReturnWorkingDays' | 'chronicTickets' | 'chronicWindowDays' | 'technicianScore' | 'earlyWarning' | 'proofOfFix'
>;

export const analysisSettingsOf = (c: AftersightConfig): AnalysisSettings => ({
  timeZone: c.timeZone,
  sla: c.sla,
  serviceHours: c.serviceHours,
  holidays: c.holidays,
  makeUpWorkdays: c.makeUpWorkdays,
  repeatWindowDays: c.repeatWindowDays,
  complaintAnswerHours: c.complaintAnswerHours,
  partsReturnWorkingDays: c.partsReturnWorkingDays,
  chronicTickets: c.chronicTickets,
  chronicWindowDays: c.chronicWindowDays,
  technicianScore: c.technicianScore,
  earlyWarning: c.earlyWarning,
  proofOfFix: c.proofOfFix,
});

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
  memoryLimit: '',
  inboxDir: 'data/inbox',
  inboxCron: '* * * * *',
  reportsDir: 'data/reports',
  // 06:00 on the first day of each quarter.
  reportCron: '0 6 1 1,4,7,10 *',
  reportTimeZone: 'Asia/Shanghai',
  reportLangs: ['zh', 'en'],
  sla: {
    '1': { response: 0.5, arrival: 4, resolution: 24 },
    '2': { response: 1, arrival: 8, resolution: 36 },
    '3': { response: 2, arrival: 24, resolution: 48 },
    '4': { response: 24, arrival: 72, resolution: 168 },
  },
  serviceHours: { start: '08:30', end: '22:00', days: 'every_day' },
  holidays: chinaHolidays2024to2026.holidays,
  makeUpWorkdays: chinaHolidays2024to2026.makeUpWorkdays,
  repeatWindowDays: 30,
  complaintAnswerHours: 24,
  partsReturnWorkingDays: 15,
  chronicTickets: 3,
  chronicWindowDays: 365,
  technicianScore: {
    weights: { satisfaction: 30, timeliness: 25, first_time_fix: 25, discipline: 20 },
    complaintDeduction: 10,
    grades: [
      { grade: 'A', min: 90 },
      { grade: 'B', min: 80 },
      { grade: 'C', min: 70 },
      { grade: 'D', min: 60 },
    ],
    fallbackGrade: 'E',
    minTickets: 20,
  },
  // One false alarm per series per 20 years: ~16 a year over the demo's 160 (model, fault) series and two grains.
  earlyWarning: { shiftRatio: 2, weekArl0: 1040, monthArl0: 240, baselineWeeks: 52, baselineMonths: 12 },
  proofOfFix: { minAfterDays: 90, beforeDays: 180 },
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
  memoryLimit: 'AFTERSIGHT_MEMORY_LIMIT',
  inboxDir: 'AFTERSIGHT_INBOX',
  inboxCron: 'AFTERSIGHT_INBOX_CRON',
  reportsDir: 'AFTERSIGHT_REPORTS',
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
  const fail = (key: string, why: string): never => {
    throw new ConfigError(`${source}: "${key}" ${why} (got ${JSON.stringify(c[key])?.slice(0, 200)})`);
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
  const zone = (key: string) => {
    const z = str(key);
    try {
      new Intl.DateTimeFormat('en', { timeZone: z });
    } catch {
      fail(key, 'must be an IANA time zone such as Asia/Shanghai');
    }
    return z;
  };
  const timeZone = zone('timeZone');
  const langs = c.reportLangs;
  if (!Array.isArray(langs) || langs.length === 0 || langs.some((l) => l !== 'zh' && l !== 'en')) fail('reportLangs', 'must be a list of "zh" and/or "en"');
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
    memoryLimit: memoryOf(c.memoryLimit, fail),
    inboxDir: str('inboxDir'),
    inboxCron: cronOf('inboxCron'),
    reportsDir: str('reportsDir'),
    reportCron: cronOf('reportCron'),
    reportTimeZone: zone('reportTimeZone'),
    reportLangs: [...new Set(langs as ('zh' | 'en')[])],
    sla: slaOf(c.sla, fail),
    serviceHours: serviceHoursOf(c.serviceHours, fail),
    holidays: datesOf('holidays', c.holidays, fail),
    makeUpWorkdays: datesOf('makeUpWorkdays', c.makeUpWorkdays, fail),
    repeatWindowDays: num('repeatWindowDays', 1, 3650),
    complaintAnswerHours: num('complaintAnswerHours', 1, 24 * 365),
    partsReturnWorkingDays: num('partsReturnWorkingDays', 1, 365),
    chronicTickets: num('chronicTickets', 2, 1000),
    chronicWindowDays: num('chronicWindowDays', 1, 3650),
    technicianScore: technicianScoreOf(c.technicianScore, fail),
    earlyWarning: earlyWarningOf(c.earlyWarning, fail),
    proofOfFix: proofOfFixOf(c.proofOfFix, fail),
  };
}

type Fail = (key: string, why: string) => never;

function memoryOf(v: unknown, fail: Fail): string {
  if (v === '' || v === undefined) return '';
  if (typeof v !== 'string' || !/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(v.trim())) fail('memoryLimit', 'must be an amount such as "2GB" or "1536MiB", or "" for DuckDB\'s default');
  return (v as string).trim();
}

function technicianScoreOf(v: unknown, fail: Fail): TechnicianScoreSettings {
  const o = v as Partial<TechnicianScoreSettings> | undefined;
  if (typeof o !== 'object' || o === null) fail('technicianScore', 'must be an object with weights, complaintDeduction, grades, fallbackGrade, minTickets');
  const w = o!.weights as Record<string, unknown> | undefined;
  const keys = ['satisfaction', 'timeliness', 'first_time_fix', 'discipline'] as const;
  if (!w || keys.some((k) => typeof w[k] !== 'number' || (w[k] as number) < 0)) fail('technicianScore', `weights needs ${keys.join(', ')} as numbers of points, 0 or more`);
  const sum = keys.reduce((a, k) => a + (w![k] as number), 0);
  if (Math.abs(sum - 100) > 1e-9) fail('technicianScore', `weights must add up to 100 points, not ${sum}`);
  if (typeof o!.complaintDeduction !== 'number' || !(o!.complaintDeduction > 0)) fail('technicianScore', 'complaintDeduction must be a number of points above 0');
  const grades = o!.grades;
  if (!Array.isArray(grades) || grades.length === 0 || grades.some((g) => typeof g?.grade !== 'string' || typeof g?.min !== 'number')) {
    fail('technicianScore', 'grades must be a list of { "grade": "A", "min": 90 }, best first');
  }
  if (grades!.some((g, i) => i > 0 && g.min >= grades![i - 1].min)) fail('technicianScore', 'grades must be listed best first, each min lower than the one before');
  if (typeof o!.fallbackGrade !== 'string' || !o!.fallbackGrade) fail('technicianScore', 'fallbackGrade must name the grade below the last band');
  if (!Number.isInteger(o!.minTickets) || o!.minTickets! < 1) fail('technicianScore', 'minTickets must be a whole number of tickets, 1 or more');
  return o as TechnicianScoreSettings;
}

function earlyWarningOf(v: unknown, fail: Fail): EarlyWarningSettings {
  const o = (v ?? {}) as Record<string, unknown>;
  if (typeof o.shiftRatio !== 'number' || !(o.shiftRatio > 1) || o.shiftRatio > 100) fail('earlyWarning', 'shiftRatio must be a number above 1 (2 = detect a doubling)');
  for (const [k, min, max] of [['weekArl0', 10, 100000], ['monthArl0', 10, 100000], ['baselineWeeks', 4, 520], ['baselineMonths', 2, 120]] as const) {
    if (!Number.isInteger(o[k]) || (o[k] as number) < min || (o[k] as number) > max) fail('earlyWarning', `${k} must be a whole number from ${min} to ${max}`);
  }
  return o as unknown as EarlyWarningSettings;
}

function proofOfFixOf(v: unknown, fail: Fail): ProofOfFixSettings {
  const o = (v ?? {}) as Record<string, unknown>;
  for (const k of ['minAfterDays', 'beforeDays'] as const) {
    if (!Number.isInteger(o[k]) || (o[k] as number) < 7 || (o[k] as number) > 3650) fail('proofOfFix', `${k} must be a whole number of days from 7 to 3650`);
  }
  return o as unknown as ProofOfFixSettings;
}

function slaOf(v: unknown, fail: Fail): AftersightConfig['sla'] {
  const out = {} as AftersightConfig['sla'];
  if (typeof v !== 'object' || v === null) fail('sla', 'must be an object with severity levels "1" to "4"');
  for (const level of ['1', '2', '3', '4'] as const) {
    const t = (v as Record<string, unknown>)[level] as Record<string, unknown> | undefined;
    if (!t) fail('sla', `needs targets for severity level "${level}"`);
    for (const k of ['response', 'arrival', 'resolution'] as const) {
      if (typeof t![k] !== 'number' || !((t![k] as number) > 0)) fail('sla', `level "${level}" needs ${k} as a number of hours above 0`);
    }
    out[level] = { response: t!.response as number, arrival: t!.arrival as number, resolution: t!.resolution as number };
  }
  return out;
}

function serviceHoursOf(v: unknown, fail: Fail): ServiceHours {
  const h = (v ?? {}) as Record<string, unknown>;
  const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;
  if (typeof h.start !== 'string' || !hhmm.test(h.start)) fail('serviceHours', 'needs start as HH:MM');
  if (typeof h.end !== 'string' || !hhmm.test(h.end)) fail('serviceHours', 'needs end as HH:MM');
  if ((h.end as string) <= (h.start as string)) fail('serviceHours', 'end must be after start');
  if (h.days !== 'every_day' && h.days !== 'working_days') fail('serviceHours', 'days must be "every_day" or "working_days"');
  return { start: h.start as string, end: h.end as string, days: h.days as ServiceHours['days'] };
}

function datesOf(key: string, v: unknown, fail: Fail): string[] {
  if (!Array.isArray(v)) fail(key, 'must be a list of dates YYYY-MM-DD');
  for (const d of v as unknown[]) {
    if (typeof d !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d) || Number.isNaN(Date.parse(d))) fail(key, `has "${String(d)}", which is not a date YYYY-MM-DD`);
  }
  return v as string[];
}
