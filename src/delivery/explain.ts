import type { BillingEvent, Placement } from '../domain/enums.js';
import type { Micros } from '../domain/money.js';
import type { Price } from './auction.js';
import type { ExplainEntry, ExplainOutcome, ServedAd } from './engine-types.js';
import type { PacingState } from './pacing.js';
import type { AdRecord, GroupRecord } from './records.js';
import type { TargetingIndex } from './targeting-index.js';
import type { Viewer } from './viewer.js';
import type { ZoneNow } from './zone-cache.js';

/** Why the engine filtered an ad group before its ads were priced (explain renders the detail). */
export type FilterCode =
  | 'SCHEDULE_NOT_STARTED'
  | 'SCHEDULE_ENDED'
  | 'OUTSIDE_DAYPARTING'
  | 'BUDGET_EXHAUSTED'
  | 'FREQUENCY_CAPPED'
  | 'PACING_THROTTLED';

export interface FilterFacts {
  zone: ZoneNow;
  /** Impressions of the group the viewer saw within its frequency window. */
  seen: number;
  pacing: PacingState | undefined;
}

/** The reason and detail explain shows for a filter code (computed only when explaining). */
export function filterExplanation(
  code: FilterCode,
  group: GroupRecord,
  facts: FilterFacts,
): { reason: string; detail: string } {
  const g = group.adGroup;
  switch (code) {
    case 'SCHEDULE_NOT_STARTED':
      return { reason: 'OUTSIDE_SCHEDULE', detail: 'the schedule has not started' };
    case 'SCHEDULE_ENDED':
      return { reason: 'OUTSIDE_SCHEDULE', detail: 'the schedule has ended' };
    case 'OUTSIDE_DAYPARTING':
      return { reason: 'OUTSIDE_DAYPARTING', detail: `dayparting cell ${facts.zone.cell} is off` };
    case 'BUDGET_EXHAUSTED':
      return { reason: 'BUDGET_EXHAUSTED', detail: 'a daily or lifetime budget is spent or held' };
    case 'FREQUENCY_CAPPED':
      return {
        reason: 'FREQUENCY_CAPPED',
        detail: `seen ${facts.seen} times in ${g.frequencySchedule} days (cap ${g.frequency})`,
      };
    case 'PACING_THROTTLED':
      return {
        reason: 'PACING_THROTTLED',
        detail: `smooth pacing pass rate ${(facts.pacing?.passRate ?? 0).toFixed(4)}`,
      };
  }
}

export function explainEntry(
  group: GroupRecord,
  adId: string | null,
  outcome: ExplainOutcome,
  reason: string,
  detail: string,
  scored?: { score: number; ecpm: number },
): ExplainEntry {
  return {
    adGroupId: group.adGroup.id,
    campaignId: group.campaign.id,
    adAccountId: group.account.id,
    adId,
    outcome,
    reason,
    detail,
    score: scored ? Math.round(scored.score) : null,
    ecpmMicros: scored ? Math.round(scored.ecpm) : null,
  };
}

/** Explain covers the matched ad groups plus, on request, named ones that targeting kept out. */
export function explainScope(
  entries: ExplainEntry[],
  scope: { adAccountId?: string | undefined; adGroupIds?: readonly string[] | undefined } | undefined,
  groups: Iterable<GroupRecord>,
  index: TargetingIndex,
  viewer: Viewer,
  placement: Placement,
): ExplainEntry[] {
  const seen = new Set(entries.map((e) => e.adGroupId));
  const extra: ExplainEntry[] = [];
  for (const group of groups) {
    const id = group.adGroup.id;
    if (seen.has(id)) continue;
    const wanted =
      scope?.adGroupIds?.includes(id) ||
      (scope?.adAccountId !== undefined && scope.adAccountId === group.account.id);
    if (!wanted) continue;
    if (group.block) {
      extra.push(explainEntry(group, null, 'FILTERED', group.block, 'the ad group cannot deliver at all'));
    } else {
      const attribute = index.mismatch(id, viewer, placement);
      extra.push(
        explainEntry(
          group,
          null,
          'FILTERED',
          'TARGETING_MISMATCH',
          attribute ? `the viewer does not match its ${attribute} targeting` : 'not matched',
        ),
      );
    }
  }
  const filtered = entries.filter((e) => !scope?.adAccountId || e.adAccountId === scope.adAccountId);
  return [...filtered, ...extra];
}

/** Why one ad cannot serve on its own: the block the loader found, or an authorization ended since. */
export function adBlockExplanation(record: AdRecord, now: number): { reason: string; detail: string } {
  switch (record.block) {
    case 'AD_DISABLED':
      return { reason: 'AD_DISABLED', detail: 'the ad is paused' };
    case 'REVIEW_PENDING':
      return { reason: 'REVIEW_PENDING', detail: 'the ad is waiting for review' };
    case 'REVIEW_REJECTED':
      return { reason: 'REVIEW_REJECTED', detail: 'the ad was rejected in review' };
    case 'AUTHORIZATION_MISSING':
      return {
        reason: 'AUTHORIZATION_MISSING',
        detail: 'no authorization binds the post to the ad account',
      };
    case 'AUTHORIZATION_REVOKED':
      return { reason: 'AUTHORIZATION_REVOKED', detail: 'the creator revoked the authorization' };
    case 'AUTHORIZATION_EXPIRED':
      return { reason: 'AUTHORIZATION_EXPIRED', detail: 'the creator’s authorization has ended' };
    case 'POST_UNAVAILABLE':
      return { reason: 'POST_UNAVAILABLE', detail: 'the post is no longer public' };
    case null:
    case 'CAMPAIGN_DISABLED':
    case 'AD_GROUP_DISABLED':
    case 'NO_ELIGIBLE_ADS':
    case 'SCHEDULE_ENDED':
      break;
  }
  if (now >= record.authEndsAt)
    return { reason: 'AUTHORIZATION_EXPIRED', detail: 'the creator’s authorization has ended' };
  return { reason: 'ELIGIBLE', detail: 'the ad itself could serve' };
}

/** One ad of an ad group that cannot deliver, with its own reason. */
export interface AdExplanation {
  adId: string;
  adName: string;
  postId: string;
  reason: string;
  detail: string;
}

/**
 * What explain adds to an entry for people reading it: the names of the account, campaign, ad group
 * and ad, the post, the bid and, for a served ad, its charge; for an ad group with no eligible ad,
 * each ad's own reason. Read from the engine's records right after the decision.
 */
export interface ExplainDescription {
  adAccountName: string;
  campaignName: string;
  adGroupName: string;
  adName: string | null;
  postId: string | null;
  currency: string;
  billingEvent: BillingEvent;
  bidMicros: Micros;
  /** Served ads only: the charge per billing event, and the price per billing unit (see `priceMicros`). */
  charge: {
    chargeMicros: Micros;
    /** Per 1,000 impressions for CPM and oCPM, per click for CPC, per 6-second view for CPV. */
    priceMicros: Micros;
  } | null;
  /** NO_ELIGIBLE_ADS only: every ad of the group with the reason it cannot serve. */
  ads: AdExplanation[] | null;
}

/** The price of a billing unit from the charge of one billing event. */
export function pricePerBillingUnit(price: Price, billingEvent: BillingEvent): Micros {
  return billingEvent === 'CPM' || billingEvent === 'OCPM' ? price.chargeMicros * 1000 : price.chargeMicros;
}

export function describeExplainEntry(
  entry: ExplainEntry,
  group: GroupRecord,
  served: readonly ServedAd[],
  now: number,
): ExplainDescription {
  const record = entry.adId === null ? undefined : group.ads.find((a) => a.ad.id === entry.adId);
  const billingEvent = group.adGroup.billingEvent;
  const won =
    entry.outcome === 'SERVED'
      ? served.find((s) => s.record.ad.id === entry.adId && s.group.adGroup.id === group.adGroup.id)
      : undefined;
  return {
    adAccountName: group.account.name,
    campaignName: group.campaign.name,
    adGroupName: group.adGroup.name,
    adName: record?.ad.name ?? null,
    postId: record?.creative.postId ?? null,
    currency: group.account.currency,
    billingEvent,
    bidMicros: group.adGroup.bidMicros,
    charge: won
      ? { chargeMicros: won.price.chargeMicros, priceMicros: pricePerBillingUnit(won.price, billingEvent) }
      : null,
    ads:
      entry.adId === null && entry.reason === 'NO_ELIGIBLE_ADS'
        ? group.ads.map((a) => ({
            adId: a.ad.id,
            adName: a.ad.name,
            postId: a.creative.postId,
            ...adBlockExplanation(a, now),
          }))
        : null,
  };
}
