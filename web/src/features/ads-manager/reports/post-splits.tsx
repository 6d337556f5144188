import { Sparkles } from 'lucide-react';
import { useLibrary } from '../../../api/advertiser';
import { usePostSplits } from '../../../api/reports';
import type { PostSplit } from '../../../api/types';
import { SplitBar } from '../../../components/chart';
import { Poster } from '../../../components/media';
import { EmptyState, ErrorState, Skeleton } from '../../../components/states';
import { formatInteger, formatMoney } from '../../../lib/format';

const ROWS: { key: 'views' | 'likes' | 'comments' | 'shares' | 'follows'; label: string }[] = [
  { key: 'likes', label: 'Likes' },
  { key: 'follows', label: 'Follows' },
  { key: 'shares', label: 'Shares' },
  { key: 'comments', label: 'Comments' },
];

function SplitCard({
  split,
  currency,
  caption,
  poster,
}: {
  split: PostSplit;
  currency: string;
  caption?: string;
  poster?: string;
}) {
  return (
    <article className="card split-card" aria-label={`@${split.creator.handle}: ${caption ?? split.post_id}`}>
      <div className="split-card-head">
        {poster && <Poster src={poster} />}
        <div style={{ minWidth: 0 }}>
          <strong className="clamp-2">{caption ?? split.post_id}</strong>
          <div className="hint">
            @{split.creator.handle} · {formatInteger(split.ads)} {split.ads === 1 ? 'ad' : 'ads'} ·{' '}
            {formatInteger(split.paid.impressions)} impressions · {formatMoney(split.paid.spend, currency)}
          </div>
        </div>
      </div>
      <dl className="split-rows">
        {ROWS.map((r) => {
          const paid = split.paid[r.key];
          const total = split.total[r.key];
          const organic = Math.max(0, total - paid);
          return (
            <div key={r.key} data-split={r.key}>
              <dt>{r.label}</dt>
              <dd>
                <SplitBar
                  label={`${r.label}: ${formatInteger(organic)} organic, ${formatInteger(paid)} from your ads`}
                  parts={[
                    { label: 'Organic', value: organic, tone: 'organic' },
                    { label: 'Paid', value: paid, tone: 'paid' },
                  ]}
                />
                <span className="num split-numbers">
                  <strong>{formatInteger(paid)}</strong> paid of {formatInteger(total)}
                  {split.paid_share[r.key] !== null && (
                    <span className="hint"> · {split.paid_share[r.key]}%</span>
                  )}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </article>
  );
}

/** Each promoted post: what the ads brought next to its organic engagement, on the one public count. */
export function PostSplits({ accountId, currency }: { accountId: string; currency: string }) {
  const splits = usePostSplits(accountId);
  const library = useLibrary(accountId);
  return (
    <section className="report-section" aria-labelledby="splits-title">
      <div className="section-heading">
        <h2 id="splits-title">Promoted posts: paid and organic</h2>
        <p className="muted">
          Engagement from your ads lands on the creator’s original post. Lifetime, your ads only.
        </p>
        <div className="legend" aria-hidden>
          <span className="legend-dot organic" /> Organic <span className="legend-dot paid" /> From your ads
        </div>
      </div>
      {splits.error ? (
        <ErrorState error={splits.error} onRetry={() => splits.refetch()} />
      ) : splits.isLoading ? (
        <div className="split-grid">
          <Skeleton height={180} radius={14} />
          <Skeleton height={180} radius={14} />
        </div>
      ) : (splits.data ?? []).length === 0 ? (
        <div className="card">
          <EmptyState icon={<Sparkles size={22} />} title="No promoted posts yet">
            Posts your ads promote appear here with their paid and organic engagement.
          </EmptyState>
        </div>
      ) : (
        <div className="split-grid">
          {(splits.data ?? []).map((s) => {
            const spark = library.items.find((x) => x.post.id === s.post_id);
            return (
              <SplitCard
                key={s.post_id}
                split={s}
                currency={currency}
                {...(spark && { caption: spark.post.caption, poster: spark.post.media_url })}
              />
            );
          })}
        </div>
      )}
    </section>
  );
}
