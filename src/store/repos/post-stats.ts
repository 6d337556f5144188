import type { EngagementCounters } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { fromJson } from '../json.js';

/** Daily snapshots of the counters the host syncs for each post (trends are computed from them). */

/** Records the post's counters as of `now`: one row per post and UTC day, the day's last sync wins. */
export async function recordPostSnapshot(
  db: Executor,
  postId: string,
  counters: EngagementCounters,
  now: number,
): Promise<void> {
  const values = {
    views: counters.views,
    likes: counters.likes,
    comments: counters.comments,
    shares: counters.shares,
    follows: counters.follows,
    recorded_at: now,
  };
  await db
    .insertInto('post_daily_stats')
    .values({ post_id: postId, stat_date: new Date(now).toISOString().slice(0, 10), ...values })
    .onConflict((oc) => oc.columns(['post_id', 'stat_date']).doUpdateSet(values))
    .execute();
}

export interface PostSnapshotSeries {
  postId: string;
  creatorId: string;
  publishedAt: number;
  soundId: string | null;
  hashtags: string[];
  snapshots: { date: string; views: number }[];
}

/** Public posts with snapshots since `fromDate` (YYYY-MM-DD), each with its snapshots in date order. */
export async function snapshotSeriesSince(db: Executor, fromDate: string): Promise<PostSnapshotSeries[]> {
  const rows = await db
    .selectFrom('post_daily_stats')
    .innerJoin('posts', 'posts.id', 'post_daily_stats.post_id')
    .select([
      'post_daily_stats.post_id as post_id',
      'post_daily_stats.stat_date as stat_date',
      'post_daily_stats.views as views',
      'posts.creator_id as creator_id',
      'posts.published_at as published_at',
      'posts.sound_id as sound_id',
      'posts.hashtags as hashtags',
    ])
    .where('post_daily_stats.stat_date', '>=', fromDate)
    .where('posts.visibility', '=', 'PUBLIC')
    .orderBy('post_daily_stats.post_id')
    .orderBy('post_daily_stats.stat_date')
    .execute();
  const out: PostSnapshotSeries[] = [];
  let current: PostSnapshotSeries | undefined;
  for (const r of rows) {
    if (!current || current.postId !== r.post_id) {
      current = {
        postId: r.post_id,
        creatorId: r.creator_id,
        publishedAt: r.published_at,
        soundId: r.sound_id,
        hashtags: fromJson<string[]>(r.hashtags, []),
        snapshots: [],
      };
      out.push(current);
    }
    current.snapshots.push({ date: r.stat_date, views: r.views });
  }
  return out;
}
