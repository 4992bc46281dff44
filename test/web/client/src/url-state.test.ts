// The dashboard's date ranges, by hand: a period's days clipped to the filters, and the range before.
import { describe, expect, it } from 'vitest';
import { periodRange, previousRange, type Filters } from '../../../../web/client/src/url-state.ts';

const filters = (from: string, to: string): Filters => ({ from, to, region: '', grain: 'month', lang: 'zh' });

describe('url-state ranges', () => {
  it('gives a period’s days, clipped to the filters’ range', () => {
    const f = filters('2025-08-15', '2026-01-10');
    expect(periodRange('2025-Q3', f)).toEqual({ from: '2025-08-15', to: '2025-09-30' });
    expect(periodRange('2025-11', f)).toEqual({ from: '2025-11-01', to: '2025-11-30' });
    expect(periodRange('2026-01', f)).toEqual({ from: '2026-01-01', to: '2026-01-10' });
    expect(periodRange('all', f)).toEqual({ from: '2025-08-15', to: '2026-01-10' });
  });

  it('takes the same number of days just before the range', () => {
    // 2025-01-01..2025-03-31 is 90 days; the 90 days before end on 2024-12-31 and start on 2024-10-03.
    expect(previousRange(filters('2025-01-01', '2025-03-31'))).toEqual({ from: '2024-10-03', to: '2024-12-31' });
    // 2024-03-01..2024-03-31 is 31 days: 2024-01-30..2024-02-29 (a leap year).
    expect(previousRange(filters('2024-03-01', '2024-03-31'))).toEqual({ from: '2024-01-30', to: '2024-02-29' });
  });
});
