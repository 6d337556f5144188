import { Type } from '@sinclair/typebox';
import { notFound } from '../../domain/errors.js';
import {
  buildMediaKit,
  mediaKitSettings,
  setMediaKitPublished,
  updateMediaKit,
} from '../../reports/media-kit.js';
import { renderMediaKitPage, renderNotFoundPage } from '../../reports/media-kit-page.js';
import { requireCreator } from '../../services/platform-sync.js';
import { publishedCreatorByHandle, putHostAudience } from '../../store/repos/media-kits.js';
import { creatorIdOf } from '../auth.js';
import {
  MediaKitSchema,
  MediaKitSettingsSchema,
  presentMediaKit,
  presentMediaKitSettings,
} from '../resources/creator-insights.js';
import { errorResponses, HostId, Nullable } from '../schemas.js';
import type { Api, RouteDeps } from './common.js';

const Handle = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9._]+$',
  errorMessage: 'must be a creator handle',
});
const Share = Type.Number({ minimum: 0, maximum: 1 });
const AudienceInput = Type.Object(
  {
    countries: Type.Array(
      Type.Object(
        { code: Type.String({ pattern: '^[A-Z]{2}$' }), share: Share },
        { additionalProperties: false },
      ),
      { maxItems: 250 },
    ),
    age_groups: Type.Array(
      Type.Object({ age: Type.String({ maxLength: 32 }), share: Share }, { additionalProperties: false }),
      { maxItems: 20 },
    ),
    genders: Type.Array(
      Type.Object({ gender: Type.String({ maxLength: 32 }), share: Share }, { additionalProperties: false }),
      { maxItems: 10 },
    ),
  },
  {
    additionalProperties: false,
    examples: [
      {
        countries: [{ code: 'FR', share: 0.62 }],
        age_groups: [{ age: 'AGE_18_24', share: 0.41 }],
        genders: [{ gender: 'GENDER_FEMALE', share: 0.7 }],
      },
    ],
  },
);

export function mediaKitRoutes(app: Api, { ctx }: RouteDeps): void {
  const settingsReply = async (
    creatorId: string,
    run: () => Promise<Parameters<typeof presentMediaKitSettings>[0]>,
  ) => {
    const creator = await requireCreator(ctx, creatorId);
    return presentMediaKitSettings(await run(), creator.handle);
  };

  app.get(
    '/v1/creator/media-kit',
    {
      config: { access: 'creator' },
      schema: {
        tags: ['creator'],
        summary: 'My media kit: settings and a live preview',
        response: {
          200: Type.Object({ settings: MediaKitSettingsSchema, preview: MediaKitSchema }),
          ...errorResponses(401, 403),
        },
      },
    },
    async (request) => {
      const creatorId = creatorIdOf(request);
      const now = ctx.clock.now();
      return {
        settings: await settingsReply(creatorId, () =>
          mediaKitSettings(ctx.store.db, ctx.ids, creatorId, now),
        ),
        preview: presentMediaKit(await buildMediaKit(ctx.store.db, creatorId, now)),
      };
    },
  );

  app.put(
    '/v1/creator/media-kit',
    {
      config: { access: 'creator' },
      schema: {
        tags: ['creator'],
        summary: 'Set my media kit’s headline and which brands it shows',
        description:
          'Brands are opt-in, one by one: only ad accounts that redeemed one of your codes can be shown.',
        body: Type.Object(
          {
            headline: Type.Optional(
              Nullable(Type.String({ maxLength: 200, examples: ['Fitness & street dance, Paris'] })),
            ),
            shown_ad_account_ids: Type.Optional(
              Type.Array(Type.String({ maxLength: 64 }), { maxItems: 100 }),
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: MediaKitSettingsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const creatorId = creatorIdOf(request);
      return settingsReply(creatorId, () =>
        updateMediaKit(
          ctx.store.db,
          ctx.ids,
          creatorId,
          { headline: request.body.headline, shownAdAccountIds: request.body.shown_ad_account_ids },
          ctx.clock.now(),
        ),
      );
    },
  );

  for (const action of ['publish', 'unpublish'] as const) {
    app.post(
      `/v1/creator/media-kit/${action}`,
      {
        config: { access: 'creator' },
        schema: {
          tags: ['creator'],
          summary: action === 'publish' ? 'Publish my media kit at /m/{handle}' : 'Take my media kit offline',
          description:
            action === 'publish'
              ? 'Makes the kit public at GET /v1/media-kits/{handle} and the page /m/{handle}; it stays current on its own.'
              : 'Both public addresses answer 404 again.',
          response: { 200: MediaKitSettingsSchema, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const creatorId = creatorIdOf(request);
        return settingsReply(creatorId, () =>
          setMediaKitPublished(ctx.store.db, ctx.ids, creatorId, action === 'publish', ctx.clock.now()),
        );
      },
    );
  }

  app.get(
    '/v1/media-kits/:handle',
    {
      config: { access: 'public' },
      schema: {
        tags: ['creator'],
        summary: 'A published media kit (public)',
        description:
          'Followers, average views, engagement rate, audience, top posts and the brands the creator chose to show. 404 unless published.',
        security: [],
        params: Type.Object({ handle: Handle }),
        response: { 200: MediaKitSchema, ...errorResponses(400, 404) },
      },
    },
    async (request) => {
      const creatorId = await publishedCreatorByHandle(ctx.store.db, request.params.handle);
      if (!creatorId) throw notFound('Media kit', `@${request.params.handle}`);
      return presentMediaKit(await buildMediaKit(ctx.store.db, creatorId, ctx.clock.now()));
    },
  );

  app.get(
    '/m/:handle',
    {
      config: { access: 'public' },
      schema: { hide: true, params: Type.Object({ handle: Type.String({ maxLength: 64 }) }) },
    },
    async (request, reply) => {
      const handle = request.params.handle;
      const creatorId = /^[A-Za-z0-9._]+$/.test(handle)
        ? await publishedCreatorByHandle(ctx.store.db, handle)
        : undefined;
      reply.header(
        'Content-Security-Policy',
        "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'",
      );
      reply.header('X-Content-Type-Options', 'nosniff');
      if (!creatorId) return reply.code(404).type('text/html; charset=utf-8').send(renderNotFoundPage());
      const kit = await buildMediaKit(ctx.store.db, creatorId, ctx.clock.now());
      const url = `${request.protocol}://${request.host}/m/${encodeURIComponent(kit.handle)}`;
      return reply
        .header('Cache-Control', 'public, max-age=60')
        .type('text/html; charset=utf-8')
        .send(renderMediaKitPage(kit, url));
    },
  );

  app.put(
    '/v1/platform/creators/:creator_id/audience',
    {
      config: { access: 'platform' },
      schema: {
        tags: ['platform'],
        summary: 'Sync what the host knows of a creator’s followers',
        description:
          'Shares (0–1) of followers per country, age group and gender; shown on the creator’s media kit beside the viewers Kindling saw. Replaces the previous breakdown.',
        params: Type.Object({ creator_id: HostId }),
        body: AudienceInput,
        response: { 204: Type.Null(), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await requireCreator(ctx, request.params.creator_id);
      await putHostAudience(ctx.store.db, request.params.creator_id, request.body, ctx.clock.now());
      return reply.code(204).send(null);
    },
  );
}
