import { type Static, Type } from '@sinclair/typebox';
import { REPORT_METRICS } from '../../domain/report-metrics.js';
import type { ReportResult } from '../../reports/report-query.js';
import { DATA_LEVELS, DIMENSIONS, MAX_PAGE_SIZE, type ReportRequest } from '../../reports/report-request.js';
import { enumOf, Nullable, Timestamp } from '../schemas.js';

export const LocalDate = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'A date in the ad account’s time zone.',
  examples: ['2026-11-01'],
  errorMessage: 'must be a date like 2026-11-01',
});

export const ReportQuery = Type.Object(
  {
    data_level: Type.Optional(
      enumOf(DATA_LEVELS, {
        description:
          'Whose rows: the ad account, campaigns, ad groups, ads, creators or posts. Defaults to the level of the id dimension.',
      }),
    ),
    dimensions: Type.String({
      maxLength: 400,
      description: `A JSON array (TikTok style) or a comma-separated list of: ${DIMENSIONS.join(', ')}. At most one id dimension (the data level’s), one time dimension, and audience dimensions alone or as age with gender.`,
      examples: ['["campaign_id","stat_time_day"]'],
    }),
    metrics: Type.Optional(
      Type.String({
        maxLength: 2000,
        description: `JSON array or comma-separated list (default spend, impressions) of: ${REPORT_METRICS.join(', ')}; and names: campaign_name, adgroup_name, ad_name, creator_handle.`,
        examples: ['["spend","impressions","reach","frequency","ctr","cpm","result","cost_per_result"]'],
      }),
    ),
    start_date: Type.Optional(LocalDate),
    end_date: Type.Optional(LocalDate),
    query_lifetime: Type.Optional(
      Type.Boolean({ description: 'All time instead of start_date/end_date (not with stat_time_hour).' }),
    ),
    filtering: Type.Optional(
      Type.String({
        maxLength: 20_000,
        description:
          'JSON array of {field_name, filter_type, filter_value}. Ids (campaign_ids, adgroup_ids, ad_ids, creator_ids, post_ids) and audience fields (country_code, age, gender, platform, placement) with IN/NOT_IN and a JSON array; metrics with GREATER_EQUAL, GREATER_THAN, LOWER_EQUAL, LOWER_THAN and a number (money in currency units).',
        examples: ['[{"field_name":"campaign_ids","filter_type":"IN","filter_value":"[\\"cmp_01JD…\\"]"}]'],
      }),
    ),
    order_field: Type.Optional(
      Type.String({ maxLength: 64, description: 'A requested metric or dimension.', examples: ['spend'] }),
    ),
    order_type: Type.Optional(
      enumOf(['ASC', 'DESC'] as const, { description: 'Default DESC when order_field is given.' }),
    ),
    page: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Page number (default 1).' }),
    ),
    page_size: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: MAX_PAGE_SIZE,
        description: `Rows per page, 1–${MAX_PAGE_SIZE} (default 50).`,
      }),
    ),
    enable_total_metrics: Type.Optional(
      Type.Boolean({ description: 'Include total_metrics for all rows (default true).' }),
    ),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportQuery>;

const Cells = Type.Record(Type.String(), Nullable(Type.String()));

export const ReportSchema = Type.Object(
  {
    ad_account_id: Type.String(),
    currency: Type.String({ examples: ['EUR'] }),
    time_zone: Type.String({
      description: 'Dates and hours are local to this zone.',
      examples: ['Europe/Paris'],
    }),
    data_level: enumOf(DATA_LEVELS),
    dimensions: Type.Array(Type.String()),
    metrics: Type.Array(Type.String()),
    start_date: Nullable(Type.String()),
    end_date: Nullable(Type.String()),
    page_info: Type.Object({
      page: Type.Integer(),
      page_size: Type.Integer(),
      total_number: Type.Integer({ description: 'Rows in the whole report.' }),
      total_page: Type.Integer(),
    }),
    list: Type.Array(
      Type.Object({
        dimensions: Cells,
        metrics: Type.Record(Type.String(), Nullable(Type.String()), {
          description:
            'Metric values as strings (TikTok style): money in the currency’s precision, rates in percent with 2 decimals; null when undefined (÷ 0) or not available.',
        }),
      }),
    ),
    total_metrics: Nullable(Cells),
    notes: Type.Array(Type.String()),
    data_freshness: Type.Object({
      aggregated_through: Nullable(Timestamp),
      aggregated_at: Nullable(Timestamp),
    }),
  },
  {
    examples: [
      {
        ad_account_id: 'acc_01JDXK4Q0Z8N7W6V5T4S3R2Q1P',
        currency: 'EUR',
        time_zone: 'Europe/Paris',
        data_level: 'AUCTION_CAMPAIGN',
        dimensions: ['campaign_id', 'stat_time_day'],
        metrics: ['spend', 'impressions', 'reach', 'frequency', 'ctr'],
        start_date: '2026-11-01',
        end_date: '2026-11-30',
        page_info: { page: 1, page_size: 50, total_number: 1, total_page: 1 },
        list: [
          {
            dimensions: {
              campaign_id: 'cmp_01JDXK4Q0Z8N7W6V5T4S3R2Q1P',
              stat_time_day: '2026-11-26 00:00:00',
            },
            metrics: { spend: '14.68', impressions: '1079', reach: '912', frequency: '1.18', ctr: '1.39' },
          },
        ],
        total_metrics: { spend: '14.68', impressions: '1079', reach: '912', frequency: '1.18', ctr: '1.39' },
        notes: [],
        data_freshness: { aggregated_through: '2026-11-26T21:07:02Z', aggregated_at: '2026-11-26T21:07:03Z' },
      },
    ],
  },
);

export function presentReport(
  account: { id: string; currency: string; timeZone: string },
  req: ReportRequest,
  result: ReportResult,
): Static<typeof ReportSchema> {
  return {
    ad_account_id: account.id,
    currency: account.currency,
    time_zone: account.timeZone,
    data_level: req.dataLevel,
    dimensions: req.dimensions,
    metrics: req.metrics,
    start_date: req.dates?.from ?? null,
    end_date: req.dates?.to ?? null,
    page_info: {
      page: req.page,
      page_size: req.pageSize,
      total_number: result.totalRows,
      total_page: Math.ceil(result.totalRows / req.pageSize),
    },
    list: result.rows.map((r) => ({ dimensions: r.dimensions, metrics: r.metrics })),
    total_metrics: result.totals,
    notes: result.notes,
    data_freshness: {
      aggregated_through: result.freshness.aggregatedThrough,
      aggregated_at: result.freshness.aggregatedAt,
    },
  };
}
