import { DateTime } from 'luxon';
import { FieldErrors } from '../domain/errors.js';
import { REPORT_METRICS, type ReportMetric } from '../domain/report-metrics.js';

/**
 * The advertiser report's request, modelled on TikTok's integrated report
 * (GET /report/integrated/get/): data level, dimensions, metrics, dates in the ad account's time
 * zone, filtering, ordering, pages, totals. Parsed and checked here, all errors at once.
 */

export const DATA_LEVELS = [
  'AUCTION_ADVERTISER',
  'AUCTION_CAMPAIGN',
  'AUCTION_ADGROUP',
  'AUCTION_AD',
  'AUCTION_CREATOR',
  'AUCTION_POST',
] as const;
export type DataLevel = (typeof DATA_LEVELS)[number];

export const ID_DIMENSIONS = {
  advertiser_id: { level: 'AUCTION_ADVERTISER', column: 'ad_account_id' },
  campaign_id: { level: 'AUCTION_CAMPAIGN', column: 'campaign_id' },
  adgroup_id: { level: 'AUCTION_ADGROUP', column: 'ad_group_id' },
  ad_id: { level: 'AUCTION_AD', column: 'ad_id' },
  creator_id: { level: 'AUCTION_CREATOR', column: 'creator_id' },
  post_id: { level: 'AUCTION_POST', column: 'post_id' },
} as const satisfies Record<string, { level: DataLevel; column: string }>;
export type IdDimension = keyof typeof ID_DIMENSIONS;

/** Audience dimensions and the rollup breakdown each reads. */
export const BREAKDOWN_DIMENSIONS = {
  country_code: 'country',
  age: 'age',
  gender: 'gender',
  platform: 'platform',
  placement: 'placement',
} as const;
export type BreakdownDimension = keyof typeof BREAKDOWN_DIMENSIONS;

export const TIME_DIMENSIONS = ['stat_time_day', 'stat_time_hour'] as const;
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];

export const DIMENSIONS = [
  ...Object.keys(ID_DIMENSIONS),
  ...TIME_DIMENSIONS,
  ...Object.keys(BREAKDOWN_DIMENSIONS),
] as readonly string[];
export type Dimension = IdDimension | TimeDimension | BreakdownDimension;

/** Names shown beside ids (TikTok's attribute metrics), at the levels where they are one value. */
export const ATTRIBUTE_METRICS = {
  campaign_name: ['AUCTION_CAMPAIGN', 'AUCTION_ADGROUP', 'AUCTION_AD'],
  adgroup_name: ['AUCTION_ADGROUP', 'AUCTION_AD'],
  ad_name: ['AUCTION_AD'],
  creator_handle: ['AUCTION_CREATOR', 'AUCTION_POST', 'AUCTION_AD'],
} as const satisfies Record<string, readonly DataLevel[]>;
export type AttributeMetric = keyof typeof ATTRIBUTE_METRICS;
export type AnyMetric = ReportMetric | AttributeMetric;

export const ID_FILTER_FIELDS = {
  campaign_ids: 'campaign_id',
  adgroup_ids: 'ad_group_id',
  ad_ids: 'ad_id',
  creator_ids: 'creator_id',
  post_ids: 'post_id',
} as const;
export const METRIC_FILTER_TYPES = ['GREATER_EQUAL', 'GREATER_THAN', 'LOWER_EQUAL', 'LOWER_THAN'] as const;
export type MetricFilterType = (typeof METRIC_FILTER_TYPES)[number];

export type Filter =
  | { kind: 'id'; field: keyof typeof ID_FILTER_FIELDS; op: 'in' | 'not in'; values: string[] }
  | { kind: 'breakdown'; field: BreakdownDimension; op: 'in' | 'not in'; values: string[] }
  | { kind: 'metric'; field: ReportMetric; type: MetricFilterType; value: number };

export interface ReportRequest {
  dataLevel: DataLevel;
  dimensions: Dimension[];
  metrics: AnyMetric[];
  /** Inclusive local dates of the ad account's zone; null = lifetime. */
  dates: { from: string; to: string } | null;
  filters: Filter[];
  order: { field: string; type: 'ASC' | 'DESC' } | null;
  page: number;
  pageSize: number;
  totals: boolean;
}

export interface RawReportQuery {
  data_level?: string | undefined;
  dimensions: string;
  metrics?: string | undefined;
  start_date?: string | undefined;
  end_date?: string | undefined;
  query_lifetime?: boolean | undefined;
  filtering?: string | undefined;
  order_field?: string | undefined;
  order_type?: string | undefined;
  page?: number | undefined;
  page_size?: number | undefined;
  enable_total_metrics?: boolean | undefined;
}

export const MAX_DAYS = 365;
export const MAX_HOURLY_DAYS = 7;
export const MAX_PAGE_SIZE = 1000;

/** `["a","b"]` (TikTok's JSON arrays) or `a,b`. */
function list(text: string, field: string, errors: FieldErrors): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === 'string')) return parsed;
    } catch {
      // reported below
    }
    errors.add(field, 'INVALID_LIST', 'must be a JSON array of strings or a comma-separated list');
    return [];
  }
  return trimmed
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function isDate(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}

function daysBetween(from: string, to: string): number {
  return DateTime.fromISO(to, { zone: 'UTC' }).diff(DateTime.fromISO(from, { zone: 'UTC' }), 'days').days + 1;
}

const isMetric = (m: string): m is ReportMetric => (REPORT_METRICS as readonly string[]).includes(m);

export function parseReportRequest(raw: RawReportQuery): ReportRequest {
  const errors = new FieldErrors();
  const dimensions = [...new Set(list(raw.dimensions, 'dimensions', errors))];
  if (dimensions.length === 0)
    errors.add('dimensions', 'REQUIRED', 'name at least one dimension, e.g. ["campaign_id","stat_time_day"]');
  for (const d of dimensions) {
    if (!DIMENSIONS.includes(d))
      errors.add('dimensions', 'UNKNOWN_DIMENSION', `${d} is not one of ${DIMENSIONS.join(', ')}`);
  }
  const ids = dimensions.filter((d): d is IdDimension => d in ID_DIMENSIONS);
  const times = dimensions.filter((d): d is TimeDimension =>
    (TIME_DIMENSIONS as readonly string[]).includes(d),
  );
  if (ids.length > 1)
    errors.add('dimensions', 'TOO_MANY_ID_DIMENSIONS', 'use one id dimension (the data level’s)');
  if (times.length > 1)
    errors.add('dimensions', 'TOO_MANY_TIME_DIMENSIONS', 'use stat_time_day or stat_time_hour, not both');

  let dataLevel: DataLevel = ids[0] ? ID_DIMENSIONS[ids[0]].level : 'AUCTION_ADVERTISER';
  if (raw.data_level !== undefined) {
    if (!(DATA_LEVELS as readonly string[]).includes(raw.data_level)) {
      errors.add('data_level', 'UNKNOWN_DATA_LEVEL', `must be one of ${DATA_LEVELS.join(', ')}`);
    } else {
      const wanted = raw.data_level as DataLevel;
      const idOfLevel = Object.entries(ID_DIMENSIONS).find(([, v]) => v.level === wanted)?.[0] as IdDimension;
      if (wanted !== 'AUCTION_ADVERTISER' && !ids.includes(idOfLevel)) {
        errors.add('dimensions', 'MISSING_ID_DIMENSION', `${wanted} needs the ${idOfLevel} dimension`);
      } else if (ids[0] && ids[0] !== idOfLevel) {
        errors.add('dimensions', 'ID_DIMENSION_MISMATCH', `${ids[0]} does not match data_level ${wanted}`);
      }
      dataLevel = wanted;
    }
  }

  const metrics = [
    ...new Set(raw.metrics === undefined ? ['spend', 'impressions'] : list(raw.metrics, 'metrics', errors)),
  ];
  if (metrics.length === 0) errors.add('metrics', 'REQUIRED', 'name at least one metric');
  for (const m of metrics) {
    if (isMetric(m)) continue;
    if (m in ATTRIBUTE_METRICS) {
      const levels = ATTRIBUTE_METRICS[m as AttributeMetric] as readonly DataLevel[];
      if (!levels.includes(dataLevel))
        errors.add('metrics', 'NOT_AT_THIS_LEVEL', `${m} is available at ${levels.join(', ')}`);
      continue;
    }
    errors.add('metrics', 'UNKNOWN_METRIC', `${m} is not a metric; see the report guide for the list`);
  }

  let dates: ReportRequest['dates'] = null;
  if (raw.query_lifetime) {
    if (times[0] === 'stat_time_hour')
      errors.add('query_lifetime', 'HOURLY_LIFETIME', 'hourly reports need a date range of at most 7 days');
  } else if (raw.start_date === undefined || raw.end_date === undefined) {
    errors.add(
      raw.start_date === undefined ? 'start_date' : 'end_date',
      'REQUIRED',
      'give start_date and end_date (YYYY-MM-DD), or query_lifetime=true',
    );
  } else if (!isDate(raw.start_date) || !isDate(raw.end_date)) {
    errors.add(
      isDate(raw.start_date) ? 'end_date' : 'start_date',
      'INVALID_DATE',
      'must be a date like 2026-11-25',
    );
  } else {
    const days = daysBetween(raw.start_date, raw.end_date);
    const max = times[0] === 'stat_time_hour' ? MAX_HOURLY_DAYS : MAX_DAYS;
    if (days < 1) errors.add('end_date', 'BEFORE_START', 'must not be before start_date');
    else if (days > max)
      errors.add(
        'end_date',
        'RANGE_TOO_LONG',
        `${times[0] === 'stat_time_hour' ? 'hourly' : 'daily'} reports cover at most ${max} days`,
      );
    dates = { from: raw.start_date, to: raw.end_date };
  }

  const filters = parseFilters(raw.filtering, errors);
  const fields = [...dimensions, ...metrics];
  let order: ReportRequest['order'] = null;
  if (raw.order_field !== undefined) {
    if (!fields.includes(raw.order_field))
      errors.add('order_field', 'NOT_REQUESTED', 'order by one of the requested dimensions or metrics');
    if (raw.order_type !== undefined && raw.order_type !== 'ASC' && raw.order_type !== 'DESC') {
      errors.add('order_type', 'INVALID', 'must be ASC or DESC');
    }
    order = { field: raw.order_field, type: raw.order_type === 'ASC' ? 'ASC' : 'DESC' };
  }
  errors.throwIfAny();
  return {
    dataLevel,
    dimensions: dimensions as Dimension[],
    metrics: metrics as AnyMetric[],
    dates,
    filters,
    order,
    page: raw.page ?? 1,
    pageSize: Math.min(raw.page_size ?? 50, MAX_PAGE_SIZE),
    totals: raw.enable_total_metrics ?? true,
  };
}

/** TikTok's `filtering`: [{field_name, filter_type, filter_value}], filter_value a JSON array for IN. */
function parseFilters(text: string | undefined, errors: FieldErrors): Filter[] {
  if (text === undefined || text.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    errors.add(
      'filtering',
      'INVALID_JSON',
      'must be a JSON array of {field_name, filter_type, filter_value}',
    );
    return [];
  }
  if (!Array.isArray(parsed) || parsed.length > 20) {
    errors.add('filtering', 'INVALID_FILTERS', 'must be a JSON array of at most 20 filters');
    return [];
  }
  const out: Filter[] = [];
  for (const [i, item] of (parsed as unknown[]).entries()) {
    const field = `filtering[${i}]`;
    if (!item || typeof item !== 'object') {
      errors.add(field, 'INVALID_FILTER', 'must be an object');
      continue;
    }
    const { field_name: name, filter_type: type, filter_value: value } = item as Record<string, unknown>;
    if (typeof name !== 'string' || typeof type !== 'string') {
      errors.add(field, 'INVALID_FILTER', 'needs field_name and filter_type');
      continue;
    }
    if (name in ID_FILTER_FIELDS || name in BREAKDOWN_DIMENSIONS) {
      if (type !== 'IN' && type !== 'NOT_IN') {
        errors.add(`${field}.filter_type`, 'INVALID', 'must be IN or NOT_IN');
        continue;
      }
      let values: unknown = value;
      if (typeof value === 'string') {
        try {
          values = JSON.parse(value);
        } catch {
          values = null;
        }
      }
      if (
        !Array.isArray(values) ||
        values.length === 0 ||
        values.length > 1000 ||
        !values.every((v) => typeof v === 'string')
      ) {
        errors.add(
          `${field}.filter_value`,
          'INVALID',
          'must be a JSON array of 1–1000 strings, e.g. ["FR","DE"]',
        );
        continue;
      }
      const op = type === 'IN' ? 'in' : 'not in';
      if (name in ID_FILTER_FIELDS)
        out.push({ kind: 'id', field: name as keyof typeof ID_FILTER_FIELDS, op, values });
      else out.push({ kind: 'breakdown', field: name as BreakdownDimension, op, values });
      continue;
    }
    if (isMetric(name)) {
      if (!(METRIC_FILTER_TYPES as readonly string[]).includes(type)) {
        errors.add(`${field}.filter_type`, 'INVALID', `must be one of ${METRIC_FILTER_TYPES.join(', ')}`);
        continue;
      }
      const number =
        typeof value === 'number'
          ? value
          : typeof value === 'string' && value.trim() !== ''
            ? Number(value)
            : Number.NaN;
      if (!Number.isFinite(number)) {
        errors.add(`${field}.filter_value`, 'INVALID', 'must be a number, e.g. "10.00"');
        continue;
      }
      out.push({ kind: 'metric', field: name, type: type as MetricFilterType, value: number });
      continue;
    }
    errors.add(`${field}.field_name`, 'UNKNOWN_FIELD', `${name} cannot be filtered on`);
  }
  return out;
}
