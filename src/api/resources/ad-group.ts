import { type Static, Type } from '@sinclair/typebox';
import type { DeliveryState } from '../../domain/delivery-status.js';
import {
  AD_GROUP_BUDGET_MODES,
  AGE_GROUPS,
  BILLING_EVENTS,
  GENDERS,
  OPERATING_SYSTEMS,
  OPERATION_STATUSES,
  OPTIMIZATION_GOALS,
  PACING_MODES,
  PLACEMENTS,
  SCHEDULE_TYPES,
} from '../../domain/enums.js';
import type { AdAccount, AdGroup } from '../../domain/model.js';
import { formatMoney } from '../../domain/money.js';
import { toRfc3339 } from '../../domain/time.js';
import { enumOf, Money, Nullable, Timestamp } from '../schemas.js';
import { DeliveryFields, presentDelivery } from './campaign.js';

const Code = (pattern: string, example: string, message: string) =>
  Type.String({ pattern, examples: [example], errorMessage: message });

export const TargetingSchema = Type.Object(
  {
    countries: Type.Optional(
      Type.Array(Code('^[A-Z]{2}$', 'FR', 'must be an ISO 3166-1 alpha-2 code'), { maxItems: 250 }),
    ),
    regions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 16 }), { maxItems: 500 })),
    age_groups: Type.Optional(Type.Array(enumOf(AGE_GROUPS), { maxItems: 6 })),
    gender: Type.Optional(enumOf(GENDERS)),
    languages: Type.Optional(
      Type.Array(Code('^[a-z]{2}$', 'fr', 'must be an ISO 639-1 code'), { maxItems: 200 }),
    ),
    interest_category_ids: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 100 }),
    ),
    operating_systems: Type.Optional(Type.Array(enumOf(OPERATING_SYSTEMS), { maxItems: 3 })),
    audience_ids: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100 })),
    excluded_audience_ids: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100 }),
    ),
  },
  { additionalProperties: false, description: 'Empty or absent lists mean “everyone”.' },
);

const Dayparting = Type.String({
  pattern: '^[01]{336}$',
  description: '336 characters of 0/1: 7 days × 48 half hours from Monday 00:00 in the account time zone.',
  errorMessage: 'must be 336 characters of 0 and 1',
});

const adGroupFields = {
  adgroup_name: Type.String({ minLength: 1, maxLength: 512 }),
  placements: Type.Array(enumOf(PLACEMENTS), { minItems: 1, maxItems: 2 }),
  schedule_type: enumOf(SCHEDULE_TYPES),
  schedule_start_time: Type.Optional(Nullable(Timestamp)),
  schedule_end_time: Type.Optional(Nullable(Timestamp)),
  dayparting: Type.Optional(Nullable(Dayparting)),
  targeting: Type.Optional(TargetingSchema),
  budget_mode: enumOf(AD_GROUP_BUDGET_MODES),
  budget: Money,
  pacing: enumOf(PACING_MODES),
  billing_event: enumOf(BILLING_EVENTS),
  optimization_goal: Type.Optional(enumOf(OPTIMIZATION_GOALS)),
  bid_price: Type.String({
    ...Money,
    description: 'CPM: per 1,000 impressions; CPC, CPV: per click or view; OCPM: target cost per result.',
  }),
  frequency: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 1000 }))),
  frequency_schedule: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 30 }))),
};

export const AdGroupCreate = Type.Object(
  {
    campaign_id: Type.String(),
    ...adGroupFields,
    operation_status: Type.Optional(enumOf(OPERATION_STATUSES)),
  },
  {
    additionalProperties: false,
    examples: [
      {
        campaign_id: 'cmp_01JDXK4Q0Z8N7W6V5T4S3R2Q1P',
        adgroup_name: 'FR 18-34 fitness',
        placements: ['IN_FEED'],
        schedule_type: 'SCHEDULE_START_END',
        schedule_start_time: '2026-12-01 00:00:00',
        schedule_end_time: '2026-12-31 23:59:59',
        targeting: {
          countries: ['FR'],
          age_groups: ['AGE_18_24', 'AGE_25_34'],
          interest_category_ids: ['fitness'],
        },
        budget_mode: 'BUDGET_MODE_DAY',
        budget: '40.00',
        pacing: 'PACING_MODE_SMOOTH',
        billing_event: 'CPM',
        optimization_goal: 'REACH',
        bid_price: '6.00',
        frequency: 2,
        frequency_schedule: 3,
      },
    ],
  },
);

export const AdGroupUpdate = Type.Partial(Type.Object(adGroupFields), {
  additionalProperties: false,
  minProperties: 1,
});

export const AdGroupSchema = Type.Object({
  id: Type.String({ examples: ['adg_01JDXK4Q0Z8N7W6V5T4S3R2Q1P'] }),
  ad_account_id: Type.String(),
  campaign_id: Type.String(),
  adgroup_name: Type.String(),
  placements: Type.Array(enumOf(PLACEMENTS)),
  schedule_type: enumOf(SCHEDULE_TYPES),
  schedule_start_time: Timestamp,
  schedule_end_time: Nullable(Timestamp),
  time_zone: Type.String({ description: 'The ad account time zone that schedules and dayparting use.' }),
  dayparting: Nullable(Type.String()),
  targeting: Type.Object({
    countries: Type.Array(Type.String()),
    regions: Type.Array(Type.String()),
    age_groups: Type.Array(enumOf(AGE_GROUPS)),
    gender: enumOf(GENDERS),
    languages: Type.Array(Type.String()),
    interest_category_ids: Type.Array(Type.String()),
    operating_systems: Type.Array(enumOf(OPERATING_SYSTEMS)),
    audience_ids: Type.Array(Type.String()),
    excluded_audience_ids: Type.Array(Type.String()),
  }),
  budget_mode: enumOf(AD_GROUP_BUDGET_MODES),
  budget: Money,
  currency: Type.String(),
  spend: Money,
  pacing: enumOf(PACING_MODES),
  billing_event: enumOf(BILLING_EVENTS),
  optimization_goal: enumOf(OPTIMIZATION_GOALS),
  bid_price: Money,
  frequency: Nullable(Type.Integer()),
  frequency_schedule: Nullable(Type.Integer()),
  operation_status: enumOf(OPERATION_STATUSES),
  ...DeliveryFields,
  deleted_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export function toAdGroupInput<T extends Partial<Static<typeof AdGroupCreate>>>(body: T) {
  const { adgroup_name, ...rest } = body;
  return { ...rest, ...(adgroup_name !== undefined && { name: adgroup_name }) };
}

export function presentAdGroup(
  g: AdGroup,
  delivery: DeliveryState,
  account: AdAccount,
): Static<typeof AdGroupSchema> {
  const t = g.targeting;
  return {
    id: g.id,
    ad_account_id: g.adAccountId,
    campaign_id: g.campaignId,
    adgroup_name: g.name,
    placements: g.placements,
    schedule_type: g.scheduleType,
    schedule_start_time: toRfc3339(g.scheduleStartAt),
    schedule_end_time: g.scheduleEndAt === null ? null : toRfc3339(g.scheduleEndAt),
    time_zone: account.timeZone,
    dayparting: g.dayparting,
    targeting: {
      countries: t.countries,
      regions: t.regions,
      age_groups: t.ageGroups,
      gender: t.gender,
      languages: t.languages,
      interest_category_ids: t.interestCategoryIds,
      operating_systems: t.operatingSystems,
      audience_ids: t.audienceIds,
      excluded_audience_ids: t.excludedAudienceIds,
    },
    budget_mode: g.budgetMode,
    budget: formatMoney(g.budgetMicros, account.currency),
    currency: account.currency,
    spend: formatMoney(g.spendMicros, account.currency),
    pacing: g.pacing,
    billing_event: g.billingEvent,
    optimization_goal: g.optimizationGoal,
    bid_price: formatMoney(g.bidMicros, account.currency),
    frequency: g.frequency,
    frequency_schedule: g.frequencySchedule,
    operation_status: g.operationStatus,
    ...presentDelivery(delivery),
    deleted_at: g.deletedAt === null ? null : toRfc3339(g.deletedAt),
    created_at: toRfc3339(g.createdAt),
    updated_at: toRfc3339(g.updatedAt),
  };
}
