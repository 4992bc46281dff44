// Axis values read short beside a tick; tooltips and tables keep the full format.
import { describe, expect, it } from 'vitest';
import { formatAxisValue, formatValue } from '../../../presentation/format/format-value.ts';

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
  });

  it('tooltips keep the full format', () => {
    expect(formatValue(0.6149584487534626, 'percent', 'zh')).toBe('61.5%');
    expect(formatValue(4_000_000, 'currency', 'en')).toBe('¥4,000,000.00');
  });
});
