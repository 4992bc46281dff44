// Wilson 95 % intervals against published values (Newcombe 1998, table I; Brown, Cai & DasGupta 2001).
import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../warehouse/queries/wilson.ts';

describe('wilsonInterval', () => {
  it.each([
    [81, 263, 0.2553, 0.3662], // Newcombe's example 81/263
    [15, 148, 0.0624, 0.1605], // Newcombe: 15/148
    [8, 10, 0.4902, 0.9433],
    [16, 20, 0.584, 0.9193],
    [0, 20, 0, 0.1611],
    [20, 20, 0.8389, 1],
  ])('%d of %d -> [%f, %f]', (k, n, lo, hi) => {
    const [l, h] = wilsonInterval(k, n)!;
    expect(l).toBeCloseTo(lo, 4);
    expect(h).toBeCloseTo(hi, 4);
  });

  it('has no interval without observations', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});
