import type { Executor } from '../database.js';

export type ChangedEntity =
  | 'post'
  | 'authorization'
  | 'campaign'
  | 'ad_group'
  | 'ad'
  | 'ad_account'
  | 'settings';

export interface Change {
  seq: number;
  entityType: ChangedEntity;
  entityId: string;
  changedAt: number;
}

export async function appendChange(
  db: Executor,
  entityType: ChangedEntity,
  entityId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('change_log')
    .values({ entity_type: entityType, entity_id: entityId, changed_at: now })
    .execute();
}

export async function changesAfter(db: Executor, seq: number, limit: number): Promise<Change[]> {
  const rows = await db
    .selectFrom('change_log')
    .selectAll()
    .where('seq', '>', seq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    entityType: r.entity_type as ChangedEntity,
    entityId: r.entity_id,
    changedAt: r.changed_at,
  }));
}

export async function latestChangeSeq(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('change_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return Number(row?.seq ?? 0);
}
