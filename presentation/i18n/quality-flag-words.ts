// A quality flag's reasons in the reader's language, made from the facts the warehouse keeps for it
// (warehouse/queries/quality-flags.ts): why it occurs too often or has a major impact, with its numbers through the
// formatter. The dashboard (through the API), the PDF and the messages word a flag with this alone.
import type { QualityFlag } from '../../warehouse/queries/quality-flags.ts';
import { formatDecimal, formatValue, type Lang } from '../format/format-value.ts';

/** The facts a flag's reasons are made from. */
export type FlagFacts = Pick<
  QualityFlag,
  | 'count'
  | 'exposure_basis'
  | 'baseline'
  | 'limit'
  | 'history_quarters'
  | 'too_often'
  | 'short_history'
  | 'severity1'
  | 'overall_severity1_share'
  | 'severity1_limit'
  | 'severity1_high'
  | 'verified_complaints'
  | 'complaints_high'
  | 'repeats'
  | 'with_serial'
  | 'repeat_rate'
  | 'overall_repeat_rate'
  | 'repeats_limit'
  | 'repeat_high'
  | 'confidence'
>;

/** Each reason of a flag, one sentence each, in `lang`. */
export function flagReasons(f: FlagFacts, lang: Lang): string[] {
  const n = (v: number | null) => formatValue(v, 'count', lang);
  const one = (v: number | null) => formatDecimal(v, lang, 1);
  const pct = (v: number | null) => formatDecimal(v === null ? null : v * 100, lang, 1);
  // The confidence as set (99, 99.5, 95): as many places as it has, up to three.
  const conf = (f.confidence * 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 3 });
  const units = f.exposure_basis === 'units';
  const reasons: string[] = [];
  if (f.too_often) {
    reasons.push(
      lang === 'zh'
        ? `发生过于频繁：本季度 ${n(f.count)} 次，前 ${n(f.history_quarters)} 个季度按${units ? '该机型在用台数' : '产品线工单量'}折算的平均为 ${one(f.baseline)} 次，${conf}% 泊松上限 ${n(f.limit)} 次`
        : `Occurs too often: ${n(f.count)} this quarter against a mean of ${one(f.baseline)} over the previous ${n(f.history_quarters)} quarter(s), scaled by ${units ? "the model's units in service" : "the product line's volume"}; ${conf} % Poisson limit ${n(f.limit)}`,
    );
    if (f.short_history) {
      reasons.push(
        lang === 'zh'
          ? `历史较短：基线只有 ${n(f.history_quarters)} 个季度（应为 4 个），此标记仅供参考`
          : `Short history: the baseline has only ${n(f.history_quarters)} of 4 quarters; read this flag with care`,
      );
    }
  }
  if (f.severity1_high) {
    const share = pct(f.severity1 / f.count);
    reasons.push(
      lang === 'zh'
        ? `影响重大：${n(f.severity1)} 张 1 级故障工单（占本组合 ${n(f.count)} 张的 ${share}%，本季度整体 ${pct(f.overall_severity1_share)}%），高于按整体占比预期的 ${conf}% 泊松上限 ${n(f.severity1_limit)} 张`
        : `Major impact: ${n(f.severity1)} severity-1 tickets (${share} % of its ${n(f.count)}, the quarter's ${pct(f.overall_severity1_share)} %), above the ${conf} % Poisson limit of ${n(f.severity1_limit)} expected at the quarter's share`,
    );
  }
  if (f.complaints_high) {
    reasons.push(
      lang === 'zh' ? `影响重大：${n(f.verified_complaints)} 起查实投诉` : `Major impact: ${n(f.verified_complaints)} verified complaints`,
    );
  }
  if (f.repeat_high) {
    const times = one(f.repeat_rate! / f.overall_repeat_rate!);
    reasons.push(
      lang === 'zh'
        ? `影响重大：返修率 ${pct(f.repeat_rate)}%（${n(f.repeats)}/${n(f.with_serial)}），为本季度整体 ${pct(f.overall_repeat_rate)}% 的 ${times} 倍，返修 ${n(f.repeats)} 次高于按整体返修率预期的 ${conf}% 泊松上限 ${n(f.repeats_limit)} 次`
        : `Major impact: repeat rate ${pct(f.repeat_rate)} % (${n(f.repeats)}/${n(f.with_serial)}), ${times}× the quarter's ${pct(f.overall_repeat_rate)} %; ${n(f.repeats)} repeats are above the ${conf} % Poisson limit of ${n(f.repeats_limit)} expected at the quarter's rate`,
    );
  }
  return reasons;
}

/** The reasons in both languages, one pair each, as the API sends them (the dashboard switches language itself). */
export const flagReasonWords = (f: FlagFacts): { zh: string; en: string }[] => {
  const zh = flagReasons(f, 'zh');
  const en = flagReasons(f, 'en');
  return zh.map((z, i) => ({ zh: z, en: en[i] }));
};

/** A quality_flags answer with each flag's reasons worded (the API's and the CLI's rows). */
export const withFlagReasons = <A extends { rows: readonly unknown[] }>(answer: A): A => ({
  ...answer,
  rows: (answer.rows as FlagFacts[]).map((f) => ({ ...f, reasons: flagReasonWords(f) })),
});
