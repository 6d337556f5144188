import { Check, ExternalLink, Heart, MessageCircle, Music2, Plus, Share2, X } from 'lucide-react';
import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { usePlatformPost } from '../../../api/platform';
import type { AdEventType, Counters, Creator, Post, PostEventType } from '../../../api/types';
import { formatInteger, hostOf } from '../../../lib/format';
import { ctaLabel } from '../../../lib/labels';
import type { FeedEntry, HostCounts, useFeedEvents } from './session';

type Events = ReturnType<typeof useFeedEvents>;
type CreatorLike = Pick<Creator, 'id' | 'handle' | 'display_name' | 'avatar_url'>;

/** Share of the post's duration at which each quartile event is reported. */
const QUARTILES: [AdEventType, number][] = [
  ['view_p25', 0.25],
  ['view_p50', 0.5],
  ['view_p75', 0.75],
  ['view_p100', 1],
];

/**
 * Reports `onChange(true)` while at least half of the element is inside the feed's viewport (an
 * impression, as the IAB counts one), and `onCurrent` while it fills most of it.
 */
function useVisibility(
  ref: RefObject<HTMLElement | null>,
  root: RefObject<HTMLElement | null>,
  onChange: (visible: boolean, ratio: number) => void,
) {
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      ([entry]) => {
        if (entry)
          callback.current(entry.isIntersecting && entry.intersectionRatio >= 0.49, entry.intersectionRatio);
      },
      { root: root.current, threshold: [0, 0.25, 0.5, 0.6, 0.75, 1] },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, root]);
}

/**
 * Watch time of a visible ad: impression and play when it first shows, then 2 s, 6 s and the
 * quartiles of the post's duration, counted only while it stays on screen.
 */
function useAdViewEvents(visible: boolean, durationSeconds: number, send: (type: AdEventType) => void) {
  const watched = useRef(0);
  const sendRef = useRef(send);
  sendRef.current = send;
  useEffect(() => {
    if (!visible) return;
    sendRef.current('impression');
    sendRef.current('video_play');
    let last = performance.now();
    const timer = window.setInterval(() => {
      const now = performance.now();
      watched.current += (now - last) / 1000;
      last = now;
      const seconds = watched.current;
      if (seconds >= 2) sendRef.current('view_2s');
      if (seconds >= 6) sendRef.current('view_6s');
      for (const [type, share] of QUARTILES) if (seconds >= durationSeconds * share) sendRef.current(type);
    }, 250);
    return () => window.clearInterval(timer);
  }, [visible, durationSeconds]);
}

function RailButton({
  label,
  pressed,
  onClick,
  children,
  count,
  paid,
}: {
  label: string;
  pressed?: boolean;
  onClick: () => void;
  children: ReactNode;
  count: number;
  paid?: number;
}) {
  return (
    <button
      type="button"
      className="feed-rail-btn"
      aria-pressed={pressed}
      aria-label={label}
      onClick={onClick}
    >
      {children}
      <span className="num">{formatInteger(count)}</span>
      {paid !== undefined && paid > 0 && (
        <span className="feed-paid" aria-hidden>
          {formatInteger(paid)} paid
        </span>
      )}
    </button>
  );
}

const EVENT_OF = { likes: 'like', comments: 'comment', shares: 'share' } as const satisfies Partial<
  Record<keyof Counters, PostEventType>
>;

/** The post's public count, plus what the host counted itself since (organic engagement it syncs later). */
function total(post: Post | undefined, host: HostCounts, counter: keyof typeof EVENT_OF): number {
  if (!post) return 0;
  return post.total[counter] + (host[post.id]?.[EVENT_OF[counter]] ?? 0);
}

/** One screen of the feed: an organic post, or a Spark ad labelled Sponsored with its button. */
export function FeedItem({
  entry,
  creator,
  root,
  events,
  followed,
  onFollow,
  onCurrent,
}: {
  entry: FeedEntry;
  creator: CreatorLike;
  root: RefObject<HTMLElement | null>;
  events: Events;
  followed: boolean;
  onFollow: (creatorId: string) => void;
  onCurrent: (key: string, postId: string) => void;
}) {
  const ref = useRef<HTMLElement>(null);
  const headingId = useId();
  const captionId = useId();
  const isAd = entry.kind === 'ad';
  const postId = isAd ? entry.ad.post.id : entry.post.id;
  const counts = usePlatformPost(postId, isAd ? undefined : entry.post);
  const [visible, setVisible] = useState(false);
  const [pressed, setPressed] = useState<Partial<Record<PostEventType, boolean>>>({});
  const [landing, setLanding] = useState(false);

  useVisibility(ref, root, (isVisible, ratio) => {
    setVisible(isVisible);
    if (ratio >= 0.6) onCurrent(entry.key, postId);
  });
  useAdViewEvents(isAd && visible, isAd ? entry.ad.post.duration_seconds : 0, (type) => {
    if (entry.kind === 'ad') void events.adEvent(entry.ad, type);
  });

  const media = isAd ? entry.ad.post : entry.post;
  const post = counts.data;
  const host = events.hostCounts;

  function engage(type: PostEventType) {
    if (pressed[type]) return;
    setPressed((p) => ({ ...p, [type]: true }));
    if (entry.kind === 'ad') void events.adEvent(entry.ad, type as AdEventType);
    else void events.postEvent(entry.post, creator.handle, type, entry.key);
  }

  function follow() {
    if (followed) return;
    onFollow(creator.id);
    engage('follow');
  }

  const likes = total(post, host, 'likes');
  const tags = media.hashtags
    .slice(0, 3)
    .map((t) => `#${t}`)
    .join(' ');
  return (
    <article
      ref={ref}
      className={`feed-item${isAd ? ' sponsored' : ''}`}
      data-kind={entry.kind}
      data-post-id={postId}
      aria-labelledby={headingId}
      aria-describedby={captionId}
      aria-posinset={entry.position + 1}
      aria-setsize={-1}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: feed articles are focusable (ARIA feed pattern)
      tabIndex={0}
    >
      <img className="feed-media" src={media.media_url} alt="" loading="lazy" />
      <div className="feed-rail">
        <div className="feed-avatar">
          <button
            type="button"
            className="feed-avatar-btn"
            aria-label={`Visit @${creator.handle}’s profile`}
            onClick={() => engage('profile_visit')}
          >
            {creator.avatar_url ? (
              <img src={creator.avatar_url} alt="" />
            ) : (
              <span>{creator.handle.charAt(0)}</span>
            )}
          </button>
          <button
            type="button"
            className="feed-follow"
            aria-pressed={followed}
            aria-label={followed ? `Following @${creator.handle}` : `Follow @${creator.handle}`}
            onClick={follow}
          >
            {followed ? <Check size={11} strokeWidth={3} /> : <Plus size={11} strokeWidth={3} />}
          </button>
        </div>
        <RailButton
          label={`${pressed.like ? 'Liked' : 'Like'}, ${formatInteger(likes)} likes${post?.paid.likes ? `, ${formatInteger(post.paid.likes)} from ads` : ''}`}
          pressed={Boolean(pressed.like)}
          onClick={() => engage('like')}
          count={likes}
          paid={post?.paid.likes}
        >
          <Heart size={26} fill={pressed.like ? '#fe2c55' : '#fff'} strokeWidth={0} aria-hidden />
        </RailButton>
        <RailButton
          label={`Comment, ${formatInteger(total(post, host, 'comments'))} comments`}
          pressed={Boolean(pressed.comment)}
          onClick={() => engage('comment')}
          count={total(post, host, 'comments')}
        >
          <MessageCircle size={25} fill="#fff" strokeWidth={0} aria-hidden />
        </RailButton>
        <RailButton
          label={`Share, ${formatInteger(total(post, host, 'shares'))} shares`}
          pressed={Boolean(pressed.share)}
          onClick={() => engage('share')}
          count={total(post, host, 'shares')}
        >
          <Share2 size={23} aria-hidden />
        </RailButton>
      </div>
      <div className="feed-bottom">
        <h3 id={headingId} className="feed-handle">
          <button type="button" className="link-plain" onClick={() => engage('profile_visit')}>
            @{creator.handle}
          </button>
        </h3>
        <p id={captionId} className="feed-caption">
          {media.caption} <span className="tags">{tags}</span>
        </p>
        {isAd && <span className="phone-sponsored">{entry.ad.sponsored_label}</span>}
        <span className="feed-sound" aria-hidden>
          <Music2 size={11} /> original sound · {creator.display_name}
        </span>
        {isAd && entry.ad.call_to_action && (
          <button
            type="button"
            className="feed-cta"
            onClick={() => {
              void events.adEvent(entry.ad, 'click');
              setLanding(true);
            }}
          >
            {ctaLabel(entry.ad.call_to_action)}
            <span aria-hidden>›</span>
          </button>
        )}
      </div>
      {isAd && landing && (
        <div className="feed-landing" role="dialog" aria-label="Landing page">
          <div className="feed-landing-bar">
            <strong>{hostOf(entry.ad.landing_page_url)}</strong>
            <button type="button" aria-label="Back to the feed" onClick={() => setLanding(false)}>
              <X size={18} />
            </button>
          </div>
          <div className="feed-landing-body">
            <p>The host opens the brand’s page with Kindling’s click id, so conversions can be credited:</p>
            <code>{entry.ad.landing_page_url}</code>
            <a
              href={entry.ad.landing_page_url}
              target="_blank"
              rel="noreferrer noopener"
              className="btn small"
            >
              <ExternalLink size={14} aria-hidden /> Open the page
            </a>
          </div>
        </div>
      )}
    </article>
  );
}
