// The generator's installed base (装机档案, record kind `units`): every unit of every model's pool, whether or not
// it ever had a ticket, with the serial number, model, line, region, customer, installation day and warranty end
// its tickets carry. Production day, batch, sale day and scrapping are drawn from a random stream of their own,
// after every ticket is written, so the tickets and every other kind of a seed are byte for byte what they were
// before units existed (the calibration tests depend on the ticket volumes and values).
// The tickets are fixed by then, so the planted bad batch is made by choosing which units were produced in it: of
// one model's units installed soon enough after the batch's month, those with an early failure (a counted repair
// in their first `earlyDays` days in service) were all produced in it, the others only a few (`othersShare`); the
// rest in the days around it. Its claims per 1,000 units in the first months in service stand out.
import type { CsvSink } from './csv-sink.ts';
import type { LocalClock } from './local-time.ts';
import type { Random } from './random.ts';

export interface PlantedBatch {
  product_model: string;
  production_batch: string;
  /** First day of the batch's production month. */
  production_month: string;
  /** Failures within this many days of installation are the early ones the batch has too many of. */
  earlyDays: number;
  /** The share of the model's early-failing units that could be made in the batch's month and were. */
  othersShare: number;
}

export interface UnitPool {
  /** Models by index; the units of model m are m × unitsPerModel … (m + 1) × unitsPerModel − 1. */
  models: { name: string; line: { name: string; warrantyYears: number } }[];
  unitsPerModel: number;
  installedDay: Int32Array;
  /** Day index of each unit's first counted repair ticket; NO_DAY when it had none. */
  firstRepairDay: Int32Array;
  /** Day index of each unit's last ticket of any kind; NO_DAY when it had none. */
  lastTicketDay: Int32Array;
}

export const NO_DAY = -1_000_000;

export interface UnitOptions {
  r: Random;
  clock: LocalClock;
  days: number;
  pool: UnitPool;
  regions: readonly string[];
  sink: CsvSink;
  plant: boolean;
  statusLabel: (v: string) => string;
}

/** A batch is one model's production in one calendar month: `KFR-35GW-2403`. */
export const batchName = (model: string, day: string): string => `${model.split(' ').pop()}-${day.slice(2, 4)}${day.slice(5, 7)}`;

const earlyDays = 365; // the first year in service
const othersShare = 0.15;
const lagDays: [number, number] = [10, 120]; // production to installation
const scrapShare = 0.03;

export async function writeUnitRecords(o: UnitOptions): Promise<PlantedBatch | undefined> {
  const { r, clock, pool } = o;
  // The bad batch: an air-conditioner model's production in the month 150 days before the data begin, so its units
  // were installed 10 to 120 days after it (the tickets' units were all installed 30 days or more before the data
  // begin), and most of their first year in service falls in the data.
  const badModel = r.int(0, 4);
  const monthOf = (day: number) => clock.date(day).slice(0, 7);
  const badMonth = monthOf(-150);
  let b0 = -150;
  while (monthOf(b0 - 1) === badMonth) b0--;
  let b1 = -150;
  while (monthOf(b1 + 1) === badMonth) b1++;
  const planted = o.plant
    ? {
        product_model: pool.models[badModel].name,
        production_batch: batchName(pool.models[badModel].name, clock.date(b0)),
        production_month: clock.date(b0),
        earlyDays,
        othersShare,
      }
    : undefined;

  for (let unit = 0; unit < pool.installedDay.length; unit++) {
    const modelIndex = Math.floor(unit / pool.unitsPerModel);
    const model = pool.models[modelIndex];
    const installed = pool.installedDay[unit];
    const earliest = installed - lagDays[1];
    const latest = installed - lagDays[0];
    let produced: number;
    if (planted && modelIndex === badModel && latest >= b0 && earliest <= b1) {
      const early = pool.firstRepairDay[unit] !== NO_DAY && pool.firstRepairDay[unit] - installed < earlyDays;
      if (early || r.chance(othersShare)) produced = r.int(Math.max(earliest, b0), Math.min(latest, b1));
      else {
        // A day of [earliest, latest] outside the batch's month.
        const before = Math.max(0, b0 - earliest);
        const after = Math.max(0, latest - b1);
        const k = r.int(0, before + after - 1);
        produced = k < before ? earliest + k : b1 + 1 + (k - before);
      }
    } else produced = installed - r.int(lagDays[0], lagDays[1]);
    const sold = installed - r.int(1, Math.min(20, installed - produced - 1));
    // A few units were scrapped after a year in service and after their last ticket.
    let scrapped: number | undefined;
    if (r.chance(scrapShare)) {
      const from = Math.max(installed + 365, pool.lastTicketDay[unit] + 1, 0);
      if (from <= o.days - 1) scrapped = r.int(from, o.days - 1);
    }
    const serial = `SN${String(unit).padStart(9, '0')}`;
    const p = o.sink.row([
      serial,
      model.name,
      model.line.name,
      o.regions[(unit * 7) % o.regions.length],
      `C${String(unit).padStart(8, '0')}`,
      clock.date(produced),
      batchName(model.name, clock.date(produced)),
      clock.date(sold),
      clock.date(installed),
      clock.date(installed + 365 * model.line.warrantyYears),
      o.statusLabel(scrapped === undefined ? 'in_service' : 'scrapped'),
      scrapped === undefined ? '' : clock.date(scrapped),
    ]);
    if (p) await p;
  }
  return planted;
}
