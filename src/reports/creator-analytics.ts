import { authorizationStatus } from '../domain/authorization.js';
import type { AuthorizationStatus } from '../domain/enums.js';
import { ReachSketch } from '../domain/hyperloglog.js';
import type { Authorization, Post, Targeting } from '../domain/model.js';
import { addCounters, type Counters, emptyCounters } from '../domain/report-metrics.js';
import { localDate } from '../domain/time.js';
import type { Executor } from '../store/database.js';
import { fromJson } from '../store/json.js';
import { toAuthorization } from '../store/repos/authorizations.js';
import { toPost } from '../store/repos/posts.js';
import { dailyRollupsOf, sketchesOfAds } from '../store/repos/report-reads.js';
import { getSettings } from '../store/repos/settings.js';
import { type Engagement, organicOnly, paidOf } from './post-split.js';

/**
 * What brands' Spark ads did for a creator: per post and per authorization, paid delivery and
 * engagement next to the organic counts, which brands promoted each post and when, and the extra
 * reach (a union of viewers across brands) and followers the ads brought. Spend and targeting are
 * the brands' business: shown only when the platform setting `creators_see_spend` is on.
 */
export interface PaidNumbers {
  impressions: number;
  reach: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  follows: number;
  profileVisits: number;
}

export interface BrandPeriod {
  adAccountId: string;
  name: string;
  firstDay: string;
  lastDay: string;
}

export interface CreatorAnalytics {
  spendVisible: boolean;
  totals: PaidNumbers & { organic: Engagement };
  posts: { post: Post; organic: Engagement; paid: PaidNumbers; brands: BrandPeriod[] }[];
  authorizations: {
    authorization: Authorization;
    status: AuthorizationStatus;
    adAccount: { id: string; name: string; currency: string } | null;
    firstDay: string | null;
    lastDay: string | null;
    paid: PaidNumbers;
    spendMicros?: number;
    targeting?: { adGroupId: string; name: string; targeting: Targeting }[];
  }[];
}

interface Bucket {
  counters: Counters;
  sketch: ReachSketch;
  first: string | null;
  last: string | null;
}

const bucket = (): Bucket => ({
  counters: emptyCounters(),
  sketch: new ReachSketch(),
  first: null,
  last: null,
});

function paidNumbers(b: Bucket): PaidNumbers {
  const p = paidOf(b.counters);
  return { impressions: b.counters.impressions, reach: b.sketch.estimate(), ...p };
}

function touch(b: Bucket, day: string): void {
  if (b.first === null || day < b.first) b.first = day;
  if (b.last === null || day > b.last) b.last = day;
}

export async function creatorAnalytics(
  db: Executor,
  creatorId: string,
  now: number,
  dates: { from: string; to: string } | null,
): Promise<CreatorAnalytics> {
  const settings = await getSettings(db);
  const inRange = (day: string) => dates === null || (day >= dates.from && day <= dates.to);
  const rollups = (await dailyRollupsOf(db, { creatorId })).filter((r) => inRange(r.local_date));
  const authorizations = (
    await db
      .selectFrom('authorizations')
      .selectAll()
      .where('creator_id', '=', creatorId)
      .orderBy('id')
      .execute()
  ).map(toAuthorization);
  const postIds = [...new Set([...authorizations.map((a) => a.postId), ...rollups.map((r) => r.post_id)])];
  const posts = postIds.length
    ? (
        await db
          .selectFrom('posts')
          .selectAll()
          .where('id', 'in', postIds)
          .where('creator_id', '=', creatorId)
          .execute()
      ).map(toPost)
    : [];
  const accountIds = [
    ...new Set([
      ...authorizations.flatMap((a) => (a.adAccountId ? [a.adAccountId] : [])),
      ...rollups.map((r) => r.ad_account_id),
    ]),
  ];
  const accounts = new Map(
    (accountIds.length
      ? await db
          .selectFrom('ad_accounts')
          .select(['id', 'name', 'currency', 'time_zone'])
          .where('id', 'in', accountIds)
          .execute()
      : []
    ).map((a) => [a.id, a]),
  );

  // Each ad-day goes to the account's latest authorization of the post that had started by then.
  const authsOf = new Map<string, Authorization[]>();
  for (const a of authorizations) {
    if (!a.adAccountId) continue;
    const key = `${a.adAccountId}|${a.postId}`;
    authsOf.set(
      key,
      [...(authsOf.get(key) ?? []), a].sort((x, y) => x.startsAt - y.startsAt),
    );
  }
  const authorizationFor = (accountId: string, postId: string, day: string): Authorization | undefined => {
    const list = authsOf.get(`${accountId}|${postId}`) ?? [];
    const zone = accounts.get(accountId)?.time_zone ?? 'UTC';
    return [...list].reverse().find((a) => localDate(a.startsAt, zone) <= day) ?? list[0];
  };

  const total = bucket();
  const byPost = new Map<string, Bucket>();
  const byAuth = new Map<string, Bucket>();
  const brands = new Map<string, Bucket>(); // post|account
  const adTarget = new Map<string, Bucket[]>(); // ad|day → buckets its sketch joins
  for (const r of rollups) {
    const auth = authorizationFor(r.ad_account_id, r.post_id, r.local_date);
    const targets = [
      total,
      byPost.get(r.post_id) ?? byPost.set(r.post_id, bucket()).get(r.post_id),
      brands.get(`${r.post_id}|${r.ad_account_id}`) ??
        brands.set(`${r.post_id}|${r.ad_account_id}`, bucket()).get(`${r.post_id}|${r.ad_account_id}`),
      ...(auth ? [byAuth.get(auth.id) ?? byAuth.set(auth.id, bucket()).get(auth.id)] : []),
    ] as Bucket[];
    for (const t of targets) {
      addCounters(t.counters, r);
      touch(t, r.local_date);
    }
    adTarget.set(`${r.ad_id}|${r.local_date}`, targets);
  }
  for (const s of await sketchesOfAds(db, [...new Set(rollups.map((r) => r.ad_id))])) {
    const targets = adTarget.get(`${s.entity_id}|${s.local_date}`);
    if (!targets) continue;
    const sketch = ReachSketch.deserialize(s.sketch);
    for (const t of targets) t.sketch.merge(sketch);
  }

  let targetingByAuth = new Map<string, { adGroupId: string; name: string; targeting: Targeting }[]>();
  if (settings.creators_see_spend) targetingByAuth = await targetingOfAuthorizations(db, authorizations);
  const organicTotal: Engagement = { views: 0, likes: 0, comments: 0, shares: 0, follows: 0 };
  const postViews = posts
    .sort((a, b) => b.publishedAt - a.publishedAt || a.id.localeCompare(b.id))
    .map((post) => {
      const organic = organicOnly(post);
      for (const k of Object.keys(organicTotal) as (keyof Engagement)[]) organicTotal[k] += organic[k];
      const postBrands = [...brands.entries()]
        .filter(([key]) => key.startsWith(`${post.id}|`))
        .map(([key, b]) => {
          const accountId = key.slice(post.id.length + 1);
          return {
            adAccountId: accountId,
            name: accounts.get(accountId)?.name ?? accountId,
            firstDay: b.first as string,
            lastDay: b.last as string,
          };
        })
        .sort((a, b) => a.firstDay.localeCompare(b.firstDay) || a.adAccountId.localeCompare(b.adAccountId));
      return { post, organic, paid: paidNumbers(byPost.get(post.id) ?? bucket()), brands: postBrands };
    });
  return {
    spendVisible: settings.creators_see_spend,
    totals: { ...paidNumbers(total), organic: organicTotal },
    posts: postViews,
    authorizations: authorizations
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id))
      .map((a) => {
        const b = byAuth.get(a.id) ?? bucket();
        const account = a.adAccountId ? accounts.get(a.adAccountId) : undefined;
        return {
          authorization: a,
          status: authorizationStatus(a, now),
          adAccount: account ? { id: account.id, name: account.name, currency: account.currency } : null,
          firstDay: b.first,
          lastDay: b.last,
          paid: paidNumbers(b),
          ...(settings.creators_see_spend && {
            spendMicros: b.counters.spend_micros,
            targeting: targetingByAuth.get(a.id) ?? [],
          }),
        };
      }),
  };
}

/** The ad groups running each authorization's post for its brand, with their targeting. */
async function targetingOfAuthorizations(
  db: Executor,
  authorizations: Authorization[],
): Promise<Map<string, { adGroupId: string; name: string; targeting: Targeting }[]>> {
  const out = new Map<string, { adGroupId: string; name: string; targeting: Targeting }[]>();
  const bound = authorizations.filter((a) => a.adAccountId);
  if (bound.length === 0) return out;
  const rows = await db
    .selectFrom('ads')
    .innerJoin('ad_groups', 'ad_groups.id', 'ads.ad_group_id')
    .select([
      'ads.post_id as post_id',
      'ads.ad_account_id as ad_account_id',
      'ad_groups.id as id',
      'ad_groups.name as name',
      'ad_groups.targeting as targeting',
    ])
    .where('ads.post_id', 'in', [...new Set(bound.map((a) => a.postId))])
    .execute();
  for (const a of bound) {
    const groups = rows.filter((r) => r.post_id === a.postId && r.ad_account_id === a.adAccountId);
    const unique = [...new Map(groups.map((g) => [g.id, g])).values()];
    out.set(
      a.id,
      unique.map((g) => ({
        adGroupId: g.id,
        name: g.name,
        targeting: fromJson<Targeting>(g.targeting, {} as Targeting),
      })),
    );
  }
  return out;
}
