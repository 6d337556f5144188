import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BILLING_EVENTS, type BillingEvent } from '../domain/enums.js';
import { auctionScore, type Bid, billedEventType, ecpmMicros, secondPrice } from './auction.js';

const bid = (billingEvent: BillingEvent, bidMicros: number, actionRate: number, quality = 1): Bid => ({
  billingEvent,
  bidMicros,
  actionRate,
  quality,
});

describe('eCPM and score', () => {
  it('CPM bids are already per mille; the others are bid × action rate × 1000', () => {
    expect(ecpmMicros(bid('CPM', 6_000_000, 1))).toBe(6_000_000);
    expect(ecpmMicros(bid('CPC', 200_000, 0.02))).toBeCloseTo(4_000_000, 6);
    expect(ecpmMicros(bid('CPV', 50_000, 0.3))).toBeCloseTo(15_000_000, 6);
    expect(ecpmMicros(bid('OCPM', 10_000_000, 0.002))).toBeCloseTo(20_000_000, 6);
    expect(auctionScore(bid('CPM', 6_000_000, 1, 1.25))).toBe(7_500_000);
  });

  it('each billing model bills its own event', () => {
    expect(BILLING_EVENTS.map(billedEventType)).toEqual(['impression', 'click', 'view_6s', 'impression']);
  });
});

describe('second price with quality and reserve (hand-computed micros)', () => {
  it('CPM: the winner pays the runner-up score over its own quality, per impression', () => {
    // Runner-up: €4 CPM × quality 1.1 = 4,400,000. Winner quality 1 → 4,400,000 eCPM → 4,400 µ per impression.
    const runnerUp = auctionScore(bid('CPM', 4_000_000, 1, 1.1));
    expect(runnerUp).toBeCloseTo(4_400_000, 6);
    expect(secondPrice(bid('CPM', 6_000_000, 1, 1), runnerUp, 500_000)).toEqual({
      ecpmMicros: runnerUp,
      chargeMicros: 4_400,
      expectedPerImpressionMicros: 4_400,
    });
    // With quality 1.25 the winner needs only 4,400,000 / 1.25 = 3,520,000 eCPM → 3,520 µ.
    const better = secondPrice(bid('CPM', 6_000_000, 1, 1.25), runnerUp, 500_000);
    expect(better.chargeMicros).toBe(3_520);
    expect(better.expectedPerImpressionMicros).toBe(3_520);
  });

  it('CPC: the runner-up eCPM divided by 1000 × the click rate, per click', () => {
    // Winner €0.20 per click at 2 % CTR = 4,000,000 eCPM; runner-up score 3,000,000.
    // 3,000,000 / (1000 × 0.02) = 150,000 µ per click; expected per impression 150,000 × 0.02 = 3,000 µ.
    expect(secondPrice(bid('CPC', 200_000, 0.02), 3_000_000, 500_000)).toMatchObject({
      chargeMicros: 150_000,
      expectedPerImpressionMicros: 3_000,
    });
  });

  it('CPV: quality below 1 raises what the winner must pay', () => {
    // Winner €0.05 per 6-s view at 30 %, quality 0.9: eCPM 15,000,000, score 13,500,000.
    // Runner-up 9,000,000 → needs 9,000,000 / 0.9 = 10,000,000 eCPM → 10,000,000 / 300 = 33,333.3 → 33,334 µ.
    // Expected per impression ⌈33,334 × 0.3⌉ = ⌈10,000.2⌉ = 10,001 µ.
    const price = secondPrice(bid('CPV', 50_000, 0.3, 0.9), 9_000_000, 500_000);
    expect(price.ecpmMicros).toBeCloseTo(10_000_000, 3);
    expect(price.chargeMicros).toBe(33_334);
    expect(price.expectedPerImpressionMicros).toBe(10_001);
  });

  it('OCPM: billed per impression at the second price, capped by target × predicted rate', () => {
    // Target €10 per follow at 0.2 %, quality 1.2: eCPM 20,000,000. Runner-up 12,000,000 → 10,000,000 eCPM.
    const price = secondPrice(bid('OCPM', 10_000_000, 0.002, 1.2), 12_000_000, 500_000);
    expect(price.ecpmMicros).toBeCloseTo(10_000_000, 3);
    expect(price.chargeMicros).toBe(10_000);
    expect(price.expectedPerImpressionMicros).toBe(10_000);
    // The runner-up outbids the winner's own eCPM (it cannot rank above it in a real auction): the
    // price stops at the winner's own value, 10,000,000 × 0.002 = 20,000 µ per impression.
    expect(secondPrice(bid('OCPM', 10_000_000, 0.002, 1), 50_000_000, 0).chargeMicros).toBe(20_000);
  });

  it('a lone bidder pays the reserve', () => {
    // Reserve €0.50 CPM: 500 µ per impression (the HTTP flow test sees the same 500 µ billed).
    expect(secondPrice(bid('CPM', 6_000_000, 1), 0, 500_000)).toEqual({
      ecpmMicros: 500_000,
      chargeMicros: 500,
      expectedPerImpressionMicros: 500,
    });
    // CPC at 2 %: 500,000 / 20 = 25,000 µ per click, 500 µ expected per impression.
    expect(secondPrice(bid('CPC', 200_000, 0.02), 0, 500_000)).toMatchObject({
      chargeMicros: 25_000,
      expectedPerImpressionMicros: 500,
    });
    // CPV at 30 %: 500,000 / 300 = 1,666.7 → 1,667 µ per view.
    expect(secondPrice(bid('CPV', 50_000, 0.3), 0, 500_000).chargeMicros).toBe(1_667);
    // A runner-up below the reserve does not lower the price.
    expect(secondPrice(bid('CPM', 6_000_000, 1), 100_000, 500_000).chargeMicros).toBe(500);
  });

  it('never more than the bid, even when the reserve or runner-up is above it', () => {
    expect(secondPrice(bid('CPM', 2_000_000, 1), 3_000_000, 0).chargeMicros).toBe(2_000);
    expect(secondPrice(bid('CPC', 100_000, 0.01), 0, 5_000_000).chargeMicros).toBe(100_000);
    expect(secondPrice(bid('CPV', 10_000, 0.5, 0.8), 9_000_000, 0).chargeMicros).toBe(10_000);
    // A zero action rate cannot divide: the bid itself is the charge.
    expect(secondPrice(bid('CPC', 100_000, 0), 0, 0).chargeMicros).toBe(100_000);
  });
});

describe('second price: properties', () => {
  const arbBid = fc.record({
    billingEvent: fc.constantFrom(...BILLING_EVENTS),
    // CPM bids in whole thousandths of a unit (every currency's minor unit), others any micros.
    bidMicros: fc.integer({ min: 1, max: 50_000_000 }),
    actionRate: fc.double({ min: 1e-4, max: 0.95, noNaN: true }),
    quality: fc.double({ min: 0.8, max: 1.25, noNaN: true }),
  });

  const normalize = (b: Bid): Bid =>
    b.billingEvent === 'CPM'
      ? { ...b, actionRate: 1, bidMicros: Math.max(1000, Math.round(b.bidMicros / 1000) * 1000) }
      : b;

  /** The most a winner can be charged per billing event: its bid (per impression for CPM/OCPM). */
  const ceilingOf = (b: Bid) =>
    b.billingEvent === 'CPM'
      ? b.bidMicros / 1000
      : b.billingEvent === 'OCPM'
        ? Math.ceil(b.bidMicros * b.actionRate)
        : b.bidMicros;

  it('the charge is a positive integer, never above the bid, and at least the price rounded down', () => {
    fc.assert(
      fc.property(
        arbBid.map(normalize),
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        fc.integer({ min: 0, max: 10_000_000 }),
        (winner, runnerUp, reserve) => {
          const price = secondPrice(winner, runnerUp, reserve);
          expect(Number.isInteger(price.chargeMicros)).toBe(true);
          expect(price.chargeMicros).toBeGreaterThanOrEqual(1);
          expect(price.chargeMicros).toBeLessThanOrEqual(ceilingOf(winner));
          expect(price.ecpmMicros).toBeLessThanOrEqual(ecpmMicros(winner));
          // The price is the least the winner needed: the reserve and the runner-up, or its own value.
          const needed = Math.max(reserve, runnerUp / winner.quality);
          expect(price.ecpmMicros).toBeCloseTo(Math.min(ecpmMicros(winner), needed), 3);
          expect(Number.isInteger(price.expectedPerImpressionMicros)).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('in a real auction the winner keeps its rank at the price it pays, and pays no more than it bid', () => {
    fc.assert(
      fc.property(fc.array(arbBid.map(normalize), { minLength: 2, maxLength: 8 }), (bids) => {
        const ranked = [...bids].sort((a, b) => auctionScore(b) - auctionScore(a));
        const [winner, second] = ranked as [Bid, Bid];
        const price = secondPrice(winner, auctionScore(second), 0);
        // At the charged eCPM its score still reaches the runner-up's.
        expect(price.ecpmMicros * winner.quality).toBeGreaterThanOrEqual(auctionScore(second) * (1 - 1e-12));
        expect(price.chargeMicros).toBeLessThanOrEqual(ceilingOf(winner));
      }),
      { numRuns: 1000 },
    );
  });

  it('a higher runner-up never lowers the charge', () => {
    fc.assert(
      fc.property(
        arbBid.map(normalize),
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        fc.double({ min: 0, max: 1e8, noNaN: true }),
        (winner, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          expect(secondPrice(winner, high, 0).chargeMicros).toBeGreaterThanOrEqual(
            secondPrice(winner, low, 0).chargeMicros,
          );
        },
      ),
    );
  });
});
