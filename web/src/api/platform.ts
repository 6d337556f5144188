import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError, query } from './client';
import { usePagedList } from './hooks';
import type {
  AdEventType,
  Creator,
  Decision,
  DecisionRequest,
  DemoUser,
  EventBatchResult,
  Page,
  PlatformAdAccount,
  PlatformSettings,
  Post,
  PostEventType,
  ReviewItem,
  ReviewStatus,
} from './types';

export const platformKey = ['platform'] as const;

export function useReviews(status: ReviewStatus) {
  // A queue: always re-read when shown, and every 30 s while open.
  return usePagedList<ReviewItem>(
    [...platformKey, 'reviews'],
    '/v1/platform/reviews',
    { status },
    { staleTime: 0, refetchInterval: 30_000 },
  );
}

export function useDecideReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      adId,
      decision,
      reason,
    }: {
      adId: string;
      decision: 'approve' | 'reject';
      reason?: string;
    }) => api.post<ReviewItem>(`/v1/platform/reviews/${adId}/${decision}`, { reason: reason ?? null }),
    onSettled: () => client.invalidateQueries({ queryKey: [...platformKey, 'reviews'] }),
  });
}

export function usePlatformCreator(creatorId: string) {
  return useQuery({
    queryKey: [...platformKey, 'creator', creatorId],
    queryFn: ({ signal }) =>
      api.get<Creator>(`/v1/platform/creators/${encodeURIComponent(creatorId)}`, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useSettings() {
  return useQuery({
    queryKey: [...platformKey, 'settings'],
    queryFn: ({ signal }) => api.get<PlatformSettings>('/v1/platform/settings', { signal }),
  });
}

export function useSaveSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<PlatformSettings>) =>
      api.patch<PlatformSettings>('/v1/platform/settings', patch),
    onSuccess: (settings) => client.setQueryData([...platformKey, 'settings'], settings),
  });
}

/** Every page of a cursor list, read to the end (small platform lists: creators, ad accounts). */
async function readAll<T>(
  path: string,
  options: { signal?: AbortSignal; token?: string } = {},
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await api.get<Page<T>>(`${path}${query({ limit: 500, cursor })}`, options);
    out.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export function usePlatformAdAccounts() {
  return useQuery({
    queryKey: [...platformKey, 'ad-accounts'],
    queryFn: ({ signal }) => readAll<PlatformAdAccount>('/v1/platform/ad-accounts', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function usePlatformCreators() {
  return useQuery({
    queryKey: [...platformKey, 'creators'],
    queryFn: ({ signal }) => readAll<Creator>('/v1/platform/creators', { signal }),
    staleTime: 60_000,
  });
}

/** Where the feed demo found its organic posts: a platform list, the demo creators' own lists, or ids typed in. */
export type FeedPostSource = 'platform' | 'demo' | 'none';

/**
 * The public posts the host app would put in a For You feed. The platform API has no list of posts
 * yet (only GET /v1/platform/posts/{id}): this asks `GET /v1/platform/posts` first, so the feed uses it
 * as soon as it exists, and otherwise reads each demo creator's own list with their demo token.
 */
async function loadFeedPosts(signal: AbortSignal): Promise<{ posts: Post[]; source: FeedPostSource }> {
  try {
    const posts = await readAll<Post>('/v1/platform/posts', { signal });
    return { posts: posts.filter((p) => p.visibility === 'PUBLIC'), source: 'platform' };
  } catch (error) {
    if (!isApiError(error) || error.code !== 'ROUTE_NOT_FOUND') throw error;
  }
  let users: DemoUser[] = [];
  try {
    users = (await api.get<{ data: DemoUser[] }>('/v1/demo/users', { signal })).data;
  } catch {
    // Not a demo server.
  }
  const creators = users.filter((u) => u.role === 'creator');
  if (creators.length === 0) return { posts: [], source: 'none' };
  const lists = await Promise.all(
    creators.map((u) => readAll<Post>('/v1/creator/posts', { signal, token: u.token }).catch(() => [])),
  );
  return { posts: lists.flat().filter((p) => p.visibility === 'PUBLIC'), source: 'demo' };
}

/** Round-robin over creators, newest first within each: neighbours in the feed are different creators. */
export function interleaveByCreator(posts: readonly Post[]): Post[] {
  const byCreator = new Map<string, Post[]>();
  for (const p of [...posts].sort((a, b) => b.published_at.localeCompare(a.published_at))) {
    const list = byCreator.get(p.creator_id) ?? [];
    list.push(p);
    byCreator.set(p.creator_id, list);
  }
  const lists = [...byCreator.values()];
  const out: Post[] = [];
  for (let i = 0; out.length < posts.length; i++)
    for (const list of lists) if (list[i]) out.push(list[i] as Post);
  return out;
}

export function useFeedPosts() {
  return useQuery({
    queryKey: [...platformKey, 'feed-posts'],
    queryFn: ({ signal }) => loadFeedPosts(signal),
    staleTime: 60_000,
  });
}

export const platformPostKey = (postId: string) => [...platformKey, 'post', postId] as const;

/** A post with its organic, paid and total counters (what the feed shows on screen). */
export function usePlatformPost(postId: string | null, initial?: Post) {
  return useQuery({
    queryKey: platformPostKey(postId ?? ''),
    enabled: postId !== null,
    queryFn: ({ signal }) =>
      api.get<Post>(`/v1/platform/posts/${encodeURIComponent(postId ?? '')}`, { signal }),
    ...(initial && { initialData: initial, initialDataUpdatedAt: 0 }),
    staleTime: 10_000,
  });
}

export function requestDecision(body: DecisionRequest, signal?: AbortSignal): Promise<Decision> {
  return api.post<Decision>('/v1/feed/decisions', body, signal ? { signal } : {});
}

export function useExplain() {
  return useMutation({ mutationFn: (body: DecisionRequest) => requestDecision(body) });
}

export interface AdEventInput {
  client_event_id: string;
  tracking_token: string;
  type: AdEventType;
  viewer_id: string;
  occurred_at: string;
  user_agent?: string;
}

export function sendAdEvents(events: AdEventInput[]): Promise<EventBatchResult> {
  return api.post<EventBatchResult>('/v1/events', { events });
}

export interface PostEventInput {
  client_event_id: string;
  viewer_id: string;
  post_id: string;
  type: PostEventType;
  occurred_at: string;
}

export function sendPostEvents(events: PostEventInput[]): Promise<EventBatchResult> {
  return api.post<EventBatchResult>('/v1/platform/post-events', { events });
}
