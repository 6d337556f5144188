import {
  type AdWarning,
  adWarnings,
  autoReview,
  landingPageProblem,
  MAX_ADS_PER_ACCOUNT,
  trendingHints,
} from '../domain/ad-rules.js';
import { isAuthorizationActive } from '../domain/authorization.js';
import { type DeliveryState, pickAuthorization } from '../domain/delivery-status.js';
import type { CallToAction, StatusAction } from '../domain/enums.js';
import { FieldErrors, KindlingError, notFound } from '../domain/errors.js';
import type { Actor, Ad } from '../domain/model.js';
import { scorePosts } from '../domain/post-performance.js';
import { currentTrends, trendingOf } from '../reports/trends.js';
import type { Executor } from '../store/database.js';
import type { Page, PageRequest } from '../store/pagination.js';
import { countLiveAds, getAd, insertAd, listAds, updateAd } from '../store/repos/ads.js';
import { authorizationsForAccountPosts } from '../store/repos/authorizations.js';
import type { StatusFilter } from '../store/repos/campaigns.js';
import { creatorBaselineInputs, getPost } from '../store/repos/posts.js';
import { getSparkPostByPost } from '../store/repos/spark-posts.js';
import { requireAccount } from './accounts.js';
import { requireAdGroup } from './ad-groups.js';
import { diff, loadSettings, type ServiceContext, transact, type UnitOfWork } from './context.js';
import { adStates } from './delivery-states.js';

export interface AdView {
  ad: Ad;
  delivery: DeliveryState;
}

async function view(ctx: ServiceContext, adAccountId: string, ads: Ad[]): Promise<AdView[]> {
  const account = await requireAccount(ctx.store.db, adAccountId);
  const states = await adStates(ctx.store.db, account, ads, ctx.clock.now());
  return ads.map((ad) => ({ ad, delivery: states.get(ad.id) as DeliveryState }));
}

export interface AdInput {
  ad_group_id: string;
  post_id: string;
  ad_name?: string | undefined;
  call_to_action?: CallToAction | null | undefined;
  landing_page_url: string;
  operation_status?: 'ENABLE' | 'DISABLE' | undefined;
}

function checkLandingPage(errors: FieldErrors, url: string): void {
  const problem = landingPageProblem(url);
  if (problem) errors.add('landing_page_url', problem.code, problem.message);
}

/** Applies the platform's automatic review, leaving the ad in the queue when no rule decides. */
async function review(ctx: ServiceContext, uow: UnitOfWork, ad: Pick<Ad, 'landingPageUrl'>) {
  const decision = autoReview(ad, await loadSettings(ctx, uow));
  return decision
    ? { reviewStatus: decision.status, reviewReason: decision.reason, reviewedBy: 'auto' }
    : { reviewStatus: 'PENDING' as const, reviewReason: null, reviewedBy: null };
}

export async function createAd(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  input: AdInput,
): Promise<AdView & { warnings: AdWarning[] }> {
  const {
    ad,
    warnings,
    post: promoted,
  } = await transact(ctx, async (uow) => {
    await requireAccount(uow.db, adAccountId);
    const errors = new FieldErrors();
    checkLandingPage(errors, input.landing_page_url);
    const adGroup = await requireAdGroup(uow, adAccountId, input.ad_group_id).catch(() => undefined);
    if (!adGroup || adGroup.deletedAt !== null) {
      errors.add('ad_group_id', 'UNKNOWN_AD_GROUP', 'no live ad group with this id in this ad account');
    }
    errors.throwIfAny();
    if (!adGroup) throw new Error('unreachable: checked above');
    const sparkPost = await getSparkPostByPost(uow.db, adAccountId, input.post_id);
    const post = sparkPost ? await getPost(uow.db, input.post_id) : undefined;
    const auths =
      (await authorizationsForAccountPosts(uow.db, adAccountId, [input.post_id])).get(input.post_id) ?? [];
    const auth = pickAuthorization(auths, uow.now);
    if (!sparkPost || !post || !auth) {
      throw sparkPostError('this post is not in the ad account’s library: redeem the creator’s code first');
    }
    if (!isAuthorizationActive(auth, uow.now)) {
      throw sparkPostError(
        auth.revokedAt !== null
          ? 'the creator revoked the authorization'
          : 'the authorization has expired; ask the creator to extend it',
      );
    }
    if (post.visibility !== 'PUBLIC') throw sparkPostError(`the post is ${post.visibility.toLowerCase()}`);
    if ((await countLiveAds(uow.db, adAccountId)) >= MAX_ADS_PER_ACCOUNT) {
      throw new KindlingError('AD_LIMIT_REACHED', {
        detail: `an ad account can have at most ${MAX_ADS_PER_ACCOUNT} Spark ads; delete some first`,
      });
    }
    const ad: Ad = {
      id: ctx.ids.next('ad'),
      adAccountId,
      campaignId: adGroup.campaignId,
      adGroupId: adGroup.id,
      sparkPostId: sparkPost.id,
      postId: post.id,
      name: input.ad_name ?? `Spark ad · ${post.id}`,
      callToAction: input.call_to_action ?? null,
      landingPageUrl: input.landing_page_url,
      operationStatus: input.operation_status ?? 'ENABLE',
      ...(await review(ctx, uow, { landingPageUrl: input.landing_page_url })),
      reviewedAt: uow.now,
      spendMicros: 0,
      deletedAt: null,
      createdAt: uow.now,
      updatedAt: uow.now,
    };
    if (ad.reviewStatus === 'PENDING') ad.reviewedAt = null;
    await insertAd(uow.db, ad);
    await uow.audit({
      actor,
      action: 'ad.create',
      entityType: 'ad',
      entityId: ad.id,
      adAccountId,
      changes: diff(
        {},
        { post_id: ad.postId, landing_page_url: ad.landingPageUrl, review_status: ad.reviewStatus },
      ),
    });
    await uow.changed('ad', ad.id);
    const performance = scorePosts(await creatorBaselineInputs(uow.db, post.creatorId)).get(post.id);
    return {
      ad,
      post,
      warnings: adWarnings({
        post,
        performance,
        authorization: auth,
        adGroup,
        callToAction: ad.callToAction,
        now: uow.now,
      }),
    };
  });
  // Trends are read outside the transaction (SQLite has one connection; the trend cache is per store).
  const trends = await currentTrends(ctx.store.db, ctx.clock.now());
  const hints = trendingHints(trendingOf(trends, promoted));
  const [created] = await view(ctx, adAccountId, [ad]);
  return { ...(created as AdView), warnings: [...warnings, ...hints] };
}

function sparkPostError(message: string): KindlingError {
  return new KindlingError('SPARK_POST_NOT_AVAILABLE', {
    detail: message,
    errors: [{ field: 'post_id', code: 'SPARK_POST_NOT_AVAILABLE', message }],
  });
}

export async function requireAd(db: Executor, adAccountId: string, id: string): Promise<Ad> {
  const ad = await getAd(db, adAccountId, id);
  if (!ad) throw notFound('Ad', id);
  return ad;
}

export async function getAdView(ctx: ServiceContext, adAccountId: string, id: string): Promise<AdView> {
  return (await view(ctx, adAccountId, [await requireAd(ctx.store.db, adAccountId, id)]))[0] as AdView;
}

export async function listAdViews(
  ctx: ServiceContext,
  adAccountId: string,
  page: PageRequest & {
    status?: StatusFilter;
    adGroupId?: string | undefined;
    campaignId?: string | undefined;
  },
): Promise<Page<AdView>> {
  await requireAccount(ctx.store.db, adAccountId);
  const result = await listAds(ctx.store.db, adAccountId, page);
  return { data: await view(ctx, adAccountId, result.data), nextCursor: result.nextCursor };
}

/** A changed landing page goes through review again. */
export async function updateAdFields(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  id: string,
  patch: {
    ad_name?: string | undefined;
    call_to_action?: CallToAction | null | undefined;
    landing_page_url?: string | undefined;
  },
): Promise<AdView> {
  await transact(ctx, async (uow: UnitOfWork) => {
    const current = await requireAd(uow.db, adAccountId, id);
    if (current.deletedAt !== null)
      throw new KindlingError('INVALID_STATE', { detail: 'a deleted ad cannot change' });
    const errors = new FieldErrors();
    if (patch.landing_page_url !== undefined) checkLandingPage(errors, patch.landing_page_url);
    errors.throwIfAny();
    const changes: Partial<Ad> = {
      ...(patch.ad_name !== undefined && { name: patch.ad_name }),
      ...(patch.call_to_action !== undefined && { callToAction: patch.call_to_action }),
    };
    if (patch.landing_page_url !== undefined && patch.landing_page_url !== current.landingPageUrl) {
      const decision = await review(ctx, uow, { landingPageUrl: patch.landing_page_url });
      Object.assign(changes, {
        landingPageUrl: patch.landing_page_url,
        ...decision,
        reviewedAt: decision.reviewStatus === 'PENDING' ? null : uow.now,
      });
    }
    await updateAd(uow.db, id, changes, uow.now);
    await uow.audit({
      actor,
      action: 'ad.update',
      entityType: 'ad',
      entityId: id,
      adAccountId,
      changes: diff(current, changes),
    });
    await uow.changed('ad', id);
  });
  return getAdView(ctx, adAccountId, id);
}

export async function setAdStatus(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  id: string,
  action: StatusAction,
): Promise<AdView> {
  await transact(ctx, async (uow) => {
    const current = await requireAd(uow.db, adAccountId, id);
    if (current.deletedAt !== null)
      throw new KindlingError('INVALID_STATE', { detail: `ad ${id} is deleted` });
    await updateAd(
      uow.db,
      id,
      action === 'DELETE' ? { deletedAt: uow.now, operationStatus: 'DISABLE' } : { operationStatus: action },
      uow.now,
    );
    await uow.audit({
      actor,
      action: `ad.${action.toLowerCase()}`,
      entityType: 'ad',
      entityId: id,
      adAccountId,
      changes: { operation_status: [current.operationStatus, action] },
    });
    await uow.changed('ad', id);
  });
  return getAdView(ctx, adAccountId, id);
}
