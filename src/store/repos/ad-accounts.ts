import type { Selectable } from 'kysely';
import type { MemberRole } from '../../domain/enums.js';
import type { AdAccount, Member } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';
import type { AdAccountTable, MemberTable } from '../schema.js';

export function toAdAccount(row: Selectable<AdAccountTable>): AdAccount {
  return {
    id: row.id,
    name: row.name,
    currency: row.currency,
    timeZone: row.time_zone,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toMember(row: Selectable<MemberTable>): Member {
  return {
    id: row.id,
    adAccountId: row.ad_account_id,
    name: row.name,
    email: row.email,
    role: row.role as MemberRole,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    removedAt: row.removed_at,
  };
}

export async function insertAdAccount(db: Executor, account: AdAccount): Promise<void> {
  await db
    .insertInto('ad_accounts')
    .values({
      id: account.id,
      name: account.name,
      currency: account.currency,
      time_zone: account.timeZone,
      created_at: account.createdAt,
      updated_at: account.updatedAt,
    })
    .execute();
}

export async function getAdAccount(db: Executor, id: string): Promise<AdAccount | undefined> {
  const row = await db.selectFrom('ad_accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAdAccount(row);
}

export async function getAdAccountsByIds(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, AdAccount>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('ad_accounts')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toAdAccount(r)]));
}

export async function updateAdAccount(
  db: Executor,
  id: string,
  changes: Partial<Pick<AdAccount, 'name'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('ad_accounts')
    .set({ ...(changes.name !== undefined && { name: changes.name }), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function listAdAccounts(db: Executor, page: PageRequest): Promise<Page<AdAccount>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('ad_accounts')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (after) query = query.where('id', '<', after);
  return toPage(await query.execute(), page.limit, toAdAccount);
}

export async function insertMember(db: Executor, member: Member): Promise<void> {
  await db
    .insertInto('members')
    .values({
      id: member.id,
      ad_account_id: member.adAccountId,
      name: member.name,
      email: member.email,
      role: member.role,
      created_at: member.createdAt,
      updated_at: member.updatedAt,
      removed_at: member.removedAt,
    })
    .execute();
}

export async function getMember(db: Executor, adAccountId: string, id: string): Promise<Member | undefined> {
  const row = await db
    .selectFrom('members')
    .selectAll()
    .where('id', '=', id)
    .where('ad_account_id', '=', adAccountId)
    .executeTakeFirst();
  return row && toMember(row);
}

export async function listMembers(db: Executor, adAccountId: string): Promise<Member[]> {
  const rows = await db
    .selectFrom('members')
    .selectAll()
    .where('ad_account_id', '=', adAccountId)
    .where('removed_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toMember);
}

export async function removeMember(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('members').set({ removed_at: now, updated_at: now }).where('id', '=', id).execute();
}
