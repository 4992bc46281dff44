// Quarters for reports: the warehouse's own quarter keys ('2025Q3' or '2025-Q3').
import { parseQuarterKey, quarterKeysBefore, type QuarterKey } from '../../warehouse/queries/quarters.ts';

export type Quarter = QuarterKey;
export const parseQuarter = parseQuarterKey;

export function previousQuarter(q: Quarter, back = 1): Quarter {
  return parseQuarterKey(quarterKeysBefore(q.key, back)[back - 1]);
}
