import type { EngagementCounters } from './model.js';

/**
 * Organic performance of a post against its creator's own baseline (the seed's advice: promote
 * what already works). The index is 100 at the creator's median; 150 means half again as good.
 * It is the geometric mean of two ratios to the creator's medians: views, and engagement rate
 * ((likes + comments + shares + follows) / views), each smoothed so that tiny numbers don't swing it.
 */
export interface PerformanceInput {
  id: string;
  organic: EngagementCounters;
}

export interface PostPerformance {
  index: number;
  /** Share of the creator's other posts this one beats (0–100). */
  percentile: number;
  label: 'TOP' | 'ABOVE_MEDIAN' | 'BELOW_MEDIAN' | 'NOT_ENOUGH_DATA';
  engagementRate: number;
  baseline: { posts: number; medianViews: number; medianEngagementRate: number };
}

/** Posts needed before a baseline means anything. */
export const MIN_BASELINE_POSTS = 3;
const VIEW_SMOOTHING = 100;
const RATE_PRIOR_VIEWS = 200;

export function engagementRate(c: EngagementCounters): number {
  return c.views > 0 ? (c.likes + c.comments + c.shares + c.follows) / c.views : 0;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Scores every post of one creator against that creator's own posts. */
export function scorePosts(posts: PerformanceInput[]): Map<string, PostPerformance> {
  const medianViews = median(posts.map((p) => p.organic.views));
  const medianRate = median(posts.map((p) => engagementRate(p.organic)));
  const raw = posts.map((p) => {
    const viewRatio = (p.organic.views + VIEW_SMOOTHING) / (medianViews + VIEW_SMOOTHING);
    // Shrink each post's rate towards the creator's median in proportion to how few views it has.
    const engaged = p.organic.likes + p.organic.comments + p.organic.shares + p.organic.follows;
    const smoothedRate = (engaged + medianRate * RATE_PRIOR_VIEWS) / (p.organic.views + RATE_PRIOR_VIEWS);
    const rateRatio = medianRate > 0 ? smoothedRate / medianRate : 1;
    return { id: p.id, organic: p.organic, index: 100 * Math.sqrt(viewRatio * rateRatio) };
  });
  const result = new Map<string, PostPerformance>();
  for (const post of raw) {
    const others = raw.filter((o) => o.id !== post.id);
    const beaten = others.filter((o) => o.index < post.index).length;
    const percentile = others.length ? Math.round((100 * beaten) / others.length) : 50;
    const enough = posts.length >= MIN_BASELINE_POSTS;
    result.set(post.id, {
      index: Math.round(post.index),
      percentile,
      label: !enough
        ? 'NOT_ENOUGH_DATA'
        : percentile >= 80
          ? 'TOP'
          : Math.round(post.index) >= 100 // the label agrees with the index shown
            ? 'ABOVE_MEDIAN'
            : 'BELOW_MEDIAN',
      engagementRate: engagementRate(post.organic),
      baseline: { posts: posts.length, medianViews, medianEngagementRate: medianRate },
    });
  }
  return result;
}
