import { describe, expect, it } from 'vitest';
import { addMonths, inspectionMonths } from '../../../ingest/generator/cadence-records.ts';

describe("the generator's cadence", () => {
  it('adds months as the calendar does, the last day of a shorter month standing in', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-11-15', 2)).toBe('2025-01-15');
    expect(addMonths('2024-12-31', 14)).toBe('2026-02-28');
  });

  it('inspects monthly to month 12, every 2 months to 24, every 3 after', () => {
    expect(inspectionMonths(30)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 18, 20, 22, 24, 27, 30]);
    expect(inspectionMonths(13)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});
