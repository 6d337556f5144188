import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { accountKey } from './advertiser';
import { api, download, query } from './client';
import type { Comparison, DataLevel, PostSplit, Report, ReportCells } from './types';

const base = (accountId: string) => `/v1/ad-accounts/${encodeURIComponent(accountId)}`;

export interface ReportFilter {
  field_name: string;
  filter_type: 'IN' | 'NOT_IN' | 'GREATER_EQUAL' | 'GREATER_THAN' | 'LOWER_EQUAL' | 'LOWER_THAN';
  filter_value: string;
}

/** GET /reports parameters (TikTok's integrated report): dates in the ad account's zone. */
export interface ReportParams {
  dimensions: string[];
  metrics: string[];
  data_level?: DataLevel;
  start_date?: string;
  end_date?: string;
  query_lifetime?: boolean;
  filtering?: ReportFilter[];
  order_field?: string;
  order_type?: 'ASC' | 'DESC';
  page?: number;
  page_size?: number;
}

export function reportQuery(p: ReportParams): string {
  return query({
    dimensions: JSON.stringify(p.dimensions),
    metrics: JSON.stringify(p.metrics),
    data_level: p.data_level,
    start_date: p.query_lifetime ? undefined : p.start_date,
    end_date: p.query_lifetime ? undefined : p.end_date,
    query_lifetime: p.query_lifetime || undefined,
    filtering: p.filtering?.length ? JSON.stringify(p.filtering) : undefined,
    order_field: p.order_field,
    order_type: p.order_type,
    page: p.page,
    page_size: p.page_size,
  });
}

export function useReport(accountId: string, params: ReportParams, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...accountKey(accountId), 'report', params],
    queryFn: ({ signal }) => api.get<Report>(`${base(accountId)}/reports${reportQuery(params)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    // Reports come from rollups a few seconds behind the events: refresh while open.
    refetchInterval: 30_000,
  });
}

export function downloadReport(accountId: string, params: ReportParams) {
  const { page: _page, page_size: _size, ...rest } = params;
  return download(`${base(accountId)}/reports/csv${reportQuery(rest)}`, 'report.csv');
}

export type EntityDimension = 'campaign_id' | 'adgroup_id' | 'ad_id';

export const TABLE_METRICS = ['impressions', 'clicks', 'ctr', 'result', 'cost_per_result', 'likes'] as const;

/** Lifetime delivery of every campaign, ad group or ad, by id: the Ads Manager tables' metric columns. */
export function useLifetimeMetrics(accountId: string, dimension: EntityDimension) {
  return useQuery({
    queryKey: [...accountKey(accountId), 'lifetime-metrics', dimension],
    queryFn: async ({ signal }) => {
      const report = await api.get<Report>(
        `${base(accountId)}/reports${reportQuery({
          dimensions: [dimension],
          metrics: [...TABLE_METRICS],
          query_lifetime: true,
          page_size: 1000,
        })}`,
        { signal },
      );
      return new Map<string, ReportCells>(
        report.list.map((row) => [row.dimensions[dimension] ?? '', row.metrics]),
      );
    },
    staleTime: 15_000,
    refetchInterval: 30_000,
  });
}

export function usePostSplits(accountId: string) {
  return useQuery({
    queryKey: [...accountKey(accountId), 'post-splits'],
    queryFn: ({ signal }) => api.get<{ data: PostSplit[] }>(`${base(accountId)}/reports/posts`, { signal }),
    select: (r) => r.data,
  });
}

export function useComparison(
  accountId: string,
  adGroupId: string | undefined,
  by: 'AD' | 'POST' | 'CREATOR',
) {
  return useQuery({
    queryKey: [...accountKey(accountId), 'comparison', adGroupId, by],
    queryFn: ({ signal }) =>
      api.get<Comparison>(`${base(accountId)}/ad-groups/${adGroupId}/comparison${query({ by })}`, { signal }),
    enabled: Boolean(adGroupId),
  });
}
