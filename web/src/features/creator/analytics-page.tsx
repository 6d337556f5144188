import { LineChart } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCreatorAnalytics, useCreatorPosts } from '../../api/creator';
import type { CreatorAnalytics, PaidNumbers, Post } from '../../api/types';
import { Badge } from '../../components/badge';
import { BarList, SplitBar } from '../../components/chart';
import { Segmented } from '../../components/controls';
import { type Column, DataTable } from '../../components/data-table';
import { Poster } from '../../components/media';
import { PageHeader } from '../../components/page';
import { EmptyState, ErrorState, Skeleton } from '../../components/states';
import { formatDate, formatInteger, formatMoney, formatPercent, localTimeZone } from '../../lib/format';
import { AUTHORIZATION_STATUS } from '../../lib/labels';
import { addDays, localDate } from '../../lib/metrics';

type Range = 'lifetime' | '7d' | '30d';
type Measure = 'views' | 'likes' | 'follows' | 'shares' | 'comments';

const MEASURES: { value: Measure; label: string }[] = [
  { value: 'views', label: 'Views' },
  { value: 'likes', label: 'Likes' },
  { value: 'follows', label: 'Follows' },
  { value: 'shares', label: 'Shares' },
  { value: 'comments', label: 'Comments' },
];

type AuthorizationRow = CreatorAnalytics['authorizations'][number];

/** "26 Nov – 2 Dec 2026" from two local dates. */
function dayRange(first: string | null, last: string | null): string {
  if (!first || !last) return 'Not delivered';
  const f = formatDate(`${first}T12:00:00Z`, 'UTC');
  return first === last
    ? f
    : `${formatDate(`${first}T12:00:00Z`, 'UTC')} – ${formatDate(`${last}T12:00:00Z`, 'UTC')}`;
}

/** Creator Studio: what brands' Spark ads brought, next to each post's organic results. */
export function AnalyticsPage() {
  const [range, setRange] = useState<Range>('lifetime');
  const [measure, setMeasure] = useState<Measure>('likes');
  const today = localDate(new Date(), localTimeZone);
  const dates = range === 'lifetime' ? null : { from: addDays(today, range === '7d' ? -6 : -29), to: today };
  const analytics = useCreatorAnalytics(dates);
  const posts = useCreatorPosts();
  const postById = useMemo(() => new Map(posts.items.map((p) => [p.id, p])), [posts.items]);
  const data = analytics.data;
  const promoted = (data?.posts ?? []).filter((p) => p.paid.impressions > 0 || p.brands.length > 0);

  const authColumns: Column<AuthorizationRow>[] = [
    {
      key: 'post',
      header: 'Post',
      primary: true,
      render: (a) => {
        const post: Post | undefined = postById.get(a.post_id);
        return (
          <div className="name-cell">
            {post && <Poster src={post.media_url} />}
            <div style={{ minWidth: 0 }}>
              <strong className="clamp-2">{post?.caption ?? a.post_id}</strong>
              <div className="sub">{a.ad_account?.name ?? 'Not redeemed'}</div>
            </div>
          </div>
        );
      },
    },
    {
      key: 'status',
      header: 'Status',
      render: (a) => (
        <Badge tone={AUTHORIZATION_STATUS[a.status].tone} dot>
          {AUTHORIZATION_STATUS[a.status].label}
        </Badge>
      ),
    },
    {
      key: 'days',
      header: 'Delivered',
      render: (a) => <span className="nowrap">{dayRange(a.first_day, a.last_day)}</span>,
    },
    ...(
      [
        ['impressions', 'Impressions'],
        ['reach', 'Reach'],
        ['likes', 'Likes'],
        ['follows', 'Follows'],
      ] as [keyof PaidNumbers, string][]
    ).map(
      ([key, header]): Column<AuthorizationRow> => ({
        key,
        header,
        align: 'end',
        render: (a) => <span className="num">{formatInteger(a.paid[key])}</span>,
      }),
    ),
    ...(data?.spend_visible
      ? [
          {
            key: 'spend',
            header: 'Brand spend',
            align: 'end' as const,
            render: (a: AuthorizationRow) => (
              <span className="num">{a.spend ? formatMoney(a.spend.amount, a.spend.currency) : '—'}</span>
            ),
          },
        ]
      : []),
  ];

  const totals = data?.totals;
  const paidMeasure = (p: PaidNumbers) => p[measure];

  return (
    <>
      <PageHeader
        title="Analytics"
        description="What brands’ Spark ads brought you, next to what your posts earn on their own. Paid likes, shares and follows land on your original posts."
        actions={
          <Segmented
            name="range"
            label="Dates"
            value={range}
            onChange={setRange}
            options={[
              { value: 'lifetime', label: 'Lifetime' },
              { value: '30d', label: '30 days' },
              { value: '7d', label: '7 days' },
            ]}
          />
        }
      />
      {analytics.error ? (
        <ErrorState error={analytics.error} onRetry={() => analytics.refetch()} />
      ) : (
        <>
          <section className="kpis" aria-label="From Spark ads">
            {[
              { label: 'Extra reach', value: totals?.extra_reach, hint: 'viewers the ads reached' },
              { label: 'Followers from ads', value: totals?.followers_from_ads },
              { label: 'Paid likes', value: totals?.paid.likes },
              { label: 'Paid impressions', value: totals?.paid.impressions },
            ].map((k) => (
              <div className="card kpi" key={k.label}>
                <span className="label">{k.label}</span>
                <span className="value">
                  {analytics.isLoading ? <Skeleton width={70} height={22} /> : formatInteger(k.value ?? 0)}
                </span>
                {k.hint && <span className="hint">{k.hint}</span>}
              </div>
            ))}
          </section>

          <section className="card chart-card" aria-labelledby="split-title">
            <div className="chart-card-head">
              <h2 id="split-title">Paid and organic, post by post</h2>
              <span className="spacer" />
              <Segmented
                name="measure"
                label="Measure"
                value={measure}
                onChange={setMeasure}
                options={MEASURES}
              />
            </div>
            {analytics.isLoading ? (
              <Skeleton height={200} radius={10} />
            ) : (data?.posts ?? []).length === 0 ? (
              <EmptyState icon={<LineChart size={22} />} title="No posts yet" />
            ) : (
              <>
                <div className="legend" aria-hidden>
                  <span className="legend-dot organic" /> Organic <span className="legend-dot paid" /> From
                  Spark ads
                </div>
                <ul className="split-list">
                  {totals && (data?.posts ?? []).length > 1 && (
                    <li className="split-total">
                      <div className="split-list-name">
                        <strong>All posts</strong>
                      </div>
                      <SplitBar
                        label={`${formatInteger(totals.organic[measure])} organic, ${formatInteger(totals.paid[measure])} from ads`}
                        parts={[
                          { label: 'Organic', value: totals.organic[measure], tone: 'organic' },
                          { label: 'Paid', value: totals.paid[measure], tone: 'paid' },
                        ]}
                      />
                      <span className="num split-numbers">
                        <strong>{formatInteger(totals.organic[measure] + totals.paid[measure])}</strong>
                        <span className="paid-text"> · {formatInteger(totals.paid[measure])} from ads</span>
                      </span>
                    </li>
                  )}
                  {(data?.posts ?? []).map((p) => {
                    const organic = p.organic[measure];
                    const paid = paidMeasure(p.paid);
                    const all = organic + paid;
                    const post = postById.get(p.post_id);
                    return (
                      <li key={p.post_id} data-post-id={p.post_id}>
                        <div className="split-list-name">
                          {post && <Poster src={post.media_url} />}
                          <div style={{ minWidth: 0 }}>
                            <strong className="clamp-2">{p.caption}</strong>
                            <div className="hint">
                              {p.brands.length
                                ? `Promoted by ${p.brands.map((b) => b.name).join(', ')}`
                                : 'Organic only'}
                            </div>
                          </div>
                        </div>
                        <SplitBar
                          label={`${formatInteger(organic)} organic, ${formatInteger(paid)} from ads`}
                          parts={[
                            { label: 'Organic', value: organic, tone: 'organic' },
                            { label: 'Paid', value: paid, tone: 'paid' },
                          ]}
                        />
                        <span className="num split-numbers">
                          <strong>{formatInteger(all)}</strong>
                          {paid > 0 && (
                            <span className="paid-text">
                              {' '}
                              · {formatInteger(paid)} from ads ({formatPercent(all ? paid / all : 0, 2)})
                            </span>
                          )}
                        </span>
                      </li>
                    );
                  })}
                </ul>
              </>
            )}
          </section>

          <div className="grid-2 analytics-grid">
            <section className="card chart-card" aria-labelledby="paid-title">
              <div className="chart-card-head">
                <h2 id="paid-title">{MEASURES.find((m) => m.value === measure)?.label} from ads, by post</h2>
              </div>
              {analytics.isLoading ? (
                <Skeleton height={120} radius={10} />
              ) : promoted.length === 0 ? (
                <EmptyState title="No Spark ads yet">
                  When a brand promotes one of your posts, what it brings shows up here.{' '}
                  <Link to="/studio/posts">Authorize a post</Link>
                </EmptyState>
              ) : (
                <BarList
                  label={`${measure} from ads by post`}
                  format={formatInteger}
                  rows={promoted.map((p) => ({
                    key: p.post_id,
                    label: p.caption,
                    text: p.caption,
                    value: paidMeasure(p.paid),
                  }))}
                />
              )}
            </section>
            <section className="card chart-card" aria-labelledby="brands-title">
              <div className="chart-card-head">
                <h2 id="brands-title">Impressions by brand</h2>
              </div>
              {analytics.isLoading ? (
                <Skeleton height={120} radius={10} />
              ) : (data?.authorizations ?? []).filter((a) => a.ad_account).length === 0 ? (
                <EmptyState title="No brand yet">Brands that redeem your codes appear here.</EmptyState>
              ) : (
                <BarList
                  label="Paid impressions by brand"
                  format={formatInteger}
                  rows={Object.values(
                    (data?.authorizations ?? []).reduce<Record<string, { name: string; value: number }>>(
                      (acc, a) => {
                        if (!a.ad_account) return acc;
                        const prev = acc[a.ad_account.id] ?? { name: a.ad_account.name, value: 0 };
                        acc[a.ad_account.id] = { name: prev.name, value: prev.value + a.paid.impressions };
                        return acc;
                      },
                      {},
                    ),
                  ).map((b) => ({ key: b.name, label: b.name, text: b.name, value: b.value }))}
                />
              )}
            </section>
          </div>

          <section className="report-section" aria-labelledby="auth-title">
            <div className="section-heading">
              <h2 id="auth-title">By authorization</h2>
              <p className="muted">
                Each code you issued, the brand that used it and what its ads did.
                {data && !data.spend_visible && ' Brands’ spend is private on this platform.'}
              </p>
            </div>
            <DataTable
              caption="Results by authorization"
              columns={authColumns}
              rows={data?.authorizations ?? []}
              rowKey={(a) => a.id}
              isLoading={analytics.isLoading}
              empty={
                <EmptyState title="No authorizations yet">
                  <Link to="/studio/posts">Authorize a post</Link> and send the code to a brand.
                </EmptyState>
              }
            />
          </section>
        </>
      )}
    </>
  );
}
