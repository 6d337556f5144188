import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngagementCounters } from './model.js';
import { engagementRate, MIN_BASELINE_POSTS, type PerformanceInput, scorePosts } from './post-performance.js';

const counters = (views: number, engaged: number): EngagementCounters => {
  // Spread the engagement over the four kinds so every one of them counts.
  const q = Math.floor(engaged / 4);
  return { views, likes: engaged - 3 * q, comments: q, shares: q, follows: q };
};
const post = (id: string, views: number, engaged: number): PerformanceInput => ({
  id,
  organic: counters(views, engaged),
});

const countersArb = fc.record({
  views: fc.integer({ min: 0, max: 50_000_000 }),
  likes: fc.integer({ min: 0, max: 2_000_000 }),
  comments: fc.integer({ min: 0, max: 200_000 }),
  shares: fc.integer({ min: 0, max: 200_000 }),
  follows: fc.integer({ min: 0, max: 200_000 }),
});
const postsArb = fc
  .uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 25 })
  .chain((ids) =>
    fc.tuple(...ids.map((id) => countersArb.map((organic) => ({ id, organic })))),
  ) as fc.Arbitrary<PerformanceInput[]>;

describe('engagementRate', () => {
  it('is (likes + comments + shares + follows) / views, and 0 without views', () => {
    expect(engagementRate({ views: 1000, likes: 50, comments: 20, shares: 20, follows: 10 })).toBeCloseTo(
      0.1,
      12,
    );
    expect(engagementRate({ views: 0, likes: 5, comments: 0, shares: 0, follows: 0 })).toBe(0);
  });
});

describe('scorePosts', () => {
  it('scores the creator’s median post 100, a stronger one above, a weaker one below', () => {
    const scores = scorePosts([
      post('weak', 2_000, 60), // 3%
      post('median', 10_000, 500), // 5%
      post('strong', 50_000, 4_000), // 8%
    ]);
    expect(scores.get('median')?.index).toBe(100);
    expect(scores.get('strong')?.index).toBeGreaterThan(100);
    expect(scores.get('weak')?.index).toBeLessThan(100);
    expect(scores.get('strong')).toMatchObject({ percentile: 100, label: 'TOP' });
    expect(scores.get('median')).toMatchObject({ percentile: 50, label: 'ABOVE_MEDIAN' });
    expect(scores.get('weak')).toMatchObject({ percentile: 0, label: 'BELOW_MEDIAN' });
    expect(scores.get('median')?.baseline).toEqual({
      posts: 3,
      medianViews: 10_000,
      medianEngagementRate: 0.05,
    });
    expect(scores.get('strong')?.engagementRate).toBeCloseTo(0.08, 12);
  });

  it('the median of an even number of posts is the mean of the two middle ones', () => {
    const scores = scorePosts([
      post('a', 1_000, 10),
      post('b', 2_000, 40),
      post('c', 4_000, 160),
      post('d', 8_000, 640),
    ]);
    expect(scores.get('a')?.baseline.medianViews).toBe(3_000);
    expect(scores.get('a')?.baseline.medianEngagementRate).toBeCloseTo((0.02 + 0.04) / 2, 12);
  });

  it('needs three posts before labelling them (the baseline means nothing before)', () => {
    expect(MIN_BASELINE_POSTS).toBe(3);
    const two = scorePosts([post('a', 100, 1), post('b', 100_000, 10_000)]);
    for (const p of two.values()) expect(p.label).toBe('NOT_ENOUGH_DATA');
    const one = scorePosts([post('only', 5_000, 250)]);
    expect(one.get('only')).toMatchObject({ index: 100, percentile: 50, label: 'NOT_ENOUGH_DATA' });
  });

  it('never labels a post shown at index 100 as below the median', () => {
    // Unrounded, the second post scores 99.9…: it is shown as 100, so it is not "below median".
    const scores = scorePosts([
      post('a', 10_000, 500),
      post('b', 9_990, 499),
      post('c', 10_010, 501),
      post('d', 3_000, 60),
    ]);
    const b = scores.get('b');
    expect(b?.index).toBe(100);
    expect(b?.label).toBe('ABOVE_MEDIAN');
  });

  it('smooths tiny numbers: a post with 3 views and 3 likes is not a superstar', () => {
    const scores = scorePosts([
      post('tiny', 3, 3), // 100% engagement on 3 views
      post('a', 10_000, 500),
      post('b', 12_000, 600),
      post('c', 8_000, 400),
    ]);
    const tiny = scores.get('tiny');
    expect(tiny?.index).toBeLessThan(100);
    expect(tiny?.label).toBe('BELOW_MEDIAN');
  });

  it('handles a creator whose posts have no views at all', () => {
    const scores = scorePosts([post('a', 0, 0), post('b', 0, 0), post('c', 0, 0)]);
    for (const p of scores.values()) {
      expect(p.index).toBe(100);
      expect(p.engagementRate).toBe(0);
    }
  });

  it('scores every post, with finite indexes, percentiles in 0–100 and consistent labels', () => {
    fc.assert(
      fc.property(postsArb, (posts) => {
        const scores = scorePosts(posts);
        expect([...scores.keys()].sort()).toEqual(posts.map((p) => p.id).sort());
        for (const p of posts) {
          const s = scores.get(p.id);
          if (!s) throw new Error('missing score');
          expect(Number.isFinite(s.index) && s.index >= 0).toBe(true);
          expect(Number.isInteger(s.index)).toBe(true);
          expect(s.percentile >= 0 && s.percentile <= 100).toBe(true);
          expect(s.baseline.posts).toBe(posts.length);
          const label =
            posts.length < MIN_BASELINE_POSTS
              ? 'NOT_ENOUGH_DATA'
              : s.percentile >= 80
                ? 'TOP'
                : s.index >= 100
                  ? 'ABOVE_MEDIAN'
                  : 'BELOW_MEDIAN';
          // The label agrees with the index shown: never "100, below median".
          expect(s.label).toBe(label);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('does not depend on the order of the posts', () => {
    fc.assert(
      fc.property(
        postsArb.chain((posts) =>
          fc.tuple(fc.constant(posts), fc.shuffledSubarray(posts, { minLength: posts.length })),
        ),
        ([posts, shuffled]) => {
          expect(scorePosts(shuffled)).toEqual(scorePosts(posts));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ranks: with equal engagement rates, more views never scores lower', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 10_000_000 }), { minLength: 3, maxLength: 15 }),
        (viewCounts) => {
          // 5% engagement everywhere (views are multiples of 20 so the rate is exact).
          const posts = viewCounts.map((v, i) => post(`p${i}`, v * 20, v));
          const scores = scorePosts(posts);
          const byViews = [...posts].sort((a, b) => a.organic.views - b.organic.views);
          for (let i = 1; i < byViews.length; i++) {
            const lower = scores.get(byViews[i - 1]!.id)!;
            const higher = scores.get(byViews[i]!.id)!;
            expect(higher.index).toBeGreaterThanOrEqual(lower.index);
            expect(higher.percentile).toBeGreaterThan(lower.percentile);
          }
        },
      ),
    );
  });
});
