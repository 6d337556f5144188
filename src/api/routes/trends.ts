import { Type } from '@sinclair/typebox';
import { currentTrends } from '../../reports/trends.js';
import { presentTrend, TrendSchema } from '../resources/creator-insights.js';
import { enumOf, errorResponses } from '../schemas.js';
import type { Api, RouteDeps } from './common.js';

export function trendRoutes(app: Api, { ctx }: RouteDeps): void {
  app.get(
    '/v1/trends',
    {
      config: { access: 'any' },
      schema: {
        tags: ['meta'],
        summary: 'Sounds and hashtags rising across the platform',
        description:
          'Computed from the daily snapshots of what the host syncs for every public post: views gained in the last 7 days against the 7 before, new posts using each sound or hashtag, and how many creators drive it. `trending` needs at least 10,000 views in the window from at least 2 creators, growing ×1.5 (views or new posts). Sorted by score. Any token may read it; it holds no tenant’s data.',
        querystring: Type.Object(
          {
            kind: Type.Optional(enumOf(['SOUND', 'HASHTAG'] as const)),
            trending_only: Type.Optional(Type.Boolean({ description: 'Only trending ones (default true).' })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Default 50.' })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            as_of: Type.String({ description: 'UTC date the windows end on.' }),
            window_days: Type.Integer(),
            data: Type.Array(TrendSchema),
          }),
          ...errorResponses(400, 401),
        },
      },
    },
    async (request) => {
      const set = await currentTrends(ctx.store.db, ctx.clock.now());
      const { kind, trending_only: trendingOnly = true, limit = 50 } = request.query;
      const data = set.trends
        .filter((t) => (!kind || t.kind === kind) && (!trendingOnly || t.trending))
        .slice(0, limit);
      return { as_of: set.asOf, window_days: 7, data: data.map(presentTrend) };
    },
  );
}
