import { type Static, Type } from '@sinclair/typebox';
import type { DeliveryState } from '../../domain/delivery-status.js';
import {
  CALL_TO_ACTIONS,
  CAMPAIGN_BUDGET_MODES,
  DELIVERY_STATUSES,
  OBJECTIVE_TYPES,
  OPERATION_STATUSES,
  REVIEW_STATUSES,
  STATUS_ACTIONS,
} from '../../domain/enums.js';
import type { Ad, AdAccount, Campaign } from '../../domain/model.js';
import { formatMoney } from '../../domain/money.js';
import { toRfc3339 } from '../../domain/time.js';
import { enumOf, Money, Nullable, PageQuery, Timestamp } from '../schemas.js';

export const DeliveryFields = {
  delivery_status: enumOf(DELIVERY_STATUSES, {
    description: 'Derived now from status, review, authorization, post, schedule and budget.',
  }),
  delivery_status_reason: Type.String({ examples: ['Eligible to serve.'] }),
};

export function presentDelivery(d: DeliveryState) {
  return { delivery_status: d.status, delivery_status_reason: d.reason };
}

export const StatusInput = Type.Object(
  {
    operation_status: enumOf(STATUS_ACTIONS, {
      description: 'DELETE is permanent and cascades to children.',
    }),
  },
  { additionalProperties: false, examples: [{ operation_status: 'DISABLE' }] },
);

export const StatusListQuery = Type.Object(
  {
    ...PageQuery,
    status: Type.Optional(
      enumOf([...OPERATION_STATUSES, 'DELETE'] as const, {
        description: 'Filter by operation status; DELETE lists deleted ones.',
      }),
    ),
  },
  { additionalProperties: false },
);

// ------------------------------------------------------------------ campaigns

export const CampaignCreate = Type.Object(
  {
    campaign_name: Type.String({ minLength: 1, maxLength: 512 }),
    objective_type: enumOf(OBJECTIVE_TYPES),
    budget_mode: enumOf(CAMPAIGN_BUDGET_MODES),
    budget: Type.Optional(Nullable(Money)),
    operation_status: Type.Optional(enumOf(OPERATION_STATUSES)),
  },
  {
    additionalProperties: false,
    examples: [
      {
        campaign_name: 'Winter running',
        objective_type: 'VIDEO_VIEWS',
        budget_mode: 'BUDGET_MODE_TOTAL',
        budget: '1200.00',
      },
    ],
  },
);

export const CampaignUpdate = Type.Object(
  {
    campaign_name: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    budget: Type.Optional(Nullable(Money)),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ budget: '1500.00' }] },
);

export const CampaignSchema = Type.Object({
  id: Type.String({ examples: ['cmp_01JDXK4Q0Z8N7W6V5T4S3R2Q1P'] }),
  ad_account_id: Type.String(),
  campaign_name: Type.String(),
  objective_type: enumOf(OBJECTIVE_TYPES),
  budget_mode: enumOf(CAMPAIGN_BUDGET_MODES),
  budget: Nullable(Money),
  currency: Type.String(),
  spend: Money,
  operation_status: enumOf(OPERATION_STATUSES),
  ...DeliveryFields,
  deleted_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export function presentCampaign(
  c: Campaign,
  delivery: DeliveryState,
  account: AdAccount,
): Static<typeof CampaignSchema> {
  return {
    id: c.id,
    ad_account_id: c.adAccountId,
    campaign_name: c.name,
    objective_type: c.objectiveType,
    budget_mode: c.budgetMode,
    budget: c.budgetMicros === null ? null : formatMoney(c.budgetMicros, account.currency),
    currency: account.currency,
    spend: formatMoney(c.spendMicros, account.currency),
    operation_status: c.operationStatus,
    ...presentDelivery(delivery),
    deleted_at: c.deletedAt === null ? null : toRfc3339(c.deletedAt),
    created_at: toRfc3339(c.createdAt),
    updated_at: toRfc3339(c.updatedAt),
  };
}

// ------------------------------------------------------------------ ads

const LandingPage = Type.String({ format: 'uri', maxLength: 2048, examples: ['https://acme.example/shoes'] });

export const AdCreate = Type.Object(
  {
    ad_group_id: Type.String(),
    post_id: Type.String({
      description: 'A post in this ad account’s Spark library (redeem the creator’s code first).',
    }),
    ad_name: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    call_to_action: Type.Optional(Nullable(enumOf(CALL_TO_ACTIONS))),
    landing_page_url: LandingPage,
    operation_status: Type.Optional(enumOf(OPERATION_STATUSES)),
  },
  {
    additionalProperties: false,
    examples: [
      {
        ad_group_id: 'adg_01JDXK4Q0Z8N7W6V5T4S3R2Q1P',
        post_id: 'p1',
        call_to_action: 'SHOP_NOW',
        landing_page_url: 'https://acme.example/shoes',
      },
    ],
  },
);

export const AdUpdate = Type.Object(
  {
    ad_name: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
    call_to_action: Type.Optional(Nullable(enumOf(CALL_TO_ACTIONS))),
    landing_page_url: Type.Optional(LandingPage),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AdSchema = Type.Object({
  id: Type.String({ examples: ['ad_01JDXK4Q0Z8N7W6V5T4S3R2Q1P'] }),
  ad_account_id: Type.String(),
  campaign_id: Type.String(),
  ad_group_id: Type.String(),
  spark_post_id: Type.String(),
  post_id: Type.String(),
  ad_name: Type.String(),
  call_to_action: Nullable(enumOf(CALL_TO_ACTIONS)),
  landing_page_url: Type.String(),
  operation_status: enumOf(OPERATION_STATUSES),
  review_status: enumOf(REVIEW_STATUSES),
  review_reason: Nullable(Type.String()),
  spend: Money,
  currency: Type.String(),
  ...DeliveryFields,
  deleted_at: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const AdWarningSchema = Type.Object({
  code: enumOf(
    [
      'WEAK_POST',
      'AUTHORIZATION_ENDS_BEFORE_SCHEDULE',
      'AUTHORIZATION_ENDS_SOON',
      'CAPTION_WITHOUT_CALL_TO_ACTION',
      'TRENDING_SOUND',
      'TRENDING_HASHTAG',
    ] as const,
    { description: 'TRENDING_SOUND and TRENDING_HASHTAG are informational: the post uses a trend.' },
  ),
  message: Type.String(),
});

export function presentAd(ad: Ad, delivery: DeliveryState, account: AdAccount): Static<typeof AdSchema> {
  return {
    id: ad.id,
    ad_account_id: ad.adAccountId,
    campaign_id: ad.campaignId,
    ad_group_id: ad.adGroupId,
    spark_post_id: ad.sparkPostId,
    post_id: ad.postId,
    ad_name: ad.name,
    call_to_action: ad.callToAction,
    landing_page_url: ad.landingPageUrl,
    operation_status: ad.operationStatus,
    review_status: ad.reviewStatus,
    review_reason: ad.reviewReason,
    spend: formatMoney(ad.spendMicros, account.currency),
    currency: account.currency,
    ...presentDelivery(delivery),
    deleted_at: ad.deletedAt === null ? null : toRfc3339(ad.deletedAt),
    created_at: toRfc3339(ad.createdAt),
    updated_at: toRfc3339(ad.updatedAt),
  };
}
