import {
  adDeliveryState,
  adGroupDeliveryState,
  adGroupOwnState,
  campaignDeliveryState,
  campaignOwnState,
  type DeliveryState,
} from '../domain/delivery-status.js';
import type { Ad, AdAccount, AdGroup, Campaign, Post } from '../domain/model.js';
import { localDate } from '../domain/time.js';
import type { Executor } from '../store/database.js';
import { adGroupsOfCampaigns, getAdGroupsByIds } from '../store/repos/ad-groups.js';
import { adsOfAdGroups } from '../store/repos/ads.js';
import { authorizationsForAccountPosts } from '../store/repos/authorizations.js';
import { getCampaignsByIds } from '../store/repos/campaigns.js';
import { getPostsByIds } from '../store/repos/posts.js';
import { spendOnDate } from '../store/repos/spend.js';

/**
 * Loads the facts behind delivery statuses (parents, posts, authorizations, today's spend) in a
 * few batched queries and derives each status with the pure rules in domain/delivery-status.ts.
 */
export async function adStates(
  db: Executor,
  account: AdAccount,
  ads: Ad[],
  now: number,
): Promise<Map<string, DeliveryState>> {
  const groups = await getAdGroupsByIds(
    db,
    ads.map((a) => a.adGroupId),
  );
  const campaigns = await getCampaignsByIds(
    db,
    ads.map((a) => a.campaignId),
  );
  const posts = await getPostsByIds(
    db,
    ads.map((a) => a.postId),
  );
  const auths = await authorizationsForAccountPosts(
    db,
    account.id,
    ads.map((a) => a.postId),
  );
  const today = localDate(now, account.timeZone);
  const spend = await spendOnDate(db, [...groups.keys(), ...campaigns.keys()], today);
  const out = new Map<string, DeliveryState>();
  for (const ad of ads) {
    const adGroup = groups.get(ad.adGroupId) as AdGroup;
    const campaign = campaigns.get(ad.campaignId) as Campaign;
    out.set(
      ad.id,
      adDeliveryState(
        {
          ad,
          adGroup,
          campaign,
          post: posts.get(ad.postId) as Post,
          authorizations: auths.get(ad.postId) ?? [],
          spend: { campaignToday: spend.get(campaign.id) ?? 0, adGroupToday: spend.get(adGroup.id) ?? 0 },
          timeZone: account.timeZone,
        },
        now,
      ),
    );
  }
  return out;
}

export async function adGroupStates(
  db: Executor,
  account: AdAccount,
  groups: AdGroup[],
  now: number,
): Promise<Map<string, DeliveryState>> {
  const campaigns = await getCampaignsByIds(
    db,
    groups.map((g) => g.campaignId),
  );
  const ads = await adsOfAdGroups(
    db,
    groups.map((g) => g.id),
  );
  const perAd = await adStates(db, account, ads, now);
  const today = localDate(now, account.timeZone);
  const spend = await spendOnDate(db, [...groups.map((g) => g.id), ...campaigns.keys()], today);
  const out = new Map<string, DeliveryState>();
  for (const group of groups) {
    const campaign = campaigns.get(group.campaignId) as Campaign;
    const own = adGroupOwnState(
      group,
      campaign,
      { campaignToday: spend.get(campaign.id) ?? 0, adGroupToday: spend.get(group.id) ?? 0 },
      account.timeZone,
      now,
    );
    const children = ads.filter((a) => a.adGroupId === group.id).map((a) => perAd.get(a.id) as DeliveryState);
    out.set(group.id, adGroupDeliveryState(own, children));
  }
  return out;
}

export async function campaignStates(
  db: Executor,
  account: AdAccount,
  campaigns: Campaign[],
  now: number,
): Promise<Map<string, DeliveryState>> {
  const groups = await adGroupsOfCampaigns(
    db,
    campaigns.map((c) => c.id),
  );
  const perGroup = await adGroupStates(db, account, groups, now);
  const spend = await spendOnDate(
    db,
    campaigns.map((c) => c.id),
    localDate(now, account.timeZone),
  );
  const out = new Map<string, DeliveryState>();
  for (const campaign of campaigns) {
    const own = campaignOwnState(campaign, spend.get(campaign.id) ?? 0);
    const children = groups
      .filter((g) => g.campaignId === campaign.id)
      .map((g) => perGroup.get(g.id) as DeliveryState);
    out.set(campaign.id, campaignDeliveryState(own, children));
  }
  return out;
}
