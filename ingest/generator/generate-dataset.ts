// The demo and benchmark data generator: all record kinds over two years, five regions, 60 technicians,
// 20 models in 4 product lines, summer-peaking air-conditioners; tickets are made day by day in time order so
// a unit's history (for repeat repairs) is small state. It plants known patterns, listed in planted.json, for
// tests to find. Deterministic for a seed; streams the rows, so what it holds is per unit, not per row: about
// 12 bytes a unit of the pool (as many units as tickets) and 24 a unit installed in the data.
import fs from 'node:fs';
import path from 'node:path';
import { recordKinds } from '../../contract/sources/record-kinds.ts';
import type { RecordKind } from '../../contract/sources/record-kind.ts';
import { chineseName, citiesByRegion, makeTechnicians, productLines, regions, type Technician } from './catalog.ts';
import { writeCadenceRecords, type CadencePlanted, type InstalledUnit } from './cadence-records.ts';
import { CsvSink } from './csv-sink.ts';
import { LocalClock } from './local-time.ts';
import { seededRandom } from './random.ts';
import { NO_DAY, writeUnitRecords, type PlantedBatch } from './unit-records.ts';

export interface GenerateOptions {
  tickets: number;
  seed: number;
  outDir: string;
  /** Chinese headers (the first alias) and Chinese enumeration labels. */
  zh?: boolean;
  /** Last day, 'YYYY-MM-DD' (default today, UTC): the data cover the 730 days up to it, nothing after it. */
  end?: string;
  /** First day, 'YYYY-MM-DD', instead of `end`: the data cover 730 days from it (tests that need fixed dates). */
  start?: string;
  /** Plant the patterns of planted.json (default true). */
  plant?: boolean;
}

export interface Planted {
  seed: number;
  tickets: number;
  start: string;
  spike?: { product_model: string; fault_code: string; quarter: string; factor: number };
  repeatTechnician?: { technician_id: string; repeatShare: number };
  complaintTechnician?: { technician_id: string; verifiedComplaintShare: number };
  overduePart?: { part_no: string; lateShare: number };
  slowRegion?: { region: string; arrivalFactor: number };
  /** Besides each fault's proper fix, a quick fix (resolution code Q-<fault>) that often does not hold. */
  quickFix?: { resolution_code_prefix: string; share: number; comeBackShare: number };
  /** A fault rising slowly on one model from `start`: its share of the model's tickets reaches factorAtEnd × the
   *  usual 1 in 8 on the last day (for the early warning). */
  rise?: { product_model: string; fault_code: string; start: string; factorAtEnd: number };
  /** A fault at its usual share until `from`, factorBefore × it until a fix took effect on effective_date,
   *  factorAfter × it after: the working fix drops to the usual share, the failing one stays where it was (for the
   *  proof of fix). `from` starts a quarter, which is flagged as occurring too often. */
  workingFix?: PlantedFix;
  failingFix?: PlantedFix;
  /** A team whose units' inspections and cadence callbacks are often late (cadence-records.ts). */
  lateTeam?: CadencePlanted['lateTeam'];
  /** A production batch whose units fail early far more often than the others (unit-records.ts). */
  badBatch?: PlantedBatch;
}

export interface PlantedFix {
  product_model: string;
  fault_code: string;
  from: string;
  effective_date: string;
  factorBefore: number;
  factorAfter: number;
}

/** The share p of a model's tickets switched to one fault makes that fault p + (1 - p)/8 of them: factor 1 + 7p. */
const shareForFactor = (factor: number) => (factor - 1) / 7;

/** The quick fix: a reset without replacing anything, used on a share of repairs; it often comes back. */
const quickFix = { codePrefix: 'Q-', text: '复位重启，未更换部件', share: 0.2, comeBackShare: 0.3 };

export interface GenerateSummary {
  files: Record<string, { path: string; rows: number }>;
  planted: Planted;
  seconds: number;
}

const DAYS = 730;

/** The first of the DAYS days that end with `end`. */
export const firstDayBefore = (end: string): string =>
  new Date(Date.parse(`${end}T00:00:00Z`) - (DAYS - 1) * 86_400_000).toISOString().slice(0, 10);
const kindsOrder = [
  'tickets',
  'repairs',
  'complaints',
  'parts',
  'technicians',
  'callbacks',
  'inspections',
  'installations',
  'units',
] as const;

export async function generateDataset(o: GenerateOptions): Promise<GenerateSummary> {
  const t0 = performance.now();
  const start = o.start ?? firstDayBefore(o.end ?? new Date().toISOString().slice(0, 10));
  const plant = o.plant !== false;
  const r = seededRandom(o.seed);
  const clock = new LocalClock(start, 2000, DAYS + 400);
  fs.mkdirSync(o.outDir, { recursive: true });

  const header = (k: RecordKind) => k.columns.map((c) => (o.zh ? (c.aliases[0] ?? c.name) : c.name));
  const label = (kind: string, column: string) => {
    const values = recordKinds[kind].columns.find((c) => c.name === column)!.values!;
    return (v: string) => (o.zh ? values[v] : v);
  };
  const sinks = Object.fromEntries(
    kindsOrder.map((k) => [k, new CsvSink(path.join(o.outDir, `${k}.csv`), header(recordKinds[k]))]),
  ) as Record<(typeof kindsOrder)[number], CsvSink>;
  const L = {
    status: label('tickets', 'status'),
    channel: label('tickets', 'channel'),
    serviceType: label('tickets', 'service_type'),
    rootCause: label('tickets', 'root_cause'),
    outcome: label('repairs', 'outcome'),
    category: label('complaints', 'category'),
    yesNo: (b: boolean) => (o.zh ? (b ? '是' : '否') : b ? 'yes' : 'no'),
    charge: label('parts', 'charge_type'),
    method: label('callbacks', 'method'),
    result: label('inspections', 'result'),
    unitStatus: label('units', 'status'),
  };

  // The company.
  const technicians = makeTechnicians(r);
  const techByRegion = new Map<string, Technician[]>(regions.map((g) => [g, technicians.filter((t) => t.region === g)]));
  const models = productLines.flatMap((line, li) => line.models.map((name) => ({ name, line, li })));
  const unitsPerModel = Math.max(100, Math.ceil(o.tickets / models.length));

  // Planted patterns (chosen from the seed, so another seed plants elsewhere).
  const planted: Planted = { seed: o.seed, tickets: o.tickets, start };
  const spikeModel = r.int(0, 4); // an air-conditioner model: the spike shows in a busy line
  const spikeFault = r.int(0, 7);
  const spikeQuarterIndex = r.int(5, 6); // the 6th or 7th quarter (2025-Q2 or Q3 from the default start): four quarters before it
  const repeatTech = technicians[r.int(0, technicians.length - 1)];
  let complaintTech = technicians[r.int(0, technicians.length - 1)];
  if (complaintTech === repeatTech) complaintTech = technicians[(technicians.indexOf(repeatTech) + 7) % technicians.length];
  const overduePart = productLines[0].parts[r.int(0, productLines[0].parts.length - 1)];
  const slowRegion = regions[r.int(0, regions.length - 1)];
  const quarters: string[] = [];
  for (let d = 0; d < DAYS; d++) quarters.push(`${clock.date(d).slice(0, 4)}-Q${Math.floor(clock.month(d) / 3) + 1}`);
  const spikeQuarter = quarters[spikeQuarterIndex * 91 + 10];
  const spikeShare = 0.6;
  if (plant) {
    planted.spike = {
      product_model: models[spikeModel].name,
      fault_code: models[spikeModel].line.faults[spikeFault].code,
      quarter: spikeQuarter,
      // Its share of the model's faults that quarter, over the usual 1 in 8.
      factor: (spikeShare + (1 - spikeShare) / 8) * 8,
    };
    planted.repeatTechnician = { technician_id: repeatTech.id, repeatShare: 0.35 };
    planted.complaintTechnician = { technician_id: complaintTech.id, verifiedComplaintShare: 0.08 };
    planted.overduePart = { part_no: overduePart.no, lateShare: 0.8 };
    planted.slowRegion = { region: slowRegion, arrivalFactor: 3 };
    planted.quickFix = { resolution_code_prefix: quickFix.codePrefix, share: quickFix.share, comeBackShare: quickFix.comeBackShare };
  }

  // The early-warning and proof-of-fix plants draw from a stream of their own, so adding them left every other
  // planted pattern, and a data set with nothing planted, exactly as it was.
  const rp = seededRandom(o.seed * 7919 + 1);
  const plantedModels = new Set<number>([spikeModel]);
  const pickModel = () => {
    let m = rp.int(5, models.length - 1); // not an air-conditioner: their seasons are the spike's
    while (plantedModels.has(m)) m = (m + 1) % models.length || 5;
    plantedModels.add(m);
    return m;
  };
  const riseStartDay = 455; // 2025-04-01 from the default start: a year of in-control data before it
  const problemDay = 182; // 2024-07-01: the fixed problems begin, so 2024-Q3 flags them as occurring too often
  const fixDay = 400;
  const riseModel = pickModel();
  const riseFault = rp.int(0, 7);
  const workingModel = pickModel();
  const workingFault = rp.int(0, 7);
  const failingModel = pickModel();
  const failingFault = rp.int(0, 7);
  const fixFactor = 3;
  const riseFactorAtEnd = 3;
  /** The fault a new ticket of the model is switched to by the plants, if any. */
  const plantedFault = (modelIndex: number, day: number): number | undefined => {
    if (modelIndex === riseModel && day >= riseStartDay)
      return rp.chance(shareForFactor(1 + ((riseFactorAtEnd - 1) * (day - riseStartDay)) / (DAYS - 1 - riseStartDay)))
        ? riseFault
        : undefined;
    if (day < problemDay) return undefined;
    if (modelIndex === workingModel && day < fixDay) return rp.chance(shareForFactor(fixFactor)) ? workingFault : undefined;
    if (modelIndex === failingModel) return rp.chance(shareForFactor(fixFactor)) ? failingFault : undefined;
    return undefined;
  };
  if (plant) {
    const fault = (m: number, f: number) => ({ product_model: models[m].name, fault_code: models[m].line.faults[f].code });
    planted.rise = { ...fault(riseModel, riseFault), start: clock.date(riseStartDay), factorAtEnd: riseFactorAtEnd };
    planted.workingFix = {
      ...fault(workingModel, workingFault),
      from: clock.date(problemDay),
      effective_date: clock.date(fixDay),
      factorBefore: fixFactor,
      factorAfter: 1,
    };
    planted.failingFix = {
      ...fault(failingModel, failingFault),
      from: clock.date(problemDay),
      effective_date: clock.date(fixDay),
      factorBefore: fixFactor,
      factorAfter: fixFactor,
    };
  }

  // Tickets per day and line: seasonal weights, split exactly (largest remainder) so the total is N.
  const weights: number[] = [];
  for (let d = 0; d < DAYS; d++) {
    const weekday = new Date(`${clock.date(d)}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
    for (const line of productLines) {
      weights.push(line.share * line.season[clock.month(d)] * (weekday === 0 || weekday === 6 ? 0.8 : 1));
    }
  }
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((o.tickets * w) / totalWeight));
  let missing = o.tickets - counts.reduce((a, b) => a + b, 0);
  const byRemainder = weights.map((w, i) => [(o.tickets * w) / totalWeight - counts[i], i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; missing > 0; k++, missing--) counts[byRemainder[k % byRemainder.length][1]]++;

  // Units are drawn at random from their model's pool, so a few repeats happen naturally.
  const unitInstalledDay = new Int32Array(models.length * unitsPerModel);
  for (let u = 0; u < unitInstalledDay.length; u++) unitInstalledDay[u] = -r.int(30, 1500);
  // What the installed base needs of each unit's tickets (kept aside, no draws): its first counted repair, its last ticket.
  const firstRepairDay = new Int32Array(unitInstalledDay.length).fill(NO_DAY);
  const lastTicketDay = new Int32Array(unitInstalledDay.length).fill(NO_DAY);
  // Repeats planted for the repeat-prone technician wait here for their day: [day, unit, fault].
  const scheduled = new Map<number, [number, number][]>();

  let ticketNo = 0;
  let repairNo = 0;
  let complaintNo = 0;
  let partNo = 0;
  let callbackNo = 0;
  // The first installation ticket of each unit, in ticket order: the cadence records are made for these units after
  // the loop. Kept as numbers (unit, ticket, technician), the rest derived from the unit: an object per unit was the
  // generator's largest memory at tens of millions of tickets.
  const hasInstall = new Uint8Array(unitInstalledDay.length);
  const installs = { units: [] as number[], tickets: [] as number[], techs: [] as number[] };
  const techIndex = new Map(technicians.map((t, i) => [t, i]));
  const endMinute = DAYS * 1440;
  const ticketId = (n: number) => `T${String(n).padStart(8, '0')}`;
  const severityWeights = new Float64Array([0.04, 0.2, 0.66, 1.0]);
  const arrivalMedian = [3, 6, 16, 40];
  const channels = ['phone', 'phone', 'phone', 'wechat', 'wechat', 'web', 'app', 'email', 'onsite', 'other'];
  const serviceTypes = [
    'repair',
    'repair',
    'repair',
    'repair',
    'repair',
    'repair',
    'install',
    'maintenance',
    'inspection',
    'return',
    'consultation',
    'training',
  ];
  const onSite = new Set(['repair', 'install', 'maintenance', 'inspection']);
  const causes = ['design', 'manufacturing', 'installation', 'material', 'software', 'misuse', 'external', 'unknown'];

  for (let day = 0; day < DAYS; day++) {
    const planned = scheduled.get(day) ?? [];
    scheduled.delete(day);
    for (let li = 0; li < productLines.length; li++) {
      const line = productLines[li];
      const n = counts[day * productLines.length + li];
      const replays = planned.filter(([unit]) => Math.floor(unit / unitsPerModel / 5) === li);
      const minutes: number[] = [];
      for (let k = 0; k < n; k++) minutes.push(day * 1440 + Math.min(1439, Math.max(0, Math.round(r.logNormal(13 * 60, 0.28)))));
      minutes.sort((a, b) => a - b);
      for (let k = 0; k < n; k++) {
        const opened = minutes[k];
        const replay = k < replays.length ? replays[k] : undefined;
        const modelIndex = replay ? Math.floor(replay[0] / unitsPerModel) : li * 5 + r.int(0, 4);
        const model = models[modelIndex];
        const unit = replay ? replay[0] : modelIndex * unitsPerModel + r.int(0, unitsPerModel - 1);
        let faultIndex = replay ? replay[1] : r.int(0, 7);
        if (plant && !replay && modelIndex === spikeModel && quarters[day] === spikeQuarter && r.chance(spikeShare))
          faultIndex = spikeFault;
        if (plant && !replay) faultIndex = plantedFault(modelIndex, day) ?? faultIndex;
        const fault = line.faults[faultIndex];
        const region = regions[(unit * 7) % regions.length];
        const techs = techByRegion.get(region)!;
        const tech = techs[(unit + (replay ? 0 : r.int(0, 11))) % techs.length];
        const severity = r.weighted(severityWeights) + 1;
        const serviceType = replay ? 'repair' : r.pick(serviceTypes);
        const channel = r.pick(channels);
        const visits = onSite.has(serviceType);
        const cancelled = r.chance(0.02);
        const respond = opened + Math.max(1, r.exp(severity <= 2 ? 15 : 45));
        const dispatch = visits ? respond + r.int(5, 90) : undefined;
        let arrive = visits
          ? opened + 60 * r.logNormal(arrivalMedian[severity - 1], 0.5) * (plant && region === slowRegion ? 3 : 1)
          : undefined;
        if (arrive !== undefined && dispatch !== undefined && arrive < dispatch) arrive = dispatch + r.int(10, 60);
        const paused = r.chance(0.1) ? r.int(60, 4320) : 0;
        const visitCount = visits ? (r.chance(0.12) ? (r.chance(0.3) ? 3 : 2) : 1) : 0;
        const work = visits ? (arrive as number) + r.int(40, 300) + (visitCount - 1) * 1440 * r.int(1, 3) : respond + r.int(10, 600);
        const resolved = work + paused;
        const closed = resolved + r.int(60, 3 * 1440);
        let status: string;
        if (cancelled) status = 'cancelled';
        else if (resolved > endMinute) status = paused ? 'paused' : arrive !== undefined && arrive <= endMinute ? 'in_progress' : 'open';
        else status = closed > endMinute ? 'resolved' : 'closed';
        const isResolved = status === 'resolved' || status === 'closed';
        const quick = plant && isResolved && serviceType === 'repair' && r.chance(quickFix.share);
        const solution = quick
          ? { code: `${quickFix.codePrefix}${fault.code}`, text: quickFix.text }
          : { code: `S-${fault.code}`, text: fault.resolution };
        const installedDay = unitInstalledDay[unit];
        const warrantyDay = installedDay + 365 * line.warrantyYears;
        const inWarranty = day <= warrantyDay;
        const repeatProne = plant && tech === repeatTech;
        const complaintProne = plant && tech === complaintTech;
        let rating: number | undefined;
        if (isResolved && r.chance(0.7)) {
          const bad = repeatProne || complaintProne ? 0.3 : 0.08;
          rating = r.chance(bad) ? r.int(1, 2) : r.chance(0.15) ? 3 : r.int(4, 5);
        }
        ticketNo++;
        const id = ticketId(ticketNo);
        const customer = `C${String(unit).padStart(8, '0')}`;
        const p1 = sinks.tickets.row([
          id,
          clock.timestamp(opened),
          L.status(status),
          L.channel(channel),
          L.serviceType(serviceType),
          customer,
          chineseName(r),
          region,
          citiesByRegion[region][unit % 4],
          line.name,
          model.name,
          `SN${String(unit).padStart(9, '0')}`,
          clock.date(installedDay),
          clock.date(warrantyDay),
          r.chance(0.03) ? '' : severity,
          fault.category,
          fault.code,
          `${model.name}：${fault.description}`,
          isResolved ? L.rootCause(inWarranty ? r.pick(causes.slice(0, 5)) : r.pick(causes)) : '',
          tech.id,
          clock.timestamp(respond),
          dispatch !== undefined && !cancelled ? clock.timestamp(dispatch) : '',
          arrive !== undefined && !cancelled && arrive <= endMinute ? clock.timestamp(arrive) : '',
          isResolved ? clock.timestamp(resolved) : '',
          status === 'closed' ? clock.timestamp(closed) : '',
          paused || '',
          isResolved ? solution.code : '',
          isResolved ? solution.text : '',
          rating ?? '',
          isResolved && !inWarranty ? r.int(5, 50) * 10 : '',
        ]);
        if (p1) await p1;
        lastTicketDay[unit] = day;
        if (!cancelled && serviceType === 'repair' && firstRepairDay[unit] === NO_DAY) firstRepairDay[unit] = day;
        if (serviceType === 'install' && !cancelled && !hasInstall[unit]) {
          hasInstall[unit] = 1;
          installs.units.push(unit);
          installs.tickets.push(ticketNo);
          installs.techs.push(techIndex.get(tech)!);
        }

        // Repair visits and the parts they used.
        if (visits && !cancelled && arrive !== undefined && arrive <= endMinute) {
          for (let v = 0; v < visitCount; v++) {
            const startM = (arrive as number) + v * 1440 * 2;
            if (startM > endMinute) break;
            const last = v === visitCount - 1;
            repairNo++;
            const repairId = `R${String(repairNo).padStart(8, '0')}`;
            const labour = r.int(30, 240);
            // A visit still under way at the end of the data has no repair record yet.
            if (startM + labour > endMinute) break;
            const p2 = sinks.repairs.row([
              repairId,
              id,
              tech.id,
              clock.timestamp(startM),
              clock.timestamp(startM + labour),
              L.outcome(last && isResolved ? 'fixed' : r.pick(['not_fixed', 'parts_pending'])),
              fault.code,
              last ? solution.text : '检测并等待配件',
              labour,
              inWarranty ? 0 : labour * 2,
              r.int(0, 12) * 10,
            ]);
            if (p2) await p2;
            if (r.chance(0.4)) {
              const part = line.parts[faultIndex % line.parts.length];
              partNo++;
              const warrantyLine = inWarranty;
              let returned: number | undefined;
              if (warrantyLine) {
                const late = plant && part.no === overduePart.no ? r.chance(0.8) : r.chance(0.03);
                returned = late ? (r.chance(0.5) ? undefined : startM + r.int(25, 45) * 1440) : startM + r.int(1, 12) * 1440;
              }
              const p3 = sinks.parts.row([
                `P${String(partNo).padStart(8, '0')}`,
                id,
                repairId,
                part.no,
                part.name,
                r.chance(0.9) ? 1 : 2,
                part.cost,
                clock.timestamp(startM),
                L.charge(warrantyLine ? 'warranty' : 'paid'),
                returned !== undefined && returned <= endMinute ? clock.timestamp(returned) : '',
                part.supplier,
              ]);
              if (p3) await p3;
            }
          }
        }

        // Complaints: a low base rate, many more (mostly verified) against the planted technician.
        if (!cancelled && r.chance(complaintProne ? 0.12 : 0.012)) {
          complaintNo++;
          const received = opened + r.int(60, 5 * 1440);
          const answered = received + (r.chance(0.9) ? r.int(10, 20 * 60) : r.int(25 * 60, 72 * 60));
          const category = complaintProne
            ? r.pick(['attitude', 'late', 'unreachable', 'solicitation', 'not_timely'])
            : r.pick(['attitude', 'not_timely', 'late', 'quality', 'price', 'product', 'repeat_repair', 'other']);
          // Drawn in this order whether or not it is written, so a seed's data up to the end do not depend on it.
          const via = r.pick(['热线', '微信', '现场']);
          const verified = L.yesNo(complaintProne ? r.chance(0.7) : r.chance(0.2));
          const closedAt = answered + r.int(60, 7 * 1440);
          const escalated = L.yesNo(r.chance(0.1));
          // Nothing happens after the data's last day (today by default): a later complaint is not received yet.
          const p4 =
            received > endMinute
              ? undefined
              : sinks.complaints.row([
                  `C${String(complaintNo).padStart(7, '0')}`,
                  clock.timestamp(received),
                  id,
                  tech.id,
                  customer,
                  via,
                  L.category(category),
                  verified,
                  answered > endMinute ? '' : clock.timestamp(answered),
                  closedAt > endMinute ? '' : clock.timestamp(closedAt),
                  escalated,
                  `客户反映${fault.description}，对处理不满意`,
                ]);
          if (p4) await p4;
        }

        // Callbacks for about half of the resolved tickets.
        if (isResolved && r.chance(0.5)) {
          callbackNo++;
          const calledAt = resolved + r.int(1, 10) * 1440;
          const method = L.method(r.pick(['phone', 'phone', 'sms', 'online', 'onsite']));
          const score = rating ?? (r.chance(0.5) ? r.int(3, 5) : '');
          const note = r.pick(['服务满意', '上门及时', '希望提前电话联系', '维修后运行正常', '']);
          const p5 =
            calledAt > endMinute
              ? undefined
              : sinks.callbacks.row([
                  `CB${String(callbackNo).padStart(8, '0')}`,
                  id,
                  customer,
                  clock.timestamp(calledAt),
                  method,
                  score,
                  note,
                ]);
          if (p5) await p5;
        }

        // The repeat-prone technician's fixes often fail: the same fault returns on the unit within 30 days;
        // so do quick fixes, whoever made them.
        const comesBack = isResolved && !replay && ((repeatProne && r.chance(0.35)) || (quick && r.chance(quickFix.comeBackShare)));
        if (comesBack) {
          const back = Math.floor(resolved / 1440) + r.int(2, 25);
          if (back < DAYS) {
            if (!scheduled.has(back)) scheduled.set(back, []);
            scheduled.get(back)!.push([unit, faultIndex]);
          }
        }
      }
    }
  }

  /** The installed units one at a time, as the ticket loop saw them. */
  function* installedUnits(): Generator<InstalledUnit> {
    for (let i = 0; i < installs.units.length; i++) {
      const unit = installs.units[i];
      yield {
        unit,
        ticketId: ticketId(installs.tickets[i]),
        serialNo: `SN${String(unit).padStart(9, '0')}`,
        customer: `C${String(unit).padStart(8, '0')}`,
        city: citiesByRegion[regions[(unit * 7) % regions.length]][unit % 4],
        tech: technicians[installs.techs[i]],
        installedDay: unitInstalledDay[unit],
      };
    }
  }

  for (const t of technicians) {
    const p = sinks.technicians.row([t.id, t.name, t.region, t.team, t.level, t.hiredAt, L.yesNo(true)]);
    if (p) await p;
  }
  const cadence = await writeCadenceRecords({
    r: seededRandom(o.seed * 104_729 + 3),
    clock,
    start,
    days: DAYS,
    units: installedUnits(),
    technicians,
    sinks,
    firstCallbackNo: callbackNo,
    plant,
    zh: o.zh === true,
    resultLabel: L.result,
    methodLabel: L.method,
  });
  if (cadence) planted.lateTeam = cadence.lateTeam;
  const badBatch = await writeUnitRecords({
    r: seededRandom(o.seed * 15_485_863 + 5),
    clock,
    days: DAYS,
    pool: { models, unitsPerModel, installedDay: unitInstalledDay, firstRepairDay, lastTicketDay },
    regions,
    sink: sinks.units,
    plant,
    statusLabel: L.unitStatus,
  });
  if (badBatch) planted.badBatch = badBatch;
  for (const s of Object.values(sinks)) await s.close();
  fs.writeFileSync(path.join(o.outDir, 'planted.json'), `${JSON.stringify(planted, null, 2)}\n`);
  return {
    files: Object.fromEntries(kindsOrder.map((k) => [k, { path: sinks[k].path, rows: sinks[k].rows }])),
    planted,
    seconds: (performance.now() - t0) / 1000,
  };
}
