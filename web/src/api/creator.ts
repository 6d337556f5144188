import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKeyFor } from './client';
import { usePagedList } from './hooks';
import type { Authorization, AuthorizationDuration, AuthorizationWithCode, Post } from './types';

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
