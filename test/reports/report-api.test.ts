import { DateTime } from 'luxon';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatMoney } from '../../src/domain/money.js';
import { type ApiResponse, createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import { type LiveAd, setupLiveAd } from '../support/scenario.js';
import {
  aggregate,
  expensiveImpressions,
  sendAdEvents,
  sendConversion,
  sendPostEvents,
  serve,
  utc,
} from './http.js';

const ZONE = 'America/Los_Angeles';
const ALL_METRICS = [
  'spend',
  'impressions',
  'clicks',
  'ctr',
  'cpm',
  'cpc',
  'reach',
  'frequency',
  'cost_per_1000_reached',
  'video_play_actions',
  'video_watched_2s',
  'video_watched_6s',
  'video_views_p25',
  'video_views_p50',
  'video_views_p75',
  'video_views_p100',
  'average_video_play',
  'likes',
  'comments',
  'shares',
  'follows',
  'profile_visits',
  'engagements',
  'conversion',
  'cost_per_conversion',
  'conversion_rate',
  'conversion_value',
  'result',
  'cost_per_result',
  'result_rate',
  'invalid_events',
];

type EventRecord = {
  kind: string;
  type: string;
  paid: number;
  attributed: number;
  invalid_reason: string | null;
  billed_micros: number;
  viewer_id: string | null;
  occurred_at: number;
  value_micros: number | null;
};

/** What the events imply, computed straight from the event log (the reference for every count). */
function reference(events: EventRecord[], day: string | null) {
  const inDay = events.filter(
    (e) => day === null || DateTime.fromMillis(e.occurred_at, { zone: ZONE }).toISODate() === day,
  );
  const valid = inDay.filter((e) => e.invalid_reason === null);
  const ad = (type: string) => valid.filter((e) => e.kind === 'ad' && e.type === type).length;
  const engaged = (type: string) =>
    valid.filter(
      (e) =>
        e.type === type && ((e.kind === 'ad' && e.paid === 1) || (e.kind === 'post' && e.attributed === 1)),
    ).length;
  const conversions = valid.filter((e) => e.kind === 'conversion');
  return {
    impressions: String(ad('impression')),
    clicks: String(ad('click')),
    reach: String(
      new Set(valid.filter((e) => e.kind === 'ad' && e.type === 'impression').map((e) => e.viewer_id)).size,
    ),
    video_play_actions: String(ad('video_play')),
    video_watched_2s: String(ad('view_2s')),
    video_watched_6s: String(ad('view_6s')),
    video_views_p25: String(ad('view_p25')),
    video_views_p50: String(ad('view_p50')),
    video_views_p75: String(ad('view_p75')),
    video_views_p100: String(ad('view_p100')),
    likes: String(engaged('like')),
    comments: String(engaged('comment')),
    shares: String(engaged('share')),
    follows: String(engaged('follow')),
    profile_visits: String(engaged('profile_visit')),
    conversion: String(conversions.length),
    conversion_value: formatMoney(
      conversions.reduce((n, e) => n + (e.value_micros ?? 0), 0),
      'USD',
    ),
    spend: formatMoney(
      valid.reduce((n, e) => n + e.billed_micros, 0),
      'USD',
    ),
    invalid_events: String(inDay.length - valid.length),
  };
}

describeEachDialect('advertiser reports over HTTP', (dialect) => {
  let t: TestApp;
  let live: LiveAd;
  let report: (query: Record<string, string>, token?: string) => Promise<ApiResponse>;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    await expensiveImpressions(t);
    live = await setupLiveAd(t, {
      account: { time_zone: ZONE, currency: 'USD' },
      adGroup: { bid_price: '1500' },
    });
    report = (query, token = live.analystToken) =>
      t.call(token, 'GET', `/v1/ad-accounts/${live.accountId}/reports?${new URLSearchParams(query)}`);

    // 23:50 in Los Angeles on Nov 25 (07:50 UTC on Nov 26): the local day changes at 08:00 UTC.
    t.clock.set(utc('2026-11-26T07:50:00Z'));
    const v1 = await serve(t, { id: 'v1', age_group: 'AGE_18_24', gender: 'GENDER_FEMALE', os: 'IOS' });
    const v2a = await serve(t, { id: 'v2', age_group: 'AGE_25_34', gender: 'GENDER_MALE', os: 'ANDROID' });
    const v2b = await serve(t, { id: 'v2', age_group: 'AGE_25_34', gender: 'GENDER_MALE', os: 'ANDROID' });
    const v3 = await serve(t, { id: 'v3' });
    const v4 = await serve(t, { id: 'v4', age_group: 'AGE_25_34', gender: 'GENDER_FEMALE', os: 'IOS' });
    t.clock.set(utc('2026-11-26T08:10:00Z'));
    const at = (hms: string) => `2026-11-26T${hms}Z`;
    expect(
      await sendAdEvents(t, v1, 'v1', [
        ['impression', at('07:59:59')],
        ['video_play', at('07:59:59')],
        ...(['view_2s', 'view_6s', 'view_p25', 'view_p50', 'view_p75', 'view_p100'] as const).map(
          (type) => [type, at('08:00:05')] as [string, string],
        ),
        ['like', at('08:00:10')],
        ['click', at('08:00:20')],
      ]),
    ).toEqual(Array(10).fill('ACCEPTED'));
    await sendAdEvents(t, v2a, 'v2', [
      ['impression', at('08:00:00')],
      ['video_play', at('08:00:01')],
      ['follow', at('08:01:00')],
      ['share', at('08:01:00')],
      ['comment', at('08:01:00')],
      ['profile_visit', at('08:01:00')],
    ]);
    await sendAdEvents(t, v2b, 'v2', [['impression', at('08:02:00')]]);
    expect(await sendAdEvents(t, v3, 'v3', [['impression', at('08:03:00'), 'curl/8.4.0']])).toEqual([
      'FLAGGED:BOT_USER_AGENT',
    ]);
    await sendAdEvents(t, v4, 'v4', [['impression', at('08:04:00')]]);
    await sendPostEvents(t, [
      { viewer: 'v4', post: live.postId, type: 'like', at: at('08:05:00') },
      { viewer: 'v4', post: live.postId, type: 'view', at: at('08:05:00') },
      { viewer: 'v5', post: live.postId, type: 'like', at: at('08:05:00') },
    ]);
    expect(await sendConversion(t, live.adminToken, v1.clickId, '49.90', at('08:06:00'))).toBe('ACCEPTED');
  });
  afterAll(async () => t.close());

  const range = { start_date: '2026-11-25', end_date: '2026-11-26' };

  it('shows nothing until the aggregator has run, then says how fresh it is', async () => {
    const before = await report({ dimensions: 'stat_time_day', ...range });
    expect(before.status).toBe(200);
    expect(before.json.list).toEqual([]);
    expect(before.json.data_freshness.aggregated_through).toBeNull();
    expect(await aggregate(t)).toBeGreaterThan(20);
    const after = await report({ dimensions: 'stat_time_day', ...range });
    expect(after.json.data_freshness.aggregated_through).toBe('2026-11-26T08:10:00Z');
  });

  it('equals what the events imply, metric by metric, per local day of the account and in total', async () => {
    const r = await report({
      dimensions: JSON.stringify(['ad_id', 'stat_time_day']),
      metrics: JSON.stringify(ALL_METRICS),
      ...range,
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ currency: 'USD', time_zone: ZONE, data_level: 'AUCTION_AD' });
    const events = (await t.db.store.db
      .selectFrom('events')
      .select([
        'kind',
        'type',
        'paid',
        'attributed',
        'invalid_reason',
        'billed_micros',
        'viewer_id',
        'occurred_at',
        'value_micros',
      ])
      .where('ad_account_id', '=', live.accountId)
      .execute()) as EventRecord[];
    // v1's impression at 07:59:59 UTC is still Nov 25 in Los Angeles; the rest is Nov 26.
    expect(r.json.list.map((row: { dimensions: Record<string, string> }) => row.dimensions)).toEqual([
      { ad_id: live.adId, stat_time_day: '2026-11-25 00:00:00' },
      { ad_id: live.adId, stat_time_day: '2026-11-26 00:00:00' },
    ]);
    for (const [i, day] of ['2026-11-25', '2026-11-26'].entries()) {
      expect(r.json.list[i].metrics).toMatchObject(reference(events, day));
    }
    expect(r.json.total_metrics).toMatchObject(reference(events, null));

    // The same numbers, by hand: 4 valid impressions at 1.00 USD, 3 viewers, one invalid.
    expect(r.json.total_metrics).toEqual({
      spend: '4.00',
      impressions: '4',
      clicks: '1',
      ctr: '25.00',
      cpm: '1000.00',
      cpc: '4.00',
      reach: '3',
      frequency: '1.33',
      cost_per_1000_reached: '1333.33',
      video_play_actions: '2',
      video_watched_2s: '1',
      video_watched_6s: '1',
      video_views_p25: '1',
      video_views_p50: '1',
      video_views_p75: '1',
      video_views_p100: '1',
      // v1 watched all 30 s (trapezoid estimate 30 s), v2 started (3.75 s): 33.75 s over 2 plays.
      average_video_play: '16.88',
      likes: '2',
      comments: '1',
      shares: '1',
      follows: '1',
      profile_visits: '1',
      engagements: '7',
      conversion: '1',
      cost_per_conversion: '4.00',
      conversion_rate: '100.00',
      conversion_value: '49.90',
      // REACH goal: the result is reach.
      result: '3',
      cost_per_result: '1.33',
      result_rate: '75.00',
      invalid_events: '1',
    });
    expect(r.json.list[1].metrics).toMatchObject({ impressions: '3', reach: '2', frequency: '1.50' });
  });

  it('reports hours and audience breakdowns in the account time zone', async () => {
    const hourly = await report({
      dimensions: 'stat_time_hour',
      metrics: 'impressions,spend,reach',
      start_date: '2026-11-25',
      end_date: '2026-11-26',
    });
    expect(hourly.json.list).toEqual([
      {
        dimensions: { stat_time_hour: '2026-11-25 23:00:00' },
        metrics: { impressions: '1', spend: '1.00', reach: null },
      },
      {
        dimensions: { stat_time_hour: '2026-11-26 00:00:00' },
        metrics: { impressions: '3', spend: '3.00', reach: null },
      },
    ]);
    expect(hourly.json.notes[0]).toContain('reach');
    const genders = await report({
      dimensions: 'gender,age',
      metrics: 'impressions,invalid_events',
      ...range,
      order_field: 'impressions',
    });
    expect(genders.json.list).toEqual([
      {
        dimensions: { gender: 'GENDER_MALE', age: 'AGE_25_34' },
        metrics: { impressions: '2', invalid_events: '0' },
      },
      {
        dimensions: { gender: 'GENDER_FEMALE', age: 'AGE_18_24' },
        metrics: { impressions: '1', invalid_events: '0' },
      },
      {
        dimensions: { gender: 'GENDER_FEMALE', age: 'AGE_25_34' },
        metrics: { impressions: '1', invalid_events: '0' },
      },
      { dimensions: { gender: null, age: null }, metrics: { impressions: '0', invalid_events: '1' } },
    ]);
    const iosOnly = await report({
      dimensions: 'stat_time_day',
      metrics: 'impressions',
      ...range,
      filtering: JSON.stringify([{ field_name: 'platform', filter_type: 'IN', filter_value: '["IOS"]' }]),
    });
    expect(iosOnly.json.list.map((r: { metrics: { impressions: string } }) => r.metrics.impressions)).toEqual(
      ['1', '1'],
    );
    const women = await report({
      dimensions: 'age',
      metrics: 'impressions',
      ...range,
      filtering: JSON.stringify([
        { field_name: 'gender', filter_type: 'IN', filter_value: '["GENDER_FEMALE"]' },
      ]),
    });
    expect(women.json.total_metrics).toEqual({ impressions: '2' });
  });

  it('filters, orders, pages and names rows; totals cover every row', async () => {
    const base = {
      dimensions: '["ad_id","stat_time_day"]',
      metrics: '["impressions","ad_name","campaign_name"]',
      ...range,
    };
    const paged = await report({
      ...base,
      order_field: 'impressions',
      order_type: 'ASC',
      page_size: '1',
      page: '2',
    });
    expect(paged.json.page_info).toEqual({ page: 2, page_size: 1, total_number: 2, total_page: 2 });
    expect(paged.json.list[0].metrics).toEqual({
      impressions: '3',
      ad_name: expect.stringContaining('Spark ad'),
      campaign_name: expect.stringMatching(/^Campaign/),
    });
    expect(paged.json.total_metrics).toEqual({ impressions: '4' });
    const busy = await report({
      ...base,
      filtering: '[{"field_name":"impressions","filter_type":"GREATER_EQUAL","filter_value":"2"}]',
    });
    expect(
      busy.json.list.map((r: { dimensions: { stat_time_day: string } }) => r.dimensions.stat_time_day),
    ).toEqual(['2026-11-26 00:00:00']);
    expect(busy.json.total_metrics).toEqual({ impressions: '3' });
    const dear = await report({
      ...base,
      metrics: 'spend',
      filtering: '[{"field_name":"spend","filter_type":"GREATER_THAN","filter_value":"1.00"}]',
    });
    expect(dear.json.total_metrics).toEqual({ spend: '3.00' });
    const other = await report({
      ...base,
      filtering: '[{"field_name":"campaign_ids","filter_type":"IN","filter_value":"[\\"cmp_other\\"]"}]',
    });
    expect(other.json.list).toEqual([]);
    const byCampaign = await report({
      dimensions: 'campaign_id',
      metrics: 'reach,result',
      query_lifetime: 'true',
    });
    expect(byCampaign.json.list).toEqual([
      { dimensions: { campaign_id: live.campaignId }, metrics: { reach: '3', result: '3' } },
    ]);
    // Reach is right on a page of rows ordered by another metric.
    const ordered = await report({
      dimensions: 'stat_time_day',
      metrics: 'spend,reach,frequency',
      ...range,
      order_field: 'spend',
      page_size: '1',
    });
    expect(ordered.json.list).toEqual([
      {
        dimensions: { stat_time_day: '2026-11-26 00:00:00' },
        metrics: { spend: '3.00', reach: '2', frequency: '1.50' },
      },
    ]);
    expect(ordered.json.total_metrics).toEqual({ spend: '4.00', reach: '3', frequency: '1.33' });
    // Rows are matched to their sketches whatever the order of the dimensions.
    const dayFirst = await report({ dimensions: 'stat_time_day,campaign_id', metrics: 'reach', ...range });
    expect(dayFirst.json.list.map((r: { metrics: { reach: string } }) => r.metrics.reach)).toEqual([
      '1',
      '2',
    ]);
    const byCreator = await report({
      dimensions: 'creator_id',
      metrics: 'impressions,creator_handle',
      query_lifetime: 'true',
    });
    expect(byCreator.json.list[0]).toMatchObject({
      dimensions: { creator_id: live.creatorId },
      metrics: { impressions: '4' },
    });
  });

  it('downloads the same report as CSV with a total line', async () => {
    const query = new URLSearchParams({
      dimensions: '["stat_time_day"]',
      metrics: '["spend","impressions","ctr"]',
      ...range,
    });
    const csv = await t.call(
      live.analystToken,
      'GET',
      `/v1/ad-accounts/${live.accountId}/reports/csv?${query}`,
    );
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['x-report-time-zone']).toBe(ZONE);
    expect(csv.raw.body).toBe(
      'stat_time_day,spend,impressions,ctr\n2026-11-25 00:00:00,1.00,1,0.00\n2026-11-26 00:00:00,3.00,3,33.33\nTotal,4.00,4,25.00\n',
    );
  });

  it('refuses bad requests with the fields named', async () => {
    const cases: [Record<string, string>, string, string][] = [
      [
        { dimensions: 'stat_time_hour', start_date: '2026-11-01', end_date: '2026-11-20' },
        'end_date',
        'RANGE_TOO_LONG',
      ],
      [
        { dimensions: 'stat_time_day', start_date: '2025-01-01', end_date: '2026-11-20' },
        'end_date',
        'RANGE_TOO_LONG',
      ],
      [
        { dimensions: 'stat_time_day', start_date: '2026-11-20', end_date: '2026-11-01' },
        'end_date',
        'BEFORE_START',
      ],
      [{ dimensions: 'stat_time_day' }, 'start_date', 'REQUIRED'],
      [{ dimensions: 'stat_time_day', metrics: 'spend,vibes', ...range }, 'metrics', 'UNKNOWN_METRIC'],
      [{ dimensions: 'country_code,platform', ...range }, 'dimensions', 'UNSUPPORTED_BREAKDOWN'],
      [
        { dimensions: 'stat_time_day', data_level: 'AUCTION_AD', ...range },
        'dimensions',
        'MISSING_ID_DIMENSION',
      ],
      [{ dimensions: 'campaign_id', metrics: 'ad_name', ...range }, 'metrics', 'NOT_AT_THIS_LEVEL'],
      [{ dimensions: 'stat_time_day', filtering: '{oops', ...range }, 'filtering', 'INVALID_JSON'],
      [{ dimensions: 'stat_time_day', order_field: 'reach', ...range }, 'order_field', 'NOT_REQUESTED'],
    ];
    for (const [query, field, code] of cases) {
      const r = await report(query);
      expect(r.status, JSON.stringify(query)).toBe(400);
      expect(r.json.errors, JSON.stringify(query)).toContainEqual(expect.objectContaining({ field, code }));
    }
  });

  it('keeps each ad account to its own reports', async () => {
    const other = await setupLiveAd(t);
    const foreign = await report({ dimensions: 'stat_time_day', ...range }, other.analystToken);
    expect(foreign.status).toBe(404);
    const own = await t.call(
      other.analystToken,
      'GET',
      `/v1/ad-accounts/${other.accountId}/reports?${new URLSearchParams({
        dimensions: 'ad_id',
        metrics: 'impressions',
        query_lifetime: 'true',
        filtering: JSON.stringify([
          { field_name: 'ad_ids', filter_type: 'IN', filter_value: JSON.stringify([live.adId]) },
        ]),
      })}`,
    );
    expect(own.status).toBe(200);
    expect(own.json.list).toEqual([]);
    expect(
      (
        await t.call(
          PLATFORM_TOKEN,
          'GET',
          `/v1/ad-accounts/${live.accountId}/reports?dimensions=stat_time_day&query_lifetime=true`,
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await t.call(
          null,
          'GET',
          `/v1/ad-accounts/${live.accountId}/reports/csv?dimensions=stat_time_day&query_lifetime=true`,
        )
      ).status,
    ).toBe(401);
  });
});
