import { Type } from '@sinclair/typebox';
import { Money } from '../schemas.js';

const MinimumPair = Type.Object({ campaign: Money, ad_group_daily: Money }, { additionalProperties: false });

/** Platform settings; every field optional on PATCH. */
export const SettingsSchema = Type.Object(
  {
    min_campaign_budget: Money,
    min_ad_group_daily_budget: Money,
    currency_minimums: Type.Record(Type.String({ pattern: '^[A-Z]{3}$' }), MinimumPair),
    auto_approve_ads: Type.Boolean(),
    blocked_domains: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { maxItems: 10_000 }),
    allow_minor_targeting: Type.Boolean(),
    creators_see_spend: Type.Boolean(),
    redemption_failures_per_window: Type.Integer({ minimum: 1, maximum: 10_000 }),
    redemption_window_seconds: Type.Integer({ minimum: 1, maximum: 86_400 }),
    ad_load: Type.Object(
      {
        first_ad_slot: Type.Integer({ minimum: 0, maximum: 100 }),
        min_organic_between_ads: Type.Integer({ minimum: 0, maximum: 100 }),
        max_ads_per_viewer_per_hour: Type.Integer({ minimum: 0, maximum: 1000 }),
        topview_per_viewer_per_day: Type.Integer({ minimum: 0, maximum: 100 }),
      },
      { additionalProperties: false },
    ),
    reserve_cpm: Type.Object({ IN_FEED: Money, TOPVIEW: Money }, { additionalProperties: false }),
    attribution: Type.Object(
      {
        view_window_hours: Type.Integer({ minimum: 0, maximum: 24 * 28 }),
        click_window_days: Type.Integer({ minimum: 0, maximum: 28 }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const SettingsPatch = Type.Partial(SettingsSchema, {
  additionalProperties: false,
  minProperties: 1,
  examples: [
    {
      ad_load: {
        first_ad_slot: 3,
        min_organic_between_ads: 5,
        max_ads_per_viewer_per_hour: 10,
        topview_per_viewer_per_day: 1,
      },
    },
  ],
});
