import { ChevronDown, Play, RotateCcw, Smartphone } from 'lucide-react';
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useInterests } from '../../../api/hooks';
import {
  interleaveByCreator,
  useFeedPosts,
  usePlatformCreators,
  usePlatformPost,
} from '../../../api/platform';
import type { FieldError, Post, Viewer } from '../../../api/types';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { focusFirstInvalid } from '../../../components/field';
import { PageHeader } from '../../../components/page';
import { EmptyState, ErrorState, Spinner } from '../../../components/states';
import { OUTCOMES, reasonLabel, sortExplain } from '../../../lib/explain';
import { formatInteger, formatPercent } from '../../../lib/format';
import {
  checkViewer,
  defaultViewer,
  describeViewer,
  ViewerFields,
  type ViewerForm,
  viewerToApi,
} from '../viewer-fields';
import { FeedItem } from './feed-item';
import {
  type FeedEntry,
  type HostCounts,
  type LogEntry,
  type PageRecord,
  useFeedEvents,
  useFeedSession,
} from './session';

function CountsCard({ entry, hostCounts }: { entry: FeedEntry | undefined; hostCounts: HostCounts }) {
  const postId = entry ? (entry.kind === 'ad' ? entry.ad.post.id : entry.post.id) : null;
  const post = usePlatformPost(postId, entry?.kind === 'organic' ? entry.post : undefined);
  if (!entry) return null;
  const data = post.data;
  const host = (postId && hostCounts[postId]) || {};
  const rows: {
    label: string;
    key: 'views' | 'likes' | 'comments' | 'shares' | 'follows';
    hostKey: keyof typeof host;
  }[] = [
    { label: 'Likes', key: 'likes', hostKey: 'like' },
    { label: 'Comments', key: 'comments', hostKey: 'comment' },
    { label: 'Shares', key: 'shares', hostKey: 'share' },
    { label: 'Follows', key: 'follows', hostKey: 'follow' },
    { label: 'Views', key: 'views', hostKey: 'view' },
  ];
  return (
    <section className="card feed-panel" aria-labelledby="on-screen-title">
      <div className="feed-panel-head">
        <h2 id="on-screen-title">On screen</h2>
        {entry.kind === 'ad' ? (
          <Badge tone="accent">Sponsored · {entry.ad.advertiser.name}</Badge>
        ) : (
          <Badge>Organic</Badge>
        )}
        <span className="hint">position {entry.position + 1}</span>
      </div>
      <p className="muted clamp-2">
        <span className="mono">{postId}</span> · “
        {entry.kind === 'ad' ? entry.ad.post.caption : entry.post.caption}”
      </p>
      {post.error ? (
        <ErrorState error={post.error} onRetry={() => post.refetch()} title="Counts unavailable" />
      ) : !data ? (
        <Spinner label="Loading the post’s counts" />
      ) : (
        <table className="counts-table" aria-label="The post’s counts: organic, paid and total">
          <thead>
            <tr>
              <th scope="col">Count</th>
              <th scope="col" className="align-end">
                Organic
              </th>
              <th scope="col" className="align-end">
                Paid
              </th>
              <th scope="col" className="align-end">
                Total
              </th>
              <th scope="col">
                <span className="visually-hidden">Paid share</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const extra = host[r.hostKey] ?? 0;
              const totalCount = data.total[r.key] + extra;
              const paid = data.paid[r.key];
              const share = totalCount > 0 ? paid / totalCount : 0;
              return (
                <tr key={r.key} data-count={r.key}>
                  <th scope="row">{r.label}</th>
                  <td className="align-end num">
                    {formatInteger(data.organic[r.key] + extra)}
                    {extra > 0 && <span className="hint"> (+{extra} here)</span>}
                  </td>
                  <td className="align-end num paid-cell">{formatInteger(paid)}</td>
                  <td className="align-end num" data-testid={`total-${r.key}`}>
                    <strong>{formatInteger(totalCount)}</strong>
                  </td>
                  <td className="share-cell">
                    <span className="share-bar" title={`${formatPercent(share, 2)} paid`}>
                      <span style={{ width: `${Math.max(paid > 0 ? 4 : 0, share * 100)}%` }} />
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <p className="hint">
        Paid engagement lands on the original post: the total the viewer sees includes it. Organic taps on a
        post the viewer recently saw as an ad are credited to that ad.
      </p>
    </section>
  );
}

function PageLine({ page }: { page: PageRecord }) {
  const [open, setOpen] = useState(false);
  const ads = page.decision.ads;
  const groups = sortExplain(page.decision.explain?.ad_groups ?? []);
  const end = page.start + page.organicIds.length + ads.length;
  return (
    <li className="page-line" data-ads={ads.length}>
      <div className="page-line-head">
        <strong>Page {page.index + 1}</strong>
        <span className="hint">
          positions {page.start + 1}–{end}
        </span>
        {ads.length > 0 ? (
          <Badge tone="green" dot>
            {ads.map((a) => `${a.advertiser.name} at ${a.slot.session_position + 1}`).join(', ')}
          </Badge>
        ) : (
          <Badge tone="gray">No ad</Badge>
        )}
        {page.attempts > 1 && <span className="hint">asked {page.attempts}×</span>}
        <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {ads.length > 0 ? 'Details' : 'Why?'}
          <ChevronDown size={14} aria-hidden className={open ? 'flip' : undefined} />
        </button>
      </div>
      {open && (
        <div className="page-line-body">
          {groups.length === 0 ? (
            <p className="muted">
              No ad group’s targeting matched this viewer ({page.decision.explain?.matched_by_targeting ?? 0}{' '}
              matched). Try <Link to="/admin/explain">Delivery explain</Link> scoped to an ad account to see
              why.
            </p>
          ) : (
            <ul className="explain-list">
              {groups.map((g) => (
                <li key={`${g.ad_group_id}-${g.ad_id ?? ''}-${g.reason}`}>
                  <Badge tone={OUTCOMES[g.outcome].tone}>{OUTCOMES[g.outcome].label}</Badge>
                  <span>
                    <strong>{reasonLabel(g.reason)}</strong>
                    <span className="hint">
                      {' '}
                      · {g.ad_account_name} · {g.adgroup_name}
                      {g.ad_name ? ` · ${g.ad_name}` : ''}
                    </span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </li>
  );
}

const OUTCOME_TONE: Record<LogEntry['outcome'], 'green' | 'amber' | 'gray' | 'red'> = {
  ACCEPTED: 'green',
  FLAGGED: 'amber',
  DUPLICATE: 'gray',
  REJECTED: 'red',
  ERROR: 'red',
};

function EventLog({ log }: { log: LogEntry[] }) {
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <section className="card feed-panel" aria-labelledby="events-title">
      <div className="feed-panel-head">
        <h2 id="events-title">Events sent</h2>
        <span className="hint">{formatInteger(log.length)}</span>
      </div>
      {log.length === 0 ? (
        <p className="muted">
          Scroll the feed: impressions and views are sent as ads show, taps as you make them.
        </p>
      ) : (
        <ol className="event-log" aria-live="off">
          {log.map((e) => (
            <li key={e.id} data-type={e.type} data-outcome={e.outcome} data-surface={e.surface}>
              <span className="hint num">{time.format(e.at)}</span>
              <span className="mono event-type">{e.type}</span>
              <span className="truncate">
                {e.surface === 'ad' ? 'ad' : 'organic'} · {e.postId}
              </span>
              <Badge tone={OUTCOME_TONE[e.outcome]} title={e.detail}>
                {e.outcome.toLowerCase()}
                {e.detail ? ` · ${e.detail.toLowerCase().replaceAll('_', ' ')}` : ''}
              </Badge>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/**
 * The feed demo: Kindling as a host app uses it. Organic posts page by page, a decision per page for
 * a test viewer, Sponsored ads in their slots, and every impression, view and tap sent as events.
 */
export function FeedDemoPage() {
  const feedPosts = useFeedPosts();
  const creators = usePlatformCreators();
  const interests = useInterests();
  const [draft, setDraft] = useState<ViewerForm>(defaultViewer);
  const [applied, setApplied] = useState<{ form: ViewerForm; viewer: Viewer }>(() => ({
    form: draft,
    viewer: viewerToApi(draft),
  }));
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [current, setCurrent] = useState<string | null>(null);
  const [followed, setFollowed] = useState<Set<string>>(new Set());
  const [viewerOpen, setViewerOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);

  const posts = useMemo<Post[]>(() => interleaveByCreator(feedPosts.data?.posts ?? []), [feedPosts.data]);
  const session = useFeedSession(feedPosts.data ? applied.viewer : null, posts);
  const events = useFeedEvents(applied.viewer.id);
  const creatorById = useMemo(() => new Map((creators.data ?? []).map((c) => [c.id, c])), [creators.data]);
  const interestName = (id: string) => interests.data?.find((i) => i.id === id)?.name ?? id;
  const dirty = JSON.stringify(draft) !== JSON.stringify(applied.form);

  const { entries, loadNext, loading } = session;
  const currentIndex = entries.findIndex((e) => e.key === current);
  const currentEntry = entries[currentIndex] ?? entries[0];

  // Near the end of what is loaded: ask for the next page, as a host prefetches.
  useEffect(() => {
    if (entries.length > 0 && currentIndex >= entries.length - 3) void loadNext();
  }, [currentIndex, entries.length, loadNext]);

  const onCurrent = useCallback((key: string) => setCurrent(key), []);
  const onFollow = useCallback((id: string) => setFollowed((s) => new Set(s).add(id)), []);

  /** The feed pattern's keys: Page Down / Page Up (and the arrows) move between posts. */
  function onFeedKey(event: KeyboardEvent<HTMLDivElement>) {
    const article = (event.target as HTMLElement).closest('article');
    if (!article || article !== event.target) return;
    const step = ['PageDown', 'ArrowDown'].includes(event.key)
      ? 1
      : ['PageUp', 'ArrowUp'].includes(event.key)
        ? -1
        : 0;
    if (step === 0) return;
    event.preventDefault();
    const sibling = step > 0 ? article.nextElementSibling : article.previousElementSibling;
    if (sibling instanceof HTMLElement && sibling.tagName === 'ARTICLE') {
      sibling.focus({ preventScroll: true });
      sibling.scrollIntoView({ block: 'start', behavior: 'smooth' });
    } else if (step > 0) void loadNext();
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    const found = checkViewer(draft);
    setErrors(found);
    if (found.length) return focusFirstInvalid(formRef.current);
    setApplied({ form: draft, viewer: viewerToApi(draft) });
    setViewerOpen(false);
    restartTouches();
  }

  function restartTouches() {
    events.clear();
    setFollowed(new Set());
    setCurrent(null);
    screenRef.current?.scrollTo({ top: 0 });
  }

  const creatorOf = (entry: FeedEntry) =>
    entry.kind === 'ad'
      ? entry.ad.creator
      : (creatorById.get(entry.post.creator_id) ?? {
          id: entry.post.creator_id,
          handle: entry.post.creator_id,
          display_name: entry.post.creator_id,
          avatar_url: null,
        });

  const adsServed = entries.filter((e) => e.kind === 'ad').length;

  return (
    <>
      <PageHeader
        title="Feed demo"
        description="Kindling as the host app uses it: a test viewer scrolls the For You feed, each page asks for ads, and every impression, view and tap is sent as an event."
        actions={
          <Button
            icon={<RotateCcw size={16} aria-hidden />}
            onClick={() => {
              session.reset();
              restartTouches();
            }}
          >
            New session
          </Button>
        }
      />
      <div className="feed-layout">
        <div className="feed-stage">
          <figure className="phone feed-phone" aria-label="Phone">
            <div
              className="phone-screen feed-screen"
              ref={screenRef}
              role="feed"
              aria-label="For You feed"
              aria-busy={loading}
              onKeyDown={onFeedKey}
            >
              <div className="feed-top" aria-hidden>
                <span>Following</span>
                <strong>For You</strong>
              </div>
              {feedPosts.error ? (
                <div className="feed-state">
                  <ErrorState
                    error={feedPosts.error}
                    onRetry={() => feedPosts.refetch()}
                    title="Posts could not be loaded"
                  />
                </div>
              ) : feedPosts.isLoading ? (
                <div className="feed-state">
                  <Spinner label="Loading the feed" />
                </div>
              ) : posts.length === 0 ? (
                <div className="feed-state">
                  <EmptyState icon={<Smartphone size={22} />} title="No public posts">
                    {feedPosts.data?.source === 'none'
                      ? 'The platform API cannot list posts yet, and this server has no demo creators to read them through. Start it with --demo.'
                      : 'The platform has no public posts to show yet. Sync some with PUT /v1/platform/posts/{id}.'}
                  </EmptyState>
                </div>
              ) : (
                <>
                  {entries.map((entry) => (
                    <FeedItem
                      key={entry.key}
                      entry={entry}
                      creator={creatorOf(entry)}
                      root={screenRef}
                      events={events}
                      followed={followed.has(creatorOf(entry).id)}
                      onFollow={onFollow}
                      onCurrent={onCurrent}
                    />
                  ))}
                  {(entries.length > 0 || session.error) && (
                    // A new element per page: the screen never stays snapped to an old "more" spot.
                    <div className="feed-more" key={`more-${session.pages.length}`}>
                      {session.error ? (
                        <ErrorState
                          error={session.error}
                          onRetry={() => void loadNext()}
                          title="The next page failed"
                        />
                      ) : loading ? (
                        <Spinner label="Loading more posts" />
                      ) : (
                        <Button onClick={() => void loadNext()}>Load more posts</Button>
                      )}
                    </div>
                  )}
                </>
              )}
            </div>
          </figure>
          <p className="hint feed-stage-hint">
            Scroll inside the phone, or focus a post and use Page Down / Page Up.{' '}
            {formatInteger(entries.length)} posts · {formatInteger(adsServed)}{' '}
            {adsServed === 1 ? 'ad' : 'ads'} served ·{' '}
            {feedPosts.data?.source === 'demo'
              ? 'posts read through the demo creators'
              : 'posts from the platform'}
          </p>
        </div>
        <div className="feed-side stack">
          <details
            className="card feed-panel viewer-card"
            open={viewerOpen}
            onToggle={(e) => setViewerOpen(e.currentTarget.open)}
          >
            <summary>
              <span className="summary-text">
                <h2>Test viewer</h2>
                <span className="hint">
                  <span className="mono">{applied.viewer.id}</span> ·{' '}
                  {describeViewer(applied.form, interestName)}
                </span>
              </span>
              <span className="btn small summary-action" aria-hidden>
                Change
                <ChevronDown size={15} className="summary-chevron" />
              </span>
            </summary>
            <form ref={formRef} onSubmit={apply} noValidate className="stack">
              <ViewerFields value={draft} onChange={setDraft} errors={errors} />
              <div className="row">
                <Button
                  type="submit"
                  variant="primary"
                  icon={<Play size={15} aria-hidden />}
                  disabled={!dirty}
                >
                  Restart the feed as this viewer
                </Button>
                {dirty && (
                  <Button variant="ghost" onClick={() => setDraft(applied.form)}>
                    Discard
                  </Button>
                )}
              </div>
            </form>
          </details>
          <CountsCard entry={currentEntry} hostCounts={events.hostCounts} />
          <section className="card feed-panel" aria-labelledby="decisions-title">
            <div className="feed-panel-head">
              <h2 id="decisions-title">Decisions</h2>
              <span className="hint">one per page of {Math.min(6, posts.length)} organic posts</span>
            </div>
            {session.pages.length === 0 ? (
              <p className="muted">{loading ? 'Asking for the first page…' : 'No page asked yet.'}</p>
            ) : (
              <ol className="page-lines">
                {session.pages.map((p) => (
                  <PageLine key={p.index} page={p} />
                ))}
              </ol>
            )}
          </section>
          <EventLog log={events.log} />
        </div>
      </div>
    </>
  );
}
