import type { DialectName } from '../../src/store/database.js';
import { type ApiResponse, createTestApp, PLATFORM_TOKEN, type TestApp } from './app.js';

/**
 * The two-tenant world of the access matrix, built through the real HTTP API: creators A and B,
 * each with a public post and an authorization bound to ad account A / B; each account with an
 * ADMIN and an ANALYST, a campaign, an ad group and a Spark ad of its creator's post.
 */

export const CALLERS = [
  'none',
  'garbage',
  'revoked',
  'platform',
  'creatorA',
  'creatorB',
  'adminA',
  'analystA',
  'adminB',
  'analystB',
] as const;
export type Caller = (typeof CALLERS)[number];

/** A token that no server ever issued (well-formed prefix, unknown secret). */
export const GARBAGE_TOKEN = 'kda_nope';

export interface Tenant {
  key: 'A' | 'B';
  /** In every name of the tenant (`alpha`, `bravo`): the other tenant must never see it. */
  word: string;
  creatorId: string;
  handle: string;
  postId: string;
  postCaption: string;
  creatorToken: string;
  /** Bound to this tenant's ad account. */
  authorizationId: string;
  authorizationEnd: string;
  accountId: string;
  accountName: string;
  adminToken: string;
  adminTokenId: string;
  adminMemberId: string;
  analystToken: string;
  analystMemberId: string;
  sparkPostId: string;
  campaignId: string;
  campaignName: string;
  adGroupId: string;
  adGroupName: string;
  adId: string;
  adName: string;
  /** AUTHORIZATION_REDEEMED, as the ad account and the creator received it. */
  accountNotificationId: string;
  creatorNotificationId: string;
  /** Ids and names of this tenant only: none may appear in a response to the other tenant. */
  secrets: Set<string>;
}

export interface Fixture {
  t: TestApp;
  A: Tenant;
  B: Tenant;
  /** An ADMIN token of account A, revoked through the platform API. */
  revokedToken: string;
  tokenOf(caller: Caller): string | null;
  /** The tenant a caller acts for (null for the anonymous, garbage, revoked and platform callers). */
  tenantOf(caller: Caller): Tenant | null;
  other(tenant: Tenant): Tenant;
  /** Throwaway resources for success cases, so they never change the fixture's own. */
  fresh: {
    name(kind: string): string;
    authorization(owner: Tenant, days?: 7 | 30 | 60 | 365): Promise<{ id: string; code: string }>;
    campaign(owner: Tenant): Promise<string>;
    adGroup(owner: Tenant): Promise<string>;
    ad(owner: Tenant): Promise<string>;
    member(owner: Tenant): Promise<{ memberId: string; tokenId: string }>;
    platformTokenId(): Promise<string>;
  };
}

/** Fails with the response body, so a broken fixture says why. */
export function must(res: ApiResponse, ...statuses: number[]): ApiResponse {
  if (!statuses.includes(res.status)) {
    throw new Error(`expected ${statuses.join('|')}, got ${res.status}: ${res.raw.body.slice(0, 500)}`);
  }
  return res;
}

export const creatorBody = (handle: string, displayName: string) => ({
  handle,
  display_name: displayName,
  follower_count: 12_000,
  region: 'FR',
});

export const postBody = (creatorId: string, caption: string, visibility = 'PUBLIC') => ({
  creator_id: creatorId,
  caption,
  media_url: 'https://cdn.example/matrix.mp4',
  duration_seconds: 30,
  hashtags: ['fitness'],
  visibility,
  organic: { views: 20_000, likes: 1_600, comments: 40, shares: 30, follows: 10 },
  published_at: '2026-11-20T10:00:00Z',
});

export const campaignBody = (name: string) => ({
  campaign_name: name,
  objective_type: 'VIDEO_VIEWS',
  budget_mode: 'BUDGET_MODE_TOTAL',
  budget: '1200',
});

export const adGroupBody = (campaignId: string, name: string) => ({
  campaign_id: campaignId,
  adgroup_name: name,
  placements: ['IN_FEED'],
  schedule_type: 'SCHEDULE_START_END',
  schedule_start_time: '2026-11-26 00:00:00',
  schedule_end_time: '2027-02-28 23:59:59',
  targeting: { countries: ['FR'], age_groups: ['AGE_18_24', 'AGE_25_34'] },
  budget_mode: 'BUDGET_MODE_DAY',
  budget: '40',
  pacing: 'PACING_MODE_SMOOTH',
  billing_event: 'CPV',
  optimization_goal: 'VIDEO_VIEW',
  bid_price: '0.05',
});

export const adBody = (adGroupId: string, postId: string, name: string) => ({
  ad_group_id: adGroupId,
  post_id: postId,
  ad_name: name,
  call_to_action: 'SHOP_NOW',
  landing_page_url: 'https://shop.example/matrix',
});

const P = PLATFORM_TOKEN;

async function buildTenant(t: TestApp, key: 'A' | 'B'): Promise<Tenant> {
  const word = key === 'A' ? 'alpha' : 'bravo';
  const creatorId = `mx-${word}-creator`;
  const handle = `mx_${word}`;
  const postId = `mx-${word}-post`;
  const postCaption = `Leg day with ${word}. Shop now: link in bio`;
  must(
    await t.call(P, 'PUT', `/v1/platform/creators/${creatorId}`, creatorBody(handle, `Creator ${word}`)),
    201,
  );
  must(await t.call(P, 'PUT', `/v1/platform/posts/${postId}`, postBody(creatorId, postCaption)), 201);
  const creatorToken = must(
    await t.call(P, 'POST', `/v1/platform/creators/${creatorId}/tokens`, { label: 'matrix' }),
    201,
  ).json.token as string;
  const authorization = must(
    await t.call(creatorToken, 'POST', `/v1/creator/posts/${postId}/authorizations`, { note: 'matrix' }),
    201,
  ).json;

  const accountName = `Account ${word}`;
  const accountId = must(
    await t.call(P, 'POST', '/v1/platform/ad-accounts', {
      name: accountName,
      currency: 'EUR',
      time_zone: 'Europe/Paris',
    }),
    201,
  ).json.id as string;
  const admin = must(
    await t.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, {
      name: `Admin ${word}`,
      role: 'ADMIN',
    }),
    201,
  ).json;
  const analyst = must(
    await t.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, {
      name: `Analyst ${word}`,
      role: 'ANALYST',
    }),
    201,
  ).json;
  const adminToken = admin.token.token as string;
  const base = `/v1/ad-accounts/${accountId}`;
  const spark = must(
    await t.call(adminToken, 'POST', `${base}/spark-posts`, { auth_code: authorization.auth_code }),
    201,
  ).json;
  const campaignName = `Campaign ${word}`;
  const campaignId = must(
    await t.call(adminToken, 'POST', `${base}/campaigns`, campaignBody(campaignName)),
    201,
  ).json.id as string;
  const adGroupName = `Ad group ${word}`;
  const adGroupId = must(
    await t.call(adminToken, 'POST', `${base}/ad-groups`, adGroupBody(campaignId, adGroupName)),
    201,
  ).json.id as string;
  const adName = `Ad ${word}`;
  const ad = must(
    await t.call(adminToken, 'POST', `${base}/ads`, adBody(adGroupId, postId, adName)),
    201,
  ).json;

  const accountNotes = must(await t.call(adminToken, 'GET', `${base}/notifications`), 200).json.data;
  const creatorNotes = must(await t.call(creatorToken, 'GET', '/v1/creator/notifications'), 200).json.data;
  const redeemed = (n: { type: string }) => n.type === 'AUTHORIZATION_REDEEMED';
  const tenant: Tenant = {
    key,
    word,
    creatorId,
    handle,
    postId,
    postCaption,
    creatorToken,
    authorizationId: authorization.id,
    authorizationEnd: spark.authorization.auth_end_time,
    accountId,
    accountName,
    adminToken,
    adminTokenId: admin.token.id,
    adminMemberId: admin.member.id,
    analystToken: analyst.token.token,
    analystMemberId: analyst.member.id,
    sparkPostId: spark.id,
    campaignId,
    campaignName,
    adGroupId,
    adGroupName,
    adId: ad.id,
    adName,
    accountNotificationId: accountNotes.find(redeemed).id,
    creatorNotificationId: creatorNotes.find(redeemed).id,
    secrets: new Set(),
  };
  for (const value of [
    word,
    creatorId,
    handle,
    postId,
    postCaption,
    tenant.authorizationId,
    accountId,
    accountName,
    tenant.adminTokenId,
    tenant.adminMemberId,
    tenant.analystMemberId,
    analyst.token.id,
    tenant.sparkPostId,
    campaignId,
    campaignName,
    adGroupId,
    adGroupName,
    tenant.adId,
    adName,
    tenant.accountNotificationId,
    tenant.creatorNotificationId,
  ]) {
    tenant.secrets.add(value);
  }
  return tenant;
}

export async function createMatrixFixture(dialect: DialectName): Promise<Fixture> {
  const t = await createTestApp(dialect);
  try {
    const A = await buildTenant(t, 'A');
    const B = await buildTenant(t, 'B');

    // A third ADMIN of account A whose token the platform revokes: it must open nothing.
    const rex = must(
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${A.accountId}/members`, {
        name: 'Rex',
        role: 'ADMIN',
      }),
      201,
    ).json;
    must(await t.call(P, 'POST', `/v1/platform/tokens/${rex.token.id}/revoke`), 200);
    const revokedToken = rex.token.token as string;

    const tokens: Record<Caller, string | null> = {
      none: null,
      garbage: GARBAGE_TOKEN,
      revoked: revokedToken,
      platform: P,
      creatorA: A.creatorToken,
      creatorB: B.creatorToken,
      adminA: A.adminToken,
      analystA: A.analystToken,
      adminB: B.adminToken,
      analystB: B.analystToken,
    };
    const tenants: Partial<Record<Caller, Tenant>> = {
      creatorA: A,
      adminA: A,
      analystA: A,
      creatorB: B,
      adminB: B,
      analystB: B,
    };
    let counter = 0;
    const name = (kind: string) => `mx-${kind}-${++counter}`;
    const keep = (owner: Tenant, id: string) => {
      owner.secrets.add(id);
      return id;
    };
    const fresh: Fixture['fresh'] = {
      name,
      async authorization(owner, days = 30) {
        const auth = must(
          await t.call(owner.creatorToken, 'POST', `/v1/creator/posts/${owner.postId}/authorizations`, {
            duration_days: days,
          }),
          201,
        ).json;
        return { id: keep(owner, auth.id), code: auth.auth_code };
      },
      async campaign(owner) {
        const res = await t.call(
          owner.adminToken,
          'POST',
          `/v1/ad-accounts/${owner.accountId}/campaigns`,
          campaignBody(name(`campaign-${owner.word}`)),
        );
        return keep(owner, must(res, 201).json.id);
      },
      async adGroup(owner) {
        const res = await t.call(
          owner.adminToken,
          'POST',
          `/v1/ad-accounts/${owner.accountId}/ad-groups`,
          adGroupBody(owner.campaignId, name(`adgroup-${owner.word}`)),
        );
        return keep(owner, must(res, 201).json.id);
      },
      async ad(owner) {
        const res = await t.call(
          owner.adminToken,
          'POST',
          `/v1/ad-accounts/${owner.accountId}/ads`,
          adBody(owner.adGroupId, owner.postId, name(`ad-${owner.word}`)),
        );
        return keep(owner, must(res, 201).json.id);
      },
      async member(owner) {
        const res = await t.call(P, 'POST', `/v1/platform/ad-accounts/${owner.accountId}/members`, {
          name: name(`member-${owner.word}`),
          role: 'ANALYST',
        });
        const json = must(res, 201).json;
        return { memberId: keep(owner, json.member.id), tokenId: keep(owner, json.token.id) };
      },
      async platformTokenId() {
        return must(await t.call(P, 'POST', '/v1/platform/tokens', { label: name('platform-token') }), 201)
          .json.id;
      },
    };
    return {
      t,
      A,
      B,
      revokedToken,
      tokenOf: (caller) => tokens[caller],
      tenantOf: (caller) => tenants[caller] ?? null,
      other: (tenant) => (tenant.key === 'A' ? B : A),
      fresh,
    };
  } catch (error) {
    await t.close();
    throw error;
  }
}
