import { Ban, CalendarPlus, KeyRound } from 'lucide-react';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { messageOf } from '../../api/client';
import { useCreatorAuthorizations, useCreatorPosts, useRevokeAuthorization } from '../../api/creator';
import type { Authorization, Post } from '../../api/types';
import { Badge } from '../../components/badge';
import { Button } from '../../components/button';
import { Segmented } from '../../components/controls';
import { type Column, DataTable } from '../../components/data-table';
import { ConfirmDialog } from '../../components/dialog';
import { Poster } from '../../components/media';
import { PageHeader } from '../../components/page';
import { EmptyState } from '../../components/states';
import { useToast } from '../../components/toast';
import { formatDate, pluralize } from '../../lib/format';
import { AUTHORIZATION_STATUS } from '../../lib/labels';
import { durationLabel } from './authorize-dialog';
import { ExtendDialog } from './extend-dialog';

type Filter = 'active' | 'ended' | 'all';
const isActive = (a: Authorization) => a.status === 'AUTHORIZED' || a.status === 'BOUND';

export function AuthorizationsPage() {
  const authorizations = useCreatorAuthorizations();
  const posts = useCreatorPosts();
  const revoke = useRevokeAuthorization();
  const toast = useToast();
  const [filter, setFilter] = useState<Filter>('active');
  const [extending, setExtending] = useState<Authorization | null>(null);
  const [revoking, setRevoking] = useState<Authorization | null>(null);

  const postsById = useMemo(() => new Map(posts.items.map((p) => [p.id, p])), [posts.items]);
  const rows = authorizations.items.filter((a) =>
    filter === 'all' ? true : filter === 'active' ? isActive(a) : !isActive(a),
  );
  const counts = {
    active: authorizations.items.filter(isActive).length,
    ended: authorizations.items.filter((a) => !isActive(a)).length,
  };

  const columns: Column<Authorization>[] = [
    {
      key: 'post',
      header: 'Post',
      primary: true,
      render: (a) => {
        const post: Post | undefined = postsById.get(a.post_id);
        return (
          <div className="name-cell">
            {post && <Poster src={post.media_url} />}
            <div style={{ minWidth: 0 }}>
              <strong className="clamp-2">{post?.caption ?? a.post_id}</strong>
              <div className="sub">
                Code ending <span className="mono">…{a.code_hint}</span>
                {a.note ? ` · ${a.note}` : ''}
              </div>
            </div>
          </div>
        );
      },
    },
    {
      key: 'brand',
      header: 'Brand · ads',
      render: (a) => {
        if (!a.ad_account)
          return <span className="subtle">{a.status === 'AUTHORIZED' ? 'Not redeemed yet' : '—'}</span>;
        const { ad_count, brands } = a.ad_usage;
        // A code binds to one brand; its ads are the ones that use the authorization.
        const names = brands.length ? brands.map((b) => b.name).join(', ') : a.ad_account.name;
        return (
          <div data-testid="authorization-usage">
            <strong>{names}</strong>
            <div className="sub hint">
              {ad_count === 0
                ? 'No ads yet'
                : `${pluralize(ad_count, 'ad')} ${isActive(a) ? 'use it' : 'used it, stopped'}`}
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
      key: 'ends',
      header: 'Ends',
      render: (a) => (
        <div className="nowrap">
          <div>{formatDate(a.revoked_at ?? a.auth_end_time)}</div>
          <div className="sub hint">
            {a.status === 'REVOKED'
              ? 'Revoked'
              : isActive(a)
                ? `${a.days_left} ${a.days_left === 1 ? 'day' : 'days'} left`
                : `After ${durationLabel(a.duration_days)}`}
          </div>
        </div>
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      hideHeader: true,
      align: 'end',
      render: (a) => (
        <div className="row" style={{ justifyContent: 'flex-end', flexWrap: 'nowrap' }}>
          {a.status !== 'REVOKED' && (
            <Button
              size="small"
              icon={<CalendarPlus size={14} aria-hidden />}
              onClick={() => setExtending(a)}
            >
              Extend
            </Button>
          )}
          {isActive(a) && (
            <Button
              size="small"
              variant="ghost"
              icon={<Ban size={14} aria-hidden />}
              onClick={() => setRevoking(a)}
            >
              Revoke
            </Button>
          )}
        </div>
      ),
    },
  ];

  const revokingPost = revoking ? postsById.get(revoking.post_id) : undefined;
  return (
    <>
      <PageHeader
        title="Authorizations"
        description="Every code you have issued, who redeemed it, how many of their ads use it and until when. Extend one to keep ads running; revoke one to stop them at once."
        actions={
          <Link className="btn primary" to="/studio/posts">
            <KeyRound size={16} aria-hidden /> Authorize a post
          </Link>
        }
      />
      <div className="toolbar">
        <Segmented
          name="filter"
          label="Show"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'active', label: `Active (${counts.active})` },
            { value: 'ended', label: `Ended (${counts.ended})` },
            { value: 'all', label: 'All' },
          ]}
        />
      </div>
      <DataTable
        caption="Authorizations"
        columns={columns}
        rows={rows}
        rowKey={(a) => a.id}
        isLoading={authorizations.isLoading}
        error={authorizations.error}
        onRetry={() => authorizations.refetch()}
        hasMore={authorizations.hasNextPage}
        onMore={() => authorizations.fetchNextPage()}
        loadingMore={authorizations.isFetchingNextPage}
        empty={
          <EmptyState
            icon={<KeyRound size={22} />}
            title={filter === 'ended' ? 'Nothing has ended' : 'No authorizations yet'}
            actions={
              filter !== 'ended' && (
                <Link className="btn primary" to="/studio/posts">
                  Choose a post
                </Link>
              )
            }
          >
            {filter === 'ended'
              ? 'Expired and revoked authorizations show up here.'
              : 'Authorize one of your posts to get a code you can send to a brand.'}
          </EmptyState>
        }
      />
      <ExtendDialog authorization={extending} onClose={() => setExtending(null)} />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        busy={revoke.isPending}
        title="Revoke this authorization?"
        confirmLabel="Revoke"
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              toast(
                revoking.ad_account ? `Revoked: ${revoking.ad_account.name}’s ads stop now` : 'Code revoked',
              );
              setRevoking(null);
            },
            onError: (e) => toast(messageOf(e), 'error'),
          })
        }
      >
        <p>
          {revokingPost ? <>“{revokingPost.caption}”. </> : null}
          {revoking?.ad_account
            ? `${revoking.ad_account.name}’s ${
                revoking.ad_usage.ad_count > 0 ? pluralize(revoking.ad_usage.ad_count, 'ad') : 'ads'
              } using this post will stop within a second, and they are told why.`
            : 'The code stops working, so no brand can redeem it.'}
        </p>
        <div className="callout amber">
          <span>This cannot be undone. To work with the brand again, send them a new code.</span>
        </div>
      </ConfirmDialog>
    </>
  );
}
