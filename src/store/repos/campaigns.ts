import type { Selectable } from 'kysely';
import type { CampaignBudgetMode, ObjectiveType, OperationStatus } from '../../domain/enums.js';
import type { Campaign } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';
import type { CampaignTable } from '../schema.js';

/** List filter shared by campaigns, ad groups and ads: `DELETE` lists deleted ones only. */
export type StatusFilter = OperationStatus | 'DELETE' | undefined;

export function toCampaign(row: Selectable<CampaignTable>): Campaign {
  return {
    id: row.id,
    adAccountId: row.ad_account_id,
    name: row.name,
    objectiveType: row.objective_type as ObjectiveType,
    budgetMode: row.budget_mode as CampaignBudgetMode,
    budgetMicros: row.budget_micros,
    operationStatus: row.operation_status as OperationStatus,
    spendMicros: row.spend_micros,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertCampaign(db: Executor, c: Campaign): Promise<void> {
  await db
    .insertInto('campaigns')
    .values({
      id: c.id,
      ad_account_id: c.adAccountId,
      name: c.name,
      objective_type: c.objectiveType,
      budget_mode: c.budgetMode,
      budget_micros: c.budgetMicros,
      operation_status: c.operationStatus,
      spend_micros: c.spendMicros,
      deleted_at: c.deletedAt,
      created_at: c.createdAt,
      updated_at: c.updatedAt,
    })
    .execute();
}

export async function getCampaign(
  db: Executor,
  adAccountId: string,
  id: string,
): Promise<Campaign | undefined> {
  const row = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', '=', id)
    .where('ad_account_id', '=', adAccountId)
    .executeTakeFirst();
  return row && toCampaign(row);
}

export async function getCampaignsByIds(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, Campaign>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toCampaign(r)]));
}

export async function listCampaigns(
  db: Executor,
  adAccountId: string,
  page: PageRequest & { status?: StatusFilter },
): Promise<Page<Campaign>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('campaigns')
    .selectAll()
    .where('ad_account_id', '=', adAccountId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (after) query = query.where('id', '<', after);
  if (page.status === 'DELETE') query = query.where('deleted_at', 'is not', null);
  else {
    query = query.where('deleted_at', 'is', null);
    if (page.status) query = query.where('operation_status', '=', page.status);
  }
  return toPage(await query.execute(), page.limit, toCampaign);
}

export async function updateCampaign(
  db: Executor,
  id: string,
  changes: Partial<Pick<Campaign, 'name' | 'budgetMicros' | 'operationStatus' | 'deletedAt'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('campaigns')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.budgetMicros !== undefined && { budget_micros: changes.budgetMicros }),
      ...(changes.operationStatus !== undefined && { operation_status: changes.operationStatus }),
      ...(changes.deletedAt !== undefined && { deleted_at: changes.deletedAt }),
      updated_at: now,
    })
    .where('id', '=', id)
    .execute();
}
