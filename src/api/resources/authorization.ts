import { type Static, Type } from '@sinclair/typebox';
import { authorizationStatus } from '../../domain/authorization.js';
import { AUTHORIZATION_DURATIONS, AUTHORIZATION_STATUSES } from '../../domain/enums.js';
import type { Authorization } from '../../domain/model.js';
import { MS_PER_DAY, toRfc3339 } from '../../domain/time.js';
import type { SparkPostView } from '../../services/library.js';
import { enumOf, Nullable, Timestamp } from '../schemas.js';
import { CreatorSchema, PostSchema, presentCreator, presentPost } from './creator.js';

const Duration = Type.Union(
  AUTHORIZATION_DURATIONS.map((d) => Type.Literal(d)),
  {
    description: 'Days the authorization lasts: 7, 30, 60 or 365.',
    errorMessage: 'must be 7, 30, 60 or 365',
  },
);

export const AuthorizationCreate = Type.Object(
  {
    duration_days: Type.Optional(Duration),
    note: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 200,
          description: 'For yourself: which brand the code is for.',
          examples: ['For Acme shoes'],
        }),
      ),
    ),
  },
  { additionalProperties: false, examples: [{ duration_days: 30, note: 'For Acme shoes' }] },
);

export const AuthorizationExtend = Type.Object(
  { duration_days: Duration },
  { additionalProperties: false, examples: [{ duration_days: 30 }] },
);

export const AuthorizationSchema = Type.Object({
  id: Type.String({ examples: ['aut_01JDXK4Q0Z8N7W6V5T4S3R2Q1P'] }),
  post_id: Type.String(),
  creator_id: Type.String(),
  status: enumOf(AUTHORIZATION_STATUSES, {
    description: 'AUTHORIZED: waiting for a brand to redeem the code; BOUND: redeemed; EXPIRED; REVOKED.',
  }),
  code_hint: Type.String({ description: 'Last four characters of the code, to tell codes apart.' }),
  duration_days: Type.Integer(),
  note: Nullable(Type.String()),
  auth_start_time: Timestamp,
  auth_end_time: Timestamp,
  days_left: Type.Integer({ description: 'Whole days until the end (0 once ended).' }),
  revoked_at: Nullable(Timestamp),
  ad_account: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  bound_at: Nullable(Timestamp),
  created_at: Timestamp,
  ad_usage: Type.Object(
    {
      ad_count: Type.Integer({
        description: 'Ads (paused included, deleted not) that promote the post with it.',
      }),
      brands: Type.Array(
        Type.Object({ ad_account_id: Type.String(), name: Type.String(), ad_count: Type.Integer() }),
        {
          description:
            'The brands (ad accounts) whose ads use it. A code binds to one ad account, so at most one; empty until the brand creates an ad.',
        },
      ),
    },
    {
      description:
        'The ads using this authorization. When a brand redeemed several codes for the post, its ads count on the current one.',
    },
  ),
});

export interface PresentedUsage {
  adCount: number;
  brands: { adAccountId: string; name: string; adCount: number }[];
}

const NO_USAGE: PresentedUsage = { adCount: 0, brands: [] };

export function presentAuthorization(
  a: Authorization,
  now: number,
  accountName?: string | undefined,
  usage: PresentedUsage = NO_USAGE,
): Static<typeof AuthorizationSchema> {
  return {
    id: a.id,
    post_id: a.postId,
    creator_id: a.creatorId,
    status: authorizationStatus(a, now),
    code_hint: a.codeHint,
    duration_days: a.durationDays,
    note: a.note,
    auth_start_time: toRfc3339(a.startsAt),
    auth_end_time: toRfc3339(a.endsAt),
    days_left: a.revokedAt !== null ? 0 : Math.max(0, Math.ceil((a.endsAt - now) / MS_PER_DAY)),
    revoked_at: a.revokedAt === null ? null : toRfc3339(a.revokedAt),
    ad_account: a.adAccountId ? { id: a.adAccountId, name: accountName ?? a.adAccountId } : null,
    bound_at: a.boundAt === null ? null : toRfc3339(a.boundAt),
    created_at: toRfc3339(a.createdAt),
    ad_usage: {
      ad_count: usage.adCount,
      brands: usage.brands.map((b) => ({ ad_account_id: b.adAccountId, name: b.name, ad_count: b.adCount })),
    },
  };
}

export const AuthorizationWithCode = Type.Composite([
  AuthorizationSchema,
  Type.Object({
    auth_code: Type.String({
      description:
        'The code to send to the brand. Shown only in this response: Kindling keeps only its hash.',
      examples: ['#KD-QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7'],
    }),
  }),
]);

// ------------------------------------------------------------------ spark posts (brand library)

export const RedeemInput = Type.Object(
  {
    auth_code: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The code the creator sent, as pasted.',
    }),
  },
  { additionalProperties: false, examples: [{ auth_code: '#KD-QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7' }] },
);

export const RedeemBatchInput = Type.Object(
  { auth_codes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);

export const SparkPostSchema = Type.Object({
  id: Type.String({ examples: ['spk_01JDXK4Q0Z8N7W6V5T4S3R2Q1P'] }),
  post: PostSchema,
  creator: CreatorSchema,
  authorization: Type.Object({
    id: Type.String(),
    status: enumOf(AUTHORIZATION_STATUSES),
    auth_start_time: Timestamp,
    auth_end_time: Timestamp,
    days_left: Type.Integer(),
    expiring_soon: Type.Boolean({ description: 'Ends within 7 days.' }),
  }),
  ad_count: Type.Integer({ description: 'Live ads of this ad account that use the post.' }),
  first_redeemed_at: Timestamp,
  trending: Type.Object(
    {
      is_trending: Type.Boolean({
        description: 'The post uses a sound or hashtag that is trending on the platform.',
      }),
      sound_id: Nullable(Type.String({ description: 'The post’s sound when it is trending.' })),
      hashtags: Type.Array(Type.String(), { description: 'The post’s hashtags that are trending.' }),
    },
    { description: 'Trending sounds and hashtags (GET /v1/trends) this post uses: trends help reach.' },
  ),
});

export function presentSparkPost(v: SparkPostView, now: number): Static<typeof SparkPostSchema> {
  const auth = presentAuthorization(v.authorization, now);
  return {
    id: v.sparkPost.id,
    post: presentPost(v.post, v.performance),
    creator: presentCreator(v.creator),
    authorization: {
      id: auth.id,
      status: auth.status,
      auth_start_time: auth.auth_start_time,
      auth_end_time: auth.auth_end_time,
      days_left: auth.days_left,
      expiring_soon: auth.status === 'BOUND' && v.authorization.endsAt - now <= 7 * MS_PER_DAY,
    },
    ad_count: v.adCount,
    first_redeemed_at: toRfc3339(v.sparkPost.firstBoundAt),
    trending: {
      is_trending: v.trending.isTrending,
      sound_id: v.trending.soundId,
      hashtags: v.trending.hashtags,
    },
  };
}
