// Native DuckDB handles must not be touched after they are closed (that crashes the process, not throws).
// Every use of a database instance goes through its gate: closing waits for work in flight, and work that
// arrives after closing fails with a plain error. Every failure passes through onError, which may replace it.
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly onError: (e: unknown) => unknown = (e) => e) {}

  get isClosed(): boolean {
    return this.closed;
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the warehouse is closed'));
    const p = work();
    this.running.add(p);
    const done = () => this.running.delete(p);
    p.then(done, done);
    return p.catch((e) => {
      throw this.onError(e);
    });
  }

  /** Refuses new work, then waits until the work already started has finished. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
