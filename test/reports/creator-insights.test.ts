import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { type LiveAd, setupLiveAd } from '../support/scenario.js';
import { aggregate, expensiveImpressions, sendAdEvents, serve } from './http.js';

const P = PLATFORM_TOKEN;

/** Two brands promote one post of a creator; the creator sees what the ads did, and shares a media kit. */
describeEachDialect('creator analytics, paid/organic split and the media kit over HTTP', (dialect) => {
  let t: TestApp;
  let live: LiveAd;
  let brand2: {
    accountId: string;
    adminToken: string;
    analystToken: string;
    adId: string;
    authorizationId: string;
  };
  let handle: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await expensiveImpressions(t);
    live = await setupLiveAd(t, { adGroup: { bid_price: '1500' } });
    handle = (await t.call(live.creatorToken, 'GET', '/v1/creator')).json.handle;

    // A second brand, with a second code for the same post.
    const account = await t.call(P, 'POST', '/v1/platform/ad-accounts', {
      name: 'Brand <Two>',
      currency: 'JPY',
      time_zone: 'Asia/Tokyo',
    });
    const admin = (
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${account.json.id}/members`, {
        name: 'A',
        role: 'ADMIN',
      })
    ).json.token.token;
    const analyst = (
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${account.json.id}/members`, {
        name: 'B',
        role: 'ANALYST',
      })
    ).json.token.token;
    const code = await t.call(
      live.creatorToken,
      'POST',
      `/v1/creator/posts/${live.postId}/authorizations`,
      {},
    );
    expect(
      (
        await t.call(admin, 'POST', `/v1/ad-accounts/${account.json.id}/spark-posts`, {
          auth_code: code.json.auth_code,
        })
      ).status,
    ).toBe(201);
    const campaign = await t.call(admin, 'POST', `/v1/ad-accounts/${account.json.id}/campaigns`, {
      campaign_name: 'Tokyo',
      objective_type: 'REACH',
      budget_mode: 'BUDGET_MODE_INFINITE',
    });
    const group = await t.call(admin, 'POST', `/v1/ad-accounts/${account.json.id}/ad-groups`, {
      campaign_id: campaign.json.id,
      adgroup_name: 'JP',
      placements: ['IN_FEED'],
      schedule_type: 'SCHEDULE_FROM_NOW',
      targeting: { countries: ['JP'] },
      budget_mode: 'BUDGET_MODE_DAY',
      budget: '50000',
      pacing: 'PACING_MODE_FAST',
      billing_event: 'CPM',
      optimization_goal: 'REACH',
      bid_price: '150000',
    });
    expect(group.status).toBe(201);
    const ad = await t.call(admin, 'POST', `/v1/ad-accounts/${account.json.id}/ads`, {
      ad_group_id: group.json.id,
      post_id: live.postId,
      landing_page_url: 'https://two.example/',
    });
    expect(ad.status).toBe(201);
    await t.system.delivery.settled();
    brand2 = {
      accountId: account.json.id,
      adminToken: admin,
      analystToken: analyst,
      adId: ad.json.id,
      authorizationId: code.json.id,
    };

    const now = new Date(t.clock.now()).toISOString();
    const fr = (id: string) => ({
      id,
      country: 'FR',
      age_group: 'AGE_18_24',
      gender: 'GENDER_FEMALE',
      os: 'IOS',
    });
    const jp = (id: string) => ({
      id,
      country: 'JP',
      age_group: 'AGE_25_34',
      gender: 'GENDER_MALE',
      os: 'ANDROID',
    });
    await sendAdEvents(t, await serve(t, fr('v1'), live.adId), 'v1', [
      ['impression', now],
      ['follow', now],
    ]);
    await sendAdEvents(t, await serve(t, fr('v2'), live.adId), 'v2', [
      ['impression', now],
      ['like', now],
    ]);
    await sendAdEvents(t, await serve(t, jp('v2'), brand2.adId), 'v2', [['impression', now]]);
    await sendAdEvents(t, await serve(t, jp('v3'), brand2.adId), 'v3', [
      ['impression', now],
      ['follow', now],
    ]);
    await aggregate(t);
  });
  afterAll(async () => t.close());

  it('shows the creator per post and per authorization what the ads brought, reach as a union across brands', async () => {
    const r = await t.call(live.creatorToken, 'GET', '/v1/creator/analytics');
    expect(r.status).toBe(200);
    expect(r.json.spend_visible).toBe(false);
    // v2 saw both brands' ads: 3 viewers, not 4.
    expect(r.json.totals).toMatchObject({
      extra_reach: 3,
      followers_from_ads: 2,
      paid: { impressions: 4, likes: 1, follows: 2 },
    });
    expect(r.json.totals.organic).toEqual({
      views: 10_000,
      likes: 700,
      comments: 40,
      shares: 20,
      follows: 10,
    });
    const [post] = r.json.posts;
    expect(post.post_id).toBe(live.postId);
    const names = post.brands.map((b: { name: string }) => b.name);
    expect(names).toHaveLength(2);
    expect(names).toEqual(expect.arrayContaining(['Brand <Two>', expect.stringMatching(/^Brand \d/)]));
    const byAccount = Object.fromEntries(
      r.json.authorizations.map((a: { ad_account: { id: string } }) => [a.ad_account.id, a]),
    );
    expect(byAccount[live.accountId]).toMatchObject({
      status: 'BOUND',
      paid: { impressions: 2, reach: 2, follows: 1, likes: 1 },
    });
    expect(byAccount[brand2.accountId]).toMatchObject({
      id: brand2.authorizationId,
      paid: { impressions: 2, reach: 2, follows: 1 },
    });
    expect(byAccount[live.accountId]).not.toHaveProperty('spend');
    expect(byAccount[live.accountId]).not.toHaveProperty('targeting');
    expect(JSON.stringify(r.json)).not.toMatch(/"spend"|targeting"|bid/);
  });

  it('shows spend and targeting to creators only when the platform allows it', async () => {
    expect((await t.call(P, 'PATCH', '/v1/platform/settings', { creators_see_spend: true })).status).toBe(
      200,
    );
    const r = await t.call(live.creatorToken, 'GET', '/v1/creator/analytics');
    const byAccount = Object.fromEntries(
      r.json.authorizations.map((a: { ad_account: { id: string } }) => [a.ad_account.id, a]),
    );
    expect(byAccount[live.accountId].spend).toEqual({ amount: '2.00', currency: 'EUR' });
    // The reserve (1000 per mille) is in each account's currency: 2 impressions cost ¥2.
    expect(byAccount[brand2.accountId].spend).toEqual({ amount: '2', currency: 'JPY' });
    expect(byAccount[live.accountId].targeting[0].targeting.countries).toEqual(['FR']);
    await t.call(P, 'PATCH', '/v1/platform/settings', { creators_see_spend: false });
  });

  it('gives each brand paid and organic side by side for its promoted post, with only its own paid numbers', async () => {
    const r = await t.call(live.analystToken, 'GET', `/v1/ad-accounts/${live.accountId}/reports/posts`);
    expect(r.status).toBe(200);
    expect(r.json.data).toEqual([
      {
        post_id: live.postId,
        creator: { id: live.creatorId, handle },
        ads: 1,
        organic: { views: 10_000, likes: 700, comments: 40, shares: 20, follows: 10 },
        paid: {
          views: 0,
          likes: 1,
          comments: 0,
          shares: 0,
          follows: 1,
          profile_visits: 0,
          impressions: 2,
          reach: 2,
          spend: '2.00',
        },
        // Public totals include both brands' paid engagement: 10 + 2 follows.
        total: { views: 10_000, likes: 701, comments: 40, shares: 20, follows: 12 },
        paid_share: { views: '0.00', likes: '0.14', comments: '0.00', shares: '0.00', follows: '8.33' },
        follows_gained_through_ads: 1,
      },
    ]);
    const other = await t.call(brand2.analystToken, 'GET', `/v1/ad-accounts/${live.accountId}/reports/posts`);
    expect(other.status).toBe(404);
    const own = await t.call(brand2.analystToken, 'GET', `/v1/ad-accounts/${brand2.accountId}/reports/posts`);
    expect(own.json.data[0].paid).toMatchObject({ impressions: 2, follows: 1, likes: 0, spend: '2' });
  });

  it('shows another creator nothing of this creator', async () => {
    const stranger = await setupLiveAd(t);
    const r = await t.call(stranger.creatorToken, 'GET', '/v1/creator/analytics');
    expect(r.json.posts.map((p: { post_id: string }) => p.post_id)).toEqual([stranger.postId]);
    expect(JSON.stringify(r.json)).not.toContain(live.postId);
    expect((await t.call(live.analystToken, 'GET', '/v1/creator/analytics')).status).toBe(403);
  });

  it('keeps the media kit private until published, with brands opt-in, then serves it live as JSON and a page', async () => {
    expect((await t.call(null, 'GET', `/v1/media-kits/${handle}`)).status).toBe(404);
    const hidden = await t.call(null, 'GET', `/m/${handle}`);
    expect(hidden.status).toBe(404);
    expect(hidden.raw.body).toContain('No media kit here');

    const mine = await t.call(live.creatorToken, 'GET', '/v1/creator/media-kit');
    expect(mine.json.settings).toMatchObject({ published: false, public_url: `/m/${handle}` });
    expect(mine.json.settings.brands.map((b: { shown: boolean }) => b.shown)).toEqual([false, false]);
    expect(mine.json.preview.spark_ads).toMatchObject({ brands: [], extra_reach: 3, followers_from_ads: 2 });

    const refused = await t.call(live.creatorToken, 'PUT', '/v1/creator/media-kit', {
      shown_ad_account_ids: ['acc_not_mine'],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0]).toMatchObject({
      field: 'shown_ad_account_ids[0]',
      code: 'NOT_A_BRAND_OF_YOURS',
    });
    await t.call(P, 'PUT', `/v1/platform/creators/${live.creatorId}`, {
      handle,
      display_name: 'Ana <script>alert(1)</script>',
      follower_count: 48_200,
      avatar_url: 'https://cdn.example/ana.jpg',
    });
    const set = await t.call(live.creatorToken, 'PUT', '/v1/creator/media-kit', {
      headline: 'Dance "&" fitness',
      shown_ad_account_ids: [brand2.accountId],
    });
    expect(set.status).toBe(200);
    expect(
      (
        await t.call(P, 'PUT', `/v1/platform/creators/${live.creatorId}/audience`, {
          countries: [
            { code: 'FR', share: 0.7 },
            { code: 'BE', share: 0.3 },
          ],
          age_groups: [{ age: 'AGE_18_24', share: 1 }],
          genders: [{ gender: 'GENDER_FEMALE', share: 0.8 }],
        })
      ).status,
    ).toBe(204);
    expect((await t.call(live.creatorToken, 'POST', '/v1/creator/media-kit/publish')).json.published).toBe(
      true,
    );

    const kit = await t.call(null, 'GET', `/v1/media-kits/${handle.toUpperCase()}`);
    expect(kit.status).toBe(200);
    expect(kit.json).toMatchObject({
      handle,
      followers: 48_200,
      average_views: 10_000,
      // (701 + 40 + 20) / 10,000 views
      engagement_rate: '7.61',
      headline: 'Dance "&" fitness',
      spark_ads: {
        brands: [{ name: 'Brand <Two>' }],
        extra_reach: 3,
        followers_from_ads: 2,
        paid_impressions: 4,
      },
    });
    expect(kit.json.audience.followers.countries[0]).toEqual({ code: 'FR', share: 0.7 });
    expect(kit.json.audience.viewers).toMatchObject({
      impressions: 4,
      countries: [
        { code: 'FR', share: 0.5 },
        { code: 'JP', share: 0.5 },
      ],
    });
    expect(JSON.stringify(kit.json)).not.toContain(live.accountId);

    const page = await t.call(null, 'GET', `/m/${handle}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const html = page.raw.body;
    expect(html).toContain('<meta property="og:title" content="Ana &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<meta name="twitter:card" content="summary">');
    expect(html).toContain('<meta property="og:image" content="https://cdn.example/ana.jpg">');
    expect(html).toContain(
      'Dance &quot;&amp;&quot; fitness · 48.2K followers · 10K average views · 7.61% engagement',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('Brand &lt;Two&gt;');
    expect(html).not.toMatch(/Brand \d/);

    // Live: new delivery shows up without republishing.
    const now = new Date(t.clock.now()).toISOString();
    await sendAdEvents(t, await serve(t, { id: 'v9', country: 'FR' }, live.adId), 'v9', [
      ['impression', now],
    ]);
    await aggregate(t);
    expect((await t.call(null, 'GET', `/v1/media-kits/${handle}`)).json.spark_ads.paid_impressions).toBe(5);

    await t.call(live.creatorToken, 'POST', '/v1/creator/media-kit/unpublish');
    expect((await t.call(null, 'GET', `/v1/media-kits/${handle}`)).status).toBe(404);
    expect((await t.call(null, 'GET', `/m/${handle}`)).status).toBe(404);
    const audit = await t.call(live.creatorToken, 'GET', '/v1/creator/audit-log');
    expect(audit.json.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['media_kit.publish', 'media_kit.unpublish']),
    );
  });

  it('lets only the platform sync audiences, and only creators manage their own kit', async () => {
    const body = { countries: [], age_groups: [], genders: [] };
    expect(
      (await t.call(live.creatorToken, 'PUT', `/v1/platform/creators/${live.creatorId}/audience`, body))
        .status,
    ).toBe(403);
    expect((await t.call(P, 'PUT', '/v1/platform/creators/nobody/audience', body)).status).toBe(404);
    expect((await t.call(live.adminToken, 'POST', '/v1/creator/media-kit/publish')).status).toBe(403);
    expect((await t.call(null, 'GET', '/v1/creator/media-kit')).status).toBe(401);
  });
});
