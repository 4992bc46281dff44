// Sign-in throttling that an attacker cannot turn against an account: failures are counted per address and
// account, and per address across accounts, never per account alone, so failures from one address do not
// lock the account's owner out at another. Past the free tries each failure doubles the wait, up to a ceiling;
// a success clears that address's count for the account. Kept in memory: a restart forgives.
export interface ThrottleOptions {
  /** Failed tries for one account from one address before waiting starts. */
  perAccount: number;
  /** Failed tries from one address, whatever the accounts, before waiting starts. */
  perAddress: number;
  /** The first wait; each later failure doubles it. */
  baseMs: number;
  /** The longest wait. */
  maxMs: number;
  /** Addresses and pairs remembered at the most (the oldest are forgotten first). */
  maxEntries: number;
}

export const signInThrottleDefaults: ThrottleOptions = {
  perAccount: 5,
  perAddress: 30,
  baseMs: 30_000,
  maxMs: 60 * 60_000,
  maxEntries: 100_000,
};

interface Count {
  failures: number;
  /** Until when this key must wait (epoch ms). */
  until: number;
}

export class SignInThrottle {
  private readonly counts = new Map<string, Count>();

  constructor(private readonly o: ThrottleOptions = signInThrottleDefaults) {}

  private keys = (address: string, username: string) => [
    { key: `a\x1f${address}`, free: this.o.perAddress },
    { key: `u\x1f${address}\x1f${username.toLowerCase()}`, free: this.o.perAccount },
  ];

  /** How long this address must wait before trying this account again (0: it may try now). */
  waitMs(address: string, username: string, now = Date.now()): number {
    return Math.max(0, ...this.keys(address, username).map(({ key }) => (this.counts.get(key)?.until ?? 0) - now));
  }

  failed(address: string, username: string, now = Date.now()): void {
    for (const { key, free } of this.keys(address, username)) {
      const failures = (this.counts.get(key)?.failures ?? 0) + 1;
      const until = failures >= free ? now + Math.min(this.o.maxMs, this.o.baseMs * 2 ** (failures - free)) : 0;
      this.counts.delete(key); // re-inserted last: Map order is then least recently failed first
      this.counts.set(key, { failures, until });
    }
    while (this.counts.size > this.o.maxEntries) this.counts.delete(this.counts.keys().next().value!);
  }

  succeeded(address: string, username: string): void {
    this.counts.delete(this.keys(address, username)[1].key);
  }
}
