import { Type } from '@sinclair/typebox';
import { actorOf } from '../../services/access.js';
import { requireAccount } from '../../services/accounts.js';
import {
  type CampaignView,
  createCampaign,
  getCampaignView,
  listCampaignViews,
  setCampaignStatus,
  updateCampaignFields,
} from '../../services/campaigns.js';
import { principalOf } from '../auth.js';
import {
  CampaignCreate,
  CampaignSchema,
  CampaignUpdate,
  presentCampaign,
  StatusInput,
  StatusListQuery,
} from '../resources/campaign.js';
import { errorResponses, ListOf } from '../schemas.js';
import { AccountParams, type Api, pageOf, type RouteDeps } from './common.js';

const tags = ['advertiser'];
const CampaignParams = Type.Object({
  ad_account_id: Type.String({ maxLength: 64 }),
  campaign_id: Type.String({ maxLength: 64 }),
});

export function advertiserCampaignRoutes(app: Api, { ctx }: RouteDeps): void {
  async function present(adAccountId: string, views: CampaignView[]) {
    const account = await requireAccount(ctx.store.db, adAccountId);
    return views.map((v) => presentCampaign(v.campaign, v.delivery, account));
  }

  app.post(
    '/v1/ad-accounts/:ad_account_id/campaigns',
    {
      config: { access: 'advertiser-write', idempotent: true },
      schema: {
        tags,
        summary: 'Create a campaign',
        description:
          'The objective decides what ad groups optimize for and what reports call a result. Budgets in the account currency; minimums are platform settings (default 50).',
        params: AccountParams,
        body: CampaignCreate,
        response: { 201: CampaignSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { campaign_name, ...rest } = request.body;
      const view = await createCampaign(ctx, actorOf(principalOf(request)), request.params.ad_account_id, {
        ...rest,
        name: campaign_name,
      });
      return reply.code(201).send((await present(request.params.ad_account_id, [view]))[0]!);
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/campaigns',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'List campaigns',
        description:
          'Newest first, each with its derived delivery status and reason. Filter with ?status=ENABLE|DISABLE|DELETE.',
        params: AccountParams,
        querystring: StatusListQuery,
        response: { 200: ListOf(CampaignSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await listCampaignViews(ctx, request.params.ad_account_id, {
        ...pageOf(request.query),
        status: request.query.status,
      });
      return { data: await present(request.params.ad_account_id, page.data), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/campaigns/:campaign_id',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Get a campaign',
        params: CampaignParams,
        response: { 200: CampaignSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      (
        await present(request.params.ad_account_id, [
          await getCampaignView(ctx, request.params.ad_account_id, request.params.campaign_id),
        ])
      )[0]!,
  );

  app.patch(
    '/v1/ad-accounts/:ad_account_id/campaigns/:campaign_id',
    {
      config: { access: 'advertiser-write' },
      schema: {
        tags,
        summary: 'Update a campaign',
        description:
          'Name and budget. A lowered budget must stay at or above 105% of what is already spent; the objective and budget mode cannot change.',
        params: CampaignParams,
        body: CampaignUpdate,
        response: { 200: CampaignSchema, ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const view = await updateCampaignFields(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.params.campaign_id,
        {
          name: request.body.campaign_name,
          budget: request.body.budget,
        },
      );
      return (await present(request.params.ad_account_id, [view]))[0]!;
    },
  );

  app.post(
    '/v1/ad-accounts/:ad_account_id/campaigns/:campaign_id/status',
    {
      config: { access: 'advertiser-write' },
      schema: {
        tags,
        summary: 'Enable, disable or delete a campaign',
        description: 'DELETE also deletes its ad groups and ads.',
        params: CampaignParams,
        body: StatusInput,
        response: { 200: CampaignSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const view = await setCampaignStatus(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.params.campaign_id,
        request.body.operation_status,
      );
      return (await present(request.params.ad_account_id, [view]))[0]!;
    },
  );
}
