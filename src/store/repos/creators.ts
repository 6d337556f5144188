import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Creator } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';
import type { CreatorTable } from '../schema.js';

export type CreatorFields = Pick<
  Creator,
  'handle' | 'displayName' | 'avatarUrl' | 'followerCount' | 'region'
>;

export function toCreator(row: Selectable<CreatorTable>): Creator {
  return {
    id: row.id,
    handle: row.handle,
    displayName: row.display_name,
    avatarUrl: row.avatar_url,
    followerCount: row.follower_count,
    region: row.region,
    paidFollows: row.paid_follows,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getCreator(db: Executor, id: string): Promise<Creator | undefined> {
  const row = await db.selectFrom('creators').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCreator(row);
}

export async function getCreatorsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, Creator>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('creators')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toCreator(r)]));
}

export async function findCreatorIdByHandle(db: Executor, handle: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('creators')
    .select('id')
    .where(sql<string>`lower(handle)`, '=', handle.toLowerCase())
    .executeTakeFirst();
  return row?.id;
}

/** Inserts or updates; returns whether the row was created. */
export async function upsertCreator(
  db: Executor,
  id: string,
  fields: CreatorFields,
  now: number,
): Promise<boolean> {
  const values = {
    handle: fields.handle,
    display_name: fields.displayName,
    avatar_url: fields.avatarUrl,
    follower_count: fields.followerCount,
    region: fields.region,
    updated_at: now,
  };
  const existing = await db.selectFrom('creators').select('id').where('id', '=', id).executeTakeFirst();
  if (existing) {
    await db.updateTable('creators').set(values).where('id', '=', id).execute();
    return false;
  }
  await db
    .insertInto('creators')
    .values({ id, ...values, created_at: now })
    .execute();
  return true;
}

export async function listCreators(db: Executor, page: PageRequest): Promise<Page<Creator>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('creators')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (after) query = query.where('id', '<', after);
  return toPage(await query.execute(), page.limit, toCreator);
}

export async function addPaidFollows(db: Executor, creatorId: string, count: number): Promise<void> {
  await db
    .updateTable('creators')
    .set((eb) => ({ paid_follows: eb('paid_follows', '+', count) }))
    .where('id', '=', creatorId)
    .execute();
}
