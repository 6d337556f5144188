import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE, type ErrorCode, errorTypeUri } from '../../src/domain/errors.js';
import { createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';

/** Bad input over HTTP (SQLite): every refusal is a 4xx problem+json naming the field; nothing half-written. */

const P = PLATFORM_TOKEN;
const MiB = 1024 * 1024;

interface Response {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  // biome-ignore lint/suspicious/noExplicitAny: problem documents are read field by field
  json: any;
}

/** Checks the RFC 9457 problem document and returns the fields its errors name. */
function expectProblem(res: Response, status: number, code: ErrorCode, fields: string[] = []): string[] {
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const problem = res.json;
  expect(problem.type).toBe(errorTypeUri(code));
  expect(problem.title).toBe(ERROR_CATALOGUE[code].title);
  expect(problem.status).toBe(status);
  expect(typeof problem.detail).toBe('string');
  expect(problem.detail.length).toBeGreaterThan(0);
  expect(problem.code).toBe(code);
  expect(Array.isArray(problem.errors)).toBe(true);
  expect(problem.errors.length).toBeGreaterThan(0);
  for (const e of problem.errors) {
    expect(typeof e.field).toBe('string');
    expect(e.field.length).toBeGreaterThan(0);
    expect(typeof e.code).toBe('string');
    expect(typeof e.message).toBe('string');
  }
  const named = problem.errors.map((e: { field: string }) => e.field);
  for (const field of fields) expect(named, `errors should name ${field}`).toContain(field);
  return named;
}

describe('bad input over HTTP', () => {
  let t: TestApp;
  let accountId: string;
  let admin: string;
  let otherAdmin: string;
  let campaignId: string;
  let campaignsUrl: string;
  let adGroupsUrl: string;

  const raw = (
    method: InjectOptions['method'],
    url: string,
    payload: string | Buffer | undefined,
    headers: Record<string, string>,
    token: string = admin,
  ) =>
    t.app
      .inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } })
      .then((r) => ({
        status: r.statusCode,
        headers: r.headers,
        json: String(r.headers['content-type'] ?? '').includes('json') && r.body ? JSON.parse(r.body) : null,
        body: r.body,
      }));

  const validCampaign = {
    campaign_name: 'Winter',
    objective_type: 'VIDEO_VIEWS',
    budget_mode: 'BUDGET_MODE_TOTAL',
    budget: '1200',
  };
  const validAdGroup = () => ({
    campaign_id: campaignId,
    adgroup_name: 'FR 18-34',
    placements: ['IN_FEED'],
    schedule_type: 'SCHEDULE_START_END',
    schedule_start_time: '2026-12-01 00:00:00',
    schedule_end_time: '2026-12-10 23:59:59',
    targeting: { countries: ['FR'], age_groups: ['AGE_18_24'] },
    budget_mode: 'BUDGET_MODE_DAY',
    budget: '40',
    pacing: 'PACING_MODE_SMOOTH',
    billing_event: 'CPV',
    optimization_goal: 'VIDEO_VIEW',
    bid_price: '0.05',
  });
  const creator = { handle: 'ana.moves', display_name: 'Ana', follower_count: 100 };
  const post = (creatorId: string, extra: Record<string, unknown> = {}) => ({
    creator_id: creatorId,
    caption: 'Leg day',
    media_url: 'https://cdn.example/p.mp4',
    duration_seconds: 30,
    visibility: 'PUBLIC',
    organic: { views: 100, likes: 10, comments: 1, shares: 1, follows: 1 },
    published_at: '2026-11-20T10:00:00Z',
    ...extra,
  });

  async function count(
    table: 'campaigns' | 'ad_groups' | 'posts' | 'creators' | 'ads' | 'audit_log' | 'change_log',
  ) {
    const row = await t.ctx.store.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    const account = await t.call(P, 'POST', '/v1/platform/ad-accounts', {
      name: 'Acme',
      currency: 'EUR',
      time_zone: 'Europe/Paris',
    });
    accountId = account.json.id;
    admin = (
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, { name: 'A', role: 'ADMIN' })
    ).json.token.token;
    otherAdmin = (
      await t.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, { name: 'B', role: 'ADMIN' })
    ).json.token.token;
    campaignsUrl = `/v1/ad-accounts/${accountId}/campaigns`;
    adGroupsUrl = `/v1/ad-accounts/${accountId}/ad-groups`;
    const campaign = await t.call(admin, 'POST', campaignsUrl, validCampaign);
    expect(campaign.status).toBe(201);
    campaignId = campaign.json.id;
    expect((await t.call(P, 'PUT', '/v1/platform/creators/ana', creator)).status).toBe(201);
  });
  afterAll(async () => t?.close());

  // ------------------------------------------------------------------------------ body shape

  describe('wrong types', () => {
    it('a string is never coerced into a number, nor a number into a string', async () => {
      expectProblem(
        await t.call(admin, 'POST', campaignsUrl, { ...validCampaign, budget: 1200 }),
        400,
        'VALIDATION_FAILED',
        ['budget'],
      );
      expectProblem(
        await t.call(admin, 'POST', campaignsUrl, { ...validCampaign, campaign_name: 42 }),
        400,
        'VALIDATION_FAILED',
        ['campaign_name'],
      );
      expectProblem(
        await t.call(P, 'PUT', '/v1/platform/creators/ana', { ...creator, follower_count: '100' }),
        400,
        'VALIDATION_FAILED',
        ['follower_count'],
      );
      expectProblem(
        await t.call(P, 'PUT', '/v1/platform/creators/ana', { ...creator, follower_count: 1.5 }),
        400,
        'VALIDATION_FAILED',
        ['follower_count'],
      );
      expectProblem(
        await t.call(admin, 'POST', adGroupsUrl, {
          ...validAdGroup(),
          frequency: '2',
          frequency_schedule: 3,
        }),
        400,
        'VALIDATION_FAILED',
        ['frequency'],
      );
      expectProblem(
        await t.call(admin, 'POST', adGroupsUrl, { ...validAdGroup(), placements: 'IN_FEED' }),
        400,
        'VALIDATION_FAILED',
        ['placements'],
      );
      expectProblem(
        await t.call(admin, 'POST', adGroupsUrl, { ...validAdGroup(), targeting: ['FR'] }),
        400,
        'VALIDATION_FAILED',
        ['targeting'],
      );
    });

    it('enums, patterns and formats name the field, nested ones with their path', async () => {
      expectProblem(
        await t.call(admin, 'POST', campaignsUrl, { ...validCampaign, objective_type: 'SALES' }),
        400,
        'VALIDATION_FAILED',
        ['objective_type'],
      );
      expectProblem(
        await t.call(admin, 'POST', adGroupsUrl, {
          ...validAdGroup(),
          targeting: { countries: ['FR', 'fr'] },
        }),
        400,
        'VALIDATION_FAILED',
        ['targeting.countries[1]'],
      );
      expectProblem(
        await t.call(admin, 'POST', adGroupsUrl, {
          ...validAdGroup(),
          targeting: { age_groups: ['AGE_0_12'] },
        }),
        400,
        'VALIDATION_FAILED',
        ['targeting.age_groups[0]'],
      );
      expectProblem(
        await t.call(admin, 'POST', adGroupsUrl, { ...validAdGroup(), bid_price: '6,00' }),
        400,
        'VALIDATION_FAILED',
        ['bid_price'],
      );
      expectProblem(
        await t.call(admin, 'POST', adGroupsUrl, { ...validAdGroup(), dayparting: '01' }),
        400,
        'VALIDATION_FAILED',
        ['dayparting'],
      );
      expectProblem(
        await t.call(admin, 'POST', adGroupsUrl, { ...validAdGroup(), schedule_start_time: 'next monday' }),
        400,
        'VALIDATION_FAILED',
        ['schedule_start_time'],
      );
      expectProblem(
        await t.call(P, 'PUT', '/v1/platform/creators/ana', { ...creator, handle: 'has space' }),
        400,
        'VALIDATION_FAILED',
        ['handle'],
      );
      expectProblem(
        await t.call(P, 'PUT', '/v1/platform/creators/ana', { ...creator, avatar_url: 'not a url' }),
        400,
        'VALIDATION_FAILED',
        ['avatar_url'],
      );
      expectProblem(
        await t.call(P, 'PUT', '/v1/platform/posts/p-bad', post('ana', { published_at: 'yesterday' })),
        400,
        'VALIDATION_FAILED',
        ['published_at'],
      );
      expectProblem(
        await t.call(P, 'PUT', '/v1/platform/posts/p-bad', post('ana', { hashtags: ['ok', ''] })),
        400,
        'VALIDATION_FAILED',
        ['hashtags[1]'],
      );
      expectProblem(
        await t.call(P, 'POST', '/v1/platform/ad-accounts', {
          name: 'X',
          currency: 'eur',
          time_zone: 'Europe/Paris',
        }),
        400,
        'VALIDATION_FAILED',
        ['currency'],
      );
      // Viewer ids are the host's free text, but never control characters (the report pipeline packs rows with one).
      expectProblem(
        await t.call(P, 'POST', '/v1/feed/decisions', {
          viewer: { id: 'viewer\u001f1' },
          page: { start_position: 0, organic_post_ids: ['o1'] },
        }),
        400,
        'VALIDATION_FAILED',
        ['viewer.id'],
      );
      expectProblem(
        await t.call(P, 'POST', '/v1/platform/post-events', {
          events: [{ client_event_id: 'e1', viewer_id: 'v\u0000', post_id: 'p1', type: 'like' }],
        }),
        400,
        'VALIDATION_FAILED',
        ['events[0].viewer_id'],
      );
    });

    it('values the schema allows but the domain does not know are refused with the field', async () => {
      const unknown = await t.call(P, 'POST', '/v1/platform/ad-accounts', {
        name: 'X',
        currency: 'XQZ',
        time_zone: 'Mars/Olympus_Mons',
      });
      expect(expectProblem(unknown, 400, 'VALIDATION_FAILED', ['currency', 'time_zone'])).toHaveLength(2);
      expect(unknown.json.errors.map((e: { code: string }) => e.code).sort()).toEqual([
        'UNKNOWN_CURRENCY',
        'UNKNOWN_TIME_ZONE',
      ]);
      const targeting = await t.call(admin, 'POST', adGroupsUrl, {
        ...validAdGroup(),
        targeting: { countries: ['UK'], interest_category_ids: ['crypto'], languages: ['zz'] },
      });
      expectProblem(targeting, 400, 'VALIDATION_FAILED', [
        'targeting.countries[0]',
        'targeting.interest_category_ids[0]',
        'targeting.languages[0]',
      ]);
    });
  });

  describe('unknown fields', () => {
    it('are refused at the top level and nested, naming them', async () => {
      const top = await t.call(admin, 'POST', campaignsUrl, { ...validCampaign, budgt: '10' });
      expectProblem(top, 400, 'VALIDATION_FAILED', ['budgt']);
      expect(top.json.errors[0].code).toBe('UNKNOWN_FIELD');
      const nested = await t.call(admin, 'POST', adGroupsUrl, {
        ...validAdGroup(),
        targeting: { countries: ['FR'], country: 'FR' },
      });
      expectProblem(nested, 400, 'VALIDATION_FAILED', ['targeting.country']);
      expectProblem(
        await t.call(
          P,
          'PUT',
          '/v1/platform/posts/p-bad',
          post('ana', { organic: { views: 1, likes: 1, comments: 1, shares: 1, follows: 1, saves: 3 } }),
        ),
        400,
        'VALIDATION_FAILED',
        ['organic.saves'],
      );
      expectProblem(
        await t.call(admin, 'PATCH', `${campaignsUrl}/${campaignId}`, { objective_type: 'REACH' }),
        400,
        'VALIDATION_FAILED',
        ['objective_type'],
      );
    });
  });

  describe('out-of-range values', () => {
    it('numbers, lengths and list sizes outside their bounds name the field', async () => {
      const cases: [string, string, unknown, string][] = [
        ['PUT', '/v1/platform/creators/ana', { ...creator, follower_count: -1 }, 'follower_count'],
        [
          'PUT',
          '/v1/platform/creators/ana',
          { ...creator, follower_count: 10_000_000_001 },
          'follower_count',
        ],
        ['PUT', '/v1/platform/creators/ana', { ...creator, handle: 'x'.repeat(65) }, 'handle'],
        ['PUT', '/v1/platform/creators/ana', { ...creator, display_name: '' }, 'display_name'],
        ['PUT', '/v1/platform/posts/p-bad', post('ana', { duration_seconds: 86_401 }), 'duration_seconds'],
        [
          'PUT',
          '/v1/platform/posts/p-bad',
          post('ana', { organic: { views: -1, likes: 0, comments: 0, shares: 0, follows: 0 } }),
          'organic.views',
        ],
        ['PUT', '/v1/platform/posts/p-bad', post('ana', { caption: 'x'.repeat(4001) }), 'caption'],
        ['POST', campaignsUrl, { ...validCampaign, campaign_name: '' }, 'campaign_name'],
        ['POST', campaignsUrl, { ...validCampaign, campaign_name: 'x'.repeat(513) }, 'campaign_name'],
        ['POST', adGroupsUrl, { ...validAdGroup(), frequency: 0, frequency_schedule: 1 }, 'frequency'],
        [
          'POST',
          adGroupsUrl,
          { ...validAdGroup(), frequency: 1, frequency_schedule: 31 },
          'frequency_schedule',
        ],
        ['POST', adGroupsUrl, { ...validAdGroup(), placements: [] }, 'placements'],
        [
          'PATCH',
          '/v1/platform/settings',
          { redemption_failures_per_window: 0 },
          'redemption_failures_per_window',
        ],
        [
          'PATCH',
          '/v1/platform/settings',
          {
            ad_load: {
              first_ad_slot: 101,
              min_organic_between_ads: 1,
              max_ads_per_viewer_per_hour: 1,
              topview_per_viewer_per_day: 1,
            },
          },
          'ad_load.first_ad_slot',
        ],
      ];
      for (const [method, url, body, field] of cases) {
        const token = url.startsWith('/v1/platform') ? P : admin;
        expectProblem(
          await t.call(token, method as InjectOptions['method'], url, body),
          400,
          'VALIDATION_FAILED',
          [field],
        );
      }
    });

    it('business rules name the field too', async () => {
      const low = await t.call(admin, 'POST', campaignsUrl, { ...validCampaign, budget: '49.99' });
      expectProblem(low, 400, 'VALIDATION_FAILED', ['budget']);
      expect(low.json.errors[0].code).toBe('BELOW_MINIMUM');
      const precise = await t.call(admin, 'POST', campaignsUrl, { ...validCampaign, budget: '100.001' });
      expect(expectProblem(precise, 400, 'VALIDATION_FAILED', ['budget'])).toEqual(['budget']);
      const past = await t.call(admin, 'POST', adGroupsUrl, {
        ...validAdGroup(),
        schedule_start_time: '2026-01-01T00:00:00Z',
      });
      expectProblem(past, 400, 'VALIDATION_FAILED', ['schedule_start_time']);
      const lifetime = await t.call(admin, 'POST', adGroupsUrl, {
        ...validAdGroup(),
        budget_mode: 'BUDGET_MODE_TOTAL',
        budget: '199.99',
      });
      expectProblem(lifetime, 400, 'VALIDATION_FAILED', ['budget']);
      const duration = await t.call(
        (await t.call(P, 'POST', '/v1/platform/creators/ana/tokens', {})).json.token,
        'POST',
        '/v1/creator/posts/whatever/authorizations',
        { duration_days: 14 },
      );
      expectProblem(duration, 400, 'VALIDATION_FAILED', ['duration_days']);
    });
  });

  describe('missing required fields', () => {
    it('each missing field is named with REQUIRED', async () => {
      const res = await t.call(admin, 'POST', campaignsUrl, { campaign_name: 'x' });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['objective_type', 'budget_mode']);
      for (const e of res.json.errors) expect(e.code).toBe('REQUIRED');
      const { organic: _organic, ...noOrganic } = post('ana');
      expectProblem(await t.call(P, 'PUT', '/v1/platform/posts/p-bad', noOrganic), 400, 'VALIDATION_FAILED', [
        'organic',
      ]);
      expectProblem(
        await t.call(P, 'PUT', '/v1/platform/posts/p-bad', post('ana', { organic: { views: 1 } })),
        400,
        'VALIDATION_FAILED',
        ['organic.likes', 'organic.comments', 'organic.shares', 'organic.follows'],
      );
      const budget = await t.call(admin, 'POST', campaignsUrl, { ...validCampaign, budget: undefined });
      expectProblem(budget, 400, 'VALIDATION_FAILED', ['budget']);
      expect(budget.json.errors[0].code).toBe('REQUIRED');
    });
  });

  describe('malformed bodies and content types', () => {
    it('malformed JSON is a 400 MALFORMED_JSON naming the body', async () => {
      for (const payload of ['{"campaign_name": ', '{campaign_name: "x"}', "{'a': 1}", '{"a":1}}']) {
        expectProblem(
          await raw('POST', campaignsUrl, payload, { 'content-type': 'application/json' }),
          400,
          'MALFORMED_JSON',
          ['(body)'],
        );
      }
    });

    it('an empty body where one is required is refused', async () => {
      expectProblem(
        await raw('POST', campaignsUrl, '', { 'content-type': 'application/json' }),
        400,
        'MALFORMED_JSON',
        ['(body)'],
      );
      const none = await raw('POST', campaignsUrl, undefined, {});
      expectProblem(none, 400, 'VALIDATION_FAILED', ['(body)']);
      for (const payload of ['null', '[]', '"text"', '42']) {
        expectProblem(
          await raw('POST', campaignsUrl, payload, { 'content-type': 'application/json' }),
          400,
          'VALIDATION_FAILED',
          ['(body)'],
        );
      }
    });

    it('a body that is not JSON is refused by content type', async () => {
      const json = JSON.stringify(validCampaign);
      for (const type of [
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
      ]) {
        expectProblem(
          await raw('POST', campaignsUrl, json, { 'content-type': type }),
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          ['Content-Type'],
        );
      }
      // text/plain is read as a string, which is not the object the endpoint needs.
      expectProblem(
        await raw('POST', campaignsUrl, json, { 'content-type': 'text/plain' }),
        400,
        'VALIDATION_FAILED',
        ['(body)'],
      );
      // JSON with a charset parameter is JSON.
      expect(
        (await raw('POST', campaignsUrl, json, { 'content-type': 'application/json; charset=utf-8' })).status,
      ).toBe(201);
    });

    it('a body over 1 MiB is a 413; exactly 1 MiB is read', async () => {
      const padded = (size: number) => {
        const base = JSON.stringify(validCampaign);
        return `${base.slice(0, -1)}${' '.repeat(size - base.length)}}`;
      };
      expect(Buffer.byteLength(padded(MiB))).toBe(MiB);
      const atLimit = await raw('POST', campaignsUrl, padded(MiB), { 'content-type': 'application/json' });
      expect(atLimit.status).toBe(201);
      expectProblem(
        await raw('POST', campaignsUrl, padded(MiB + 1), { 'content-type': 'application/json' }),
        413,
        'BODY_TOO_LARGE',
        ['(body)'],
      );
      expectProblem(
        await raw(
          'PUT',
          '/v1/platform/posts/p-huge',
          JSON.stringify(post('ana', { caption: 'x'.repeat(2 * MiB) })),
          { 'content-type': 'application/json' },
          P,
        ),
        413,
        'BODY_TOO_LARGE',
        ['(body)'],
      );
      expect((await t.call(P, 'GET', '/v1/platform/posts/p-huge')).status).toBe(404);
    });

    it('bulk routes accept bodies up to 8 MiB, and refuse larger ones writing nothing', async () => {
      const items = Array.from({ length: 600 }, (_, i) => ({
        id: `bulk-${i}`,
        ...post('ana', { caption: `${'x'.repeat(3500)} ${i}` }),
      }));
      const body = JSON.stringify({ items });
      expect(Buffer.byteLength(body)).toBeGreaterThan(2 * MiB);
      const ok = await raw(
        'POST',
        '/v1/platform/posts/bulk',
        body,
        { 'content-type': 'application/json' },
        P,
      );
      expect(ok.status).toBe(200);
      expect(ok.json.summary).toEqual({ created: 600, updated: 0, failed: 0 });

      const before = await count('posts');
      const tooBig = JSON.stringify({ items: [{ id: 'bulk-too-big', ...post('ana') }] }).replace(
        /}$/,
        `${' '.repeat(8 * MiB)}}`,
      );
      expectProblem(
        await raw('POST', '/v1/platform/posts/bulk', tooBig, { 'content-type': 'application/json' }, P),
        413,
        'BODY_TOO_LARGE',
        ['(body)'],
      );
      expect(await count('posts')).toBe(before);
    });
  });

  describe('query parameters', () => {
    it('limit outside 1–500 or not an integer is refused, naming limit', async () => {
      for (const limit of ['0', '501', '-1', 'abc', '1.5', '1e2', '0x10', '', '10000000000000000000']) {
        expectProblem(
          await t.call(admin, 'GET', `${campaignsUrl}?limit=${encodeURIComponent(limit)}`),
          400,
          'VALIDATION_FAILED',
          ['limit'],
        );
      }
      expect((await t.call(admin, 'GET', `${campaignsUrl}?limit=1`)).status).toBe(200);
      expect((await t.call(admin, 'GET', `${campaignsUrl}?limit=500`)).status).toBe(200);
    });

    it('a cursor this API did not return is refused, naming cursor', async () => {
      for (const cursor of ['garbage', Buffer.from('{"after":1}').toString('base64url'), 'x'.repeat(513)]) {
        const res = await t.call(admin, 'GET', `${campaignsUrl}?cursor=${encodeURIComponent(cursor)}`);
        expectProblem(res, 400, cursor.length > 512 ? 'VALIDATION_FAILED' : 'INVALID_CURSOR', ['cursor']);
      }
      expectProblem(await t.call(P, 'GET', '/v1/platform/creators?cursor=garbage'), 400, 'INVALID_CURSOR', [
        'cursor',
      ]);
      expectProblem(await t.call(P, 'GET', '/v1/platform/ad-accounts?cursor=%7B%7D'), 400, 'INVALID_CURSOR', [
        'cursor',
      ]);
    });

    it('unknown parameters and bad filter values are refused, naming them', async () => {
      expectProblem(await t.call(admin, 'GET', `${campaignsUrl}?sort=name`), 400, 'VALIDATION_FAILED', [
        'sort',
      ]);
      expectProblem(await t.call(admin, 'GET', `${campaignsUrl}?status=PAUSED`), 400, 'VALIDATION_FAILED', [
        'status',
      ]);
      expectProblem(await t.call(admin, 'GET', `${campaignsUrl}?limit=1&limit=2`), 400, 'VALIDATION_FAILED', [
        'limit',
      ]);
      expectProblem(
        await t.call(P, 'GET', '/v1/platform/tokens?include_revoked=maybe'),
        400,
        'VALIDATION_FAILED',
        ['include_revoked'],
      );
    });

    it('path parameters are checked too', async () => {
      expectProblem(
        await t.call(admin, 'GET', `${campaignsUrl}/${'x'.repeat(65)}`),
        400,
        'VALIDATION_FAILED',
        ['campaign_id'],
      );
      expectProblem(
        await t.call(P, 'PUT', `/v1/platform/creators/${encodeURIComponent('a/b')}`, creator),
        400,
        'VALIDATION_FAILED',
        ['creator_id'],
      );
    });
  });

  describe('platform settings', () => {
    it('refuses per-currency minimums that the currency cannot hold, and unknown currencies', async () => {
      const before = (await t.call(P, 'GET', '/v1/platform/settings')).json;
      const res = await t.call(P, 'PATCH', '/v1/platform/settings', {
        currency_minimums: {
          EUR: { campaign: '50.555', ad_group_daily: '20' },
          JPY: { campaign: '5000', ad_group_daily: '20.5' },
          QQQ: { campaign: '1', ad_group_daily: '1' },
        },
      });
      expectProblem(res, 400, 'VALIDATION_FAILED', [
        'currency_minimums.EUR.campaign',
        'currency_minimums.JPY.ad_group_daily',
        'currency_minimums.QQQ',
      ]);
      expect((await t.call(P, 'GET', '/v1/platform/settings')).json).toEqual(before);
      // Campaigns still work (a stored unusable minimum would make every one fail with a 500).
      expect((await t.call(admin, 'POST', campaignsUrl, validCampaign)).status).toBe(201);
    });

    it('a platform-wide minimum finer than a currency still applies to it', async () => {
      const set = await t.call(P, 'PATCH', '/v1/platform/settings', { min_campaign_budget: '50.50' });
      expect(set.status).toBe(200);
      try {
        const yen = await t.call(P, 'POST', '/v1/platform/ad-accounts', {
          name: 'Yen',
          currency: 'JPY',
          time_zone: 'Asia/Tokyo',
        });
        const yenAdmin = (
          await t.call(P, 'POST', `/v1/platform/ad-accounts/${yen.json.id}/members`, {
            name: 'Y',
            role: 'ADMIN',
          })
        ).json.token.token;
        const url = `/v1/ad-accounts/${yen.json.id}/campaigns`;
        const below = await t.call(yenAdmin, 'POST', url, { ...validCampaign, budget: '50' });
        expectProblem(below, 400, 'VALIDATION_FAILED', ['budget']);
        expect(below.json.errors[0].code).toBe('BELOW_MINIMUM');
        expect((await t.call(yenAdmin, 'POST', url, { ...validCampaign, budget: '51' })).status).toBe(201);
      } finally {
        await t.call(P, 'PATCH', '/v1/platform/settings', { min_campaign_budget: '50' });
      }
    });
  });

  // ------------------------------------------------------------------------------ nothing half-written

  describe('nothing half-written', () => {
    it('a bulk request writes the good items only; a refused item leaves no row', async () => {
      const res = await t.call(P, 'POST', '/v1/platform/posts/bulk', {
        items: [
          { id: 'half-1', ...post('ana') },
          { id: 'half-2', ...post('no-such-creator') },
          { id: 'half-3', ...post('ana') },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.json.summary).toEqual({ created: 2, updated: 0, failed: 1 });
      expect(res.json.data[1]).toMatchObject({ index: 1, id: 'half-2', status: 'FAILED' });
      expect(res.json.data[1].error).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'creator_id' }],
      });
      expect((await t.call(P, 'GET', '/v1/platform/posts/half-1')).status).toBe(200);
      expect((await t.call(P, 'GET', '/v1/platform/posts/half-2')).status).toBe(404);
      expect((await t.call(P, 'GET', '/v1/platform/posts/half-3')).status).toBe(200);
    });

    it('a bulk request that breaks the schema in one item writes nothing at all', async () => {
      const before = await count('creators');
      const res = await t.call(P, 'POST', '/v1/platform/creators/bulk', {
        items: [
          { id: 'schema-1', ...creator, handle: 'schema_one' },
          { id: 'schema-2', ...creator, handle: 'schema_two', follower_count: -5 },
        ],
      });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['items[1].follower_count']);
      expect(await count('creators')).toBe(before);
    });

    it('a duplicate handle in a bulk is refused for that item only', async () => {
      const res = await t.call(P, 'POST', '/v1/platform/creators/bulk', {
        items: [
          { id: 'dup-1', ...creator, handle: 'Dup.Handle' },
          { id: 'dup-2', ...creator, handle: 'dup.handle' },
          { id: 'dup-3', ...creator, handle: 'dup.other' },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.json.data.map((r: { status: string }) => r.status)).toEqual([
        'CREATED',
        'FAILED',
        'CREATED',
      ]);
      expect(res.json.data[1].error).toMatchObject({ code: 'HANDLE_TAKEN', errors: [{ field: 'handle' }] });
      expect((await t.call(P, 'GET', '/v1/platform/creators/dup-2')).status).toBe(404);
    });

    it('a refused ad group leaves no row, no audit entry and no change', async () => {
      const before = await Promise.all([count('ad_groups'), count('audit_log'), count('change_log')]);
      const res = await t.call(admin, 'POST', adGroupsUrl, { ...validAdGroup(), budget: '5' });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['budget']);
      const unknownCampaign = await t.call(admin, 'POST', adGroupsUrl, {
        ...validAdGroup(),
        campaign_id: 'cmp_nope',
      });
      expectProblem(unknownCampaign, 400, 'VALIDATION_FAILED', ['campaign_id']);
      expect(await Promise.all([count('ad_groups'), count('audit_log'), count('change_log')])).toEqual(
        before,
      );
      expect((await t.call(admin, 'GET', adGroupsUrl)).json.data).toEqual([]);
    });

    it('a refused update leaves the ad group as it was', async () => {
      const created = await t.call(admin, 'POST', adGroupsUrl, validAdGroup());
      expect(created.status).toBe(201);
      const url = `${adGroupsUrl}/${created.json.id}`;
      const refused = await t.call(admin, 'PATCH', url, { budget: '5', adgroup_name: 'Renamed' });
      expectProblem(refused, 400, 'VALIDATION_FAILED', ['budget']);
      const after = await t.call(admin, 'GET', url);
      expect(after.json).toMatchObject({
        adgroup_name: 'FR 18-34',
        budget: '40.00',
        updated_at: created.json.updated_at,
      });
    });

    it('a refused ad (landing page) leaves no row', async () => {
      const group = await t.call(admin, 'POST', adGroupsUrl, validAdGroup());
      const before = await count('ads');
      const res = await t.call(admin, 'POST', `/v1/ad-accounts/${accountId}/ads`, {
        ad_group_id: group.json.id,
        post_id: 'half-1',
        landing_page_url: 'http://acme.example/',
      });
      expectProblem(res, 400, 'VALIDATION_FAILED', ['landing_page_url']);
      expect(await count('ads')).toBe(before);
    });
  });

  // ------------------------------------------------------------------------------ idempotency

  describe('Idempotency-Key on POST /v1/ad-accounts/{id}/campaigns', () => {
    const listAll = async () =>
      (await t.call(admin, 'GET', `${campaignsUrl}?limit=500`)).json.data as {
        id: string;
        campaign_name: string;
      }[];

    it('the same key and body replays the first response and creates one campaign', async () => {
      const body = { ...validCampaign, campaign_name: 'Idempotent one' };
      const headers = { 'idempotency-key': 'create-campaign-1' };
      const first = await t.call(admin, 'POST', campaignsUrl, body, headers);
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      t.clock.advance(60_000);
      const second = await t.call(admin, 'POST', campaignsUrl, body, headers);
      expect(second.status).toBe(201);
      expect(second.headers['idempotent-replayed']).toBe('true');
      expect(String(second.headers['content-type'])).toMatch(/^application\/json/);
      expect(second.json).toEqual(first.json);
      expect((await listAll()).filter((c) => c.campaign_name === 'Idempotent one')).toHaveLength(1);
    });

    it('the same key with another body is refused with 422 IDEMPOTENCY_KEY_REUSED and creates nothing', async () => {
      const headers = { 'idempotency-key': 'create-campaign-2' };
      expect(
        (await t.call(admin, 'POST', campaignsUrl, { ...validCampaign, campaign_name: 'Key two' }, headers))
          .status,
      ).toBe(201);
      const before = await count('campaigns');
      const reused = await t.call(
        admin,
        'POST',
        campaignsUrl,
        { ...validCampaign, campaign_name: 'Key two, changed' },
        headers,
      );
      expect(reused.status).toBe(422);
      expect(String(reused.headers['content-type'])).toMatch(/^application\/problem\+json/);
      expect(reused.json).toMatchObject({
        type: errorTypeUri('IDEMPOTENCY_KEY_REUSED'),
        title: ERROR_CATALOGUE.IDEMPOTENCY_KEY_REUSED.title,
        status: 422,
        code: 'IDEMPOTENCY_KEY_REUSED',
      });
      expect(reused.json.detail).toContain('create-campaign-2');
      expect(await count('campaigns')).toBe(before);
    });

    it('a refused first request is replayed as refused, not run again', async () => {
      const headers = { 'idempotency-key': 'create-campaign-3' };
      const body = { ...validCampaign, budget: '10' };
      const first = await t.call(admin, 'POST', campaignsUrl, body, headers);
      expectProblem(first, 400, 'VALIDATION_FAILED', ['budget']);
      const again = await t.call(admin, 'POST', campaignsUrl, body, headers);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expectProblem(again, 400, 'VALIDATION_FAILED', ['budget']);
    });

    it('keys belong to one member: another member’s same key is another request', async () => {
      const headers = { 'idempotency-key': 'shared-key' };
      const body = { ...validCampaign, campaign_name: 'Per member' };
      const mine = await t.call(admin, 'POST', campaignsUrl, body, headers);
      const theirs = await t.call(otherAdmin, 'POST', campaignsUrl, body, headers);
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.json.id).not.toBe(mine.json.id);
    });

    it('concurrent retries with one key create one campaign', async () => {
      const headers = { 'idempotency-key': 'concurrent-key' };
      const body = { ...validCampaign, campaign_name: 'Concurrent' };
      const results = await Promise.all(
        [1, 2, 3].map(() => t.call(admin, 'POST', campaignsUrl, body, headers)),
      );
      for (const r of results) expect([201, 409]).toContain(r.status);
      expect((await listAll()).filter((c) => c.campaign_name === 'Concurrent')).toHaveLength(1);
      const created = results.filter((r) => r.status === 201);
      for (const r of created) expect(r.json.id).toBe(created[0]?.json.id);
    });

    it('a malformed key is refused, naming the header', async () => {
      for (const key of ['has space', 'x'.repeat(256), 'ünïcode']) {
        const res = await t.call(admin, 'POST', campaignsUrl, validCampaign, { 'idempotency-key': key });
        expectProblem(res, 400, 'VALIDATION_FAILED', ['Idempotency-Key']);
      }
    });
  });
});
