import { sql } from 'kysely';
import { COUNTERS, type CounterName, type Counters, emptyCounters } from '../../domain/report-metrics.js';
import type { Executor } from '../database.js';

/** The read side of reporting: sums of rollup rows and reach sketches, never raw events. */

export type RollupTable =
  | 'report_ad_daily'
  | 'report_ad_hourly'
  | 'report_ad_breakdown'
  | 'report_ad_breakdown_daily';
/** Columns a report can group by (all of them exist on every rollup table except hour/breakdown ones). */
export type GroupColumn =
  | 'ad_account_id'
  | 'campaign_id'
  | 'ad_group_id'
  | 'ad_id'
  | 'post_id'
  | 'creator_id'
  | 'local_date'
  | 'hour_start'
  | 'value';
export type IdColumn = 'ad_account_id' | 'campaign_id' | 'ad_group_id' | 'ad_id' | 'post_id' | 'creator_id';

export interface IdFilter {
  column: IdColumn;
  op: 'in' | 'not in';
  values: string[];
}

export interface RollupQuery {
  table: RollupTable;
  adAccountId: string;
  /** Inclusive local dates; null = lifetime. */
  dates: { from: string; to: string } | null;
  groupBy: GroupColumn[];
  idFilters: IdFilter[];
  /** For report_ad_breakdown: which breakdown, and which of its values. */
  breakdown?: { name: string; op: 'in' | 'not in' | null; values: string[] };
  /** Counters to sum (others read as 0); all when absent. */
  counters?: readonly CounterName[];
}

export type RollupSum = Counters & Partial<Record<GroupColumn, string | number>>;

/** Sums counters per group (include ad_group_id in groupBy when the result is asked for). */
export async function sumRollups(db: Executor, q: RollupQuery): Promise<RollupSum[]> {
  const group = [...new Set<GroupColumn>(q.groupBy)];
  const counters =
    q.counters && q.counters.length > 0 ? q.counters : q.counters ? ['impressions' as const] : COUNTERS;
  // The three tables share their columns; the breakdown one has them all (hour and breakdown
  // columns are only referenced on the tables that have them).
  let query = db.selectFrom(q.table as 'report_ad_breakdown').where('ad_account_id', '=', q.adAccountId);
  if (q.dates) query = query.where('local_date', '>=', q.dates.from).where('local_date', '<=', q.dates.to);
  for (const f of q.idFilters) query = query.where(f.column, f.op, f.values);
  if (q.breakdown) {
    query = query.where('breakdown', '=', q.breakdown.name);
    if (q.breakdown.op) query = query.where('value', q.breakdown.op, q.breakdown.values);
  }
  const rows = await query
    .select(group)
    .select(counters.map((c) => sql<number>`cast(sum(${sql.ref(c)}) as bigint)`.as(c)))
    .groupBy(group)
    .execute();
  return rows.map((r) => ({ ...emptyCounters(), ...r })) as RollupSum[];
}

export type ReachLevelName = 'ad' | 'adgroup' | 'campaign' | 'account';

export interface SketchRow {
  entity_id: string;
  local_date: string;
  ad_account_id: string;
  campaign_id: string | null;
  ad_group_id: string | null;
  post_id: string | null;
  creator_id: string | null;
  sketch: Uint8Array;
}

/** Reach sketches of one level for an ad account's dates, with id filters on that level's columns. */
export async function readSketches(
  db: Executor,
  q: {
    level: ReachLevelName;
    adAccountId: string;
    dates: { from: string; to: string } | null;
    idFilters: IdFilter[];
  },
): Promise<SketchRow[]> {
  let query = db
    .selectFrom('reach_daily')
    .select([
      'entity_id',
      'local_date',
      'ad_account_id',
      'campaign_id',
      'ad_group_id',
      'post_id',
      'creator_id',
      'sketch',
    ])
    .where('ad_account_id', '=', q.adAccountId)
    .where('level', '=', q.level);
  if (q.dates) query = query.where('local_date', '>=', q.dates.from).where('local_date', '<=', q.dates.to);
  for (const f of q.idFilters) {
    query = query.where(f.column === 'ad_id' ? 'entity_id' : f.column, f.op, f.values);
  }
  return query.execute();
}

/** Ad-level sketches of ads (any account): creator analytics and post splits. */
export async function sketchesOfAds(db: Executor, adIds: readonly string[]): Promise<SketchRow[]> {
  const out: SketchRow[] = [];
  const ids = [...new Set(adIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('reach_daily')
      .select([
        'entity_id',
        'local_date',
        'ad_account_id',
        'campaign_id',
        'ad_group_id',
        'post_id',
        'creator_id',
        'sketch',
      ])
      .where('level', '=', 'ad')
      .where('entity_id', 'in', ids.slice(i, i + 500))
      .execute();
    out.push(...rows);
  }
  return out;
}

/** Lifetime (or date-bounded) counters per ad of some posts or creators, across ad accounts. */
export async function dailyRollupsOf(
  db: Executor,
  filter: { creatorId?: string; postIds?: readonly string[]; adAccountId?: string },
): Promise<
  (Counters & {
    ad_id: string;
    ad_account_id: string;
    post_id: string;
    ad_group_id: string;
    local_date: string;
  })[]
> {
  let query = db.selectFrom('report_ad_daily').selectAll();
  if (filter.creatorId) query = query.where('creator_id', '=', filter.creatorId);
  if (filter.adAccountId) query = query.where('ad_account_id', '=', filter.adAccountId);
  if (filter.postIds) {
    if (filter.postIds.length === 0) return [];
    query = query.where('post_id', 'in', [...filter.postIds]);
  }
  return query.execute();
}

/** Optimization goals of ad groups. */
export async function adGroupGoals(
  db: Executor,
  adGroupIds: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = [...new Set(adGroupIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('ad_groups')
      .select(['id', 'optimization_goal'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.id, r.optimization_goal);
  }
  return out;
}

/** When the aggregator last moved and how far it has read. */
export async function reportFreshness(db: Executor): Promise<{ position: string; updatedAt: number }> {
  const row = await db
    .selectFrom('report_watermarks')
    .select(['position', 'updated_at'])
    .where('name', '=', 'events')
    .executeTakeFirstOrThrow();
  return { position: row.position, updatedAt: row.updated_at };
}

export interface EntityNames {
  campaign_name?: string;
  adgroup_name?: string;
  ad_name?: string;
  creator_handle?: string;
}

/** Names shown beside ids in reports, for entities of one ad account. */
export async function entityNames(
  db: Executor,
  adAccountId: string,
  column: IdColumn,
  ids: readonly string[],
): Promise<Map<string, EntityNames>> {
  const out = new Map<string, EntityNames>();
  const list = [...new Set(ids)].slice(0, 5000);
  if (list.length === 0) return out;
  if (column === 'campaign_id') {
    const rows = await db
      .selectFrom('campaigns')
      .select(['id', 'name'])
      .where('ad_account_id', '=', adAccountId)
      .where('id', 'in', list)
      .execute();
    for (const r of rows) out.set(r.id, { campaign_name: r.name });
  } else if (column === 'ad_group_id') {
    const rows = await db
      .selectFrom('ad_groups')
      .innerJoin('campaigns', 'campaigns.id', 'ad_groups.campaign_id')
      .select(['ad_groups.id as id', 'ad_groups.name as adgroup_name', 'campaigns.name as campaign_name'])
      .where('ad_groups.ad_account_id', '=', adAccountId)
      .where('ad_groups.id', 'in', list)
      .execute();
    for (const r of rows) out.set(r.id, { adgroup_name: r.adgroup_name, campaign_name: r.campaign_name });
  } else if (column === 'ad_id') {
    const rows = await db
      .selectFrom('ads')
      .innerJoin('ad_groups', 'ad_groups.id', 'ads.ad_group_id')
      .innerJoin('campaigns', 'campaigns.id', 'ads.campaign_id')
      .innerJoin('posts', 'posts.id', 'ads.post_id')
      .innerJoin('creators', 'creators.id', 'posts.creator_id')
      .select([
        'ads.id as id',
        'ads.name as ad_name',
        'ad_groups.name as adgroup_name',
        'campaigns.name as campaign_name',
        'creators.handle as creator_handle',
      ])
      .where('ads.ad_account_id', '=', adAccountId)
      .where('ads.id', 'in', list)
      .execute();
    for (const { id, ...names } of rows) out.set(id, names);
  } else if (column === 'creator_id') {
    const rows = await db.selectFrom('creators').select(['id', 'handle']).where('id', 'in', list).execute();
    for (const r of rows) out.set(r.id, { creator_handle: r.handle });
  } else if (column === 'post_id') {
    const rows = await db
      .selectFrom('posts')
      .innerJoin('creators', 'creators.id', 'posts.creator_id')
      .select(['posts.id as id', 'creators.handle as handle'])
      .where('posts.id', 'in', list)
      .execute();
    for (const r of rows) out.set(r.id, { creator_handle: r.handle });
  }
  return out;
}
