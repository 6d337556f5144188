import { encodeTime } from 'ulid';
import type { Clock } from '../domain/clock.js';
import type { Store } from '../store/database.js';
import {
  type AdParents,
  addToAudience,
  addToReach,
  addToRollups,
  advanceWatermark,
  getWatermark,
  parentsOfAds,
  readEventsAfter,
  resetReports,
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

export const EVENT_PREFIX = 'evt_';

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
    const events = await readEventsAfter(db, mark.position, batchSize, before);
    const last = events[events.length - 1];
    if (!last) return { events: 0, watermark: mark.position, conflict: false };

    // An ad's parents never change: read them once per ad, from one of its events.
    const unknown = new Map<string, string>();
    for (const e of events)
      if (e.ad_id && !adParents.has(e.ad_id) && !unknown.has(e.ad_id)) unknown.set(e.ad_id, e.id);
    if (unknown.size > 0) {
      if (adParents.size > 200_000) adParents.clear();
      for (const [ad, parents] of await parentsOfAds(db, unknown)) adParents.set(ad, parents);
    }
    for (const e of events) {
      const parents = e.ad_id ? adParents.get(e.ad_id) : undefined;
      if (parents) Object.assign(e, parents);
    }
    const missingZones = [
      ...new Set(
        events.flatMap((e) =>
          e.ad_account_id && !accountZones.has(e.ad_account_id) ? [e.ad_account_id] : [],
        ),
      ),
    ];
    const postIds = [...new Set(events.flatMap((e) => (e.ad_id && e.post_id ? [e.post_id] : [])))];
    const { zones: loaded, durations } = await zonesAndDurations(db, missingZones, postIds);
    for (const [id, zone] of loaded) accountZones.set(id, zone); // an account's time zone never changes

    const rollup = new RollupBatch(zones);
    for (const e of events) {
      const zone = e.ad_account_id ? accountZones.get(e.ad_account_id) : undefined;
      rollup.add(e, zone ?? 'UTC', (e.post_id && durations.get(e.post_id)) || 0);
    }
    const moved = await db.transaction().execute(async (trx) => {
      const next = {
        position: last.id,
        processed: mark.processed + events.length,
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
      events: moved ? events.length : 0,
      watermark: moved ? last.id : mark.position,
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
