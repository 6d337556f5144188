import { KindlingError, notFound } from '../domain/errors.js';
import type { Creator, Post } from '../domain/model.js';
import { activeAuthorizationsOfPost } from '../store/repos/authorizations.js';
import {
  type CreatorFields,
  findCreatorIdByHandle,
  getCreator,
  upsertCreator,
} from '../store/repos/creators.js';
import { recordPostSnapshot } from '../store/repos/post-stats.js';
import { getPost, type PostFields, upsertPost } from '../store/repos/posts.js';
import { type ServiceContext, transact, type UnitOfWork } from './context.js';

/** What the host app knows about a creator and a post: Kindling mirrors it, idempotently. */

export interface UpsertResult<T> {
  created: boolean;
  record: T;
}

export function normalizeHashtag(tag: string): string {
  return tag.trim().replace(/^#+/, '').toLowerCase();
}

async function applyCreator(
  uow: UnitOfWork,
  id: string,
  fields: CreatorFields,
): Promise<UpsertResult<Creator>> {
  const owner = await findCreatorIdByHandle(uow.db, fields.handle);
  if (owner && owner !== id) {
    throw new KindlingError('HANDLE_TAKEN', {
      detail: `@${fields.handle} belongs to creator ${owner}`,
      errors: [
        { field: 'handle', code: 'HANDLE_TAKEN', message: 'another creator already uses this handle' },
      ],
    });
  }
  const created = await upsertCreator(uow.db, id, fields, uow.now);
  return { created, record: (await getCreator(uow.db, id)) as Creator };
}

async function applyPost(uow: UnitOfWork, id: string, fields: PostFields): Promise<UpsertResult<Post>> {
  const creator = await getCreator(uow.db, fields.creatorId);
  if (!creator) {
    throw new KindlingError('VALIDATION_FAILED', {
      detail: `creator ${fields.creatorId} is unknown: sync it first with PUT /v1/platform/creators/{creator_id}`,
      errors: [{ field: 'creator_id', code: 'UNKNOWN_CREATOR', message: 'no creator has this id' }],
    });
  }
  const existing = await getPost(uow.db, id);
  const hashtags = [...new Set(fields.hashtags.map(normalizeHashtag).filter((t) => t.length > 0))];
  if (existing) {
    if (existing.creatorId !== fields.creatorId) {
      throw new KindlingError('POST_CREATOR_MISMATCH', {
        detail: `post ${id} belongs to creator ${existing.creatorId}`,
        errors: [
          {
            field: 'creator_id',
            code: 'POST_CREATOR_MISMATCH',
            message: 'a post cannot move to another creator',
          },
        ],
      });
    }
    if (
      existing.caption !== fields.caption &&
      (await activeAuthorizationsOfPost(uow.db, id, uow.now)).length > 0
    ) {
      throw new KindlingError('CAPTION_LOCKED', {
        detail: `post ${id} is authorized for ads; its caption cannot change until every authorization ends or is revoked`,
        errors: [
          {
            field: 'caption',
            code: 'CAPTION_LOCKED',
            message: 'locked while the post is authorized for ads',
          },
        ],
      });
    }
  }
  const created = await upsertPost(uow.db, id, { ...fields, hashtags }, uow.now);
  // A daily snapshot of what the host synced: trends are computed from these.
  await recordPostSnapshot(uow.db, id, fields.organic, uow.now);
  const record = (await getPost(uow.db, id)) as Post;
  // Anything the delivery index cares about (visibility, caption, counters) goes out as a change.
  await uow.changed('post', id);
  return { created, record };
}

export function syncCreator(
  ctx: ServiceContext,
  id: string,
  fields: CreatorFields,
): Promise<UpsertResult<Creator>> {
  return transact(ctx, (uow) => applyCreator(uow, id, fields));
}

export function syncPost(ctx: ServiceContext, id: string, fields: PostFields): Promise<UpsertResult<Post>> {
  return transact(ctx, (uow) => applyPost(uow, id, fields));
}

export type BulkItemResult<T> =
  | { index: number; id: string; status: 'CREATED' | 'UPDATED'; record: T }
  | { index: number; id: string; status: 'FAILED'; error: KindlingError };

/**
 * Applies up to 1,000 items in one transaction. Each item is checked and written on its own
 * (a single upsert), so a refused item leaves nothing behind and does not stop the others.
 */
async function bulk<F, T>(
  ctx: ServiceContext,
  items: { id: string; fields: F }[],
  apply: (uow: UnitOfWork, id: string, fields: F) => Promise<UpsertResult<T>>,
): Promise<BulkItemResult<T>[]> {
  return transact(ctx, async (uow) => {
    const results: BulkItemResult<T>[] = [];
    for (const [index, item] of items.entries()) {
      try {
        const { created, record } = await apply(uow, item.id, item.fields);
        results.push({ index, id: item.id, status: created ? 'CREATED' : 'UPDATED', record });
      } catch (error) {
        if (!(error instanceof KindlingError)) throw error;
        results.push({ index, id: item.id, status: 'FAILED', error });
      }
    }
    return results;
  });
}

export function syncCreators(ctx: ServiceContext, items: { id: string; fields: CreatorFields }[]) {
  return bulk(ctx, items, applyCreator);
}

export function syncPosts(ctx: ServiceContext, items: { id: string; fields: PostFields }[]) {
  return bulk(ctx, items, applyPost);
}

export async function requireCreator(ctx: ServiceContext, id: string): Promise<Creator> {
  const creator = await getCreator(ctx.store.db, id);
  if (!creator) throw notFound('Creator', id);
  return creator;
}
