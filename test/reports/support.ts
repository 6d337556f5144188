import type { Insertable } from 'kysely';
import { type Clock, ManualClock } from '../../src/domain/clock.js';
import { createIdGenerator, type IdGenerator } from '../../src/domain/ids.js';
import { SeededRandom } from '../../src/domain/random.js';
import type { Store } from '../../src/store/database.js';
import type { EventTable } from '../../src/store/schema.js';

/** 2026-11-25 21:00 UTC (22:00 in Paris). */
export const T0 = Date.UTC(2026, 10, 25, 21, 0, 0);

export interface AdIds {
  ad_id: string;
  ad_group_id: string;
  campaign_id: string;
  ad_account_id: string;
  post_id: string;
  creator_id: string;
}

/** A minimal world written straight to the store: an ad account, a creator, a post, ad ids. */
export async function seedWorld(
  store: Store,
  options: {
    account?: string;
    zone?: string;
    currency?: string;
    creator?: string;
    post?: string;
    durationMs?: number;
  } = {},
): Promise<Omit<AdIds, 'ad_id' | 'ad_group_id' | 'campaign_id'>> {
  const account = options.account ?? 'acc_A';
  const creator = options.creator ?? 'ana';
  const post = options.post ?? 'p1';
  await store.db
    .insertInto('ad_accounts')
    .values({
      id: account,
      name: account,
      currency: options.currency ?? 'EUR',
      time_zone: options.zone ?? 'Europe/Paris',
      created_at: T0,
      updated_at: T0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await store.db
    .insertInto('creators')
    .values({
      id: creator,
      handle: creator,
      display_name: creator,
      avatar_url: null,
      follower_count: 100,
      region: null,
      created_at: T0,
      updated_at: T0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await store.db
    .insertInto('posts')
    .values({
      id: post,
      creator_id: creator,
      caption: 'c',
      media_url: 'https://cdn.example/p.mp4',
      duration_ms: options.durationMs ?? 20_000,
      sound_id: null,
      hashtags: '[]',
      visibility: 'PUBLIC',
      organic_views: 0,
      organic_likes: 0,
      organic_comments: 0,
      organic_shares: 0,
      organic_follows: 0,
      published_at: T0,
      created_at: T0,
      updated_at: T0,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  return { ad_account_id: account, post_id: post, creator_id: creator };
}

export type EventSpec = Partial<Insertable<EventTable>> & { type: string; occurred_at: number };

/** Writes events as the pipeline would (ids minted in order); returns their ids. */
export class EventWriter {
  private readonly ids: IdGenerator;
  private n = 0;
  constructor(
    private readonly store: Store,
    clock: Clock = new ManualClock(T0),
  ) {
    this.ids = createIdGenerator(clock, new SeededRandom(7));
  }

  async write(ad: Partial<AdIds> | null, events: EventSpec[]): Promise<string[]> {
    const rows: Insertable<EventTable>[] = events.map((e) => {
      const id = this.ids.next('event');
      this.n++;
      return {
        id,
        dedupe_key: `k${this.n}-${id}`,
        kind: 'ad',
        decision_id: null,
        viewer_id: null,
        placement: 'IN_FEED',
        country: null,
        age_group: null,
        gender: null,
        os: null,
        received_at: e.occurred_at,
        invalid_reason: null,
        client_event_id: null,
        value_micros: null,
        paid: 0,
        attributed: 0,
        billed_micros: 0,
        uncharged_micros: 0,
        ad_id: null,
        ad_group_id: null,
        campaign_id: null,
        ad_account_id: null,
        post_id: null,
        creator_id: null,
        ...ad,
        ...e,
      };
    });
    for (let i = 0; i < rows.length; i += 400)
      await this.store.db
        .insertInto('events')
        .values(rows.slice(i, i + 400))
        .execute();
    return rows.map((r) => r.id);
  }
}

/** Every rollup and sketch row, sorted, for comparing two aggregations. */
export async function snapshotReports(store: Store): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of [
    'report_ad_daily',
    'report_ad_hourly',
    'report_ad_breakdown',
    'report_ad_breakdown_daily',
    'reach_daily',
    'creator_audience',
  ] as const) {
    const rows = (await store.db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
    out[table] = rows
      .map((r) =>
        Object.fromEntries(
          Object.entries(r).map(([k, v]) => [
            k,
            v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
          ]),
        ),
      )
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return out;
}
