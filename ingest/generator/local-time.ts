// Local wall-clock time as minutes since the data set's first day, formatted without Date objects in the hot
// loop: day strings are computed once, HH:MM strings once.
export class LocalClock {
  private readonly days: string[] = [];
  private readonly hhmm: string[] = [];
  private readonly months: number[] = [];
  /** Day index of the first day string (negative: days before the start, for installation dates). */
  readonly firstDay: number;

  constructor(start: string, daysBefore: number, daysAfter: number) {
    this.firstDay = -daysBefore;
    const t0 = Date.parse(`${start}T00:00:00Z`);
    for (let d = -daysBefore; d <= daysAfter; d++) {
      const iso = new Date(t0 + d * 86_400_000).toISOString();
      this.days.push(iso.slice(0, 10));
      this.months.push(Number(iso.slice(5, 7)) - 1);
    }
    for (let m = 0; m < 1440; m++) this.hhmm.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00`);
  }

  date(day: number): string {
    return this.days[Math.max(0, Math.min(this.days.length - 1, day - this.firstDay))];
  }

  /** Month 0–11 of a day index. */
  month(day: number): number {
    return this.months[day - this.firstDay];
  }

  timestamp(minute: number): string {
    const m = Math.round(minute);
    const day = Math.floor(m / 1440);
    return `${this.date(day)} ${this.hhmm[m - day * 1440]}`;
  }
}
