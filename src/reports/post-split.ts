import { ReachSketch } from '../domain/hyperloglog.js';
import type { Creator, Post } from '../domain/model.js';
import { addCounters, type Counters, decimalRatio, emptyCounters } from '../domain/report-metrics.js';
import type { Executor } from '../store/database.js';
import { getCreatorsByIds } from '../store/repos/creators.js';
import { getPostsByIds } from '../store/repos/posts.js';
import { dailyRollupsOf, sketchesOfAds } from '../store/repos/report-reads.js';

/**
 * Paid and organic side by side for each post an ad account promotes: what organic surfaces
 * brought (the host's counters less what was credited to any ad), what this account's Spark ads
 * brought (lifetime, from the rollups), the post's public totals, and the paid share of each.
 */
export interface Engagement {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  follows: number;
}

export interface PostSplit {
  post: Post;
  creator: Creator;
  ads: number;
  organic: Engagement;
  paid: Engagement & { profileVisits: number; impressions: number; reach: number; spendMicros: number };
  total: Engagement;
  /** This account's paid engagement as a percentage of the post's total (2 decimals), null on 0. */
  paidShare: Record<keyof Engagement, string | null>;
}

const KEYS = ['views', 'likes', 'comments', 'shares', 'follows'] as const;

export function organicOnly(p: Post): Engagement {
  return {
    views: Math.max(0, p.organic.views - p.attributed.views),
    likes: Math.max(0, p.organic.likes - p.attributed.likes),
    comments: Math.max(0, p.organic.comments - p.attributed.comments),
    shares: Math.max(0, p.organic.shares - p.attributed.shares),
    follows: Math.max(0, p.organic.follows - p.attributed.follows),
  };
}

/** The post's public counters: what the host synced plus engagement on the ad insertions. */
export function totalOf(p: Post): Engagement {
  return Object.fromEntries(KEYS.map((k) => [k, p.organic[k] + p.paid[k]])) as unknown as Engagement;
}

/** Paid engagement from rollup counters: on the ad plus credited organic-surface engagement. */
export function paidOf(c: Counters): Engagement & { profileVisits: number } {
  return {
    views: c.video_plays + c.attributed_views,
    likes: c.likes,
    comments: c.comments,
    shares: c.shares,
    follows: c.follows,
    profileVisits: c.profile_visits,
  };
}

export async function postSplits(
  db: Executor,
  adAccountId: string,
  options: { postId?: string | undefined } = {},
): Promise<PostSplit[]> {
  let adsQuery = db.selectFrom('ads').select(['id', 'post_id']).where('ad_account_id', '=', adAccountId);
  if (options.postId) adsQuery = adsQuery.where('post_id', '=', options.postId);
  const ads = await adsQuery.execute();
  const adsByPost = new Map<string, string[]>();
  for (const a of ads) adsByPost.set(a.post_id, [...(adsByPost.get(a.post_id) ?? []), a.id]);
  const postIds = [...adsByPost.keys()].sort();
  const [posts, rollups, sketches] = [
    await getPostsByIds(db, postIds),
    await dailyRollupsOf(db, { adAccountId, postIds }),
    await sketchesOfAds(
      db,
      ads.map((a) => a.id),
    ),
  ];
  const creators = await getCreatorsByIds(
    db,
    [...posts.values()].map((p) => p.creatorId),
  );
  const counters = new Map<string, Counters>();
  for (const r of rollups) {
    const c = counters.get(r.post_id) ?? emptyCounters();
    counters.set(r.post_id, addCounters(c, r));
  }
  const reach = new Map<string, ReachSketch>();
  for (const s of sketches) {
    if (!s.post_id) continue;
    const sketch = reach.get(s.post_id) ?? new ReachSketch();
    reach.set(s.post_id, sketch.merge(ReachSketch.deserialize(s.sketch)));
  }
  return postIds.flatMap((postId) => {
    const post = posts.get(postId);
    const creator = post && creators.get(post.creatorId);
    if (!post || !creator) return [];
    const c = counters.get(postId) ?? emptyCounters();
    const paid = paidOf(c);
    const total = totalOf(post);
    return [
      {
        post,
        creator,
        ads: adsByPost.get(postId)?.length ?? 0,
        organic: organicOnly(post),
        paid: {
          ...paid,
          impressions: c.impressions,
          reach: reach.get(postId)?.estimate() ?? 0,
          spendMicros: c.spend_micros,
        },
        total,
        paidShare: Object.fromEntries(
          KEYS.map((k) => [k, total[k] > 0 ? decimalRatio(paid[k] * 100, total[k], 2).text : null]),
        ) as Record<keyof Engagement, string | null>,
      },
    ];
  });
}
