// '2025Q3' or '2025-Q3' -> the quarter's key and its first and last days.
export interface Quarter {
  year: number;
  quarter: number;
  key: string;
  from: string;
  to: string;
}

export function parseQuarter(text: string): Quarter {
  const m = /^(\d{4})-?Q([1-4])$/i.exec(text.trim());
  if (!m) throw new Error(`"${text}" is not a quarter; write it like 2025Q3`);
  const year = Number(m[1]);
  const quarter = Number(m[2]);
  const lastDay = new Date(Date.UTC(year, quarter * 3, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { year, quarter, key: `${year}-Q${quarter}`, from: `${year}-${pad(quarter * 3 - 2)}-01`, to: `${year}-${pad(quarter * 3)}-${lastDay}` };
}

export function previousQuarter(q: Quarter, back = 1): Quarter {
  const index = q.year * 4 + (q.quarter - 1) - back;
  return parseQuarter(`${Math.floor(index / 4)}Q${(index % 4) + 1}`);
}
