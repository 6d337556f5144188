import type { Executor } from '../database.js';
import { fromJson, toJson } from '../json.js';
import { decodeCursor, type Page, type PageRequest, toPage } from '../pagination.js';

export const NOTIFICATION_TYPES = [
  'AUTHORIZATION_REDEEMED',
  'AUTHORIZATION_EXPIRING_7D',
  'AUTHORIZATION_EXPIRING_1D',
  'AUTHORIZATION_EXPIRED',
  'AUTHORIZATION_REVOKED',
  'AUTHORIZATION_EXTENDED',
  'AD_REJECTED',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Notification {
  id: string;
  adAccountId: string | null;
  creatorId: string | null;
  type: NotificationType;
  authorizationId: string | null;
  /** Unique: the same fact never notifies the same recipient twice. */
  dedupeKey: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: number;
  readAt: number | null;
}

/** Inserts unless a notification with the same dedupe key exists; returns whether it was new. */
export async function insertNotification(db: Executor, n: Notification): Promise<boolean> {
  const result = await db
    .insertInto('notifications')
    .values({
      id: n.id,
      ad_account_id: n.adAccountId,
      creator_id: n.creatorId,
      type: n.type,
      authorization_id: n.authorizationId,
      dedupe_key: n.dedupeKey,
      title: n.title,
      body: n.body,
      data: toJson(n.data),
      created_at: n.createdAt,
      read_at: n.readAt,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export type NotificationScope = { adAccountId: string } | { creatorId: string };

export async function listNotifications(
  db: Executor,
  scope: NotificationScope,
  page: PageRequest & { unreadOnly?: boolean | undefined },
): Promise<Page<Notification>> {
  const after = decodeCursor(page.cursor);
  let query = db
    .selectFrom('notifications')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  query =
    'adAccountId' in scope
      ? query.where('ad_account_id', '=', scope.adAccountId)
      : query.where('creator_id', '=', scope.creatorId);
  if (after) query = query.where('id', '<', after);
  if (page.unreadOnly) query = query.where('read_at', 'is', null);
  return toPage(await query.execute(), page.limit, (r) => ({
    id: r.id,
    adAccountId: r.ad_account_id,
    creatorId: r.creator_id,
    type: r.type as NotificationType,
    authorizationId: r.authorization_id,
    dedupeKey: r.dedupe_key,
    title: r.title,
    body: r.body,
    data: fromJson<Record<string, unknown>>(r.data, {}),
    createdAt: r.created_at,
    readAt: r.read_at,
  }));
}

/** Marks one of the scope's notifications read; false when it is not theirs. */
export async function markNotificationRead(
  db: Executor,
  scope: NotificationScope,
  id: string,
  now: number,
): Promise<boolean> {
  let query = db.updateTable('notifications').set({ read_at: now }).where('id', '=', id);
  query =
    'adAccountId' in scope
      ? query.where('ad_account_id', '=', scope.adAccountId)
      : query.where('creator_id', '=', scope.creatorId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
