import type { Executor } from '../database.js';

export interface IdempotencyRecord {
  method: string;
  path: string;
  bodyHash: string;
  statusCode: number | null;
  response: string | null;
  createdAt: number;
}

/** Claims the key; returns the existing record when someone already did. */
export async function claimIdempotencyKey(
  db: Executor,
  principal: string,
  key: string,
  record: Omit<IdempotencyRecord, 'statusCode' | 'response'>,
): Promise<IdempotencyRecord | null> {
  const inserted = await db
    .insertInto('idempotency_keys')
    .values({
      principal,
      key,
      method: record.method,
      path: record.path,
      body_hash: record.bodyHash,
      status_code: null,
      response: null,
      created_at: record.createdAt,
    })
    .onConflict((oc) => oc.columns(['principal', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return null;
  const row = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('principal', '=', principal)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return {
    method: row.method,
    path: row.path,
    bodyHash: row.body_hash,
    statusCode: row.status_code,
    response: row.response,
    createdAt: row.created_at,
  };
}

export async function completeIdempotencyKey(
  db: Executor,
  principal: string,
  key: string,
  statusCode: number,
  response: string,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response })
    .where('principal', '=', principal)
    .where('key', '=', key)
    .execute();
}

/** Releases a claim whose request failed with a server error, so a retry can run. */
export async function releaseIdempotencyKey(db: Executor, principal: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('principal', '=', principal).where('key', '=', key).execute();
}

export async function purgeIdempotencyKeys(db: Executor, olderThan: number): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('created_at', '<', olderThan).execute();
}
