import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, idempotencyKeyFor } from './client';
import { usePagedList } from './hooks';
import type {
  Ad,
  AdGroup,
  AdGroupInput,
  AdWithWarnings,
  CallToAction,
  Campaign,
  CampaignBudgetMode,
  ObjectiveType,
  RedeemResult,
  SparkPost,
  StatusAction,
} from './types';

/** Every query of an ad account starts with this key, so one invalidation refreshes them all. */
export const accountKey = (accountId: string) => ['account', accountId] as const;
const base = (accountId: string) => `/v1/ad-accounts/${encodeURIComponent(accountId)}`;

export function useCampaigns(accountId: string) {
  return usePagedList<Campaign>([...accountKey(accountId), 'campaigns'], `${base(accountId)}/campaigns`);
}

export function useCampaign(accountId: string, campaignId: string | undefined) {
  return useQuery({
    queryKey: [...accountKey(accountId), 'campaign', campaignId],
    queryFn: ({ signal }) => api.get<Campaign>(`${base(accountId)}/campaigns/${campaignId}`, { signal }),
    enabled: Boolean(campaignId),
  });
}

export function useAdGroups(accountId: string, campaignId?: string) {
  return usePagedList<AdGroup>([...accountKey(accountId), 'ad-groups'], `${base(accountId)}/ad-groups`, {
    campaign_id: campaignId,
  });
}

export function useAdGroup(accountId: string, adGroupId: string | undefined) {
  return useQuery({
    queryKey: [...accountKey(accountId), 'ad-group', adGroupId],
    queryFn: ({ signal }) => api.get<AdGroup>(`${base(accountId)}/ad-groups/${adGroupId}`, { signal }),
    enabled: Boolean(adGroupId),
  });
}

export function useAds(accountId: string, filter: { campaignId?: string; adGroupId?: string } = {}) {
  return usePagedList<Ad>([...accountKey(accountId), 'ads'], `${base(accountId)}/ads`, {
    campaign_id: filter.campaignId,
    ad_group_id: filter.adGroupId,
  });
}

export function useLibrary(accountId: string) {
  return usePagedList<SparkPost>([...accountKey(accountId), 'spark-posts'], `${base(accountId)}/spark-posts`);
}

export type StatusTarget = 'campaigns' | 'ad-groups' | 'ads';

/** Enable, pause or delete a campaign, ad group or ad; every table of the account refreshes after. */
export function useSetStatus(accountId: string, target: StatusTarget) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: StatusAction }) =>
      api.post<Campaign | AdGroup | Ad>(`${base(accountId)}/${target}/${id}/status`, {
        operation_status: status,
      }),
    onSettled: () => client.invalidateQueries({ queryKey: accountKey(accountId) }),
  });
}

export function useRedeemCodes(accountId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (codes: string[]) =>
      api.post<{ data: RedeemResult[] }>(`${base(accountId)}/spark-posts/batch`, { auth_codes: codes }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...accountKey(accountId), 'spark-posts'] }),
  });
}

export interface CampaignBody {
  campaign_name: string;
  objective_type: ObjectiveType;
  budget_mode: CampaignBudgetMode;
  budget: string | null;
}

export interface AdBody {
  ad_group_id: string;
  post_id: string;
  ad_name?: string;
  call_to_action: CallToAction | null;
  landing_page_url: string;
}

/** The creates of the launch flow; `scope` makes each draft's Idempotency-Keys its own. */
export const create = {
  campaign: (accountId: string, body: CampaignBody, scope: string) =>
    api.post<Campaign>(`${base(accountId)}/campaigns`, body, {
      idempotencyKey: idempotencyKeyFor(`${scope}-cmp`, body),
    }),
  adGroup: (accountId: string, body: AdGroupInput, scope: string) =>
    api.post<AdGroup>(`${base(accountId)}/ad-groups`, body, {
      idempotencyKey: idempotencyKeyFor(`${scope}-adg`, body),
    }),
  ad: (accountId: string, body: AdBody, scope: string) =>
    api.post<AdWithWarnings>(`${base(accountId)}/ads`, body, {
      idempotencyKey: idempotencyKeyFor(`${scope}-ad`, body),
    }),
};
