import type { Micros } from '../domain/money.js';

/**
 * The budget ledger: what each budget has spent (settled, billed) and holds for ads served but not
 * yet billed (reserved). Keys name one budget: `g:<ad group>` (lifetime), `g:<ad group>:<local
 * date>` (daily), and the same with `c:` for campaigns. Limits travel with each call, so the
 * ledger never needs to know the campaign structure.
 *
 * Invariants (tested by property tests):
 * - `reserve` succeeds only if settled + reserved + amount ≤ limit for every key of the line;
 * - `charge` never takes a budget past its limit: it bills min(amount, smallest headroom), so
 *   billed spend ≤ budget always; the cut-off part is returned so it can be reported (delivered
 *   but not billed).
 *
 * The local implementation keeps everything in process. A shared implementation (Redis) can lease
 * slices of each budget to nodes and implement the same interface: callers do not change.
 */
export interface BudgetLine {
  key: string;
  limit: Micros;
}

export interface ChargeResult {
  charged: Micros;
  /** The part of the amount not billed because a budget was reached. */
  uncharged: Micros;
}

export interface BudgetLedger {
  /** Settled + reserved of a key. */
  committed(key: string): Micros;
  settled(key: string): Micros;
  /** Smallest remaining headroom over the lines (limit − settled − reserved). */
  headroom(lines: readonly BudgetLine[]): Micros;
  /** Holds `amount` on every line under `holdId` until charged, released or expired (the lines' keys must not change afterwards). */
  reserve(holdId: string, lines: readonly BudgetLine[], amount: Micros, expiresAt: number): boolean;
  /** Releases a hold (the impression came, or never will). */
  release(holdId: string): void;
  /** Bills an event on every line, capped by the smallest headroom ignoring this hold's own reservation. */
  charge(lines: readonly BudgetLine[], amount: Micros, holdId?: string | null): ChargeResult;
  /** Undoes a charge whose transaction failed. */
  refund(keys: readonly string[], amount: Micros): void;
  /** Seeds settled spend from the store (start-up). */
  load(key: string, settled: Micros): void;
  /** Drops holds that expired by `now`. */
  expire(now: number): void;
}

interface Account {
  settled: number;
  reserved: number;
}

interface Hold {
  /** The lines held (callers pass cached, unchanging lines: kept as given, not copied). */
  lines: readonly BudgetLine[];
  amount: number;
  expiresAt: number;
}

export class LocalBudgetLedger implements BudgetLedger {
  private readonly accounts = new Map<string, Account>();
  private readonly holds = new Map<string, Hold>();
  /** Holds in creation order; expiry times are monotonic per TTL, so a queue suffices. */
  private queue: string[] = [];
  private queueHead = 0;

  private account(key: string): Account {
    let account = this.accounts.get(key);
    if (!account) {
      account = { settled: 0, reserved: 0 };
      this.accounts.set(key, account);
    }
    return account;
  }

  committed(key: string): Micros {
    const a = this.accounts.get(key);
    return a ? a.settled + a.reserved : 0;
  }

  settled(key: string): Micros {
    return this.accounts.get(key)?.settled ?? 0;
  }

  headroom(lines: readonly BudgetLine[]): Micros {
    let min = Number.POSITIVE_INFINITY;
    for (const line of lines) {
      // An unlimited line never sets the minimum: skip its lookup (most lines of a group are unlimited).
      if (line.limit === Number.POSITIVE_INFINITY) continue;
      const a = this.accounts.get(line.key);
      const free = line.limit - (a ? a.settled + a.reserved : 0);
      if (free < min) min = free;
    }
    return min;
  }

  reserve(holdId: string, lines: readonly BudgetLine[], amount: Micros, expiresAt: number): boolean {
    if (amount <= 0) return this.headroom(lines) > 0;
    if (this.headroom(lines) < amount) return false;
    for (const line of lines) this.account(line.key).reserved += amount;
    this.holds.set(holdId, { lines, amount, expiresAt });
    this.queue.push(holdId);
    return true;
  }

  release(holdId: string): void {
    const hold = this.holds.get(holdId);
    if (!hold) return;
    this.holds.delete(holdId);
    for (const line of hold.lines) this.account(line.key).reserved -= hold.amount;
  }

  charge(lines: readonly BudgetLine[], amount: Micros, holdId: string | null = null): ChargeResult {
    this.release(holdId ?? '');
    let headroom = Number.POSITIVE_INFINITY;
    for (const line of lines) {
      const a = this.accounts.get(line.key);
      // Other holds are promises to other ads, but billing is what is real: only settled spend caps.
      const free = line.limit - (a ? a.settled : 0);
      if (free < headroom) headroom = free;
    }
    const charged = Math.max(0, Math.min(amount, headroom));
    for (const line of lines) this.account(line.key).settled += charged;
    return { charged, uncharged: amount - charged };
  }

  refund(keys: readonly string[], amount: Micros): void {
    for (const key of keys) this.account(key).settled -= amount;
  }

  load(key: string, settled: Micros): void {
    this.account(key).settled = settled;
  }

  expire(now: number): void {
    while (this.queueHead < this.queue.length) {
      const id = this.queue[this.queueHead] as string;
      const hold = this.holds.get(id);
      if (hold && hold.expiresAt > now) break;
      if (hold) this.release(id);
      this.queueHead++;
    }
    if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  /** Live holds (for tests and explain). */
  get holdCount(): number {
    return this.holds.size;
  }
}
