import { Plus } from 'lucide-react';
import { Link } from 'react-router-dom';
import type { Ad, AdGroup, Campaign, ReportCells, SparkPost } from '../../api/types';
import { Badge, DeliveryBadge } from '../../components/badge';
import type { Column } from '../../components/data-table';
import { Poster } from '../../components/media';
import { Skeleton } from '../../components/states';
import { formatDateTime, formatMoney, hostOf } from '../../lib/format';
import { BILLING_LABELS, ctaLabel, GOAL_LABELS, objectiveLabel, REVIEW_STATUS } from '../../lib/labels';
import { formatMetric, METRICS } from '../../lib/metrics';
import { StatusSwitch } from './status-switch';

/** Columns of the three Ads Manager levels; the delivery metrics are shared by the three. */
interface Context {
  timeZone: string;
  canWrite: boolean;
  /** Lifetime report cells of a row (impressions, ctr, result…), from GET /reports. */
  metricsOf: (id: string) => ReportCells | undefined;
  metricsLoading: boolean;
}

/** Impressions, CTR and results (the ad group's goal) of each row, lifetime, then its spend. */
function metricColumns<T extends { id: string; currency: string; spend: string }>({
  metricsOf,
  metricsLoading,
}: Context): Column<T>[] {
  const cell = (metric: string) => (row: T) => {
    if (metricsLoading) return <Skeleton width={44} />;
    const cells = metricsOf(row.id);
    // No row in the report: nothing delivered yet.
    const value = cells ? cells[metric] : METRICS[metric]?.kind === 'count' ? '0' : null;
    return (
      <span className="num nowrap" data-metric={metric}>
        {formatMetric(metric, value ?? null, row.currency)}
      </span>
    );
  };
  return [
    { key: 'impressions', header: 'Impressions', align: 'end', render: cell('impressions') },
    { key: 'ctr', header: 'CTR', align: 'end', render: cell('ctr') },
    {
      key: 'result',
      header: 'Results',
      align: 'end',
      render: (row) => (
        <div>
          {cell('result')(row)}
          {!metricsLoading && metricsOf(row.id)?.cost_per_result && (
            <div className="hint nowrap">
              {formatMetric('cost_per_result', metricsOf(row.id)?.cost_per_result, row.currency)} each
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'spend',
      header: 'Spend',
      align: 'end',
      render: (row) => <span className="num">{formatMoney(row.spend, row.currency)}</span>,
    },
  ];
}

/** The write-only last column: a link that creates children of the row (ad groups, ads). */
function addChildColumn<T extends { id: string }>(
  canWrite: boolean,
  to: (row: T) => string,
  label: (row: T) => string,
  text: string,
): Column<T>[] {
  if (!canWrite) return [];
  return [
    {
      key: 'add',
      header: 'Actions',
      hideHeader: true,
      align: 'end',
      render: (row) => (
        <Link className="btn small ghost" to={to(row)} aria-label={label(row)}>
          <Plus size={14} aria-hidden /> {text}
        </Link>
      ),
    },
  ];
}

function toggleColumn<T extends { id: string; operation_status: 'ENABLE' | 'DISABLE' }>(
  target: 'campaigns' | 'ad-groups' | 'ads',
  nameOf: (row: T) => string,
): Column<T> {
  return {
    key: 'on',
    header: 'Active',
    hideHeader: true,
    width: 56,
    render: (row) => (
      <StatusSwitch target={target} id={row.id} name={nameOf(row)} status={row.operation_status} />
    ),
  };
}

function budgetText(budget: string | null, mode: string, currency: string): string {
  if (budget === null || mode === 'BUDGET_MODE_INFINITE') return 'No limit';
  return `${formatMoney(budget, currency)} ${mode === 'BUDGET_MODE_DAY' ? 'daily' : 'lifetime'}`;
}

export function campaignColumns(context: Context): Column<Campaign>[] {
  const { timeZone, canWrite } = context;
  return [
    ...(canWrite ? [toggleColumn<Campaign>('campaigns', (c) => c.campaign_name)] : []),
    {
      key: 'name',
      header: 'Campaign',
      primary: true,
      render: (c) => (
        <div className="name-cell">
          <div style={{ minWidth: 0 }}>
            <Link to={`/ads/ad-groups?campaign_id=${c.id}`}>{c.campaign_name}</Link>
            <div className="sub">
              {objectiveLabel(c.objective_type)} · created {formatDateTime(c.created_at, timeZone)}
            </div>
          </div>
        </div>
      ),
    },
    { key: 'delivery', header: 'Delivery', render: (c) => <DeliveryBadge item={c} timeZone={timeZone} /> },
    {
      key: 'budget',
      header: 'Budget',
      render: (c) => <span className="nowrap">{budgetText(c.budget, c.budget_mode, c.currency)}</span>,
    },
    ...metricColumns<Campaign>(context),
    ...addChildColumn<Campaign>(
      canWrite,
      (c) => `/ads/new?campaign_id=${c.id}`,
      (c) => `Add an ad group to ${c.campaign_name}`,
      'Ad group',
    ),
  ];
}

function scheduleText(g: AdGroup): string {
  const start = formatDateTime(g.schedule_start_time, g.time_zone);
  if (!g.schedule_end_time) return `From ${start}`;
  return `${start} → ${formatDateTime(g.schedule_end_time, g.time_zone)}`;
}

export function adGroupColumns(
  context: Context,
  campaignName: (id: string) => string | undefined,
): Column<AdGroup>[] {
  const { timeZone, canWrite } = context;
  return [
    ...(canWrite ? [toggleColumn<AdGroup>('ad-groups', (g) => g.adgroup_name)] : []),
    {
      key: 'name',
      header: 'Ad group',
      primary: true,
      render: (g) => (
        <div className="name-cell">
          <div style={{ minWidth: 0 }}>
            <Link to={`/ads/ads?ad_group_id=${g.id}`}>{g.adgroup_name}</Link>
            <div className="sub">{campaignName(g.campaign_id) ?? 'Campaign'}</div>
          </div>
        </div>
      ),
    },
    { key: 'delivery', header: 'Delivery', render: (g) => <DeliveryBadge item={g} timeZone={timeZone} /> },
    {
      key: 'budget',
      header: 'Budget',
      render: (g) => <span className="nowrap">{budgetText(g.budget, g.budget_mode, g.currency)}</span>,
    },
    {
      key: 'bid',
      header: 'Bid & schedule',
      render: (g) => (
        <div>
          <div>
            <span className="nowrap">
              {formatMoney(g.bid_price, g.currency)} {BILLING_LABELS[g.billing_event].label}
            </span>{' '}
            · {GOAL_LABELS[g.optimization_goal]}
          </div>
          <div className="hint">{scheduleText(g)}</div>
          {g.dayparting && <div className="hint">Dayparting on</div>}
        </div>
      ),
    },
    ...metricColumns<AdGroup>(context),
    ...addChildColumn<AdGroup>(
      canWrite,
      (g) => `/ads/new?ad_group_id=${g.id}`,
      (g) => `Add ads to ${g.adgroup_name}`,
      'Ads',
    ),
  ];
}

export function adColumns(
  context: Context,
  sparkPost: (postId: string) => SparkPost | undefined,
): Column<Ad>[] {
  const { timeZone, canWrite } = context;
  return [
    ...(canWrite ? [toggleColumn<Ad>('ads', (a) => a.ad_name)] : []),
    {
      key: 'name',
      header: 'Ad',
      primary: true,
      render: (a) => {
        const spark = sparkPost(a.post_id);
        return (
          <div className="name-cell">
            {spark && <Poster src={spark.post.media_url} />}
            <div style={{ minWidth: 0 }}>
              <strong>{a.ad_name}</strong>
              <div className="sub">
                {[
                  spark && !a.ad_name.includes(`@${spark.creator.handle}`)
                    ? `@${spark.creator.handle}`
                    : null,
                  a.call_to_action ? ctaLabel(a.call_to_action) : 'No button',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </div>
            </div>
          </div>
        );
      },
    },
    { key: 'delivery', header: 'Delivery', render: (a) => <DeliveryBadge item={a} timeZone={timeZone} /> },
    {
      key: 'review',
      header: 'Review',
      render: (a) => (
        <Badge tone={REVIEW_STATUS[a.review_status].tone} title={a.review_reason ?? undefined}>
          {REVIEW_STATUS[a.review_status].label}
        </Badge>
      ),
    },
    {
      key: 'landing',
      header: 'Landing page',
      render: (a) => (
        <a
          href={a.landing_page_url}
          target="_blank"
          rel="noreferrer noopener"
          className="truncate"
          style={{ maxWidth: 180, display: 'inline-block' }}
        >
          {hostOf(a.landing_page_url)}
        </a>
      ),
    },
    ...metricColumns<Ad>(context),
  ];
}
