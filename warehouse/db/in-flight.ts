// Native DuckDB handles must not be touched after they are closed (that crashes the process, not throws).
// Every use of the warehouse goes through this gate: closing waits for work in flight, and work that
// arrives after closing fails with a plain error.
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closed = false;

  run<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the warehouse is closed'));
    const p = work();
    this.running.add(p);
    const done = () => this.running.delete(p);
    p.then(done, done);
    return p;
  }

  /** Refuses new work, then waits until the work already started has finished. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
