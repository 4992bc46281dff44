// The demo's first day: two years before the start of the current quarter, so its last full quarter is the
// one before today's and the dashboard's default last twelve months are full.
import { describe, expect, it } from 'vitest';
import { demoStart } from '../../ingest/load-demo-data.ts';

describe('demoStart', () => {
  it('is the first day of the quarter two years back', () => {
    expect(demoStart(new Date('2026-11-22T12:00:00Z'))).toBe('2024-10-01');
    expect(demoStart(new Date('2026-01-05T00:00:00Z'))).toBe('2024-01-01');
    expect(demoStart(new Date('2026-03-31T23:59:59Z'))).toBe('2024-01-01');
    expect(demoStart(new Date('2026-04-01T00:00:00Z'))).toBe('2024-04-01');
  });
});
