import { BellOff, CalendarClock, CircleCheck, CircleX, Clock3, KeyRound, RefreshCw } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { usePagedList } from '../../api/hooks';
import { useMarkRead, useNotifications } from '../../api/notifications';
import type { AppNotification, NotificationType, Post, SparkPost } from '../../api/types';
import { Button } from '../../components/button';
import { PageHeader } from '../../components/page';
import { EmptyState, ErrorState, Skeleton } from '../../components/states';
import { notificationScopeOf } from '../../layout/app-shell';
import { formatDateTime, formatRelative, localizeTimes, localTimeZone } from '../../lib/format';
import type { Tone } from '../../lib/labels';
import { useSession } from '../../session/session';

const TYPE_META: Record<NotificationType, { icon: ReactNode; tone: Tone }> = {
  AUTHORIZATION_REDEEMED: { icon: <KeyRound size={17} />, tone: 'green' },
  AUTHORIZATION_EXPIRING_7D: { icon: <CalendarClock size={17} />, tone: 'amber' },
  AUTHORIZATION_EXPIRING_1D: { icon: <Clock3 size={17} />, tone: 'amber' },
  AUTHORIZATION_EXPIRED: { icon: <CircleX size={17} />, tone: 'red' },
  AUTHORIZATION_REVOKED: { icon: <CircleX size={17} />, tone: 'red' },
  AUTHORIZATION_EXTENDED: { icon: <RefreshCw size={17} />, tone: 'green' },
  AD_REJECTED: { icon: <CircleX size={17} />, tone: 'red' },
};

/** Where to act on a notification. */
function linkFor(n: AppNotification, isCreator: boolean): { to: string; label: string } | null {
  if (isCreator) return { to: '/studio/authorizations', label: 'View authorizations' };
  if (n.type === 'AD_REJECTED' || n.type === 'AUTHORIZATION_REVOKED' || n.type === 'AUTHORIZATION_EXPIRED')
    return { to: '/ads/ads', label: 'See affected ads' };
  return { to: '/ads/library', label: 'Open the library' };
}

export function NotificationsPage() {
  const { profile } = useSession();
  const scope = notificationScopeOf(profile) ?? { kind: 'creator' as const };
  const list = useNotifications(scope);
  const markRead = useMarkRead(scope);
  const timeZone = profile.kind === 'advertiser' ? profile.account.time_zone : localTimeZone;
  const unread = list.items.filter((n) => !n.read_at);
  const isCreator = profile.kind === 'creator';
  const accountId = profile.kind === 'advertiser' ? profile.account.id : '';
  // The posts the notifications are about, to show their covers (shared with the pages' caches).
  const creatorPosts = usePagedList<Post>(
    ['creator', 'posts'],
    '/v1/creator/posts',
    {},
    { enabled: isCreator },
  );
  const library = usePagedList<SparkPost>(
    ['account', accountId, 'spark-posts'],
    `/v1/ad-accounts/${accountId}/spark-posts`,
    {},
    { enabled: !isCreator && accountId !== '' },
  );
  const mediaOf = (postId: unknown): string | undefined =>
    typeof postId !== 'string'
      ? undefined
      : isCreator
        ? creatorPosts.items.find((p) => p.id === postId)?.media_url
        : library.items.find((s) => s.post.id === postId)?.post.media_url;

  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          isCreator
            ? 'When a brand redeems your code, before an authorization ends (7 days and 1 day ahead), and when it ends.'
            : 'Codes redeemed, authorizations ending in 7 days or 1 day, expired or revoked, and rejected ads.'
        }
        actions={
          <Button
            icon={<CircleCheck size={16} aria-hidden />}
            disabled={unread.length === 0}
            loading={markRead.isPending}
            onClick={() => markRead.mutate(unread.map((n) => n.id))}
          >
            Mark all as read
          </Button>
        }
      />
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.isLoading ? (
        <div className="card notification-list">
          {[0, 1, 2].map((i) => (
            <div className="notification" key={i}>
              <Skeleton width={36} height={36} radius={10} />
              <div className="stack" style={{ flex: 1, gap: 8 }}>
                <Skeleton width="45%" />
                <Skeleton width="75%" />
              </div>
            </div>
          ))}
        </div>
      ) : list.items.length === 0 ? (
        <div className="card">
          <EmptyState icon={<BellOff size={22} />} title="You’re all caught up">
            {isCreator
              ? 'You’ll hear here when a brand redeems one of your codes.'
              : 'You’ll hear here when a creator’s authorization is about to end or is revoked.'}
          </EmptyState>
        </div>
      ) : (
        <ul className="card notification-list" aria-label="Notifications">
          {list.items.map((n) => {
            const meta = TYPE_META[n.type] ?? { icon: <KeyRound size={17} />, tone: 'gray' as const };
            const link = linkFor(n, isCreator);
            return (
              <li key={n.id} className={`notification${n.read_at ? '' : ' unread'}`}>
                <span className={`icon-tile tone-${meta.tone}`} aria-hidden>
                  {meta.icon}
                </span>
                <div className="notification-text">
                  <div className="row" style={{ gap: 8 }}>
                    <strong>{n.title}</strong>
                    {!n.read_at && <span className="visually-hidden">(unread)</span>}
                  </div>
                  <p>{localizeTimes(n.body, timeZone)}</p>
                  <div className="row notification-meta">
                    <time dateTime={n.created_at} title={formatDateTime(n.created_at, timeZone, true)}>
                      {formatRelative(n.created_at)}
                    </time>
                    {link && (
                      <Link to={link.to} onClick={() => !n.read_at && markRead.mutate([n.id])}>
                        {link.label}
                      </Link>
                    )}
                    {!n.read_at && (
                      <button type="button" className="link-button" onClick={() => markRead.mutate([n.id])}>
                        Mark as read
                      </button>
                    )}
                  </div>
                </div>
                {mediaOf(n.data.post_id) && (
                  <img className="poster notification-poster" src={mediaOf(n.data.post_id)} alt="" />
                )}
                {!n.read_at && <span className="unread-dot" aria-hidden />}
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="row" style={{ justifyContent: 'center', marginTop: 12 }}>
          <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load older
          </Button>
        </div>
      )}
    </>
  );
}
