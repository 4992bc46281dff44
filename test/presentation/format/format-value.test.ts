// Axis values read short beside a tick; tooltips and tables keep the full format.
import { describe, expect, it } from 'vitest';
import {
  formatAxisValue,
  formatBytes,
  formatDecimal,
  formatPerThousandCell,
  formatPValue,
  formatRangeOf,
  formatValue,
} from '../../../presentation/format/format-value.ts';

describe('formatAxisValue', () => {
  it('money is compact: no ¥4,000,000.00 on an axis', () => {
    expect(formatAxisValue(4_000_000, 'currency', 'zh')).toBe('¥400万');
    expect(formatAxisValue(4_000_000, 'currency', 'en')).toBe('¥4M');
    expect(formatAxisValue(125_000, 'currency', 'zh')).toBe('¥12.5万');
    expect(formatAxisValue(0, 'currency', 'en')).toBe('¥0');
  });

  it('percentages without trailing decimals, counts with separators, large ones compact', () => {
    expect(formatAxisValue(0.8, 'percent', 'zh')).toBe('80%');
    expect(formatAxisValue(0.125, 'percent', 'en')).toBe('12.5%');
    expect(formatAxisValue(4500, 'count', 'en')).toBe('4,500');
    expect(formatAxisValue(25_000, 'count', 'zh')).toBe('2.5万');
    expect(formatAxisValue(25_000, 'count', 'en')).toBe('25K');
    expect(formatAxisValue(12, 'hours', 'zh')).toBe('12 小时');
  });

  it('a rate per 100 tickets says its unit', () => {
    expect(formatValue(1.2801, 'per100', 'zh')).toBe('1.28 件/百单');
    expect(formatValue(1.2801, 'per100', 'en')).toBe('1.28 per 100');
    // Claims per 1,000 units at risk (the MIS table): the unit said; in a cell under a header that says it, the number alone.
    expect(formatValue(2000 / 3, 'per1000', 'zh')).toBe('666.7 件/千台');
    expect(formatValue(2000 / 3, 'per1000', 'en')).toBe('666.7 per 1,000');
    expect(formatPerThousandCell(1234.56, 'en')).toBe('1,234.6');
    expect(formatPerThousandCell(0, 'zh')).toBe('0.0');
  });

  it('tooltips keep the full format', () => {
    expect(formatValue(0.6149584487534626, 'percent', 'zh')).toBe('61.5%');
    expect(formatValue(4_000_000, 'currency', 'en')).toBe('¥4,000,000.00');
  });
});

describe('formatBytes', () => {
  it('binary units, one decimal past bytes', () => {
    expect(formatBytes(980, 'en')).toBe('980 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KiB');
    // 10 MiB + 300 KiB = 10.29… MiB
    expect(formatBytes(10 * 1024 ** 2 + 300 * 1024, 'zh')).toBe('10.3 MiB');
    expect(formatBytes(3 * 1024 ** 3, 'en')).toBe('3 GiB');
    expect(formatBytes(undefined, 'en')).toBe('—');
  });
});

describe('formatRangeOf', () => {
  it('which rows of a paged list are shown, of how many, numbers grouped', () => {
    expect(formatRangeOf(0, 50, 703, 'en')).toBe('1–50 of 703');
    expect(formatRangeOf(700, 3, 703, 'zh')).toBe('第 701–703 条，共 703 条');
    expect(formatRangeOf(50, 50, 12_000, 'en')).toBe('51–100 of 12,000');
    expect(formatRangeOf(15, 15, 1234, 'zh')).toBe('第 16–30 条，共 1,234 条');
    expect(formatRangeOf(0, 0, 0, 'zh')).toBe('共 0 条');
    expect(formatRangeOf(0, 0, 0, 'en')).toBe('0 of 0');
  });
});

describe('formatDecimal', () => {
  it('two decimals, digits grouped, a dash for none', () => {
    expect(formatDecimal(3.14159, 'en')).toBe('3.14');
    expect(formatDecimal(1.5, 'zh')).toBe('1.50');
    expect(formatDecimal(1234.567, 'en')).toBe('1,234.57');
    expect(formatDecimal(0.123, 'zh', 1)).toBe('0.1');
    expect(formatDecimal(null, 'en')).toBe('—');
    expect(formatDecimal(Number.NaN, 'zh')).toBe('—');
  });
});

describe('formatPValue', () => {
  it('two significant digits, below 0.001 as "< 0.001", a dash for none', () => {
    expect(formatPValue(0.07967, 'en')).toBe('0.08');
    expect(formatPValue(0.15324, 'zh')).toBe('0.15');
    expect(formatPValue(0.0031, 'en')).toBe('0.0031');
    expect(formatPValue(1, 'en')).toBe('1');
    expect(formatPValue(0.000011, 'en')).toBe('< 0.001');
    expect(formatPValue(null, 'zh')).toBe('—');
  });
});
