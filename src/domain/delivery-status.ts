import { authorizationStatus } from './authorization.js';
import type { DeliveryStatus } from './enums.js';
import type { Ad, AdGroup, Authorization, Campaign, Post } from './model.js';
import type { Micros } from './money.js';
import { daypartCell, daypartingAllows } from './time.js';

/** Why something is or isn't delivering now: one status and a sentence a media buyer understands. */
export interface DeliveryState {
  status: DeliveryStatus;
  reason: string;
}

export interface SpendFacts {
  campaignToday: Micros;
  adGroupToday: Micros;
}

const state = (status: DeliveryStatus, reason: string): DeliveryState => ({ status, reason });

/** Budget states shared by campaigns and ad groups. */
function budgetState(
  kind: 'campaign' | 'ad group',
  entity: { budgetMode: string; budgetMicros: Micros | null; spendMicros: Micros },
  spentToday: Micros,
): DeliveryState | null {
  if (entity.budgetMicros === null) return null;
  if (entity.budgetMode === 'BUDGET_MODE_DAY' && spentToday >= entity.budgetMicros) {
    return state(
      'BUDGET_EXHAUSTED',
      `The ${kind}'s daily budget is spent; delivery resumes at midnight in the account's time zone.`,
    );
  }
  if (entity.budgetMode === 'BUDGET_MODE_TOTAL' && entity.spendMicros >= entity.budgetMicros) {
    return state('BUDGET_EXHAUSTED', `The ${kind}'s lifetime budget is spent.`);
  }
  return null;
}

export function campaignOwnState(campaign: Campaign, spentToday: Micros): DeliveryState | null {
  if (campaign.deletedAt !== null) return state('DELETED', 'The campaign was deleted.');
  if (campaign.operationStatus === 'DISABLE') return state('DISABLED', 'The campaign is paused.');
  return budgetState('campaign', campaign, spentToday);
}

/** The ad group's own state (ignoring its ads), given its campaign. */
export function adGroupOwnState(
  group: AdGroup,
  campaign: Campaign,
  spend: SpendFacts,
  timeZone: string,
  now: number,
): DeliveryState | null {
  if (group.deletedAt !== null) return state('DELETED', 'The ad group was deleted.');
  const campaignState = campaignOwnState(campaign, spend.campaignToday);
  if (campaignState && campaignState.status !== 'BUDGET_EXHAUSTED') {
    return state('CAMPAIGN_DISABLED', campaignState.reason);
  }
  if (group.operationStatus === 'DISABLE') return state('DISABLED', 'The ad group is paused.');
  if (now < group.scheduleStartAt) {
    return state('SCHEDULED', `The schedule starts at ${new Date(group.scheduleStartAt).toISOString()}.`);
  }
  if (group.scheduleEndAt !== null && now >= group.scheduleEndAt) {
    return state('ENDED', `The schedule ended at ${new Date(group.scheduleEndAt).toISOString()}.`);
  }
  // Precedence: deleted > disabled > schedule > budget > dayparting.
  if (campaignState) return campaignState;
  const budget = budgetState('ad group', group, spend.adGroupToday);
  if (budget) return budget;
  if (!daypartingAllows(group.dayparting, daypartCell(now, timeZone))) {
    return state('OUTSIDE_DAYPARTING', 'The dayparting grid is off for this half hour.');
  }
  return null;
}

/** The authorization that decides an ad's fate: the active one lasting longest, else the one that ended last. */
export function pickAuthorization(authorizations: Authorization[], now: number): Authorization | undefined {
  const endedAt = (a: Authorization) => a.revokedAt ?? a.endsAt;
  const active = authorizations.filter((a) => a.revokedAt === null && now < a.endsAt);
  const pool = active.length > 0 ? active : authorizations;
  return pool.reduce<Authorization | undefined>(
    (best, a) => (!best || endedAt(a) > endedAt(best) ? a : best),
    undefined,
  );
}

export interface AdFacts {
  ad: Ad;
  adGroup: AdGroup;
  campaign: Campaign;
  post: Post;
  /** Authorizations binding the ad's post to the ad's account. */
  authorizations: Authorization[];
  spend: SpendFacts;
  timeZone: string;
}

export function adDeliveryState(f: AdFacts, now: number): DeliveryState {
  if (f.ad.deletedAt !== null) return state('DELETED', 'The ad was deleted.');
  const groupState = adGroupOwnState(f.adGroup, f.campaign, f.spend, f.timeZone, now);
  if (groupState?.status === 'DISABLED' || groupState?.status === 'DELETED') {
    return state('AD_GROUP_DISABLED', groupState.reason.replace('The ad group', 'Its ad group'));
  }
  if (groupState?.status === 'CAMPAIGN_DISABLED') return groupState;
  // Precedence: deleted > disabled > review > authorization > post > schedule > budget > dayparting.
  if (f.ad.operationStatus === 'DISABLE') return state('DISABLED', 'The ad is paused.');
  if (f.ad.reviewStatus === 'PENDING')
    return state('IN_REVIEW', 'The ad is waiting for the platform’s review.');
  if (f.ad.reviewStatus === 'REJECTED') {
    return state('REJECTED', `The platform rejected the ad: ${f.ad.reviewReason ?? 'no reason given'}.`);
  }
  const auth = pickAuthorization(f.authorizations, now);
  if (!auth)
    return state(
      'AUTHORIZATION_MISSING',
      'No authorization from the creator binds this post to the ad account.',
    );
  const authState = authorizationStatus(auth, now);
  if (authState === 'REVOKED') {
    return state('AUTHORIZATION_REVOKED', 'The creator revoked the authorization; ask them for a new code.');
  }
  if (authState === 'EXPIRED') {
    return state(
      'AUTHORIZATION_EXPIRED',
      `The creator's authorization ended at ${new Date(auth.endsAt).toISOString()}; ask them to extend it.`,
    );
  }
  if (f.post.visibility !== 'PUBLIC') {
    return state(
      'POST_UNAVAILABLE',
      `The creator's post is ${f.post.visibility.toLowerCase()} and cannot be shown.`,
    );
  }
  if (groupState) return groupState;
  return state('DELIVERING', 'Eligible to serve.');
}

/** An ad group delivers when it may and at least one of its ads may. */
export function adGroupDeliveryState(own: DeliveryState | null, adStates: DeliveryState[]): DeliveryState {
  if (own) return own;
  if (adStates.some((s) => s.status === 'DELIVERING')) return state('DELIVERING', 'Eligible to serve.');
  const blocking = adStates.find((s) => s.status !== 'DELETED');
  return blocking
    ? state('NO_DELIVERABLE_ADS', `No ad can serve: ${blocking.reason}`)
    : state('NO_DELIVERABLE_ADS', 'The ad group has no ads yet.');
}

export function campaignDeliveryState(
  own: DeliveryState | null,
  groupStates: DeliveryState[],
): DeliveryState {
  if (own) return own;
  if (groupStates.some((s) => s.status === 'DELIVERING')) return state('DELIVERING', 'Eligible to serve.');
  const live = groupStates.filter((s) => s.status !== 'DELETED');
  if (live.length === 0) return state('NO_DELIVERABLE_ADS', 'The campaign has no ad groups yet.');
  const scheduled = live.find((s) => s.status === 'SCHEDULED');
  if (scheduled) return scheduled;
  return state('NO_DELIVERABLE_ADS', `No ad group can serve: ${(live[0] as DeliveryState).reason}`);
}
