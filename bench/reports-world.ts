import { DateTime } from 'luxon';
import { ReachSketch } from '../src/domain/hyperloglog.js';
import { SeededRandom } from '../src/domain/random.js';
import { COUNTERS } from '../src/domain/report-metrics.js';
import { ZoneBuckets } from '../src/reports/local-time.js';
import { RollupBatch } from '../src/reports/rollup-batch.js';
import type { Store } from '../src/store/database.js';
import type { EventRow } from '../src/store/repos/report-rollups.js';

/**
 * A synthetic ad account with a long event history, rolled up by the aggregator's own code
 * (RollupBatch: the same buckets, counters and sketches) one day at a time, and bulk-loaded into
 * the rollup tables. The raw events are never stored: reports never read them.
 */
export const ZONE = 'Europe/Paris';
export const ACCOUNT = 'acc_BENCH000000000000000000000';
export const CAMPAIGNS = 5;
export const GROUPS_PER_CAMPAIGN = 4;
export const ADS_PER_GROUP = 5;
export const FIRST_DAY = '2026-10-20';

export interface World {
  campaignIds: string[];
  adGroupIds: string[];
  ads: { id: string; adGroupId: string; campaignId: string; postId: string; creatorId: string }[];
}

export function world(): World {
  const campaignIds: string[] = [];
  const adGroupIds: string[] = [];
  const ads: World['ads'] = [];
  for (let c = 0; c < CAMPAIGNS; c++) {
    const campaignId = `cmp_BENCH${String(c).padStart(21, '0')}`;
    campaignIds.push(campaignId);
    for (let g = 0; g < GROUPS_PER_CAMPAIGN; g++) {
      const adGroupId = `adg_BENCH${String(c * 10 + g).padStart(21, '0')}`;
      adGroupIds.push(adGroupId);
      for (let a = 0; a < ADS_PER_GROUP; a++) {
        const n = ads.length;
        ads.push({
          id: `ad_BENCH${String(n).padStart(22, '0')}`,
          adGroupId,
          campaignId,
          postId: `bench-post-${n}`,
          creatorId: `bench-creator-${n % 25}`,
        });
      }
    }
  }
  return { campaignIds, adGroupIds, ads };
}

/** Entities the report names and goals come from (creators, posts, library, campaigns, ad groups, ads). */
export async function seedEntities(store: Store, w: World, now: number): Promise<void> {
  const db = store.db;
  const creators = [...new Set(w.ads.map((a) => a.creatorId))];
  await db
    .insertInto('creators')
    .values(
      creators.map((id) => ({
        id,
        handle: id.replaceAll('-', '_'),
        display_name: id,
        avatar_url: null,
        follower_count: 1000,
        region: 'FR',
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  const zero = {
    organic_views: 0,
    organic_likes: 0,
    organic_comments: 0,
    organic_shares: 0,
    organic_follows: 0,
  };
  await db
    .insertInto('posts')
    .values(
      w.ads.map((a) => ({
        id: a.postId,
        creator_id: a.creatorId,
        caption: 'c',
        media_url: 'https://cdn.example/v.mp4',
        duration_ms: 24_000,
        sound_id: null,
        hashtags: '[]',
        visibility: 'PUBLIC',
        ...zero,
        published_at: now,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto('spark_posts')
    .values(
      w.ads.map((a, i) => ({
        id: `spk_BENCH${String(i).padStart(21, '0')}`,
        ad_account_id: ACCOUNT,
        post_id: a.postId,
        creator_id: a.creatorId,
        first_bound_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto('campaigns')
    .values(
      w.campaignIds.map((id, i) => ({
        id,
        ad_account_id: ACCOUNT,
        name: `Campaign ${i}`,
        objective_type: 'REACH',
        budget_mode: 'BUDGET_MODE_INFINITE',
        budget_micros: null,
        operation_status: 'ENABLE',
        deleted_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto('ad_groups')
    .values(
      w.adGroupIds.map((id, i) => ({
        id,
        ad_account_id: ACCOUNT,
        campaign_id: w.campaignIds[Math.floor(i / GROUPS_PER_CAMPAIGN)] as string,
        name: `Ad group ${i}`,
        placements: '["IN_FEED"]',
        schedule_type: 'SCHEDULE_FROM_NOW',
        schedule_start_at: now,
        schedule_end_at: null,
        dayparting: null,
        targeting: '{}',
        budget_mode: 'BUDGET_MODE_DAY',
        budget_micros: 1_000_000_000,
        pacing: 'PACING_MODE_SMOOTH',
        billing_event: 'CPM',
        optimization_goal: i % 2 ? 'REACH' : 'SHOW',
        bid_micros: 5_000_000,
        frequency: null,
        frequency_schedule: null,
        operation_status: 'ENABLE',
        deleted_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
  await db
    .insertInto('ads')
    .values(
      w.ads.map((a, i) => ({
        id: a.id,
        ad_account_id: ACCOUNT,
        campaign_id: a.campaignId,
        ad_group_id: a.adGroupId,
        spark_post_id: `spk_BENCH${String(i).padStart(21, '0')}`,
        post_id: a.postId,
        name: `Ad ${i}`,
        call_to_action: 'SHOP_NOW',
        landing_page_url: 'https://brand.example/',
        operation_status: 'ENABLE',
        review_status: 'APPROVED',
        review_reason: null,
        reviewed_at: now,
        reviewed_by: 'auto',
        deleted_at: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();
}

const FOLLOW_UPS: [string, number][] = [
  ['video_play', 0.7],
  ['view_2s', 0.5],
  ['view_6s', 0.3],
  ['view_p25', 0.35],
  ['view_p50', 0.2],
  ['view_p75', 0.12],
  ['view_p100', 0.08],
  ['click', 0.015],
  ['like', 0.02],
  ['follow', 0.005],
  ['share', 0.003],
  ['comment', 0.002],
  ['profile_visit', 0.004],
];
/** Events per impression on average (the impression itself plus its follow-ups). */
export const EVENTS_PER_IMPRESSION = 1 + FOLLOW_UPS.reduce((n, [, p]) => n + p, 0);
const COUNTRIES = ['FR', 'FR', 'FR', 'DE', 'ES', 'IT', 'BE', 'NL', 'CH', 'PT'];
const AGES = ['AGE_18_24', 'AGE_25_34', 'AGE_25_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_100'];
const GENDERS = ['GENDER_FEMALE', 'GENDER_MALE', 'GENDER_MALE', 'GENDER_UNKNOWN'];
const OSES = ['IOS', 'ANDROID', 'ANDROID', 'OTHER'];
/** Share of a day's traffic per local hour (evening peak). */
const HOURS = Array.from(
  { length: 24 },
  (_, h) => 0.3 + Math.exp(-(((h - 20) / 4) ** 2)) + 0.5 * Math.exp(-(((h - 12) / 3) ** 2)),
);

export interface Sink {
  /** Writes one day's rollups (fresh keys: every row is new). */
  writeDay(batch: RollupBatch): Promise<void>;
}

/** Generates `totalEvents` over `days` days and hands each day's rollups to the sink. */
export async function generateHistory(
  w: World,
  totalEvents: number,
  days: number,
  sink: Sink,
  onDay?: (day: number, events: number) => void,
): Promise<number> {
  const random = new SeededRandom(2026);
  const zones = new ZoneBuckets();
  // +1 %: rounding impressions per hour loses about that much.
  const perAdDay = (1.01 * totalEvents) / days / w.ads.length / EVENTS_PER_IMPRESSION;
  const hourTotal = HOURS.reduce((a, b) => a + b, 0);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random.float() * list.length)] as T;
  let generated = 0;
  const row: EventRow = {
    id: '',
    kind: 'ad',
    type: 'impression',
    ad_id: null,
    ad_group_id: null,
    campaign_id: null,
    ad_account_id: ACCOUNT,
    post_id: null,
    creator_id: null,
    viewer_id: null,
    placement: 'IN_FEED',
    country: null,
    age_group: null,
    gender: null,
    os: null,
    occurred_at: 0,
    billed_micros: 0,
    uncharged_micros: 0,
    paid: 0,
    attributed: 0,
    invalid_reason: null,
    value_micros: null,
  };
  for (let d = 0; d < days; d++) {
    const dayStart = DateTime.fromISO(FIRST_DAY, { zone: ZONE }).plus({ days: d }).toMillis();
    const batch = new RollupBatch(zones);
    for (const ad of w.ads) {
      Object.assign(row, {
        ad_id: ad.id,
        ad_group_id: ad.adGroupId,
        campaign_id: ad.campaignId,
        post_id: ad.postId,
        creator_id: ad.creatorId,
      });
      const impressions = Math.round(perAdDay * (0.7 + 0.6 * random.float()));
      for (let h = 0; h < 24; h++) {
        const n = Math.round((impressions * (HOURS[h] as number)) / hourTotal);
        for (let i = 0; i < n; i++) {
          const r = random.float();
          // Viewers repeat: most impressions go to a small share of the audience.
          row.viewer_id = `u${Math.floor(r * r * 2_000_000)}`;
          row.country = pick(COUNTRIES);
          row.age_group = pick(AGES);
          row.gender = pick(GENDERS);
          row.os = pick(OSES);
          row.placement = random.float() < 0.9 ? 'IN_FEED' : 'TOPVIEW';
          row.occurred_at = dayStart + h * 3_600_000 + Math.floor(random.float() * 3_600_000);
          row.invalid_reason = random.float() < 0.01 ? 'BOT_USER_AGENT' : null;
          Object.assign(row, {
            kind: 'ad',
            type: 'impression',
            paid: 0,
            billed_micros: row.invalid_reason ? 0 : 5000,
            value_micros: null,
          });
          batch.add(row, ZONE, 24_000);
          generated++;
          if (row.invalid_reason) continue;
          for (const [type, p] of FOLLOW_UPS) {
            if (random.float() >= p) continue;
            Object.assign(row, { type, billed_micros: 0, paid: 1 });
            batch.add(row, ZONE, 24_000);
            generated++;
            if (type === 'click' && random.float() < 0.05) {
              Object.assign(row, {
                kind: 'conversion',
                type: 'conversion',
                attributed: 1,
                value_micros: 39_900_000,
              });
              batch.add(row, ZONE, 24_000);
              Object.assign(row, { kind: 'ad', attributed: 0, value_micros: null });
              generated++;
            }
          }
        }
      }
    }
    await sink.writeDay(batch);
    onDay?.(d, generated);
  }
  return generated;
}

/** A day's rollups as flat rows per table (column order = `columns`). */
export function flatten(batch: RollupBatch) {
  const ids = ['ad_id', 'ad_account_id', 'campaign_id', 'ad_group_id', 'post_id', 'creator_id'] as const;
  const counters = (c: Record<string, number>) => COUNTERS.map((k) => c[k] as number);
  return {
    report_ad_daily: {
      columns: [...ids, 'local_date', ...COUNTERS],
      rows: batch.daily.map((r) => [...ids.map((k) => r[k]), r.local_date, ...counters(r.counters)]),
    },
    report_ad_hourly: {
      columns: [...ids, 'local_date', 'hour_start', ...COUNTERS],
      rows: batch.hourly.map((r) => [
        ...ids.map((k) => r[k]),
        r.local_date,
        r.hour_start,
        ...counters(r.counters),
      ]),
    },
    report_ad_breakdown: {
      columns: [...ids, 'local_date', 'hour_start', 'breakdown', 'value', ...COUNTERS],
      rows: batch.breakdowns.map((r) => [
        ...ids.map((k) => r[k]),
        r.local_date,
        r.hour_start,
        r.breakdown,
        r.value,
        ...counters(r.counters),
      ]),
    },
    report_ad_breakdown_daily: {
      columns: [...ids, 'local_date', 'breakdown', 'value', ...COUNTERS],
      rows: batch.dailyBreakdowns.map((r) => [
        ...ids.map((k) => r[k]),
        r.local_date,
        r.breakdown,
        r.value,
        ...counters(r.counters),
      ]),
    },
    reach_daily: {
      columns: [
        'level',
        'entity_id',
        'local_date',
        'ad_account_id',
        'campaign_id',
        'ad_group_id',
        'post_id',
        'creator_id',
        'sketch',
      ],
      rows: batch.reach.map((r) => {
        const sketch = new ReachSketch();
        for (const v of r.viewers) sketch.addViewer(v);
        return [
          r.level,
          r.entity_id,
          r.local_date,
          r.ad_account_id,
          r.campaign_id,
          r.ad_group_id,
          r.post_id,
          r.creator_id,
          Buffer.from(sketch.serialize()),
        ];
      }),
    },
  };
}
