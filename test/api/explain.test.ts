import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { type LiveAd, pageFor, setupLiveAd } from '../support/scenario.js';

const P = PLATFORM_TOKEN;

interface ExplainLine {
  ad_group_id: string;
  ad_id: string | null;
  outcome: string;
  reason: string;
  ads?: { ad_id: string; ad_name: string; post_id: string; reason: string; detail: string }[];
  [field: string]: unknown;
}

function lineOf(json: { explain: { ad_groups: ExplainLine[] } }, adGroupId: string): ExplainLine {
  const line = json.explain.ad_groups.find((e) => e.ad_group_id === adGroupId);
  if (!line) throw new Error(`no explain line for ${adGroupId}: ${JSON.stringify(json.explain)}`);
  return line;
}

/** A second post of a new creator, authorized and redeemed into the live ad's account, as an ad of its ad group. */
async function addAdOfNewPost(t: TestApp, live: LiveAd, tag: string) {
  const creatorId = `crt-${tag}`;
  const postId = `post-${tag}`;
  await t.call(P, 'PUT', `/v1/platform/creators/${creatorId}`, {
    handle: `h${tag.replace(/-/g, '')}`,
    display_name: `Creator ${tag}`,
    follower_count: 500,
  });
  const post = await t.call(P, 'PUT', `/v1/platform/posts/${postId}`, {
    creator_id: creatorId,
    caption: 'Second post: link in bio',
    media_url: `https://cdn.example/${postId}.mp4`,
    duration_seconds: 20,
    visibility: 'PUBLIC',
    organic: { views: 5000, likes: 300, comments: 20, shares: 10, follows: 5 },
    published_at: '2026-11-21T10:00:00Z',
  });
  expect(post.status).toBeLessThan(300);
  const creatorToken = (await t.call(P, 'POST', `/v1/platform/creators/${creatorId}/tokens`, {})).json
    .token as string;
  const auth = await t.call(creatorToken, 'POST', `/v1/creator/posts/${postId}/authorizations`, {});
  expect(auth.status).toBe(201);
  const redeemed = await t.call(live.adminToken, 'POST', `/v1/ad-accounts/${live.accountId}/spark-posts`, {
    auth_code: auth.json.auth_code,
  });
  expect(redeemed.status).toBeLessThan(300);
  const ad = await t.call(live.adminToken, 'POST', `/v1/ad-accounts/${live.accountId}/ads`, {
    ad_group_id: live.adGroupId,
    post_id: postId,
    ad_name: `Ad of ${tag}`,
    call_to_action: 'LEARN_MORE',
    landing_page_url: 'https://brand.example/more',
  });
  expect(ad.status).toBe(201);
  await t.system.delivery.settled();
  return { postId, adId: ad.json.id as string, creatorToken, authorizationId: auth.json.id as string };
}

/** Each block targets its own country, so that its viewers meet only its ads. */
describeEachDialect('feed decisions: explain with names, prices and per-ad reasons; dry runs', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  describe('explain', () => {
    let live: LiveAd;
    beforeAll(async () => {
      live = await setupLiveAd(t, { adGroup: { targeting: { countries: ['FR'] }, bid_price: '6.00' } });
    });

    it('names the ad account, campaign, ad group, ad and post, with the bid and the served ad’s charge and price', async () => {
      const decision = await t.call(
        P,
        'POST',
        '/v1/feed/decisions',
        pageFor({ id: 'explain-names-1', country: 'FR' }, { explain: true }),
      );
      expect(decision.status).toBe(200);
      expect(decision.json.ads).toHaveLength(1);
      const line = lineOf(decision.json, live.adGroupId);
      const account = await t.call(live.adminToken, 'GET', `/v1/ad-accounts/${live.accountId}`);
      const campaign = await t.call(
        live.adminToken,
        'GET',
        `/v1/ad-accounts/${live.accountId}/campaigns/${live.campaignId}`,
      );
      const adGroup = await t.call(
        live.adminToken,
        'GET',
        `/v1/ad-accounts/${live.accountId}/ad-groups/${live.adGroupId}`,
      );
      const ad = await t.call(live.adminToken, 'GET', `/v1/ad-accounts/${live.accountId}/ads/${live.adId}`);
      expect(line).toMatchObject({
        outcome: 'SERVED',
        reason: 'WON_AUCTION',
        ad_account_id: live.accountId,
        ad_account_name: account.json.name,
        campaign_id: live.campaignId,
        campaign_name: campaign.json.campaign_name,
        adgroup_name: adGroup.json.adgroup_name,
        ad_id: live.adId,
        ad_name: ad.json.ad_name,
        post_id: live.postId,
        currency: 'EUR',
        billing_event: 'CPM',
        bid: '6.00',
        // Alone in the auction it pays the reserve: €0.50 per 1,000 impressions, 500 µ€ each.
        charge_micros: 500,
        price: '0.50',
      });
      expect(typeof line.ad_account_name).toBe('string');
      expect(line.ad_account_name).not.toBe(live.accountId);
      expect(line.ads).toBeUndefined();
    });

    it('gives no charge or price to lines that did not serve', async () => {
      const decision = await t.call(
        P,
        'POST',
        '/v1/feed/decisions',
        pageFor(
          { id: 'explain-names-2', country: 'DE' },
          { explain: { ad_group_ids: [live.adGroupId] }, dry_run: true },
        ),
      );
      const line = lineOf(decision.json, live.adGroupId);
      expect(line).toMatchObject({
        outcome: 'FILTERED',
        reason: 'TARGETING_MISMATCH',
        adgroup_name: expect.any(String),
        ad_id: null,
        ad_name: null,
        post_id: null,
        charge_micros: null,
        price: null,
        bid: '6.00',
      });
    });
  });

  describe('an ad group with no eligible ad lists each ad’s own reason', () => {
    let live: LiveAd;
    let second: { postId: string; adId: string };
    let third: { postId: string; adId: string };

    beforeAll(async () => {
      live = await setupLiveAd(t, { adGroup: { targeting: { countries: ['BE'] } } });
      second = await addAdOfNewPost(t, live, `second-${dialect}`);
      third = await addAdOfNewPost(t, live, `third-${dialect}`);
      // The first ad loses its authorization, the second its post, the third is paused.
      const revokeUrl = `/v1/creator/authorizations/${live.authorizationId}/revoke`;
      expect((await t.call(live.creatorToken, 'POST', revokeUrl)).status).toBe(200);
      const post = (await t.call(P, 'GET', `/v1/platform/posts/${second.postId}`)).json;
      const hidden = await t.call(P, 'PUT', `/v1/platform/posts/${second.postId}`, {
        creator_id: post.creator_id,
        caption: post.caption,
        media_url: post.media_url,
        duration_seconds: post.duration_seconds,
        visibility: 'PRIVATE',
        organic: { views: 5000, likes: 300, comments: 20, shares: 10, follows: 5 },
        published_at: '2026-11-21T10:00:00Z',
      });
      expect(hidden.status).toBeLessThan(300);
      const paused = await t.call(
        live.adminToken,
        'POST',
        `/v1/ad-accounts/${live.accountId}/ads/${third.adId}/status`,
        { operation_status: 'DISABLE' },
      );
      expect(paused.status).toBe(200);
      await t.system.delivery.settled();
    });

    it('explains NO_ELIGIBLE_ADS with every ad, its post and its reason', async () => {
      const decision = await t.call(
        P,
        'POST',
        '/v1/feed/decisions',
        pageFor({ id: 'explain-blocked-1', country: 'BE' }, { explain: { ad_account_id: live.accountId } }),
      );
      expect(decision.status).toBe(200);
      expect(decision.json.ads).toEqual([]);
      const line = lineOf(decision.json, live.adGroupId);
      expect(line).toMatchObject({ outcome: 'FILTERED', reason: 'NO_ELIGIBLE_ADS', ad_id: null });
      const byAd = new Map((line.ads ?? []).map((a) => [a.ad_id, a]));
      expect(byAd.size).toBe(3);
      expect(byAd.get(live.adId)).toMatchObject({
        post_id: live.postId,
        reason: 'AUTHORIZATION_REVOKED',
        detail: 'the creator revoked the authorization',
      });
      expect(byAd.get(second.adId)).toMatchObject({
        post_id: second.postId,
        reason: 'POST_UNAVAILABLE',
        ad_name: `Ad of second-${dialect}`,
      });
      expect(byAd.get(third.adId)).toMatchObject({ post_id: third.postId, reason: 'AD_DISABLED' });
    });
  });

  describe('dry_run', () => {
    let live: LiveAd;
    beforeAll(async () => {
      // One impression per viewer per day: a recorded decision caps the viewer's next one.
      live = await setupLiveAd(t, {
        adGroup: { targeting: { countries: ['ES'] }, frequency: 1, frequency_schedule: 1 },
      });
    });

    const committed = () => {
      const ledger = t.system.delivery.ledger;
      return [`g:${live.adGroupId}`, `c:${live.campaignId}`].map((key) => ledger.committed(key));
    };

    it('decides and explains, but reserves no budget, records no frequency and issues no token', async () => {
      const viewer = { id: 'dry-run-viewer', country: 'ES' };
      const before = committed();
      for (let i = 0; i < 3; i++) {
        const dry = await t.call(
          P,
          'POST',
          '/v1/feed/decisions',
          pageFor(viewer, { explain: { ad_group_ids: [live.adGroupId] }, dry_run: true }),
        );
        expect(dry.status).toBe(200);
        expect(dry.json.dry_run).toBe(true);
        expect(dry.json.ads).toHaveLength(1);
        const ad = dry.json.ads[0];
        expect(ad.ad_id).toBe(live.adId);
        expect(ad.tracking_token).toBeNull();
        expect(new URL(ad.landing_page_url).searchParams.has('kd_click')).toBe(false);
        // Served each time: the frequency cap never saw the earlier dry runs.
        expect(lineOf(dry.json, live.adGroupId)).toMatchObject({
          outcome: 'SERVED',
          charge_micros: 500,
          price: '0.50',
        });
        expect(committed()).toEqual(before);
      }

      // A real decision reserves and records: the ledger holds its cost and the cap now applies.
      const real = await t.call(P, 'POST', '/v1/feed/decisions', pageFor(viewer));
      expect(real.json.dry_run).toBe(false);
      expect(real.json.ads[0].tracking_token).toMatch(/^[\w-]+\.[\w-]+$/);
      expect(committed()).toEqual(before.map((c) => c + 500));
      const capped = await t.call(
        P,
        'POST',
        '/v1/feed/decisions',
        pageFor(viewer, { explain: { ad_group_ids: [live.adGroupId] }, dry_run: true }),
      );
      expect(capped.json.ads).toEqual([]);
      expect(lineOf(capped.json, live.adGroupId)).toMatchObject({ reason: 'FREQUENCY_CAPPED' });
    });

    it('leaves nothing to bill: events cannot name a dry run', async () => {
      const dry = await t.call(
        P,
        'POST',
        '/v1/feed/decisions',
        pageFor({ id: 'dry-run-viewer-2', country: 'ES' }, { dry_run: true }),
      );
      expect(dry.json.ads).toHaveLength(1);
      const spend = async () =>
        (
          await t.db.store.db
            .selectFrom('ad_groups')
            .select('spend_micros')
            .where('id', '=', live.adGroupId)
            .executeTakeFirstOrThrow()
        ).spend_micros;
      const spent = await spend();
      const events = await t.db.store.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('ad_group_id', '=', live.adGroupId)
        .executeTakeFirstOrThrow();
      expect(Number(events.n)).toBe(0);
      expect(await spend()).toBe(spent);
    });

    it('refuses a dry_run that is not a boolean, naming the field', async () => {
      const bad = await t.call(
        P,
        'POST',
        '/v1/feed/decisions',
        pageFor({ id: 'dry-run-viewer-3', country: 'ES' }, { dry_run: 'yes' }),
      );
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json.errors.map((e: { field: string }) => e.field)).toContain('dry_run');
    });

    it('is for the platform only', async () => {
      const denied = await t.call(
        live.adminToken,
        'POST',
        '/v1/feed/decisions',
        pageFor({ id: 'dry-run-viewer-4', country: 'ES' }, { dry_run: true }),
      );
      expect(denied.status).toBe(403);
    });
  });
});
