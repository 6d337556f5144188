import type { Selectable } from 'kysely';
import type {
  AdGroupBudgetMode,
  BillingEvent,
  OperationStatus,
  OptimizationGoal,
  PacingMode,
  Placement,
  ScheduleType,
} from '../../domain/enums.js';
import type { AdGroup, Targeting } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { fromJson, toJson } from '../json.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';
import type { AdGroupTable } from '../schema.js';
import type { StatusFilter } from './campaigns.js';

export function toAdGroup(row: Selectable<AdGroupTable>): AdGroup {
  return {
    id: row.id,
    adAccountId: row.ad_account_id,
    campaignId: row.campaign_id,
    name: row.name,
    placements: fromJson<Placement[]>(row.placements, []),
    scheduleType: row.schedule_type as ScheduleType,
    scheduleStartAt: row.schedule_start_at,
    scheduleEndAt: row.schedule_end_at,
    dayparting: row.dayparting,
    targeting: fromJson<Targeting>(row.targeting, {} as Targeting),
    budgetMode: row.budget_mode as AdGroupBudgetMode,
    budgetMicros: row.budget_micros,
    pacing: row.pacing as PacingMode,
    billingEvent: row.billing_event as BillingEvent,
    optimizationGoal: row.optimization_goal as OptimizationGoal,
    bidMicros: row.bid_micros,
    frequency: row.frequency,
    frequencySchedule: row.frequency_schedule,
    operationStatus: row.operation_status as OperationStatus,
    spendMicros: row.spend_micros,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type Editable = Omit<
  AdGroup,
  'id' | 'adAccountId' | 'campaignId' | 'spendMicros' | 'createdAt' | 'updatedAt'
>;

function columns(g: Partial<Editable>) {
  return {
    ...(g.name !== undefined && { name: g.name }),
    ...(g.placements !== undefined && { placements: toJson(g.placements) }),
    ...(g.scheduleType !== undefined && { schedule_type: g.scheduleType }),
    ...(g.scheduleStartAt !== undefined && { schedule_start_at: g.scheduleStartAt }),
    ...(g.scheduleEndAt !== undefined && { schedule_end_at: g.scheduleEndAt }),
    ...(g.dayparting !== undefined && { dayparting: g.dayparting }),
    ...(g.targeting !== undefined && { targeting: toJson(g.targeting) }),
    ...(g.budgetMode !== undefined && { budget_mode: g.budgetMode }),
    ...(g.budgetMicros !== undefined && { budget_micros: g.budgetMicros }),
    ...(g.pacing !== undefined && { pacing: g.pacing }),
    ...(g.billingEvent !== undefined && { billing_event: g.billingEvent }),
    ...(g.optimizationGoal !== undefined && { optimization_goal: g.optimizationGoal }),
    ...(g.bidMicros !== undefined && { bid_micros: g.bidMicros }),
    ...(g.frequency !== undefined && { frequency: g.frequency }),
    ...(g.frequencySchedule !== undefined && { frequency_schedule: g.frequencySchedule }),
    ...(g.operationStatus !== undefined && { operation_status: g.operationStatus }),
    ...(g.deletedAt !== undefined && { deleted_at: g.deletedAt }),
  };
}

export async function insertAdGroup(db: Executor, g: AdGroup): Promise<void> {
  await db
    .insertInto('ad_groups')
    .values({
      id: g.id,
      ad_account_id: g.adAccountId,
      campaign_id: g.campaignId,
      name: g.name,
      placements: toJson(g.placements),
      schedule_type: g.scheduleType,
      schedule_start_at: g.scheduleStartAt,
      schedule_end_at: g.scheduleEndAt,
      dayparting: g.dayparting,
      targeting: toJson(g.targeting),
      budget_mode: g.budgetMode,
      budget_micros: g.budgetMicros,
      pacing: g.pacing,
      billing_event: g.billingEvent,
      optimization_goal: g.optimizationGoal,
      bid_micros: g.bidMicros,
      frequency: g.frequency,
      frequency_schedule: g.frequencySchedule,
      operation_status: g.operationStatus,
      spend_micros: g.spendMicros,
      deleted_at: g.deletedAt,
      created_at: g.createdAt,
      updated_at: g.updatedAt,
    })
    .execute();
}

export async function getAdGroup(
  db: Executor,
  adAccountId: string,
  id: string,
): Promise<AdGroup | undefined> {
  const row = await db
    .selectFrom('ad_groups')
    .selectAll()
    .where('id', '=', id)
    .where('ad_account_id', '=', adAccountId)
    .executeTakeFirst();
  return row && toAdGroup(row);
}

export async function getAdGroupsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, AdGroup>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('ad_groups')
    .selectAll()
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, toAdGroup(r)]));
}

export async function listAdGroups(
  db: Executor,
  adAccountId: string,
  page: PageRequest & { status?: StatusFilter; campaignId?: string | undefined },
): Promise<Page<AdGroup>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('ad_groups')
    .selectAll()
    .where('ad_account_id', '=', adAccountId)
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (after) query = query.where('id', '<', after);
  if (page.campaignId) query = query.where('campaign_id', '=', page.campaignId);
  if (page.status === 'DELETE') query = query.where('deleted_at', 'is not', null);
  else {
    query = query.where('deleted_at', 'is', null);
    if (page.status) query = query.where('operation_status', '=', page.status);
  }
  return toPage(await query.execute(), page.limit, toAdGroup);
}

/** Live (not deleted) ad groups of campaigns. */
export async function adGroupsOfCampaigns(db: Executor, campaignIds: readonly string[]): Promise<AdGroup[]> {
  if (campaignIds.length === 0) return [];
  const rows = await db
    .selectFrom('ad_groups')
    .selectAll()
    .where('campaign_id', 'in', [...new Set(campaignIds)])
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map(toAdGroup);
}

export async function updateAdGroup(
  db: Executor,
  id: string,
  changes: Partial<Editable>,
  now: number,
): Promise<void> {
  await db
    .updateTable('ad_groups')
    .set({ ...columns(changes), updated_at: now })
    .where('id', '=', id)
    .execute();
}
