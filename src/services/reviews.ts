import type { ReviewStatus } from '../domain/enums.js';
import { KindlingError, notFound } from '../domain/errors.js';
import type { Actor, Ad } from '../domain/model.js';
import type { Page, PageRequest } from '../store/pagination.js';
import { getAdById, listAdsInReview, updateAd } from '../store/repos/ads.js';
import { insertNotification } from '../store/repos/notifications.js';
import { type ServiceContext, transact } from './context.js';

/** The platform's ad review queue (ads that no automatic rule decided). */
export function listReviews(
  ctx: ServiceContext,
  page: PageRequest & { status: ReviewStatus },
): Promise<Page<Ad>> {
  return listAdsInReview(ctx.store.db, { ...page, reviewStatus: page.status });
}

export async function getReviewAd(ctx: ServiceContext, adId: string): Promise<Ad> {
  const ad = await getAdById(ctx.store.db, adId);
  if (!ad || ad.deletedAt !== null) throw notFound('Ad', adId);
  return ad;
}

export async function decideReview(
  ctx: ServiceContext,
  actor: Actor,
  adId: string,
  decision: { status: 'APPROVED' | 'REJECTED'; reason: string | null },
): Promise<Ad> {
  return transact(ctx, async (uow) => {
    const ad = await getAdById(uow.db, adId);
    if (!ad || ad.deletedAt !== null) throw notFound('Ad', adId);
    if (ad.reviewStatus === decision.status) {
      throw new KindlingError('REVIEW_ALREADY_DECIDED', {
        detail: `ad ${adId} is already ${decision.status.toLowerCase()}`,
      });
    }
    if (decision.status === 'REJECTED' && !decision.reason) {
      throw new KindlingError('VALIDATION_FAILED', {
        detail: 'a rejection needs a reason the advertiser can act on',
        errors: [{ field: 'reason', code: 'REQUIRED', message: 'required when rejecting' }],
      });
    }
    const changes = {
      reviewStatus: decision.status,
      reviewReason: decision.reason ?? 'approved by the platform',
      reviewedAt: uow.now,
      reviewedBy: actor.id ?? 'platform',
    };
    await updateAd(uow.db, adId, changes, uow.now);
    await uow.audit({
      actor,
      action: decision.status === 'APPROVED' ? 'ad.review.approve' : 'ad.review.reject',
      entityType: 'ad',
      entityId: adId,
      adAccountId: ad.adAccountId,
      changes: { review_status: [ad.reviewStatus, decision.status] },
    });
    if (decision.status === 'REJECTED') {
      await insertNotification(uow.db, {
        id: ctx.ids.next('notification'),
        adAccountId: ad.adAccountId,
        creatorId: null,
        type: 'AD_REJECTED',
        authorizationId: null,
        dedupeKey: `AD_REJECTED:${adId}:${uow.now}`,
        title: `Ad "${ad.name}" was rejected`,
        body: decision.reason ?? '',
        data: { ad_id: adId, reason: decision.reason },
        createdAt: uow.now,
        readAt: null,
      });
    }
    await uow.changed('ad', adId);
    return { ...ad, ...changes, updatedAt: uow.now };
  });
}
