import type { Executor } from '../database.js';

export async function recordRedemptionAttempt(
  db: Executor,
  attempt: { id: string; adAccountId: string; at: number; outcome: string },
): Promise<void> {
  await db
    .insertInto('redemption_attempts')
    .values({
      id: attempt.id,
      ad_account_id: attempt.adAccountId,
      attempted_at: attempt.at,
      outcome: attempt.outcome,
    })
    .execute();
}

/** Failed attempts of the account since `since`, oldest first (their times give Retry-After). */
export async function failedRedemptionsSince(
  db: Executor,
  adAccountId: string,
  since: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('redemption_attempts')
    .select('attempted_at')
    .where('ad_account_id', '=', adAccountId)
    .where('attempted_at', '>=', since)
    .where('outcome', '!=', 'REDEEMED')
    .orderBy('attempted_at')
    .execute();
  return rows.map((r) => r.attempted_at);
}
