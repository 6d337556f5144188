import { type Static, Type } from '@sinclair/typebox';
import { AUTHORIZATION_STATUSES } from '../../domain/enums.js';
import { formatMoney } from '../../domain/money.js';
import { toRfc3339 } from '../../domain/time.js';
import type { Trend } from '../../domain/trends.js';
import type { CreatorAnalytics, PaidNumbers } from '../../reports/creator-analytics.js';
import type { MediaKitSettings, MediaKitView } from '../../reports/media-kit.js';
import { enumOf, Money, Nullable, Timestamp } from '../schemas.js';

const Count = Type.Integer({ minimum: 0 });
const Engagement = Type.Object({
  views: Count,
  likes: Count,
  comments: Count,
  shares: Count,
  follows: Count,
});
const Paid = Type.Object(
  {
    impressions: Count,
    reach: Type.Integer({
      minimum: 0,
      description: 'Distinct viewers the ads reached (estimated past 1,024; ±0.8 %).',
    }),
    views: Count,
    likes: Count,
    comments: Count,
    shares: Count,
    follows: Count,
    profile_visits: Count,
  },
  { description: 'What Spark ads brought: on the ad, plus organic-surface engagement credited to an ad.' },
);
const Day = Nullable(
  Type.String({ description: 'A date in the brand’s time zone.', examples: ['2026-11-26'] }),
);

const presentPaid = (p: PaidNumbers): Static<typeof Paid> => ({
  impressions: p.impressions,
  reach: p.reach,
  views: p.views,
  likes: p.likes,
  comments: p.comments,
  shares: p.shares,
  follows: p.follows,
  profile_visits: p.profileVisits,
});

export const CreatorAnalyticsSchema = Type.Object({
  creator_id: Type.String(),
  start_date: Nullable(Type.String()),
  end_date: Nullable(Type.String()),
  spend_visible: Type.Boolean({
    description: 'Whether the platform lets creators see brands’ spend and targeting.',
  }),
  totals: Type.Object({
    paid: Paid,
    extra_reach: Type.Integer({
      description: 'Viewers Spark ads reached, across every brand (a union, not a sum).',
    }),
    followers_from_ads: Count,
    organic: Engagement,
  }),
  posts: Type.Array(
    Type.Object({
      post_id: Type.String(),
      caption: Type.String(),
      organic: Engagement,
      paid: Paid,
      brands: Type.Array(
        Type.Object({
          ad_account_id: Type.String(),
          name: Type.String(),
          first_day: Type.String(),
          last_day: Type.String(),
        }),
        {
          description: 'Which brands promoted the post and when (days with delivery).',
        },
      ),
    }),
  ),
  authorizations: Type.Array(
    Type.Object({
      id: Type.String(),
      post_id: Type.String(),
      status: enumOf(AUTHORIZATION_STATUSES),
      ad_account: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
      first_day: Day,
      last_day: Day,
      paid: Paid,
      spend: Type.Optional(
        Type.Object(
          { amount: Money, currency: Type.String() },
          { description: 'Only when creators_see_spend is on.' },
        ),
      ),
      targeting: Type.Optional(
        Type.Array(
          Type.Object({
            ad_group_id: Type.String(),
            name: Type.String(),
            targeting: Type.Record(Type.String(), Type.Unknown()),
          }),
          {
            description: 'Only when creators_see_spend is on.',
          },
        ),
      ),
    }),
  ),
});

export function presentCreatorAnalytics(
  creatorId: string,
  dates: { from: string; to: string } | null,
  a: CreatorAnalytics,
): Static<typeof CreatorAnalyticsSchema> {
  return {
    creator_id: creatorId,
    start_date: dates?.from ?? null,
    end_date: dates?.to ?? null,
    spend_visible: a.spendVisible,
    totals: {
      paid: presentPaid(a.totals),
      extra_reach: a.totals.reach,
      followers_from_ads: a.totals.follows,
      organic: a.totals.organic,
    },
    posts: a.posts.map((p) => ({
      post_id: p.post.id,
      caption: p.post.caption,
      organic: p.organic,
      paid: presentPaid(p.paid),
      brands: p.brands.map((b) => ({
        ad_account_id: b.adAccountId,
        name: b.name,
        first_day: b.firstDay,
        last_day: b.lastDay,
      })),
    })),
    authorizations: a.authorizations.map((x) => ({
      id: x.authorization.id,
      post_id: x.authorization.postId,
      status: x.status,
      ad_account: x.adAccount ? { id: x.adAccount.id, name: x.adAccount.name } : null,
      first_day: x.firstDay,
      last_day: x.lastDay,
      paid: presentPaid(x.paid),
      ...(x.spendMicros !== undefined &&
        x.adAccount && {
          spend: { amount: formatMoney(x.spendMicros, x.adAccount.currency), currency: x.adAccount.currency },
        }),
      ...(x.targeting && {
        targeting: x.targeting.map((t) => ({
          ad_group_id: t.adGroupId,
          name: t.name,
          targeting: { ...t.targeting } as Record<string, unknown>,
        })),
      }),
    })),
  };
}

export const TrendSchema = Type.Object({
  kind: enumOf(['SOUND', 'HASHTAG'] as const),
  key: Type.String({ description: 'The sound id or hashtag (without #).', examples: ['legday'] }),
  trending: Type.Boolean(),
  score: Type.Number({
    description: 'log2(growth) × log10(1 + views in the window): rising fast and at volume.',
  }),
  growth: Type.Number({
    description: 'Views in the window ÷ views in the window before (smoothed), 2 decimals.',
  }),
  views: Count,
  views_prior: Count,
  new_posts: Count,
  new_posts_prior: Count,
  creators: Type.Integer({ description: 'Creators whose posts with it gained views in the window.' }),
});

export function presentTrend(t: Trend): Static<typeof TrendSchema> {
  return {
    kind: t.kind,
    key: t.key,
    trending: t.trending,
    score: Number(t.score.toFixed(4)),
    growth: Number(t.growth.toFixed(2)),
    views: t.recentViews,
    views_prior: t.priorViews,
    new_posts: t.newPosts,
    new_posts_prior: t.priorNewPosts,
    creators: t.creators,
  };
}

const Shares = Type.Object({
  countries: Type.Array(Type.Object({ code: Type.String(), share: Type.Number() })),
  age_groups: Type.Array(Type.Object({ age: Type.String(), share: Type.Number() })),
  genders: Type.Array(Type.Object({ gender: Type.String(), share: Type.Number() })),
});

export const MediaKitSchema = Type.Object(
  {
    handle: Type.String(),
    display_name: Type.String(),
    avatar_url: Nullable(Type.String()),
    region: Nullable(Type.String()),
    headline: Nullable(Type.String()),
    followers: Count,
    average_views: Type.Integer({
      description: 'Mean views (organic and paid) of the last 20 public posts.',
    }),
    engagement_rate: Nullable(
      Type.String({
        description: '(likes + comments + shares) ÷ views over those posts, percent.',
        examples: ['7.42'],
      }),
    ),
    posts_counted: Count,
    audience: Type.Object({
      followers: Nullable(
        Type.Composite([Shares, Type.Object({ synced_at: Timestamp })], {
          description: 'What the host app knows of the followers.',
        }),
      ),
      viewers: Nullable(
        Type.Composite([Shares, Type.Object({ impressions: Count })], {
          description: 'Viewers of the creator’s Spark ads that Kindling saw.',
        }),
      ),
    }),
    top_posts: Type.Array(
      Type.Object({
        id: Type.String(),
        caption: Type.String(),
        media_url: Type.String(),
        views: Count,
        likes: Count,
        comments: Count,
        shares: Count,
        published_at: Timestamp,
      }),
    ),
    spark_ads: Type.Object({
      brands: Type.Array(Type.Object({ name: Type.String(), since: Timestamp }), {
        description: 'Only the brands the creator chose to show.',
      }),
      extra_reach: Count,
      followers_from_ads: Count,
      paid_impressions: Count,
    }),
    published_at: Nullable(Timestamp),
    generated_at: Timestamp,
  },
  { description: 'Recomputed from live data on every request.' },
);

export function presentMediaKit(k: MediaKitView): Static<typeof MediaKitSchema> {
  return {
    handle: k.handle,
    display_name: k.displayName,
    avatar_url: k.avatarUrl,
    region: k.region,
    headline: k.headline,
    followers: k.followers,
    average_views: k.averageViews,
    engagement_rate: k.engagementRate,
    posts_counted: k.postsCounted,
    audience: {
      followers: k.audience.followers
        ? {
            countries: k.audience.followers.countries,
            age_groups: k.audience.followers.age_groups,
            genders: k.audience.followers.genders,
            synced_at: toRfc3339(k.audience.followers.syncedAt),
          }
        : null,
      viewers: k.audience.viewers,
    },
    top_posts: k.topPosts.map((p) => ({
      id: p.id,
      caption: p.caption,
      media_url: p.mediaUrl,
      views: p.views,
      likes: p.likes,
      comments: p.comments,
      shares: p.shares,
      published_at: toRfc3339(p.publishedAt),
    })),
    spark_ads: {
      brands: k.sparkAds.brands.map((b) => ({ name: b.name, since: toRfc3339(b.since) })),
      extra_reach: k.sparkAds.extraReach,
      followers_from_ads: k.sparkAds.followersFromAds,
      paid_impressions: k.sparkAds.paidImpressions,
    },
    published_at: k.publishedAt === null ? null : toRfc3339(k.publishedAt),
    generated_at: toRfc3339(k.generatedAt),
  };
}

export const MediaKitSettingsSchema = Type.Object({
  id: Type.String(),
  published: Type.Boolean(),
  published_at: Nullable(Timestamp),
  headline: Nullable(Type.String()),
  public_url: Type.String({
    description: 'The shareable page (public only while published).',
    examples: ['/m/ana.moves'],
  }),
  brands: Type.Array(
    Type.Object({
      ad_account_id: Type.String(),
      name: Type.String(),
      since: Timestamp,
      shown: Type.Boolean(),
    }),
    {
      description: 'Brands that redeemed one of your codes; each is shown on the kit only if you opt in.',
    },
  ),
});

export function presentMediaKitSettings(
  s: MediaKitSettings,
  handle: string,
): Static<typeof MediaKitSettingsSchema> {
  return {
    id: s.kit.id,
    published: s.kit.publishedAt !== null,
    published_at: s.kit.publishedAt === null ? null : toRfc3339(s.kit.publishedAt),
    headline: s.kit.headline,
    public_url: `/m/${encodeURIComponent(handle)}`,
    brands: s.brands.map((b) => ({
      ad_account_id: b.id,
      name: b.name,
      since: toRfc3339(b.since),
      shown: b.shown,
    })),
  };
}
