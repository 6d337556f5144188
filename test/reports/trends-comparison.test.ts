import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ApiResponse, createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { type LiveAd, setupLiveAd } from '../support/scenario.js';
import { aggregate, utc } from './http.js';
import { EventWriter } from './support.js';

const P = PLATFORM_TOKEN;

describeEachDialect(
  'trends over HTTP: rising sounds and hashtags, flagged in the library and at ad creation',
  (dialect) => {
    let t: TestApp;
    let live: LiveAd;

    const syncPosts = async (views: { hot: number | null; steady: number }) => {
      const post = (creator: string, hot: boolean, n: number) => ({
        id: `${hot ? 'hot' : 'steady'}-${creator}`,
        creator_id: creator,
        caption: 'New routine, link in bio',
        media_url: `https://cdn.example/${creator}-${n}.mp4`,
        duration_seconds: 20,
        visibility: 'PUBLIC',
        sound_id: hot ? 'snd_hot' : 'snd_old',
        hashtags: hot ? ['#HotDance', 'fyp'] : ['evergreen', 'fyp'],
        organic: {
          views: hot ? (views.hot ?? 0) : views.steady,
          likes: 10,
          comments: 1,
          shares: 1,
          follows: 0,
        },
        published_at: hot ? '2026-11-13T12:00:00Z' : '2026-09-01T12:00:00Z',
      });
      const r = await t.call(P, 'POST', '/v1/platform/posts/bulk', {
        items: ['c1', 'c2'].flatMap((c, i) => [
          ...(views.hot === null ? [] : [post(c, true, i)]),
          post(c, false, i),
        ]),
      });
      expect(r.json.summary.failed).toBe(0);
    };

    beforeAll(async () => {
      t = await createTestApp(dialect);
      for (const c of ['c1', 'c2']) {
        await t.call(P, 'PUT', `/v1/platform/creators/${c}`, {
          handle: `trend_${c}`,
          display_name: c,
          follower_count: 1000,
        });
      }
      // Daily snapshots come from the host's syncs: Nov 4 (before the hot posts exist), 15, 22, 25.
      t.clock.set(utc('2026-11-04T10:00:00Z'));
      await syncPosts({ hot: null, steady: 80_000 });
      t.clock.set(utc('2026-11-15T10:00:00Z'));
      await syncPosts({ hot: 100, steady: 100_000 });
      t.clock.set(utc('2026-11-22T10:00:00Z'));
      await syncPosts({ hot: 1000, steady: 103_000 });
      t.clock.set(utc('2026-11-25T10:00:00Z'));
      await syncPosts({ hot: 15_000, steady: 105_000 });
      live = await setupLiveAd(t);
    });
    afterAll(async () => t.close());

    it('lists what is rising across creators, not what is merely big', async () => {
      const r = await t.call(live.analystToken, 'GET', '/v1/trends');
      expect(r.status).toBe(200);
      expect(r.json.as_of).toBe('2026-11-25');
      const keys = r.json.data.map((d: { kind: string; key: string }) => `${d.kind}:${d.key}`);
      expect(keys).toEqual(expect.arrayContaining(['SOUND:snd_hot', 'HASHTAG:hotdance']));
      expect(keys).not.toContain('HASHTAG:evergreen');
      expect(keys).not.toContain('SOUND:snd_old');
      expect(r.json.data.find((d: { key: string }) => d.key === 'snd_hot')).toMatchObject({
        trending: true,
        views: 29_800,
        views_prior: 200,
        creators: 2,
        new_posts: 0,
      });
      const all = await t.call(live.creatorToken, 'GET', '/v1/trends?trending_only=false&kind=HASHTAG');
      // Big but slowing: 2 × 5,000 views this week against 2 × 20,000 the week before.
      expect(all.json.data.find((d: { key: string }) => d.key === 'evergreen')).toMatchObject({
        trending: false,
        views: 10_000,
        views_prior: 40_000,
      });
      expect(all.json.data.find((d: { key: string }) => d.key === 'fyp')?.trending).toBe(false);
      expect(all.json.data.every((d: { kind: string }) => d.kind === 'HASHTAG')).toBe(true);
      expect((await t.call(null, 'GET', '/v1/trends')).status).toBe(401);
    });

    it('flags a trending post in the brand’s library and in the hints when an ad is created', async () => {
      const c1 = (await t.call(P, 'POST', '/v1/platform/creators/c1/tokens', {})).json.token;
      const code = await t.call(c1, 'POST', '/v1/creator/posts/hot-c1/authorizations', {});
      const redeemed = await t.call(
        live.adminToken,
        'POST',
        `/v1/ad-accounts/${live.accountId}/spark-posts`,
        { auth_code: code.json.auth_code },
      );
      expect(redeemed.json.trending).toEqual({
        is_trending: true,
        sound_id: 'snd_hot',
        hashtags: ['hotdance'],
      });
      const library = await t.call(live.analystToken, 'GET', `/v1/ad-accounts/${live.accountId}/spark-posts`);
      const trending = Object.fromEntries(
        library.json.data.map((s: { post: { id: string }; trending: { is_trending: boolean } }) => [
          s.post.id,
          s.trending.is_trending,
        ]),
      );
      expect(trending).toEqual({ 'hot-c1': true, [live.postId]: false });
      const ad = await t.call(live.adminToken, 'POST', `/v1/ad-accounts/${live.accountId}/ads`, {
        ad_group_id: live.adGroupId,
        post_id: 'hot-c1',
        call_to_action: 'SHOP_NOW',
        landing_page_url: 'https://brand.example/hot',
      });
      expect(ad.status).toBe(201);
      const codes = ad.json.warnings.map((w: { code: string }) => w.code);
      expect(codes).toEqual(expect.arrayContaining(['TRENDING_SOUND', 'TRENDING_HASHTAG']));
      expect(ad.json.warnings.find((w: { code: string }) => w.code === 'TRENDING_HASHTAG').message).toContain(
        '#hotdance',
      );
    });
  },
);

describeEachDialect('comparing the ads of an ad group over HTTP', (dialect) => {
  let t: TestApp;
  let live: LiveAd;
  let rival: { adId: string; postId: string; creatorId: string };
  let compare: (query?: string, token?: string, adGroupId?: string) => Promise<ApiResponse>;
  let writer: EventWriter;
  const ids = (adId: string, postId: string, creatorId: string) => ({
    ad_id: adId,
    ad_group_id: live.adGroupId,
    campaign_id: live.campaignId,
    ad_account_id: live.accountId,
    post_id: postId,
    creator_id: creatorId,
  });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    live = await setupLiveAd(t, {
      campaign: { objective_type: 'ENGAGEMENT' },
      adGroup: { optimization_goal: 'FOLLOWERS', billing_event: 'OCPM', bid_price: '1500' },
    });
    // A second creator's post in the same ad group.
    const other = await setupLiveAd(t, {
      account: { accountId: live.accountId, adminToken: live.adminToken, analystToken: live.analystToken },
    });
    const ad = await t.call(live.adminToken, 'POST', `/v1/ad-accounts/${live.accountId}/ads`, {
      ad_group_id: live.adGroupId,
      post_id: other.postId,
      landing_page_url: 'https://brand.example/b',
    });
    rival = { adId: ad.json.id, postId: other.postId, creatorId: other.creatorId };
    // Delivery volume goes straight into the event log: thousands of decisions over HTTP would only
    // slow the test (the other suites drive the pipeline end to end).
    writer = new EventWriter(t.db.store, t.clock);
    compare = (query = '', token = live.analystToken, adGroupId = live.adGroupId) =>
      t.call(token, 'GET', `/v1/ad-accounts/${live.accountId}/ad-groups/${adGroupId}/comparison${query}`);
  });
  afterAll(async () => t.close());

  it('says there is not enough data yet after a few events', async () => {
    const at = t.clock.now();
    await writer.write(ids(live.adId, live.postId, live.creatorId), [
      { type: 'impression', occurred_at: at, viewer_id: 'x1', billed_micros: 1_000_000 },
      { type: 'follow', occurred_at: at, viewer_id: 'x1', paid: 1 },
    ]);
    await aggregate(t);
    const r = await compare();
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({
      status: 'NOT_ENOUGH_DATA',
      optimization_goal: 'FOLLOWERS',
      result_metric: 'follows',
      by: 'AD',
      leader_id: live.adId,
    });
    expect(r.json.variants[0]).toMatchObject({
      id: live.adId,
      impressions: 1,
      results: 1,
      spend: '1.00',
      cost_per_result: '1.00',
      result_rate: '100.00',
    });
  });

  it('names the winner on cost per result once the difference is reliable, by ad, post and creator', async () => {
    const at = t.clock.now();
    const traffic = (follows: number) => [
      ...Array.from({ length: 3000 }, (_, i) => ({
        type: 'impression',
        occurred_at: at,
        viewer_id: `w${i}`,
        billed_micros: 1_000_000,
      })),
      ...Array.from({ length: follows }, (_, i) => ({
        type: 'follow',
        occurred_at: at,
        viewer_id: `w${i}`,
        paid: 1,
      })),
    ];
    await writer.write(ids(live.adId, live.postId, live.creatorId), traffic(90));
    await writer.write(ids(rival.adId, rival.postId, rival.creatorId), traffic(45));
    await aggregate(t);
    for (const by of ['AD', 'POST', 'CREATOR'] as const) {
      const r = await compare(`?by=${by}`);
      expect(r.json, by).toMatchObject({ status: 'WINNER', basis: 'COST_PER_RESULT' });
      const [winner, loser] = r.json.variants;
      expect(winner.probability_best).toBeGreaterThan(0.99);
      expect(loser.versus_leader.p_value).toBeLessThan(0.01);
      expect(winner.results).toBe(91);
      expect(loser.results).toBe(45);
    }
    const byAd = await compare();
    expect(byAd.json.leader_id).toBe(live.adId);
    expect(byAd.json.variants[1]).toMatchObject({
      id: rival.adId,
      cost_per_result: '66.67',
      result_rate: '1.50',
    });
    expect((await compare('?by=CREATOR')).json.leader_id).toBe(live.creatorId);
  });

  it('only shows an ad account its own ad groups', async () => {
    const stranger = await setupLiveAd(t);
    expect((await compare('', stranger.analystToken)).status).toBe(404);
    const ownPathOtherGroup = await t.call(
      stranger.analystToken,
      'GET',
      `/v1/ad-accounts/${stranger.accountId}/ad-groups/${live.adGroupId}/comparison`,
    );
    expect(ownPathOtherGroup.status).toBe(404);
    expect((await compare('?start_date=2026-11-01')).status).toBe(400);
  });
});
