import { Type } from '@sinclair/typebox';
import { validationError } from '../../domain/errors.js';
import { creatorAnalytics } from '../../reports/creator-analytics.js';
import { requireCreator } from '../../services/platform-sync.js';
import { creatorIdOf } from '../auth.js';
import { CreatorAnalyticsSchema, presentCreatorAnalytics } from '../resources/creator-insights.js';
import { LocalDate } from '../resources/report.js';
import { errorResponses } from '../schemas.js';
import type { Api, RouteDeps } from './common.js';

/** Both dates or neither; `from` not after `to`. */
export function dateRange(
  start: string | undefined,
  end: string | undefined,
): { from: string; to: string } | null {
  if (start === undefined && end === undefined) return null;
  if (start === undefined || end === undefined) {
    throw validationError([
      {
        field: start ? 'end_date' : 'start_date',
        code: 'REQUIRED',
        message: 'give both dates, or neither for lifetime',
      },
    ]);
  }
  if (start > end)
    throw validationError([
      { field: 'end_date', code: 'BEFORE_START', message: 'must not be before start_date' },
    ]);
  return { from: start, to: end };
}

export function creatorAnalyticsRoutes(app: Api, { ctx }: RouteDeps): void {
  app.get(
    '/v1/creator/analytics',
    {
      config: { access: 'creator' },
      schema: {
        tags: ['creator'],
        summary: 'What brands’ Spark ads did for me',
        description:
          'Per post and per authorization: paid impressions, reach, views, likes, comments, shares, follows and profile visits next to the organic counts; which brands promoted each post and when; the extra reach (distinct viewers across brands) and followers the ads brought. Brands’ spend and targeting appear only when the platform allows it (creators_see_spend). Dates, when given, are matched in each brand’s time zone.',
        querystring: Type.Object(
          { start_date: Type.Optional(LocalDate), end_date: Type.Optional(LocalDate) },
          { additionalProperties: false },
        ),
        response: { 200: CreatorAnalyticsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const creator = await requireCreator(ctx, creatorIdOf(request));
      const dates = dateRange(request.query.start_date, request.query.end_date);
      const analytics = await creatorAnalytics(ctx.store.db, creator.id, ctx.clock.now(), dates);
      return presentCreatorAnalytics(creator.id, dates, analytics);
    },
  );
}
