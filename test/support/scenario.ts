import { PLATFORM_TOKEN, type TestApp } from './app.js';

/** A live Spark ad built through the public API, as a host, a creator and a brand would. */
export interface LiveAd {
  creatorId: string;
  creatorToken: string;
  postId: string;
  authorizationId: string;
  accountId: string;
  adminToken: string;
  analystToken: string;
  campaignId: string;
  adGroupId: string;
  adId: string;
}

let n = 0;

export interface LiveAdOptions {
  /** Ad group fields to override (targeting, budget, billing_event, bid_price…). */
  adGroup?: Record<string, unknown>;
  campaign?: Record<string, unknown>;
  account?: {
    currency?: string;
    time_zone?: string;
    accountId?: string;
    adminToken?: string;
    analystToken?: string;
  };
  organic?: { views: number; likes: number; comments: number; shares: number; follows: number };
}

export async function setupLiveAd(t: TestApp, options: LiveAdOptions = {}): Promise<LiveAd> {
  const P = PLATFORM_TOKEN;
  const k = ++n;
  const creatorId = `crt-${k}-${Date.now() % 100000}`;
  const postId = `post-${k}-${Date.now() % 100000}`;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are read field by field
  const ok = (r: { status: number; json: any }, what: string) => {
    if (r.status >= 300) throw new Error(`${what} failed: ${r.status} ${JSON.stringify(r.json)}`);
    return r;
  };
  ok(
    await t.call(P, 'PUT', `/v1/platform/creators/${creatorId}`, {
      handle: `h${creatorId.replace(/-/g, '')}`,
      display_name: `Creator ${k}`,
      follower_count: 1000,
    }),
    'creator',
  );
  ok(
    await t.call(P, 'PUT', `/v1/platform/posts/${postId}`, {
      creator_id: creatorId,
      caption: 'Try this: link in bio',
      media_url: `https://cdn.example/${postId}.mp4`,
      duration_seconds: 30,
      visibility: 'PUBLIC',
      organic: options.organic ?? { views: 10000, likes: 700, comments: 40, shares: 20, follows: 10 },
      published_at: '2026-11-20T10:00:00Z',
    }),
    'post',
  );
  const creatorToken = ok(
    await t.call(P, 'POST', `/v1/platform/creators/${creatorId}/tokens`, {}),
    'creator token',
  ).json.token as string;
  const auth = ok(
    await t.call(creatorToken, 'POST', `/v1/creator/posts/${postId}/authorizations`, {}),
    'authorization',
  ).json;

  let accountId = options.account?.accountId;
  let adminToken = options.account?.adminToken;
  let analystToken = options.account?.analystToken;
  if (!accountId) {
    accountId = ok(
      await t.call(P, 'POST', '/v1/platform/ad-accounts', {
        name: `Brand ${k}`,
        currency: options.account?.currency ?? 'EUR',
        time_zone: options.account?.time_zone ?? 'Europe/Paris',
      }),
      'account',
    ).json.id as string;
    adminToken = ok(
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, {
        name: 'Admin',
        role: 'ADMIN',
      }),
      'admin',
    ).json.token.token;
    analystToken = ok(
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, {
        name: 'Analyst',
        role: 'ANALYST',
      }),
      'analyst',
    ).json.token.token;
  }
  const admin = adminToken as string;
  ok(
    await t.call(admin, 'POST', `/v1/ad-accounts/${accountId}/spark-posts`, { auth_code: auth.auth_code }),
    'redeem',
  );
  const campaignId = ok(
    await t.call(admin, 'POST', `/v1/ad-accounts/${accountId}/campaigns`, {
      campaign_name: `Campaign ${k}`,
      objective_type: 'REACH',
      budget_mode: 'BUDGET_MODE_INFINITE',
      ...options.campaign,
    }),
    'campaign',
  ).json.id as string;
  const adGroupId = ok(
    await t.call(admin, 'POST', `/v1/ad-accounts/${accountId}/ad-groups`, {
      campaign_id: campaignId,
      adgroup_name: `Ad group ${k}`,
      placements: ['IN_FEED'],
      schedule_type: 'SCHEDULE_FROM_NOW',
      targeting: { countries: ['FR'] },
      budget_mode: 'BUDGET_MODE_DAY',
      budget: '50',
      pacing: 'PACING_MODE_FAST',
      billing_event: 'CPM',
      optimization_goal: 'REACH',
      bid_price: '5.00',
      ...options.adGroup,
    }),
    'ad group',
  ).json.id as string;
  const adId = ok(
    await t.call(admin, 'POST', `/v1/ad-accounts/${accountId}/ads`, {
      ad_group_id: adGroupId,
      post_id: postId,
      call_to_action: 'SHOP_NOW',
      landing_page_url: 'https://brand.example/shop',
    }),
    'ad',
  ).json.id as string;
  await t.system.delivery.settled();
  return {
    creatorId,
    creatorToken,
    postId,
    authorizationId: auth.id,
    accountId,
    adminToken: admin,
    analystToken: analystToken as string,
    campaignId,
    adGroupId,
    adId,
  };
}

/** A feed page request for a viewer (five organic posts, start of session). */
export function pageFor(viewer: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    viewer,
    page: { start_position: 0, organic_post_ids: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'] },
    ...extra,
  };
}
