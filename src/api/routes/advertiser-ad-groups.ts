import { Type } from '@sinclair/typebox';
import { actorOf } from '../../services/access.js';
import { requireAccount } from '../../services/accounts.js';
import {
  type AdGroupView,
  createAdGroup,
  getAdGroupView,
  listAdGroupViews,
  setAdGroupStatus,
  updateAdGroupFields,
} from '../../services/ad-groups.js';
import { principalOf } from '../auth.js';
import {
  AdGroupCreate,
  AdGroupSchema,
  AdGroupUpdate,
  presentAdGroup,
  toAdGroupInput,
} from '../resources/ad-group.js';
import { StatusInput, StatusListQuery } from '../resources/campaign.js';
import { errorResponses, ListOf } from '../schemas.js';
import { AccountParams, type Api, pageOf, type RouteDeps } from './common.js';

const tags = ['advertiser'];
const AdGroupParams = Type.Object({
  ad_account_id: Type.String({ maxLength: 64 }),
  ad_group_id: Type.String({ maxLength: 64 }),
});

export function advertiserAdGroupRoutes(app: Api, { ctx }: RouteDeps): void {
  async function present(adAccountId: string, views: AdGroupView[]) {
    const account = await requireAccount(ctx.store.db, adAccountId);
    return views.map((v) => presentAdGroup(v.adGroup, v.delivery, account));
  }

  app.post(
    '/v1/ad-accounts/:ad_account_id/ad-groups',
    {
      config: { access: 'advertiser-write', idempotent: true },
      schema: {
        tags,
        summary: 'Create an ad group',
        description:
          'Targeting, budget (daily ≥ the platform minimum, default 20; lifetime ≥ the daily minimum × scheduled days), schedule in the account time zone with optional 48×7 dayparting, placement, billing event and bid, pacing, and an optional frequency cap (N impressions per D days).',
        params: AccountParams,
        body: AdGroupCreate,
        response: { 201: AdGroupSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const input = toAdGroupInput(request.body);
      const view = await createAdGroup(ctx, actorOf(principalOf(request)), request.params.ad_account_id, {
        ...input,
        name: request.body.adgroup_name,
      });
      return reply.code(201).send((await present(request.params.ad_account_id, [view]))[0]!);
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/ad-groups',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'List ad groups',
        params: AccountParams,
        querystring: Type.Composite(
          [StatusListQuery, Type.Object({ campaign_id: Type.Optional(Type.String({ maxLength: 64 })) })],
          { additionalProperties: false },
        ),
        response: { 200: ListOf(AdGroupSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await listAdGroupViews(ctx, request.params.ad_account_id, {
        ...pageOf(request.query),
        status: request.query.status,
        campaignId: request.query.campaign_id,
      });
      return { data: await present(request.params.ad_account_id, page.data), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/ad-groups/:ad_group_id',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Get an ad group',
        params: AdGroupParams,
        response: { 200: AdGroupSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      (
        await present(request.params.ad_account_id, [
          await getAdGroupView(ctx, request.params.ad_account_id, request.params.ad_group_id),
        ])
      )[0]!,
  );

  app.patch(
    '/v1/ad-accounts/:ad_account_id/ad-groups/:ad_group_id',
    {
      config: { access: 'advertiser-write' },
      schema: {
        tags,
        summary: 'Update an ad group',
        description:
          'Send only the fields to change; targeting fields merge into the current targeting. The whole ad group is validated again.',
        params: AdGroupParams,
        body: AdGroupUpdate,
        response: { 200: AdGroupSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const view = await updateAdGroupFields(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.params.ad_group_id,
        toAdGroupInput(request.body),
      );
      return (await present(request.params.ad_account_id, [view]))[0]!;
    },
  );

  app.post(
    '/v1/ad-accounts/:ad_account_id/ad-groups/:ad_group_id/status',
    {
      config: { access: 'advertiser-write' },
      schema: {
        tags,
        summary: 'Enable, disable or delete an ad group',
        params: AdGroupParams,
        body: StatusInput,
        response: { 200: AdGroupSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const view = await setAdGroupStatus(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.params.ad_group_id,
        request.body.operation_status,
      );
      return (await present(request.params.ad_account_id, [view]))[0]!;
    },
  );
}
