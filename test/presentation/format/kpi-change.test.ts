// A KPI's change against an earlier figure: rates in percentage points, others in per cent, judged by the
// metric's good direction.
import { describe, expect, it } from 'vitest';
import { formatChange, kpiChange, kpiSentence } from '../../../presentation/format/kpi-change.ts';

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

describe('kpiSentence', () => {
  const zh = { better: '改善', worse: '恶化', noEarlier: '无可比数据' };
  const en = { better: 'better', worse: 'worse', noEarlier: 'no earlier figure' };
  it('says each change with its size, direction and verdict', () => {
    // 0.943 against 1.0: 5.7 points down, worse for a rate where higher is better; against 0.923: 2.0 points up.
    expect(
      kpiSentence(
        'zh',
        '解决率',
        '94.3%',
        [
          { change: kpiChange(0.943, 1, 'percent', true), against: '较上周' },
          { change: kpiChange(0.943, 0.923, 'percent', true), against: '较去年同期' },
        ],
        zh,
      ),
    ).toBe('解决率 94.3%，较上周下降 5.7 个百分点（恶化），较去年同期上升 2.0 个百分点（改善）。');
    // 35 against 4 tickets: +775 %, no verdict for volume; no earlier figure.
    expect(
      kpiSentence(
        'en',
        'Tickets opened',
        '35',
        [
          { change: kpiChange(35, 4, 'count', null), against: 'vs last week' },
          { change: null, against: 'vs last month' },
        ],
        en,
      ),
    ).toBe('Tickets opened 35: up 775.0% vs last week; vs last month: no earlier figure.');
  });
});
