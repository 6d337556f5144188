import { encodeApiToken, type TokenKind, tokenKindOf } from '../domain/api-token.js';
import type { MemberRole } from '../domain/enums.js';
import { KindlingError, notFound } from '../domain/errors.js';
import { constantTimeEqual, sha256Hex } from '../domain/hash.js';
import type { Actor, AdAccount, Member } from '../domain/model.js';
import {
  getAdAccount,
  insertAdAccount,
  insertMember,
  listMembers,
  removeMember,
} from '../store/repos/ad-accounts.js';
import { getCreator } from '../store/repos/creators.js';
import {
  type ApiTokenRecord,
  findTokenByHash,
  getToken,
  insertToken,
  listTokens,
  revokeToken,
  revokeTokensOfMember,
  touchToken,
} from '../store/repos/tokens.js';
import { type ServiceContext, transact } from './context.js';

/** Who a request acts as, resolved from its bearer token. */
export type Principal =
  | { kind: 'platform'; tokenId: string | null }
  | { kind: 'creator'; tokenId: string; creatorId: string }
  | { kind: 'advertiser'; tokenId: string; adAccountId: string; memberId: string; role: MemberRole };

export function actorOf(principal: Principal): Actor {
  switch (principal.kind) {
    case 'platform':
      return { kind: 'platform', id: principal.tokenId };
    case 'creator':
      return { kind: 'creator', id: principal.creatorId };
    case 'advertiser':
      return { kind: 'advertiser', id: principal.memberId };
  }
}

export interface IssuedToken {
  token: string;
  record: ApiTokenRecord;
}

/** last_used_at is written at most once a minute per token. */
const TOUCH_INTERVAL_MS = 60_000;

export interface Authenticator {
  authenticate(bearer: string): Promise<Principal | null>;
}

/**
 * Resolves tokens. The operator's platform token (from config) is compared in constant time;
 * every other token is looked up by its SHA-256 hash, so the database never holds a usable token.
 */
export function createAuthenticator(ctx: ServiceContext, platformToken: string | null): Authenticator {
  const platformHash = platformToken ? sha256Hex(platformToken) : null;
  return {
    async authenticate(bearer) {
      const kind = tokenKindOf(bearer);
      if (!kind) return null;
      const hash = sha256Hex(bearer);
      if (kind === 'platform' && platformHash && constantTimeEqual(hash, platformHash)) {
        return { kind: 'platform', tokenId: null };
      }
      const record = await findTokenByHash(ctx.store.db, hash);
      if (!record || record.revokedAt !== null || record.kind !== kind) return null;
      const now = ctx.clock.now();
      if (record.lastUsedAt === null || now - record.lastUsedAt > TOUCH_INTERVAL_MS) {
        await touchToken(ctx.store.db, record.id, now);
      }
      if (record.kind === 'platform') return { kind: 'platform', tokenId: record.id };
      if (record.kind === 'creator' && record.creatorId) {
        return { kind: 'creator', tokenId: record.id, creatorId: record.creatorId };
      }
      if (record.kind === 'advertiser' && record.adAccountId && record.memberId && record.role) {
        return {
          kind: 'advertiser',
          tokenId: record.id,
          adAccountId: record.adAccountId,
          memberId: record.memberId,
          role: record.role,
        };
      }
      return null;
    },
  };
}

function newToken(ctx: ServiceContext, kind: TokenKind): { token: string; hash: string } {
  const token = encodeApiToken(kind, ctx.random.bytes(32));
  return { token, hash: sha256Hex(token) };
}

export async function issuePlatformToken(ctx: ServiceContext, label: string | null): Promise<IssuedToken> {
  const { token, hash } = newToken(ctx, 'platform');
  const record: ApiTokenRecord = {
    id: ctx.ids.next('token'),
    kind: 'platform',
    label,
    creatorId: null,
    adAccountId: null,
    memberId: null,
    role: null,
    createdAt: ctx.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await insertToken(ctx.store.db, record, hash);
  return { token, record };
}

export async function issueCreatorToken(
  ctx: ServiceContext,
  creatorId: string,
  label: string | null,
): Promise<IssuedToken> {
  const creator = await getCreator(ctx.store.db, creatorId);
  if (!creator) throw notFound('Creator', creatorId);
  const { token, hash } = newToken(ctx, 'creator');
  const record: ApiTokenRecord = {
    id: ctx.ids.next('token'),
    kind: 'creator',
    label,
    creatorId,
    adAccountId: null,
    memberId: null,
    role: null,
    createdAt: ctx.clock.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await insertToken(ctx.store.db, record, hash);
  return { token, record };
}

export async function createAdAccount(
  ctx: ServiceContext,
  actor: Actor,
  input: { name: string; currency: string; timeZone: string },
): Promise<AdAccount> {
  return transact(ctx, async (uow) => {
    const account: AdAccount = {
      id: ctx.ids.next('adAccount'),
      name: input.name,
      currency: input.currency,
      timeZone: input.timeZone,
      createdAt: uow.now,
      updatedAt: uow.now,
    };
    await insertAdAccount(uow.db, account);
    await uow.audit({
      actor,
      action: 'ad_account.create',
      entityType: 'ad_account',
      entityId: account.id,
      adAccountId: account.id,
    });
    return account;
  });
}

/** Adds a member to an ad account and issues their first token (shown once). */
export async function addMember(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  input: { name: string; email: string | null; role: MemberRole },
): Promise<{ member: Member; issued: IssuedToken }> {
  return transact(ctx, async (uow) => {
    const account = await getAdAccount(uow.db, adAccountId);
    if (!account) throw notFound('Ad account', adAccountId);
    const member: Member = {
      id: ctx.ids.next('member'),
      adAccountId,
      name: input.name,
      email: input.email,
      role: input.role,
      createdAt: uow.now,
      updatedAt: uow.now,
      removedAt: null,
    };
    await insertMember(uow.db, member);
    const { token, hash } = newToken(ctx, 'advertiser');
    const record: ApiTokenRecord = {
      id: ctx.ids.next('token'),
      kind: 'advertiser',
      label: input.name,
      creatorId: null,
      adAccountId,
      memberId: member.id,
      role: input.role,
      createdAt: uow.now,
      lastUsedAt: null,
      revokedAt: null,
    };
    await insertToken(uow.db, record, hash);
    await uow.audit({
      actor,
      action: 'member.add',
      entityType: 'member',
      entityId: member.id,
      adAccountId,
      changes: { role: [null, input.role], name: [null, input.name] },
    });
    return { member, issued: { token, record } };
  });
}

export async function listAccountMembers(ctx: ServiceContext, adAccountId: string): Promise<Member[]> {
  if (!(await getAdAccount(ctx.store.db, adAccountId))) throw notFound('Ad account', adAccountId);
  return listMembers(ctx.store.db, adAccountId);
}

export async function removeAccountMember(
  ctx: ServiceContext,
  actor: Actor,
  adAccountId: string,
  memberId: string,
): Promise<void> {
  await transact(ctx, async (uow) => {
    const members = await listMembers(uow.db, adAccountId);
    if (!members.some((m) => m.id === memberId)) throw notFound('Member', memberId);
    await removeMember(uow.db, memberId, uow.now);
    await revokeTokensOfMember(uow.db, memberId, uow.now);
    await uow.audit({
      actor,
      action: 'member.remove',
      entityType: 'member',
      entityId: memberId,
      adAccountId,
    });
  });
}

export async function listIssuedTokens(
  ctx: ServiceContext,
  filter: { creatorId?: string | undefined; adAccountId?: string | undefined; includeRevoked?: boolean },
): Promise<ApiTokenRecord[]> {
  return listTokens(ctx.store.db, filter);
}

export async function revokeIssuedToken(ctx: ServiceContext, tokenId: string): Promise<ApiTokenRecord> {
  const token = await getToken(ctx.store.db, tokenId);
  if (!token) throw notFound('Token', tokenId);
  if (!(await revokeToken(ctx.store.db, tokenId, ctx.clock.now()))) {
    throw new KindlingError('INVALID_STATE', { detail: `token ${tokenId} is already revoked` });
  }
  return { ...token, revokedAt: ctx.clock.now() };
}
