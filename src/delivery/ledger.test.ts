/**
 * The budget ledger's stated bound, checked here over random operation sequences:
 *
 *   Billed (settled) spend of any budget line (ad group or campaign, daily or lifetime) never
 *   exceeds its limit. Charges are capped at the remaining headroom (limit − settled, ignoring
 *   other ads' holds) and the cut-off part is recorded as `uncharged` (delivered, never billed).
 *   At decision time an ad is only served if settled + reserved + its expected cost fits every
 *   line (`reserve` refuses otherwise), so what is in flight is bounded by the holds; overspend is
 *   0 for billing and at most the unbilled `uncharged` amounts for delivery.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BudgetLine, LocalBudgetLedger } from './ledger.js';

const KEYS = ['g:1:2026-11-25', 'g:1', 'c:1:2026-11-25', 'c:1', 'g:2:2026-11-25', 'g:2'] as const;

type Op =
  | { kind: 'reserve'; keys: number[]; amount: number; ttl: number }
  | { kind: 'charge'; keys: number[]; amount: number; hold: number | null }
  | { kind: 'release'; hold: number }
  | { kind: 'refund'; charge: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'expire' };

const keySubset = fc.uniqueArray(fc.integer({ min: 0, max: KEYS.length - 1 }), {
  minLength: 1,
  maxLength: KEYS.length,
});

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('reserve' as const),
      keys: keySubset,
      amount: fc.integer({ min: 0, max: 3_000 }),
      // One TTL and a clock that only moves forward, as the engine reserves: the expiry queue
      // relies on holds expiring in creation order.
      ttl: fc.constant(20_000),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('charge' as const),
      keys: keySubset,
      amount: fc.integer({ min: 0, max: 5_000 }),
      hold: fc.option(fc.nat(40), { nil: null }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('release' as const), hold: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('refund' as const), charge: fc.nat(40) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 30_000 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'expire' as const }) },
);

/** A limit per key: small (hit often), large, or unlimited (Infinity, as budgetLines gives). */
const limitsArb = fc.array(
  fc.oneof(fc.integer({ min: 0, max: 20_000 }), fc.constant(Number.POSITIVE_INFINITY)),
  { minLength: KEYS.length, maxLength: KEYS.length },
);

interface ModelHold {
  keys: string[];
  amount: number;
  expiresAt: number;
}

/** The obvious model: maps of settled spend and live holds. */
class Model {
  readonly settled = new Map<string, number>();
  readonly holds = new Map<string, ModelHold>();
  constructor(readonly limits: Map<string, number>) {}
  settledOf(key: string) {
    return this.settled.get(key) ?? 0;
  }
  reservedOf(key: string) {
    let sum = 0;
    for (const h of this.holds.values()) if (h.keys.includes(key)) sum += h.amount;
    return sum;
  }
}

describe('LocalBudgetLedger: properties', () => {
  it('billed spend never exceeds a limit; reserve only within headroom; charges and refunds are exact', () => {
    fc.assert(
      fc.property(limitsArb, fc.array(opArb, { minLength: 1, maxLength: 120 }), (limitList, ops) => {
        const limits = new Map<string, number>(KEYS.map((k, i) => [k, limitList[i] as number]));
        const ledger = new LocalBudgetLedger();
        const model = new Model(limits);
        const lines = (idx: number[]): BudgetLine[] =>
          idx.map((i) => ({ key: KEYS[i] as string, limit: limits.get(KEYS[i] as string) as number }));
        const charges: { keys: string[]; amount: number; refunded: boolean }[] = [];
        let now = 1_000_000;
        let holdSeq = 0;
        const holdIds: string[] = [];

        for (const op of ops) {
          switch (op.kind) {
            case 'reserve': {
              const ls = lines(op.keys);
              const id = `h${holdSeq++}`;
              holdIds.push(id);
              const fits = ls.every(
                (l) => l.limit - model.settledOf(l.key) - model.reservedOf(l.key) >= op.amount,
              );
              const anyRoom = ls.every((l) => l.limit - model.settledOf(l.key) - model.reservedOf(l.key) > 0);
              const ok = ledger.reserve(id, ls, op.amount, now + op.ttl);
              if (op.amount > 0) {
                expect(ok).toBe(fits);
                if (ok)
                  model.holds.set(id, {
                    keys: ls.map((l) => l.key),
                    amount: op.amount,
                    expiresAt: now + op.ttl,
                  });
              } else {
                // A zero-cost hold reserves nothing; it answers whether any room is left.
                expect(ok).toBe(anyRoom);
              }
              break;
            }
            case 'charge': {
              const ls = lines(op.keys);
              const holdId = op.hold === null ? null : (holdIds[op.hold] ?? null);
              if (holdId) model.holds.delete(holdId);
              const headroom = Math.min(...ls.map((l) => l.limit - model.settledOf(l.key)));
              const expected = Math.max(0, Math.min(op.amount, headroom));
              const result = ledger.charge(ls, op.amount, holdId);
              expect(result).toEqual({ charged: expected, uncharged: op.amount - expected });
              for (const l of ls) model.settled.set(l.key, model.settledOf(l.key) + expected);
              charges.push({ keys: ls.map((l) => l.key), amount: expected, refunded: false });
              break;
            }
            case 'release': {
              const id = holdIds[op.hold];
              if (id) {
                ledger.release(id);
                model.holds.delete(id);
              }
              break;
            }
            case 'refund': {
              // A refund undoes one charge whose transaction failed, exactly once.
              const charge = charges[op.charge];
              if (charge && !charge.refunded) {
                const before = charge.keys.map((k) => ledger.settled(k));
                ledger.refund(charge.keys, charge.amount);
                charge.refunded = true;
                for (const [i, k] of charge.keys.entries()) {
                  expect(ledger.settled(k)).toBe((before[i] as number) - charge.amount);
                  model.settled.set(k, model.settledOf(k) - charge.amount);
                }
              }
              break;
            }
            case 'advance':
              now += op.ms;
              break;
            case 'expire':
              ledger.expire(now);
              for (const [id, h] of model.holds) if (h.expiresAt <= now) model.holds.delete(id);
              break;
          }
          // After every step: the ledger agrees with the model and no line is billed past its limit.
          for (const key of KEYS) {
            const settled = ledger.settled(key);
            expect(settled).toBe(model.settledOf(key));
            expect(settled).toBeGreaterThanOrEqual(0);
            expect(settled).toBeLessThanOrEqual(limits.get(key) as number);
            expect(ledger.committed(key)).toBe(settled + model.reservedOf(key));
          }
          expect(ledger.holdCount).toBe(model.holds.size);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a charge followed by its refund leaves every line exactly as before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 4, maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 20_000 }),
        (limits, seeded, amount) => {
          const ledger = new LocalBudgetLedger();
          const ls = KEYS.slice(0, 4).map((key, i) => ({ key, limit: limits[i] as number }));
          for (const [i, l] of ls.entries()) ledger.load(l.key, Math.min(l.limit, seeded[i] as number));
          const before = ls.map((l) => [ledger.settled(l.key), ledger.committed(l.key)]);
          const { charged, uncharged } = ledger.charge(ls, amount);
          expect(charged + uncharged).toBe(amount);
          ledger.refund(
            ls.map((l) => l.key),
            charged,
          );
          expect(ls.map((l) => [ledger.settled(l.key), ledger.committed(l.key)])).toEqual(before);
        },
      ),
    );
  });
});

describe('LocalBudgetLedger: cases', () => {
  const day = { key: 'g:a:2026-11-25', limit: 10_000 };
  const life = { key: 'g:a', limit: 25_000 };
  const unlimited = { key: 'c:x', limit: Number.POSITIVE_INFINITY };

  it('reserve holds on every line; charge converts the hold and releases it', () => {
    const ledger = new LocalBudgetLedger();
    expect(ledger.reserve('d1', [day, life, unlimited], 4_000, 100)).toBe(true);
    expect(ledger.headroom([day, life])).toBe(6_000);
    expect(ledger.committed(unlimited.key)).toBe(4_000);
    // The impression arrives and costs 3,000: the 4,000 hold goes, 3,000 is billed.
    expect(ledger.charge([day, life, unlimited], 3_000, 'd1')).toEqual({ charged: 3_000, uncharged: 0 });
    expect(ledger.holdCount).toBe(0);
    expect([ledger.settled(day.key), ledger.committed(day.key)]).toEqual([3_000, 3_000]);
    // A second charge with the same hold id finds nothing to release.
    ledger.charge([day], 0, 'd1');
    expect(ledger.committed(day.key)).toBe(3_000);
  });

  it('refuses a hold past the headroom of any line, holds included', () => {
    const ledger = new LocalBudgetLedger();
    expect(ledger.reserve('a', [day, life], 6_000, 100)).toBe(true);
    expect(ledger.reserve('b', [day, life], 4_001, 100)).toBe(false);
    expect(ledger.reserve('b', [day, life], 4_000, 100)).toBe(true);
    expect(ledger.headroom([day, life])).toBe(0);
    // The lifetime line binds once the daily one has room again.
    ledger.load(life.key, 20_000);
    ledger.release('a');
    ledger.release('b');
    expect(ledger.headroom([day, life])).toBe(5_000);
    expect(ledger.reserve('c', [day, life], 5_001, 100)).toBe(false);
  });

  it('caps a charge at the smallest headroom of settled spend (other holds do not cap billing) and reports the rest', () => {
    const ledger = new LocalBudgetLedger();
    ledger.load(day.key, 9_000);
    expect(ledger.reserve('other', [day], 1_000, 100)).toBe(true);
    // A click worth 2,500 arrives with 1,000 of daily headroom: 1,000 billed, 1,500 uncharged.
    expect(ledger.charge([day, life], 2_500)).toEqual({ charged: 1_000, uncharged: 1_500 });
    expect(ledger.settled(day.key)).toBe(10_000);
    expect(ledger.settled(life.key)).toBe(1_000);
    // Nothing more is billed on that day, ever.
    expect(ledger.charge([day, life], 1)).toEqual({ charged: 0, uncharged: 1 });
    // A budget lowered below what was spent bills nothing (and never goes negative).
    expect(ledger.charge([{ key: day.key, limit: 5_000 }], 700)).toEqual({ charged: 0, uncharged: 700 });
  });

  it('expires holds by time, in creation order, and drops released ones from the queue', () => {
    const ledger = new LocalBudgetLedger();
    for (let i = 0; i < 10; i++) ledger.reserve(`h${i}`, [day], 100, 1_000 + i * 100);
    ledger.release('h3');
    ledger.expire(1_450);
    // h0…h4 expired (≤ 1,450), h3 was released: h5…h9 remain.
    expect(ledger.holdCount).toBe(5);
    expect(ledger.committed(day.key)).toBe(500);
    ledger.expire(10_000);
    expect(ledger.holdCount).toBe(0);
    expect(ledger.committed(day.key)).toBe(0);
  });

  it('stays bounded over many holds (the expiry queue compacts)', () => {
    const ledger = new LocalBudgetLedger();
    const line = { key: 'g:big', limit: Number.POSITIVE_INFINITY };
    for (let i = 0; i < 20_000; i++) {
      ledger.reserve(`h${i}`, [line], 1, i);
      if (i % 2 === 0) ledger.charge([line], 1, `h${i}`);
      ledger.expire(i - 10);
    }
    expect(ledger.holdCount).toBeLessThanOrEqual(11);
    expect(ledger.settled(line.key)).toBe(10_000);
  });

  it('a zero-cost reservation answers whether any room is left without holding anything', () => {
    const ledger = new LocalBudgetLedger();
    expect(ledger.reserve('z', [day], 0, 100)).toBe(true);
    expect(ledger.holdCount).toBe(0);
    ledger.load(day.key, 10_000);
    expect(ledger.reserve('z2', [day], 0, 100)).toBe(false);
  });
});
