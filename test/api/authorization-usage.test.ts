import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { type LiveAd, setupLiveAd } from '../support/scenario.js';

const P = PLATFORM_TOKEN;

/** The creator's side of who uses an authorization: the ads built on it and their brands. */
describeEachDialect('creator authorizations show the ads that use them', (dialect) => {
  let t: TestApp;
  let live: LiveAd;
  let brandName: string;

  const usageOf = async (authorizationId: string) => {
    const one = await t.call(live.creatorToken, 'GET', `/v1/creator/authorizations/${authorizationId}`);
    expect(one.status).toBe(200);
    const list = await t.call(live.creatorToken, 'GET', '/v1/creator/authorizations');
    const listed = list.json.data.find((a: { id: string }) => a.id === authorizationId);
    expect(listed.ad_usage).toEqual(one.json.ad_usage);
    return one.json.ad_usage;
  };

  /** Another ad of the live ad's account on the same post, in a new ad group. */
  const addAd = async (account: { id: string; token: string }, campaignId: string) => {
    const adGroup = await t.call(account.token, 'POST', `/v1/ad-accounts/${account.id}/ad-groups`, {
      campaign_id: campaignId,
      adgroup_name: `More ${Date.now()}`,
      placements: ['IN_FEED'],
      schedule_type: 'SCHEDULE_FROM_NOW',
      budget_mode: 'BUDGET_MODE_DAY',
      budget: '50',
      pacing: 'PACING_MODE_FAST',
      billing_event: 'CPM',
      optimization_goal: 'REACH',
      bid_price: '5.00',
    });
    expect(adGroup.status).toBe(201);
    const ad = await t.call(account.token, 'POST', `/v1/ad-accounts/${account.id}/ads`, {
      ad_group_id: adGroup.json.id,
      post_id: live.postId,
      landing_page_url: 'https://brand.example/shop',
    });
    expect(ad.status).toBe(201);
    return ad.json.id as string;
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    live = await setupLiveAd(t);
    brandName = (await t.call(live.adminToken, 'GET', `/v1/ad-accounts/${live.accountId}`)).json.name;
  });
  afterAll(async () => t.close());

  it('counts the brand’s ads on a redeemed authorization, in the list and one by one', async () => {
    expect(await usageOf(live.authorizationId)).toEqual({
      ad_count: 1,
      brands: [{ ad_account_id: live.accountId, name: brandName, ad_count: 1 }],
    });
    const second = await addAd({ id: live.accountId, token: live.adminToken }, live.campaignId);
    expect((await usageOf(live.authorizationId)).ad_count).toBe(2);
    // Paused ads still use it; deleted ones no longer do.
    const paused = await t.call(
      live.adminToken,
      'POST',
      `/v1/ad-accounts/${live.accountId}/ads/${second}/status`,
      { operation_status: 'DISABLE' },
    );
    expect(paused.status).toBe(200);
    expect((await usageOf(live.authorizationId)).ad_count).toBe(2);
    const deleted = await t.call(
      live.adminToken,
      'POST',
      `/v1/ad-accounts/${live.accountId}/ads/${second}/status`,
      { operation_status: 'DELETE' },
    );
    expect(deleted.status).toBe(200);
    expect(await usageOf(live.authorizationId)).toMatchObject({
      ad_count: 1,
      brands: [{ name: brandName, ad_count: 1 }],
    });
  });

  it('shows a code nobody redeemed as unused, and a second brand’s ads on its own code only', async () => {
    const code = await t.call(live.creatorToken, 'POST', `/v1/creator/posts/${live.postId}/authorizations`, {
      note: 'For the second brand',
    });
    expect(code.status).toBe(201);
    expect(code.json.ad_usage).toEqual({ ad_count: 0, brands: [] });
    expect(await usageOf(code.json.id)).toEqual({ ad_count: 0, brands: [] });

    const account = await t.call(P, 'POST', '/v1/platform/ad-accounts', {
      name: 'Second Brand',
      currency: 'EUR',
      time_zone: 'Europe/Paris',
    });
    const token = (
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${account.json.id}/members`, {
        name: 'Admin',
        role: 'ADMIN',
      })
    ).json.token.token as string;
    const redeemed = await t.call(token, 'POST', `/v1/ad-accounts/${account.json.id}/spark-posts`, {
      auth_code: code.json.auth_code,
    });
    expect(redeemed.status).toBeLessThan(300);
    expect(await usageOf(code.json.id)).toEqual({ ad_count: 0, brands: [] });
    const campaign = await t.call(token, 'POST', `/v1/ad-accounts/${account.json.id}/campaigns`, {
      campaign_name: 'Second campaign',
      objective_type: 'REACH',
      budget_mode: 'BUDGET_MODE_INFINITE',
    });
    await addAd({ id: account.json.id, token }, campaign.json.id);
    await addAd({ id: account.json.id, token }, campaign.json.id);
    expect(await usageOf(code.json.id)).toEqual({
      ad_count: 2,
      brands: [{ ad_account_id: account.json.id, name: 'Second Brand', ad_count: 2 }],
    });
    expect((await usageOf(live.authorizationId)).brands).toEqual([
      { ad_account_id: live.accountId, name: brandName, ad_count: 1 },
    ]);
  });

  it('keeps showing the ads a revocation stopped', async () => {
    const revoked = await t.call(
      live.creatorToken,
      'POST',
      `/v1/creator/authorizations/${live.authorizationId}/revoke`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.json.ad_usage).toMatchObject({ ad_count: 1, brands: [{ name: brandName }] });
  });
});
