import { Type } from '@sinclair/typebox';
import { notFound } from '../../domain/errors.js';
import { actorOf, listAccountMembers } from '../../services/access.js';
import { requireAccount } from '../../services/accounts.js';
import { redeemCode, redeemCodes } from '../../services/authorizations.js';
import { getSparkPostView, listSparkPostViews, sparkPostViewForPost } from '../../services/library.js';
import { listAudit } from '../../store/repos/audit.js';
import { listNotifications, markNotificationRead } from '../../store/repos/notifications.js';
import { principalOf } from '../auth.js';
import { problemOf } from '../problem.js';
import {
  AdAccountSchema,
  AuditSchema,
  MemberSchema,
  NotificationSchema,
  presentAdAccount,
  presentAudit,
  presentMember,
  presentNotification,
} from '../resources/account.js';
import {
  presentSparkPost,
  RedeemBatchInput,
  RedeemInput,
  SparkPostSchema,
} from '../resources/authorization.js';
import { errorResponses, ListOf, PageQuery, ProblemSchema } from '../schemas.js';
import { AccountParams, type Api, pageOf, type RouteDeps } from './common.js';

const tags = ['advertiser'];

export function advertiserLibraryRoutes(app: Api, { ctx }: RouteDeps): void {
  app.get(
    '/v1/ad-accounts/:ad_account_id',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'The ad account',
        params: AccountParams,
        response: { 200: AdAccountSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => presentAdAccount(await requireAccount(ctx.store.db, request.params.ad_account_id)),
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/members',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Members of the ad account',
        params: AccountParams,
        response: { 200: Type.Object({ data: Type.Array(MemberSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      data: (await listAccountMembers(ctx, request.params.ad_account_id)).map(presentMember),
    }),
  );

  app.post(
    '/v1/ad-accounts/:ad_account_id/spark-posts',
    {
      config: { access: 'advertiser-write', idempotent: true },
      schema: {
        tags,
        summary: 'Redeem a creator’s authorization code',
        description:
          'Binds the authorization to this ad account and adds the post to its Spark library. Redeeming the same code again is harmless (200). Errors tell apart a mistyped code (AUTH_CODE_MALFORMED), an unknown one, an expired or revoked one, one redeemed by another account, and a post no longer available. Failed attempts are rate limited per ad account (RateLimit-* headers).',
        params: AccountParams,
        body: RedeemInput,
        response: {
          200: SparkPostSchema,
          201: SparkPostSchema,
          ...errorResponses(400, 401, 403, 404, 409, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const redemption = await redeemCode(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.body.auth_code,
      );
      const view = await sparkPostViewForPost(ctx, redemption.sparkPost);
      return reply.code(redemption.alreadyRedeemed ? 200 : 201).send(presentSparkPost(view, ctx.clock.now()));
    },
  );

  app.post(
    '/v1/ad-accounts/:ad_account_id/spark-posts/batch',
    {
      config: { access: 'advertiser-write' },
      schema: {
        tags,
        summary: 'Redeem up to 20 codes at once',
        description: 'One result per code, in order; a bad code does not stop the others.',
        params: AccountParams,
        body: RedeemBatchInput,
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({
                index: Type.Integer(),
                status: Type.Union([
                  Type.Literal('REDEEMED'),
                  Type.Literal('ALREADY_REDEEMED'),
                  Type.Literal('FAILED'),
                ]),
                spark_post: Type.Optional(SparkPostSchema),
                error: Type.Optional(ProblemSchema),
              }),
            ),
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const results = await redeemCodes(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.body.auth_codes,
      );
      const now = ctx.clock.now();
      const data = [];
      for (const r of results) {
        if (r.status === 'FAILED') data.push({ index: r.index, status: r.status, error: problemOf(r.error) });
        else
          data.push({
            index: r.index,
            status: r.status,
            spark_post: presentSparkPost(await sparkPostViewForPost(ctx, r.redemption.sparkPost), now),
          });
      }
      return { data };
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/spark-posts',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'The Spark library: redeemed posts and their authorization status',
        description:
          'Each post with its creator, organic performance, authorization status and end time (expiring_soon within 7 days) and the number of live ads using it.',
        params: AccountParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: ListOf(SparkPostSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await listSparkPostViews(ctx, request.params.ad_account_id, pageOf(request.query));
      const now = ctx.clock.now();
      return { data: page.data.map((v) => presentSparkPost(v, now)), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/spark-posts/:spark_post_id',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'One post of the Spark library',
        params: Type.Object({
          ad_account_id: Type.String({ maxLength: 64 }),
          spark_post_id: Type.String({ maxLength: 64 }),
        }),
        response: { 200: SparkPostSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      presentSparkPost(
        await getSparkPostView(ctx, request.params.ad_account_id, request.params.spark_post_id),
        ctx.clock.now(),
      ),
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/notifications',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary:
          'Notifications: codes redeemed, authorizations expiring (7 days, 1 day), expired, revoked, ads rejected',
        params: AccountParams,
        querystring: Type.Object(
          { ...PageQuery, unread: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(NotificationSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await listNotifications(
        ctx.store.db,
        { adAccountId: request.params.ad_account_id },
        { ...pageOf(request.query), unreadOnly: request.query.unread },
      );
      return { data: page.data.map(presentNotification), next_cursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/ad-accounts/:ad_account_id/notifications/:notification_id/read',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Mark a notification read',
        params: Type.Object({
          ad_account_id: Type.String({ maxLength: 64 }),
          notification_id: Type.String({ maxLength: 64 }),
        }),
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ok = await markNotificationRead(
        ctx.store.db,
        { adAccountId: request.params.ad_account_id },
        request.params.notification_id,
        ctx.clock.now(),
      );
      if (!ok) throw notFound('Notification', request.params.notification_id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/audit-log',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Audit log of authorization and campaign changes',
        params: AccountParams,
        querystring: Type.Object(
          { ...PageQuery, entity_id: Type.Optional(Type.String({ maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(AuditSchema), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const page = await listAudit(
        ctx.store.db,
        { adAccountId: request.params.ad_account_id },
        { ...pageOf(request.query), entityId: request.query.entity_id },
      );
      return { data: page.data.map(presentAudit), next_cursor: page.nextCursor };
    },
  );
}
