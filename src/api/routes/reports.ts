import { Type } from '@sinclair/typebox';
import { validationError } from '../../domain/errors.js';
import { compareAdGroup } from '../../reports/comparison.js';
import { postSplits } from '../../reports/post-split.js';
import { reportCsv } from '../../reports/report-csv.js';
import { runReport } from '../../reports/report-query.js';
import { parseReportRequest } from '../../reports/report-request.js';
import { requireAccount } from '../../services/accounts.js';
import { LocalDate, presentReport, ReportQuery, ReportSchema } from '../resources/report.js';
import {
  ComparisonSchema,
  PostSplitSchema,
  presentComparison,
  presentPostSplit,
} from '../resources/report-insights.js';
import { enumOf, errorResponses, HostId } from '../schemas.js';
import { AccountParams, type Api, type RouteDeps } from './common.js';

const tags = ['reports'];
/** CSV downloads stop here; narrow the dates or filter for more. */
const CSV_MAX_ROWS = 100_000;

export function reportRoutes(app: Api, { ctx }: RouteDeps): void {
  app.get(
    '/v1/ad-accounts/:ad_account_id/reports',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Integrated report: spend, delivery, reach, video, engagement and results',
        description:
          'Modelled on TikTok’s integrated report. Pick a data level (ad account, campaign, ad group, ad, creator or post), dimensions (the id, stat_time_day or stat_time_hour, country_code, age, gender, platform, placement) and metrics by TikTok’s names. Dates are in the ad account’s time zone: daily up to 365 days, hourly up to 7. `result` follows each ad group’s optimization goal. Served from hourly rollups and reach sketches a few seconds behind the events; invalid traffic is excluded (see invalid_events). Paid engagement counts likes, comments, shares, follows and profile visits on the ad and on the post when credited to the ad.',
        params: AccountParams,
        querystring: ReportQuery,
        response: { 200: ReportSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const account = await requireAccount(ctx.store.db, request.params.ad_account_id);
      const req = parseReportRequest(request.query);
      const result = await runReport(ctx.store.db, account, req);
      return presentReport(account, req, result);
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/reports/csv',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'The same report as a CSV download',
        description: `Takes the report’s parameters; returns every row (up to ${CSV_MAX_ROWS.toLocaleString('en')}; page and page_size are ignored), then a Total line. Money is in the currency named by the X-Report-Currency header; dates in X-Report-Time-Zone.`,
        params: AccountParams,
        querystring: ReportQuery,
        response: {
          200: {
            description: 'text/csv; header line of dimension and metric names.',
            content: { 'text/csv': { schema: Type.String() } },
          },
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const account = await requireAccount(ctx.store.db, request.params.ad_account_id);
      const req = parseReportRequest(request.query);
      const result = await runReport(ctx.store.db, account, req, { allRows: true });
      result.rows = result.rows.slice(0, CSV_MAX_ROWS);
      const range = req.dates ? `${req.dates.from}_${req.dates.to}` : 'lifetime';
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="report-${account.id}-${range}.csv"`)
        .header('X-Report-Currency', account.currency)
        .header('X-Report-Time-Zone', account.timeZone)
        .send(reportCsv(req, result));
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/reports/posts',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Paid and organic side by side for each promoted post',
        description:
          'For every post this ad account promotes: its organic counters (what organic surfaces brought), what this account’s Spark ads brought (lifetime: views, likes, comments, shares, follows, profile visits, impressions, reach, spend), the post’s public totals, the paid share of each, and the followers the creator gained through these ads.',
        params: AccountParams,
        querystring: Type.Object({ post_id: Type.Optional(HostId) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ data: Type.Array(PostSplitSchema) }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const account = await requireAccount(ctx.store.db, request.params.ad_account_id);
      const splits = await postSplits(ctx.store.db, account.id, { postId: request.query.post_id });
      return { data: splits.map((s) => presentPostSplit(s, account.currency)) };
    },
  );

  app.get(
    '/v1/ad-accounts/:ad_account_id/ad-groups/:ad_group_id/comparison',
    {
      config: { access: 'advertiser-read' },
      schema: {
        tags,
        summary: 'Which ad, post or creator of an ad group wins, and whether that is reliable yet',
        description:
          'Compares the ad group’s ads (or their posts, or creators) on the ad group’s result (its optimization goal) and cost per result. Each variant gets its probability to be the best (Beta posteriors of the result rate, weighed by cost per impression; 20,000 seeded draws) and a two-proportion z-test against the leader. status is WINNER when the leader is best with probability ≥ 95 % and every variant has at least 1000 impressions and 5 results, NO_CLEAR_WINNER while it is not, NOT_ENOUGH_DATA before.',
        params: Type.Object({
          ad_account_id: Type.String({ maxLength: 64 }),
          ad_group_id: Type.String({ maxLength: 64 }),
        }),
        querystring: Type.Object(
          {
            by: Type.Optional(
              enumOf(['AD', 'POST', 'CREATOR'] as const, { description: 'What to compare (default AD).' }),
            ),
            start_date: Type.Optional(LocalDate),
            end_date: Type.Optional(LocalDate),
          },
          { additionalProperties: false },
        ),
        response: { 200: ComparisonSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const account = await requireAccount(ctx.store.db, request.params.ad_account_id);
      const { start_date: from, end_date: to } = request.query;
      if ((from === undefined) !== (to === undefined)) {
        throw validationError([
          {
            field: from ? 'end_date' : 'start_date',
            code: 'REQUIRED',
            message: 'give both dates, or neither for lifetime',
          },
        ]);
      }
      if (from && to && from > to)
        throw validationError([
          { field: 'end_date', code: 'BEFORE_START', message: 'must not be before start_date' },
        ]);
      const by = request.query.by ?? 'AD';
      const comparison = await compareAdGroup(
        ctx.store.db,
        account,
        request.params.ad_group_id,
        by,
        from && to ? { from, to } : null,
      );
      return presentComparison(comparison, by, account.currency);
    },
  );
}
