import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKeyFor, query } from './client';
import { usePagedList } from './hooks';
import type {
  Authorization,
  AuthorizationDuration,
  AuthorizationWithCode,
  CreatorAnalytics,
  MediaKit,
  MediaKitSettings,
  Post,
} from './types';

export const creatorKey = ['creator'] as const;

export function useCreatorPosts() {
  return usePagedList<Post>([...creatorKey, 'posts'], '/v1/creator/posts');
}

export function useCreatorAuthorizations() {
  return usePagedList<Authorization>([...creatorKey, 'authorizations'], '/v1/creator/authorizations');
}

export function useAuthorizePost() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      postId,
      durationDays,
      note,
      attempt,
    }: {
      postId: string;
      durationDays: AuthorizationDuration;
      note: string | null;
      /** One per dialog opening: a retry of the same request returns the same code. */
      attempt: string;
    }) => {
      const body = { duration_days: durationDays, note };
      return api.post<AuthorizationWithCode>(
        `/v1/creator/posts/${encodeURIComponent(postId)}/authorizations`,
        body,
        { idempotencyKey: idempotencyKeyFor(`auth-${attempt}`, { postId, ...body }) },
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: creatorKey }),
  });
}

export function useExtendAuthorization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, durationDays }: { id: string; durationDays: AuthorizationDuration }) =>
      api.post<Authorization>(`/v1/creator/authorizations/${id}/extend`, { duration_days: durationDays }),
    onSettled: () => client.invalidateQueries({ queryKey: creatorKey }),
  });
}

export function useRevokeAuthorization() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<Authorization>(`/v1/creator/authorizations/${id}/revoke`),
    onSettled: () => client.invalidateQueries({ queryKey: creatorKey }),
  });
}

/** Paid vs organic for each post and authorization; `dates` in each brand's zone, null for lifetime. */
export function useCreatorAnalytics(dates: { from: string; to: string } | null) {
  return useQuery({
    queryKey: [...creatorKey, 'analytics', dates],
    queryFn: ({ signal }) =>
      api.get<CreatorAnalytics>(
        `/v1/creator/analytics${query({ start_date: dates?.from, end_date: dates?.to })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });
}

const mediaKitKey = [...creatorKey, 'media-kit'] as const;

export function useMediaKit() {
  return useQuery({
    queryKey: mediaKitKey,
    queryFn: ({ signal }) =>
      api.get<{ settings: MediaKitSettings; preview: MediaKit }>('/v1/creator/media-kit', { signal }),
  });
}

export function useSaveMediaKit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { headline: string | null; shown_ad_account_ids: string[] }) =>
      api.put<MediaKitSettings>('/v1/creator/media-kit', body),
    onSettled: () => client.invalidateQueries({ queryKey: mediaKitKey }),
  });
}

export function usePublishMediaKit() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (publish: boolean) =>
      api.post<MediaKitSettings>(`/v1/creator/media-kit/${publish ? 'publish' : 'unpublish'}`),
    onSettled: () => client.invalidateQueries({ queryKey: mediaKitKey }),
  });
}
