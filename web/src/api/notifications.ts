import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { usePagedList } from './hooks';
import type { AppNotification, Page } from './types';

/** Creators read their own notifications; brand members read their ad account's. */
export type NotificationScope = { kind: 'creator' } | { kind: 'account'; accountId: string };

function basePath(scope: NotificationScope): string {
  return scope.kind === 'creator'
    ? '/v1/creator/notifications'
    : `/v1/ad-accounts/${encodeURIComponent(scope.accountId)}/notifications`;
}

const keyOf = (scope: NotificationScope) =>
  ['notifications', scope.kind === 'creator' ? 'creator' : scope.accountId] as const;

const POLL_MS = 30_000;

export function useNotifications(scope: NotificationScope) {
  return usePagedList<AppNotification>(
    [...keyOf(scope), 'list'],
    basePath(scope),
    {},
    { refetchInterval: POLL_MS },
  );
}

export function useUnreadCount(scope: NotificationScope | null) {
  return useQuery({
    queryKey: scope ? [...keyOf(scope), 'unread'] : ['notifications', 'none'],
    queryFn: async ({ signal }) => {
      if (!scope) return 0;
      const page = await api.get<Page<AppNotification>>(`${basePath(scope)}?unread=true&limit=100`, {
        signal,
      });
      return page.data.length;
    },
    enabled: scope !== null,
    refetchInterval: POLL_MS,
  });
}

export function useMarkRead(scope: NotificationScope) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      for (const id of ids) await api.post<void>(`${basePath(scope)}/${id}/read`);
    },
    onSettled: () => client.invalidateQueries({ queryKey: keyOf(scope) }),
  });
}
