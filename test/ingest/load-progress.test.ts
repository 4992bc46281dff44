// A load's phases as one fraction of the whole, for the terminal bar and the ingest page alike.
import { describe, expect, it } from 'vitest';
import { loadFraction } from '../../ingest/load-progress.ts';

describe('loadFraction', () => {
  it('places each phase in its share: hash 0–0.1, read 0.1–0.2, check 0.2–0.85, write 0.85–1', () => {
    expect(loadFraction('hash', 0)).toBe(0);
    expect(loadFraction('read', 1)).toBeCloseTo(0.2, 10);
    // 0.2 + (0.85 - 0.2) × 0.5 = 0.525
    expect(loadFraction('check', 0.5)).toBeCloseTo(0.525, 10);
    expect(loadFraction('write', 1)).toBe(1);
  });

  it('keeps a phase inside its share when DuckDB reports more than done', () => {
    expect(loadFraction('check', 1.7)).toBeCloseTo(0.85, 10);
    expect(loadFraction('write', -0.2)).toBeCloseTo(0.85, 10);
  });
});
