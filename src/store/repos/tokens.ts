import type { Selectable } from 'kysely';
import type { TokenKind } from '../../domain/api-token.js';
import type { MemberRole } from '../../domain/enums.js';
import type { Executor } from '../database.js';
import type { ApiTokenTable } from '../schema.js';

export interface ApiTokenRecord {
  id: string;
  kind: TokenKind;
  label: string | null;
  creatorId: string | null;
  adAccountId: string | null;
  memberId: string | null;
  role: MemberRole | null;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export function toApiToken(row: Selectable<ApiTokenTable>): ApiTokenRecord {
  return {
    id: row.id,
    kind: row.kind as TokenKind,
    label: row.label,
    creatorId: row.creator_id,
    adAccountId: row.ad_account_id,
    memberId: row.member_id,
    role: row.role as MemberRole | null,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertToken(db: Executor, token: ApiTokenRecord, tokenHash: string): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: token.id,
      token_hash: tokenHash,
      kind: token.kind,
      label: token.label,
      creator_id: token.creatorId,
      ad_account_id: token.adAccountId,
      member_id: token.memberId,
      role: token.role,
      created_at: token.createdAt,
      last_used_at: null,
      revoked_at: null,
    })
    .execute();
}

export async function findTokenByHash(db: Executor, tokenHash: string): Promise<ApiTokenRecord | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row && toApiToken(row);
}

export async function getToken(db: Executor, id: string): Promise<ApiTokenRecord | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toApiToken(row);
}

export async function listTokens(
  db: Executor,
  filter: { creatorId?: string | undefined; adAccountId?: string | undefined; includeRevoked?: boolean },
): Promise<ApiTokenRecord[]> {
  let query = db.selectFrom('api_tokens').selectAll().orderBy('id', 'desc');
  if (filter.creatorId) query = query.where('creator_id', '=', filter.creatorId);
  if (filter.adAccountId) query = query.where('ad_account_id', '=', filter.adAccountId);
  if (!filter.includeRevoked) query = query.where('revoked_at', 'is', null);
  return (await query.execute()).map(toApiToken);
}

export async function revokeToken(db: Executor, id: string, now: number): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function revokeTokensOfMember(db: Executor, memberId: string, now: number): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('member_id', '=', memberId)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function touchToken(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
