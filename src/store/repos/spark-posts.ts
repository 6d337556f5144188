import type { Selectable } from 'kysely';
import type { SparkPost } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';
import type { SparkPostTable } from '../schema.js';

export function toSparkPost(row: Selectable<SparkPostTable>): SparkPost {
  return {
    id: row.id,
    adAccountId: row.ad_account_id,
    postId: row.post_id,
    creatorId: row.creator_id,
    firstBoundAt: row.first_bound_at,
    updatedAt: row.updated_at,
  };
}

export async function getSparkPostByPost(
  db: Executor,
  adAccountId: string,
  postId: string,
): Promise<SparkPost | undefined> {
  const row = await db
    .selectFrom('spark_posts')
    .selectAll()
    .where('ad_account_id', '=', adAccountId)
    .where('post_id', '=', postId)
    .executeTakeFirst();
  return row && toSparkPost(row);
}

export async function getSparkPost(
  db: Executor,
  adAccountId: string,
  id: string,
): Promise<SparkPost | undefined> {
  const row = await db
    .selectFrom('spark_posts')
    .selectAll()
    .where('ad_account_id', '=', adAccountId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toSparkPost(row);
}

/** Adds the post to the account's library, or touches it when it is already there. */
export async function upsertSparkPost(db: Executor, candidate: SparkPost): Promise<SparkPost> {
  const existing = await getSparkPostByPost(db, candidate.adAccountId, candidate.postId);
  if (existing) {
    await db
      .updateTable('spark_posts')
      .set({ updated_at: candidate.updatedAt })
      .where('id', '=', existing.id)
      .execute();
    return { ...existing, updatedAt: candidate.updatedAt };
  }
  await db
    .insertInto('spark_posts')
    .values({
      id: candidate.id,
      ad_account_id: candidate.adAccountId,
      post_id: candidate.postId,
      creator_id: candidate.creatorId,
      first_bound_at: candidate.firstBoundAt,
      updated_at: candidate.updatedAt,
    })
    .execute();
  return candidate;
}

export async function listSparkPosts(
  db: Executor,
  adAccountId: string,
  page: PageRequest,
): Promise<Page<SparkPost>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('spark_posts')
    .selectAll()
    .where('ad_account_id', '=', adAccountId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (after) query = query.where('id', '<', after);
  return toPage(await query.execute(), page.limit, toSparkPost);
}
