import { EXPIRY_WARNING_DAYS } from '../domain/authorization.js';
import type { Authorization } from '../domain/model.js';
import { MS_PER_DAY, toRfc3339 } from '../domain/time.js';
import type { Executor } from '../store/database.js';
import { getAdAccount } from '../store/repos/ad-accounts.js';
import { authorizationsEndingBetween } from '../store/repos/authorizations.js';
import { getCreator } from '../store/repos/creators.js';
import { insertNotification, type NotificationType } from '../store/repos/notifications.js';
import { type ServiceContext, transact } from './context.js';

interface NotifyInput {
  type: NotificationType;
  authorization: Authorization;
  title: { creator: string; account: string };
  body: { creator: string; account: string };
  /** Also tell the bound ad account (when there is one). */
  toAccount: boolean;
  toCreator: boolean;
  data?: Record<string, unknown>;
}

/**
 * Writes the notification for each recipient; dedupe keys make repeats (retries, re-runs) harmless.
 * Returns true when at least one recipient got a new notification.
 */
export async function notifyAuthorization(
  ctx: ServiceContext,
  db: Executor,
  input: NotifyInput,
  now: number,
): Promise<boolean> {
  let fresh = false;
  const { authorization: auth } = input;
  const data = {
    authorization_id: auth.id,
    post_id: auth.postId,
    creator_id: auth.creatorId,
    ad_account_id: auth.adAccountId,
    auth_end_time: toRfc3339(auth.endsAt),
    ...input.data,
  };
  // The end time is part of the key: after an extension, the new end gets its own warnings.
  const key = `${input.type}:${auth.id}:${auth.endsAt}`;
  if (input.toCreator) {
    const inserted = await insertNotification(db, {
      id: ctx.ids.next('notification'),
      adAccountId: null,
      creatorId: auth.creatorId,
      type: input.type,
      authorizationId: auth.id,
      dedupeKey: `${key}:creator`,
      title: input.title.creator,
      body: input.body.creator,
      data,
      createdAt: now,
      readAt: null,
    });
    fresh = fresh || inserted;
  }
  if (input.toAccount && auth.adAccountId) {
    const inserted = await insertNotification(db, {
      id: ctx.ids.next('notification'),
      adAccountId: auth.adAccountId,
      creatorId: null,
      type: input.type,
      authorizationId: auth.id,
      dedupeKey: `${key}:account`,
      title: input.title.account,
      body: input.body.account,
      data,
      createdAt: now,
      readAt: null,
    });
    fresh = fresh || inserted;
  }
  return fresh;
}

async function names(db: Executor, auth: Authorization): Promise<{ handle: string; account: string }> {
  const creator = await getCreator(db, auth.creatorId);
  const account = auth.adAccountId ? await getAdAccount(db, auth.adAccountId) : undefined;
  return { handle: creator ? `@${creator.handle}` : auth.creatorId, account: account?.name ?? 'the brand' };
}

/**
 * The periodic job behind expiry warnings: 7 days and 1 day before the end, and at the end.
 * Safe to run as often as wanted and on several nodes at once (dedupe keys). Returns the
 * authorizations whose expiry it announced for the first time.
 */
export async function runExpiryNotifications(
  ctx: ServiceContext,
  lookbackMs = 7 * MS_PER_DAY,
): Promise<Authorization[]> {
  const now = ctx.clock.now();
  return transact(ctx, async (uow) => {
    for (const days of EXPIRY_WARNING_DAYS) {
      const type: NotificationType = days === 7 ? 'AUTHORIZATION_EXPIRING_7D' : 'AUTHORIZATION_EXPIRING_1D';
      const ending = await authorizationsEndingBetween(uow.db, now, now + days * MS_PER_DAY);
      for (const auth of ending) {
        // The 7-day warning is pointless once the 1-day one applies.
        if (days === 7 && auth.endsAt - now <= MS_PER_DAY) continue;
        if (!auth.adAccountId) continue;
        const n = await names(uow.db, auth);
        const when = toRfc3339(auth.endsAt);
        await notifyAuthorization(
          ctx,
          uow.db,
          {
            type,
            authorization: auth,
            title: {
              creator: `Your authorization for ${n.account} ends in ${days === 7 ? '7 days' : '1 day'}`,
              account: `${n.handle}'s authorization ends in ${days === 7 ? '7 days' : '1 day'}`,
            },
            body: {
              creator: `Ads of ${n.account} using your post stop at ${when} unless you extend the authorization.`,
              account: `Ads using this post stop at ${when}. Ask ${n.handle} to extend the authorization.`,
            },
            toAccount: true,
            toCreator: true,
          },
          now,
        );
      }
    }
    const expired = await authorizationsEndingBetween(uow.db, now - lookbackMs, now);
    const newlyExpired: Authorization[] = [];
    for (const auth of expired) {
      const n = await names(uow.db, auth);
      const fresh = await notifyAuthorization(
        ctx,
        uow.db,
        {
          type: 'AUTHORIZATION_EXPIRED',
          authorization: auth,
          title: {
            creator: auth.adAccountId
              ? `Your authorization for ${n.account} has ended`
              : 'An unused authorization code has expired',
            account: `${n.handle}'s authorization has ended`,
          },
          body: {
            creator: auth.adAccountId
              ? `${n.account}'s ads using your post have stopped. You can extend the authorization to resume them.`
              : 'Nobody redeemed the code before it expired.',
            account: `Ads using this post stopped at ${toRfc3339(auth.endsAt)}. Ask ${n.handle} to extend the authorization.`,
          },
          toAccount: true,
          toCreator: true,
        },
        now,
      );
      if (fresh) {
        await uow.changed('authorization', auth.id);
        newlyExpired.push(auth);
      }
    }
    return newlyExpired;
  });
}

export { names as authorizationNames };
