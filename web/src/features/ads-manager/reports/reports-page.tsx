import { BarChart3, Download } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCampaigns } from '../../../api/advertiser';
import { isApiError, messageOf, saveBlob } from '../../../api/client';
import { downloadReport, type ReportFilter, type ReportParams, useReport } from '../../../api/reports';
import type { FieldError } from '../../../api/types';
import { Button } from '../../../components/button';
import { TimeChart } from '../../../components/chart';
import { Segmented } from '../../../components/controls';
import { ErrorText, Field } from '../../../components/field';
import { PageHeader } from '../../../components/page';
import { EmptyState, ErrorState, Skeleton } from '../../../components/states';
import { useToast } from '../../../components/toast';
import { formatDateTime, zoneAbbreviation } from '../../../lib/format';
import {
  formatMetric,
  formatMetricNumber,
  METRICS,
  metricNumber,
  pointLabel,
  rangePoints,
} from '../../../lib/metrics';
import { errorsFor } from '../../../lib/validate';
import { useAdAccount } from '../../../session/session';
import { BREAKDOWNS, Breakdown, type BreakdownKey } from './breakdown';
import { PostSplits } from './post-splits';
import { checkRange, type Granularity, type Preset, type RangeForm, resolveRange } from './report-range';

/** The tiles above the chart: each picks the metric the chart shows. */
const TILES: { metric: string; sub?: string }[] = [
  { metric: 'spend', sub: 'cpm' },
  { metric: 'impressions', sub: 'reach' },
  { metric: 'clicks', sub: 'ctr' },
  { metric: 'result', sub: 'cost_per_result' },
  { metric: 'likes', sub: 'follows' },
];
export const REPORT_METRICS = [
  'spend',
  'impressions',
  'reach',
  'clicks',
  'ctr',
  'cpm',
  'result',
  'cost_per_result',
  'likes',
  'follows',
  'comments',
  'shares',
  'profile_visits',
  'video_watched_6s',
];

/** Ads Manager reports: totals, a chart over time, breakdowns, promoted posts, CSV. */
export function ReportsPage() {
  const { account } = useAdAccount();
  const toast = useToast();
  const campaigns = useCampaigns(account.id);
  const [range, setRange] = useState<RangeForm>({ preset: '7d', from: '', to: '', granularity: 'day' });
  const [campaignId, setCampaignId] = useState('');
  const [chartMetric, setChartMetric] = useState('spend');
  const [breakdown, setBreakdown] = useState<BreakdownKey>('campaign_id');
  const [downloading, setDownloading] = useState(false);

  const dates = resolveRange(range, account.time_zone);
  const rangeErrors = checkRange(range, dates);
  const valid = rangeErrors.length === 0;
  const hourly = range.granularity === 'hour';
  const filtering: ReportFilter[] = campaignId
    ? [{ field_name: 'campaign_ids', filter_type: 'IN', filter_value: JSON.stringify([campaignId]) }]
    : [];

  const overTimeParams: ReportParams = {
    dimensions: [hourly ? 'stat_time_hour' : 'stat_time_day'],
    metrics: REPORT_METRICS,
    start_date: dates.from,
    end_date: dates.to,
    filtering,
    page_size: 1000,
  };
  const overTime = useReport(account.id, overTimeParams, { enabled: valid });

  const apiErrors: FieldError[] = isApiError(overTime.error) ? overTime.error.errors : [];
  const errors = [...rangeErrors, ...apiErrors];

  const points = useMemo(
    () => (valid ? rangePoints(dates.from, dates.to, hourly) : []),
    [valid, dates.from, dates.to, hourly],
  );
  const byPoint = useMemo(() => {
    const key = hourly ? 'stat_time_hour' : 'stat_time_day';
    return new Map((overTime.data?.list ?? []).map((row) => [row.dimensions[key] ?? '', row.metrics]));
  }, [overTime.data, hourly]);

  const totals = overTime.data?.total_metrics ?? null;
  const currency = overTime.data?.currency ?? account.currency;
  const def = METRICS[chartMetric];
  const values = useMemo(
    () =>
      points.map((p) => {
        const cells = byPoint.get(p);
        // Points without a row had no delivery: counts and spend are 0, ratios undefined.
        if (!cells) return def?.kind === 'count' || def?.kind === 'money' ? 0 : null;
        return metricNumber(cells[chartMetric]);
      }),
    [points, byPoint, chartMetric, def],
  );
  const hasDelivery = (overTime.data?.list.length ?? 0) > 0;

  async function onDownload() {
    if (!valid) return;
    setDownloading(true);
    try {
      const dim = BREAKDOWNS.find((b) => b.key === breakdown);
      const { blob, filename } = await downloadReport(account.id, {
        dimensions: [breakdown, hourly ? 'stat_time_hour' : 'stat_time_day'],
        metrics: [...(dim?.names ?? []), ...REPORT_METRICS],
        start_date: dates.from,
        end_date: dates.to,
        filtering,
      });
      saveBlob(blob, filename);
      toast(`Downloaded ${filename}`);
    } catch (e) {
      toast(messageOf(e), 'error');
    } finally {
      setDownloading(false);
    }
  }

  const tickLabel = (point: string) =>
    hourly
      ? point.endsWith(' 00:00:00')
        ? pointLabel(point, false)
        : pointLabel(point, true)
      : pointLabel(point, false);

  return (
    <>
      <PageHeader
        title="Reports"
        description={`${account.name} · amounts in ${account.currency} · dates in ${account.time_zone.replace('_', ' ')} (${zoneAbbreviation(account.time_zone)})`}
        actions={
          <Button
            icon={<Download size={16} aria-hidden />}
            onClick={onDownload}
            loading={downloading}
            disabled={!valid}
          >
            Download CSV
          </Button>
        }
      />
      <form
        className="card report-controls"
        onSubmit={(e) => e.preventDefault()}
        aria-label="Report settings"
      >
        <div className="field">
          <span className="label" id="range-label">
            Dates
          </span>
          <Segmented
            name="preset"
            label="Dates"
            value={range.preset}
            onChange={(preset: Preset) =>
              setRange((r) => ({
                ...r,
                preset,
                ...(preset === 'custom' && !r.from
                  ? resolveRange({ ...r, preset: '7d' }, account.time_zone)
                  : {}),
              }))
            }
            options={[
              { value: 'today', label: 'Today' },
              { value: '7d', label: '7 days' },
              { value: '30d', label: '30 days' },
              { value: 'custom', label: 'Custom' },
            ]}
          />
        </div>
        {range.preset === 'custom' && (
          <>
            <Field label="From" errors={errorsFor(errors, 'start_date')}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  className="input"
                  value={range.from}
                  onChange={(e) => setRange((r) => ({ ...r, from: e.target.value }))}
                />
              )}
            </Field>
            <Field label="To" errors={errorsFor(errors, 'end_date')}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  className="input"
                  value={range.to}
                  onChange={(e) => setRange((r) => ({ ...r, to: e.target.value }))}
                />
              )}
            </Field>
          </>
        )}
        <div className="field">
          <span className="label">By</span>
          <Segmented
            name="granularity"
            label="Time unit"
            value={range.granularity}
            onChange={(granularity: Granularity) => setRange((r) => ({ ...r, granularity }))}
            options={[
              { value: 'day', label: 'Day' },
              { value: 'hour', label: 'Hour' },
            ]}
          />
        </div>
        <Field label="Campaign">
          {(control) => (
            <select
              {...control}
              className="select"
              value={campaignId}
              onChange={(e) => setCampaignId(e.target.value)}
            >
              <option value="">All campaigns</option>
              {campaigns.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.campaign_name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {range.preset !== 'custom' && <ErrorText errors={errors} />}
      </form>

      {overTime.error && !apiErrors.length ? (
        <ErrorState error={overTime.error} onRetry={() => overTime.refetch()} />
      ) : (
        <>
          <fieldset className="metric-tiles">
            <legend className="visually-hidden">Chart metric</legend>
            {TILES.map((t) => {
              const d = METRICS[t.metric];
              const sub = t.sub ? METRICS[t.sub] : undefined;
              return (
                <button
                  key={t.metric}
                  type="button"
                  className="card metric-tile"
                  aria-pressed={chartMetric === t.metric}
                  onClick={() => setChartMetric(t.metric)}
                  title={d?.description}
                >
                  <span className="label">{d?.label}</span>
                  <span className="value" data-metric={t.metric}>
                    {!valid ? (
                      '—'
                    ) : overTime.isLoading ? (
                      <Skeleton width={80} height={22} />
                    ) : (
                      formatMetric(t.metric, totals?.[t.metric], currency)
                    )}
                  </span>
                  {sub && t.sub && (
                    <span className="sub">
                      {sub.label}{' '}
                      {overTime.isLoading || !valid ? '' : formatMetric(t.sub, totals?.[t.sub], currency)}
                    </span>
                  )}
                </button>
              );
            })}
          </fieldset>
          <section className="card chart-card" aria-labelledby="chart-title">
            <div className="chart-card-head">
              <h2 id="chart-title">
                {def?.label ?? chartMetric} by {hourly ? 'hour' : 'day'}
              </h2>
              <span className="hint">{def?.description}</span>
              <span className="spacer" />
              {overTime.data?.data_freshness.aggregated_through && (
                <span className="hint">
                  Data through{' '}
                  {formatDateTime(overTime.data.data_freshness.aggregated_through, account.time_zone)}
                </span>
              )}
            </div>
            {!valid ? (
              <div className="chart-empty">Pick a valid date range.</div>
            ) : overTime.isLoading ? (
              <Skeleton height={240} radius={10} />
            ) : !hasDelivery ? (
              <EmptyState icon={<BarChart3 size={22} />} title="No delivery in these dates">
                Ads that serve show up here within seconds.{' '}
                <Link to="/ads/campaigns">See your campaigns</Link>
              </EmptyState>
            ) : (
              <TimeChart
                labels={points}
                series={{
                  label: def?.label ?? chartMetric,
                  values,
                  format: (n) => formatMetricNumber(chartMetric, n, currency),
                }}
                kind={def?.kind === 'money' || def?.kind === 'count' ? 'bars' : 'area'}
                title={`${def?.label ?? chartMetric} by ${hourly ? 'hour' : 'day'}, ${dates.from} to ${dates.to}`}
                tickLabel={tickLabel}
              />
            )}
            {overTime.data?.notes.map((n) => (
              <p key={n} className="hint report-note">
                Note: {n}.
              </p>
            ))}
          </section>
          <Breakdown
            accountId={account.id}
            currency={currency}
            dimension={breakdown}
            onDimension={setBreakdown}
            metric={chartMetric}
            dates={dates}
            filtering={filtering}
            enabled={valid}
          />
        </>
      )}
      <PostSplits accountId={account.id} currency={account.currency} />
    </>
  );
}
