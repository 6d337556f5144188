import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type AdEventInput,
  platformPostKey,
  requestDecision,
  sendAdEvents,
  sendPostEvents,
} from '../../../api/platform';
import type {
  AdEventType,
  Decision,
  EventOutcome,
  Post,
  PostEventType,
  ServedAd,
  Viewer,
} from '../../../api/types';

/** Organic posts asked for per decision, as a host builds its feed page by page. */
export const PAGE_SIZE = 6;
/** Smooth pacing starts throttled: a page without ads is asked again this many times. */
const THROTTLE_RETRIES = 3;

export type FeedEntry =
  | { kind: 'organic'; key: string; position: number; page: number; post: Post }
  | { kind: 'ad'; key: string; position: number; page: number; ad: ServedAd };

export interface PageRecord {
  index: number;
  start: number;
  organicIds: string[];
  decision: Decision;
  attempts: number;
}

export interface LogEntry {
  id: number;
  at: number;
  surface: 'ad' | 'organic';
  type: string;
  postId: string;
  handle: string;
  outcome: EventOutcome['status'] | 'ERROR';
  detail?: string;
}

interface SessionState {
  session: number;
  entries: FeedEntry[];
  pages: PageRecord[];
  adsShown: { ad_id: string; position: number }[];
  nextOrganic: number;
}

const emptyState = (session: number): SessionState => ({
  session,
  entries: [],
  pages: [],
  adsShown: [],
  nextOrganic: 0,
});

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export const isThrottled = (d: Decision) =>
  d.ads.length === 0 && (d.explain?.ad_groups.some((g) => g.reason === 'PACING_THROTTLED') ?? false);

/** The decision id Kindling appended to the landing page (kd_click): unique per served ad. */
export function decisionIdOf(ad: ServedAd): string {
  const fallback = (ad.tracking_token ?? ad.ad_id).slice(-24);
  try {
    return new URL(ad.landing_page_url).searchParams.get('kd_click') ?? fallback;
  } catch {
    return fallback;
  }
}

/** Organic posts of one page, then each ad at its index_in_page, with session positions. */
export function buildPage(
  page: number,
  start: number,
  organic: readonly Post[],
  ads: readonly ServedAd[],
  session: number,
): FeedEntry[] {
  const items: FeedEntry[] = organic.map((post, i) => ({
    kind: 'organic',
    key: `s${session}-p${page}-o${i}-${post.id}`,
    position: 0,
    page,
    post,
  }));
  for (const ad of [...ads].sort((a, b) => a.slot.index_in_page - b.slot.index_in_page)) {
    items.splice(Math.min(ad.slot.index_in_page, items.length), 0, {
      kind: 'ad',
      key: `s${session}-${decisionIdOf(ad)}`,
      position: 0,
      page,
      ad,
    });
  }
  return items.map((item, i) => ({ ...item, position: start + i }));
}

/**
 * The host app's side of a feed session: pages of organic posts, a decision per page (retried while
 * smooth pacing throttles), session positions and the ads shown so far.
 */
export function useFeedSession(viewer: Viewer | null, posts: readonly Post[]) {
  const [state, setState] = useState<SessionState>(() => emptyState(1));
  const stateRef = useRef(state);
  stateRef.current = state;
  const inFlight = useRef(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const loadNext = useCallback(async () => {
    if (!viewer || inFlight.current || posts.length === 0) return;
    inFlight.current = true;
    setLoading(true);
    setError(null);
    const s = stateRef.current;
    const start = s.entries.length;
    const count = Math.min(PAGE_SIZE, posts.length);
    const organic = Array.from(
      { length: count },
      (_, i) => posts[(s.nextOrganic + i) % posts.length] as Post,
    );
    try {
      let decision: Decision;
      let attempts = 0;
      for (;;) {
        attempts++;
        decision = await requestDecision({
          viewer,
          placement: 'IN_FEED',
          page: { start_position: start, organic_post_ids: organic.map((p) => p.id) },
          session: { ads_shown: s.adsShown },
          explain: true,
        });
        if (!isThrottled(decision) || attempts > THROTTLE_RETRIES) break;
        await sleep(250);
      }
      const pageIndex = s.pages.length;
      const entries = buildPage(pageIndex, start, organic, decision.ads, s.session);
      setState((prev) =>
        prev.session !== s.session
          ? prev
          : {
              ...prev,
              entries: [...prev.entries, ...entries],
              pages: [
                ...prev.pages,
                { index: pageIndex, start, organicIds: organic.map((p) => p.id), decision, attempts },
              ],
              adsShown: [
                ...prev.adsShown,
                ...decision.ads.map((a) => ({ ad_id: a.ad_id, position: a.slot.session_position })),
              ],
              nextOrganic: prev.nextOrganic + count,
            },
      );
    } catch (e) {
      if (stateRef.current.session === s.session) setError(e);
    } finally {
      inFlight.current = false;
      setLoading(false);
    }
  }, [viewer, posts]);

  const reset = useCallback(() => {
    setState((prev) => emptyState(prev.session + 1));
    setError(null);
  }, []);

  // A new viewer (or new posts) starts a new session.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the inputs are the trigger
  useEffect(() => {
    reset();
  }, [viewer, posts, reset]);

  // The first page of every session (again once a request of the previous session has settled).
  // biome-ignore lint/correctness/useExhaustiveDependencies: session and loading are triggers
  useEffect(() => {
    if (viewer && posts.length > 0 && state.entries.length === 0 && !inFlight.current && !error)
      void loadNext();
  }, [viewer, posts, state.entries.length, state.session, loading, loadNext, error]);

  return { ...state, loading, error, loadNext, reset };
}

/** Engagement the host counted itself on organic posts (not credited to an ad), per post and type. */
export type HostCounts = Record<string, Partial<Record<PostEventType, number>>>;

/**
 * Sends the viewer's events: ad events with the ad's tracking token (in order per ad, so the
 * impression is stored before a click), organic engagement as post events. Every outcome is logged.
 */
export function useFeedEvents(viewerId: string | null) {
  const client = useQueryClient();
  const queues = useRef(new Map<string, Promise<unknown>>());
  const sent = useRef(new Set<string>());
  const nextId = useRef(1);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [hostCounts, setHostCounts] = useState<HostCounts>({});

  const append = useCallback((entry: Omit<LogEntry, 'id' | 'at'>) => {
    const id = nextId.current++;
    setLog((list) => [{ ...entry, id, at: Date.now() }, ...list].slice(0, 200));
  }, []);

  const clear = useCallback(() => {
    setLog([]);
    setHostCounts({});
    sent.current.clear();
  }, []);

  /** Sends one ad event once per served ad and type; resolves with its outcome. */
  const adEvent = useCallback(
    (ad: ServedAd, type: AdEventType): Promise<EventOutcome | null> => {
      // A dry-run decision issues no token: there is nothing to report.
      if (!viewerId || ad.tracking_token === null) return Promise.resolve(null);
      const decisionId = decisionIdOf(ad);
      const onceKey = `${decisionId}:${type}`;
      if (sent.current.has(onceKey)) return Promise.resolve(null);
      sent.current.add(onceKey);
      const event: AdEventInput = {
        client_event_id: onceKey,
        tracking_token: ad.tracking_token,
        type,
        viewer_id: viewerId,
        occurred_at: new Date().toISOString(),
        user_agent: navigator.userAgent,
      };
      const previous = queues.current.get(decisionId) ?? Promise.resolve();
      const run = previous.then(async () => {
        try {
          const result = await sendAdEvents([event]);
          const outcome = result.data[0] ?? null;
          append({
            surface: 'ad',
            type,
            postId: ad.post.id,
            handle: ad.creator.handle,
            outcome: outcome?.status ?? 'ERROR',
            ...(outcome?.code && { detail: outcome.code }),
          });
          if (outcome?.status === 'ACCEPTED' && !['impression', 'video_play'].includes(type))
            await client.invalidateQueries({ queryKey: platformPostKey(ad.post.id) });
          return outcome;
        } catch (error) {
          sent.current.delete(onceKey);
          append({
            surface: 'ad',
            type,
            postId: ad.post.id,
            handle: ad.creator.handle,
            outcome: 'ERROR',
            detail: error instanceof Error ? error.message : 'not sent',
          });
          return null;
        }
      });
      queues.current.set(decisionId, run);
      return run;
    },
    [viewerId, append, client],
  );

  /** Engagement on an organic post: credited to an ad when the viewer saw one of this post lately. */
  const postEvent = useCallback(
    async (post: Post, handle: string, type: PostEventType, once: string): Promise<EventOutcome | null> => {
      if (!viewerId) return null;
      const onceKey = `${once}:${type}`;
      if (sent.current.has(onceKey)) return null;
      sent.current.add(onceKey);
      try {
        const result = await sendPostEvents([
          {
            client_event_id: onceKey,
            viewer_id: viewerId,
            post_id: post.id,
            type,
            occurred_at: new Date().toISOString(),
          },
        ]);
        const outcome = result.data[0] ?? null;
        const credited = Boolean(outcome?.attributed_ad_id);
        append({
          surface: 'organic',
          type,
          postId: post.id,
          handle,
          outcome: outcome?.status ?? 'ERROR',
          ...(credited && { detail: 'credited to an ad' }),
        });
        if (credited) await client.invalidateQueries({ queryKey: platformPostKey(post.id) });
        else if (outcome?.status === 'ACCEPTED')
          // The host owns organic counters (it syncs them with PUT /v1/platform/posts): count it here.
          setHostCounts((counts) => ({
            ...counts,
            [post.id]: { ...counts[post.id], [type]: (counts[post.id]?.[type] ?? 0) + 1 },
          }));
        return outcome;
      } catch (error) {
        sent.current.delete(onceKey);
        append({
          surface: 'organic',
          type,
          postId: post.id,
          handle,
          outcome: 'ERROR',
          detail: error instanceof Error ? error.message : 'not sent',
        });
        return null;
      }
    },
    [viewerId, append, client],
  );

  return { log, hostCounts, adEvent, postEvent, clear };
}
