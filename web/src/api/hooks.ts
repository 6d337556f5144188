import { type QueryKey, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, query } from './client';
import type { DemoUser, Interest, Page } from './types';

const PAGE_SIZE = 100;

/** A cursor-paginated list (`{ data, next_cursor }`) read page by page, flattened for tables. */
export function usePagedList<T>(
  key: QueryKey,
  path: string,
  params: Record<string, string | undefined> = {},
  options: { enabled?: boolean; refetchInterval?: number; staleTime?: number } = {},
) {
  const result = useInfiniteQuery({
    queryKey: [...key, params],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<T>>(`${path}${query({ ...params, limit: PAGE_SIZE, cursor: pageParam })}`, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled: options.enabled ?? true,
    ...(options.refetchInterval !== undefined && { refetchInterval: options.refetchInterval }),
    ...(options.staleTime !== undefined && { staleTime: options.staleTime }),
  });
  const items = result.data?.pages.flatMap((p) => p.data) ?? [];
  return { ...result, items };
}

export function useDemoUsers() {
  return useQuery({
    queryKey: ['demo-users'],
    queryFn: async ({ signal }) => {
      try {
        return (await api.get<{ data: DemoUser[] }>('/v1/demo/users', { signal })).data;
      } catch {
        // Not in demo mode: the route does not exist, and token login is the only way in.
        return [];
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
}

export function useInterests() {
  return useQuery({
    queryKey: ['interests'],
    queryFn: ({ signal }) => api.get<{ data: Interest[] }>('/v1/targeting/interests', { signal }),
    staleTime: 60 * 60_000,
    select: (r) => r.data,
  });
}
