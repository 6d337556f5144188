import { Eye, Heart, KeyRound, MessageCircle, Repeat2 } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useCreatorAuthorizations, useCreatorPosts } from '../../api/creator';
import type { Authorization, Post } from '../../api/types';
import { Badge, PerformanceBadge } from '../../components/badge';
import { Button } from '../../components/button';
import { Avatar } from '../../components/media';
import { PageHeader } from '../../components/page';
import { CardsSkeleton, EmptyState, ErrorState } from '../../components/states';
import { formatCount, formatInteger, formatRelative, pluralize } from '../../lib/format';
import { useCreatorProfile } from '../../session/session';
import { AuthorizeDialog } from './authorize-dialog';

function activeFor(post: Post, authorizations: Authorization[]): Authorization[] {
  return authorizations.filter(
    (a) => a.post_id === post.id && (a.status === 'AUTHORIZED' || a.status === 'BOUND'),
  );
}

function PostCard({
  post,
  active,
  onAuthorize,
}: {
  post: Post;
  active: Authorization[];
  onAuthorize: () => void;
}) {
  const isPublic = post.visibility === 'PUBLIC';
  const bound = active.filter((a) => a.status === 'BOUND');
  return (
    <article className="card post-card" aria-label={post.caption}>
      <div className="post-cover">
        <img src={post.media_url} alt="" loading="lazy" />
        <div className="post-cover-badges">
          <PerformanceBadge performance={post.performance} />
          {!isPublic && <Badge tone="gray">{post.visibility.toLowerCase()}</Badge>}
        </div>
        <span className="post-duration">{Math.round(post.duration_seconds)}s</span>
      </div>
      <div className="post-body">
        <div>
          <p className="clamp-2 post-caption">{post.caption}</p>
          <span className="hint">Posted {formatRelative(post.published_at)}</span>
        </div>
        <div className="metrics">
          <span title="Views">
            <Eye size={13} aria-hidden /> <strong>{formatCount(post.organic.views)}</strong>
            <span className="visually-hidden">views</span>
          </span>
          <span title="Likes">
            <Heart size={13} aria-hidden /> <strong>{formatCount(post.organic.likes)}</strong>
            <span className="visually-hidden">likes</span>
          </span>
          <span title="Comments">
            <MessageCircle size={13} aria-hidden /> <strong>{formatCount(post.organic.comments)}</strong>
            <span className="visually-hidden">comments</span>
          </span>
          <span title="Shares">
            <Repeat2 size={13} aria-hidden /> <strong>{formatCount(post.organic.shares)}</strong>
            <span className="visually-hidden">shares</span>
          </span>
        </div>
        <div className="post-footer">
          {active.length > 0 ? (
            <Badge tone={bound.length > 0 ? 'green' : 'blue'} dot>
              {bound.length > 0
                ? `Promoted by ${[...new Set(bound.map((a) => a.ad_account?.name))].join(', ')}`
                : `${pluralize(active.length, 'code')} waiting`}
            </Badge>
          ) : (
            <span className="hint">{isPublic ? 'Not authorized' : 'Private post'}</span>
          )}
          <Button
            size="small"
            variant={isPublic ? 'primary' : 'secondary'}
            icon={<KeyRound size={14} aria-hidden />}
            disabled={!isPublic}
            title={isPublic ? undefined : 'Only public posts can be promoted'}
            onClick={onAuthorize}
            aria-label={`Authorize “${post.caption}” for Spark ads`}
          >
            Authorize
          </Button>
        </div>
      </div>
    </article>
  );
}

export function PostsPage() {
  const creator = useCreatorProfile();
  const posts = useCreatorPosts();
  const authorizations = useCreatorAuthorizations();
  const [selected, setSelected] = useState<Post | null>(null);
  const sorted = useMemo(
    () => [...posts.items].sort((a, b) => b.published_at.localeCompare(a.published_at)),
    [posts.items],
  );
  const activeCount = authorizations.items.filter(
    (a) => a.status === 'AUTHORIZED' || a.status === 'BOUND',
  ).length;
  const paidViews = posts.items.reduce((sum, p) => sum + p.paid.views, 0);

  return (
    <>
      <PageHeader
        title="My posts"
        description="Posts that already do well with your audience make the best Spark ads. Authorize one to get a code for a brand."
      />
      <section className="card creator-strip" aria-label="Your account">
        <Avatar creator={creator} size="large" />
        <div className="creator-strip-name">
          <strong>{creator.display_name}</strong>
          <span className="muted">@{creator.handle}</span>
        </div>
        <div className="creator-stats">
          <div className="stat">
            <span className="label">Followers</span>
            <span className="value">{formatCount(creator.follower_count)}</span>
          </div>
          <div className="stat">
            <span className="label">Follows from ads</span>
            <span className="value">{formatInteger(creator.follows_from_ads)}</span>
          </div>
          <div className="stat">
            <span className="label">Views from ads</span>
            <span className="value">{formatCount(paidViews)}</span>
          </div>
          <div className="stat">
            <span className="label">Active authorizations</span>
            <span className="value">{authorizations.isLoading ? '—' : activeCount}</span>
          </div>
        </div>
      </section>
      {posts.error ? (
        <ErrorState error={posts.error} onRetry={() => posts.refetch()} />
      ) : posts.isLoading ? (
        <CardsSkeleton />
      ) : sorted.length === 0 ? (
        <div className="card">
          <EmptyState title="No posts yet">
            Your platform syncs your public posts here as you publish them.
          </EmptyState>
        </div>
      ) : (
        <div className="post-grid">
          {sorted.map((post) => (
            <PostCard
              key={post.id}
              post={post}
              active={activeFor(post, authorizations.items)}
              onAuthorize={() => setSelected(post)}
            />
          ))}
        </div>
      )}
      <AuthorizeDialog post={selected} onClose={() => setSelected(null)} />
    </>
  );
}
