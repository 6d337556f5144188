import { Megaphone, Plus, X } from 'lucide-react';
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useAdGroups, useAds, useCampaigns, useLibrary } from '../../api/advertiser';
import { useLifetimeMetrics } from '../../api/reports';
import type { DeliveryStatus } from '../../api/types';
import { DataTable } from '../../components/data-table';
import { LinkTabs, PageHeader } from '../../components/page';
import { EmptyState } from '../../components/states';
import { formatMoney, sumMoney, zoneAbbreviation } from '../../lib/format';
import { DELIVERY } from '../../lib/labels';
import { useAdAccount } from '../../session/session';
import { AdComparison } from './ad-comparison';
import { adColumns, adGroupColumns, campaignColumns } from './tables';

export type Level = 'campaigns' | 'ad-groups' | 'ads';

const NEEDS_ATTENTION = (status: DeliveryStatus) => DELIVERY[status]?.tone === 'red';

function withParams(path: string, params: Record<string, string | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) search.set(k, v);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

/** Ads Manager: campaigns → ad groups → ads, with delivery status and its reason at every level. */
export function ManagerPage({ level }: { level: Level }) {
  const { account, canWrite } = useAdAccount();
  const [params] = useSearchParams();
  const campaignId = params.get('campaign_id') ?? undefined;
  const adGroupId = params.get('ad_group_id') ?? undefined;

  const campaigns = useCampaigns(account.id);
  const adGroups = useAdGroups(account.id, level === 'ad-groups' ? campaignId : undefined);
  const allAds = useAds(account.id);
  const ads = useAds(account.id, level === 'ads' ? { campaignId, adGroupId } : {});
  const library = useLibrary(account.id);

  const campaignNames = useMemo(
    () => new Map(campaigns.items.map((c) => [c.id, c.campaign_name])),
    [campaigns.items],
  );
  const groupNames = useMemo(
    () => new Map(adGroups.items.map((g) => [g.id, g.adgroup_name])),
    [adGroups.items],
  );
  const sparkByPost = useMemo(() => new Map(library.items.map((s) => [s.post.id, s])), [library.items]);
  const metrics = useLifetimeMetrics(
    account.id,
    level === 'campaigns' ? 'campaign_id' : level === 'ad-groups' ? 'adgroup_id' : 'ad_id',
  );
  const context = {
    timeZone: account.time_zone,
    canWrite,
    metricsOf: (id: string) => metrics.data?.get(id),
    // Metrics are extra: a failed report leaves the tables as they are ("—").
    metricsLoading: metrics.isLoading,
  };

  const live = allAds.items.filter((a) => !a.deleted_at);
  const delivering = live.filter((a) => a.delivery_status === 'DELIVERING').length;
  const attention = live.filter((a) => NEEDS_ATTENTION(a.delivery_status)).length;
  const spend = sumMoney(campaigns.items.map((c) => c.spend));

  const filterParams = {
    campaign_id: campaignId ?? null,
    ad_group_id: level === 'ads' ? (adGroupId ?? null) : null,
  };
  const activeFilter =
    level === 'ads' && adGroupId
      ? { label: 'Ad group', value: groupNames.get(adGroupId) ?? 'Selected ad group', clear: '/ads/ads' }
      : campaignId && level !== 'campaigns'
        ? {
            label: 'Campaign',
            value: campaignNames.get(campaignId) ?? 'Selected campaign',
            clear: `/ads/${level}`,
          }
        : null;

  const createAction = canWrite && (
    <Link className="btn primary" to="/ads/new">
      <Plus size={16} aria-hidden /> Create campaign
    </Link>
  );

  return (
    <>
      <PageHeader
        title="Ads Manager"
        description={`${account.name} · amounts in ${account.currency} · times in ${account.time_zone.replace('_', ' ')} (${zoneAbbreviation(account.time_zone)})`}
        actions={createAction}
      />
      <section className="kpis" aria-label="Account summary">
        <div className="card kpi">
          <span className="label">Campaigns</span>
          <span className="value">{campaigns.isLoading ? '—' : campaigns.items.length}</span>
        </div>
        <div className="card kpi">
          <span className="label">Ads delivering</span>
          <span className="value">{allAds.isLoading ? '—' : `${delivering} / ${live.length}`}</span>
        </div>
        <div className={`card kpi${attention > 0 ? ' warn' : ''}`}>
          <span className="label">Ads needing attention</span>
          <span className="value">{allAds.isLoading ? '—' : attention}</span>
        </div>
        <div className="card kpi">
          <span className="label">Spend to date</span>
          <span className="value">{campaigns.isLoading ? '—' : formatMoney(spend, account.currency)}</span>
        </div>
      </section>
      <LinkTabs
        label="Level"
        tabs={[
          { to: '/ads/campaigns', label: 'Campaigns' },
          { to: withParams('/ads/ad-groups', { campaign_id: filterParams.campaign_id }), label: 'Ad groups' },
          { to: withParams('/ads/ads', filterParams), label: 'Ads' },
        ]}
      />
      {activeFilter && (
        <div className="toolbar">
          <span className="filter-chip">
            {activeFilter.label}: <strong>{activeFilter.value}</strong>
            <Link to={activeFilter.clear} aria-label={`Clear the ${activeFilter.label.toLowerCase()} filter`}>
              <X size={14} aria-hidden />
            </Link>
          </span>
          {canWrite && level === 'ad-groups' && campaignId && (
            <Link className="btn small" to={`/ads/new?campaign_id=${campaignId}`}>
              <Plus size={14} aria-hidden /> Add ad group
            </Link>
          )}
          {canWrite && level === 'ads' && adGroupId && (
            <Link className="btn small" to={`/ads/new?ad_group_id=${adGroupId}`}>
              <Plus size={14} aria-hidden /> Add ads
            </Link>
          )}
        </div>
      )}
      {level === 'campaigns' && (
        <DataTable
          caption="Campaigns"
          columns={campaignColumns(context)}
          rows={campaigns.items}
          rowKey={(c) => c.id}
          isLoading={campaigns.isLoading}
          error={campaigns.error}
          onRetry={() => campaigns.refetch()}
          hasMore={campaigns.hasNextPage}
          onMore={() => campaigns.fetchNextPage()}
          loadingMore={campaigns.isFetchingNextPage}
          empty={
            <EmptyState icon={<Megaphone size={22} />} title="No campaigns yet" actions={createAction}>
              {canWrite
                ? 'Redeem a creator’s code in the Spark library, then create a campaign to promote the post.'
                : 'Campaigns your team creates appear here.'}
            </EmptyState>
          }
        />
      )}
      {level === 'ad-groups' && (
        <DataTable
          caption="Ad groups"
          columns={adGroupColumns(context, (id) => campaignNames.get(id))}
          rows={adGroups.items}
          rowKey={(g) => g.id}
          isLoading={adGroups.isLoading}
          error={adGroups.error}
          onRetry={() => adGroups.refetch()}
          hasMore={adGroups.hasNextPage}
          onMore={() => adGroups.fetchNextPage()}
          loadingMore={adGroups.isFetchingNextPage}
          empty={
            <EmptyState title="No ad groups here">
              Ad groups hold the targeting, budget, schedule and bid of your ads.
            </EmptyState>
          }
        />
      )}
      {level === 'ads' && adGroupId && <AdComparison accountId={account.id} adGroupId={adGroupId} />}
      {level === 'ads' && (
        <DataTable
          caption="Ads"
          columns={adColumns(context, (postId) => sparkByPost.get(postId))}
          rows={ads.items}
          rowKey={(a) => a.id}
          isLoading={ads.isLoading}
          error={ads.error}
          onRetry={() => ads.refetch()}
          hasMore={ads.hasNextPage}
          onMore={() => ads.fetchNextPage()}
          loadingMore={ads.isFetchingNextPage}
          empty={
            <EmptyState title="No ads here">
              Each ad promotes one creator’s post from your Spark library.
            </EmptyState>
          }
        />
      )}
    </>
  );
}
