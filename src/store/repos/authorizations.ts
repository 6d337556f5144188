import type { Selectable } from 'kysely';
import type { Authorization } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';
import type { AuthorizationTable } from '../schema.js';

export function toAuthorization(row: Selectable<AuthorizationTable>): Authorization {
  return {
    id: row.id,
    postId: row.post_id,
    creatorId: row.creator_id,
    codeHint: row.code_hint,
    durationDays: row.duration_days,
    note: row.note,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    revokedAt: row.revoked_at,
    adAccountId: row.ad_account_id,
    boundAt: row.bound_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertAuthorization(
  db: Executor,
  auth: Authorization,
  codeHash: string,
): Promise<void> {
  await db
    .insertInto('authorizations')
    .values({
      id: auth.id,
      post_id: auth.postId,
      creator_id: auth.creatorId,
      code_hash: codeHash,
      code_hint: auth.codeHint,
      duration_days: auth.durationDays,
      note: auth.note,
      starts_at: auth.startsAt,
      ends_at: auth.endsAt,
      revoked_at: auth.revokedAt,
      ad_account_id: auth.adAccountId,
      bound_at: auth.boundAt,
      created_at: auth.createdAt,
      updated_at: auth.updatedAt,
    })
    .execute();
}

export async function getAuthorization(db: Executor, id: string): Promise<Authorization | undefined> {
  const row = await db.selectFrom('authorizations').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAuthorization(row);
}

export async function findAuthorizationByCodeHash(
  db: Executor,
  codeHash: string,
): Promise<Authorization | undefined> {
  const row = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('code_hash', '=', codeHash)
    .executeTakeFirst();
  return row && toAuthorization(row);
}

export async function listAuthorizationsOfCreator(
  db: Executor,
  creatorId: string,
  page: PageRequest & { postId?: string | undefined },
): Promise<Page<Authorization>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('authorizations')
    .selectAll()
    .where('creator_id', '=', creatorId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (after) query = query.where('id', '<', after);
  if (page.postId) query = query.where('post_id', '=', page.postId);
  return toPage(await query.execute(), page.limit, toAuthorization);
}

/** Authorizations binding `postIds` to one ad account (any status). */
export async function authorizationsForAccountPosts(
  db: Executor,
  adAccountId: string,
  postIds: readonly string[],
): Promise<Map<string, Authorization[]>> {
  const out = new Map<string, Authorization[]>();
  if (postIds.length === 0) return out;
  const rows = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('ad_account_id', '=', adAccountId)
    .where('post_id', 'in', [...new Set(postIds)])
    .execute();
  for (const row of rows) {
    const list = out.get(row.post_id) ?? [];
    list.push(toAuthorization(row));
    out.set(row.post_id, list);
  }
  return out;
}

/** Every authorization bound to an ad account for some posts (any status). */
export async function boundAuthorizationsOfPosts(
  db: Executor,
  postIds: readonly string[],
): Promise<Authorization[]> {
  if (postIds.length === 0) return [];
  const rows = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('post_id', 'in', [...new Set(postIds)])
    .where('ad_account_id', 'is not', null)
    .execute();
  return rows.map(toAuthorization);
}

export async function activeAuthorizationsOfPost(
  db: Executor,
  postId: string,
  now: number,
): Promise<Authorization[]> {
  const rows = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('post_id', '=', postId)
    .where('revoked_at', 'is', null)
    .where('ends_at', '>', now)
    .execute();
  return rows.map(toAuthorization);
}

export async function updateAuthorization(
  db: Executor,
  id: string,
  changes: Partial<Pick<Authorization, 'endsAt' | 'revokedAt' | 'adAccountId' | 'boundAt' | 'durationDays'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('authorizations')
    .set({
      ...(changes.endsAt !== undefined && { ends_at: changes.endsAt }),
      ...(changes.revokedAt !== undefined && { revoked_at: changes.revokedAt }),
      ...(changes.adAccountId !== undefined && { ad_account_id: changes.adAccountId }),
      ...(changes.boundAt !== undefined && { bound_at: changes.boundAt }),
      ...(changes.durationDays !== undefined && { duration_days: changes.durationDays }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}

/** Binds an unbound authorization; returns false when another request bound it first. */
export async function bindAuthorization(
  db: Executor,
  id: string,
  adAccountId: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('authorizations')
    .set({ ad_account_id: adAccountId, bound_at: now, updated_at: now })
    .where('id', '=', id)
    .where('ad_account_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Bound or unbound authorizations that are live and end within (from, to]: for expiry warnings. */
export async function authorizationsEndingBetween(
  db: Executor,
  from: number,
  to: number,
): Promise<Authorization[]> {
  const rows = await db
    .selectFrom('authorizations')
    .selectAll()
    .where('revoked_at', 'is', null)
    .where('ends_at', '>', from)
    .where('ends_at', '<=', to)
    .execute();
  return rows.map(toAuthorization);
}
