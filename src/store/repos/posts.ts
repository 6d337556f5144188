import type { Selectable } from 'kysely';
import type { PostVisibility } from '../../domain/enums.js';
import type { EngagementCounters, Post } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { fromJson, toJson } from '../json.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';
import type { PostTable } from '../schema.js';

export type PostFields = Pick<
  Post,
  | 'creatorId'
  | 'caption'
  | 'mediaUrl'
  | 'durationMs'
  | 'soundId'
  | 'hashtags'
  | 'visibility'
  | 'organic'
  | 'publishedAt'
>;

export function toPost(row: Selectable<PostTable>): Post {
  return {
    id: row.id,
    creatorId: row.creator_id,
    caption: row.caption,
    mediaUrl: row.media_url,
    durationMs: row.duration_ms,
    soundId: row.sound_id,
    hashtags: fromJson<string[]>(row.hashtags, []),
    visibility: row.visibility as PostVisibility,
    organic: {
      views: row.organic_views,
      likes: row.organic_likes,
      comments: row.organic_comments,
      shares: row.organic_shares,
      follows: row.organic_follows,
    },
    paid: {
      views: row.paid_views,
      likes: row.paid_likes,
      comments: row.paid_comments,
      shares: row.paid_shares,
      follows: row.paid_follows,
      profileVisits: row.paid_profile_visits,
    },
    attributed: {
      views: row.attributed_views,
      likes: row.attributed_likes,
      comments: row.attributed_comments,
      shares: row.attributed_shares,
      follows: row.attributed_follows,
      profileVisits: row.attributed_profile_visits,
    },
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function getPost(db: Executor, id: string): Promise<Post | undefined> {
  const row = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPost(row);
}

export async function getPostsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, Post>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('posts')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toPost(r)]));
}

function organicColumns(c: EngagementCounters) {
  return {
    organic_views: c.views,
    organic_likes: c.likes,
    organic_comments: c.comments,
    organic_shares: c.shares,
    organic_follows: c.follows,
  };
}

/** Inserts or replaces what the host knows of a post; paid counters are Kindling's and stay. */
export async function upsertPost(
  db: Executor,
  id: string,
  fields: PostFields,
  now: number,
): Promise<boolean> {
  const values = {
    creator_id: fields.creatorId,
    caption: fields.caption,
    media_url: fields.mediaUrl,
    duration_ms: fields.durationMs,
    sound_id: fields.soundId,
    hashtags: toJson(fields.hashtags),
    visibility: fields.visibility,
    ...organicColumns(fields.organic),
    published_at: fields.publishedAt,
    updated_at: now,
  };
  const existing = await db.selectFrom('posts').select('id').where('id', '=', id).executeTakeFirst();
  if (existing) {
    await db.updateTable('posts').set(values).where('id', '=', id).execute();
    return false;
  }
  await db
    .insertInto('posts')
    .values({ id, ...values, created_at: now })
    .execute();
  return true;
}

export async function listPostsOfCreator(
  db: Executor,
  creatorId: string,
  page: PageRequest & { visibility?: PostVisibility | undefined },
): Promise<Page<Post>> {
  return listPosts(db, { ...page, creatorId });
}

/** Posts of the platform, optionally of one creator and one visibility, by id descending. */
export async function listPosts(
  db: Executor,
  page: PageRequest & { creatorId?: string | undefined; visibility?: PostVisibility | undefined },
): Promise<Page<Post>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('posts')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.creatorId) query = query.where('creator_id', '=', page.creatorId);
  if (after) query = query.where('id', '<', after);
  if (page.visibility) query = query.where('visibility', '=', page.visibility);
  return toPage(await query.execute(), page.limit, toPost);
}

/** Organic counters of every post of a creator: the baseline for performance scores. */
export async function creatorBaselineInputs(
  db: Executor,
  creatorId: string,
): Promise<{ id: string; organic: EngagementCounters }[]> {
  const rows = await db
    .selectFrom('posts')
    .select(['id', 'organic_views', 'organic_likes', 'organic_comments', 'organic_shares', 'organic_follows'])
    .where('creator_id', '=', creatorId)
    .where('visibility', '=', 'PUBLIC')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    organic: {
      views: r.organic_views,
      likes: r.organic_likes,
      comments: r.organic_comments,
      shares: r.organic_shares,
      follows: r.organic_follows,
    },
  }));
}
