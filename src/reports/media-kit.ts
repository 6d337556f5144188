import { FieldErrors, notFound } from '../domain/errors.js';
import type { IdGenerator } from '../domain/ids.js';
import { decimalRatio } from '../domain/report-metrics.js';
import type { Db, Executor } from '../store/database.js';
import { insertAudit } from '../store/repos/audit.js';
import { getCreator } from '../store/repos/creators.js';
import {
  type AudienceShares,
  brandsOfCreator,
  getHostAudience,
  getMediaKit,
  type MediaKitRecord,
  saveMediaKit,
  seenAudience,
} from '../store/repos/media-kits.js';
import { toPost } from '../store/repos/posts.js';
import { creatorAnalytics } from './creator-analytics.js';

/**
 * A creator's media kit: every stat behind one link, recomputed from live data on each request,
 * public only while the creator has it published. Brands appear only on the lines the creator
 * opted in to.
 */
export const RECENT_POSTS = 20;
export const TOP_POSTS = 6;

export interface MediaKitView {
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  region: string | null;
  headline: string | null;
  followers: number;
  /** Mean total views (organic and paid) of the last RECENT_POSTS public posts. */
  averageViews: number;
  /** (likes + comments + shares) ÷ views over those posts, percent with 2 decimals. */
  engagementRate: string | null;
  postsCounted: number;
  audience: {
    followers: (AudienceShares & { syncedAt: number }) | null;
    viewers: (AudienceShares & { impressions: number }) | null;
  };
  topPosts: {
    id: string;
    caption: string;
    mediaUrl: string;
    views: number;
    likes: number;
    comments: number;
    shares: number;
    publishedAt: number;
  }[];
  sparkAds: {
    brands: { id: string; name: string; since: number }[];
    extraReach: number;
    followersFromAds: number;
    paidImpressions: number;
  };
  publishedAt: number | null;
  generatedAt: number;
}

function shares(rows: { value: string; impressions: number }[]): { key: string; share: number }[] {
  const total = rows.reduce((n, r) => n + r.impressions, 0);
  return rows
    .map((r) => ({ key: r.value, share: total ? Math.round((r.impressions / total) * 10_000) / 10_000 : 0 }))
    .sort((a, b) => b.share - a.share || a.key.localeCompare(b.key));
}

export async function buildMediaKit(db: Executor, creatorId: string, now: number): Promise<MediaKitView> {
  const creator = await getCreator(db, creatorId);
  if (!creator) throw notFound('Creator', creatorId);
  const kit = await getMediaKit(db, creatorId);
  const posts = (
    await db
      .selectFrom('posts')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .where('visibility', '=', 'PUBLIC')
      .orderBy('published_at', 'desc')
      .orderBy('id')
      .limit(500)
      .execute()
  ).map(toPost);
  const total = (p: (typeof posts)[number]) => ({
    views: p.organic.views + p.paid.views,
    likes: p.organic.likes + p.paid.likes,
    comments: p.organic.comments + p.paid.comments,
    shares: p.organic.shares + p.paid.shares,
  });
  const recent = posts.slice(0, RECENT_POSTS).map(total);
  const views = recent.reduce((n, p) => n + p.views, 0);
  const engaged = recent.reduce((n, p) => n + p.likes + p.comments + p.shares, 0);
  const topPosts = posts
    .map((p) => ({ post: p, ...total(p) }))
    .sort((a, b) => b.views - a.views || a.post.id.localeCompare(b.post.id))
    .slice(0, TOP_POSTS)
    .map(({ post, ...t }) => ({
      id: post.id,
      caption: post.caption,
      mediaUrl: post.mediaUrl,
      publishedAt: post.publishedAt,
      ...t,
    }));

  const host = await getHostAudience(db, creatorId);
  const seen = await seenAudience(db, creatorId);
  const of = (breakdown: string) => shares(seen.filter((r) => r.breakdown === breakdown));
  const seenImpressions = seen
    .filter((r) => r.breakdown === 'country')
    .reduce((n, r) => n + r.impressions, 0);
  const analytics = await creatorAnalytics(db, creatorId, now, null);
  const shown = new Set(kit?.shownAdAccountIds ?? []);
  return {
    handle: creator.handle,
    displayName: creator.displayName,
    avatarUrl: creator.avatarUrl,
    region: creator.region,
    headline: kit?.headline ?? null,
    followers: creator.followerCount,
    averageViews: recent.length ? Math.round(views / recent.length) : 0,
    engagementRate: views > 0 ? decimalRatio(engaged * 100, views, 2).text : null,
    postsCounted: recent.length,
    audience: {
      followers: host ? { ...host.audience, syncedAt: host.syncedAt } : null,
      viewers: seen.length
        ? {
            countries: of('country').map((s) => ({ code: s.key, share: s.share })),
            age_groups: of('age').map((s) => ({ age: s.key, share: s.share })),
            genders: of('gender').map((s) => ({ gender: s.key, share: s.share })),
            impressions: seenImpressions,
          }
        : null,
    },
    topPosts,
    sparkAds: {
      brands: (await brandsOfCreator(db, creatorId)).filter((b) => shown.has(b.id)),
      extraReach: analytics.totals.reach,
      followersFromAds: analytics.totals.follows,
      paidImpressions: analytics.totals.impressions,
    },
    publishedAt: kit?.publishedAt ?? null,
    generatedAt: now,
  };
}

export interface MediaKitSettings {
  kit: MediaKitRecord;
  brands: { id: string; name: string; since: number; shown: boolean }[];
}

async function current(
  db: Executor,
  ids: IdGenerator,
  creatorId: string,
  now: number,
): Promise<MediaKitRecord> {
  return (
    (await getMediaKit(db, creatorId)) ?? {
      id: ids.next('mediaKit'),
      creatorId,
      headline: null,
      shownAdAccountIds: [],
      publishedAt: null,
      createdAt: now,
      updatedAt: now,
    }
  );
}

export async function mediaKitSettings(
  db: Executor,
  ids: IdGenerator,
  creatorId: string,
  now: number,
): Promise<MediaKitSettings> {
  const kit = await current(db, ids, creatorId, now);
  const shown = new Set(kit.shownAdAccountIds);
  const brands = (await brandsOfCreator(db, creatorId)).map((b) => ({ ...b, shown: shown.has(b.id) }));
  return { kit, brands };
}

/** Changes the headline and which brands are shown; brands must be ones that redeemed a code. */
export async function updateMediaKit(
  db: Executor,
  ids: IdGenerator,
  creatorId: string,
  patch: { headline?: string | null | undefined; shownAdAccountIds?: string[] | undefined },
  now: number,
): Promise<MediaKitSettings> {
  const kit = await current(db, ids, creatorId, now);
  if (patch.shownAdAccountIds) {
    const known = new Set((await brandsOfCreator(db, creatorId)).map((b) => b.id));
    const errors = new FieldErrors();
    patch.shownAdAccountIds.forEach((id, i) => {
      if (!known.has(id))
        errors.add(
          `shown_ad_account_ids[${i}]`,
          'NOT_A_BRAND_OF_YOURS',
          'no code of yours was redeemed by this ad account',
        );
    });
    errors.throwIfAny();
  }
  await saveMediaKit(db, {
    ...kit,
    ...(patch.headline !== undefined && { headline: patch.headline }),
    ...(patch.shownAdAccountIds && { shownAdAccountIds: [...new Set(patch.shownAdAccountIds)] }),
    updatedAt: now,
  });
  return mediaKitSettings(db, ids, creatorId, now);
}

/** Publishes or unpublishes (audited: it decides what the whole internet sees). */
export async function setMediaKitPublished(
  db: Db,
  ids: IdGenerator,
  creatorId: string,
  publish: boolean,
  now: number,
): Promise<MediaKitSettings> {
  const kit = await current(db, ids, creatorId, now);
  if (publish !== (kit.publishedAt !== null)) {
    await db.transaction().execute(async (trx) => {
      await saveMediaKit(trx, { ...kit, publishedAt: publish ? now : null, updatedAt: now });
      await insertAudit(trx, {
        id: ids.next('audit'),
        occurredAt: now,
        adAccountId: null,
        creatorId,
        actor: { kind: 'creator', id: creatorId },
        action: publish ? 'media_kit.publish' : 'media_kit.unpublish',
        entityType: 'media_kit',
        entityId: kit.id,
        changes: null,
      });
    });
  }
  return mediaKitSettings(db, ids, creatorId, now);
}
