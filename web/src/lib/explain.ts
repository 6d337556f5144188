import type { ExplainEntry, ExplainOutcome } from '../api/types';
import type { Tone } from './labels';

/** Why an ad group did or did not serve, in words (the API's reason codes, docs/delivery.md). */
export const EXPLAIN_REASONS: Record<string, string> = {
  WON_AUCTION: 'Won the auction',
  LOST_AUCTION: 'Lost the auction',
  BELOW_RESERVE: 'Bid below the reserve price',
  PACING_THROTTLED: 'Held back by smooth pacing',
  FREQUENCY_CAPPED: 'Frequency cap reached',
  BUDGET_EXHAUSTED: 'Budget spent',
  OUTSIDE_SCHEDULE: 'Outside its schedule',
  SCHEDULE_ENDED: 'Schedule ended',
  OUTSIDE_DAYPARTING: 'Outside its dayparting hours',
  POST_ON_PAGE: 'Its post is already on this page',
  AD_LOAD_LIMIT: 'Viewer reached the ad cap',
  NO_AD_SLOT: 'No ad slot on this page',
  TARGETING_MISMATCH: 'Targeting does not match',
  AUTHORIZATION_EXPIRED: 'Creator’s authorization expired',
  AUTHORIZATION_REVOKED: 'Creator revoked the authorization',
  AUTHORIZATION_MISSING: 'No authorization',
  POST_UNAVAILABLE: 'Post no longer public',
  REVIEW_PENDING: 'Waiting for review',
  REVIEW_REJECTED: 'Rejected in review',
  CAMPAIGN_DISABLED: 'Campaign paused',
  AD_GROUP_DISABLED: 'Ad group paused',
  AD_DISABLED: 'Ad paused',
  NO_ELIGIBLE_ADS: 'No ad can serve',
};

export const reasonLabel = (reason: string) =>
  EXPLAIN_REASONS[reason] ?? reason.charAt(0) + reason.slice(1).toLowerCase().replaceAll('_', ' ');

export const OUTCOMES: Record<ExplainOutcome, { label: string; tone: Tone }> = {
  SERVED: { label: 'Served', tone: 'green' },
  LOST_AUCTION: { label: 'Lost auction', tone: 'amber' },
  FILTERED: { label: 'Filtered', tone: 'gray' },
};

/** Served first, then those that competed, then filtered ones; by score within each. */
export function sortExplain(entries: readonly ExplainEntry[]): ExplainEntry[] {
  const rank: Record<ExplainOutcome, number> = { SERVED: 0, LOST_AUCTION: 1, FILTERED: 2 };
  return [...entries].sort((a, b) => rank[a.outcome] - rank[b.outcome] || (b.score ?? -1) - (a.score ?? -1));
}

/** Micros of a currency ("500" µ EUR) as money with as many decimals as it needs ("€0.0005"). */
export function formatMicros(micros: number, currency: string): string {
  const value = micros / 1_000_000;
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 6,
    }).format(value);
  } catch {
    return `${value} ${currency}`;
  }
}

/** The engine's details quote micros ("charged 500 µ per CPM"); show them as money of the account. */
export function readableDetail(detail: string, currency: string | undefined): string {
  const units: Record<string, string> = {
    CPM: 'impression',
    OCPM: 'impression',
    CPC: 'click',
    CPV: '6-second view',
  };
  const text = detail.replace(
    / per (OCPM|CPM|CPC|CPV)\b/g,
    (_, unit: string) => ` per ${units[unit] ?? unit}`,
  );
  if (!currency) return text;
  return text.replace(/(\d+(?:\.\d+)?) µ/g, (_, n: string) => formatMicros(Number(n), currency));
}
