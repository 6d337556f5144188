import { betaUpperQuantile } from '../domain/beta-distribution.js';
import { auctionScore } from './auction.js';
import { EXPLORE_UNTIL, estimateRate, posterior } from './prediction.js';
import type { AdRecord, GroupRecord } from './records.js';

/**
 * Best-first candidate retrieval. Each ad group has an upper bound on the auction score any of its
 * ads can reach: its CPM bid × quality, or bid × posterior mean rate × 1000 × quality for an
 * established ad, or bid × 1000 × quality (rate ≤ 1) for an ad still exploring by Thompson
 * sampling. Matched groups are bucketed by bound into geometric tiers (a radix sort, O(matched));
 * the engine evaluates tiers from the top and stops as soon as the best eligible entry it has
 * outscores the upper edge of every tier left (WAND-style pruning, as in the top-N algorithm of
 * Whang et al., VLDB 2009). Nothing that could win or set a price is skipped: the outcome is the
 * one exhaustive evaluation gives, at a fraction of the cost when many groups match.
 *
 * An exploring ad's rate is a Thompson draw X ~ Beta(α, β), unbounded below 1. Its posterior is
 * split at the (1 − EXPLORE_TAIL) quantile q: per decision, each exploring ad draws from the tail
 * with probability EXPLORE_TAIL (chosen by a geometric skip over the matched exploring ads, so the
 * coins cost nothing for the others) and from the body X ≤ q otherwise. The mixture is exactly
 * Beta(α, β), and the body is bounded by q, so exploring ads are pruned like the others unless
 * their tail was drawn (then their group is evaluated first).
 */
export const TIER_COUNT = 128;
/** Tiers per band: the index keeps each band's groups apart, so it can match one band at a time. */
export const TIERS_PER_BAND = 8;
const TIER_BASE = 1_000;
const TIER_RATIO = 1.2;
const LOG_RATIO = Math.log(TIER_RATIO);
/** TIER_EDGES[t] is the exclusive upper edge of tier t (bounds in tier t are < TIER_EDGES[t]). */
const TIER_EDGES = Float64Array.from({ length: TIER_COUNT }, (_, t) =>
  t === TIER_COUNT - 1 ? Number.POSITIVE_INFINITY : TIER_BASE * TIER_RATIO ** (t + 1),
);

/** The tier of a bound: TIER_EDGES[t − 1] ≤ bound < TIER_EDGES[t] (exact despite log rounding). */
export function tierOf(bound: number): number {
  if (!(bound > TIER_BASE)) return 0;
  let t = Math.min(TIER_COUNT - 1, Math.floor(Math.log(bound / TIER_BASE) / LOG_RATIO));
  while (bound >= (TIER_EDGES[t] as number)) t++;
  while (t > 0 && bound < (TIER_EDGES[t - 1] as number)) t--;
  return t;
}

export function bandOfTier(tier: number): number {
  return Math.floor(tier / TIERS_PER_BAND);
}

/** Every bound in `band` is below this. */
export function bandUpperEdge(band: number): number {
  return TIER_EDGES[Math.min(TIER_COUNT - 1, band * TIERS_PER_BAND + TIERS_PER_BAND - 1)] as number;
}

/** Probability that an exploring ad's draw comes from above its quantile. */
export const EXPLORE_TAIL = 1 / 1024;
export const LOG_NOT_TAIL = Math.log1p(-EXPLORE_TAIL);
/** Beyond the highest normal band: groups with exploring ads, matched first every decision. */
export const EXPLORE_BAND = TIER_COUNT / TIERS_PER_BAND;

/** An exploring ad's posterior and its (1 − EXPLORE_TAIL) quantile. */
export interface Exploration {
  alpha: number;
  beta: number;
  quantile: number;
}

/** True when the auction draws the ad's rate (Thompson sampling) rather than using its mean. */
export function isExploring(record: AdRecord): boolean {
  return record.action !== null && record.stats.impressions < EXPLORE_UNTIL;
}

/** The ad's exploration split, reusing `previous` when the posterior has not changed. */
export function exploration(record: AdRecord, previous: Exploration | undefined): Exploration {
  const { alpha, beta } = posterior(
    record.action as NonNullable<AdRecord['action']>,
    record.stats,
    record.ratio,
  );
  if (previous && previous.alpha === alpha && previous.beta === beta) return previous;
  return { alpha, beta, quantile: betaUpperQuantile(EXPLORE_TAIL, alpha, beta, previous?.quantile) };
}

/**
 * The highest score any ad of the group can reach, exploring ads counted at their body quantile
 * (blocked ads included: a safe bound), and how many of its ads explore.
 */
export function scoreBound(
  group: GroupRecord,
  explorationOf: (record: AdRecord) => Exploration,
): { bound: number; exploring: number } {
  const g = group.adGroup;
  let best = 0;
  let exploring = 0;
  for (const record of group.ads) {
    let rate = 1;
    if (record.action && isExploring(record)) {
      rate = explorationOf(record).quantile;
      exploring++;
    } else if (record.action) rate = estimateRate(record.action, record.stats, record.ratio, null).rate;
    const score = auctionScore({
      billingEvent: g.billingEvent,
      bidMicros: g.bidMicros,
      actionRate: rate,
      quality: record.quality,
    });
    if (score > best) best = score;
  }
  return { bound: best, exploring };
}

/**
 * Matched slots bucketed by tier, handed out best tier first. Slots may be added between hand-outs
 * (the engine matches the index band by band). Reused across decisions.
 */
export class CandidateQueue {
  private readonly buckets: Int32Array[] = [];
  private readonly counts = new Int32Array(TIER_COUNT);
  private top = -1;
  private bottom = TIER_COUNT;
  /** Highest tier holding slots not yet handed out (−1 when none). */
  private cursor = -1;
  /** Slots added since the last reset. */
  added = 0;

  constructor() {
    for (let t = 0; t < TIER_COUNT; t++) this.buckets.push(new Int32Array(16));
  }

  reset(): void {
    for (let t = this.bottom; t <= this.top; t++) this.counts[t] = 0;
    this.top = -1;
    this.bottom = TIER_COUNT;
    this.cursor = -1;
    this.added = 0;
  }

  add(slot: number, tier: number): void {
    let bucket = this.buckets[tier] as Int32Array;
    const n = this.counts[tier] as number;
    if (n === bucket.length) {
      const grown = new Int32Array(n * 2);
      grown.set(bucket);
      this.buckets[tier] = grown;
      bucket = grown;
    }
    bucket[n] = slot;
    this.counts[tier] = n + 1;
    this.added++;
    if (tier > this.top) this.top = tier;
    if (tier < this.bottom) this.bottom = tier;
    if (tier > this.cursor) this.cursor = tier;
  }

  get hasMore(): boolean {
    return this.cursor >= 0;
  }

  /** Every slot not yet handed out has a bound below this (−∞ when none remain). */
  get remainingBound(): number {
    return this.cursor >= 0 ? (TIER_EDGES[this.cursor] as number) : Number.NEGATIVE_INFINITY;
  }

  /** Hands out the best remaining tier's slots to `visit` (which must not add slots). */
  nextTier(visit: (slot: number) => void): void {
    const tier = this.cursor;
    if (tier < 0) return;
    const bucket = this.buckets[tier] as Int32Array;
    const n = this.counts[tier] as number;
    this.counts[tier] = 0;
    let next = tier - 1;
    while (next >= this.bottom && this.counts[next] === 0) next--;
    this.cursor = next >= this.bottom ? next : -1;
    for (let i = 0; i < n; i++) visit(bucket[i] as number);
  }
}
