import type { Actor } from '../../domain/model.js';
import type { Executor } from '../database.js';
import { fromJson, toJson } from '../json.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';

export interface AuditEntry {
  id: string;
  occurredAt: number;
  adAccountId: string | null;
  creatorId: string | null;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  /** Field → [before, after]; null for actions without field changes. */
  changes: Record<string, [unknown, unknown]> | null;
}

export async function insertAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: entry.id,
      occurred_at: entry.occurredAt,
      ad_account_id: entry.adAccountId,
      creator_id: entry.creatorId,
      actor_kind: entry.actor.kind,
      actor_id: entry.actor.id,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      changes: entry.changes ? toJson(entry.changes) : null,
    })
    .execute();
}

export async function listAudit(
  db: Executor,
  scope: { adAccountId: string } | { creatorId: string },
  page: PageRequest & { entityId?: string | undefined },
): Promise<Page<AuditEntry>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  query =
    'adAccountId' in scope
      ? query.where('ad_account_id', '=', scope.adAccountId)
      : query.where('creator_id', '=', scope.creatorId);
  if (after) query = query.where('id', '<', after);
  if (page.entityId) query = query.where('entity_id', '=', page.entityId);
  return toPage(await query.execute(), page.limit, (r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    adAccountId: r.ad_account_id,
    creatorId: r.creator_id,
    actor: { kind: r.actor_kind as Actor['kind'], id: r.actor_id },
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    changes: fromJson<Record<string, [unknown, unknown]> | null>(r.changes, null),
  }));
}
