import { DateTime } from 'luxon';
import { createAggregator } from '../../src/reports/aggregator.js';
import { PLATFORM_TOKEN, type TestApp } from '../support/app.js';
import { pageFor } from '../support/scenario.js';

/** Helpers to drive the event pipeline over HTTP as a host app and a brand would. */

export interface Served {
  token: string;
  clickId: string;
  adId: string;
}

export interface Viewer {
  id: string;
  country?: string;
  age_group?: string;
  gender?: string;
  os?: string;
}

/** Asks for a feed page for the viewer; returns the first ad served. */
export async function serve(t: TestApp, viewer: Viewer, adId?: string): Promise<Served> {
  const decision = await t.call(
    PLATFORM_TOKEN,
    'POST',
    '/v1/feed/decisions',
    pageFor({ country: 'FR', ...viewer }),
  );
  if (decision.status !== 200) throw new Error(`decision failed: ${JSON.stringify(decision.json)}`);
  const ads = decision.json.ads as { ad_id: string; tracking_token: string; landing_page_url: string }[];
  const ad = adId ? ads.find((a) => a.ad_id === adId) : ads[0];
  if (!ad) throw new Error(`no ad served to ${viewer.id}: ${JSON.stringify(decision.json)}`);
  return {
    token: ad.tracking_token,
    clickId: new URL(ad.landing_page_url).searchParams.get('kd_click') as string,
    adId: ad.ad_id,
  };
}

let seq = 0;

/** Reports ad events for one served ad: [type, occurred_at ISO, user agent?]. */
export async function sendAdEvents(
  t: TestApp,
  served: Served,
  viewerId: string,
  events: [type: string, at: string, userAgent?: string][],
): Promise<string[]> {
  const result = await t.call(PLATFORM_TOKEN, 'POST', '/v1/events', {
    events: events.map(([type, at, ua]) => ({
      client_event_id: `e${++seq}`,
      tracking_token: served.token,
      type,
      viewer_id: viewerId,
      occurred_at: at,
      ...(ua && { user_agent: ua }),
    })),
  });
  if (result.status !== 200) throw new Error(`events failed: ${JSON.stringify(result.json)}`);
  return result.json.data.map(
    (d: { status: string; code?: string }) => `${d.status}${d.code ? `:${d.code}` : ''}`,
  );
}

export async function sendPostEvents(
  t: TestApp,
  events: { viewer: string; post: string; type: string; at: string }[],
) {
  const result = await t.call(PLATFORM_TOKEN, 'POST', '/v1/platform/post-events', {
    events: events.map((e) => ({
      client_event_id: `pe${++seq}`,
      viewer_id: e.viewer,
      post_id: e.post,
      type: e.type,
      occurred_at: e.at,
    })),
  });
  if (result.status !== 200) throw new Error(`post events failed: ${JSON.stringify(result.json)}`);
  return result.json.data.map((d: { status: string }) => d.status);
}

export async function sendConversion(
  t: TestApp,
  adminToken: string,
  clickId: string,
  value: string | null,
  at: string,
) {
  const result = await t.call(adminToken, 'POST', '/v1/conversions', {
    conversions: [{ conversion_id: `cv${++seq}`, click_id: clickId, value, occurred_at: at }],
  });
  if (result.status !== 200) throw new Error(`conversion failed: ${JSON.stringify(result.json)}`);
  return result.json.data[0].status as string;
}

/** Runs the aggregator once over everything committed. */
export async function aggregate(t: TestApp): Promise<number> {
  return (await createAggregator(t.ctx.store, { clock: t.clock }).runOnce()).events;
}

/** Makes every impression cost 1.00 of the currency (reserve CPM 1000) so spend is easy to read. */
export async function expensiveImpressions(t: TestApp): Promise<void> {
  const r = await t.call(PLATFORM_TOKEN, 'PATCH', '/v1/platform/settings', {
    reserve_cpm: { IN_FEED: '1000.00', TOPVIEW: '1000.00' },
  });
  if (r.status !== 200) throw new Error(JSON.stringify(r.json));
  await t.system.delivery.settled();
}

export const utc = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' }).toMillis();
