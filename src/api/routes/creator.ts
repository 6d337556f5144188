import { Type } from '@sinclair/typebox';
import { DEFAULT_AUTHORIZATION_DAYS, POST_VISIBILITIES } from '../../domain/enums.js';
import { notFound } from '../../domain/errors.js';
import type { Authorization } from '../../domain/model.js';
import {
  authorizationUsage,
  createAuthorization,
  extendAuthorization,
  getCreatorAuthorization,
  listCreatorAuthorizations,
  revokeAuthorization,
} from '../../services/authorizations.js';
import { getCreatorPost, listCreatorPosts } from '../../services/library.js';
import { requireCreator } from '../../services/platform-sync.js';
import { getAdAccountsByIds } from '../../store/repos/ad-accounts.js';
import { listAudit } from '../../store/repos/audit.js';
import { listNotifications, markNotificationRead } from '../../store/repos/notifications.js';
import { creatorIdOf } from '../auth.js';
import { AuditSchema, NotificationSchema, presentAudit, presentNotification } from '../resources/account.js';
import {
  AuthorizationCreate,
  AuthorizationExtend,
  AuthorizationSchema,
  AuthorizationWithCode,
  presentAuthorization,
} from '../resources/authorization.js';
import { CreatorSchema, PostSchema, presentCreator, presentPost } from '../resources/creator.js';
import { enumOf, errorResponses, HostId, ListOf, PageQuery } from '../schemas.js';
import { type Api, pageOf, type RouteDeps } from './common.js';

const tags = ['creator'];
const AuthParams = Type.Object({ authorization_id: Type.String({ maxLength: 64 }) });

export function creatorRoutes(app: Api, { ctx }: RouteDeps): void {
  async function present(auths: Authorization[]) {
    const usage = await authorizationUsage(ctx, auths);
    const accounts = await getAdAccountsByIds(ctx.store.db, [
      ...auths.flatMap((a) => (a.adAccountId ? [a.adAccountId] : [])),
      ...[...usage.values()].flatMap((u) => u.brands.map((b) => b.adAccountId)),
    ]);
    const nameOf = (id: string) => accounts.get(id)?.name ?? id;
    const now = ctx.clock.now();
    return auths.map((a) => {
      const used = usage.get(a.id);
      return presentAuthorization(
        a,
        now,
        a.adAccountId ? nameOf(a.adAccountId) : undefined,
        used && {
          adCount: used.adCount,
          brands: used.brands.map((b) => ({ ...b, name: nameOf(b.adAccountId) })),
        },
      );
    });
  }

  app.get(
    '/v1/creator',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'The creator this token acts for',
        response: { 200: CreatorSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => presentCreator(await requireCreator(ctx, creatorIdOf(request))),
  );

  app.get(
    '/v1/creator/posts',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'My posts with their organic performance score',
        description:
          'Each post carries `performance`: an index against your own baseline (100 = your median post) from views and engagement rate. Posts already performing well make the best Spark ads.',
        querystring: Type.Object(
          { ...PageQuery, visibility: Type.Optional(enumOf(POST_VISIBILITIES)) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(PostSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listCreatorPosts(ctx, creatorIdOf(request), {
        ...pageOf(request.query),
        visibility: request.query.visibility,
      });
      return { data: page.data.map((v) => presentPost(v.post, v.performance)), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/creator/posts/:post_id',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'One of my posts',
        params: Type.Object({ post_id: HostId }),
        response: { 200: PostSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const view = await getCreatorPost(ctx, creatorIdOf(request), request.params.post_id);
      return presentPost(view.post, view.performance);
    },
  );

  app.post(
    '/v1/creator/posts/:post_id/authorizations',
    {
      config: { access: 'creator', idempotent: true },
      schema: {
        tags,
        summary: 'Authorize a post for Spark ads and get its code',
        description:
          'Only PUBLIC posts of at most 10 minutes. The code (`auth_code`) is returned once: send it to the brand. While the authorization is active the caption is locked. Send an Idempotency-Key to retry safely.',
        params: Type.Object({ post_id: HostId }),
        body: Type.Optional(AuthorizationCreate),
        response: { 201: AuthorizationWithCode, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { authorization, code } = await createAuthorization(ctx, creatorIdOf(request), {
        postId: request.params.post_id,
        durationDays: request.body?.duration_days ?? DEFAULT_AUTHORIZATION_DAYS,
        note: request.body?.note ?? null,
      });
      const [presented] = await present([authorization]);
      return reply.code(201).send({ ...presented!, auth_code: code });
    },
  );

  app.get(
    '/v1/creator/authorizations',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'My authorizations',
        description:
          'Newest first, with status (AUTHORIZED, BOUND, EXPIRED, REVOKED), the brand that redeemed each, its end time, and the ads that use it (`ad_usage`: how many, and whose).',
        querystring: Type.Object(
          { ...PageQuery, post_id: Type.Optional(HostId) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(AuthorizationSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listCreatorAuthorizations(ctx, creatorIdOf(request), {
        ...pageOf(request.query),
        postId: request.query.post_id,
      });
      return { data: await present(page.data), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/creator/authorizations/:authorization_id',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'One authorization',
        description: 'With the brand that redeemed it and the ads that use it (`ad_usage`).',
        params: AuthParams,
        response: { 200: AuthorizationSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      (
        await present([
          await getCreatorAuthorization(ctx, creatorIdOf(request), request.params.authorization_id),
        ])
      )[0]!,
  );

  app.post(
    '/v1/creator/authorizations/:authorization_id/extend',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'Extend an authorization',
        description:
          'Adds the days to the later of now and the current end. An expired authorization comes back and its ads resume; a revoked one cannot be extended.',
        params: AuthParams,
        body: AuthorizationExtend,
        response: { 200: AuthorizationSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const auth = await extendAuthorization(
        ctx,
        creatorIdOf(request),
        request.params.authorization_id,
        request.body.duration_days,
      );
      return (await present([auth]))[0]!;
    },
  );

  app.post(
    '/v1/creator/authorizations/:authorization_id/revoke',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'Revoke an authorization',
        description:
          'Ads using it stop serving within a second; the brand is notified. Cannot be undone: issue a new code instead.',
        params: AuthParams,
        response: { 200: AuthorizationSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) =>
      (
        await present([await revokeAuthorization(ctx, creatorIdOf(request), request.params.authorization_id)])
      )[0]!,
  );

  app.get(
    '/v1/creator/notifications',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'My notifications',
        querystring: Type.Object(
          { ...PageQuery, unread: Type.Optional(Type.Boolean()) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(NotificationSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listNotifications(
        ctx.store.db,
        { creatorId: creatorIdOf(request) },
        { ...pageOf(request.query), unreadOnly: request.query.unread },
      );
      return { data: page.data.map(presentNotification), next_cursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/creator/notifications/:notification_id/read',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'Mark a notification read',
        params: Type.Object({ notification_id: Type.String({ maxLength: 64 }) }),
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const ok = await markNotificationRead(
        ctx.store.db,
        { creatorId: creatorIdOf(request) },
        request.params.notification_id,
        ctx.clock.now(),
      );
      if (!ok) throw notFound('Notification', request.params.notification_id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/creator/audit-log',
    {
      config: { access: 'creator' },
      schema: {
        tags,
        summary: 'Changes to my authorizations (who, what, when)',
        querystring: Type.Object(
          { ...PageQuery, entity_id: Type.Optional(Type.String({ maxLength: 64 })) },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(AuditSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listAudit(
        ctx.store.db,
        { creatorId: creatorIdOf(request) },
        { ...pageOf(request.query), entityId: request.query.entity_id },
      );
      return { data: page.data.map(presentAudit), next_cursor: page.nextCursor };
    },
  );
}
