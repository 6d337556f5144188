import { computeTrends, dateMinus, type Trend, type TrendOptions } from '../domain/trends.js';
import type { Executor } from '../store/database.js';
import { snapshotSeriesSince } from '../store/repos/post-stats.js';

/**
 * Platform-wide trends, computed from post snapshots (every post synced in the last three weeks)
 * at most once a minute per store: hosts sync posts all the time, trends move over days.
 */
interface Cached {
  key: string;
  trends: Trend[];
}

const cache = new WeakMap<object, Cached>();

export interface TrendSet {
  asOf: string;
  trends: Trend[];
  sounds: Set<string>;
  hashtags: Set<string>;
}

export async function currentTrends(
  db: Executor,
  now: number,
  options: Partial<TrendOptions> = {},
): Promise<TrendSet> {
  const today = new Date(now).toISOString().slice(0, 10);
  const key = `${today}|${Math.floor(now / 60_000)}|${JSON.stringify(options)}`;
  let cached = cache.get(db);
  if (!cached || cached.key !== key) {
    const windowDays = options.windowDays ?? 7;
    const series = await snapshotSeriesSince(db, dateMinus(today, 3 * windowDays));
    const trends = computeTrends(
      series.map((s) => ({ ...s, publishedOn: new Date(s.publishedAt).toISOString().slice(0, 10) })),
      today,
      options,
    );
    cached = { key, trends };
    cache.set(db, cached);
  }
  const trending = cached.trends.filter((t) => t.trending);
  return {
    asOf: today,
    trends: cached.trends,
    sounds: new Set(trending.filter((t) => t.kind === 'SOUND').map((t) => t.key)),
    hashtags: new Set(trending.filter((t) => t.kind === 'HASHTAG').map((t) => t.key)),
  };
}

export interface PostTrending {
  isTrending: boolean;
  soundId: string | null;
  hashtags: string[];
}

/** Which of a post's sound and hashtags are trending now. */
export function trendingOf(
  set: TrendSet,
  post: { soundId: string | null; hashtags: readonly string[] },
): PostTrending {
  const soundId = post.soundId && set.sounds.has(post.soundId) ? post.soundId : null;
  const hashtags = post.hashtags.filter((h) => set.hashtags.has(h));
  return { isTrending: soundId !== null || hashtags.length > 0, soundId, hashtags };
}
