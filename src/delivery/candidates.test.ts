import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaUpperTail } from '../domain/beta-distribution.js';
import { SeededRandom } from '../domain/random.js';
import {
  CandidateQueue,
  drawAtLevel,
  EXPLORE_LEVELS,
  EXPLORE_TAILS,
  type Exploration,
  LOG_NOT_TRIAL,
  levelBound,
  TIER_COUNT,
  tierOf,
} from './candidates.js';

describe('CandidateQueue', () => {
  it('hands out slots in exact descending order of bound, deferred entries resolved at the top (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ bound: fc.double({ min: 1, max: 1e9, noNaN: true }), deferred: fc.boolean() }), {
          maxLength: 200,
        }),
        fc.integer({ min: 0, max: 50 }),
        (items, addLaterCount) => {
          const queue = new CandidateQueue();
          const resolve = (slot: number) => (items[slot] as { bound: number }).bound;
          queue.reset(resolve);
          const add = (slot: number) => {
            const { bound, deferred } = items[slot] as { bound: number; deferred: boolean };
            // A deferred entry may sit in any tier at or above its own.
            const tier = deferred ? Math.min(TIER_COUNT - 1, tierOf(bound) + 2) : tierOf(bound);
            queue.add(slot, tier, deferred ? 1 : 0);
          };
          const later = Math.min(addLaterCount, items.length);
          for (let slot = later; slot < items.length; slot++) add(slot);
          const popped: number[] = [];
          let slot = queue.pop();
          // Slots added between hand-outs (as bands are matched) still come out in order.
          for (let s = 0; s < later; s++) add(s);
          if (slot >= 0) popped.push(slot);
          for (;;) {
            const before = queue.remainingBound();
            slot = queue.pop();
            if (slot < 0) break;
            expect(resolve(slot)).toBeLessThanOrEqual(before);
            popped.push(slot);
          }
          expect(popped.length).toBe(items.length);
          const tail = popped.slice(1).map(resolve);
          for (let i = 1; i < tail.length; i++)
            expect(tail[i] as number).toBeLessThanOrEqual(tail[i - 1] as number);
          expect(queue.remainingBound()).toBe(Number.NEGATIVE_INFINITY);
        },
      ),
    );
  });
});

describe('exploration levels', () => {
  it('independent trials per level give P(level ≥ k) = EXPLORE_TAILS[k − 1]', () => {
    for (let k = 1; k <= EXPLORE_LEVELS; k++) {
      let notAtLeast = 1;
      for (let j = k; j <= EXPLORE_LEVELS; j++) notAtLeast *= Math.exp(LOG_NOT_TRIAL[j - 1] as number);
      expect(1 - notAtLeast).toBeCloseTo(EXPLORE_TAILS[k - 1] as number, 12);
    }
  });

  it('the mixture of levels is Beta(α, β): tail probabilities at the cuts and the mean match', () => {
    const alpha = 2;
    const beta = 198;
    const cuts = EXPLORE_TAILS.map((tail) => {
      // Bisection on the upper tail: the test does not trust the quantile it checks.
      let lo = 0;
      let hi = 1;
      for (let i = 0; i < 200; i++) {
        const mid = (lo + hi) / 2;
        if (betaUpperTail(mid, alpha, beta) > tail) lo = mid;
        else hi = mid;
      }
      return hi;
    });
    const e: Exploration = { alpha, beta, cuts };
    const random = new SeededRandom(11);
    const n = 200_000;
    const above = new Array<number>(EXPLORE_LEVELS).fill(0);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      // The level by its exact probabilities, then the draw within it.
      const u = random.float();
      let level = 0;
      for (let k = EXPLORE_LEVELS; k >= 1; k--)
        if (u < (EXPLORE_TAILS[k - 1] as number)) {
          level = k;
          break;
        }
      const x = drawAtLevel(random, e, level);
      expect(x).toBeLessThanOrEqual(levelBound(e, level));
      if (level > 0) expect(x).toBeGreaterThanOrEqual((cuts[level - 1] as number) * (1 - 1e-9));
      sum += x;
      for (let k = 0; k < EXPLORE_LEVELS; k++)
        if (x > (cuts[k] as number)) above[k] = (above[k] as number) + 1;
    }
    expect(sum / n).toBeCloseTo(alpha / (alpha + beta), 4);
    for (let k = 0; k < EXPLORE_LEVELS; k++) {
      const p = EXPLORE_TAILS[k] as number;
      const sd = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs((above[k] as number) / n - p)).toBeLessThan(5 * sd);
    }
  });
});
