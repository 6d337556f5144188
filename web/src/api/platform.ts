import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { usePagedList } from './hooks';
import type { Creator, PlatformSettings, ReviewItem, ReviewStatus } from './types';

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
