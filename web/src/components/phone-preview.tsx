import { Heart, MessageCircle, Music2, Plus, Share2 } from 'lucide-react';
import type { CallToAction, Creator, Post } from '../api/types';
import { formatCount } from '../lib/format';
import { ctaLabel } from '../lib/labels';

interface PhonePreviewProps {
  post: Pick<Post, 'caption' | 'media_url' | 'hashtags' | 'total' | 'sound_id'>;
  creator: Pick<Creator, 'handle' | 'display_name' | 'avatar_url'>;
  callToAction: CallToAction | null;
  size?: 'normal' | 'small';
}

/** The post as a viewer sees it in the For You feed: promoted, labelled Sponsored, with the button. */
export function PhonePreview({ post, creator, callToAction, size = 'normal' }: PhonePreviewProps) {
  const tags = post.hashtags
    .slice(0, 3)
    .map((t) => `#${t}`)
    .join(' ');
  return (
    <figure
      className={`phone${size === 'small' ? ' small' : ''}`}
      aria-label={`Preview of the Spark ad by @${creator.handle}`}
    >
      <div className="phone-screen">
        <img className="phone-media" src={post.media_url} alt="" />
        <div className="phone-island" aria-hidden />
        <div className="phone-top" aria-hidden>
          <span>Following</span>
          <strong>For You</strong>
        </div>
        <div className="phone-rail" aria-hidden>
          <div className="rail-avatar">
            {creator.avatar_url ? (
              <img src={creator.avatar_url} alt="" />
            ) : (
              <span>{creator.handle.charAt(0)}</span>
            )}
            <span className="follow">
              <Plus size={10} strokeWidth={3} />
            </span>
          </div>
          <div className="rail-item">
            <Heart size={22} fill="#fff" strokeWidth={0} />
            <span>{formatCount(post.total.likes)}</span>
          </div>
          <div className="rail-item">
            <MessageCircle size={22} fill="#fff" strokeWidth={0} />
            <span>{formatCount(post.total.comments)}</span>
          </div>
          <div className="rail-item">
            <Share2 size={20} />
            <span>{formatCount(post.total.shares)}</span>
          </div>
        </div>
        <figcaption className="phone-bottom">
          <strong className="phone-handle">@{creator.handle}</strong>
          <p className="phone-caption">
            {post.caption} <span className="tags">{tags}</span>
          </p>
          <span className="phone-sponsored">Sponsored</span>
          <span className="phone-sound" aria-hidden>
            <Music2 size={11} /> original sound · {creator.display_name}
          </span>
          {callToAction && (
            <span className="phone-cta">
              {ctaLabel(callToAction)}
              <span aria-hidden>›</span>
            </span>
          )}
        </figcaption>
      </div>
    </figure>
  );
}
