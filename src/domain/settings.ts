import type { Placement } from './enums.js';

/**
 * Platform-wide rules the operator sets (admin UI / PUT /v1/platform/settings). Amounts are decimal
 * strings in each ad account's currency units; a currency may have its own minimums.
 */
export interface PlatformSettings {
  min_campaign_budget: string;
  min_ad_group_daily_budget: string;
  /** Per-currency overrides of the two minimums, e.g. { "JPY": { "campaign": "5000", "ad_group_daily": "2000" } }. */
  currency_minimums: Record<string, { campaign: string; ad_group_daily: string }>;
  /** Approve new ads automatically when they pass the rules (https landing page, domain not blocked). */
  auto_approve_ads: boolean;
  blocked_domains: string[];
  /** Targeting 13–17 year olds is refused unless the platform allows it. */
  allow_minor_targeting: boolean;
  /** Creators see brands' spend and targeting on their analytics only when this is on. */
  creators_see_spend: boolean;
  /** Failed code redemptions allowed per ad account per window before 429. */
  redemption_failures_per_window: number;
  redemption_window_seconds: number;
  ad_load: {
    /** No ad before this 0-based slot of the session. */
    first_ad_slot: number;
    /** At least this many organic posts between two ads. */
    min_organic_between_ads: number;
    max_ads_per_viewer_per_hour: number;
    topview_per_viewer_per_day: number;
  };
  /** Reserve (floor) CPM per placement, decimal in the account currency (applied per currency as given). */
  reserve_cpm: Record<Placement, string>;
  attribution: { view_window_hours: number; click_window_days: number };
}

export const DEFAULT_SETTINGS: PlatformSettings = {
  min_campaign_budget: '50',
  min_ad_group_daily_budget: '20',
  currency_minimums: {},
  auto_approve_ads: true,
  blocked_domains: [],
  allow_minor_targeting: false,
  creators_see_spend: false,
  redemption_failures_per_window: 10,
  redemption_window_seconds: 600,
  ad_load: {
    first_ad_slot: 3,
    min_organic_between_ads: 4,
    max_ads_per_viewer_per_hour: 12,
    topview_per_viewer_per_day: 1,
  },
  reserve_cpm: { IN_FEED: '0.50', TOPVIEW: '5.00' },
  attribution: { view_window_hours: 24, click_window_days: 7 },
};

export function minimumsFor(
  settings: PlatformSettings,
  currency: string,
): { campaign: string; adGroupDaily: string } {
  const override = settings.currency_minimums[currency];
  return {
    campaign: override?.campaign ?? settings.min_campaign_budget,
    adGroupDaily: override?.ad_group_daily ?? settings.min_ad_group_daily_budget,
  };
}
