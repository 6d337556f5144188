import type { Viewer } from '../delivery/viewer.js';
import type { BillingEvent } from '../domain/enums.js';
import type { AdEventInput, ConversionInput } from '../events/types.js';
import type { Variant } from './baselines.js';
import type { PlannedPost, WorldPlan } from './world.js';

/**
 * What the simulator drives: the system in process (services, engine and event pipeline on a
 * manual clock) or a running server over HTTP. The runner speaks only this interface.
 */
export interface CreatedGroup {
  adGroupId: string;
  campaignId: string;
  accountId: string;
  /** The ads of the group and the posts they promote. */
  ads: Map<string, PlannedPost>;
}

export interface ServedInfo {
  decisionId: string;
  adId: string;
  adGroupId: string;
  token: string;
  billingEvent: BillingEvent;
  /** Charge per billing event (micros). */
  priceMicros: number;
}

/** Spend and counts of one ad group in one 15-minute bucket, as the system recorded them. */
export interface RecordedBucket {
  adGroupId: string;
  /** Start of the 15-minute bucket (ms). */
  bucket: number;
  billedMicros: number;
  unchargedMicros: number;
  counts: Partial<Record<string, number>>;
}

export interface Recorded {
  buckets: RecordedBucket[];
  /** Distinct viewers with a valid impression, per ad group. */
  reach: Map<string, number>;
  /** True when spend was read from the system's own records (else estimated from prices). */
  exact: boolean;
  /**
   * When spend is estimated: each ad group's total spend as the system stored it (micros, rounded
   * to the currency's precision by the API), to check the estimate against.
   */
  stored?: Map<string, number>;
}

export interface SimTarget {
  readonly description: string;
  /** Creates the world; returns one entry per planned ad group, in plan order. */
  create(plan: WorldPlan, variant: Variant): Promise<CreatedGroup[]>;
  /** Moves the system's clock (in process); over HTTP the server keeps its own clock. */
  setTime(t: number): void;
  decide(
    viewer: Viewer,
    page: { startPosition: number; organicPostIds: string[] },
    adsShown: { adId: string; position: number }[],
  ): Promise<ServedInfo[]>;
  sendAdEvents(events: AdEventInput[]): Promise<void>;
  sendConversions(conversions: ConversionInput[]): Promise<void>;
  /** What the system recorded (after the last events). */
  recorded(): Promise<Recorded>;
  close(): Promise<void>;
}
