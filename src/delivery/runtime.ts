import type { Clock } from '../domain/clock.js';
import type { IdGenerator } from '../domain/ids.js';
import type { RandomSource } from '../domain/random.js';
import { localDate } from '../domain/time.js';
import type { TrackingTokenSigner } from '../domain/tracking-token.js';
import type { Store } from '../store/database.js';
import { type Change, changesAfter, latestChangeSeq } from '../store/repos/changes.js';
import { getSettings } from '../store/repos/settings.js';
import { DeliveryEngine, type EngineDeps } from './engine.js';
import { type FrequencyStore, LocalFrequencyStore } from './frequency.js';
import { type BudgetLedger, LocalBudgetLedger } from './ledger.js';
import { adGroupsAffectedBy, liveAdGroupIds, loadGroups, platformMedianEngagement } from './loader.js';
import type { TrafficCurve } from './pacing.js';
import { type Action, ActionStats } from './prediction.js';

/**
 * Keeps the engine in step with the store: loads everything at start, then reloads the ad groups
 * that each committed change touches (in-process changes arrive at once; with `pollChangeLog`, the
 * changes of other nodes arrive through the change log within `pollMs`).
 */
export interface DeliveryRuntimeOptions {
  store: Store;
  clock: Clock;
  random: RandomSource;
  ids: IdGenerator;
  signer: TrackingTokenSigner;
  ledger?: BudgetLedger;
  frequency?: FrequencyStore;
  trafficCurve?: TrafficCurve;
  /** Simulator baselines only: a different pacing controller or winner selection (see EngineDeps). */
  engine?: Pick<EngineDeps, 'pacingPolicy' | 'selection'>;
  /** Follow the change log (several server processes on one PostgreSQL). */
  pollChangeLog?: boolean;
  pollMs?: number;
  onError?: (error: unknown) => void;
}

export interface ChangeRef {
  entityType: Change['entityType'];
  entityId: string;
}

const ACTION_OF_TYPE: Record<string, Action> = {
  click: 'click',
  view_6s: 'view_6s',
  follow: 'follow',
  profile_visit: 'profile_visit',
  like: 'engagement',
  comment: 'engagement',
  share: 'engagement',
  conversion: 'conversion',
};

export class DeliveryRuntime {
  readonly engine: DeliveryEngine;
  readonly ledger: BudgetLedger;
  readonly frequency: FrequencyStore;
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private lastSeq = 0;

  private constructor(
    private readonly options: DeliveryRuntimeOptions,
    engine: DeliveryEngine,
    ledger: BudgetLedger,
    frequency: FrequencyStore,
  ) {
    this.engine = engine;
    this.ledger = ledger;
    this.frequency = frequency;
  }

  static async start(options: DeliveryRuntimeOptions): Promise<DeliveryRuntime> {
    const db = options.store.db;
    const ledger = options.ledger ?? new LocalBudgetLedger();
    const frequency = options.frequency ?? new LocalFrequencyStore();
    const engine = new DeliveryEngine({
      clock: options.clock,
      random: options.random,
      ids: options.ids,
      ledger,
      frequency,
      signer: options.signer,
      settings: await getSettings(db),
      ...(options.trafficCurve && { trafficCurve: options.trafficCurve }),
      ...options.engine,
    });
    const runtime = new DeliveryRuntime(options, engine, ledger, frequency);
    runtime.lastSeq = await latestChangeSeq(db);
    await runtime.loadAll();
    if (options.pollChangeLog) {
      runtime.timer = setInterval(() => runtime.poll(), options.pollMs ?? 500);
      runtime.timer.unref();
    }
    return runtime;
  }

  private async loadStats(): Promise<Map<string, ActionStats>> {
    const rows = await this.options.store.db
      .selectFrom('events')
      .select(['ad_id', 'type', (eb) => eb.fn.countAll<number>().as('n')])
      .where('ad_id', 'is not', null)
      .where('invalid_reason', 'is', null)
      .groupBy(['ad_id', 'type'])
      .execute();
    const stats = new Map<string, ActionStats>();
    for (const row of rows) {
      const id = row.ad_id as string;
      let s = stats.get(id);
      if (!s) {
        s = new ActionStats();
        stats.set(id, s);
      }
      if (row.type === 'impression') s.impressions += Number(row.n);
      const action = ACTION_OF_TYPE[row.type];
      if (action) s.actions[action] += Number(row.n);
    }
    return stats;
  }

  private async loadAll(): Promise<void> {
    const db = this.options.store.db;
    const now = this.options.clock.now();
    const context = {
      now,
      medianEngagement: await platformMedianEngagement(db),
      stats: await this.loadStats(),
    };
    const ids = await liveAdGroupIds(db);
    for (let i = 0; i < ids.length; i += 2000) {
      const { records } = await loadGroups(db, ids.slice(i, i + 2000), context);
      // Seed the ledger with what the store says was spent: lifetime, and today in each account's zone.
      const byDate = new Map<string, Map<string, string>>();
      for (const record of records) {
        this.engine.upsertGroup(record);
        const g = record.adGroup;
        const c = record.campaign;
        this.ledger.load(`g:${g.id}`, g.spendMicros);
        this.ledger.load(`c:${c.id}`, c.spendMicros);
        const date = localDate(now, record.account.timeZone);
        const keys = byDate.get(date) ?? new Map<string, string>();
        keys.set(g.id, `g:${g.id}:${date}`);
        keys.set(c.id, `c:${c.id}:${date}`);
        byDate.set(date, keys);
      }
      for (const [date, keys] of byDate) {
        const entities = [...keys.keys()];
        for (let j = 0; j < entities.length; j += 500) {
          const rows = await db
            .selectFrom('daily_spend')
            .select(['entity_id', 'spend_micros'])
            .where('entity_id', 'in', entities.slice(j, j + 500))
            .where('local_date', '=', date)
            .execute();
          for (const row of rows) this.ledger.load(keys.get(row.entity_id) as string, row.spend_micros);
        }
      }
    }
    this.medianEngagement = context.medianEngagement;
  }

  private medianEngagement = 0.05;

  /** Reloads what the changes touch; resolves when the engine reflects them. Reloads run one at a time. */
  refresh(changes: readonly ChangeRef[]): Promise<void> {
    if (changes.length === 0) return this.queue;
    this.queue = this.queue
      .then(() => this.reload(changes))
      .catch((error: unknown) => this.options.onError?.(error));
    return this.queue;
  }

  private async reload(changes: readonly ChangeRef[]): Promise<void> {
    const db = this.options.store.db;
    if (changes.some((c) => c.entityType === 'settings')) this.engine.settings = await getSettings(db);
    const affected = await adGroupsAffectedBy(db, changes);
    if (affected.length === 0) return;
    const { records, missing } = await loadGroups(db, affected, {
      now: this.options.clock.now(),
      medianEngagement: this.medianEngagement,
    });
    for (const record of records) this.engine.upsertGroup(record);
    for (const id of missing) this.engine.removeGroup(id);
  }

  private poll(): void {
    this.queue = this.queue
      .then(async () => {
        const changes = await changesAfter(this.options.store.db, this.lastSeq, 5000);
        if (changes.length === 0) return;
        this.lastSeq = (changes[changes.length - 1] as Change).seq;
        await this.reload(changes);
      })
      .catch((error: unknown) => this.options.onError?.(error));
  }

  /** Waits for pending reloads (tests). */
  settled(): Promise<void> {
    return this.queue;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
