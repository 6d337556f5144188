import { type Static, Type } from '@sinclair/typebox';
import { POST_VISIBILITIES } from '../../domain/enums.js';
import type { Creator, Post } from '../../domain/model.js';
import type { PostPerformance } from '../../domain/post-performance.js';
import { parseTimeInZone, toRfc3339 } from '../../domain/time.js';
import { enumOf, HostId, Nullable, Timestamp } from '../schemas.js';

// ------------------------------------------------------------------ creators

export const CreatorInput = Type.Object(
  {
    handle: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9._]+$',
      examples: ['ana.moves'],
      errorMessage: 'must be 1–64 letters, digits, dots or underscores',
    }),
    display_name: Type.String({ minLength: 1, maxLength: 128, examples: ['Ana Moves'] }),
    avatar_url: Type.Optional(Nullable(Type.String({ format: 'uri', maxLength: 2048 }))),
    follower_count: Type.Integer({ minimum: 0, maximum: 10_000_000_000, examples: [48200] }),
    region: Type.Optional(
      Nullable(
        Type.String({
          pattern: '^[A-Z]{2}$',
          examples: ['FR'],
          errorMessage: 'must be an ISO 3166-1 alpha-2 code',
        }),
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreatorInput = Static<typeof CreatorInput>;

export const CreatorSchema = Type.Object({
  id: Type.String({ examples: ['ana'] }),
  handle: Type.String(),
  display_name: Type.String(),
  avatar_url: Nullable(Type.String()),
  follower_count: Type.Integer(),
  region: Nullable(Type.String()),
  follows_from_ads: Type.Integer({
    description: 'Followers gained through Spark ads (attributed by Kindling).',
  }),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export function presentCreator(c: Creator): Static<typeof CreatorSchema> {
  return {
    id: c.id,
    handle: c.handle,
    display_name: c.displayName,
    avatar_url: c.avatarUrl,
    follower_count: c.followerCount,
    region: c.region,
    follows_from_ads: c.paidFollows,
    created_at: toRfc3339(c.createdAt),
    updated_at: toRfc3339(c.updatedAt),
  };
}

export function creatorFields(input: CreatorInput) {
  return {
    handle: input.handle,
    displayName: input.display_name,
    avatarUrl: input.avatar_url ?? null,
    followerCount: input.follower_count,
    region: input.region ?? null,
  };
}

// ------------------------------------------------------------------ posts

const Count = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const OrganicInput = Type.Object(
  { views: Count, likes: Count, comments: Count, shares: Count, follows: Count },
  { additionalProperties: false, description: 'Organic counters as the host app knows them.' },
);

export const PostInput = Type.Object(
  {
    creator_id: HostId,
    caption: Type.String({
      maxLength: 4000,
      examples: ['Leg day in 60 seconds 🔥 Shop the shoes: link in bio'],
    }),
    media_url: Type.String({ format: 'uri', maxLength: 2048, examples: ['https://cdn.example/p1.mp4'] }),
    duration_seconds: Type.Number({ minimum: 0, maximum: 86_400, examples: [42.5] }),
    sound_id: Type.Optional(Nullable(Type.String({ maxLength: 128 }))),
    hashtags: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        maxItems: 100,
        examples: [['fitness', 'legday']],
      }),
    ),
    visibility: enumOf(POST_VISIBILITIES),
    organic: OrganicInput,
    published_at: Timestamp,
  },
  { additionalProperties: false },
);
export type PostInput = Static<typeof PostInput>;

/** Times outside an ad account's context are UTC when no offset is given. */
function utcMs(text: string): number {
  const parsed = parseTimeInZone(text, 'UTC');
  if (!parsed.ok) throw new Error(`unparseable time passed schema validation: ${text}`);
  return parsed.ms;
}

export function postFields(input: PostInput) {
  return {
    creatorId: input.creator_id,
    caption: input.caption,
    mediaUrl: input.media_url,
    durationMs: Math.round(input.duration_seconds * 1000),
    soundId: input.sound_id ?? null,
    hashtags: input.hashtags ?? [],
    visibility: input.visibility,
    organic: input.organic,
    publishedAt: utcMs(input.published_at),
  };
}

const Counters = Type.Object({ views: Count, likes: Count, comments: Count, shares: Count, follows: Count });

export const PerformanceSchema = Type.Object(
  {
    index: Type.Integer({ description: '100 = the creator’s median post; 150 = half again as good.' }),
    percentile: Type.Integer({ minimum: 0, maximum: 100 }),
    label: enumOf(['TOP', 'ABOVE_MEDIAN', 'BELOW_MEDIAN', 'NOT_ENOUGH_DATA'] as const),
    engagement_rate: Type.Number(),
    baseline: Type.Object({
      posts: Type.Integer(),
      median_views: Type.Number(),
      median_engagement_rate: Type.Number(),
    }),
  },
  { description: 'Organic performance against the creator’s own baseline.' },
);

export const PostSchema = Type.Object({
  id: Type.String(),
  creator_id: Type.String(),
  caption: Type.String(),
  media_url: Type.String(),
  duration_seconds: Type.Number(),
  sound_id: Nullable(Type.String()),
  hashtags: Type.Array(Type.String()),
  visibility: enumOf(POST_VISIBILITIES),
  organic: Counters,
  paid: Type.Object({
    views: Count,
    likes: Count,
    comments: Count,
    shares: Count,
    follows: Count,
    profile_visits: Count,
  }),
  total: Counters,
  published_at: Timestamp,
  created_at: Timestamp,
  updated_at: Timestamp,
  performance: Type.Optional(PerformanceSchema),
});

export function presentPerformance(p: PostPerformance): Static<typeof PerformanceSchema> {
  return {
    index: p.index,
    percentile: p.percentile,
    label: p.label,
    engagement_rate: Number(p.engagementRate.toFixed(6)),
    baseline: {
      posts: p.baseline.posts,
      median_views: p.baseline.medianViews,
      median_engagement_rate: Number(p.baseline.medianEngagementRate.toFixed(6)),
    },
  };
}

export function presentPost(p: Post, performance?: PostPerformance): Static<typeof PostSchema> {
  return {
    id: p.id,
    creator_id: p.creatorId,
    caption: p.caption,
    media_url: p.mediaUrl,
    duration_seconds: p.durationMs / 1000,
    sound_id: p.soundId,
    hashtags: p.hashtags,
    visibility: p.visibility,
    // organic: engagement only organic surfaces brought (what the host synced, minus what Kindling
    // attributed to an ad); paid: on the ad itself plus attributed; total: everything, counted once.
    organic: {
      views: Math.max(0, p.organic.views - p.attributed.views),
      likes: Math.max(0, p.organic.likes - p.attributed.likes),
      comments: Math.max(0, p.organic.comments - p.attributed.comments),
      shares: Math.max(0, p.organic.shares - p.attributed.shares),
      follows: Math.max(0, p.organic.follows - p.attributed.follows),
    },
    paid: {
      views: p.paid.views + p.attributed.views,
      likes: p.paid.likes + p.attributed.likes,
      comments: p.paid.comments + p.attributed.comments,
      shares: p.paid.shares + p.attributed.shares,
      follows: p.paid.follows + p.attributed.follows,
      profile_visits: p.paid.profileVisits + p.attributed.profileVisits,
    },
    total: {
      views: p.organic.views + p.paid.views,
      likes: p.organic.likes + p.paid.likes,
      comments: p.organic.comments + p.paid.comments,
      shares: p.organic.shares + p.paid.shares,
      follows: p.organic.follows + p.paid.follows,
    },
    published_at: toRfc3339(p.publishedAt),
    created_at: toRfc3339(p.createdAt),
    updated_at: toRfc3339(p.updatedAt),
    ...(performance && { performance: presentPerformance(performance) }),
  };
}
