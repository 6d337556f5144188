import { useLibrary } from '../../../api/advertiser';
import { isApiError } from '../../../api/client';
import { type ReportFilter, useReport } from '../../../api/reports';
import type { ReportCells } from '../../../api/types';
import { BarList } from '../../../components/chart';
import { type Column, DataTable } from '../../../components/data-table';
import { ErrorText, Field } from '../../../components/field';
import { Poster } from '../../../components/media';
import { EmptyState } from '../../../components/states';
import { AGE_GROUPS, OPERATING_SYSTEMS, PLACEMENTS } from '../../../lib/labels';
import { formatMetric, formatMetricNumber, METRICS, metricNumber } from '../../../lib/metrics';
import { countryName } from '../../../lib/regions';

export type BreakdownKey =
  | 'campaign_id'
  | 'adgroup_id'
  | 'ad_id'
  | 'creator_id'
  | 'post_id'
  | 'country_code'
  | 'age'
  | 'gender'
  | 'platform'
  | 'placement';

const GENDER_NAMES: Record<string, string> = {
  GENDER_FEMALE: 'Women',
  GENDER_MALE: 'Men',
  GENDER_OTHER: 'Other',
  GENDER_UNKNOWN: 'Unknown',
};

export const BREAKDOWNS: {
  key: BreakdownKey;
  label: string;
  /** Name metrics the API gives at this level. */
  names: string[];
}[] = [
  { key: 'campaign_id', label: 'Campaign', names: ['campaign_name'] },
  { key: 'adgroup_id', label: 'Ad group', names: ['adgroup_name', 'campaign_name'] },
  { key: 'ad_id', label: 'Ad', names: ['ad_name', 'creator_handle'] },
  { key: 'creator_id', label: 'Creator', names: ['creator_handle'] },
  { key: 'post_id', label: 'Post', names: ['creator_handle'] },
  { key: 'country_code', label: 'Country', names: [] },
  { key: 'age', label: 'Age', names: [] },
  { key: 'gender', label: 'Gender', names: [] },
  { key: 'platform', label: 'Operating system', names: [] },
  { key: 'placement', label: 'Placement', names: [] },
];

const TABLE_METRICS = [
  'spend',
  'impressions',
  'reach',
  'ctr',
  'result',
  'cost_per_result',
  'likes',
  'follows',
];

interface Row {
  key: string;
  dimensions: ReportCells;
  metrics: ReportCells;
}

/** A breakdown value in words ("25–34", "France", the campaign's name). */
function useNamer(dimension: BreakdownKey, accountId: string) {
  const library = useLibrary(accountId);
  return (row: Row): { text: string; sub?: string; poster?: string } => {
    const value = row.dimensions[dimension];
    const m = row.metrics;
    switch (dimension) {
      case 'campaign_id':
        return { text: m.campaign_name ?? value ?? '—' };
      case 'adgroup_id':
        return { text: m.adgroup_name ?? value ?? '—', ...(m.campaign_name && { sub: m.campaign_name }) };
      case 'ad_id':
        return { text: m.ad_name ?? value ?? '—', ...(m.creator_handle && { sub: `@${m.creator_handle}` }) };
      case 'creator_id':
        return { text: m.creator_handle ? `@${m.creator_handle}` : (value ?? '—') };
      case 'post_id': {
        const spark = library.items.find((s) => s.post.id === value);
        return {
          text: spark?.post.caption ?? value ?? '—',
          ...(m.creator_handle && { sub: `@${m.creator_handle}` }),
          ...(spark && { poster: spark.post.media_url }),
        };
      }
      case 'country_code':
        return { text: value ? countryName(value) : 'Unknown' };
      case 'age':
        return { text: AGE_GROUPS.find((a) => a.value === value)?.label ?? (value ? value : 'Unknown') };
      case 'gender':
        return { text: value ? (GENDER_NAMES[value] ?? value) : 'Unknown' };
      case 'platform':
        return {
          text: OPERATING_SYSTEMS.find((o) => o.value === value)?.label ?? (value ? value : 'Unknown'),
        };
      case 'placement':
        return { text: PLACEMENTS.find((p) => p.value === value)?.label ?? (value ? value : 'Unknown') };
    }
  };
}

/** The report split by one dimension: bars of the chart's metric, and a table of every metric. */
export function Breakdown({
  accountId,
  currency,
  dimension,
  onDimension,
  metric,
  dates,
  filtering,
  enabled,
}: {
  accountId: string;
  currency: string;
  dimension: BreakdownKey;
  onDimension: (key: BreakdownKey) => void;
  metric: string;
  dates: { from: string; to: string };
  filtering: ReportFilter[];
  enabled: boolean;
}) {
  const spec = BREAKDOWNS.find((b) => b.key === dimension) ?? BREAKDOWNS[0];
  const report = useReport(
    accountId,
    {
      dimensions: [dimension],
      metrics: [...(spec?.names ?? []), ...new Set([...TABLE_METRICS, metric])],
      start_date: dates.from,
      end_date: dates.to,
      filtering,
      order_field: 'spend',
      order_type: 'DESC',
      page_size: 1000,
    },
    { enabled },
  );
  const nameOf = useNamer(dimension, accountId);
  const rows: Row[] = (report.data?.list ?? []).map((r, i) => ({
    key: r.dimensions[dimension] ?? `none-${i}`,
    dimensions: r.dimensions,
    metrics: r.metrics,
  }));
  const label = spec?.label ?? dimension;
  const def = METRICS[metric];

  const columns: Column<Row>[] = [
    {
      key: 'name',
      header: label,
      primary: true,
      render: (row) => {
        const name = nameOf(row);
        return (
          <div className="name-cell">
            {name.poster && <Poster src={name.poster} />}
            <div style={{ minWidth: 0 }}>
              <strong className="clamp-2">{name.text}</strong>
              {name.sub && <div className="sub">{name.sub}</div>}
            </div>
          </div>
        );
      },
    },
    ...TABLE_METRICS.map(
      (m): Column<Row> => ({
        key: m,
        header: METRICS[m]?.label ?? m,
        align: 'end',
        render: (row) => (
          <span className="num nowrap" data-metric={m}>
            {formatMetric(m, row.metrics[m], currency)}
          </span>
        ),
      }),
    ),
  ];

  return (
    <section className="card breakdown-card" aria-labelledby="breakdown-title">
      <div className="chart-card-head">
        <h2 id="breakdown-title">Breakdown</h2>
        <span className="spacer" />
        <Field label="Break down by" className="side-field">
          {(control) => (
            <select
              {...control}
              className="select"
              value={dimension}
              onChange={(e) => onDimension(e.target.value as BreakdownKey)}
            >
              {BREAKDOWNS.map((b) => (
                <option key={b.key} value={b.key}>
                  {b.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {!enabled ? (
        <p className="chart-empty">Pick a valid date range.</p>
      ) : isApiError(report.error) && report.error.errors.length > 0 ? (
        <ErrorText errors={report.error.errors} />
      ) : (
        <>
          {rows.length > 0 && (
            <BarList
              label={`${def?.label ?? metric} by ${label.toLowerCase()}`}
              format={(n) => formatMetricNumber(metric, n, currency)}
              rows={rows.map((r) => {
                const name = nameOf(r);
                return {
                  key: r.key,
                  label: name.text,
                  text: name.text,
                  value: metricNumber(r.metrics[metric]),
                };
              })}
            />
          )}
          <DataTable
            caption={`Metrics by ${label.toLowerCase()}`}
            columns={columns}
            rows={rows}
            rowKey={(r) => r.key}
            isLoading={enabled && report.isLoading}
            error={report.error}
            onRetry={() => report.refetch()}
            empty={
              <EmptyState title="Nothing to break down">
                No delivery in these dates{filtering.length ? ' for this campaign' : ''}.
              </EmptyState>
            }
          />
        </>
      )}
    </section>
  );
}
