import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { type LiveAd, pageFor, setupLiveAd } from '../support/scenario.js';

/** The whole loop over HTTP: decide → events → billing → credited to the post → revoke stops it. */
describeEachDialect('delivery over HTTP', (dialect) => {
  let t: TestApp;
  let live: LiveAd;
  const P = PLATFORM_TOKEN;
  const frViewer = { id: 'viewer-fr-1', country: 'FR', age_group: 'AGE_25_34', os: 'IOS' };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    live = await setupLiveAd(t, { adGroup: { targeting: { countries: ['FR'] } } });
  });
  afterAll(async () => t.close());

  it('serves the ad to a matching viewer, after the first-ad slot, with a token and a click id', async () => {
    const decision = await t.call(P, 'POST', '/v1/feed/decisions', pageFor(frViewer));
    expect(decision.status).toBe(200);
    expect(decision.json.ads).toHaveLength(1);
    const ad = decision.json.ads[0];
    expect(ad).toMatchObject({
      ad_id: live.adId,
      sponsored_label: 'Sponsored',
      call_to_action: 'SHOP_NOW',
      post: { id: live.postId },
    });
    expect(ad.slot.session_position).toBeGreaterThanOrEqual(3);
    expect(new URL(ad.landing_page_url).searchParams.get('kd_click')).toMatch(/^dec_/);
    expect(ad.tracking_token).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('does not serve it to a viewer outside the targeting, and explains why', async () => {
    const decision = await t.call(
      P,
      'POST',
      '/v1/feed/decisions',
      pageFor({ id: 'viewer-de', country: 'DE' }, { explain: { ad_group_ids: [live.adGroupId] } }),
    );
    expect(decision.json.ads).toEqual([]);
    const entry = decision.json.explain.ad_groups.find(
      (e: { ad_group_id: string }) => e.ad_group_id === live.adGroupId,
    );
    expect(entry).toMatchObject({ outcome: 'FILTERED', reason: 'TARGETING_MISMATCH' });
    expect(entry.detail).toContain('country');
  });

  it('counts events once, bills the impression once at the auction price, and credits paid engagement to the post', async () => {
    const decision = await t.call(
      P,
      'POST',
      '/v1/feed/decisions',
      pageFor({ ...frViewer, id: 'viewer-fr-2' }),
    );
    const token = decision.json.ads[0].tracking_token as string;
    const events = (types: string[], suffix = '') => ({
      events: types.map((type) => ({
        client_event_id: `${type}${suffix}`,
        tracking_token: token,
        type,
        viewer_id: 'viewer-fr-2',
      })),
    });
    const first = await t.call(
      P,
      'POST',
      '/v1/events',
      events(['impression', 'video_play', 'view_2s', 'view_6s', 'like', 'follow', 'click']),
    );
    expect(first.status).toBe(200);
    expect(first.json.summary).toEqual({ accepted: 7, flagged: 0, duplicate: 0, rejected: 0 });
    const retry = await t.call(P, 'POST', '/v1/events', events(['impression', 'like'], '-retry'));
    expect(retry.json.summary).toMatchObject({ accepted: 0, duplicate: 2 });

    // Alone in the auction, the ad pays the reserve: €0.50 CPM = 500 µ€ for its one billed impression.
    const billed = await t.db.store.db
      .selectFrom('events')
      .select(['type', 'billed_micros'])
      .where('ad_id', '=', live.adId)
      .where('billed_micros', '>', 0)
      .execute();
    expect(billed).toEqual([{ type: 'impression', billed_micros: 500 }]);
    const group = await t.db.store.db
      .selectFrom('ad_groups')
      .select('spend_micros')
      .where('id', '=', live.adGroupId)
      .executeTakeFirstOrThrow();
    expect(group.spend_micros).toBe(500);
    const post = await t.call(P, 'GET', `/v1/platform/posts/${live.postId}`);
    expect(post.json.paid).toMatchObject({ likes: 1, follows: 1, views: 1 });
    expect(post.json.total.likes).toBe(post.json.organic.likes + 1);
    const creator = await t.call(P, 'GET', `/v1/platform/creators/${live.creatorId}`);
    expect(creator.json.follows_from_ads).toBe(1);
  });

  it('flags a click without an impression and another viewer’s use of a token, unbilled', async () => {
    const decision = await t.call(
      P,
      'POST',
      '/v1/feed/decisions',
      pageFor({ ...frViewer, id: 'viewer-fr-3' }),
    );
    const token = decision.json.ads[0].tracking_token as string;
    const result = await t.call(P, 'POST', '/v1/events', {
      events: [
        { client_event_id: 'c1', tracking_token: token, type: 'click', viewer_id: 'viewer-fr-3' },
        { client_event_id: 'i1', tracking_token: token, type: 'impression', viewer_id: 'someone-else' },
        { client_event_id: 'x1', tracking_token: `${token.slice(0, -2)}xx`, type: 'impression' },
      ],
    });
    expect(
      result.json.data.map((d: { status: string; code?: string }) => `${d.status}:${d.code ?? ''}`),
    ).toEqual(['FLAGGED:NO_PRIOR_IMPRESSION', 'FLAGGED:VIEWER_MISMATCH', 'REJECTED:TOKEN_BAD_SIGNATURE']);
  });

  it('attributes organic engagement after an ad view to the ad, never twice', async () => {
    const decision = await t.call(
      P,
      'POST',
      '/v1/feed/decisions',
      pageFor({ ...frViewer, id: 'viewer-fr-4' }),
    );
    const token = decision.json.ads[0].tracking_token as string;
    await t.call(P, 'POST', '/v1/events', {
      events: [{ client_event_id: 'imp4', tracking_token: token, type: 'impression' }],
    });
    const before = (await t.call(P, 'GET', `/v1/platform/posts/${live.postId}`)).json;
    const organic = await t.call(P, 'POST', '/v1/platform/post-events', {
      events: [
        { client_event_id: 'org-like-4', viewer_id: 'viewer-fr-4', post_id: live.postId, type: 'like' },
        { client_event_id: 'org-like-5', viewer_id: 'never-saw-it', post_id: live.postId, type: 'like' },
      ],
    });
    expect(organic.json.data[0]).toMatchObject({ status: 'ACCEPTED', attributed_ad_id: live.adId });
    expect(organic.json.data[1]).toMatchObject({ status: 'ACCEPTED', attributed_ad_id: null });
    // The same like, also reported as an ad event, is the same engagement: counted once.
    const again = await t.call(P, 'POST', '/v1/events', {
      events: [{ client_event_id: 'like4', tracking_token: token, type: 'like' }],
    });
    expect(again.json.summary.duplicate).toBe(1);
    const after = (await t.call(P, 'GET', `/v1/platform/posts/${live.postId}`)).json;
    expect(after.paid.likes).toBe(before.paid.likes + 1);
  });

  it('attributes a conversion to the clicked ad within the click window', async () => {
    const decision = await t.call(
      P,
      'POST',
      '/v1/feed/decisions',
      pageFor({ ...frViewer, id: 'viewer-fr-5' }),
    );
    const ad = decision.json.ads[0];
    const clickId = new URL(ad.landing_page_url).searchParams.get('kd_click');
    await t.call(P, 'POST', '/v1/events', {
      events: [{ client_event_id: 'i5', tracking_token: ad.tracking_token, type: 'impression' }],
    });
    t.clock.advance(2000);
    await t.call(P, 'POST', '/v1/events', {
      events: [{ client_event_id: 'c5', tracking_token: ad.tracking_token, type: 'click' }],
    });
    const conversion = await t.call(live.adminToken, 'POST', '/v1/conversions', {
      conversions: [
        { conversion_id: 'order-1', click_id: clickId, event_name: 'purchase', value: '59.90' },
        { conversion_id: 'order-1', click_id: clickId, event_name: 'purchase', value: '59.90' },
        { conversion_id: 'order-2', click_id: 'dec_unknown' },
      ],
    });
    expect(conversion.json.data.map((d: { status: string }) => d.status)).toEqual([
      'ACCEPTED',
      'DUPLICATE',
      'REJECTED',
    ]);
    const analyst = await t.call(live.analystToken, 'POST', '/v1/conversions', {
      conversions: [{ conversion_id: 'x', click_id: clickId }],
    });
    expect(analyst.status).toBe(403);
  });

  it('revoking the authorization stops the ad at once', async () => {
    const revoked = await t.call(
      live.creatorToken,
      'POST',
      `/v1/creator/authorizations/${live.authorizationId}/revoke`,
    );
    expect(revoked.status).toBe(200);
    await t.system.delivery.settled();
    const decision = await t.call(
      P,
      'POST',
      '/v1/feed/decisions',
      pageFor({ ...frViewer, id: 'viewer-fr-6' }, { explain: { ad_group_ids: [live.adGroupId] } }),
    );
    expect(decision.json.ads).toEqual([]);
    expect(decision.json.explain.ad_groups[0]).toMatchObject({
      ad_group_id: live.adGroupId,
      reason: 'NO_ELIGIBLE_ADS',
      ads: [{ ad_id: live.adId, post_id: live.postId, reason: 'AUTHORIZATION_REVOKED' }],
    });
  });
});
