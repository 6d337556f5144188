import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../src/domain/time.js';
import { runExpiryNotifications } from '../../src/services/notifications.js';
import { createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';

/** Steps 1–4 of the product flow over HTTP, as a host app, a creator and a brand would do them. */
describeEachDialect('the Spark authorization flow over HTTP', (dialect) => {
  let t: TestApp;
  const P = PLATFORM_TOKEN;
  let creatorToken: string;
  let adminToken: string;
  let analystToken: string;
  let accountId: string;
  let code: string;
  let authorizationId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterAll(async () => t.close());

  it('1. the platform syncs a creator and her posts (idempotently)', async () => {
    const creator = { handle: 'ana.moves', display_name: 'Ana Moves', follower_count: 48200, region: 'FR' };
    expect((await t.call(P, 'PUT', '/v1/platform/creators/ana', creator)).status).toBe(201);
    const again = await t.call(P, 'PUT', '/v1/platform/creators/ana', creator);
    expect(again.status).toBe(200);
    expect(again.json.handle).toBe('ana.moves');
    const post = (id: string, views: number, extra: Record<string, unknown> = {}) => ({
      creator_id: 'ana',
      caption: 'Leg day in 60 seconds. Shop the shoes: link in bio',
      media_url: `https://cdn.example/${id}.mp4`,
      duration_seconds: 58,
      hashtags: ['#Fitness', 'legday'],
      visibility: 'PUBLIC',
      organic: { views, likes: Math.round(views * 0.08), comments: 40, shares: 30, follows: 10 },
      published_at: '2026-11-20T10:00:00Z',
      ...extra,
    });
    expect((await t.call(P, 'PUT', '/v1/platform/posts/p1', post('p1', 50_000))).status).toBe(201);
    const bulk = await t.call(P, 'POST', '/v1/platform/posts/bulk', {
      items: [
        { id: 'p2', ...post('p2', 9_000) },
        { id: 'p3', ...post('p3', 12_000) },
        { id: 'p4', ...post('p4', 3_000, { visibility: 'PRIVATE' }) },
        { id: 'p5', ...post('p5', 1_000, { creator_id: 'nobody' }) },
        { id: 'p6', ...post('p6', 8_000, { duration_seconds: 900 }) },
      ],
    });
    expect(bulk.status).toBe(200);
    expect(bulk.json.summary).toEqual({ created: 4, updated: 0, failed: 1 });
    expect(bulk.json.data[3].error.errors[0]).toMatchObject({ field: 'creator_id', code: 'UNKNOWN_CREATOR' });
    const stored = await t.call(P, 'GET', '/v1/platform/posts/p2');
    expect(stored.json.hashtags).toEqual(['fitness', 'legday']);
  });

  it('2. the creator sees her posts scored against her own baseline and authorizes one', async () => {
    const issued = await t.call(P, 'POST', '/v1/platform/creators/ana/tokens', { label: 'app' });
    expect(issued.status).toBe(201);
    creatorToken = issued.json.token;
    expect(creatorToken).toMatch(/^kdc_/);

    const posts = await t.call(creatorToken, 'GET', '/v1/creator/posts');
    expect(posts.status).toBe(200);
    const byId = Object.fromEntries(posts.json.data.map((p: { id: string }) => [p.id, p]));
    expect(byId.p1.performance.index).toBeGreaterThan(100);
    expect(byId.p2.performance.index).toBeLessThan(100);

    const refused = await t.call(creatorToken, 'POST', '/v1/creator/posts/p4/authorizations', {});
    expect(refused.status).toBe(422);
    expect(refused.json.code).toBe('POST_NOT_ELIGIBLE');
    const tooLong = await t.call(creatorToken, 'POST', '/v1/creator/posts/p6/authorizations', {});
    expect(tooLong.json.errors[0].code).toBe('POST_TOO_LONG');

    const created = await t.call(creatorToken, 'POST', '/v1/creator/posts/p1/authorizations', {
      note: 'for Acme',
    });
    expect(created.status).toBe(201);
    expect(created.json.duration_days).toBe(30);
    expect(created.json.status).toBe('AUTHORIZED');
    expect(created.json.auth_code).toMatch(/^#KD-[0-9A-Z]{32}$/);
    code = created.json.auth_code;
    authorizationId = created.json.id;
    const listed = await t.call(creatorToken, 'GET', '/v1/creator/authorizations');
    expect(listed.json.data[0]).not.toHaveProperty('auth_code');
  });

  it('locks the caption while the authorization is active', async () => {
    const current = (await t.call(P, 'GET', '/v1/platform/posts/p1')).json;
    const locked = await t.call(P, 'PUT', '/v1/platform/posts/p1', {
      creator_id: 'ana',
      caption: 'new caption',
      media_url: current.media_url,
      duration_seconds: 58,
      visibility: 'PUBLIC',
      organic: { ...current.organic, views: current.organic.views + 10 },
      published_at: current.published_at,
    });
    expect(locked.status).toBe(409);
    expect(locked.json).toMatchObject({ code: 'CAPTION_LOCKED', errors: [{ field: 'caption' }] });
  });

  it('3. the brand redeems the code; the post appears in its library', async () => {
    const account = await t.call(P, 'POST', '/v1/platform/ad-accounts', {
      name: 'Acme',
      currency: 'EUR',
      time_zone: 'Europe/Paris',
    });
    expect(account.status).toBe(201);
    accountId = account.json.id;
    adminToken = (
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, {
        name: 'Maya',
        role: 'ADMIN',
      })
    ).json.token.token;
    analystToken = (
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, {
        name: 'Sam',
        role: 'ANALYST',
      })
    ).json.token.token;

    const mistyped = code.slice(0, -1) + (code.endsWith('Q') ? 'P' : 'Q');
    const bad = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/spark-posts`, {
      auth_code: mistyped,
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: 'AUTH_CODE_MALFORMED', errors: [{ field: 'auth_code' }] });

    const asAnalyst = await t.call(analystToken, 'POST', `/v1/ad-accounts/${accountId}/spark-posts`, {
      auth_code: code,
    });
    expect(asAnalyst.status).toBe(403);

    const redeemed = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/spark-posts`, {
      auth_code: code.toLowerCase().replace('#', ''),
    });
    expect(redeemed.status).toBe(201);
    expect(redeemed.json.post.id).toBe('p1');
    expect(redeemed.json.creator.handle).toBe('ana.moves');
    expect(redeemed.json.authorization).toMatchObject({ status: 'BOUND', days_left: 30 });

    const again = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/spark-posts`, {
      auth_code: code,
    });
    expect(again.status).toBe(200);

    const library = await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/spark-posts`);
    expect(library.json.data).toHaveLength(1);
    expect(library.json.data[0].authorization.auth_end_time).toBe(redeemed.json.authorization.auth_end_time);

    const other = await t.call(P, 'POST', '/v1/platform/ad-accounts', {
      name: 'Other',
      currency: 'USD',
      time_zone: 'America/New_York',
    });
    const otherAdmin = (
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${other.json.id}/members`, {
        name: 'X',
        role: 'ADMIN',
      })
    ).json.token.token;
    const taken = await t.call(otherAdmin, 'POST', `/v1/ad-accounts/${other.json.id}/spark-posts`, {
      auth_code: code,
    });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('AUTH_CODE_ALREADY_BOUND');

    const creatorNotes = await t.call(creatorToken, 'GET', '/v1/creator/notifications');
    expect(creatorNotes.json.data.map((n: { type: string }) => n.type)).toContain('AUTHORIZATION_REDEEMED');
    const authz = await t.call(creatorToken, 'GET', `/v1/creator/authorizations/${authorizationId}`);
    expect(authz.json.ad_account).toEqual({ id: accountId, name: 'Acme' });
  });

  let campaignId: string;
  let adGroupId: string;

  it('4. the brand builds a campaign, an ad group and a Spark ad, with warnings', async () => {
    const campaign = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/campaigns`, {
      campaign_name: 'Winter shoes',
      objective_type: 'VIDEO_VIEWS',
      budget_mode: 'BUDGET_MODE_TOTAL',
      budget: '1200',
    });
    expect(campaign.status).toBe(201);
    expect(campaign.json).toMatchObject({
      budget: '1200.00',
      currency: 'EUR',
      delivery_status: 'NO_DELIVERABLE_ADS',
    });
    campaignId = campaign.json.id;

    const group = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/ad-groups`, {
      campaign_id: campaignId,
      adgroup_name: 'FR 18-34 fitness',
      placements: ['IN_FEED'],
      schedule_type: 'SCHEDULE_START_END',
      schedule_start_time: '2026-11-26 00:00:00',
      schedule_end_time: '2027-02-28 23:59:59',
      targeting: {
        countries: ['FR'],
        age_groups: ['AGE_18_24', 'AGE_25_34'],
        interest_category_ids: ['fitness'],
      },
      budget_mode: 'BUDGET_MODE_DAY',
      budget: '40',
      pacing: 'PACING_MODE_SMOOTH',
      billing_event: 'CPV',
      optimization_goal: 'VIDEO_VIEW',
      bid_price: '0.05',
      frequency: 2,
      frequency_schedule: 3,
    });
    expect(group.status).toBe(201);
    // Midnight in Paris is 23:00 UTC the day before.
    expect(group.json.schedule_start_time).toBe('2026-11-25T23:00:00Z');
    expect(group.json.time_zone).toBe('Europe/Paris');
    adGroupId = group.json.id;

    const ad = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/ads`, {
      ad_group_id: adGroupId,
      post_id: 'p1',
      call_to_action: 'SHOP_NOW',
      landing_page_url: 'https://acme.example/shoes',
    });
    expect(ad.status).toBe(201);
    expect(ad.json.review_status).toBe('APPROVED');
    expect(ad.json.delivery_status).toBe('SCHEDULED');
    expect(ad.json.warnings.map((w: { code: string }) => w.code)).toContain(
      'AUTHORIZATION_ENDS_BEFORE_SCHEDULE',
    );

    t.clock.advance(MS_PER_DAY);
    const later = await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/ads/${ad.json.id}`);
    expect(later.json.delivery_status).toBe('DELIVERING');
    const camp = await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/campaigns/${campaignId}`);
    expect(camp.json.delivery_status).toBe('DELIVERING');
  });

  it('refuses an ad for a post outside the library, and a non-https landing page', async () => {
    const notRedeemed = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/ads`, {
      ad_group_id: adGroupId,
      post_id: 'p2',
      landing_page_url: 'https://acme.example/',
    });
    expect(notRedeemed.status).toBe(422);
    expect(notRedeemed.json.code).toBe('SPARK_POST_NOT_AVAILABLE');
    const http = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/ads`, {
      ad_group_id: adGroupId,
      post_id: 'p1',
      landing_page_url: 'http://acme.example/',
    });
    expect(http.status).toBe(400);
    expect(http.json.errors[0]).toMatchObject({ field: 'landing_page_url', code: 'NOT_HTTPS' });
  });

  it('revoking stops the ad (delivery status) and unlocks the caption; extending a revoked one is refused', async () => {
    const revoked = await t.call(
      creatorToken,
      'POST',
      `/v1/creator/authorizations/${authorizationId}/revoke`,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.json.status).toBe('REVOKED');
    const ads = await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/ads`);
    expect(ads.json.data[0].delivery_status).toBe('AUTHORIZATION_REVOKED');
    const notes = await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/notifications`);
    expect(notes.json.data[0].type).toBe('AUTHORIZATION_REVOKED');
    expect(
      (await t.call(creatorToken, 'POST', `/v1/creator/authorizations/${authorizationId}/revoke`)).status,
    ).toBe(409);
    expect(
      (
        await t.call(creatorToken, 'POST', `/v1/creator/authorizations/${authorizationId}/extend`, {
          duration_days: 7,
        })
      ).status,
    ).toBe(409);
    const audit = await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/audit-log`);
    expect(audit.json.data.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining([
        'authorization.redeem',
        'campaign.create',
        'ad_group.create',
        'ad.create',
        'authorization.revoke',
      ]),
    );
  });

  it('expiry: warnings at 7 days and 1 day, then expired; extending resumes the ad', async () => {
    const fresh = await t.call(creatorToken, 'POST', '/v1/creator/posts/p3/authorizations', {
      duration_days: 7,
    });
    await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/spark-posts`, {
      auth_code: fresh.json.auth_code,
    });
    const ad = await t.call(adminToken, 'POST', `/v1/ad-accounts/${accountId}/ads`, {
      ad_group_id: adGroupId,
      post_id: 'p3',
      call_to_action: 'LEARN_MORE',
      landing_page_url: 'https://acme.example/p3',
    });
    expect(ad.status).toBe(201);
    t.clock.advance(MS_PER_DAY / 2);
    await runExpiryNotifications(t.ctx);
    t.clock.advance(6 * MS_PER_DAY);
    await runExpiryNotifications(t.ctx);
    await runExpiryNotifications(t.ctx);
    t.clock.advance(MS_PER_DAY);
    await runExpiryNotifications(t.ctx);
    const types = (
      await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/notifications?limit=100`)
    ).json.data
      .filter((n: { authorization_id: string }) => n.authorization_id === fresh.json.id)
      .map((n: { type: string }) => n.type);
    expect(types.sort()).toEqual([
      'AUTHORIZATION_EXPIRED',
      'AUTHORIZATION_EXPIRING_1D',
      'AUTHORIZATION_EXPIRING_7D',
      'AUTHORIZATION_REDEEMED',
    ]);
    expect(
      (await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/ads/${ad.json.id}`)).json
        .delivery_status,
    ).toBe('AUTHORIZATION_EXPIRED');
    const extended = await t.call(
      creatorToken,
      'POST',
      `/v1/creator/authorizations/${fresh.json.id}/extend`,
      { duration_days: 30 },
    );
    expect(extended.json.status).toBe('BOUND');
    expect(
      (await t.call(analystToken, 'GET', `/v1/ad-accounts/${accountId}/ads/${ad.json.id}`)).json
        .delivery_status,
    ).toBe('DELIVERING');
  });
});

describe('the OpenAPI document', () => {
  it('is served, documents every /v1 route with a summary, and the reference page renders', async () => {
    const t = await createTestApp('sqlite');
    try {
      const doc = (await t.call(null, 'GET', '/openapi.json')).json;
      expect(doc.openapi).toBe('3.1.0');
      const operations = Object.entries(
        doc.paths as Record<string, Record<string, { summary?: string }>>,
      ).flatMap(([path, ops]) =>
        Object.entries(ops).map(([method, op]) => ({ path, method, summary: op.summary })),
      );
      expect(operations.length).toBeGreaterThan(40);
      expect(operations.filter((o) => !o.summary)).toEqual([]);
      expect(doc.paths['/v1/ad-accounts/{ad_account_id}/spark-posts'].post).toBeDefined();
      const page = await t.app.inject({ method: 'GET', url: '/docs/' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('swagger-ui');
    } finally {
      await t.close();
    }
  });
});
