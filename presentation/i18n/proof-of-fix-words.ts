// A corrective action's proof of fix in the reader's language, made from the facts the warehouse keeps for it
// (warehouse/queries/corrective-actions.ts): why it is effective, not shown effective, too early or came back, with
// its numbers through the formatter. The dashboard (through the API), the PDF and the CLI word a verdict with this.
import type { ProofOfFix } from '../../warehouse/queries/corrective-actions.ts';
import { formatDecimal, formatPValue, formatValue, type Lang } from '../format/format-value.ts';

/** The verdict's reason, one sentence, in `lang`. */
export function proofReason(p: ProofOfFix, lang: Lang): string {
  const zh = lang === 'zh';
  const units = p.exposure_basis === 'units';
  if (p.outcome === 'came_back') {
    return zh
      ? `措施关闭后问题再次预警或被标记（${p.came_back_on} 发现），措施已重新打开`
      : `The problem warned or was flagged again after the action closed (found ${p.came_back_on}); the action reopened`;
  }
  if (p.pending === 'no_effective_date') return zh ? '尚未填写措施生效日期' : 'No effective date yet';
  if (p.pending === 'window') {
    const days = formatValue(p.min_after_days, 'count', lang);
    return zh
      ? `生效后需观察 ${days} 天，数据要到 ${p.judged_from} 才够`
      : `${days} days after the effective date are needed: the data must reach ${p.judged_from}`;
  }
  if (p.pending === 'no_exposure' || p.interval === null) {
    if (units) {
      return zh
        ? '生效日期前后该机型没有在用台数的暴露量'
        : 'The model has no exposure from its units in service before or after the effective date';
    }
    return zh ? '生效日期前后没有该机型的工单' : 'The model has no tickets before or after the effective date';
  }
  const effective = p.outcome === 'effective';
  const rr = formatDecimal(p.rate_ratio, lang, 2);
  const upper = Number.isFinite(p.interval[1]) ? formatDecimal(p.interval[1], lang, 2) : '∞';
  const ci = `${formatDecimal(p.interval[0], lang, 2)}–${upper}`;
  const pv = p.p_value !== null && p.p_value < 0.001 ? `p ${formatPValue(p.p_value, lang)}` : `p = ${formatPValue(p.p_value, lang)}`;
  if (units) {
    return zh
      ? `${effective ? '有效' : '未证实有效'}：按在用台数计（已扣除产品线的季节变化），故障率${effective ? '降为' : '变为'}措施前的 ${rr} 倍（95% 区间 ${ci}${effective ? '' : ' 含 1 或以上'}），精确检验 ${pv}`
      : `${effective ? 'Effective' : 'Not shown effective'}: the fault's rate per unit in service, the line's season taken out, ${effective ? 'fell to' : 'went to'} ${rr} times its rate before (95 % interval ${ci}${effective ? '' : ' reaches 1'}), exact test ${pv}`;
  }
  const pct = (x: number | null) => formatValue(x, 'percent', lang);
  return zh
    ? `${effective ? '有效' : '未证实有效'}：故障占比由 ${pct(p.rate_before)} ${effective ? '降至' : '变为'} ${pct(p.rate_after)}，比率 ${rr}（95% 区间 ${ci}${effective ? '' : ' 含 1 或以上'}），精确检验 ${pv}`
    : `${effective ? 'Effective' : 'Not shown effective'}: the fault's share ${effective ? 'fell from' : 'went from'} ${pct(p.rate_before)} to ${pct(p.rate_after)}, rate ratio ${rr} (95 % interval ${ci}${effective ? '' : ' reaches 1'}), exact test ${pv}`;
}

/** The reason in both languages, as the API and the CLI send it (the dashboard switches language itself). */
export const proofReasonWords = (p: ProofOfFix): { zh: string; en: string } => ({ zh: proofReason(p, 'zh'), en: proofReason(p, 'en') });

/** An action with its proof of fix's reason worded (the API's and the CLI's answers). */
export const withProofReason = <A extends { proof: ProofOfFix }>(
  a: A,
): A & { proof: ProofOfFix & { reason: { zh: string; en: string } } } => ({
  ...a,
  proof: { ...a.proof, reason: proofReasonWords(a.proof) },
});

/** A corrective_actions answer (`{rows}`) with each action's reason worded (the table metric's API and CLI answers). */
export const withProofReasons = <A extends { rows: readonly unknown[] }>(answer: A): A => ({
  ...answer,
  rows: (answer.rows as { proof: ProofOfFix }[]).map(withProofReason),
});
