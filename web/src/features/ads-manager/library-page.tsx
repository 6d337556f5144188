import { Megaphone, Plus, Sparkles, UserRound } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useLibrary } from '../../api/advertiser';
import type { SparkPost } from '../../api/types';
import { ExpiryBadge, PerformanceBadge, TrendingBadge } from '../../components/badge';
import { Segmented } from '../../components/controls';
import { Avatar } from '../../components/media';
import { PageHeader } from '../../components/page';
import { CardsSkeleton, EmptyState, ErrorState } from '../../components/states';
import { formatCount, formatDate, pluralize } from '../../lib/format';
import { useAdAccount } from '../../session/session';
import { RedeemPanel } from './redeem-panel';

type Filter = 'all' | 'active' | 'ending' | 'ended';

const isUsable = (s: SparkPost) => s.authorization.status === 'BOUND';
const isEnding = (s: SparkPost) =>
  isUsable(s) && (s.authorization.expiring_soon || s.authorization.days_left <= 7);

function SparkCard({ spark, timeZone, canWrite }: { spark: SparkPost; timeZone: string; canWrite: boolean }) {
  const usable = isUsable(spark) && spark.post.visibility === 'PUBLIC';
  return (
    <article className="card post-card" aria-label={`@${spark.creator.handle}: ${spark.post.caption}`}>
      <div className="post-cover">
        <img src={spark.post.media_url} alt="" loading="lazy" />
        <div className="post-cover-badges">
          <ExpiryBadge authorization={spark.authorization} timeZone={timeZone} />
          <TrendingBadge trending={spark.trending} />
        </div>
      </div>
      <div className="post-body">
        <div className="creator-line">
          <Avatar creator={spark.creator} />
          <div style={{ minWidth: 0 }}>
            <strong className="truncate">@{spark.creator.handle}</strong>
            <div className="hint">
              <UserRound size={11} aria-hidden style={{ display: 'inline', verticalAlign: -1 }} />{' '}
              {formatCount(spark.creator.follower_count)} followers
            </div>
          </div>
        </div>
        <p className="clamp-2 post-caption">{spark.post.caption}</p>
        <div className="row" style={{ gap: 6 }}>
          <PerformanceBadge performance={spark.post.performance} />
          <span className="hint">{formatCount(spark.post.organic.views)} organic views</span>
        </div>
        <div className="post-footer">
          <span className="hint">
            {spark.ad_count > 0 ? `In ${pluralize(spark.ad_count, 'live ad')}` : 'Not in an ad yet'}
            <br />
            {spark.authorization.status === 'BOUND'
              ? `Until ${formatDate(spark.authorization.auth_end_time, timeZone)}`
              : `Ended ${formatDate(spark.authorization.auth_end_time, timeZone)}`}
          </span>
          {canWrite && usable && (
            <Link className="btn small primary" to={`/ads/new?post_id=${encodeURIComponent(spark.post.id)}`}>
              <Plus size={14} aria-hidden /> Create ad
            </Link>
          )}
        </div>
      </div>
    </article>
  );
}

export function LibraryPage() {
  const { account, canWrite } = useAdAccount();
  const library = useLibrary(account.id);
  const [filter, setFilter] = useState<Filter>('all');
  const items = library.items.filter((s) =>
    filter === 'all'
      ? true
      : filter === 'active'
        ? isUsable(s)
        : filter === 'ending'
          ? isEnding(s)
          : !isUsable(s),
  );
  const count = (f: Filter) =>
    library.items.filter((s) => (f === 'active' ? isUsable(s) : f === 'ending' ? isEnding(s) : !isUsable(s)))
      .length;

  return (
    <>
      <PageHeader
        title="Spark library"
        description="Posts creators have authorized for your ad account. Each one can be promoted until its authorization ends; you are warned 7 days and 1 day before."
        actions={
          canWrite && (
            <Link className="btn" to="/ads/new">
              <Megaphone size={16} aria-hidden /> Create campaign
            </Link>
          )
        }
      />
      {canWrite && (
        <section className="card card-body" aria-label="Redeem codes" style={{ marginBottom: 20 }}>
          <RedeemPanel />
        </section>
      )}
      <div className="toolbar">
        <Segmented
          name="library-filter"
          label="Show"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `All (${library.items.length})` },
            { value: 'active', label: `Active (${count('active')})` },
            { value: 'ending', label: `Ending soon (${count('ending')})` },
            { value: 'ended', label: `Ended (${count('ended')})` },
          ]}
        />
      </div>
      {library.error ? (
        <ErrorState error={library.error} onRetry={() => library.refetch()} />
      ) : library.isLoading ? (
        <CardsSkeleton count={4} />
      ) : items.length === 0 ? (
        <div className="card">
          <EmptyState
            icon={<Sparkles size={22} />}
            title={library.items.length === 0 ? 'Your library is empty' : 'Nothing here'}
          >
            {library.items.length === 0
              ? canWrite
                ? 'Ask a creator for the code of a post they authorized, and paste it above.'
                : 'Posts appear here when an admin of the account redeems a creator’s code.'
              : 'No post matches this filter.'}
          </EmptyState>
        </div>
      ) : (
        <div className="post-grid">
          {items.map((s) => (
            <SparkCard key={s.id} spark={s} timeZone={account.time_zone} canWrite={canWrite} />
          ))}
        </div>
      )}
    </>
  );
}
