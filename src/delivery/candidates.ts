import { betaBelow, betaUpperQuantile } from '../domain/beta-distribution.js';
import type { RandomSource } from '../domain/random.js';
import { auctionScore } from './auction.js';
import { EXPLORE_UNTIL, estimateRate, posterior } from './prediction.js';
import type { AdRecord, GroupRecord } from './records.js';

/**
 * Best-first candidate retrieval. Each ad group has an upper bound on the auction score any of its
 * ads can reach: its CPM bid × quality, or bid × posterior mean rate × 1000 × quality for an
 * established ad, or bid × (a bound on the Thompson draw) × 1000 × quality for an ad still
 * exploring. Matched groups are bucketed by bound into geometric tiers (a radix sort, O(matched));
 * the engine takes groups from the top, in exact order of bound within the tiers it reaches (a
 * heap), and stops as soon as the best eligible entry it has reaches the bound of every group left
 * (WAND-style pruning, as in the top-N algorithm of Whang et al., VLDB 2009). Nothing that could win
 * or set a price is skipped: the outcome is the one exhaustive evaluation gives, at a fraction of the
 * cost when many groups match.
 *
 * An exploring ad's rate is a Thompson draw X ~ Beta(α, β), unbounded below 1. Its posterior is
 * split into levels at a few upper quantiles (see EXPLORE_TAILS): per decision, each matched
 * exploring ad's level is drawn with its exact probability (by independent trials whose successes
 * are found with a geometric skip over the matched exploring ads, so the ads that stay in the body
 * cost nothing), then its rate is drawn within that level. The mixture is exactly Beta(α, β), and
 * each level bounds the draw, so an exploring group is ranked by the bound of the level its ads
 * drew: most sit at their body bound (a modest multiple of the mean), and only the rare high draws
 * rank high.
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

/**
 * Exploration levels. An exploring ad's Thompson draw X ~ Beta(α, β) is split at its cuts: the
 * (1 − EXPLORE_TAILS[k]) quantiles. Level 0 (the body) is X ≤ cut 0; level k is cut k−1 < X ≤ cut
 * k; the top level (EXPLORE_LEVELS) is X > the last cut. Each level is drawn with its exact
 * probability, so the mixture is exactly Beta(α, β), and a level bounds the draw by its upper cut (1
 * at the top). Most draws fall in the body, whose cut is a modest multiple of the mean.
 */
export const EXPLORE_TAILS: readonly number[] = [1 / 8, 1 / 32, 1 / 128, 1 / 1024];
/** The top level; levels run 0 (body) to EXPLORE_LEVELS. */
export const EXPLORE_LEVELS = EXPLORE_TAILS.length;
/** P(level ≥ k) for k = 0 … EXPLORE_LEVELS + 1 (1 first, 0 last). */
const AT_LEAST = [1, ...EXPLORE_TAILS, 0];
/**
 * log(1 − π_k) for k = 1 … EXPLORE_LEVELS, where π_k is the probability of an independent trial that
 * lifts an ad to level ≥ k: an ad's level is the highest k whose trial succeeds, and
 * 1 − P(level ≥ k) = ∏_{j ≥ k} (1 − π_j) gives 1 − π_k = (1 − AT_LEAST[k]) / (1 − AT_LEAST[k + 1]).
 */
export const LOG_NOT_TRIAL: readonly number[] = EXPLORE_TAILS.map((_, i) =>
  Math.log((1 - (AT_LEAST[i + 1] as number)) / (1 - (AT_LEAST[i + 2] as number))),
);
/** Beyond the highest normal band: groups with exploring ads, matched first every decision. */
export const EXPLORE_BAND = TIER_COUNT / TIERS_PER_BAND;

/** An exploring ad's posterior and its cuts (the (1 − EXPLORE_TAILS[k]) quantiles, ascending). */
export interface Exploration {
  alpha: number;
  beta: number;
  cuts: readonly number[];
}

/** True when the auction draws the ad's rate (Thompson sampling) rather than using its mean. */
export function isExploring(record: AdRecord): boolean {
  return record.action !== null && record.stats.impressions < EXPLORE_UNTIL;
}

/** The ad's exploration cuts, reusing `previous` when the posterior has not changed. */
export function exploration(record: AdRecord, previous: Exploration | undefined): Exploration {
  const { alpha, beta } = posterior(
    record.action as NonNullable<AdRecord['action']>,
    record.stats,
    record.ratio,
  );
  if (previous && previous.alpha === alpha && previous.beta === beta) return previous;
  const cuts: number[] = [];
  for (let k = 0; k < EXPLORE_LEVELS; k++) {
    // Each cut starts from the previous posterior's (or the lower cut): a few Newton steps.
    const guess = previous?.cuts[k] ?? cuts[k - 1];
    cuts.push(betaUpperQuantile(EXPLORE_TAILS[k] as number, alpha, beta, guess));
  }
  return { alpha, beta, cuts };
}

/** The highest rate an exploring ad at `level` can draw. */
export function levelBound(e: Exploration, level: number): number {
  return level >= EXPLORE_LEVELS ? 1 : (e.cuts[level] as number);
}

/** An exploring ad's Thompson draw, given its level (exactly Beta(α, β) over the levels' mixture). */
export function drawAtLevel(random: RandomSource, e: Exploration, level: number): number {
  if (level === 0) return betaBelow(random, e.alpha, e.beta, e.cuts[0] as number);
  // By inversion: the upper-tail probability is uniform between the level's two cuts'.
  const hi = AT_LEAST[level] as number;
  const lo = AT_LEAST[level + 1] as number;
  const p = lo + (1 - random.float()) * (hi - lo);
  const x = betaUpperQuantile(p, e.alpha, e.beta, e.cuts[level - 1]);
  return Math.min(x, levelBound(e, level));
}

/**
 * The highest score any ad of the group can reach with its exploring ads at `level` (blocked ads
 * included: a safe bound), and how many of its ads explore.
 */
export function scoreBound(
  group: GroupRecord,
  explorationOf: (record: AdRecord) => Exploration,
  level = 0,
): { bound: number; exploring: number } {
  const g = group.adGroup;
  let best = 0;
  let exploring = 0;
  for (const record of group.ads) {
    let rate = 1;
    if (record.action && isExploring(record)) {
      rate = levelBound(explorationOf(record), level);
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

/** An entry's exact bound, read only when its tier is reached (see CandidateQueue.add). */
export type BoundResolver = (slot: number, key: number) => number;

/**
 * Matched slots bucketed by tier, handed out one at a time in exact descending order of bound:
 * tiers are a radix sort that costs O(1) per matched slot, and only the tiers reached are moved
 * into a binary max-heap on the exact bounds. So the best remaining slot is known exactly (a
 * decision stops after the few groups that can still win or set a price, not after whole tiers),
 * while the many matched slots never reached cost one append each. Slots may be added between
 * hand-outs (the engine matches the index band by band). Reused across decisions.
 */
export class CandidateQueue {
  private readonly buckets: Int32Array[] = [];
  private readonly bucketKeys: Int32Array[] = [];
  private readonly counts = new Int32Array(TIER_COUNT);
  private top = -1;
  private bottom = TIER_COUNT;
  /** Highest tier holding slots not yet moved to the heap (−1 when none). */
  private cursor = -1;
  private heapSlots = new Int32Array(64);
  private heapBounds = new Float64Array(64);
  private heapKeys = new Int32Array(64);
  private heapSize = 0;
  private resolve: BoundResolver = () => Number.POSITIVE_INFINITY;
  /** Slots added since the last reset. */
  added = 0;
  /** The key of the slot `pop` returned last. */
  poppedKey = 0;

  constructor() {
    for (let t = 0; t < TIER_COUNT; t++) {
      this.buckets.push(new Int32Array(16));
      this.bucketKeys.push(new Int32Array(16));
    }
  }

  /** Empties the queue; `resolve` gives the entries' bounds. */
  reset(resolve: BoundResolver): void {
    for (let t = this.bottom; t <= this.top; t++) this.counts[t] = 0;
    this.top = -1;
    this.bottom = TIER_COUNT;
    this.cursor = -1;
    this.heapSize = 0;
    this.added = 0;
    this.resolve = resolve;
  }

  /**
   * Adds a slot in `tier` (every score its group can reach is below the tier's upper edge) with an
   * integer key ≥ 0 for the caller: the exact bound is resolved from (slot, key) only when the queue
   * reaches the tier (key 0) or the entry reaches the top of the heap (other keys: costlier to
   * resolve), so the many entries never reached cost two writes. The key comes back with the slot.
   */
  add(slot: number, tier: number, key: number): void {
    let bucket = this.buckets[tier] as Int32Array;
    let keys = this.bucketKeys[tier] as Int32Array;
    const n = this.counts[tier] as number;
    if (n === bucket.length) {
      const grown = new Int32Array(n * 2);
      grown.set(bucket);
      this.buckets[tier] = grown;
      bucket = grown;
      const grownKeys = new Int32Array(n * 2);
      grownKeys.set(keys);
      this.bucketKeys[tier] = grownKeys;
      keys = grownKeys;
    }
    bucket[n] = slot;
    keys[n] = key;
    this.counts[tier] = n + 1;
    this.added++;
    if (tier > this.top) this.top = tier;
    if (tier < this.bottom) this.bottom = tier;
    if (tier > this.cursor) this.cursor = tier;
  }

  /** Every slot not yet handed out has a bound at most this (−∞ when none remain). */
  remainingBound(): number {
    this.settle();
    const edge = this.cursor >= 0 ? (TIER_EDGES[this.cursor] as number) : Number.NEGATIVE_INFINITY;
    return this.heapSize > 0 && (this.heapBounds[0] as number) > edge ? (this.heapBounds[0] as number) : edge;
  }

  /** The remaining slot with the highest bound (its key in `poppedKey`), or −1 when none remain. */
  pop(): number {
    for (;;) {
      this.settle();
      if (
        this.heapSize > 0 &&
        (this.cursor < 0 || (this.heapBounds[0] as number) >= (TIER_EDGES[this.cursor] as number))
      ) {
        this.poppedKey = this.heapKeys[0] as number;
        return this.heapPop();
      }
      if (this.cursor < 0) return -1;
      this.spill();
    }
  }

  /** Hands out every remaining slot (in no particular order) to `visit`, which must not add slots. */
  drain(visit: (slot: number, key: number) => void): void {
    while (this.heapSize > 0) {
      const key = Math.abs(this.heapKeys[0] as number);
      visit(this.heapPop(), key);
    }
    while (this.cursor >= 0) {
      const tier = this.cursor;
      const bucket = this.buckets[tier] as Int32Array;
      const keys = this.bucketKeys[tier] as Int32Array;
      const n = this.counts[tier] as number;
      this.advance(tier);
      for (let i = 0; i < n; i++) visit(bucket[i] as number, keys[i] as number);
    }
  }

  /** Empties the cursor's tier and moves the cursor to the next non-empty tier below it. */
  private advance(tier: number): void {
    this.counts[tier] = 0;
    let next = tier - 1;
    while (next >= this.bottom && this.counts[next] === 0) next--;
    this.cursor = next >= this.bottom ? next : -1;
  }

  /** Resolves the heap's top until it is exact (a deferred entry stands at its tier's upper edge). */
  private settle(): void {
    while (this.heapSize > 0 && (this.heapKeys[0] as number) < 0) {
      const slot = this.heapSlots[0] as number;
      const key = -(this.heapKeys[0] as number);
      this.heapPop();
      this.heapPush(slot, this.resolve(slot, key), key);
    }
  }

  /**
   * Moves the cursor's tier into the heap: entries with key 0 at their exact bound (cheap to read),
   * the others at the tier's upper edge (a safe bound), resolved only if they reach the top.
   */
  private spill(): void {
    const tier = this.cursor;
    const bucket = this.buckets[tier] as Int32Array;
    const keys = this.bucketKeys[tier] as Int32Array;
    const n = this.counts[tier] as number;
    this.advance(tier);
    const resolve = this.resolve;
    const edge = TIER_EDGES[tier] as number;
    for (let i = 0; i < n; i++) {
      const slot = bucket[i] as number;
      const key = keys[i] as number;
      if (key === 0) this.heapPush(slot, resolve(slot, 0), 0);
      else this.heapPush(slot, edge, -key);
    }
  }

  private heapPush(slot: number, bound: number, key: number): void {
    if (this.heapSize === this.heapSlots.length) {
      const n = this.heapSize * 2;
      const slots = new Int32Array(n);
      slots.set(this.heapSlots);
      this.heapSlots = slots;
      const bounds = new Float64Array(n);
      bounds.set(this.heapBounds);
      this.heapBounds = bounds;
      const keys = new Int32Array(n);
      keys.set(this.heapKeys);
      this.heapKeys = keys;
    }
    const slots = this.heapSlots;
    const bounds = this.heapBounds;
    const keys = this.heapKeys;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((bounds[parent] as number) >= bound) break;
      slots[i] = slots[parent] as number;
      bounds[i] = bounds[parent] as number;
      keys[i] = keys[parent] as number;
      i = parent;
    }
    slots[i] = slot;
    bounds[i] = bound;
    keys[i] = key;
  }

  /** Removes the heap's top and returns its slot. */
  private heapPop(): number {
    const slots = this.heapSlots;
    const bounds = this.heapBounds;
    const keys = this.heapKeys;
    const top = slots[0] as number;
    const n = --this.heapSize;
    if (n === 0) return top;
    const slot = slots[n] as number;
    const bound = bounds[n] as number;
    const key = keys[n] as number;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && (bounds[child + 1] as number) > (bounds[child] as number)) child++;
      if ((bounds[child] as number) <= bound) break;
      slots[i] = slots[child] as number;
      bounds[i] = bounds[child] as number;
      keys[i] = keys[child] as number;
      i = child;
    }
    slots[i] = slot;
    bounds[i] = bound;
    keys[i] = key;
    return top;
  }
}
