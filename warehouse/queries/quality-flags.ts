// The problems that occur too often or have major impact (seed 000, art. 11), for one quarter and each
// (product_model, fault_code):
// - too often: count >= 5 and above the upper 99 % Poisson limit of the previous quarters' mean (up to four;
//   quarters without tickets on the product line, e.g. before the data began, are left out), each scaled by the
//   product line's ticket volume in that quarter against this one — so a summer peak of air-conditioners is not
//   a problem by itself. At least flag_min_history_quarters such quarters are needed (a setting, default 1);
//   a flag from fewer than four is marked short_history and says so;
// - major impact: any severity-1 ticket, or 2+ verified complaints (counted in the complained ticket's quarter,
//   or the complaint's with flagComplaintsBy = 'complaint'), or a strict repeat rate at least twice the
//   quarter's overall rate (with at least 2 repeats, so one return of a rare fault does not flag it).
// Each flag states its reasons in words and numbers, and its strength (count ÷ limit). The 99 % limit is
// per pair: with ~160 (model, fault) pairs a quarter, about 1 % of them cross it by chance, just above the
// limit; a real problem stands far above it (the generator's planted spike: 4× its limit).
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { parseQuarterKey, quarterKeysBefore } from '../../contract/period/quarters.ts';
import { poissonUpperLimit } from './poisson.ts';

export interface QualityFlag {
  quarter: string;
  product_line: string | null;
  product_model: string | null;
  fault_code: string | null;
  count: number;
  baseline: number | null;
  limit: number | null;
  severity1: number;
  verified_complaints: number;
  repeats: number;
  repeat_rate: number | null;
  overall_repeat_rate: number | null;
  too_often: boolean;
  /** Earlier quarters the baseline was formed from (0–4). */
  history_quarters: number;
  /** A too-often flag from fewer than four quarters of history. */
  short_history: boolean;
  /** count ÷ limit: how far above its limit a pair is (> 1 when too often). */
  strength: number | null;
  major_impact: boolean;
  reasons: { zh: string; en: string }[];
}

interface PairRow {
  quarter: string;
  product_line: string | null;
  product_model: string | null;
  fault_code: string | null;
  tickets: number;
  severity1: number;
  verified_complaints: number;
  repeats: number;
  with_serial: number;
}

export async function readQualityFlags(db: Warehouse, quarter: string, filters: { region?: string[] } = {}): Promise<QualityFlag[]> {
  return db.cache.get(`quality-flags:${quarter}:${JSON.stringify(filters)}`, () => computeFlags(db, quarter, filters));
}

async function computeFlags(db: Warehouse, quarter: string, filters: { region?: string[] }): Promise<QualityFlag[]> {
  const q = parseQuarterKey(quarter);
  const previous = quarterKeysBefore(q.key, 4);
  const region = filters.region?.length ? sql`and region in (${sql.join(filters.region)})` : sql``;
  const quarterOf = (day: string) => sql`year(${sql.ref(day)})::varchar || '-Q' || quarter(${sql.ref(day)})::varchar`;
  const keys = [q.key, ...previous];
  const [settings] = (
    await sql<{ min_history: number; complaints_by: 'ticket' | 'complaint' }>`
      select flag_min_history_quarters as min_history, flag_complaints_by as complaints_by from main.settings`.execute(db.kysely)
  ).rows;
  const same = (col: string) => sql`tp.${sql.ref(col)} is not distinct from cp.${sql.ref(col)}`;
  const pairs = (
    await sql<PairRow>`
      with t as (
        select ticket_id, ${quarterOf('opened_date')} as quarter, product_line, product_model, fault_code, severity, serial_no
        from marts.tickets where is_counted ${region}
      ),
      repeats as (
        select ticket_id from marts.repeat_pairs where repeat_mode = 'strict'
      ),
      ticket_pairs as (
        select t.quarter, t.product_line, t.product_model, t.fault_code,
               count(*)::integer as tickets,
               count(*) filter (where t.severity = 1)::integer as severity1,
               count(r.ticket_id)::integer as repeats,
               count(t.serial_no)::integer as with_serial
        from t left join repeats r using (ticket_id)
        where t.quarter in (${sql.join(keys)})
        group by all
      ),
      -- Verified complaints about counted tickets, in the ticket's quarter or the complaint's (a setting).
      complaint_pairs as (
        select ${settings.complaints_by === 'complaint' ? quarterOf('received_date') : sql`t.quarter`} as quarter,
               t.product_line, t.product_model, t.fault_code, count(*)::integer as verified_complaints
        from marts.complaints c join t using (ticket_id)
        where c.is_verified
        group by all
      )
      select coalesce(tp.quarter, cp.quarter) as quarter, coalesce(tp.product_line, cp.product_line) as product_line,
             coalesce(tp.product_model, cp.product_model) as product_model, coalesce(tp.fault_code, cp.fault_code) as fault_code,
             coalesce(tp.tickets, 0) as tickets, coalesce(tp.severity1, 0) as severity1,
             coalesce(cp.verified_complaints, 0) as verified_complaints,
             coalesce(tp.repeats, 0) as repeats, coalesce(tp.with_serial, 0) as with_serial
      from ticket_pairs tp
      full join (select * from complaint_pairs where quarter in (${sql.join(keys)})) cp
        on ${same('quarter')} and ${same('product_line')} and ${same('product_model')} and ${same('fault_code')}`.execute(db.kysely)
  ).rows;
  const lineVolume = new Map<string, number>();
  for (const p of pairs) lineVolume.set(`${p.quarter}|${p.product_line}`, (lineVolume.get(`${p.quarter}|${p.product_line}`) ?? 0) + p.tickets);
  const inQuarter = pairs.filter((p) => p.quarter === q.key);
  const overallRepeats = inQuarter.reduce((a, p) => a + p.repeats, 0);
  const overallSerial = inQuarter.reduce((a, p) => a + p.with_serial, 0);
  const overallRepeatRate = overallSerial ? overallRepeats / overallSerial : null;
  const countOf = new Map(pairs.map((p) => [`${p.quarter}|${p.product_model}|${p.fault_code}`, p.tickets]));

  const flags: QualityFlag[] = [];
  for (const p of inQuarter) {
    const volumeNow = lineVolume.get(`${q.key}|${p.product_line}`) ?? 0;
    const scaled = previous
      .filter((k) => (lineVolume.get(`${k}|${p.product_line}`) ?? 0) > 0)
      .map((k) => ((countOf.get(`${k}|${p.product_model}|${p.fault_code}`) ?? 0) * volumeNow) / lineVolume.get(`${k}|${p.product_line}`)!);
    const baseline = scaled.length ? scaled.reduce((a, b) => a + b, 0) / scaled.length : null;
    const enoughHistory = scaled.length >= settings.min_history;
    const limit = baseline === null || !enoughHistory ? null : poissonUpperLimit(baseline, 0.99);
    const tooOften = limit !== null && p.tickets >= 5 && p.tickets > limit;
    const shortHistory = tooOften && scaled.length < 4;
    const repeatRate = p.with_serial ? p.repeats / p.with_serial : null;
    const repeatHigh = repeatRate !== null && overallRepeatRate !== null && overallRepeatRate > 0 && p.repeats >= 2 && repeatRate >= 2 * overallRepeatRate;
    const reasons: QualityFlag['reasons'] = [];
    if (tooOften) {
      reasons.push({
        zh: `发生过于频繁：本季度 ${p.tickets} 次，前 ${scaled.length} 个季度按产品线工单量折算的平均为 ${baseline!.toFixed(1)} 次，99% 泊松上限 ${limit} 次`,
        en: `Occurs too often: ${p.tickets} this quarter against a mean of ${baseline!.toFixed(1)} over the previous ${scaled.length} quarter(s), scaled by the product line's volume; 99 % Poisson limit ${limit}`,
      });
      if (shortHistory) {
        reasons.push({
          zh: `历史较短：基线只有 ${scaled.length} 个季度（应为 4 个），此标记仅供参考`,
          en: `Short history: the baseline has only ${scaled.length} of 4 quarters; read this flag with care`,
        });
      }
    }
    if (p.severity1 > 0) reasons.push({ zh: `影响重大：${p.severity1} 张 1 级故障工单`, en: `Major impact: ${p.severity1} severity-1 ticket(s)` });
    if (p.verified_complaints >= 2) reasons.push({ zh: `影响重大：${p.verified_complaints} 起查实投诉`, en: `Major impact: ${p.verified_complaints} verified complaints` });
    if (repeatHigh) {
      reasons.push({
        zh: `影响重大：返修率 ${(repeatRate! * 100).toFixed(1)}%（${p.repeats}/${p.with_serial}），为本季度整体 ${(overallRepeatRate! * 100).toFixed(1)}% 的 ${(repeatRate! / overallRepeatRate!).toFixed(1)} 倍`,
        en: `Major impact: repeat rate ${(repeatRate! * 100).toFixed(1)} % (${p.repeats}/${p.with_serial}), ${(repeatRate! / overallRepeatRate!).toFixed(1)}× the quarter's ${(overallRepeatRate! * 100).toFixed(1)} %`,
      });
    }
    if (reasons.length === 0) continue;
    flags.push({
      quarter: q.key,
      product_line: p.product_line,
      product_model: p.product_model,
      fault_code: p.fault_code,
      count: p.tickets,
      baseline,
      limit,
      severity1: p.severity1,
      verified_complaints: p.verified_complaints,
      repeats: p.repeats,
      repeat_rate: repeatRate,
      overall_repeat_rate: overallRepeatRate,
      too_often: tooOften,
      history_quarters: scaled.length,
      short_history: shortHistory,
      strength: limit ? p.tickets / limit : null,
      major_impact: p.severity1 > 0 || p.verified_complaints >= 2 || repeatHigh,
      reasons,
    });
  }
  return flags.sort((a, b) => Number(b.too_often) - Number(a.too_often) || (b.strength ?? 0) - (a.strength ?? 0) || b.count - a.count);
}
