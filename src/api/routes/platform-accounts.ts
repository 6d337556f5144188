import { Type } from '@sinclair/typebox';
import { FieldErrors } from '../../domain/errors.js';
import { isSupportedCurrency } from '../../domain/money.js';
import { isValidTimeZone } from '../../domain/time.js';
import {
  actorOf,
  addMember,
  createAdAccount,
  issuePlatformToken,
  listAccountMembers,
  listIssuedTokens,
  removeAccountMember,
  revokeIssuedToken,
} from '../../services/access.js';
import { requireAccount } from '../../services/accounts.js';
import { listAdAccounts } from '../../store/repos/ad-accounts.js';
import { principalOf } from '../auth.js';
import {
  AdAccountCreate,
  AdAccountSchema,
  IssuedTokenSchema,
  MemberCreate,
  MemberSchema,
  presentAdAccount,
  presentMember,
  presentToken,
  TokenSchema,
} from '../resources/account.js';
import { errorResponses, HostId, ListOf, Nullable, PageQuery } from '../schemas.js';
import { type Api, pageOf, type RouteDeps } from './common.js';

const tags = ['platform'];
const AccountParams = Type.Object({ ad_account_id: Type.String({ maxLength: 64 }) });

export function platformAccountRoutes(app: Api, { ctx }: RouteDeps): void {
  app.post(
    '/v1/platform/ad-accounts',
    {
      config: { access: 'platform', idempotent: true },
      schema: {
        tags,
        summary: 'Create an ad account',
        description:
          'The currency and time zone are fixed for the account’s life: budgets, schedules and reports use them.',
        body: AdAccountCreate,
        response: { 201: AdAccountSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const errors = new FieldErrors();
      if (!isSupportedCurrency(request.body.currency))
        errors.add('currency', 'UNKNOWN_CURRENCY', 'not an ISO 4217 currency');
      if (!isValidTimeZone(request.body.time_zone))
        errors.add('time_zone', 'UNKNOWN_TIME_ZONE', 'not an IANA time zone such as Europe/Paris');
      errors.throwIfAny();
      const account = await createAdAccount(ctx, actorOf(principalOf(request)), {
        name: request.body.name,
        currency: request.body.currency,
        timeZone: request.body.time_zone,
      });
      return reply.code(201).send(presentAdAccount(account));
    },
  );

  app.get(
    '/v1/platform/ad-accounts',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'List ad accounts',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: ListOf(AdAccountSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listAdAccounts(ctx.store.db, pageOf(request.query));
      return { data: page.data.map(presentAdAccount), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/platform/ad-accounts/:ad_account_id',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Get an ad account',
        params: AccountParams,
        response: { 200: AdAccountSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => presentAdAccount(await requireAccount(ctx.store.db, request.params.ad_account_id)),
  );

  app.post(
    '/v1/platform/ad-accounts/:ad_account_id/members',
    {
      config: { access: 'platform', idempotent: true },
      schema: {
        tags,
        summary: 'Add a member and issue their token',
        description:
          'ADMIN members can change the account; ANALYST members can only read. The token is shown once.',
        params: AccountParams,
        body: MemberCreate,
        response: {
          201: Type.Object({ member: MemberSchema, token: IssuedTokenSchema }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const { member, issued } = await addMember(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        {
          name: request.body.name,
          email: request.body.email ?? null,
          role: request.body.role,
        },
      );
      return reply.code(201).send({
        member: presentMember(member),
        token: { ...presentToken(issued.record), token: issued.token },
      });
    },
  );

  app.get(
    '/v1/platform/ad-accounts/:ad_account_id/members',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'List members of an ad account',
        params: AccountParams,
        response: { 200: Type.Object({ data: Type.Array(MemberSchema) }), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => ({
      data: (await listAccountMembers(ctx, request.params.ad_account_id)).map(presentMember),
    }),
  );

  app.delete(
    '/v1/platform/ad-accounts/:ad_account_id/members/:member_id',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Remove a member (revokes their tokens)',
        params: Type.Object({
          ad_account_id: Type.String({ maxLength: 64 }),
          member_id: Type.String({ maxLength: 64 }),
        }),
        response: { 204: Type.Null(), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await removeAccountMember(
        ctx,
        actorOf(principalOf(request)),
        request.params.ad_account_id,
        request.params.member_id,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/v1/platform/tokens',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'List issued tokens (never their secrets)',
        querystring: Type.Object(
          {
            creator_id: Type.Optional(HostId),
            ad_account_id: Type.Optional(Type.String({ maxLength: 64 })),
            include_revoked: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ data: Type.Array(TokenSchema) }), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => ({
      data: (
        await listIssuedTokens(ctx, {
          creatorId: request.query.creator_id,
          adAccountId: request.query.ad_account_id,
          includeRevoked: request.query.include_revoked ?? false,
        })
      ).map(presentToken),
    }),
  );

  app.post(
    '/v1/platform/tokens',
    {
      config: { access: 'platform', idempotent: true },
      schema: {
        tags,
        summary: 'Issue another platform token',
        description:
          'For services of the host app other than the one holding KINDLING_PLATFORM_TOKEN; revocable on its own.',
        body: Type.Object(
          { label: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
          { additionalProperties: false },
        ),
        response: { 201: IssuedTokenSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const issued = await issuePlatformToken(ctx, request.body.label ?? null);
      return reply.code(201).send({ ...presentToken(issued.record), token: issued.token });
    },
  );

  app.post(
    '/v1/platform/tokens/:token_id/revoke',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Revoke a token',
        description: 'Takes effect on the next request that uses it.',
        params: Type.Object({ token_id: Type.String({ maxLength: 64 }) }),
        response: { 200: TokenSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => presentToken(await revokeIssuedToken(ctx, request.params.token_id)),
  );
}
