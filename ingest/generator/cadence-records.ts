// The generator's inspections (巡检), installation acceptances and cadence callbacks for the units that had an
// installation ticket. They draw from a random stream of their own, after every other record is written, so the
// tickets, repairs, complaints, parts and the ticket callbacks of a seed are byte for byte what they were before
// these kinds existed (the calibration tests of early warnings and quality flags depend on it); the cadence
// callbacks are appended after the ticket callbacks. One team is planted late: its units' inspections and
// callbacks are often done after their due day.
import type { Technician } from './catalog.ts';
import type { CsvSink } from './csv-sink.ts';
import type { LocalClock } from './local-time.ts';
import type { Random } from './random.ts';

/** The first installation ticket of a unit, as the ticket loop saw it. */
export interface InstalledUnit {
  unit: number;
  ticketId: string;
  serialNo: string;
  customer: string;
  city: string;
  tech: Technician;
  /** Day index of installed_at (negative: before the data's first day). */
  installedDay: number;
}

/** The same rules as the configuration's default `cadence` (warehouse/config/config.ts). */
const firstCallbackDays = 30;
const callbackEveryMonths = 3;
const inspectionSteps: { untilMonth?: number; everyMonths: number }[] = [
  { untilMonth: 12, everyMonths: 1 },
  { untilMonth: 24, everyMonths: 2 },
  { everyMonths: 3 },
];

const dayMs = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** A day plus whole months, clamped to the month's last day (2024-01-31 + 1 month = 2024-02-29), as DuckDB does. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoDay(Date.UTC(year, month, Math.min(d, last)));
}

/** Months after installation at which inspections fall due, up to `maxMonth`: 1…12, 14…24, 27, 30, … */
export function inspectionMonths(maxMonth: number): number[] {
  const out: number[] = [];
  let m = 0;
  for (const step of inspectionSteps) {
    while (m + step.everyMonths <= (step.untilMonth ?? maxMonth) && m + step.everyMonths <= maxMonth) {
      m += step.everyMonths;
      out.push(m);
    }
  }
  return out;
}

export interface CadenceOptions {
  r: Random;
  clock: LocalClock;
  start: string;
  days: number;
  /** In the order of their installation tickets (iterated once). */
  units: Iterable<InstalledUnit>;
  technicians: Technician[];
  sinks: { inspections: CsvSink; installations: CsvSink; callbacks: CsvSink };
  firstCallbackNo: number;
  plant: boolean;
  zh: boolean;
  resultLabel: (v: string) => string;
  methodLabel: (v: string) => string;
}

export interface CadencePlanted {
  lateTeam: { team: string; lateShare: number; usualLateShare: number };
}

export async function writeCadenceRecords(o: CadenceOptions): Promise<CadencePlanted | undefined> {
  const { r, clock, sinks } = o;
  const teams = [...new Set(o.technicians.map((t) => t.team))];
  const lateTeam = teams[r.int(0, teams.length - 1)];
  const usualLate = 0.06;
  const plantedLate = 0.45;
  const missed = 0.03;
  const t0 = Date.parse(`${o.start}T00:00:00Z`);
  const dayIndex = (d: string) => Math.round((Date.parse(`${d}T00:00:00Z`) - t0) / dayMs);
  const endMinute = o.days * 1440;
  const byTeam = new Map<string, Technician[]>(teams.map((t) => [t, o.technicians.filter((x) => x.team === t)]));
  const findings = {
    normal: ['运行正常', '滤网清洁', ''],
    issue_found: ['滤网堵塞，已清洗', '冷媒压力偏低，已补充', '排水管松动，已紧固'],
    fault: ['压缩机异响，已报修', '电路板故障，已报修'],
  };
  let inspectionNo = 0;
  let installationNo = 0;
  let callbackNo = o.firstCallbackNo;

  /** When a visit due on `due` (day index) happened: a few days before it, late after it, or never. */
  const visitDay = (due: number, late: number, earliest: number): number | undefined => {
    if (r.chance(missed)) return undefined;
    if (r.chance(late)) return due + r.int(1, 20);
    return Math.max(earliest + 1, due - r.int(0, 7));
  };
  const at = (day: number) => day * 1440 + r.int(9 * 60, 17 * 60);

  for (const u of o.units) {
    const late = o.plant && u.tech.team === lateTeam ? plantedLate : usualLate;
    const installed = clock.date(u.installedDay);
    // The acceptance: a second technician of the team, and the points checked.
    installationNo++;
    const mates = byTeam.get(u.tech.team)!;
    const mate = mates[r.int(0, mates.length - 1)];
    const crew = mate.id === u.tech.id ? u.tech.id : `${u.tech.id};${mate.id}`;
    const hardware = 30 - (r.chance(0.3) ? r.int(1, 6) : 0);
    const software = 50 - (r.chance(0.4) ? r.int(1, 12) : 0);
    const documents = 10 - (r.chance(0.3) ? r.int(1, 4) : 0);
    let p = sinks.installations.row([
      `IN${String(installationNo).padStart(7, '0')}`,
      u.ticketId,
      u.serialNo,
      `${u.city}${u.customer}项目`,
      installed,
      u.tech.team,
      crew,
      hardware,
      software,
      documents,
    ]);
    if (p) await p;

    // Inspections due within the data's days.
    const lastMonth = Math.ceil((o.days - u.installedDay) / 28) + 1;
    let previous = u.installedDay;
    for (const m of inspectionMonths(lastMonth)) {
      const due = dayIndex(addMonths(installed, m));
      const earliest = previous;
      previous = due;
      if (due < 0 || due >= o.days) continue;
      const day = visitDay(due, late, earliest);
      if (day === undefined || at(day) > endMinute) continue;
      const result = r.chance(0.85) ? 'normal' : r.chance(0.8) ? 'issue_found' : 'fault';
      inspectionNo++;
      p = sinks.inspections.row([
        `IS${String(inspectionNo).padStart(8, '0')}`,
        u.serialNo,
        u.customer,
        clock.timestamp(at(day)),
        u.tech.id,
        o.resultLabel(result),
        r.pick(findings[result as keyof typeof findings]),
      ]);
      if (p) await p;
    }

    // Cadence callbacks: the first within 30 days of installation, then one every quarter.
    const callbackDues = [u.installedDay + firstCallbackDays];
    for (let k = 1; k <= lastMonth / callbackEveryMonths; k++) callbackDues.push(dayIndex(addMonths(installed, k * callbackEveryMonths)));
    previous = u.installedDay;
    for (const due of callbackDues) {
      const earliest = previous;
      previous = due;
      if (due < 0 || due >= o.days) continue;
      const day = visitDay(due, late, earliest);
      if (day === undefined || at(day) > endMinute) continue;
      callbackNo++;
      const score = r.chance(0.6) ? r.int(3, 5) : '';
      p = sinks.callbacks.row([
        `CB${String(callbackNo).padStart(8, '0')}`,
        '',
        u.customer,
        clock.timestamp(at(day)),
        o.methodLabel('phone'),
        score,
        '定期回访',
      ]);
      if (p) await p;
    }
  }
  return o.plant ? { lateTeam: { team: lateTeam, lateShare: plantedLate, usualLateShare: usualLate } } : undefined;
}
