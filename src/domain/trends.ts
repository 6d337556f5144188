/**
 * Rising sounds and hashtags, from daily snapshots of the counters the host syncs for every post.
 * For each sound and hashtag: the views its posts gained in the last `windowDays` against the
 * window before (posts whose history covers both windows), new posts using it in each window, and how many creators drive it. A tag trends
 * when its recent views are substantial, come from several creators, and grow by `minGrowth`
 * (views, or the number of new posts using it). Score = log2(growth) × log10(1 + recent views):
 * rising fast and at volume.
 */
export interface TrendPost {
  postId: string;
  creatorId: string;
  /** Publication date (YYYY-MM-DD, UTC). */
  publishedOn: string;
  soundId: string | null;
  hashtags: string[];
  /** Views at each snapshot date (YYYY-MM-DD, UTC), in date order. */
  snapshots: { date: string; views: number }[];
}

export interface TrendOptions {
  windowDays: number;
  minRecentViews: number;
  minCreators: number;
  minGrowth: number;
  /** Views added to both windows so that small numbers do not swing the growth. */
  smoothingViews: number;
}

export const TREND_DEFAULTS: TrendOptions = {
  windowDays: 7,
  minRecentViews: 10_000,
  minCreators: 2,
  minGrowth: 1.5,
  smoothingViews: 1000,
};

export interface Trend {
  kind: 'SOUND' | 'HASHTAG';
  key: string;
  recentViews: number;
  priorViews: number;
  newPosts: number;
  priorNewPosts: number;
  creators: number;
  growth: number;
  score: number;
  trending: boolean;
}

/** The UTC date `days` before `date`. */
export function dateMinus(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Views at the last snapshot on or before `date`, or undefined. */
function viewsOn(post: TrendPost, date: string): number | undefined {
  let found: number | undefined;
  for (const s of post.snapshots) {
    if (s.date > date) break;
    found = s.views;
  }
  return found;
}

/**
 * Views the post gained in (from, to]. Before its first snapshot a post published earlier has an
 * unknown history: only growth seen between snapshots counts, so an old viral post synced for the
 * first time does not look like a trend.
 */
export function viewsGained(post: TrendPost, from: string, to: string): number {
  const end = viewsOn(post, to);
  if (end === undefined) return 0;
  let start = viewsOn(post, from);
  if (start === undefined) {
    start = post.publishedOn > from ? 0 : (post.snapshots.find((s) => s.date > from)?.views ?? end);
  }
  return Math.max(0, end - start);
}

export function computeTrends(
  posts: readonly TrendPost[],
  today: string,
  options: Partial<TrendOptions> = {},
): Trend[] {
  const o = { ...TREND_DEFAULTS, ...options };
  const recentFrom = dateMinus(today, o.windowDays);
  const priorFrom = dateMinus(today, 2 * o.windowDays);
  const tags = new Map<string, Trend & { creatorIds: Set<string> }>();
  for (const post of posts) {
    // Growth is only known for posts seen before both windows, or published within them; an older
    // post synced for the first time recently counts as a use but adds no views to either window.
    const known = post.publishedOn > priorFrom || viewsOn(post, priorFrom) !== undefined;
    const recent = known ? viewsGained(post, recentFrom, today) : 0;
    const prior = known ? viewsGained(post, priorFrom, recentFrom) : 0;
    const isNew = post.publishedOn > recentFrom && post.publishedOn <= today;
    const wasNew = post.publishedOn > priorFrom && post.publishedOn <= recentFrom;
    const keys: [Trend['kind'], string][] = [
      ...(post.soundId ? [['SOUND', post.soundId] as [Trend['kind'], string]] : []),
      ...[...new Set(post.hashtags)].map((h) => ['HASHTAG', h] as [Trend['kind'], string]),
    ];
    for (const [kind, key] of keys) {
      const id = `${kind}|${key}`;
      let t = tags.get(id);
      if (!t) {
        t = {
          kind,
          key,
          recentViews: 0,
          priorViews: 0,
          newPosts: 0,
          priorNewPosts: 0,
          creators: 0,
          growth: 1,
          score: 0,
          trending: false,
          creatorIds: new Set(),
        };
        tags.set(id, t);
      }
      t.recentViews += recent;
      t.priorViews += prior;
      if (isNew) t.newPosts++;
      if (wasNew) t.priorNewPosts++;
      if (recent > 0) t.creatorIds.add(post.creatorId);
    }
  }
  const out: Trend[] = [];
  for (const { creatorIds, ...t } of tags.values()) {
    const growth = (t.recentViews + o.smoothingViews) / (t.priorViews + o.smoothingViews);
    const postGrowth = (t.newPosts + 1) / (t.priorNewPosts + 1);
    const creators = creatorIds.size;
    const trending =
      t.recentViews >= o.minRecentViews &&
      creators >= o.minCreators &&
      (growth >= o.minGrowth || postGrowth >= o.minGrowth);
    const score = Math.max(0, Math.log2(Math.max(growth, postGrowth))) * Math.log10(1 + t.recentViews);
    out.push({ ...t, creators, growth, score, trending });
  }
  return out.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
}
