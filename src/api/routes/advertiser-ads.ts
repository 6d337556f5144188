import { Type } from '@sinclair/typebox';
import { actorOf } from '../../services/access.js';
import { requireAccount } from '../../services/accounts.js';
import {
  type AdView,
  createAd,
  getAdView,
  listAdViews,
  setAdStatus,
  updateAdFields,
} from '../../services/ads.js';
import { principalOf } from '../auth.js';
import {
  AdCreate,
  AdSchema,
  AdUpdate,
  AdWarningSchema,
  presentAd,
  StatusInput,
  StatusListQuery,
} from '../resources/campaign.js';
import { errorResponses, ListOf } from '../schemas.js';
import { AccountParams, type Api, pageOf, type RouteDeps } from './common.js';

const tags = ['advertiser'];
const AdParams = Type.Object({
  ad_account_id: Type.String({ maxLength: 64 }),
  ad_id: Type.String({ maxLength: 64 }),
});

export function advertiserAdRoutes(app: Api, { ctx }: RouteDeps): void {
  async function present(adAccountId: string, views: AdView[]) {
    const account = await requireAccount(ctx.store.db, adAccountId);
    return views.map((v) => presentAd(v.ad, v.delivery, account));
  }

  app.post(
    '/v1/ad-accounts/:ad_account_id/ads',
    {
      config: { access: 'advertiser-write', idempotent: true },
      schema: {
        tags,
        summary: 'Create a Spark ad',
        description:
          'Promotes a post of the Spark library (an active authorization bound to this account) with an optional call-to-action button and an https landing page. The ad goes to the platform’s review (automatic by default). The response carries warnings: a post below the creator’s median, an authorization ending before the schedule, a caption without a call to action.',
        params: AccountParams,
        body: AdCreate,
        response: {
          201: Type.Composite([AdSchema, Type.Object({ warnings: Type.Array(AdWarningSchema) })]),
          ...errorResponses(400, 401, 403, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const created = await createAd(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.body,
      );
      const [presented] = await present(request.params.ad_account_id, [created]);
      return reply.code(201).send({ ...presented!, warnings: created.warnings });
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/ads',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'List ads',
        params: AccountParams,
        querystring: Type.Composite(
          [
            StatusListQuery,
            Type.Object({
              ad_group_id: Type.Optional(Type.String({ maxLength: 64 })),
              campaign_id: Type.Optional(Type.String({ maxLength: 64 })),
            }),
          ],
          { additionalProperties: false },
        ),
        response: { 200: ListOf(AdSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await listAdViews(ctx, request.params.ad_account_id, {
        ...pageOf(request.query),
        status: request.query.status,
        adGroupId: request.query.ad_group_id,
        campaignId: request.query.campaign_id,
      });
      return { data: await present(request.params.ad_account_id, page.data), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/ads/:ad_id',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Get an ad',
        params: AdParams,
        response: { 200: AdSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      (
        await present(request.params.ad_account_id, [
          await getAdView(ctx, request.params.ad_account_id, request.params.ad_id),
        ])
      )[0]!,
  );

  app.patch(
    '/v1/ad-accounts/:ad_account_id/ads/:ad_id',
    {
      config: { access: 'advertiser-write' },
      schema: {
        tags,
        summary: 'Update an ad',
        description: 'A new landing page goes through review again.',
        params: AdParams,
        body: AdUpdate,
        response: { 200: AdSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const view = await updateAdFields(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.params.ad_id,
        request.body,
      );
      return (await present(request.params.ad_account_id, [view]))[0]!;
    },
  );

  app.post(
    '/v1/ad-accounts/:ad_account_id/ads/:ad_id/status',
    {
      config: { access: 'advertiser-write' },
      schema: {
        tags,
        summary: 'Enable, disable or delete an ad',
        params: AdParams,
        body: StatusInput,
        response: { 200: AdSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const view = await setAdStatus(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.params.ad_id,
        request.body.operation_status,
      );
      return (await present(request.params.ad_account_id, [view]))[0]!;
    },
  );
}
