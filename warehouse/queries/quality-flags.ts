// quality_flags: the problems that occur too often or have major impact (seed 000, art. 11), for one quarter:
// the rule, its thresholds (settings) and each flag's strength live in warehouse/metrics/quality_flags.sql;
// this reads a quarter's flags, strongest first, and words their reasons in numbers. The 99 % limit is per
// pair: with ~160 (model, fault) pairs a quarter, about 1 % of them cross it by chance, just above the limit; a
// real problem stands far above it (the generator's planted spike: 4× its limit).
import { sql } from 'kysely';
import type { Warehouse } from '../db/open-warehouse.ts';
import { parseQuarterKey } from '../../contract/period/quarters.ts';

export interface QualityFlag {
  quarter: string;
  product_line: string | null;
  product_model: string | null;
  fault_code: string | null;
  count: number;
  /** What the baseline's earlier quarters were scaled by: the model's units in service (unit-days) when the
   *  installed base is loaded for it, else the product line's ticket volume. */
  exposure_basis: 'units' | 'tickets';
  baseline: number | null;
  limit: number | null;
  severity1: number;
  /** The quarter's severity-1 tickets ÷ its counted tickets. */
  overall_severity1_share: number | null;
  /** Upper Poisson limit of the pair's tickets × the quarter's severity-1 share (when it has enough severity-1 tickets). */
  severity1_limit: number | null;
  verified_complaints: number;
  repeats: number;
  repeat_rate: number | null;
  overall_repeat_rate: number | null;
  /** Upper Poisson limit of the pair's tickets with a serial number × the quarter's repeat rate (when checked). */
  repeats_limit: number | null;
  too_often: boolean;
  /** Earlier quarters the baseline was formed from (0–4). */
  history_quarters: number;
  /** A too-often flag from fewer than four quarters of history. */
  short_history: boolean;
  /** The largest of its reasons' observed ÷ the line it crossed (≥ 1): one scale for every flag, strongest first. */
  strength: number;
  major_impact: boolean;
  /** The same (model, fault) was flagged in the quarter before too; otherwise it is new. */
  recurring: boolean;
  reasons: { zh: string; en: string }[];
}

interface FlagRow extends Omit<QualityFlag, 'reasons'> {
  severity1_high: boolean;
  complaints_high: boolean;
  repeat_high: boolean;
  with_serial: number;
  confidence: number;
}

type Judged = Pick<FlagRow, 'severity1_high' | 'complaints_high' | 'repeat_high' | 'with_serial' | 'confidence'>;

export async function readQualityFlags(db: Warehouse, quarter: string, filters: { region?: string[] } = {}): Promise<QualityFlag[]> {
  return db.cache.get(`quality-flags:${quarter}:${JSON.stringify(filters)}`, () => readFlags(db, quarter, filters));
}

async function readFlags(db: Warehouse, quarter: string, filters: { region?: string[] }): Promise<QualityFlag[]> {
  const q = parseQuarterKey(quarter);
  const regions = filters.region?.length ? sql`[${sql.join(filters.region)}]::varchar[]` : sql`null::varchar[]`;
  const rows = (
    await sql<FlagRow>`
      select * from metrics.quality_flags(${q.key}, ${regions})
      order by strength desc, count desc, product_model, fault_code`.execute(db.kysely)
  ).rows;
  return rows.map(({ severity1_high, complaints_high, repeat_high, with_serial, confidence, ...f }) => ({
    ...f,
    reasons: reasonsOf(f, { severity1_high, complaints_high, repeat_high, with_serial, confidence }),
  }));
}

const pct = (v: number) => (v * 100).toFixed(1);

function reasonsOf(f: Omit<FlagRow, keyof Judged>, r: Judged): QualityFlag['reasons'] {
  const reasons: QualityFlag['reasons'] = [];
  const conf = `${Number((r.confidence * 100).toFixed(3))}`;
  if (f.too_often) {
    const units = f.exposure_basis === 'units';
    reasons.push({
      zh: `发生过于频繁：本季度 ${f.count} 次，前 ${f.history_quarters} 个季度按${units ? '该机型在用台数' : '产品线工单量'}折算的平均为 ${f.baseline!.toFixed(1)} 次，${conf}% 泊松上限 ${f.limit} 次`,
      en: `Occurs too often: ${f.count} this quarter against a mean of ${f.baseline!.toFixed(1)} over the previous ${f.history_quarters} quarter(s), scaled by ${units ? "the model's units in service" : "the product line's volume"}; ${conf} % Poisson limit ${f.limit}`,
    });
    if (f.short_history) {
      reasons.push({
        zh: `历史较短：基线只有 ${f.history_quarters} 个季度（应为 4 个），此标记仅供参考`,
        en: `Short history: the baseline has only ${f.history_quarters} of 4 quarters; read this flag with care`,
      });
    }
  }
  if (r.severity1_high) {
    reasons.push({
      zh: `影响重大：${f.severity1} 张 1 级故障工单（占本组合 ${f.count} 张的 ${pct(f.severity1 / f.count)}%，本季度整体 ${pct(f.overall_severity1_share!)}%），高于按整体占比预期的 ${conf}% 泊松上限 ${f.severity1_limit} 张`,
      en: `Major impact: ${f.severity1} severity-1 tickets (${pct(f.severity1 / f.count)} % of its ${f.count}, the quarter's ${pct(f.overall_severity1_share!)} %), above the ${conf} % Poisson limit of ${f.severity1_limit} expected at the quarter's share`,
    });
  }
  if (r.complaints_high)
    reasons.push({ zh: `影响重大：${f.verified_complaints} 起查实投诉`, en: `Major impact: ${f.verified_complaints} verified complaints` });
  if (r.repeat_high) {
    reasons.push({
      zh: `影响重大：返修率 ${pct(f.repeat_rate!)}%（${f.repeats}/${r.with_serial}），为本季度整体 ${pct(f.overall_repeat_rate!)}% 的 ${(f.repeat_rate! / f.overall_repeat_rate!).toFixed(1)} 倍，返修 ${f.repeats} 次高于按整体返修率预期的 ${conf}% 泊松上限 ${f.repeats_limit} 次`,
      en: `Major impact: repeat rate ${pct(f.repeat_rate!)} % (${f.repeats}/${r.with_serial}), ${(f.repeat_rate! / f.overall_repeat_rate!).toFixed(1)}× the quarter's ${pct(f.overall_repeat_rate!)} %; ${f.repeats} repeats are above the ${conf} % Poisson limit of ${f.repeats_limit} expected at the quarter's rate`,
    });
  }
  return reasons;
}
