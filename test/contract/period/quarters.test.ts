// Quarter keys, by hand: parsing either spelling, the last day of each quarter, the quarters before one.
import { describe, expect, it } from 'vitest';
import { FilterError } from '../../../contract/period/filter-error.ts';
import { parseQuarterKey, quarterKeysBefore } from '../../../contract/period/quarters.ts';

describe('quarters', () => {
  it('parses 2025Q3 and 2025-q3 alike, with first and last days', () => {
    expect(parseQuarterKey('2025Q3')).toEqual({ year: 2025, quarter: 3, key: '2025-Q3', from: '2025-07-01', to: '2025-09-30' });
    expect(parseQuarterKey('2024-q1').to).toBe('2024-03-31');
    expect(parseQuarterKey('2025Q4').to).toBe('2025-12-31');
  });

  it('counts back across a year', () => {
    expect(quarterKeysBefore('2025-Q1', 1)).toEqual(['2024-Q4']);
    expect(quarterKeysBefore('2025-Q2', 5)).toEqual(['2025-Q1', '2024-Q4', '2024-Q3', '2024-Q2', '2024-Q1']);
  });

  it('a bad quarter is a FilterError, answered as 400', () => {
    expect(() => parseQuarterKey('2025Q5')).toThrow(FilterError);
    expect(() => parseQuarterKey('2025Q5')).toThrow(/"2025Q5" is not a quarter/);
  });
});
