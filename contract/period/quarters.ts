// Quarter keys ('2025-Q3') and their neighbours: kept for their many callers; they live in the period module.
export { parseQuarterKey, quarterKeysBefore, type QuarterKey } from './period.ts';
