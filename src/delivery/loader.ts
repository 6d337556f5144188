import { authorizationStatus } from '../domain/authorization.js';
import { pickAuthorization } from '../domain/delivery-status.js';
import type { Ad, AdAccount, AdGroup, Authorization, Campaign, Creator, Post } from '../domain/model.js';
import { engagementRate } from '../domain/post-performance.js';
import type { Executor } from '../store/database.js';
import { getAdAccountsByIds } from '../store/repos/ad-accounts.js';
import { toAdGroup } from '../store/repos/ad-groups.js';
import { toAd } from '../store/repos/ads.js';
import { toAuthorization } from '../store/repos/authorizations.js';
import { getCampaignsByIds } from '../store/repos/campaigns.js';
import type { Change } from '../store/repos/changes.js';
import { getCreatorsByIds } from '../store/repos/creators.js';
import { getPostsByIds } from '../store/repos/posts.js';
import { ActionStats, actionFor, engagementRatio, qualityFactor } from './prediction.js';
import type { AdRecord, BlockReason, GroupRecord } from './records.js';

/** Reads the store into engine records: used at start-up (everything) and on changes (a few groups). */

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Median organic engagement rate of the platform's public posts with some views: the quality baseline. */
export async function platformMedianEngagement(db: Executor): Promise<number> {
  const rows = await db
    .selectFrom('posts')
    .select(['organic_views', 'organic_likes', 'organic_comments', 'organic_shares', 'organic_follows'])
    .where('visibility', '=', 'PUBLIC')
    .where('organic_views', '>=', 100)
    .limit(100_000)
    .execute();
  if (rows.length === 0) return 0.05;
  const rates = rows
    .map(
      (r) => (r.organic_likes + r.organic_comments + r.organic_shares + r.organic_follows) / r.organic_views,
    )
    .sort((a, b) => a - b);
  return rates[rates.length >> 1] as number;
}

export interface LoadContext {
  now: number;
  medianEngagement: number;
  /** Committed impressions and actions per ad, for the rate estimates. */
  stats?: Map<string, ActionStats>;
}

function adBlock(
  ad: Ad,
  post: Post | undefined,
  auths: Authorization[],
  now: number,
): { block: BlockReason | null; authEndsAt: number } {
  const auth = pickAuthorization(auths, now);
  const authEndsAt = auth && authorizationStatus(auth, now) === 'BOUND' ? auth.endsAt : 0;
  if (ad.operationStatus !== 'ENABLE') return { block: 'AD_DISABLED', authEndsAt };
  if (ad.reviewStatus === 'PENDING') return { block: 'REVIEW_PENDING', authEndsAt };
  if (ad.reviewStatus === 'REJECTED') return { block: 'REVIEW_REJECTED', authEndsAt };
  if (!auth) return { block: 'AUTHORIZATION_MISSING', authEndsAt };
  const status = authorizationStatus(auth, now);
  if (status === 'REVOKED') return { block: 'AUTHORIZATION_REVOKED', authEndsAt };
  if (status === 'EXPIRED') return { block: 'AUTHORIZATION_EXPIRED', authEndsAt };
  if (post?.visibility !== 'PUBLIC') return { block: 'POST_UNAVAILABLE', authEndsAt };
  return { block: null, authEndsAt };
}

/** Builds records for the given ad groups (deleted ones, or those of deleted campaigns, are omitted). */
export async function loadGroups(
  db: Executor,
  adGroupIds: readonly string[],
  context: LoadContext,
): Promise<{ records: GroupRecord[]; missing: string[] }> {
  const groups: AdGroup[] = [];
  for (const ids of chunks([...new Set(adGroupIds)])) {
    const rows = await db
      .selectFrom('ad_groups')
      .selectAll()
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    groups.push(...rows.map(toAdGroup));
  }
  const campaigns = new Map<string, Campaign>();
  const accounts = new Map<string, AdAccount>();
  const ads: Ad[] = [];
  for (const part of chunks(groups)) {
    for (const [id, c] of await getCampaignsByIds(
      db,
      part.map((g) => g.campaignId),
    ))
      campaigns.set(id, c);
    for (const [id, a] of await getAdAccountsByIds(
      db,
      part.map((g) => g.adAccountId),
    ))
      accounts.set(id, a);
    const adRows = await db
      .selectFrom('ads')
      .selectAll()
      .where(
        'ad_group_id',
        'in',
        part.map((g) => g.id),
      )
      .where('deleted_at', 'is', null)
      .execute();
    ads.push(...adRows.map(toAd));
  }
  const posts = new Map<string, Post>();
  const creators = new Map<string, Creator>();
  const auths = new Map<string, Authorization[]>();
  for (const part of chunks(ads)) {
    for (const [id, p] of await getPostsByIds(
      db,
      part.map((a) => a.postId),
    ))
      posts.set(id, p);
    const authRows = await db
      .selectFrom('authorizations')
      .selectAll()
      .where(
        'post_id',
        'in',
        part.map((a) => a.postId),
      )
      .where('ad_account_id', 'is not', null)
      .execute();
    for (const row of authRows) {
      const key = `${row.ad_account_id}|${row.post_id}`;
      const list = auths.get(key) ?? [];
      if (!list.some((a) => a.id === row.id)) list.push(toAuthorization(row));
      auths.set(key, list);
    }
  }
  for (const part of chunks([...posts.values()])) {
    for (const [id, c] of await getCreatorsByIds(
      db,
      part.map((p) => p.creatorId),
    ))
      creators.set(id, c);
  }

  const adsByGroup = new Map<string, Ad[]>();
  for (const ad of ads) {
    const list = adsByGroup.get(ad.adGroupId) ?? [];
    list.push(ad);
    adsByGroup.set(ad.adGroupId, list);
  }
  const records: GroupRecord[] = [];
  const found = new Set<string>();
  for (const adGroup of groups) {
    const campaign = campaigns.get(adGroup.campaignId);
    const account = accounts.get(adGroup.adAccountId);
    if (!campaign || !account || campaign.deletedAt !== null) continue;
    found.add(adGroup.id);
    const adRecords: AdRecord[] = (adsByGroup.get(adGroup.id) ?? []).map((ad) => {
      const post = posts.get(ad.postId);
      const creator = post ? creators.get(post.creatorId) : undefined;
      const { block, authEndsAt } = adBlock(
        ad,
        post,
        auths.get(`${ad.adAccountId}|${ad.postId}`) ?? [],
        context.now,
      );
      const ratio = post ? engagementRatio(engagementRate(post.organic), context.medianEngagement) : 1;
      return {
        ad,
        creative: {
          postId: ad.postId,
          caption: post?.caption ?? '',
          mediaUrl: post?.mediaUrl ?? '',
          durationMs: post?.durationMs ?? 0,
          hashtags: post?.hashtags ?? [],
          soundId: post?.soundId ?? null,
          creatorId: post?.creatorId ?? '',
          creatorHandle: creator?.handle ?? '',
          creatorDisplayName: creator?.displayName ?? '',
          creatorAvatarUrl: creator?.avatarUrl ?? null,
        },
        authEndsAt,
        block,
        ratio,
        quality: qualityFactor(ratio),
        action: actionFor(adGroup.billingEvent, adGroup.optimizationGoal),
        stats: context.stats?.get(ad.id) ?? new ActionStats(),
      };
    });
    let block: BlockReason | null = null;
    if (campaign.operationStatus !== 'ENABLE') block = 'CAMPAIGN_DISABLED';
    else if (adGroup.operationStatus !== 'ENABLE') block = 'AD_GROUP_DISABLED';
    else if (adGroup.scheduleEndAt !== null && adGroup.scheduleEndAt <= context.now) block = 'SCHEDULE_ENDED';
    else if (!adRecords.some((a) => a.block === null)) block = 'NO_ELIGIBLE_ADS';
    records.push({ adGroup, campaign, account, ads: adRecords, block, pacing: undefined });
  }
  return { records, missing: adGroupIds.filter((id) => !found.has(id)) };
}

/** Ids of every live ad group. */
export async function liveAdGroupIds(db: Executor): Promise<string[]> {
  const rows = await db.selectFrom('ad_groups').select('id').where('deleted_at', 'is', null).execute();
  return rows.map((r) => r.id);
}

/** The ad groups a committed change can affect. */
export async function adGroupsAffectedBy(
  db: Executor,
  changes: readonly Pick<Change, 'entityType' | 'entityId'>[],
): Promise<string[]> {
  const out = new Set<string>();
  const postIds: string[] = [];
  for (const change of changes) {
    switch (change.entityType) {
      case 'ad_group':
        out.add(change.entityId);
        break;
      case 'ad': {
        const row = await db
          .selectFrom('ads')
          .select('ad_group_id')
          .where('id', '=', change.entityId)
          .executeTakeFirst();
        if (row) out.add(row.ad_group_id);
        break;
      }
      case 'campaign': {
        const rows = await db
          .selectFrom('ad_groups')
          .select('id')
          .where('campaign_id', '=', change.entityId)
          .execute();
        for (const r of rows) out.add(r.id);
        break;
      }
      case 'ad_account': {
        const rows = await db
          .selectFrom('ad_groups')
          .select('id')
          .where('ad_account_id', '=', change.entityId)
          .execute();
        for (const r of rows) out.add(r.id);
        break;
      }
      case 'post':
        postIds.push(change.entityId);
        break;
      case 'authorization': {
        const row = await db
          .selectFrom('authorizations')
          .select('post_id')
          .where('id', '=', change.entityId)
          .executeTakeFirst();
        if (row) postIds.push(row.post_id);
        break;
      }
      default:
        break;
    }
  }
  for (const ids of chunks(postIds)) {
    const rows = await db
      .selectFrom('ads')
      .select('ad_group_id')
      .where('post_id', 'in', ids)
      .where('deleted_at', 'is', null)
      .execute();
    for (const r of rows) out.add(r.ad_group_id);
  }
  return [...out];
}
