// An early warning's sentence, made from the facts the warehouse keeps, in each language: a weekly rise of fault
// E4 on KFR-35 since the week of 2025-06-30, from 2.0 % to 5.25 % of the model's tickets, 21 tickets against 8.0
// expected (8.0 = 2.0 % × 400 tickets of the model over the run).
import { describe, expect, it } from 'vitest';
import { warningMessage } from '../../../presentation/i18n/early-warning-words.ts';

const weekly = {
  grain: 'week' as const,
  product_model: 'KFR-35',
  fault_code: 'E4',
  since_period: '2025-06-30',
  baseline_rate: 0.02,
  current_rate: 0.0525,
  span_count: 21,
  span_expected: 8,
};

describe('warningMessage', () => {
  it('says what rose, from what share to what, since when, with the counts, in Chinese and English', () => {
    expect(warningMessage(weekly, 'zh')).toBe(
      '机型 KFR-35 的故障 E4 自 2025-06-30 当周起上升：占该机型工单的比例由 2.0% 升至 5.3%（21 张，按工单量预期 8.0 张）',
    );
    expect(warningMessage(weekly, 'en')).toBe(
      "Fault E4 on model KFR-35 rose since the week of 2025-06-30: from 2.0% to 5.3% of the model's tickets (21 tickets against 8.0 expected for the volume)",
    );
  });

  it('names a month as a reader says it, the fault by its name, and leaves out counts an older alert did not keep', () => {
    const monthly = { ...weekly, grain: 'month' as const, since_period: '2025-07-01', span_count: 1234, span_expected: 1100.25 };
    expect(warningMessage(monthly, 'zh', '压缩机不启动')).toContain('故障 压缩机不启动 自2025年7月起上升');
    expect(warningMessage(monthly, 'en')).toContain('since 2025-07:');
    expect(warningMessage(monthly, 'en')).toContain('(1,234 tickets against 1,100.3 expected for the volume)');
    expect(warningMessage({ ...weekly, span_count: null, span_expected: null }, 'en')).toMatch(/of the model's tickets$/);
  });
});

// Per unit in service (the installed base loaded): the rate is per unit of an exposure that holds the line's
// season, said as a multiple of the usual rate: 0.00525 ÷ 0.002 = 2.625, 2.6 to one decimal.
describe('warningMessage per unit in service', () => {
  it('says the rise as a multiple of the usual rate per unit in service, with the counts expected for the units', () => {
    const units = { ...weekly, baseline_rate: 0.002, current_rate: 0.00525, exposure_basis: 'units' as const };
    expect(warningMessage(units, 'zh')).toBe(
      '机型 KFR-35 的故障 E4 自 2025-06-30 当周起上升：按在用台数计（已扣除产品线的季节变化）为平常的 2.6 倍（21 张，按在用台数预期 8.0 张）',
    );
    expect(warningMessage(units, 'en')).toBe(
      "Fault E4 on model KFR-35 rose since the week of 2025-06-30: to 2.6 times its usual rate per unit in service, the line's season taken out (21 tickets against 8.0 expected for the units in service)",
    );
    // An alert raised before the basis was kept (null) is per ticket.
    expect(warningMessage({ ...weekly, exposure_basis: null }, 'en')).toContain("of the model's tickets");
  });
});
