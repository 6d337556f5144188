import { describe, expect, it } from 'vitest';
import { compareVariants, normalCdf, twoProportionTest } from './comparison.js';
import { SeededRandom } from './random.js';

describe('normalCdf and the two-proportion test', () => {
  it('matches reference values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1.644854)).toBeCloseTo(0.05, 6);
    expect(normalCdf(3)).toBeCloseTo(0.99865, 6);
  });

  it('computes z and a two-sided p-value (textbook example)', () => {
    // 120/1000 vs 90/1000: pooled p = 0.105, se = √(0.105·0.895·0.002) = 0.01371, z = 2.1883, p = 0.0286.
    const t = twoProportionTest({ successes: 120, trials: 1000 }, { successes: 90, trials: 1000 });
    expect(t.z).toBeCloseTo(2.1883, 3);
    expect(t.pValue).toBeCloseTo(0.0286, 3);
    expect(twoProportionTest({ successes: 0, trials: 0 }, { successes: 1, trials: 10 }).pValue).toBe(1);
  });
});

describe('compareVariants', () => {
  const random = () => new SeededRandom(42);

  it('says not yet when a variant has too little delivery', () => {
    const c = compareVariants(
      [
        { id: 'a', impressions: 5000, results: 100, spendMicros: 5_000_000 },
        { id: 'b', impressions: 300, results: 2, spendMicros: 300_000 },
      ],
      random(),
    );
    expect(c.status).toBe('NOT_ENOUGH_DATA');
    expect(c.reason).toContain('b');
    expect(c.leaderId).toBe('a');
  });

  it('names a winner when it is clearly cheaper per result', () => {
    const c = compareVariants(
      [
        { id: 'ana', impressions: 20_000, results: 600, spendMicros: 20_000_000 },
        { id: 'bob', impressions: 20_000, results: 400, spendMicros: 20_000_000 },
      ],
      random(),
    );
    expect(c).toMatchObject({ status: 'WINNER', leaderId: 'ana', basis: 'COST_PER_RESULT' });
    const [ana, bob] = c.variants;
    expect(ana?.probabilityBest).toBeGreaterThan(0.99);
    expect(bob?.versusLeader?.pValue).toBeLessThan(0.001);
    expect(ana?.costPerResultMicros).toBe(33_333);
  });

  it('does not call a close race', () => {
    const c = compareVariants(
      [
        { id: 'ana', impressions: 5000, results: 52, spendMicros: 5_000_000 },
        { id: 'bob', impressions: 5000, results: 50, spendMicros: 5_000_000 },
      ],
      random(),
    );
    expect(c.status).toBe('NO_CLEAR_WINNER');
    expect(c.variants[0]?.probabilityBest).toBeGreaterThan(0.4);
    expect(c.variants[0]?.probabilityBest).toBeLessThan(0.8);
  });

  it('weighs cost: a higher rate bought at a much higher price loses', () => {
    const c = compareVariants(
      [
        { id: 'pricey', impressions: 20_000, results: 500, spendMicros: 60_000_000 },
        { id: 'cheap', impressions: 20_000, results: 400, spendMicros: 20_000_000 },
      ],
      random(),
    );
    expect(c.leaderId).toBe('cheap');
    expect(c.status).toBe('WINNER');
  });

  it('is reproducible with the same seed', () => {
    const variants = [
      { id: 'a', impressions: 3000, results: 40, spendMicros: 0 },
      { id: 'b', impressions: 3000, results: 35, spendMicros: 0 },
      { id: 'c', impressions: 3000, results: 30, spendMicros: 0 },
    ];
    const first = compareVariants(variants, random());
    expect(compareVariants(variants, random())).toEqual(first);
    expect(first.basis).toBe('RESULT_RATE');
    expect(first.variants.reduce((n, v) => n + v.probabilityBest, 0)).toBeCloseTo(1, 9);
  });
});
