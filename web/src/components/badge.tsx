import { Flame } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Delivery, Performance, SparkPost } from '../api/types';
import { formatDate, localizeTimes } from '../lib/format';
import { DELIVERY, performanceMeta, type Tone } from '../lib/labels';

export function Badge({
  tone = 'gray',
  dot = false,
  children,
  title,
}: {
  tone?: Tone;
  dot?: boolean;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`badge ${tone}`} title={title}>
      {dot && <span className="dot" aria-hidden />}
      {children}
    </span>
  );
}

/** Delivery status and the sentence that explains it, with UTC instants shown in the account zone. */
export function DeliveryBadge({
  item,
  timeZone,
  compact = false,
}: {
  item: Delivery;
  timeZone: string;
  compact?: boolean;
}) {
  const meta = DELIVERY[item.delivery_status] ?? { label: item.delivery_status, tone: 'gray' as const };
  // Reasons that quote a person (a reviewer's) may end in two full stops.
  const reason = localizeTimes(item.delivery_status_reason, timeZone).replace(/([.!?])\.$/, '$1');
  return (
    <div className="delivery" data-status={item.delivery_status}>
      <Badge tone={meta.tone} dot title={compact ? reason : undefined}>
        {meta.label}
      </Badge>
      {!compact && item.delivery_status !== 'DELIVERING' && <span className="reason">{reason}</span>}
    </div>
  );
}

export function PerformanceBadge({ performance }: { performance: Performance | undefined }) {
  const meta = performanceMeta(performance);
  const index = performance && performance.label !== 'NOT_ENOUGH_DATA' ? performance.index : null;
  return (
    <Badge
      tone={meta.tone}
      title={
        index === null
          ? 'Not enough posts yet to compare with the creator’s usual'
          : `Scores ${index} against the creator’s median post (100)`
      }
    >
      {meta.label}
      {index !== null && <span className="num"> · {index}</span>}
    </Badge>
  );
}

/** How long a brand may still use a post: the library's expiry badge. */
export function ExpiryBadge({
  authorization,
  timeZone,
}: {
  authorization: SparkPost['authorization'];
  timeZone: string;
}) {
  switch (authorization.status) {
    case 'REVOKED':
      return (
        <Badge tone="red" dot>
          Revoked by creator
        </Badge>
      );
    case 'EXPIRED':
      return (
        <Badge tone="red" dot>
          Expired {formatDate(authorization.auth_end_time, timeZone)}
        </Badge>
      );
    default:
      if (authorization.expiring_soon || authorization.days_left <= 7)
        return (
          <Badge tone="amber" dot>
            {authorization.days_left <= 1 ? 'Ends within a day' : `Ends in ${authorization.days_left} days`}
          </Badge>
        );
      return (
        <Badge
          tone="green"
          dot
          title={`Authorized until ${formatDate(authorization.auth_end_time, timeZone)}`}
        >
          {authorization.days_left} days left
        </Badge>
      );
  }
}

/** The post uses a sound or hashtag trending on the platform right now (trends help reach). */
export function TrendingBadge({ trending }: { trending: SparkPost['trending'] }) {
  if (!trending?.is_trending) return null;
  const what = [...trending.hashtags.map((h) => `#${h}`), ...(trending.sound_id ? ['its sound'] : [])].join(
    ', ',
  );
  return (
    <Badge tone="accent" title={what ? `Trending: ${what}` : 'Uses a trend'}>
      <Flame size={11} aria-hidden /> Trending
    </Badge>
  );
}
