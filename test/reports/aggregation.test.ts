import { afterAll, beforeAll, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.js';
import { ReachSketch } from '../../src/domain/hyperloglog.js';
import { createAggregator } from '../../src/reports/aggregator.js';
import { describeEachDialect, openTestDatabase, type TestDatabase } from '../support/dialects.js';
import { type AdIds, EventWriter, seedWorld, snapshotReports, T0 } from './support.js';

const MIN = 60_000;
/** 2026-11-25 23:00 UTC is midnight in Paris: the local day changes there. */
const PARIS_MIDNIGHT = Date.UTC(2026, 10, 25, 23, 0, 0);

describeEachDialect('the aggregator', (dialect) => {
  let db: TestDatabase;
  let writer: EventWriter;
  let ad1: AdIds;
  let ad2: AdIds;
  const clock = new ManualClock(T0);

  beforeAll(async () => {
    db = await openTestDatabase(dialect);
    const world = await seedWorld(db.store, { durationMs: 20_000 });
    ad1 = { ...world, ad_id: 'ad_1', ad_group_id: 'adg_1', campaign_id: 'cmp_1' };
    ad2 = { ...world, ad_id: 'ad_2', ad_group_id: 'adg_1', campaign_id: 'cmp_1' };
    writer = new EventWriter(db.store, clock);
  });
  afterAll(async () => db.close());

  const aggregator = (batchSize = 20_000) => createAggregator(db.store, { clock, batchSize });

  it('rolls events up per local day, local hour and breakdown, with reach sketches', async () => {
    await writer.write(ad1, [
      {
        type: 'impression',
        occurred_at: PARIS_MIDNIGHT - 1000,
        viewer_id: 'v1',
        country: 'FR',
        age_group: 'AGE_18_24',
        gender: 'GENDER_FEMALE',
        os: 'IOS',
        billed_micros: 5000,
      },
      {
        type: 'impression',
        occurred_at: PARIS_MIDNIGHT - 500,
        viewer_id: 'v2',
        country: 'DE',
        os: 'ANDROID',
        billed_micros: 5000,
      },
      { type: 'video_play', occurred_at: PARIS_MIDNIGHT - 400, viewer_id: 'v1', paid: 1 },
      { type: 'view_p100', occurred_at: PARIS_MIDNIGHT - 300, viewer_id: 'v1' },
      {
        type: 'impression',
        occurred_at: PARIS_MIDNIGHT,
        viewer_id: 'v1',
        country: 'FR',
        billed_micros: 5000,
      },
      { type: 'like', occurred_at: PARIS_MIDNIGHT + MIN, viewer_id: 'v1', paid: 1 },
      {
        type: 'click',
        occurred_at: PARIS_MIDNIGHT + MIN,
        viewer_id: 'bot',
        invalid_reason: 'BOT_USER_AGENT',
      },
      {
        type: 'follow',
        kind: 'post',
        occurred_at: PARIS_MIDNIGHT + 2 * MIN,
        viewer_id: 'v1',
        paid: 1,
        attributed: 1,
      },
    ]);
    await writer.write(null, [
      {
        type: 'like',
        kind: 'post',
        occurred_at: PARIS_MIDNIGHT,
        viewer_id: 'v9',
        post_id: 'p1',
        creator_id: 'ana',
      },
    ]);
    await writer.write(ad2, [
      { type: 'impression', occurred_at: PARIS_MIDNIGHT + 5 * MIN, viewer_id: 'v1', billed_micros: 7000 },
    ]);

    const run = await aggregator().runOnce();
    expect(run).toMatchObject({ events: 10, batches: 1, conflicts: 0 });

    const daily = await db.store.db
      .selectFrom('report_ad_daily')
      .selectAll()
      .orderBy('ad_id')
      .orderBy('local_date')
      .execute();
    expect(
      daily.map((r) => [
        r.ad_id,
        r.local_date,
        r.impressions,
        r.spend_micros,
        r.likes,
        r.follows,
        r.invalid_events,
        r.video_plays,
        r.views_p100,
        r.play_ms,
      ]),
    ).toEqual([
      ['ad_1', '2026-11-25', 2, 10_000, 0, 0, 0, 1, 1, 5000],
      ['ad_1', '2026-11-26', 1, 5000, 1, 1, 1, 0, 0, 0],
      ['ad_2', '2026-11-26', 1, 7000, 0, 0, 0, 0, 0, 0],
    ]);
    const hourly = await db.store.db
      .selectFrom('report_ad_hourly')
      .select(['ad_id', 'hour_start', 'local_date', 'impressions'])
      .orderBy('ad_id')
      .orderBy('hour_start')
      .execute();
    expect(hourly).toEqual([
      { ad_id: 'ad_1', hour_start: PARIS_MIDNIGHT - 3_600_000, local_date: '2026-11-25', impressions: 2 },
      { ad_id: 'ad_1', hour_start: PARIS_MIDNIGHT, local_date: '2026-11-26', impressions: 1 },
      { ad_id: 'ad_2', hour_start: PARIS_MIDNIGHT, local_date: '2026-11-26', impressions: 1 },
    ]);
    const countries = await db.store.db
      .selectFrom('report_ad_breakdown')
      .select(['value', 'impressions', 'spend_micros'])
      .where('ad_id', '=', 'ad_1')
      .where('breakdown', '=', 'country')
      .where('local_date', '=', '2026-11-25')
      .orderBy('value')
      .execute();
    expect(countries).toEqual([
      { value: '', impressions: 0, spend_micros: 0 },
      { value: 'DE', impressions: 1, spend_micros: 5000 },
      { value: 'FR', impressions: 1, spend_micros: 5000 },
    ]);
    // Each event lands once in every breakdown: the slices of a breakdown add up to the hour.
    for (const breakdown of ['country', 'age', 'gender', 'platform', 'placement', 'age_gender']) {
      const sum = await db.store.db
        .selectFrom('report_ad_breakdown')
        .select((eb) => eb.fn.sum<number>('impressions').as('n'))
        .where('breakdown', '=', breakdown)
        .executeTakeFirstOrThrow();
      expect(Number(sum.n), breakdown).toBe(4);
    }

    const reach = await db.store.db
      .selectFrom('reach_daily')
      .selectAll()
      .orderBy('level')
      .orderBy('entity_id')
      .orderBy('local_date')
      .execute();
    const estimates = reach.map((r) => [
      r.level,
      r.entity_id,
      r.local_date,
      ReachSketch.deserialize(r.sketch).estimate(),
    ]);
    expect(estimates).toEqual([
      ['account', 'acc_A', '2026-11-25', 2],
      ['account', 'acc_A', '2026-11-26', 1],
      ['ad', 'ad_1', '2026-11-25', 2],
      ['ad', 'ad_1', '2026-11-26', 1],
      ['ad', 'ad_2', '2026-11-26', 1],
      ['adgroup', 'adg_1', '2026-11-25', 2],
      ['adgroup', 'adg_1', '2026-11-26', 1],
      ['campaign', 'cmp_1', '2026-11-25', 2],
      ['campaign', 'cmp_1', '2026-11-26', 1],
    ]);
    const audience = await db.store.db
      .selectFrom('creator_audience')
      .selectAll()
      .orderBy('breakdown')
      .orderBy('value')
      .execute();
    expect(audience.map((a) => [a.breakdown, a.value, a.impressions])).toEqual([
      ['age', 'AGE_18_24', 1],
      ['country', 'DE', 1],
      ['country', 'FR', 2],
      ['gender', 'GENDER_FEMALE', 1],
    ]);
  });

  it('counts each event once: a second run finds nothing, later events add up', async () => {
    const before = await snapshotReports(db.store);
    expect((await aggregator().runOnce()).events).toBe(0);
    expect(await snapshotReports(db.store)).toEqual(before);

    await writer.write(ad1, [
      { type: 'impression', occurred_at: PARIS_MIDNIGHT + 10 * MIN, viewer_id: 'v3', billed_micros: 5000 },
    ]);
    await aggregator().runOnce();
    const row = await db.store.db
      .selectFrom('report_ad_daily')
      .selectAll()
      .where('ad_id', '=', 'ad_1')
      .where('local_date', '=', '2026-11-26')
      .executeTakeFirstOrThrow();
    expect([row.impressions, row.spend_micros]).toEqual([2, 10_000]);
  });

  it('rebuilding from the event log, in batches of any size, gives the same rows and sketch bytes', async () => {
    // Enough viewers for dense sketches, across many hours.
    const many = Array.from({ length: 3000 }, (_, i) => ({
      type: 'impression',
      occurred_at: PARIS_MIDNIGHT + (i % 50) * 7 * MIN,
      viewer_id: `w${i % 2200}`,
      country: ['FR', 'DE', 'ES'][i % 3] as string,
      billed_micros: 4000,
    }));
    await writer.write(ad2, many);
    await aggregator(700).runOnce();
    const incremental = await snapshotReports(db.store);
    await aggregator(977).rebuild();
    expect(await snapshotReports(db.store)).toEqual(incremental);
    await aggregator().rebuild();
    expect(await snapshotReports(db.store)).toEqual(incremental);
    const sketch = await db.store.db
      .selectFrom('reach_daily')
      .select('sketch')
      .where('level', '=', 'ad')
      .where('entity_id', '=', 'ad_2')
      .executeTakeFirstOrThrow();
    const estimate = ReachSketch.deserialize(sketch.sketch).estimate();
    expect(Math.abs(estimate - 2201) / 2201).toBeLessThan(0.02);
  });

  it('two aggregators running at once never count an event twice', async () => {
    await writer.write(
      ad1,
      Array.from({ length: 500 }, (_, i) => ({
        type: 'click',
        occurred_at: PARIS_MIDNIGHT + 20 * MIN,
        viewer_id: `c${i}`,
      })),
    );
    const [a, b] = await Promise.all([aggregator(50).runOnce(), aggregator(50).runOnce()]);
    expect(a.events + b.events).toBe(500);
    const clicks = await db.store.db
      .selectFrom('report_ad_daily')
      .select((eb) => eb.fn.sum<number>('clicks').as('n'))
      .where('ad_id', '=', 'ad_1')
      .executeTakeFirstOrThrow();
    expect(Number(clicks.n)).toBe(500);
  });

  it('with a settle time it leaves the newest events for the next run', async () => {
    const settled = createAggregator(db.store, { clock, settleMs: 2000 });
    await writer.write(ad1, [{ type: 'click', occurred_at: PARIS_MIDNIGHT, viewer_id: 'late' }]);
    expect((await settled.runOnce()).events).toBe(0);
    clock.advance(2001);
    expect((await settled.runOnce()).events).toBe(1);
  });
});
