import type { Clock } from '../domain/clock.js';
import type { IdGenerator } from '../domain/ids.js';
import type { Actor } from '../domain/model.js';
import type { RandomSource } from '../domain/random.js';
import type { PlatformSettings } from '../domain/settings.js';
import type { Executor, Store } from '../store/database.js';
import { insertAudit } from '../store/repos/audit.js';
import { appendChange, type ChangedEntity } from '../store/repos/changes.js';
import { getSettings } from '../store/repos/settings.js';

export interface EntityChange {
  entityType: ChangedEntity;
  entityId: string;
}

/** Receives committed changes in-process (the delivery index listens here). */
export type ChangeListener = (changes: readonly EntityChange[]) => void;

export class ChangeBus {
  private readonly listeners = new Set<ChangeListener>();
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  publish(changes: readonly EntityChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.listeners) listener(changes);
  }
}

/** What every use case needs: the store, time, chance, ids, and where committed changes go. */
export interface ServiceContext {
  store: Store;
  clock: Clock;
  random: RandomSource;
  ids: IdGenerator;
  changes: ChangeBus;
}

/** A unit of work: its queries share one transaction; its changes are published after commit. */
export interface UnitOfWork {
  db: Executor;
  now: number;
  /** Records that an entity changed: in the change log (same transaction) and, after commit, on the bus. */
  changed(entityType: ChangedEntity, entityId: string): Promise<void>;
  audit(entry: {
    actor: Actor;
    action: string;
    entityType: string;
    entityId: string;
    adAccountId?: string | null;
    creatorId?: string | null;
    changes?: Record<string, [unknown, unknown]> | null;
  }): Promise<void>;
}

export async function transact<T>(ctx: ServiceContext, work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
  const pending: EntityChange[] = [];
  const now = ctx.clock.now();
  const result = await ctx.store.db.transaction().execute(async (trx) =>
    work({
      db: trx,
      now,
      async changed(entityType, entityId) {
        pending.push({ entityType, entityId });
        await appendChange(trx, entityType, entityId, now);
      },
      async audit(entry) {
        await insertAudit(trx, {
          id: ctx.ids.next('audit'),
          occurredAt: now,
          adAccountId: entry.adAccountId ?? null,
          creatorId: entry.creatorId ?? null,
          actor: entry.actor,
          action: entry.action,
          entityType: entry.entityType,
          entityId: entry.entityId,
          changes: entry.changes ?? null,
        });
      },
    }),
  );
  ctx.changes.publish(pending);
  return result;
}

/** Settings are read often and change rarely: cached per context for a second. */
const settingsCache = new WeakMap<ServiceContext, { at: number; value: PlatformSettings }>();

/**
 * The platform settings. Inside a unit of work pass it: SQLite has one connection, which the
 * open transaction holds, so a query on the root database there would wait forever.
 */
export async function loadSettings(ctx: ServiceContext, uow?: UnitOfWork): Promise<PlatformSettings> {
  const cached = settingsCache.get(ctx);
  const now = ctx.clock.now();
  if (cached && now - cached.at < 1000) return cached.value;
  const value = await getSettings(uow ? uow.db : ctx.store.db);
  settingsCache.set(ctx, { at: now, value });
  return value;
}

export function invalidateSettings(ctx: ServiceContext): void {
  settingsCache.delete(ctx);
}

/** Field-level diff for the audit log. */
export function diff<T extends object>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> | null {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [key, value] of Object.entries(after)) {
    const old = (before as Record<string, unknown>)[key];
    if (value !== undefined && JSON.stringify(old) !== JSON.stringify(value)) out[key] = [old, value];
  }
  return Object.keys(out).length ? out : null;
}
