import { Type } from '@sinclair/typebox';
import { listInterests } from '../../store/repos/settings.js';
import { principalOf } from '../auth.js';
import { errorResponses, Nullable } from '../schemas.js';
import type { Api, RouteDeps } from './common.js';

export function metaRoutes(app: Api, { ctx, demo, version }: RouteDeps): void {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['meta'],
        summary: 'Liveness and database check',
        security: [],
        response: {
          200: Type.Object({ status: Type.Literal('ok'), version: Type.String(), database: Type.String() }),
        },
      },
    },
    async () => {
      await ctx.store.db.selectFrom('platform_settings').select('key').limit(1).execute();
      return { status: 'ok' as const, version, database: ctx.store.dialect };
    },
  );

  app.get(
    '/v1/me',
    {
      config: { access: 'any' },
      schema: {
        tags: ['meta'],
        summary: 'Who this token acts as',
        description:
          'Returns the role and scope of the bearer token: useful to check a token before using it.',
        response: {
          200: Type.Object({
            kind: Type.String({ examples: ['advertiser'] }),
            token_id: Nullable(Type.String()),
            creator_id: Type.Optional(Type.String()),
            ad_account_id: Type.Optional(Type.String()),
            member_id: Type.Optional(Type.String()),
            role: Type.Optional(Type.String()),
          }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const p = principalOf(request);
      switch (p.kind) {
        case 'platform':
          return { kind: p.kind, token_id: p.tokenId };
        case 'creator':
          return { kind: p.kind, token_id: p.tokenId, creator_id: p.creatorId };
        case 'advertiser':
          return {
            kind: p.kind,
            token_id: p.tokenId,
            ad_account_id: p.adAccountId,
            member_id: p.memberId,
            role: p.role,
          };
      }
    },
  );

  app.get(
    '/v1/targeting/interests',
    {
      config: { access: 'any' },
      schema: {
        tags: ['meta'],
        summary: 'The interest taxonomy used by targeting',
        description:
          'Interest category ids accepted in `targeting.interest_category_ids`. A child (fitness.running) matches viewers interested in it; targeting a parent (fitness) also reaches viewers of its children.',
        response: {
          200: Type.Object({
            data: Type.Array(
              Type.Object({ id: Type.String(), name: Type.String(), parent_id: Nullable(Type.String()) }),
            ),
          }),
          ...errorResponses(401),
        },
      },
    },
    async () => ({
      data: (await listInterests(ctx.store.db)).map((i) => ({
        id: i.id,
        name: i.name,
        parent_id: i.parentId,
      })),
    }),
  );

  if (demo) {
    app.get(
      '/v1/demo/users',
      {
        config: { access: 'public' },
        schema: {
          tags: ['meta'],
          summary: 'Demo users and their tokens (demo mode only)',
          description: 'Served only when the server runs with --demo, for the web app’s one-click login.',
          security: [],
          response: {
            200: Type.Object({
              data: Type.Array(
                Type.Object({ role: Type.String(), label: Type.String(), token: Type.String() }),
              ),
            }),
          },
        },
      },
      async () => ({ data: demo.users }),
    );
  }
}
