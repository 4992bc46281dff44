// A flag's reasons from its facts, in both languages, its numbers through the formatter (thousands separated, one
// place where the reason shows a mean, a share or a ratio).
import { describe, expect, it } from 'vitest';
import { type FlagFacts, flagReasonWords, flagReasons } from '../../../presentation/i18n/quality-flag-words.ts';

const facts: FlagFacts = {
  count: 12_345,
  exposure_basis: 'units',
  baseline: 9_876.54,
  limit: 10_123,
  history_quarters: 3,
  too_often: true,
  short_history: true,
  severity1: 2_000,
  overall_severity1_share: 0.04,
  severity1_limit: 600,
  severity1_high: true,
  verified_complaints: 2,
  complaints_high: true,
  repeats: 30,
  with_serial: 1_200,
  repeat_rate: 0.025,
  overall_repeat_rate: 0.01,
  repeats_limit: 20,
  repeat_high: true,
  confidence: 0.995,
};

describe('flagReasons', () => {
  it('words every reason that holds, in English', () => {
    expect(flagReasons(facts, 'en')).toEqual([
      "Occurs too often: 12,345 this quarter against a mean of 9,876.5 over the previous 3 quarter(s), scaled by the model's units in service; 99.5 % Poisson limit 10,123",
      'Short history: the baseline has only 3 of 4 quarters; read this flag with care',
      // 2,000 ÷ 12,345 = 16.2 %.
      "Major impact: 2,000 severity-1 tickets (16.2 % of its 12,345, the quarter's 4.0 %), above the 99.5 % Poisson limit of 600 expected at the quarter's share",
      'Major impact: 2 verified complaints',
      // 0.025 ÷ 0.01 = 2.5×.
      "Major impact: repeat rate 2.5 % (30/1,200), 2.5× the quarter's 1.0 %; 30 repeats are above the 99.5 % Poisson limit of 20 expected at the quarter's rate",
    ]);
  });

  it('in Chinese, and by ticket volume when the installed base is not loaded; only the reasons that hold', () => {
    const zh = flagReasons({ ...facts, exposure_basis: 'tickets', short_history: false, severity1_high: false, repeat_high: false }, 'zh');
    expect(zh).toEqual([
      '发生过于频繁：本季度 12,345 次，前 3 个季度按产品线工单量折算的平均为 9,876.5 次，99.5% 泊松上限 10,123 次',
      '影响重大：2 起查实投诉',
    ]);
    expect(flagReasonWords({ ...facts, too_often: false, severity1_high: false, repeat_high: false })).toEqual([
      { zh: '影响重大：2 起查实投诉', en: 'Major impact: 2 verified complaints' },
    ]);
  });
});
