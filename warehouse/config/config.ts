// The one configuration of Aftersight: defaults, then `aftersight.config.json` (or AFTERSIGHT_CONFIG), then
// environment variables. Validated at start against a TypeBox schema so a typo fails with a clear message naming
// the setting instead of giving a wrong number.
import fs from 'node:fs';
import path from 'node:path';
import cron from 'node-cron';
import { Refine, Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { TLocalizedValidationError } from 'typebox/error';
import { chinaHolidays2024to2026 } from './china-holidays.ts';
import { tickets } from '../../contract/sources/tickets.source.ts';

// The schema, and from it the configuration's types. Each node users can get wrong carries `errorMessage`: what
// its value must be, in the words of the message ("<setting>" <errorMessage> (got <value>)). Checks JSON Schema
// cannot state (a real time zone, a cron expression, weights adding up) are TypeBox refinements with their words.

const wholeNumber = (min: number, max: number) =>
  Type.Integer({ minimum: min, maximum: max, errorMessage: `must be a whole number from ${min} to ${max}` });
const text = (errorMessage = 'must be a non-empty text') => Type.String({ minLength: 1, errorMessage });

const isTimeZone = (z: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: z });
    return true;
  } catch {
    return false;
  }
};
const zoneWords = 'must be an IANA time zone such as Asia/Shanghai';
const timeZone = Refine(text(zoneWords), isTimeZone, () => zoneWords);
const cronWords = 'must be a cron expression such as "*/15 * * * *"';
const cronExpression = Refine(
  text(cronWords),
  (e) => cron.validate(e),
  () => cronWords,
);

const memoryWords = 'must be an amount such as "2GB" or "1536MiB", or "" for DuckDB\'s default';
const memoryAmount = /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i;
const memoryLimit = Refine(
  Type.String({ errorMessage: memoryWords }),
  (v) => v.trim() === '' || memoryAmount.test(v.trim()),
  () => memoryWords,
);

/** A calendar day YYYY-MM-DD that exists (not 2025-02-30). */
const isDay = (d: string): boolean => {
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === d;
};
const day = Refine(
  Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', errorMessage: 'must be a date YYYY-MM-DD' }),
  isDay,
  () => 'is not a day of the calendar',
);
const days = Type.Array(day, { errorMessage: 'must be a list of dates YYYY-MM-DD' });

const hours = Type.Number({ exclusiveMinimum: 0, errorMessage: 'must be a number of hours above 0' });
const slaTarget = Type.Object(
  { response: hours, arrival: hours, resolution: hours },
  { additionalProperties: false, errorMessage: 'needs response, arrival and resolution as numbers of hours above 0' },
);

const hhmm = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', errorMessage: 'must be a time HH:MM' });
const serviceHours = Refine(
  Type.Object(
    {
      start: hhmm,
      end: hhmm,
      days: Type.Union([Type.Literal('every_day'), Type.Literal('working_days')], {
        errorMessage: 'must be "every_day" or "working_days"',
      }),
    },
    { additionalProperties: false, errorMessage: 'needs start and end as HH:MM and days "every_day" or "working_days"' },
  ),
  (h) => h.end > h.start,
  () => 'end must be after start',
);

const scoreComponents = ['satisfaction', 'timeliness', 'first_time_fix', 'discipline'] as const;
const points = Type.Number({ minimum: 0, errorMessage: 'must be a number of points, 0 or more' });
const weightSum = (w: Record<string, number>) => scoreComponents.reduce((a, k) => a + w[k], 0);
const technicianScore = Type.Object(
  {
    weights: Refine(
      Type.Object(
        { satisfaction: points, timeliness: points, first_time_fix: points, discipline: points },
        { additionalProperties: false, errorMessage: `needs ${scoreComponents.join(', ')} as numbers of points, 0 or more` },
      ),
      (w) => Math.abs(weightSum(w) - 100) <= 1e-9,
      (w) => `must add up to 100 points, not ${weightSum(w)}`,
    ),
    complaintDeduction: Type.Number({ exclusiveMinimum: 0, errorMessage: 'must be a number of points above 0' }),
    grades: Refine(
      Type.Array(Type.Object({ grade: Type.String({ minLength: 1 }), min: Type.Number() }, { additionalProperties: false }), {
        minItems: 1,
        errorMessage: 'must be a list of { "grade": "A", "min": 90 }, best first',
      }),
      (g) => g.every((x, i) => i === 0 || x.min < g[i - 1].min),
      () => 'must be listed best first, each min lower than the one before',
    ),
    fallbackGrade: text('must name the grade below the last band'),
    minTickets: Type.Integer({ minimum: 1, errorMessage: 'must be a whole number of tickets, 1 or more' }),
  },
  { additionalProperties: false, errorMessage: 'must be an object with weights, complaintDeduction, grades, fallbackGrade, minTickets' },
);

const gradeBands = Refine(
  Type.Array(Type.Object({ grade: Type.String({ minLength: 1 }), min: Type.Number() }, { additionalProperties: false }), {
    minItems: 1,
    errorMessage: 'must be a list of { "grade": "A", "min": 90 }, best first',
  }),
  (g) => g.every((x, i) => i === 0 || x.min < g[i - 1].min),
  () => 'must be listed best first, each min lower than the one before',
);
/** The service cadence of seed 002: the first callback within firstCallbackDays of installation, then one every
 *  callbackEveryMonths; inspections every `everyMonths` up to month `untilMonth` of the unit's age, the last step
 *  (without untilMonth) for ever after. */
const cadence = Refine(
  Type.Object(
    {
      firstCallbackDays: wholeNumber(1, 365),
      callbackEveryMonths: wholeNumber(1, 24),
      inspections: Type.Array(
        Type.Object({ untilMonth: Type.Optional(wholeNumber(1, 600)), everyMonths: wholeNumber(1, 24) }, { additionalProperties: false }),
        { minItems: 1, errorMessage: 'must be a list of { "untilMonth": 12, "everyMonths": 1 }, the last without untilMonth' },
      ),
    },
    { additionalProperties: false, errorMessage: 'must be an object with firstCallbackDays, callbackEveryMonths, inspections' },
  ),
  (c) =>
    c.inspections.every((s, i) =>
      i === c.inspections.length - 1
        ? s.untilMonth === undefined
        : s.untilMonth !== undefined && (i === 0 || s.untilMonth > c.inspections[i - 1].untilMonth!),
    ),
  () => '"inspections" must give untilMonth in rising order on every step but the last, which has none',
);
/** The installation-project score (seed 002): grade bands over the 100 points; scorecardWeight (0 = off): the
 *  points of an installer's technician score that come from the mean score of the projects they installed. */
const installationScore = Type.Object(
  { grades: gradeBands, fallbackGrade: text('must name the grade below the last band'), scorecardWeight: wholeNumber(0, 50) },
  { additionalProperties: false, errorMessage: 'must be an object with grades, fallbackGrade and scorecardWeight' },
);

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Service types as the tickets' service_type column spells them (contract.md). */
const serviceTypes = Object.keys(tickets.columns.find((c) => c.name === 'service_type')!.values!);
const serviceTypeWords = `must be a list of service types from: ${serviceTypes.join(', ')}`;
// Subscriptions and delivery (issue 20). Secrets never sit in the file in clear when an environment variable can
// hold them: the SMTP password is AFTERSIGHT_SMTP_PASSWORD, a robot's secret (or its whole URL, which holds
// WeCom's key) may be named by secretEnv / urlEnv.
const smtp = Type.Union(
  [
    Type.Null(),
    Type.Object(
      {
        host: text(),
        port: wholeNumber(1, 65535),
        /** TLS from the start (port 465); false: STARTTLS when the server offers it. */
        secure: Type.Boolean({ errorMessage: 'must be true or false' }),
        /** The account to sign in with; the password is AFTERSIGHT_SMTP_PASSWORD. Leave out for no sign-in. */
        user: Type.Optional(text()),
        from: text('must be the sender address, such as "Aftersight <reports@example.com>"'),
      },
      { additionalProperties: false },
    ),
  ],
  { errorMessage: 'must be null (no e-mail) or { "host", "port", "secure", "user", "from" }' },
);
const isHttpUrl = (u: string) => /^https?:\/\/[^\s]+$/.test(u);
const robot = Refine(
  Type.Object(
    {
      channel: Type.Union([Type.Literal('wecom'), Type.Literal('dingtalk'), Type.Literal('feishu')], {
        errorMessage: 'must be "wecom", "dingtalk" or "feishu"',
      }),
      url: Type.Optional(Refine(text(), isHttpUrl, () => "must be the robot's webhook URL (http:// or https://)")),
      urlEnv: Type.Optional(text('must name an environment variable holding the webhook URL')),
      secret: Type.Optional(text()),
      secretEnv: Type.Optional(text('must name an environment variable holding the signing secret')),
    },
    {
      additionalProperties: false,
      errorMessage: 'must be { "channel", "url" or "urlEnv", and for dingtalk and feishu "secret" or "secretEnv" }',
    },
  ),
  (r) =>
    (r.url !== undefined) !== (r.urlEnv !== undefined) &&
    (r.channel === 'wecom' || (r.secret !== undefined) !== (r.secretEnv !== undefined)),
  () => 'needs one of url / urlEnv, and (dingtalk, feishu: they sign their requests) one of secret / secretEnv',
);
const robots = Type.Record(Type.String({ pattern: '^[A-Za-z0-9_.-]{1,60}$' }), robot, {
  additionalProperties: false,
  errorMessage: 'must be an object of robots by name (letters, digits, _ . -): { "<name>": { "channel", "url", "secret" } }',
});
const delivery = Type.Object(
  {
    /** Attempts before a delivery is logged as failed. */
    maxAttempts: wholeNumber(1, 20),
    /** Wait before the second attempt, in seconds; doubled before each further one. */
    retrySeconds: wholeNumber(1, 86_400),
    /** No message is sent between start and end (in timeZone; may span midnight): it waits until end. */
    quietHours: Type.Union([Type.Null(), Type.Object({ start: hhmm, end: hhmm }, { additionalProperties: false })], {
      errorMessage: 'must be null or { "start": "HH:MM", "end": "HH:MM" }',
    }),
    /** A report or digest whose period has no ticket (for that recipient) is not sent. */
    skipEmpty: Type.Boolean({ errorMessage: 'must be true or false' }),
    /** How long a report's signed download link (robots) stays valid, in hours. */
    linkHours: wholeNumber(1, 24 * 90),
    /** When the weekly and the monthly digests go out (in timeZone), and how often due deliveries are tried. */
    weeklyCron: cronExpression,
    monthlyCron: cronExpression,
    sendCron: cronExpression,
    /** When alert subscriptions are evaluated (in timeZone); an alert is sent when its condition newly holds. Optional: configuration files written before alerts keep working. */
    alertCron: Type.Optional(cronExpression),
    /** Thresholds of an alert subscription that sets none: SLA compliance and CSAT (0–1) over the last `days` days, the backlog's age in days. */
    alertDefaults: Type.Optional(
      Type.Object(
        {
          slaBelow: Type.Number({ minimum: 0, maximum: 1, errorMessage: 'must be a share from 0 to 1' }),
          satisfactionBelow: Type.Number({ minimum: 0, maximum: 1, errorMessage: 'must be a share from 0 to 1' }),
          days: wholeNumber(1, 366),
          backlogOlderDays: wholeNumber(1, 3650),
        },
        { additionalProperties: false, errorMessage: 'must be { "slaBelow", "satisfactionBelow", "days", "backlogOlderDays" }' },
      ),
    ),
  },
  {
    additionalProperties: false,
    errorMessage:
      'must be an object with maxAttempts, retrySeconds, quietHours, skipEmpty, linkHours, weeklyCron, monthlyCron, sendCron, and optionally alertCron, alertDefaults',
  },
);

// Where the figures are read from (issue 23): DuckDB, or the models on a Trino cluster (warehouse/trino/trino-figures.ts).
const trino = Type.Object(
  {
    url: Refine(text(), isHttpUrl, () => 'must be the address of the Trino coordinator, such as "http://127.0.0.1:18080"'),
    user: text('must be the Trino user the statements run as'),
    prefix: Type.String({
      pattern: '^[a-z][a-z0-9_]{0,40}$',
      errorMessage: 'must be a schema-name prefix: a lower-case letter, then up to 40 lower-case letters, digits or _',
    }),
    lakeDir: text('must be the folder the lake export is written to, which every Trino node reads at the same path'),
  },
  { additionalProperties: false, errorMessage: 'must be an object with url, user, prefix and lakeDir' },
);

const configSchema = Type.Object(
  {
    /** DuckDB file of the warehouse. */
    db: text(),
    /** HTTP port of `aftersight serve`. */
    port: wholeNumber(0, 65535),
    /** Host the server binds to. */
    host: text(),
    /** IANA time zone: periods, and times without an offset, are in this zone. */
    timeZone,
    /** node-cron expression of the scheduled model refresh (in timeZone). */
    refreshCron: cronExpression,
    /** Company name on report covers. */
    companyName: text(),
    /** Fill an empty warehouse with generated demo data when the server starts. */
    demoWhenEmpty: Type.Boolean({ errorMessage: 'must be true or false' }),
    /** Size of that demo data set, in tickets. */
    demoTickets: wholeNumber(0, 100_000_000),
    /** Largest file accepted by POST /api/ingest/:kind, in bytes. */
    uploadMaxBytes: wholeNumber(1024, Number.MAX_SAFE_INTEGER),
    /** Memory DuckDB may use, such as "2GB" (past it, large loads and queries spill to disk); '' = DuckDB's own
     *  default, 80 % of the machine's memory. */
    memoryLimit,
    /** DuckDB threads of the server's reads between refreshes, reports and loads (which use every core); 0: every
     *  core always. One serves many users at once best: each read on a core of its own. */
    readThreads: wholeNumber(0, 1024),
    /** Level of the server log (JSON lines on stdout, one per request with its id): 'silent' turns it off. */
    logLevel: Type.Union(
      [
        Type.Literal('fatal'),
        Type.Literal('error'),
        Type.Literal('warn'),
        Type.Literal('info'),
        Type.Literal('debug'),
        Type.Literal('trace'),
        Type.Literal('silent'),
      ],
      { errorMessage: `must be one of ${logLevels.join(', ')}` },
    ),
    /** Quarterly reports: produced into reportsDir on reportCron (in reportTimeZone) for the quarter just ended,
     *  every edition in each of reportLangs; missed ones are produced when the server starts. */
    reportsDir: text(),
    reportCron: cronExpression,
    reportTimeZone: timeZone,
    reportLangs: Type.Array(Type.Union([Type.Literal('zh'), Type.Literal('en')]), {
      minItems: 1,
      errorMessage: 'must be a list of "zh" and/or "en"',
    }),
    /** Drop folder: files put in <inboxDir>/<kind>/ are loaded on the inboxCron schedule. */
    inboxDir: text(),
    inboxCron: cronExpression,
    /** SLA targets by severity 1–4; unclassified tickets use level 3 (metrics.md). */
    sla: Type.Object(
      { '1': slaTarget, '2': slaTarget, '3': slaTarget, '4': slaTarget },
      { additionalProperties: false, errorMessage: 'must be an object with severity levels "1" to "4"' },
    ),
    /** Service types done at the customer's: their arrival target applies while open, dispatched or not. */
    onSiteServiceTypes: Refine(
      Type.Array(Type.String(), { errorMessage: serviceTypeWords }),
      (l) => l.every((t) => serviceTypes.includes(t)),
      () => serviceTypeWords,
    ),
    serviceHours,
    /** Days off (YYYY-MM-DD); default: China's official schedule 2024–2026. */
    holidays: days,
    /** Weekend days that are working days (调休). */
    makeUpWorkdays: days,
    /** A ticket is a repeat when the unit's earlier ticket was resolved at most this many days before. */
    repeatWindowDays: wholeNumber(1, 3650),
    /** A complaint is answered on time within this many hours. */
    complaintAnswerHours: wholeNumber(1, 24 * 365),
    /** A defective part replaced under warranty is due back within this many working days of its issue (seed 002). */
    partsReturnWorkingDays: wholeNumber(1, 365),
    /** A chronic unit has at least chronicTickets counted tickets within chronicWindowDays. */
    chronicTickets: wholeNumber(2, 1000),
    chronicWindowDays: wholeNumber(1, 3650),
    /** The technician assessment score (metrics.md): component weights, the complaint deduction, grade bands. */
    technicianScore,
    /** Quality flags: a "too often" flag needs at least this many earlier quarters (of the four before) with tickets
     *  on the product line to form its baseline; flags from fewer than four are marked as short history. */
    flagMinHistoryQuarters: wholeNumber(1, 4),
    /** Quality flags: verified complaints count in the quarter of the complained ticket ('ticket') or of the
     *  complaint's receipt ('complaint'). */
    flagComplaintsBy: Type.Union([Type.Literal('ticket'), Type.Literal('complaint')], { errorMessage: 'must be "ticket" or "complaint"' }),
    /** Quality flags: a "too often" flag needs at least this many tickets of the (model, fault) in the quarter. */
    flagMinCount: wholeNumber(1, 100000),
    /** Quality flags: the confidence of the Poisson upper limits (too often, and the severity-1 count), e.g. 0.99. */
    flagConfidence: Type.Number({
      minimum: 0.5,
      exclusiveMaximum: 1,
      errorMessage: 'must be a number from 0.5 up to (not including) 1, such as 0.99',
    }),
    /** Quality flags: a major impact by severity needs at least this many severity-1 tickets of the (model, fault), and
     *  more than the Poisson upper limit of its tickets × the quarter's severity-1 share. */
    flagMinSeverity1: wholeNumber(1, 100000),
    /** Quality flags: this many verified complaints about a (model, fault) in the quarter are a major impact. */
    flagMinVerifiedComplaints: wholeNumber(1, 100000),
    /** Quality flags: a repeat rate at least flagRepeatRatio × the quarter's overall rate, with at least flagMinRepeats
     *  repeats, is a major impact. */
    flagRepeatRatio: Type.Number({
      exclusiveMinimum: 1,
      maximum: 100,
      errorMessage: 'must be a number above 1 (2 = twice the overall rate)',
    }),
    flagMinRepeats: wholeNumber(1, 100000),
    /** Fault Pareto: the faults up to and including the one whose cumulative share crosses this share are the vital few. */
    paretoVitalShare: Type.Number({ exclusiveMinimum: 0, maximum: 1, errorMessage: 'must be a share above 0 and at most 1, such as 0.8' }),
    /** The early warning's Poisson CUSUM (metrics.md, early_warnings): the rise to detect (× the in-control share),
     *  the target in-control average run length in weeks / months, and the first weeks / months of each series its
     *  in-control share is estimated from. */
    earlyWarning: Type.Object(
      {
        shiftRatio: Type.Number({ exclusiveMinimum: 1, maximum: 100, errorMessage: 'must be a number above 1 (2 = detect a doubling)' }),
        weekArl0: wholeNumber(10, 100000),
        monthArl0: wholeNumber(10, 100000),
        baselineWeeks: wholeNumber(4, 520),
        baselineMonths: wholeNumber(2, 120),
      },
      {
        additionalProperties: false,
        errorMessage: 'must be an object with shiftRatio, weekArl0, monthArl0, baselineWeeks, baselineMonths',
      },
    ),
    /** A corrective action's outcome is judged minAfterDays after its effective date, against beforeDays before it. */
    cadence,
    installationScore,
    proofOfFix: Type.Object(
      { minAfterDays: wholeNumber(7, 3650), beforeDays: wholeNumber(7, 3650) },
      { additionalProperties: false, errorMessage: 'must be an object with minAfterDays and beforeDays' },
    ),
    /** The address people open Aftersight at: links in messages (page, report download, unsubscribe) start with it. */
    publicUrl: Refine(text(), isHttpUrl, () => 'must be the address of Aftersight, such as "https://aftersight.example.com"'),
    /** The writer publishes a snapshot of the warehouse after each refresh, for read replicas (`<db>.snapshots/`). */
    snapshots: Type.Boolean({ errorMessage: 'must be true or false' }),
    /** `aftersight serve` as a read replica: answers reads from the newest snapshot of `db`, refuses writes. */
    replica: Type.Boolean({ errorMessage: 'must be true or false' }),
    /** A replica's refusals name it: where writes (uploads, accounts, subscriptions…) go; '' = not said. */
    writerUrl: Type.Union([Type.Literal(''), Refine(text(), isHttpUrl, () => '')], {
      errorMessage: 'must be the address of the writer, such as "http://10.0.0.5:3000", or ""',
    }),
    /** Where the API, the CLI and the PDF read their figures: "duckdb", or "trino" (the models built on `trino` by each refresh). */
    engine: Type.Union([Type.Literal('duckdb'), Type.Literal('trino')], { errorMessage: 'must be "duckdb" or "trino"' }),
    trino,
    smtp,
    robots,
    delivery,
  },
  { additionalProperties: false },
);

export type AftersightConfig = Static<typeof configSchema>;
export type SmtpSettings = NonNullable<Static<typeof smtp>>;
export type RobotSettings = Static<typeof robot>;
export type DeliverySettings = Static<typeof delivery>;
/** Hours allowed, per severity level, for each SLA target (metrics.md). */
export type SlaTarget = Static<typeof slaTarget>;
/** start and end 'HH:MM' local time; days: every_day, the hours apply every day (seed 001 hotline);
 *  working_days: Mon–Fri and make-up days, not holidays. */
export type ServiceHours = Static<typeof serviceHours>;
/** Points of each component (satisfaction, timeliness and first-time fix earn weight × rate); points lost per
 *  verified complaint, from the discipline weight, not below 0; the lowest total of each grade, best first, and
 *  the fallback grade below the last; fewer counted tickets than minTickets: "insufficient data", not ranked. */
export type TechnicianScoreSettings = Static<typeof technicianScore>;
export type EarlyWarningSettings = AftersightConfig['earlyWarning'];
export type ProofOfFixSettings = AftersightConfig['proofOfFix'];

/** The settings that change numbers: written into the warehouse at every refresh for the SQL models to read. */
export type AnalysisSettings = Pick<
  AftersightConfig,
  | 'timeZone'
  | 'sla'
  | 'onSiteServiceTypes'
  | 'serviceHours'
  | 'holidays'
  | 'makeUpWorkdays'
  | 'repeatWindowDays'
  | 'complaintAnswerHours'
  | 'partsReturnWorkingDays'
  | 'chronicTickets'
  | 'chronicWindowDays'
  | 'technicianScore'
  | 'flagMinHistoryQuarters'
  | 'flagComplaintsBy'
  | 'flagMinCount'
  | 'flagConfidence'
  | 'flagMinSeverity1'
  | 'flagMinVerifiedComplaints'
  | 'flagRepeatRatio'
  | 'flagMinRepeats'
  | 'paretoVitalShare'
  | 'earlyWarning'
  | 'proofOfFix'
  | 'cadence'
  | 'installationScore'
>;

export const analysisSettingsOf = (c: AftersightConfig): AnalysisSettings => ({
  timeZone: c.timeZone,
  sla: c.sla,
  onSiteServiceTypes: c.onSiteServiceTypes,
  serviceHours: c.serviceHours,
  holidays: c.holidays,
  makeUpWorkdays: c.makeUpWorkdays,
  repeatWindowDays: c.repeatWindowDays,
  complaintAnswerHours: c.complaintAnswerHours,
  partsReturnWorkingDays: c.partsReturnWorkingDays,
  chronicTickets: c.chronicTickets,
  chronicWindowDays: c.chronicWindowDays,
  technicianScore: c.technicianScore,
  flagMinHistoryQuarters: c.flagMinHistoryQuarters,
  flagComplaintsBy: c.flagComplaintsBy,
  flagMinCount: c.flagMinCount,
  flagConfidence: c.flagConfidence,
  flagMinSeverity1: c.flagMinSeverity1,
  flagMinVerifiedComplaints: c.flagMinVerifiedComplaints,
  flagRepeatRatio: c.flagRepeatRatio,
  flagMinRepeats: c.flagMinRepeats,
  paretoVitalShare: c.paretoVitalShare,
  earlyWarning: c.earlyWarning,
  proofOfFix: c.proofOfFix,
  cadence: c.cadence,
  installationScore: c.installationScore,
});

export const defaultConfig: AftersightConfig = {
  db: 'data/aftersight.duckdb',
  port: 3000,
  logLevel: 'info',
  host: '127.0.0.1',
  timeZone: 'Asia/Shanghai',
  refreshCron: '*/15 * * * *',
  companyName: 'Aftersight 演示公司',
  demoWhenEmpty: true,
  demoTickets: 50_000,
  uploadMaxBytes: 1024 ** 3,
  memoryLimit: '',
  readThreads: 1,
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
  onSiteServiceTypes: ['repair', 'install', 'maintenance', 'inspection'],
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
  flagMinHistoryQuarters: 1,
  flagComplaintsBy: 'ticket',
  flagMinCount: 5,
  flagConfidence: 0.99,
  flagMinSeverity1: 2,
  flagMinVerifiedComplaints: 2,
  flagRepeatRatio: 2,
  flagMinRepeats: 2,
  paretoVitalShare: 0.8,
  earlyWarning: { shiftRatio: 2, weekArl0: 1040, monthArl0: 240, baselineWeeks: 52, baselineMonths: 12 },
  proofOfFix: { minAfterDays: 90, beforeDays: 180 },
  cadence: {
    firstCallbackDays: 30,
    callbackEveryMonths: 3,
    inspections: [{ untilMonth: 12, everyMonths: 1 }, { untilMonth: 24, everyMonths: 2 }, { everyMonths: 3 }],
  },
  installationScore: {
    grades: [
      { grade: 'A', min: 90 },
      { grade: 'B', min: 80 },
      { grade: 'C', min: 60 },
    ],
    fallbackGrade: 'D',
    scorecardWeight: 0,
  },
  publicUrl: 'http://127.0.0.1:3000',
  snapshots: false,
  replica: false,
  writerUrl: '',
  engine: 'duckdb',
  trino: { url: 'http://127.0.0.1:18080', user: 'aftersight', prefix: 'aftersight_', lakeDir: 'data/lake' },
  smtp: null,
  robots: {},
  delivery: {
    maxAttempts: 5,
    retrySeconds: 60,
    quietHours: null,
    skipEmpty: true,
    linkHours: 7 * 24,
    // 08:00 on Mondays, and on the first day of each month.
    weeklyCron: '0 8 * * 1',
    monthlyCron: '0 8 1 * *',
    sendCron: '* * * * *',
    // Alerts: evaluated at minute 5 of every hour.
    alertCron: '5 * * * *',
    alertDefaults: { slaBelow: 0.9, satisfactionBelow: 0.85, days: 7, backlogOlderDays: 7 },
  },
};

const envNames: Partial<Record<keyof AftersightConfig, string>> = {
  db: 'AFTERSIGHT_DB',
  port: 'PORT',
  logLevel: 'AFTERSIGHT_LOG_LEVEL',
  host: 'HOST',
  timeZone: 'AFTERSIGHT_TIME_ZONE',
  refreshCron: 'AFTERSIGHT_REFRESH_CRON',
  companyName: 'AFTERSIGHT_COMPANY',
  demoWhenEmpty: 'AFTERSIGHT_DEMO',
  demoTickets: 'AFTERSIGHT_DEMO_TICKETS',
  uploadMaxBytes: 'AFTERSIGHT_UPLOAD_MAX_BYTES',
  memoryLimit: 'AFTERSIGHT_MEMORY_LIMIT',
  readThreads: 'AFTERSIGHT_READ_THREADS',
  inboxDir: 'AFTERSIGHT_INBOX',
  inboxCron: 'AFTERSIGHT_INBOX_CRON',
  reportsDir: 'AFTERSIGHT_REPORTS',
  publicUrl: 'AFTERSIGHT_PUBLIC_URL',
  snapshots: 'AFTERSIGHT_SNAPSHOTS',
  replica: 'AFTERSIGHT_REPLICA',
  writerUrl: 'AFTERSIGHT_WRITER_URL',
  engine: 'AFTERSIGHT_ENGINE',
};

export class ConfigError extends Error {}

const configValidator = Compile(configSchema);

/** Environment variables are text: a whole-number or true/false setting reads its text (as the file may too). */
function fromText(schema: TSchema, v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const type = (schema as { type?: string }).type;
  if (type === 'integer' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (type === 'boolean') return v === 'true' || v === '1' ? true : v === 'false' || v === '0' ? false : v;
  return v;
}

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
  const merged: Record<string, unknown> = { ...defaultConfig, ...fromFile };
  // The Trino settings a file leaves out keep their defaults (only the coordinator's address may differ).
  if (fromFile.trino && typeof fromFile.trino === 'object' && !Array.isArray(fromFile.trino))
    merged.trino = { ...defaultConfig.trino, ...(fromFile.trino as object) };
  const fromEnv: Record<string, string> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const v = env[name!];
    if (v !== undefined && v !== '') {
      merged[key] = v;
      fromEnv[key] = name!;
    }
  }
  const config = validateConfig(merged, file, fromEnv);
  // A robot's secret or URL named by an environment variable that is not set fails now, not at its first message.
  const unset = Object.entries(config.robots).flatMap(([name, r]) =>
    (['secretEnv', 'urlEnv'] as const)
      .filter((k) => r[k] !== undefined && !env[r[k]!])
      .map((k) => `${file}: "robots.${name}.${k}" names the environment variable ${r[k]}, which is not set`),
  );
  if (unset.length) throw new ConfigError(unset.join('\n'));
  return config;
}

/**
 * The configuration checked against the schema. Each problem is a line "<source>: <problem>", the source being
 * the file, or the environment variable a setting came from (fromEnv: setting → variable).
 */
export function validateConfig(
  c: Record<string, unknown>,
  source = 'configuration',
  fromEnv: Record<string, string> = {},
): AftersightConfig {
  const properties = configSchema.properties as Record<string, TSchema>;
  const value = Object.fromEntries(Object.entries(c).map(([k, v]) => [k, k in properties ? fromText(properties[k], v) : v]));
  if (!configValidator.Check(value)) {
    const problems = configValidator.Errors(value).flatMap((e) => problemsOf(e, value));
    const lines = problems.map(
      (p) => `${p.setting && fromEnv[p.setting] ? `environment variable ${fromEnv[p.setting]}` : source}: ${p.text}`,
    );
    throw new ConfigError([...new Set(lines)].join('\n'));
  }
  return { ...value, memoryLimit: value.memoryLimit.trim(), reportLangs: [...new Set(value.reportLangs)] };
}

/** A robot's secret, and the query of a webhook URL (WeCom's key, DingTalk's token), never shown in a message. */
const hideSecrets = (key: string, v: unknown): unknown =>
  key === 'secret' ? '…' : key === 'url' && typeof v === 'string' ? v.replace(/\?.*/, '?…') : v;

interface Node {
  properties?: Record<string, TSchema>;
  items?: TSchema;
  errorMessage?: string;
}

/**
 * A validation error in the user's words: the setting (with the place inside it, such as "sla.2.response" or
 * "holidays[3]"), what it must be, and what it was. The words are those of the deepest schema node on the error's
 * path that has them.
 */
function problemsOf(e: TLocalizedValidationError, value: unknown): { setting?: string; text: string }[] {
  const segments = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  // nodes[i] is the schema of the value at segments[0..i).
  const nodes: (Node | undefined)[] = [configSchema as Node];
  for (const s of segments) {
    const node = nodes.at(-1);
    nodes.push((node?.properties?.[s] ?? (node?.items && /^\d+$/.test(s) ? node.items : undefined)) as Node | undefined);
  }
  const named = (segs: string[]) => `"${segs.map((s, i) => (i === 0 ? s : nodes[i]?.items ? `[${s}]` : `.${s}`)).join('')}"`;
  const got = (n: number) => {
    const v = segments.slice(0, n).reduce<unknown>((o, s) => (o as Record<string, unknown> | undefined)?.[s], value);
    return ` (got ${JSON.stringify(v, hideSecrets)?.slice(0, 200)})`;
  };
  const problem = (text: string) => ({ setting: segments[0], text });
  const node = nodes.at(-1);
  switch (e.keyword) {
    case 'boolean':
      // additionalProperties: false also fails the extra key itself; the additionalProperties error says it.
      return [];
    case 'additionalProperties': {
      const known = Object.keys(node?.properties ?? {}).join(', ');
      return e.params.additionalProperties.map((k) =>
        segments.length === 0
          ? { setting: k, text: `unknown setting "${k}"; known: ${known}` }
          : problem(`${named(segments)} has an unknown key "${k}"; known: ${known}`),
      );
    }
    case 'required':
      return e.params.requiredProperties.map((k) => {
        const words = (node?.properties?.[k] as Node | undefined)?.errorMessage;
        return problem(`${named([...segments, k])} is missing${words ? `; it ${words}` : ''}`);
      });
    case '~refine':
      return [problem(`${named(segments)} ${e.params.message}${got(segments.length)}`)];
    default: {
      let n = segments.length;
      while (n > 0 && !nodes[n]?.errorMessage) n--;
      return [problem(`${n > 0 ? named(segments.slice(0, n)) : 'the configuration'} ${nodes[n]?.errorMessage ?? e.message}${got(n)}`)];
    }
  }
}
