import { Type } from '@sinclair/typebox';
import { REVIEW_STATUSES } from '../../domain/enums.js';
import { KindlingError } from '../../domain/errors.js';
import { isSupportedCurrency, parseMoney } from '../../domain/money.js';
import type { PlatformSettings } from '../../domain/settings.js';
import { actorOf } from '../../services/access.js';
import { requireAccount } from '../../services/accounts.js';
import { getAdView } from '../../services/ads.js';
import { invalidateSettings, loadSettings, transact } from '../../services/context.js';
import { runExpiryNotifications } from '../../services/notifications.js';
import { decideReview, getReviewAd, listReviews } from '../../services/reviews.js';
import { getPost } from '../../store/repos/posts.js';
import { putSettings } from '../../store/repos/settings.js';
import { principalOf } from '../auth.js';
import { AdSchema, presentAd } from '../resources/campaign.js';
import { PostSchema, presentPost } from '../resources/creator.js';
import { SettingsPatch, SettingsSchema } from '../resources/settings.js';
import { enumOf, errorResponses, ListOf, Nullable, PageQuery } from '../schemas.js';
import { type Api, pageOf, type RouteDeps } from './common.js';

const tags = ['platform'];

const ReviewItem = Type.Object({ ad: AdSchema, post: PostSchema, ad_account_name: Type.String() });

/** Amounts in settings are decimal strings; check them once here so nothing downstream trips. */
function checkSettingsAmounts(patch: Partial<PlatformSettings>): void {
  const amounts: [string, string | undefined][] = [
    ['min_campaign_budget', patch.min_campaign_budget],
    ['min_ad_group_daily_budget', patch.min_ad_group_daily_budget],
    ['reserve_cpm.IN_FEED', patch.reserve_cpm?.IN_FEED],
    ['reserve_cpm.TOPVIEW', patch.reserve_cpm?.TOPVIEW],
  ];
  const errors = amounts
    .filter(([, v]) => v !== undefined && !parseMoney(v, 'USD').ok)
    .map(([field]) => ({
      field,
      code: 'INVALID',
      message: 'must be a decimal amount with at most 2 decimals',
    }));
  // Per-currency minimums are amounts of that currency: an unusable one would fail every campaign later.
  for (const [currency, pair] of Object.entries(patch.currency_minimums ?? {})) {
    if (!isSupportedCurrency(currency)) {
      errors.push({
        field: `currency_minimums.${currency}`,
        code: 'UNKNOWN_CURRENCY',
        message: 'not an ISO 4217 currency',
      });
      continue;
    }
    for (const [key, value] of Object.entries(pair)) {
      const parsed = parseMoney(value, currency);
      if (!parsed.ok) {
        errors.push({
          field: `currency_minimums.${currency}.${key}`,
          code: parsed.code,
          message: parsed.message,
        });
      }
    }
  }
  if (errors.length)
    throw new KindlingError('VALIDATION_FAILED', { errors, detail: `${errors[0]?.field}: invalid amount` });
}

export function platformAdminRoutes(app: Api, { ctx }: RouteDeps): void {
  app.get(
    '/v1/platform/settings',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Platform settings',
        response: { 200: SettingsSchema, ...errorResponses(401, 403) },
      },
    },
    async () => loadSettings(ctx),
  );

  app.patch(
    '/v1/platform/settings',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Change platform settings',
        description:
          'Ad load, reserve prices, minimum budgets, review rules, redemption rate limits, attribution windows. Top-level keys are replaced whole.',
        body: SettingsPatch,
        response: { 200: SettingsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      checkSettingsAmounts(request.body as Partial<PlatformSettings>);
      await transact(ctx, async (uow) => {
        await putSettings(uow.db, request.body as Partial<PlatformSettings>, uow.now);
        await uow.audit({
          actor: actorOf(principalOf(request)),
          action: 'settings.update',
          entityType: 'settings',
          entityId: 'platform',
          changes: Object.fromEntries(Object.entries(request.body).map(([k, v]) => [k, [null, v]])),
        });
        await uow.changed('settings', 'platform');
      });
      invalidateSettings(ctx);
      return loadSettings(ctx);
    },
  );

  app.get(
    '/v1/platform/reviews',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'The ad review queue',
        description: 'Ads that no automatic rule decided (status PENDING, the default), or past decisions.',
        querystring: Type.Object(
          { ...PageQuery, status: Type.Optional(enumOf(REVIEW_STATUSES)) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(ReviewItem), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listReviews(ctx, {
        ...pageOf(request.query),
        status: request.query.status ?? 'PENDING',
      });
      const data = [];
      for (const ad of page.data) data.push(await reviewItem(ad.adAccountId, ad.id, ad.postId));
      return { data, next_cursor: page.nextCursor };
    },
  );

  async function reviewItem(adAccountId: string, adId: string, postId: string) {
    const account = await requireAccount(ctx.store.db, adAccountId);
    const view = await getAdView(ctx, adAccountId, adId);
    const post = await getPost(ctx.store.db, postId);
    return {
      ad: presentAd(view.ad, view.delivery, account),
      post: presentPost(post!),
      ad_account_name: account.name,
    };
  }

  const AdParams = Type.Object({ ad_id: Type.String({ maxLength: 64 }) });

  app.get(
    '/v1/platform/reviews/:ad_id',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'One ad under review, with its post',
        params: AdParams,
        response: { 200: ReviewItem, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const ad = await getReviewAd(ctx, request.params.ad_id);
      return reviewItem(ad.adAccountId, ad.id, ad.postId);
    },
  );

  for (const decision of ['approve', 'reject'] as const) {
    app.post(
      `/v1/platform/reviews/:ad_id/${decision}`,
      {
        config: { access: 'platform' },
        schema: {
          tags,
          summary:
            decision === 'approve' ? 'Approve an ad' : 'Reject an ad (with a reason the advertiser sees)',
          params: AdParams,
          body: Type.Object(
            { reason: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 1000 }))) },
            { additionalProperties: false },
          ),
          response: { 200: ReviewItem, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const ad = await decideReview(ctx, actorOf(principalOf(request)), request.params.ad_id, {
          status: decision === 'approve' ? 'APPROVED' : 'REJECTED',
          reason: request.body.reason ?? null,
        });
        return reviewItem(ad.adAccountId, ad.id, ad.postId);
      },
    );
  }

  app.post(
    '/v1/platform/jobs/authorization-notifications',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Run the authorization expiry job now',
        description:
          'The server runs it every minute; this runs it at once (safe to repeat). Sends 7-day and 1-day warnings and expiry notices.',
        response: { 200: Type.Object({ newly_expired: Type.Integer() }), ...errorResponses(401, 403) },
      },
    },
    async () => ({ newly_expired: (await runExpiryNotifications(ctx)).length }),
  );
}
