// Quarter keys ('2025-Q3') and their neighbours.
import { FilterError } from './filter-error.ts';
export interface QuarterKey {
  year: number;
  quarter: number;
  key: string;
  from: string;
  to: string;
}

export function parseQuarterKey(text: string): QuarterKey {
  const m = /^(\d{4})-?Q([1-4])$/i.exec(text.trim());
  if (!m) throw new FilterError(`"${text}" is not a quarter; write it like 2025Q3`, 'not_a_quarter', { value: text });
  const year = Number(m[1]);
  const quarter = Number(m[2]);
  const lastDay = new Date(Date.UTC(year, quarter * 3, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    year,
    quarter,
    key: `${year}-Q${quarter}`,
    from: `${year}-${pad(quarter * 3 - 2)}-01`,
    to: `${year}-${pad(quarter * 3)}-${lastDay}`,
  };
}

export function quarterKeysBefore(key: string, n: number): string[] {
  const q = parseQuarterKey(key);
  const index = q.year * 4 + q.quarter - 1;
  return Array.from({ length: n }, (_, i) => `${Math.floor((index - i - 1) / 4)}-Q${((index - i - 1) % 4) + 1}`);
}
