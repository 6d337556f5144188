import type { Executor } from '../store/database.js';

/** The ad event an engagement or a conversion is credited to, with its breakdowns. */
export interface Attribution {
  decisionId: string;
  at: number;
  adId: string;
  adGroupId: string;
  campaignId: string;
  adAccountId: string;
  postId: string;
  creatorId: string;
  viewerId: string | null;
  placement: string | null;
  country: string | null;
  ageGroup: string | null;
  gender: string | null;
  os: string | null;
}

const CHUNK = 400;

type AdEventRow = {
  decision_id: string | null;
  occurred_at: number;
  type: string;
  ad_id: string | null;
  ad_group_id: string | null;
  campaign_id: string | null;
  ad_account_id: string | null;
  post_id: string | null;
  creator_id: string | null;
  viewer_id: string | null;
  placement: string | null;
  country: string | null;
  age_group: string | null;
  gender: string | null;
  os: string | null;
};

function toAttribution(r: AdEventRow): Attribution {
  return {
    decisionId: r.decision_id as string,
    at: r.occurred_at,
    adId: r.ad_id as string,
    adGroupId: r.ad_group_id as string,
    campaignId: r.campaign_id as string,
    adAccountId: r.ad_account_id as string,
    postId: r.post_id as string,
    creatorId: r.creator_id as string,
    viewerId: r.viewer_id,
    placement: r.placement,
    country: r.country,
    ageGroup: r.age_group,
    gender: r.gender,
    os: r.os,
  };
}

const COLUMNS = [
  'decision_id',
  'occurred_at',
  'type',
  'ad_id',
  'ad_group_id',
  'campaign_id',
  'ad_account_id',
  'post_id',
  'creator_id',
  'viewer_id',
  'placement',
  'country',
  'age_group',
  'gender',
  'os',
] as const;

/**
 * For each organic engagement (viewer, post, time): the ad it is credited to. Last touch, clicks
 * first: the latest valid click on an ad of that post within the click window, else the latest
 * valid impression within the view window (TikTok and Meta default to 7-day click, 1-day view).
 * Keyed `viewer|post|at`.
 */
export async function findAttributions(
  db: Executor,
  requests: { viewerId: string; postId: string; at: number }[],
  windows: { viewMs: number; clickMs: number },
): Promise<Map<string, Attribution>> {
  const out = new Map<string, Attribution>();
  if (requests.length === 0) return out;
  const earliest = Math.min(...requests.map((r) => r.at)) - Math.max(windows.viewMs, windows.clickMs);
  const byPair = new Map<string, AdEventRow[]>();
  const viewers = [...new Set(requests.map((r) => r.viewerId))];
  const posts = [...new Set(requests.map((r) => r.postId))];
  for (let i = 0; i < viewers.length; i += CHUNK) {
    let query = db
      .selectFrom('events')
      .select(COLUMNS)
      .where('kind', '=', 'ad')
      .where('viewer_id', 'in', viewers.slice(i, i + CHUNK));
    // With many posts the viewer filter alone is selective enough; pairs are matched below.
    if (posts.length <= CHUNK) query = query.where('post_id', 'in', posts);
    const rows = await query
      .where('type', 'in', ['impression', 'click'])
      .where('invalid_reason', 'is', null)
      .where('occurred_at', '>=', earliest)
      .execute();
    for (const row of rows) {
      const key = `${row.viewer_id}|${row.post_id}`;
      const list = byPair.get(key) ?? [];
      list.push(row);
      byPair.set(key, list);
    }
  }
  for (const r of requests) {
    const candidates = byPair.get(`${r.viewerId}|${r.postId}`) ?? [];
    let best: AdEventRow | undefined;
    for (const type of ['click', 'impression'] as const) {
      const window = type === 'click' ? windows.clickMs : windows.viewMs;
      for (const c of candidates) {
        if (c.type !== type || c.occurred_at > r.at || r.at - c.occurred_at > window) continue;
        if (!best || c.occurred_at > best.occurred_at) best = c;
      }
      if (best) break;
    }
    if (best) out.set(`${r.viewerId}|${r.postId}|${r.at}`, toAttribution(best));
  }
  return out;
}

/** Valid clicks by decision id (the click id appended to landing pages). */
export async function findClicks(db: Executor, clickIds: string[]): Promise<Map<string, Attribution>> {
  const out = new Map<string, Attribution>();
  const ids = [...new Set(clickIds)];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('events')
      .select(COLUMNS)
      .where('kind', '=', 'ad')
      .where('type', '=', 'click')
      .where('decision_id', 'in', ids.slice(i, i + CHUNK))
      .where('invalid_reason', 'is', null)
      .execute();
    for (const row of rows) out.set(row.decision_id as string, toAttribution(row));
  }
  return out;
}
