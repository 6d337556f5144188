import type { Selectable } from 'kysely';
import type { CallToAction, OperationStatus, ReviewStatus } from '../../domain/enums.js';
import type { Ad } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';
import type { AdTable } from '../schema.js';
import type { StatusFilter } from './campaigns.js';

export function toAd(row: Selectable<AdTable>): Ad {
  return {
    id: row.id,
    adAccountId: row.ad_account_id,
    campaignId: row.campaign_id,
    adGroupId: row.ad_group_id,
    sparkPostId: row.spark_post_id,
    postId: row.post_id,
    name: row.name,
    callToAction: row.call_to_action as CallToAction | null,
    landingPageUrl: row.landing_page_url,
    operationStatus: row.operation_status as OperationStatus,
    reviewStatus: row.review_status as ReviewStatus,
    reviewReason: row.review_reason,
    reviewedAt: row.reviewed_at,
    reviewedBy: row.reviewed_by,
    spendMicros: row.spend_micros,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertAd(db: Executor, ad: Ad): Promise<void> {
  await db
    .insertInto('ads')
    .values({
      id: ad.id,
      ad_account_id: ad.adAccountId,
      campaign_id: ad.campaignId,
      ad_group_id: ad.adGroupId,
      spark_post_id: ad.sparkPostId,
      post_id: ad.postId,
      name: ad.name,
      call_to_action: ad.callToAction,
      landing_page_url: ad.landingPageUrl,
      operation_status: ad.operationStatus,
      review_status: ad.reviewStatus,
      review_reason: ad.reviewReason,
      reviewed_at: ad.reviewedAt,
      reviewed_by: ad.reviewedBy,
      spend_micros: ad.spendMicros,
      deleted_at: ad.deletedAt,
      created_at: ad.createdAt,
      updated_at: ad.updatedAt,
    })
    .execute();
}

export async function getAd(db: Executor, adAccountId: string, id: string): Promise<Ad | undefined> {
  const row = await db
    .selectFrom('ads')
    .selectAll()
    .where('id', '=', id)
    .where('ad_account_id', '=', adAccountId)
    .executeTakeFirst();
  return row && toAd(row);
}

export async function getAdById(db: Executor, id: string): Promise<Ad | undefined> {
  const row = await db.selectFrom('ads').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAd(row);
}

export async function listAds(
  db: Executor,
  adAccountId: string,
  page: PageRequest & {
    status?: StatusFilter;
    adGroupId?: string | undefined;
    campaignId?: string | undefined;
  },
): Promise<Page<Ad>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('ads')
    .selectAll()
    .where('ad_account_id', '=', adAccountId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (after) query = query.where('id', '<', after);
  if (page.adGroupId) query = query.where('ad_group_id', '=', page.adGroupId);
  if (page.campaignId) query = query.where('campaign_id', '=', page.campaignId);
  if (page.status === 'DELETE') query = query.where('deleted_at', 'is not', null);
  else {
    query = query.where('deleted_at', 'is', null);
    if (page.status) query = query.where('operation_status', '=', page.status);
  }
  return toPage(await query.execute(), page.limit, toAd);
}

/** Live ads of ad groups. */
export async function adsOfAdGroups(db: Executor, adGroupIds: readonly string[]): Promise<Ad[]> {
  if (adGroupIds.length === 0) return [];
  const rows = await db
    .selectFrom('ads')
    .selectAll()
    .where('ad_group_id', 'in', [...new Set(adGroupIds)])
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map(toAd);
}

/** Live ads promoting a post, across all ad accounts. */
export async function adsOfPost(db: Executor, postId: string): Promise<Ad[]> {
  const rows = await db
    .selectFrom('ads')
    .selectAll()
    .where('post_id', '=', postId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map(toAd);
}

/** Live ads (not deleted) of some ad accounts promoting some posts: what authorizations are used by. */
export async function adsOfPostsInAccounts(
  db: Executor,
  postIds: readonly string[],
  adAccountIds: readonly string[],
): Promise<Ad[]> {
  if (postIds.length === 0 || adAccountIds.length === 0) return [];
  const rows = await db
    .selectFrom('ads')
    .selectAll()
    .where('post_id', 'in', [...new Set(postIds)])
    .where('ad_account_id', 'in', [...new Set(adAccountIds)])
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map(toAd);
}

export async function countLiveAds(db: Executor, adAccountId: string): Promise<number> {
  const row = await db
    .selectFrom('ads')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('ad_account_id', '=', adAccountId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAdsInReview(
  db: Executor,
  page: PageRequest & { reviewStatus: ReviewStatus },
): Promise<Page<Ad>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('ads')
    .selectAll()
    .where('review_status', '=', page.reviewStatus)
    .where('deleted_at', 'is', null)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (after) query = query.where('id', '<', after);
  return toPage(await query.execute(), page.limit, toAd);
}

export async function updateAd(
  db: Executor,
  id: string,
  changes: Partial<
    Pick<
      Ad,
      | 'name'
      | 'callToAction'
      | 'landingPageUrl'
      | 'operationStatus'
      | 'reviewStatus'
      | 'reviewReason'
      | 'reviewedAt'
      | 'reviewedBy'
      | 'deletedAt'
    >
  >,
  now: number,
): Promise<void> {
  await db
    .updateTable('ads')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.callToAction !== undefined && { call_to_action: changes.callToAction }),
      ...(changes.landingPageUrl !== undefined && { landing_page_url: changes.landingPageUrl }),
      ...(changes.operationStatus !== undefined && { operation_status: changes.operationStatus }),
      ...(changes.reviewStatus !== undefined && { review_status: changes.reviewStatus }),
      ...(changes.reviewReason !== undefined && { review_reason: changes.reviewReason }),
      ...(changes.reviewedAt !== undefined && { reviewed_at: changes.reviewedAt }),
      ...(changes.reviewedBy !== undefined && { reviewed_by: changes.reviewedBy }),
      ...(changes.deletedAt !== undefined && { deleted_at: changes.deletedAt }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
