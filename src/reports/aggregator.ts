import { encodeTime } from 'ulid';
import type { Clock } from '../domain/clock.js';
import { ID_PREFIXES } from '../domain/ids.js';
import type { Store } from '../store/database.js';
import {
  type AdParents,
  addToAudience,
  addToReach,
  addToRollups,
  advanceWatermark,
  blankEvent,
  getWatermark,
  type PackedEvent,
  parentsOfAds,
  readPackedEventsAfter,
  resetReports,
  unpackEvent,
  zonesAndDurations,
} from '../store/repos/report-rollups.js';
import { ZoneBuckets } from './local-time.js';
import { RollupBatch } from './rollup-batch.js';

/**
 * The aggregator: reads the event log in id order from its watermark and adds each batch to the
 * rollups and reach sketches, moving the watermark in the same transaction. So every event is
 * counted exactly once even if the process dies mid-batch or several nodes run an aggregator, and
 * re-running over the same events (rebuild) gives the same rollups, sketch bytes included.
 *
 * Event ids are minted in commit order by each node's single committer. On one node that makes the
 * log append-only in id order; with several nodes writing, an id may commit a little after a
 * larger one, so the aggregator stays `settleMs` behind the clock (ids carry their mint time).
 */
export interface AggregatorOptions {
  clock: Clock;
  /** Pause between runs when caught up (default 1 s). */
  intervalMs?: number;
  /** Events per batch (default 50,000: rows written per batch grow with ads × hours, not events). */
  batchSize?: number;
  /** Stay this far behind the newest event ids (default 0: one node; set ~2 s with several). */
  settleMs?: number;
  /** Runs at most this many batches before yielding to the timer (default 50). */
  maxBatchesPerRun?: number;
  onError?: (error: unknown) => void;
}

export interface AggregationRun {
  events: number;
  batches: number;
  /** The last event id rolled up ('' before any). */
  watermark: string;
  /** Batches given up because another aggregator moved the watermark first. */
  conflicts: number;
}

export interface Aggregator {
  /** Rolls up everything committed so far (tests call this instead of waiting for the timer). */
  runOnce(): Promise<AggregationRun>;
  /** Deletes every rollup and sketch and aggregates the whole event log again. */
  rebuild(): Promise<AggregationRun>;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

const EVENT_PREFIX = `${ID_PREFIXES.event}_`;
/** Events read per query within a batch. */
const READ_CHUNK = 5000;

/** Builds an aggregator without starting its timer. */
export function createAggregator(store: Store, options: AggregatorOptions): Aggregator & { start(): void } {
  const batchSize = options.batchSize ?? 50_000;
  const settleMs = options.settleMs ?? 0;
  const maxBatches = options.maxBatchesPerRun ?? 50;
  const zones = new ZoneBuckets();
  const accountZones = new Map<string, string>();
  const adParents = new Map<string, AdParents>();
  let running: Promise<AggregationRun> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function batch(): Promise<{ events: number; watermark: string; conflict: boolean }> {
    const db = store.db;
    const mark = await getWatermark(db);
    const before = settleMs > 0 ? `${EVENT_PREFIX}${encodeTime(options.clock.now() - settleMs, 10)}` : null;
    if (adParents.size > 200_000) adParents.clear();
    const rollup = new RollupBatch(zones);
    const durations = new Map<string, number>();
    const e = blankEvent();
    let last = '';
    let count = 0;
    // Read in chunks, each rolled up before the next is read: rows die young (a batch of 50,000 row
    // objects kept to the end cost a fifth of the time in garbage collection).
    while (count < batchSize) {
      const want = Math.min(READ_CHUNK, batchSize - count);
      const events = await readPackedEventsAfter(db, last || mark.position, want, before);
      if (events.length === 0) break;

      // An ad's parents never change: read them once per ad, from one of its events.
      const ads = new Map<string, string>();
      for (const r of events) if (r.ad_id && !ads.has(r.ad_id)) ads.set(r.ad_id, r.id);
      const unknown = new Map<string, string>();
      for (const [ad, eventId] of ads) if (!adParents.has(ad)) unknown.set(ad, eventId);
      if (unknown.size > 0)
        for (const [ad, parents] of await parentsOfAds(db, unknown)) adParents.set(ad, parents);
      const missingZones = new Set<string>();
      const postIds = new Set<string>();
      for (const ad of ads.keys()) {
        const parents = adParents.get(ad);
        if (!parents) continue;
        if (parents.ad_account_id && !accountZones.has(parents.ad_account_id))
          missingZones.add(parents.ad_account_id);
        if (parents.post_id && !durations.has(parents.post_id)) postIds.add(parents.post_id);
      }
      if (missingZones.size > 0 || postIds.size > 0) {
        const loaded = await zonesAndDurations(db, [...missingZones], [...postIds]);
        for (const [id, zone] of loaded.zones) accountZones.set(id, zone); // an account's zone never changes
        for (const [id, ms] of loaded.durations) durations.set(id, ms);
      }

      for (const packed of events) {
        unpackEvent(packed, e);
        const parents = e.ad_id ? adParents.get(e.ad_id) : undefined;
        e.ad_group_id = parents?.ad_group_id ?? null;
        e.campaign_id = parents?.campaign_id ?? null;
        e.ad_account_id = parents?.ad_account_id ?? null;
        e.post_id = parents?.post_id ?? null;
        e.creator_id = parents?.creator_id ?? null;
        const zone = e.ad_account_id ? accountZones.get(e.ad_account_id) : undefined;
        rollup.add(e, zone ?? 'UTC', (e.post_id && durations.get(e.post_id)) || 0);
      }
      count += events.length;
      last = (events[events.length - 1] as PackedEvent).id;
      if (events.length < want) break;
    }
    if (count === 0) return { events: 0, watermark: mark.position, conflict: false };

    const moved = await db.transaction().execute(async (trx) => {
      const next = {
        position: last,
        processed: mark.processed + count,
        updatedAt: options.clock.now(),
      };
      if (!(await advanceWatermark(trx, mark.position, next))) return false;
      await addToRollups(trx, 'report_ad_daily', rollup.daily);
      await addToRollups(trx, 'report_ad_hourly', rollup.hourly);
      await addToRollups(trx, 'report_ad_breakdown', rollup.breakdowns);
      await addToRollups(trx, 'report_ad_breakdown_daily', rollup.dailyBreakdowns);
      await addToReach(trx, rollup.reach);
      await addToAudience(trx, rollup.audience);
      return true;
    });
    return {
      events: moved ? count : 0,
      watermark: moved ? last : mark.position,
      conflict: !moved,
    };
  }

  async function drain(): Promise<AggregationRun> {
    const run: AggregationRun = { events: 0, batches: 0, watermark: '', conflicts: 0 };
    for (let i = 0; i < maxBatches; i++) {
      const result = await batch();
      run.watermark = result.watermark;
      if (result.conflict) {
        run.conflicts++;
        continue;
      }
      if (result.events === 0) break;
      run.events += result.events;
      run.batches++;
      if (result.events < batchSize) break;
    }
    return run;
  }

  /** One run at a time: a caller arriving during a run waits for it, then runs again. */
  async function exclusive(work: () => Promise<AggregationRun>): Promise<AggregationRun> {
    while (running) await running.catch(() => undefined);
    const current = work();
    running = current;
    try {
      return await current;
    } finally {
      if (running === current) running = null;
    }
  }

  function schedule(delay: number): void {
    if (stopped) return;
    timer = setTimeout(async () => {
      let more = false;
      try {
        const run = await exclusive(drain);
        more = run.batches >= maxBatches;
      } catch (error) {
        options.onError?.(error);
      }
      schedule(more ? 0 : (options.intervalMs ?? 1000));
    }, delay);
    timer.unref();
  }

  return {
    runOnce: () => exclusive(drain),
    rebuild: () =>
      exclusive(async () => {
        await resetReports(store.db, options.clock.now());
        const total: AggregationRun = { events: 0, batches: 0, watermark: '', conflicts: 0 };
        for (;;) {
          const run = await drain();
          total.events += run.events;
          total.batches += run.batches;
          total.conflicts += run.conflicts;
          total.watermark = run.watermark;
          if (run.batches < maxBatches) return total;
        }
      }),
    start() {
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}

/** Creates and starts the aggregator inside the server; `stop()` it before closing the store. */
export function startAggregator(store: Store, options: AggregatorOptions): Aggregator {
  const aggregator = createAggregator(store, options);
  aggregator.start();
  return aggregator;
}
