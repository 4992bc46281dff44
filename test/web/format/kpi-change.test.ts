// A KPI's change against an earlier figure: rates in percentage points, others in per cent, judged by the
// metric's good direction.
import { describe, expect, it } from 'vitest';
import { formatChange, kpiChange } from '../../../web/format/kpi-change.ts';

describe('kpiChange', () => {
  it('rates move in points, other figures in per cent of the earlier one', () => {
    expect(kpiChange(0.943, 1, 'percent', true)).toMatchObject({ unit: 'points', judgement: 'worse' });
    expect(kpiChange(0.943, 1, 'percent', true)!.delta).toBeCloseTo(-5.7, 9);
    expect(kpiChange(35, 4, 'count', null)).toEqual({ delta: 775, unit: 'percent', judgement: '' });
    expect(kpiChange(0.4, 0.5, 'hours', false)).toMatchObject({ judgement: 'better' });
  });

  it('no earlier figure (or zero) gives no change; an unchanged figure is neither better nor worse', () => {
    expect(kpiChange(1, null, 'count', true)).toBeNull();
    expect(kpiChange(1, 0, 'count', true)).toBeNull();
    expect(kpiChange(2, 2, 'hours', false)).toEqual({ delta: 0, unit: 'percent', judgement: '' });
  });

  it('words the change with its arrow and unit', () => {
    expect(formatChange(kpiChange(0.943, 1, 'percent', true), 'zh')).toBe('▼ 5.7个百分点');
    expect(formatChange(kpiChange(35, 4, 'count', null), 'en')).toBe('▲ 775.0%');
    expect(formatChange(kpiChange(2, 2, 'hours', false), 'en')).toBe('± 0.0%');
    expect(formatChange(null, 'zh')).toBe('—');
  });
});
