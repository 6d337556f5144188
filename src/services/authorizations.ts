import { authCodeHint, encodeAuthCode, parseAuthCode } from '../domain/auth-code.js';
import {
  authorizationEnd,
  authorizationStatus,
  extendedEnd,
  isPostAvailable,
  postEligibilityProblem,
} from '../domain/authorization.js';
import { pickAuthorization } from '../domain/delivery-status.js';
import type { AuthorizationDuration } from '../domain/enums.js';
import { KindlingError, notFound } from '../domain/errors.js';
import { sha256Hex } from '../domain/hash.js';
import type { Actor, Authorization, Post, SparkPost } from '../domain/model.js';
import { toRfc3339 } from '../domain/time.js';
import type { Page, PageRequest } from '../store/pagination.js';
import { getAdAccount } from '../store/repos/ad-accounts.js';
import { adsOfPostsInAccounts } from '../store/repos/ads.js';
import {
  bindAuthorization,
  boundAuthorizationsOfPosts,
  findAuthorizationByCodeHash,
  getAuthorization,
  insertAuthorization,
  listAuthorizationsOfCreator,
  updateAuthorization,
} from '../store/repos/authorizations.js';
import { getPost } from '../store/repos/posts.js';
import { failedRedemptionsSince, recordRedemptionAttempt } from '../store/repos/redemptions.js';
import { upsertSparkPost } from '../store/repos/spark-posts.js';
import { loadSettings, type ServiceContext, transact } from './context.js';
import { authorizationNames, notifyAuthorization } from './notifications.js';

// ---------------------------------------------------------------------------------------------
// Creator side

/** The ads built on an authorization: how many, and by which brand (ad account). */
export interface AuthorizationUsage {
  adCount: number;
  brands: { adAccountId: string; adCount: number }[];
}

/**
 * Which ads use each authorization. The ads of an ad account that promote a post rely on the
 * authorization that binds the post to that account — when the account redeemed several codes for
 * the post over time, the current one (active, else the one that ended last), exactly as delivery
 * picks it. Deleted ads do not count; paused ones do.
 */
export async function authorizationUsage(
  ctx: ServiceContext,
  authorizations: readonly Authorization[],
): Promise<Map<string, AuthorizationUsage>> {
  const usage = new Map<string, AuthorizationUsage>(
    authorizations.map((a) => [a.id, { adCount: 0, brands: [] }]),
  );
  const bound = authorizations.filter((a) => a.adAccountId !== null);
  if (bound.length === 0) return usage;
  const db = ctx.store.db;
  const now = ctx.clock.now();
  const postIds = bound.map((a) => a.postId);
  const pairKey = (postId: string, adAccountId: string) => `${postId}\u0000${adAccountId}`;
  const byPair = new Map<string, Authorization[]>();
  for (const a of await boundAuthorizationsOfPosts(db, postIds)) {
    const key = pairKey(a.postId, a.adAccountId as string);
    byPair.set(key, [...(byPair.get(key) ?? []), a]);
  }
  const ads = await adsOfPostsInAccounts(
    db,
    postIds,
    bound.map((a) => a.adAccountId as string),
  );
  for (const ad of ads) {
    const current = pickAuthorization(byPair.get(pairKey(ad.postId, ad.adAccountId)) ?? [], now);
    const entry = current && usage.get(current.id);
    if (!entry) continue;
    entry.adCount++;
    const brand = entry.brands.find((b) => b.adAccountId === ad.adAccountId);
    if (brand) brand.adCount++;
    else entry.brands.push({ adAccountId: ad.adAccountId, adCount: 1 });
  }
  return usage;
}

export async function createAuthorization(
  ctx: ServiceContext,
  creatorId: string,
  input: { postId: string; durationDays: AuthorizationDuration; note: string | null },
): Promise<{ authorization: Authorization; code: string }> {
  return transact(ctx, async (uow) => {
    const post = await getPost(uow.db, input.postId);
    if (!post || post.creatorId !== creatorId) throw notFound('Post', input.postId);
    const problem = postEligibilityProblem(post);
    if (problem) {
      throw new KindlingError('POST_NOT_ELIGIBLE', {
        detail: problem.message,
        errors: [{ field: 'post_id', code: problem.code, message: problem.message }],
      });
    }
    const code = encodeAuthCode(ctx.random.bytes(16));
    const authorization: Authorization = {
      id: ctx.ids.next('authorization'),
      postId: post.id,
      creatorId,
      codeHint: authCodeHint(code.canonical),
      durationDays: input.durationDays,
      note: input.note,
      startsAt: uow.now,
      endsAt: authorizationEnd(uow.now, input.durationDays),
      revokedAt: null,
      adAccountId: null,
      boundAt: null,
      createdAt: uow.now,
      updatedAt: uow.now,
    };
    await insertAuthorization(uow.db, authorization, sha256Hex(code.canonical));
    await uow.audit({
      actor: { kind: 'creator', id: creatorId },
      action: 'authorization.create',
      entityType: 'authorization',
      entityId: authorization.id,
      creatorId,
      changes: { duration_days: [null, input.durationDays], post_id: [null, post.id] },
    });
    await uow.changed('authorization', authorization.id);
    return { authorization, code: code.display };
  });
}

export async function listCreatorAuthorizations(
  ctx: ServiceContext,
  creatorId: string,
  page: PageRequest & { postId?: string | undefined },
): Promise<Page<Authorization>> {
  return listAuthorizationsOfCreator(ctx.store.db, creatorId, page);
}

export async function getCreatorAuthorization(
  ctx: ServiceContext,
  creatorId: string,
  id: string,
): Promise<Authorization> {
  const auth = await getAuthorization(ctx.store.db, id);
  if (!auth || auth.creatorId !== creatorId) throw notFound('Authorization', id);
  return auth;
}

export async function extendAuthorization(
  ctx: ServiceContext,
  creatorId: string,
  id: string,
  days: AuthorizationDuration,
): Promise<Authorization> {
  return transact(ctx, async (uow) => {
    const auth = await getAuthorization(uow.db, id);
    if (!auth || auth.creatorId !== creatorId) throw notFound('Authorization', id);
    if (auth.revokedAt !== null) {
      throw new KindlingError('AUTHORIZATION_REVOKED', {
        detail: 'a revoked authorization cannot be extended; create a new one',
      });
    }
    const post = (await getPost(uow.db, auth.postId)) as Post;
    const problem = postEligibilityProblem(post);
    if (problem) {
      throw new KindlingError('AUTHORIZATION_NOT_EXTENDABLE', { detail: problem.message });
    }
    const endsAt = extendedEnd(auth, days, uow.now);
    await updateAuthorization(uow.db, id, { endsAt, durationDays: auth.durationDays + days }, uow.now);
    const updated = { ...auth, endsAt, durationDays: auth.durationDays + days, updatedAt: uow.now };
    await uow.audit({
      actor: { kind: 'creator', id: creatorId },
      action: 'authorization.extend',
      entityType: 'authorization',
      entityId: id,
      creatorId,
      adAccountId: auth.adAccountId,
      changes: { auth_end_time: [toRfc3339(auth.endsAt), toRfc3339(endsAt)] },
    });
    if (auth.adAccountId) {
      const n = await authorizationNames(uow.db, updated);
      await notifyAuthorization(
        ctx,
        uow.db,
        {
          type: 'AUTHORIZATION_EXTENDED',
          authorization: updated,
          title: { creator: 'Authorization extended', account: `${n.handle} extended the authorization` },
          body: {
            creator: `${n.account} may promote your post until ${toRfc3339(endsAt)}.`,
            account: `Ads using this post can serve until ${toRfc3339(endsAt)}.`,
          },
          toAccount: true,
          toCreator: false,
        },
        uow.now,
      );
    }
    await uow.changed('authorization', id);
    return updated;
  });
}

export async function revokeAuthorization(
  ctx: ServiceContext,
  creatorId: string,
  id: string,
): Promise<Authorization> {
  return transact(ctx, async (uow) => {
    const auth = await getAuthorization(uow.db, id);
    if (!auth || auth.creatorId !== creatorId) throw notFound('Authorization', id);
    if (auth.revokedAt !== null) {
      throw new KindlingError('AUTHORIZATION_REVOKED', { detail: `authorization ${id} was already revoked` });
    }
    await updateAuthorization(uow.db, id, { revokedAt: uow.now }, uow.now);
    const updated = { ...auth, revokedAt: uow.now, updatedAt: uow.now };
    await uow.audit({
      actor: { kind: 'creator', id: creatorId },
      action: 'authorization.revoke',
      entityType: 'authorization',
      entityId: id,
      creatorId,
      adAccountId: auth.adAccountId,
    });
    const n = await authorizationNames(uow.db, updated);
    await notifyAuthorization(
      ctx,
      uow.db,
      {
        type: 'AUTHORIZATION_REVOKED',
        authorization: updated,
        title: { creator: 'Authorization revoked', account: `${n.handle} revoked the authorization` },
        body: {
          creator: auth.adAccountId
            ? `${n.account}'s ads using your post have stopped.`
            : 'The code can no longer be redeemed.',
          account: `Ads using this post have stopped. Ask ${n.handle} for a new code to promote it again.`,
        },
        toAccount: true,
        toCreator: true,
      },
      uow.now,
    );
    await uow.changed('authorization', id);
    return updated;
  });
}

// ---------------------------------------------------------------------------------------------
// Advertiser side: redeeming codes

export interface Redemption {
  authorization: Authorization;
  sparkPost: SparkPost;
  /** True when this ad account had already redeemed the same code (the call is idempotent). */
  alreadyRedeemed: boolean;
}

/** Throws 429 when the account has used up its failed attempts in the current window. */
async function checkRedemptionRate(
  ctx: ServiceContext,
  adAccountId: string,
): Promise<{ limit: number; remaining: number; resetSeconds: number }> {
  const settings = await loadSettings(ctx);
  const now = ctx.clock.now();
  const windowMs = settings.redemption_window_seconds * 1000;
  const failures = await failedRedemptionsSince(ctx.store.db, adAccountId, now - windowMs);
  const limit = settings.redemption_failures_per_window;
  const oldest = failures[0];
  const resetSeconds =
    oldest === undefined
      ? settings.redemption_window_seconds
      : Math.max(1, Math.ceil((oldest + windowMs - now) / 1000));
  if (failures.length >= limit) {
    throw new KindlingError('RATE_LIMITED', {
      detail: `too many failed code redemptions: ${limit} per ${settings.redemption_window_seconds} s; try again in ${resetSeconds} s`,
      retryAfterSeconds: resetSeconds,
      extensions: { rate_limit: { limit, remaining: 0, reset: resetSeconds } },
    });
  }
  return { limit, remaining: limit - failures.length, resetSeconds };
}

function codeError(code: ConstructorParameters<typeof KindlingError>[0], detail: string): KindlingError {
  return new KindlingError(code, { detail, errors: [{ field: 'auth_code', code, message: detail }] });
}

/** Redeems one code for the account. Failures are recorded (they count toward the rate limit). */
export async function redeemCode(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  rawCode: string,
): Promise<Redemption> {
  await checkRedemptionRate(ctx, adAccountId);
  const fail = async (error: KindlingError): Promise<never> => {
    await recordRedemptionAttempt(ctx.store.db, {
      id: ctx.ids.next('event'),
      adAccountId,
      at: ctx.clock.now(),
      outcome: error.code,
    });
    throw error;
  };
  const parsed = parseAuthCode(rawCode);
  if (!parsed.ok) return fail(codeError('AUTH_CODE_MALFORMED', parsed.reason));

  const account = await getAdAccount(ctx.store.db, adAccountId);
  if (!account) throw notFound('Ad account', adAccountId);

  let outcome: Redemption | KindlingError;
  try {
    outcome = await transact(ctx, async (uow) => {
      const auth = await findAuthorizationByCodeHash(uow.db, sha256Hex(parsed.canonical));
      if (!auth)
        throw codeError('AUTH_CODE_NOT_FOUND', 'no authorization has this code; check it with the creator');
      const status = authorizationStatus(auth, uow.now);
      if (status === 'REVOKED')
        throw codeError('AUTH_CODE_REVOKED', 'the creator revoked this authorization');
      if (status === 'EXPIRED') {
        throw codeError(
          'AUTH_CODE_EXPIRED',
          `the authorization ended at ${toRfc3339(auth.endsAt)}; ask the creator to extend it`,
        );
      }
      if (auth.adAccountId !== null && auth.adAccountId !== adAccountId) {
        throw codeError(
          'AUTH_CODE_ALREADY_BOUND',
          'another ad account already redeemed this code; ask the creator for a code of your own',
        );
      }
      const post = await getPost(uow.db, auth.postId);
      if (!post || !isPostAvailable(post)) {
        throw codeError(
          'AUTH_CODE_POST_UNAVAILABLE',
          `the post is ${post?.visibility.toLowerCase() ?? 'gone'} and cannot be promoted`,
        );
      }
      const alreadyRedeemed = auth.adAccountId === adAccountId;
      if (!alreadyRedeemed && !(await bindAuthorization(uow.db, auth.id, adAccountId, uow.now))) {
        throw codeError('AUTH_CODE_ALREADY_BOUND', 'another ad account redeemed this code a moment ago');
      }
      const bound: Authorization = alreadyRedeemed
        ? auth
        : { ...auth, adAccountId, boundAt: uow.now, updatedAt: uow.now };
      const sparkPost = await upsertSparkPost(uow.db, {
        id: ctx.ids.next('sparkPost'),
        adAccountId,
        postId: post.id,
        creatorId: post.creatorId,
        firstBoundAt: uow.now,
        updatedAt: uow.now,
      });
      if (!alreadyRedeemed) {
        await uow.audit({
          actor,
          action: 'authorization.redeem',
          entityType: 'authorization',
          entityId: auth.id,
          adAccountId,
          creatorId: auth.creatorId,
          changes: { ad_account_id: [null, adAccountId] },
        });
        const n = await authorizationNames(uow.db, bound);
        await notifyAuthorization(
          ctx,
          uow.db,
          {
            type: 'AUTHORIZATION_REDEEMED',
            authorization: bound,
            title: {
              creator: `${n.account} redeemed your code`,
              account: `Post by ${n.handle} added to your library`,
            },
            body: {
              creator: `${n.account} can promote your post until ${toRfc3339(bound.endsAt)}. You can revoke this at any time.`,
              account: `You can use it in Spark ads until ${toRfc3339(bound.endsAt)}.`,
            },
            toAccount: true,
            toCreator: true,
          },
          uow.now,
        );
        await uow.changed('authorization', auth.id);
      }
      return { authorization: bound, sparkPost, alreadyRedeemed };
    });
  } catch (error) {
    if (!(error instanceof KindlingError)) throw error;
    outcome = error;
  }
  if (outcome instanceof KindlingError) return fail(outcome);
  await recordRedemptionAttempt(ctx.store.db, {
    id: ctx.ids.next('event'),
    adAccountId,
    at: ctx.clock.now(),
    outcome: 'REDEEMED',
  });
  return outcome;
}

export type BatchRedemptionResult =
  | { index: number; status: 'REDEEMED' | 'ALREADY_REDEEMED'; redemption: Redemption }
  | { index: number; status: 'FAILED'; error: KindlingError };

/** Up to 20 codes, each redeemed on its own: one bad code does not stop the others. */
export async function redeemCodes(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  codes: string[],
): Promise<BatchRedemptionResult[]> {
  const results: BatchRedemptionResult[] = [];
  for (const [index, code] of codes.entries()) {
    try {
      const redemption = await redeemCode(ctx, actor, adAccountId, code);
      results.push({
        index,
        status: redemption.alreadyRedeemed ? 'ALREADY_REDEEMED' : 'REDEEMED',
        redemption,
      });
    } catch (error) {
      if (!(error instanceof KindlingError) || error.code === 'NOT_FOUND') throw error;
      results.push({ index, status: 'FAILED', error });
    }
  }
  return results;
}
