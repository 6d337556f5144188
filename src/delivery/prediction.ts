import type { BillingEvent, OptimizationGoal } from '../domain/enums.js';
import { beta, type RandomSource } from '../domain/random.js';

/**
 * Predicted action rates per impression, with Bayesian smoothing: a Beta prior whose mean comes
 * from the platform's base rate for the action, adjusted by the post's organic engagement, and
 * whose weight is worth `PRIOR_IMPRESSIONS` impressions; the ad's own impressions and actions
 * update it. New ads explore by Thompson sampling (a draw from the posterior) until they have
 * `EXPLORE_UNTIL` impressions; established ads use the posterior mean.
 */
export const ACTIONS = ['click', 'view_6s', 'follow', 'profile_visit', 'engagement', 'conversion'] as const;
export type Action = (typeof ACTIONS)[number];

/** Platform-wide prior rates per impression (Spark-style feed ads). */
export const BASE_RATES: Record<Action, number> = {
  click: 0.01,
  view_6s: 0.3,
  follow: 0.002,
  profile_visit: 0.006,
  engagement: 0.04,
  conversion: 0.0008,
};

export const PRIOR_IMPRESSIONS = 200;
export const EXPLORE_UNTIL = 2000;

/** The action an impression is worth paying for, given how the ad group buys. */
export function actionFor(billingEvent: BillingEvent, goal: OptimizationGoal): Action | null {
  if (billingEvent === 'CPC') return 'click';
  if (billingEvent === 'CPV') return 'view_6s';
  if (billingEvent === 'CPM') return null;
  switch (goal) {
    case 'CLICK':
      return 'click';
    case 'VIDEO_VIEW':
    case 'ENGAGED_VIEW':
      return 'view_6s';
    case 'FOLLOWERS':
      return 'follow';
    case 'PROFILE_VIEWS':
      return 'profile_visit';
    case 'ENGAGEMENT':
      return 'engagement';
    case 'CONVERT':
      return 'conversion';
    default:
      return null;
  }
}

/** How much an action depends on how engaging the post is organically (exponent of the quality ratio). */
const QUALITY_SENSITIVITY: Record<Action, number> = {
  click: 0.5,
  view_6s: 0.3,
  follow: 1,
  profile_visit: 0.8,
  engagement: 1,
  conversion: 0.3,
};

/** Told when an ad's counts change (the engine re-ranks the ad's group). */
export interface StatsWatcher {
  statsChanged(key: string): void;
}

/**
 * Counts behind an ad's estimates; mutated by the event pipeline as events are committed. Every
 * change is reported to the watcher (if any), so caches derived from the counts (the engine's
 * score bounds) stay exact however the counts are updated (`stats.impressions++`,
 * `stats.actions.click++` work as on plain fields). `actions` is the object itself seen through
 * per-action accessors: one small object per ad (one is kept for every live ad).
 */
export class ActionStats {
  private impressionCount = 0;
  /** Action counts in ACTIONS order. */
  private n0 = 0;
  private n1 = 0;
  private n2 = 0;
  private n3 = 0;
  private n4 = 0;
  private n5 = 0;
  private watcher: StatsWatcher | null = null;
  private watchKey = '';

  get impressions(): number {
    return this.impressionCount;
  }

  set impressions(value: number) {
    this.impressionCount = value;
    this.changed();
  }

  /** Per-action counts: reads and writes like a record (writes are reported like `impressions`). */
  get actions(): Record<Action, number> {
    return this as unknown as Record<Action, number>;
  }

  /** Reports every later change to `watcher` under `key` (one watcher at a time). */
  watch(watcher: StatsWatcher | null, key: string): void {
    this.watcher = watcher;
    this.watchKey = key;
  }

  /** Same as `actions[action]`, without the accessor (hot in the auction). */
  count(action: Action): number {
    return this.read(ACTION_INDEX[action]);
  }

  /** The count of the action at index `i` of ACTIONS. */
  read(i: number): number {
    switch (i) {
      case 0:
        return this.n0;
      case 1:
        return this.n1;
      case 2:
        return this.n2;
      case 3:
        return this.n3;
      case 4:
        return this.n4;
      default:
        return this.n5;
    }
  }

  /** Sets the count of the action at index `i` of ACTIONS (and reports the change). */
  write(i: number, value: number): void {
    switch (i) {
      case 0:
        this.n0 = value;
        break;
      case 1:
        this.n1 = value;
        break;
      case 2:
        this.n2 = value;
        break;
      case 3:
        this.n3 = value;
        break;
      case 4:
        this.n4 = value;
        break;
      default:
        this.n5 = value;
    }
    this.changed();
  }

  changed(): void {
    this.watcher?.statsChanged(this.watchKey);
  }
}

const ACTION_INDEX = Object.fromEntries(ACTIONS.map((a, i) => [a, i])) as Record<Action, number>;

// The `actions` view: an accessor per action on the prototype (`stats.actions.click++` reads and
// writes through them, so every write is reported).
ACTIONS.forEach((action, i) => {
  Object.defineProperty(ActionStats.prototype, action, {
    enumerable: true,
    get(this: ActionStats) {
      return this.read(i);
    },
    set(this: ActionStats, value: number) {
      this.write(i, value);
    },
  });
});

/**
 * The organic engagement of the post relative to the platform's median, clamped to [0.25, 4]
 * (1 = a median post). Drives both the prior and the auction's quality term.
 */
export function engagementRatio(postEngagementRate: number, platformMedianRate: number): number {
  if (platformMedianRate <= 0 || postEngagementRate <= 0) return 1;
  return Math.min(4, Math.max(0.25, postEngagementRate / platformMedianRate));
}

export function priorMean(action: Action, ratio: number): number {
  return Math.min(0.95, BASE_RATES[action] * ratio ** QUALITY_SENSITIVITY[action]);
}

export interface RateEstimate {
  rate: number;
  /** True when the rate was drawn (Thompson sampling) rather than the posterior mean. */
  explored: boolean;
}

/** The Beta posterior of an ad's rate: the prior (from the post's organic engagement) plus its own counts. */
export function posterior(
  action: Action,
  stats: ActionStats,
  ratio: number,
): { alpha: number; beta: number } {
  const mean = priorMean(action, ratio);
  // Enough prior weight that alpha ≥ 1 even for rare actions.
  const weight = Math.max(PRIOR_IMPRESSIONS, 2 / mean);
  const actions = stats.count(action);
  return {
    alpha: weight * mean + actions,
    beta: weight * (1 - mean) + Math.max(0, stats.impressions - actions),
  };
}

export function estimateRate(
  action: Action,
  stats: ActionStats,
  ratio: number,
  random: RandomSource | null,
): RateEstimate {
  const { alpha, beta: betaParam } = posterior(action, stats, ratio);
  if (random && stats.impressions < EXPLORE_UNTIL)
    return { rate: beta(random, alpha, betaParam), explored: true };
  return { rate: alpha / (alpha + betaParam), explored: false };
}

/** Auction quality multiplier from organic engagement: between 0.8 and 1.25. */
export function qualityFactor(ratio: number): number {
  return Math.min(1.25, Math.max(0.8, ratio ** 0.25));
}
