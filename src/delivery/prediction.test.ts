import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../domain/random.js';
import {
  ACTIONS,
  ActionStats,
  actionFor,
  BASE_RATES,
  EXPLORE_UNTIL,
  engagementRatio,
  estimateRate,
  PRIOR_IMPRESSIONS,
  priorMean,
  qualityFactor,
} from './prediction.js';

function stats(impressions: number, clicks: number): ActionStats {
  const s = new ActionStats();
  s.impressions = impressions;
  s.actions.click = clicks;
  return s;
}

describe('what each billing model optimizes', () => {
  it('CPC buys clicks, CPV 6-second views, CPM nothing to predict, OCPM its goal', () => {
    expect(actionFor('CPC', 'REACH')).toBe('click');
    expect(actionFor('CPV', 'REACH')).toBe('view_6s');
    expect(actionFor('CPM', 'CLICK')).toBeNull();
    expect(actionFor('OCPM', 'FOLLOWERS')).toBe('follow');
    expect(actionFor('OCPM', 'PROFILE_VIEWS')).toBe('profile_visit');
    expect(actionFor('OCPM', 'ENGAGED_VIEW')).toBe('view_6s');
    expect(actionFor('OCPM', 'CONVERT')).toBe('conversion');
    expect(actionFor('OCPM', 'REACH')).toBeNull();
  });
});

describe('organic engagement as prior and quality', () => {
  it('the ratio to the platform median is clamped to [0.25, 4], 1 without data', () => {
    expect(engagementRatio(0.1, 0.05)).toBe(2);
    expect(engagementRatio(1, 0.05)).toBe(4);
    expect(engagementRatio(0.001, 0.05)).toBe(0.25);
    expect(engagementRatio(0, 0.05)).toBe(1);
    expect(engagementRatio(0.1, 0)).toBe(1);
  });

  it('quality stays within 0.8–1.25 and grows with the ratio', () => {
    expect(qualityFactor(1)).toBe(1);
    expect(qualityFactor(4)).toBe(1.25);
    expect(qualityFactor(0.25)).toBe(0.8);
    expect(qualityFactor(2)).toBeCloseTo(2 ** 0.25, 12);
    fc.assert(
      fc.property(
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        (a, b) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(qualityFactor(lo)).toBeLessThanOrEqual(qualityFactor(hi));
        },
      ),
    );
  });

  it('the prior mean is the base rate, scaled by the ratio per action, never above 0.95', () => {
    expect(priorMean('click', 1)).toBe(BASE_RATES.click);
    expect(priorMean('click', 4)).toBeCloseTo(0.02, 12); // sensitivity 0.5: × √4
    expect(priorMean('follow', 4)).toBeCloseTo(0.008, 12); // sensitivity 1
    for (const action of ACTIONS) expect(priorMean(action, 4)).toBeLessThanOrEqual(0.95);
  });
});

describe('estimateRate', () => {
  it('a new ad with no data: the posterior mean is the prior mean', () => {
    const estimate = estimateRate('click', new ActionStats(), 1, null);
    expect(estimate).toEqual({ rate: expect.closeTo(0.01, 12), explored: false });
  });

  it('Bayesian smoothing: the prior weighs as 200 impressions (or enough for α ≥ 1)', () => {
    // Click prior 0.01 → weight max(200, 2 / 0.01 = 200) = 200: α = 2 + clicks, β = 198 + non-clicks.
    expect(estimateRate('click', stats(800, 40), 1, null).rate).toBeCloseTo(42 / 1000, 12);
    // Conversions: prior 0.0008 → weight 2,500 → α = 2, β = 2,498 before data.
    const s = new ActionStats();
    s.impressions = 500;
    s.actions.conversion = 3;
    expect(estimateRate('conversion', s, 1, null).rate).toBeCloseTo(5 / 3000, 12);
    expect(PRIOR_IMPRESSIONS).toBe(200);
  });

  it('explores by Thompson sampling until EXPLORE_UNTIL impressions, deterministically per seed', () => {
    const young = stats(100, 2);
    const a = estimateRate('click', young, 1, new SeededRandom(7));
    const b = estimateRate('click', young, 1, new SeededRandom(7));
    expect(a.explored).toBe(true);
    expect(a.rate).toBe(b.rate);
    expect(a.rate).toBeGreaterThan(0);
    expect(a.rate).toBeLessThan(1);
    const mature = stats(EXPLORE_UNTIL, 30);
    const m = estimateRate('click', mature, 1, new SeededRandom(7));
    expect(m).toEqual({ rate: expect.closeTo((2 + 30) / (200 + EXPLORE_UNTIL), 12), explored: false });
  });

  it('Thompson draws average to the posterior mean (property over stats)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: EXPLORE_UNTIL - 1 }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        fc.double({ min: 0.25, max: 4, noNaN: true }),
        fc.integer(),
        (impressions, ctr, ratio, seed) => {
          const s = stats(impressions, Math.round(impressions * ctr));
          const mean = estimateRate('click', s, ratio, null).rate;
          const random = new SeededRandom(seed);
          let sum = 0;
          const n = 400;
          for (let i = 0; i < n; i++) {
            const draw = estimateRate('click', s, ratio, random).rate;
            expect(draw).toBeGreaterThanOrEqual(0);
            expect(draw).toBeLessThanOrEqual(1);
            sum += draw;
          }
          // The posterior's standard deviation is at most √(mean / 200); the average of 400 draws is
          // within 5 standard errors of the mean.
          const sd = Math.sqrt((mean * (1 - mean)) / (200 + impressions));
          expect(Math.abs(sum / n - mean)).toBeLessThan((5 * sd) / Math.sqrt(n) + 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });
});
