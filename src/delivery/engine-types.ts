import type { Clock } from '../domain/clock.js';
import type { Placement } from '../domain/enums.js';
import type { IdGenerator } from '../domain/ids.js';
import type { RandomSource } from '../domain/random.js';
import type { PlatformSettings } from '../domain/settings.js';
import type { TrackingTokenSigner } from '../domain/tracking-token.js';
import type { Price } from './auction.js';
import type { FrequencyStore } from './frequency.js';
import type { BudgetLedger } from './ledger.js';
import type { PacingInput, PacingState, TrafficCurve } from './pacing.js';
import type { AdRecord, GroupRecord } from './records.js';
import type { Viewer } from './viewer.js';

/** The request, result and dependency types of the feed ad-decision engine. */

export interface DecisionRequest {
  viewer: Viewer;
  placement: Placement;
  page: { startPosition: number; organicPostIds: readonly string[] };
  /** Ads already shown in this session (the host's memory), most recent last. */
  adsShown: readonly { adId: string; position: number }[];
  /** Explain why each ad group was or was not chosen (platform debugging). */
  explain?: { adAccountId?: string | undefined; adGroupIds?: readonly string[] | undefined } | undefined;
  /** Replays a decision's random draws (returned as `seed`). */
  seed?: number | undefined;
  /**
   * Decide (and explain) without consequences: the served ads' budget holds are released at once,
   * nothing is recorded in the viewer's frequency memory, the request is not counted as traffic and
   * no tracking token is signed.
   */
  dryRun?: boolean | undefined;
}

export interface ServedAd {
  decisionId: string;
  indexInPage: number;
  sessionPosition: number;
  group: GroupRecord;
  record: AdRecord;
  price: Price;
  score: number;
  /** Signed claims the host reports events with; null on a dry run (nothing it returns is billable). */
  trackingToken: string | null;
}

export type ExplainOutcome = 'SERVED' | 'LOST_AUCTION' | 'FILTERED';

export interface ExplainEntry {
  adGroupId: string;
  campaignId: string;
  adAccountId: string;
  adId: string | null;
  outcome: ExplainOutcome;
  reason: string;
  detail: string;
  score: number | null;
  ecpmMicros: number | null;
}

export interface DecisionResult {
  seed: number;
  ads: ServedAd[];
  explain: ExplainEntry[] | null;
  /** Ad groups matched by targeting (before schedule, budget, pacing and frequency); explain only. */
  matched: number;
}

/** A pacing controller: brings a group's pacing state up to date (default: `updatePacing`). */
export type PacingPolicy = (state: PacingState | undefined, input: PacingInput) => PacingState;

/**
 * How the winner of a slot is chosen among the eligible ads: by auction score (the product), or
 * uniformly at random (a baseline for the simulator). Pricing is the same second-price rule either
 * way: the winner pays what it needed to beat the best other advertiser, at most its bid.
 */
export type SelectionStrategy = 'auction' | 'random';

export interface EngineDeps {
  clock: Clock;
  random: RandomSource;
  ids: IdGenerator;
  ledger: BudgetLedger;
  frequency: FrequencyStore;
  signer: TrackingTokenSigner;
  settings: PlatformSettings;
  trafficCurve?: TrafficCurve;
  /** How long a served ad holds its expected cost in the ledger (default 15 minutes). */
  holdTtlMs?: number;
  /** Simulator baselines only: replaces the smooth-pacing controller. */
  pacingPolicy?: PacingPolicy;
  /** Simulator baselines only: how winners are chosen (default 'auction'). */
  selection?: SelectionStrategy;
}
