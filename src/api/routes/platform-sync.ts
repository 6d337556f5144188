import { Type } from '@sinclair/typebox';
import { POST_VISIBILITIES } from '../../domain/enums.js';
import { notFound } from '../../domain/errors.js';
import { issueCreatorToken } from '../../services/access.js';
import {
  requireCreator,
  syncCreator,
  syncCreators,
  syncPost,
  syncPosts,
} from '../../services/platform-sync.js';
import { listCreators } from '../../store/repos/creators.js';
import { getPost, listPosts } from '../../store/repos/posts.js';
import { problemOf } from '../problem.js';
import { IssuedTokenSchema, presentToken } from '../resources/account.js';
import {
  CreatorInput,
  CreatorSchema,
  creatorFields,
  PostInput,
  PostSchema,
  postFields,
  presentCreator,
  presentPost,
} from '../resources/creator.js';
import { enumOf, errorResponses, HostId, ListOf, Nullable, PageQuery, ProblemSchema } from '../schemas.js';
import { type Api, pageOf, type RouteDeps } from './common.js';

const BULK_BODY_LIMIT = 8 * 1024 * 1024;
const tags = ['platform'];

const bulkResult = <T extends ReturnType<typeof Type.Object>>(record: T) =>
  Type.Object({
    data: Type.Array(
      Type.Object({
        index: Type.Integer(),
        id: Type.String(),
        status: Type.Union([Type.Literal('CREATED'), Type.Literal('UPDATED'), Type.Literal('FAILED')]),
        record: Type.Optional(record),
        error: Type.Optional(ProblemSchema),
      }),
    ),
    summary: Type.Object({ created: Type.Integer(), updated: Type.Integer(), failed: Type.Integer() }),
  });

function summarize(results: { status: string }[]) {
  return {
    created: results.filter((r) => r.status === 'CREATED').length,
    updated: results.filter((r) => r.status === 'UPDATED').length,
    failed: results.filter((r) => r.status === 'FAILED').length,
  };
}

export function platformSyncRoutes(app: Api, { ctx }: RouteDeps): void {
  app.put(
    '/v1/platform/creators/:creator_id',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Create or update a creator',
        description:
          'Idempotent upsert of what the host app knows about a creator. 201 when created, 200 when updated. Handles are unique, case-insensitively.',
        params: Type.Object({ creator_id: HostId }),
        body: CreatorInput,
        response: { 200: CreatorSchema, 201: CreatorSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const result = await syncCreator(ctx, request.params.creator_id, creatorFields(request.body));
      return reply.code(result.created ? 201 : 200).send(presentCreator(result.record));
    },
  );

  app.post(
    '/v1/platform/creators/bulk',
    {
      config: { access: 'platform' },
      bodyLimit: BULK_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Create or update up to 1,000 creators',
        description:
          'Each item is applied on its own: the response has one result per item, in order, and a refused item changes nothing.',
        body: Type.Object(
          {
            items: Type.Array(
              Type.Composite([Type.Object({ id: HostId }), CreatorInput], { additionalProperties: false }),
              { minItems: 1, maxItems: 1000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: bulkResult(CreatorSchema), ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const results = await syncCreators(
        ctx,
        request.body.items.map(({ id, ...input }) => ({ id, fields: creatorFields(input) })),
      );
      return {
        data: results.map((r) =>
          r.status === 'FAILED'
            ? { index: r.index, id: r.id, status: r.status, error: problemOf(r.error) }
            : { index: r.index, id: r.id, status: r.status, record: presentCreator(r.record) },
        ),
        summary: summarize(results),
      };
    },
  );

  app.get(
    '/v1/platform/creators',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'List creators',
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: ListOf(CreatorSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listCreators(ctx.store.db, pageOf(request.query));
      return { data: page.data.map(presentCreator), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/platform/creators/:creator_id',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Get a creator',
        params: Type.Object({ creator_id: HostId }),
        response: { 200: CreatorSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => presentCreator(await requireCreator(ctx, request.params.creator_id)),
  );

  app.post(
    '/v1/platform/creators/:creator_id/tokens',
    {
      config: { access: 'platform', idempotent: true },
      schema: {
        tags,
        summary: 'Issue an API token for a creator',
        description:
          'The token lets the creator (or the host acting for them) use the creator endpoints. It is shown once.',
        params: Type.Object({ creator_id: HostId }),
        body: Type.Optional(
          Type.Object(
            { label: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
            { additionalProperties: false },
          ),
        ),
        response: { 201: IssuedTokenSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const issued = await issueCreatorToken(ctx, request.params.creator_id, request.body?.label ?? null);
      return reply.code(201).send({ ...presentToken(issued.record), token: issued.token });
    },
  );

  app.put(
    '/v1/platform/posts/:post_id',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Create or update a post',
        description:
          'Idempotent upsert of a post and its organic counters. The caption cannot change while an authorization is active (409 CAPTION_LOCKED). A post that stops being PUBLIC stops its ads within a second.',
        params: Type.Object({ post_id: HostId }),
        body: PostInput,
        response: { 200: PostSchema, 201: PostSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const result = await syncPost(ctx, request.params.post_id, postFields(request.body));
      return reply.code(result.created ? 201 : 200).send(presentPost(result.record));
    },
  );

  app.post(
    '/v1/platform/posts/bulk',
    {
      config: { access: 'platform' },
      bodyLimit: BULK_BODY_LIMIT,
      schema: {
        tags,
        summary: 'Create or update up to 1,000 posts',
        description:
          'One result per item, in order; a refused item (unknown creator, locked caption…) changes nothing and does not stop the others.',
        body: Type.Object(
          {
            items: Type.Array(
              Type.Composite([Type.Object({ id: HostId }), PostInput], { additionalProperties: false }),
              { minItems: 1, maxItems: 1000 },
            ),
          },
          { additionalProperties: false },
        ),
        response: { 200: bulkResult(PostSchema), ...errorResponses(400, 401, 403, 413) },
      },
    },
    async (request) => {
      const results = await syncPosts(
        ctx,
        request.body.items.map(({ id, ...input }) => ({ id, fields: postFields(input) })),
      );
      return {
        data: results.map((r) =>
          r.status === 'FAILED'
            ? { index: r.index, id: r.id, status: r.status, error: problemOf(r.error) }
            : { index: r.index, id: r.id, status: r.status, record: presentPost(r.record) },
        ),
        summary: summarize(results),
      };
    },
  );

  app.get(
    '/v1/platform/posts',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'List posts',
        description:
          'Every synced post with organic, paid and total counters, newest id first; filter by creator and visibility.',
        querystring: Type.Object(
          {
            ...PageQuery,
            creator_id: Type.Optional(HostId),
            visibility: Type.Optional(enumOf(POST_VISIBILITIES)),
          },
          { additionalProperties: false },
        ),
        response: { 200: ListOf(PostSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const page = await listPosts(ctx.store.db, {
        ...pageOf(request.query),
        creatorId: request.query.creator_id,
        visibility: request.query.visibility,
      });
      return { data: page.data.map((p) => presentPost(p)), next_cursor: page.nextCursor };
    },
  );

  app.get(
    '/v1/platform/posts/:post_id',
    {
      config: { access: 'platform' },
      schema: {
        tags,
        summary: 'Get a post with organic, paid and total counters',
        params: Type.Object({ post_id: HostId }),
        response: { 200: PostSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const post = await getPost(ctx.store.db, request.params.post_id);
      if (!post) throw notFound('Post', request.params.post_id);
      return presentPost(post);
    },
  );
}
