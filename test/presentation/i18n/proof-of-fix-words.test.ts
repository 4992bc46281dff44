// A proof of fix's reason from its facts, in both languages, its numbers through the formatter: per unit in service
// a multiple of the rate before, per ticket the fault's share before and after.
import { describe, expect, it } from 'vitest';
import { noProofFacts, type ProofOfFix } from '../../../warehouse/queries/corrective-actions.ts';
import { proofReason, proofReasonWords, withProofReasons } from '../../../presentation/i18n/proof-of-fix-words.ts';

const none: ProofOfFix = { ...noProofFacts, outcome: 'too_early' };

const judged: ProofOfFix = {
  ...none,
  outcome: 'effective',
  exposure_basis: 'tickets',
  before: { from: '2024-08-05', to: '2025-02-02', tickets: 53, exposure: 162 },
  after: { from: '2025-02-03', to: '2025-12-30', tickets: 43, exposure: 324 },
  rate_before: 53 / 162,
  rate_after: 43 / 324,
  rate_ratio: 0.4057,
  interval: [0.2641, 0.6183],
  p_value: 0.000011,
};

describe('proofReason', () => {
  it('per ticket: the share before and after, the ratio and its interval, the test', () => {
    expect(proofReason(judged, 'en')).toBe(
      "Effective: the fault's share fell from 32.7% to 13.3%, rate ratio 0.41 (95 % interval 0.26–0.62), exact test p < 0.001",
    );
    expect(proofReason(judged, 'zh')).toBe('有效：故障占比由 32.7% 降至 13.3%，比率 0.41（95% 区间 0.26–0.62），精确检验 p < 0.001');
  });

  it('per unit in service: the rate after as a multiple of the rate before; not shown effective when the interval reaches 1', () => {
    const p: ProofOfFix = {
      ...judged,
      outcome: 'not_shown_effective',
      exposure_basis: 'units',
      rate_ratio: 0.8,
      interval: [0.58, Infinity],
      p_value: 0.1532,
    };
    expect(proofReason(p, 'en')).toBe(
      "Not shown effective: the fault's rate per unit in service, the line's season taken out, went to 0.80 times its rate before (95 % interval 0.58–∞ reaches 1), exact test p = 0.15",
    );
    expect(proofReason(p, 'zh')).toBe(
      '未证实有效：按在用台数计（已扣除产品线的季节变化），故障率变为措施前的 0.80 倍（95% 区间 0.58–∞ 含 1 或以上），精确检验 p = 0.15',
    );
  });

  it('too early, and came back, with the day', () => {
    expect(proofReason({ ...none, pending: 'no_effective_date' }, 'en')).toBe('No effective date yet');
    expect(proofReason({ ...none, pending: 'window', min_after_days: 1_000, judged_from: '2026-01-30' }, 'en')).toBe(
      '1,000 days after the effective date are needed: the data must reach 2026-01-30',
    );
    expect(proofReason({ ...none, pending: 'window', min_after_days: 90, judged_from: '2026-01-30' }, 'zh')).toBe(
      '生效后需观察 90 天，数据要到 2026-01-30 才够',
    );
    expect(proofReason({ ...none, pending: 'no_exposure', exposure_basis: 'tickets' }, 'en')).toBe(
      'The model has no tickets before or after the effective date',
    );
    expect(proofReason({ ...none, pending: 'no_exposure', exposure_basis: 'units' }, 'en')).toBe(
      'The model has no exposure from its units in service before or after the effective date',
    );
    expect(proofReasonWords({ ...none, outcome: 'came_back', came_back_on: '2025-12-29' })).toEqual({
      zh: '措施关闭后问题再次预警或被标记（2025-12-29 发现），措施已重新打开',
      en: 'The problem warned or was flagged again after the action closed (found 2025-12-29); the action reopened',
    });
  });

  it('an answer of actions gets each reason in both languages', () => {
    const answer = withProofReasons({ rows: [{ action_id: 1, proof: { ...none, pending: 'no_effective_date' } }] });
    expect(answer.rows[0]).toMatchObject({ action_id: 1, proof: { reason: { zh: '尚未填写措施生效日期', en: 'No effective date yet' } } });
  });
});
