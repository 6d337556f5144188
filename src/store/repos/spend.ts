import type { Executor } from '../database.js';

/** Spend of each entity (campaign, ad group or ad id) on one local date. */
export async function spendOnDate(
  db: Executor,
  entityIds: readonly string[],
  localDate: string,
): Promise<Map<string, number>> {
  if (entityIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('daily_spend')
    .select(['entity_id', 'spend_micros'])
    .where('entity_id', 'in', [...new Set(entityIds)])
    .where('local_date', '=', localDate)
    .execute();
  return new Map(rows.map((r) => [r.entity_id, r.spend_micros]));
}
