// Answers of reads over the stored marts, kept until the next refresh replaces the marts: the same dashboard
// query twice costs one scan. Bounded; the oldest entry goes first.
export class QueryCache {
  private readonly entries = new Map<string, Promise<unknown>>();

  constructor(private readonly maxEntries = 1000) {}

  /** The cached answer for key, or the one `compute` gives (a failure is not kept). */
  get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit as Promise<T>;
    const p = compute();
    this.entries.set(key, p);
    p.catch(() => this.entries.delete(key));
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
