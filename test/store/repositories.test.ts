import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/domain/clock.js';
import { KindlingError } from '../../src/domain/errors.js';
import { createIdGenerator, type IdKind } from '../../src/domain/ids.js';
import type {
  Ad,
  AdAccount,
  AdGroup,
  Authorization,
  Campaign,
  Member,
  SparkPost,
  Targeting,
} from '../../src/domain/model.js';
import { SeededRandom } from '../../src/domain/random.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import type { Db } from '../../src/store/database.js';
import { encodeCursor, type Page } from '../../src/store/pagination.js';
import {
  getAdAccount,
  getAdAccountsByIds,
  getMember,
  insertAdAccount,
  insertMember,
  listAdAccounts,
  listMembers,
  removeMember,
  updateAdAccount,
} from '../../src/store/repos/ad-accounts.js';
import {
  adGroupsOfCampaigns,
  getAdGroup,
  getAdGroupsByIds,
  insertAdGroup,
  listAdGroups,
  updateAdGroup,
} from '../../src/store/repos/ad-groups.js';
import {
  adsOfAdGroups,
  adsOfPost,
  countLiveAds,
  getAd,
  getAdById,
  insertAd,
  listAds,
  listAdsInReview,
  updateAd,
} from '../../src/store/repos/ads.js';
import { type AuditEntry, insertAudit, listAudit } from '../../src/store/repos/audit.js';
import {
  activeAuthorizationsOfPost,
  authorizationsEndingBetween,
  authorizationsForAccountPosts,
  bindAuthorization,
  findAuthorizationByCodeHash,
  getAuthorization,
  insertAuthorization,
  listAuthorizationsOfCreator,
  updateAuthorization,
} from '../../src/store/repos/authorizations.js';
import {
  getCampaign,
  getCampaignsByIds,
  insertCampaign,
  listCampaigns,
  updateCampaign,
} from '../../src/store/repos/campaigns.js';
import { appendChange, changesAfter, latestChangeSeq } from '../../src/store/repos/changes.js';
import {
  addPaidFollows,
  findCreatorIdByHandle,
  getCreator,
  getCreatorsByIds,
  listCreators,
  upsertCreator,
} from '../../src/store/repos/creators.js';
import {
  claimIdempotencyKey,
  completeIdempotencyKey,
  purgeIdempotencyKeys,
  releaseIdempotencyKey,
} from '../../src/store/repos/idempotency.js';
import {
  insertNotification,
  listNotifications,
  markNotificationRead,
  type Notification,
} from '../../src/store/repos/notifications.js';
import {
  creatorBaselineInputs,
  getPost,
  getPostsByIds,
  listPostsOfCreator,
  type PostFields,
  upsertPost,
} from '../../src/store/repos/posts.js';
import { failedRedemptionsSince, recordRedemptionAttempt } from '../../src/store/repos/redemptions.js';
import { getSettings, listInterestIds, listInterests, putSettings } from '../../src/store/repos/settings.js';
import {
  getSparkPost,
  getSparkPostByPost,
  listSparkPosts,
  upsertSparkPost,
} from '../../src/store/repos/spark-posts.js';
import { spendOnDate } from '../../src/store/repos/spend.js';
import {
  type ApiTokenRecord,
  findTokenByHash,
  getToken,
  insertToken,
  listTokens,
  revokeToken,
  revokeTokensOfMember,
  touchToken,
} from '../../src/store/repos/tokens.js';
import { describeEachDialect, openTestDatabase, type TestDatabase } from '../support/dialects.js';

/** 2026-11-25 21:00:00.123 UTC: milliseconds on purpose, they must survive. */
const NOW = Date.UTC(2026, 10, 25, 21, 0, 0, 123);
const DAY = 86_400_000;
const MAX = Number.MAX_SAFE_INTEGER;

/** Pages through a list until next_cursor is null, checking each page on the way. */
async function collectPages<T extends { id: string }>(
  fetch: (cursor: string | undefined) => Promise<Page<T>>,
  limit: number,
): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await fetch(cursor);
    expect(page.data.length).toBeLessThanOrEqual(limit);
    all.push(...page.data);
    if (page.nextCursor === null) return all;
    // A page that promises more is full.
    expect(page.data.length).toBe(limit);
    expect(typeof page.nextCursor).toBe('string');
    cursor = page.nextCursor;
  }
  throw new Error('pagination never ended');
}

/** Newest first, by id: the order every list promises. */
const newestFirst = (ids: string[]) => [...ids].sort().reverse();

/** A shuffled copy, so insertion order never matches id order by accident. */
function shuffled<T>(items: T[], random: SeededRandom): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.float() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function expectInvalidCursor(run: (cursor: string) => Promise<unknown>): Promise<void> {
  for (const cursor of [
    'garbage',
    '!!!',
    Buffer.from('{"after":5}').toString('base64url'),
    Buffer.from('[1,2]').toString('base64url'),
    Buffer.from('null').toString('base64url'),
  ]) {
    const error = await run(cursor).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error, cursor).toBeInstanceOf(KindlingError);
    expect((error as KindlingError).code).toBe('INVALID_CURSOR');
    expect((error as KindlingError).errors[0]?.field).toBe('cursor');
  }
}

async function expectRejects(run: () => Promise<unknown>): Promise<void> {
  const outcome = await run().then(
    () => 'resolved',
    () => 'rejected',
  );
  expect(outcome).toBe('rejected');
}

const TARGETING: Targeting = {
  countries: ['FR', 'BE'],
  regions: ['FR-IDF'],
  ageGroups: ['AGE_18_24', 'AGE_25_34'],
  gender: 'GENDER_FEMALE',
  languages: ['fr'],
  interestCategoryIds: ['fitness', 'fitness.running'],
  operatingSystems: ['IOS'],
  audienceIds: ['aud_"quoted"'],
  excludedAudienceIds: ['aud_ünïcode_🎯'],
};

describeEachDialect('repositories', (dialect) => {
  let tdb: TestDatabase;
  let db: Db;
  const clock = new ManualClock(NOW);
  const random = new SeededRandom(dialect === 'sqlite' ? 11 : 22);
  const idGen = createIdGenerator(clock, random);
  const id = (kind: IdKind) => idGen.next(kind);
  let n = 0;
  const unique = (prefix: string) => `${prefix}-${++n}`;

  beforeAll(async () => {
    tdb = await openTestDatabase(dialect);
    db = tdb.store.db;
  });
  afterAll(async () => tdb?.close());

  // -------------------------------------------------------------------------------- factories

  async function makeCreator(overrides: Partial<Parameters<typeof upsertCreator>[2]> = {}): Promise<string> {
    const creatorId = unique('crt');
    await upsertCreator(
      db,
      creatorId,
      {
        handle: `h_${creatorId.replace('-', '_')}`,
        displayName: 'Creator',
        avatarUrl: null,
        followerCount: 1000,
        region: 'FR',
        ...overrides,
      },
      NOW,
    );
    return creatorId;
  }

  function postFields(creatorId: string, overrides: Partial<PostFields> = {}): PostFields {
    return {
      creatorId,
      caption: 'Leg day 🔥 "quotes" and \\backslashes\\ — link in bio',
      mediaUrl: 'https://cdn.example/p.mp4',
      durationMs: 58_500,
      soundId: 'snd_1',
      hashtags: ['fitness', 'légday', '🏃'],
      visibility: 'PUBLIC',
      organic: { views: 50_000, likes: 4000, comments: 40, shares: 30, follows: 10 },
      publishedAt: NOW - 5 * DAY + 7,
      ...overrides,
    };
  }

  async function makePost(creatorId: string, overrides: Partial<PostFields> = {}): Promise<string> {
    const postId = unique('pst');
    await upsertPost(db, postId, postFields(creatorId, overrides), NOW);
    return postId;
  }

  async function makeAccount(overrides: Partial<AdAccount> = {}): Promise<AdAccount> {
    const account: AdAccount = {
      id: id('adAccount'),
      name: 'Acme',
      currency: 'EUR',
      timeZone: 'Europe/Paris',
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    };
    await insertAdAccount(db, account);
    return account;
  }

  function campaignOf(adAccountId: string, overrides: Partial<Campaign> = {}): Campaign {
    return {
      id: id('campaign'),
      adAccountId,
      name: 'Winter shoes',
      objectiveType: 'VIDEO_VIEWS',
      budgetMode: 'BUDGET_MODE_TOTAL',
      budgetMicros: 1_200_123_456,
      operationStatus: 'ENABLE',
      spendMicros: 17_000_001,
      deletedAt: null,
      createdAt: NOW,
      updatedAt: NOW + 1,
      ...overrides,
    };
  }

  async function makeCampaign(adAccountId: string, overrides: Partial<Campaign> = {}): Promise<Campaign> {
    const c = campaignOf(adAccountId, overrides);
    await insertCampaign(db, c);
    return c;
  }

  function adGroupOf(adAccountId: string, campaignId: string, overrides: Partial<AdGroup> = {}): AdGroup {
    return {
      id: id('adGroup'),
      adAccountId,
      campaignId,
      name: 'FR 18-34',
      placements: ['IN_FEED', 'TOPVIEW'],
      scheduleType: 'SCHEDULE_START_END',
      scheduleStartAt: NOW + DAY,
      scheduleEndAt: NOW + 30 * DAY + 999,
      dayparting: `${'1'.repeat(48)}${'0'.repeat(288)}`,
      targeting: TARGETING,
      budgetMode: 'BUDGET_MODE_DAY',
      budgetMicros: 40_000_000,
      pacing: 'PACING_MODE_SMOOTH',
      billingEvent: 'CPV',
      optimizationGoal: 'VIDEO_VIEW',
      bidMicros: 50_001,
      frequency: 2,
      frequencySchedule: 3,
      operationStatus: 'ENABLE',
      spendMicros: 3,
      deletedAt: null,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    };
  }

  async function makeAdGroup(
    adAccountId: string,
    campaignId: string,
    overrides: Partial<AdGroup> = {},
  ): Promise<AdGroup> {
    const g = adGroupOf(adAccountId, campaignId, overrides);
    await insertAdGroup(db, g);
    return g;
  }

  async function makeSparkPost(adAccountId: string, postId: string, creatorId: string): Promise<SparkPost> {
    return upsertSparkPost(db, {
      id: id('sparkPost'),
      adAccountId,
      postId,
      creatorId,
      firstBoundAt: NOW,
      updatedAt: NOW,
    });
  }

  /** An account with a campaign, an ad group and a post in its library: what an ad needs. */
  async function adSetting() {
    const account = await makeAccount();
    const creatorId = await makeCreator();
    const postId = await makePost(creatorId);
    const campaign = await makeCampaign(account.id);
    const group = await makeAdGroup(account.id, campaign.id);
    const spark = await makeSparkPost(account.id, postId, creatorId);
    return { account, creatorId, postId, campaign, group, spark };
  }

  function adOf(s: Awaited<ReturnType<typeof adSetting>>, overrides: Partial<Ad> = {}): Ad {
    return {
      id: id('ad'),
      adAccountId: s.account.id,
      campaignId: s.campaign.id,
      adGroupId: s.group.id,
      sparkPostId: s.spark.id,
      postId: s.postId,
      name: 'Spark ad · p1',
      callToAction: 'SHOP_NOW',
      landingPageUrl: 'https://acme.example/shoes?utm=ü',
      operationStatus: 'ENABLE',
      reviewStatus: 'APPROVED',
      reviewReason: 'approved automatically',
      reviewedAt: NOW + 5,
      reviewedBy: 'auto',
      spendMicros: 999_999,
      deletedAt: null,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    };
  }

  async function makeAd(s: Awaited<ReturnType<typeof adSetting>>, overrides: Partial<Ad> = {}): Promise<Ad> {
    const ad = adOf(s, overrides);
    await insertAd(db, ad);
    return ad;
  }

  function authorizationOf(postId: string, creatorId: string, overrides: Partial<Authorization> = {}) {
    return {
      id: id('authorization'),
      postId,
      creatorId,
      codeHint: 'QW50',
      durationDays: 30,
      note: 'for Acme — «shoes»',
      startsAt: NOW,
      endsAt: NOW + 30 * DAY,
      revokedAt: null,
      adAccountId: null,
      boundAt: null,
      createdAt: NOW,
      updatedAt: NOW,
      ...overrides,
    } satisfies Authorization;
  }

  async function makeAuthorization(
    postId: string,
    creatorId: string,
    overrides: Partial<Authorization> = {},
  ): Promise<Authorization> {
    const auth = authorizationOf(postId, creatorId, overrides);
    await insertAuthorization(db, auth, `hash-${auth.id}`);
    return auth;
  }

  // -------------------------------------------------------------------------------- creators

  describe('creators', () => {
    it('round-trips every field, nulls included, and tells created from updated', async () => {
      const creatorId = unique('crt');
      const fields = {
        handle: 'Ana.Moves',
        displayName: 'Ana Moves 💃',
        avatarUrl: 'https://cdn.example/ana.png',
        followerCount: 48_200,
        region: 'FR',
      };
      expect(await upsertCreator(db, creatorId, fields, NOW)).toBe(true);
      expect(await getCreator(db, creatorId)).toEqual({
        id: creatorId,
        ...fields,
        paidFollows: 0,
        createdAt: NOW,
        updatedAt: NOW,
      });
      await addPaidFollows(db, creatorId, 7);
      await addPaidFollows(db, creatorId, 5);
      const changed = { ...fields, displayName: 'Ana', avatarUrl: null, region: null, followerCount: 50_000 };
      expect(await upsertCreator(db, creatorId, changed, NOW + DAY)).toBe(false);
      expect(await getCreator(db, creatorId)).toEqual({
        id: creatorId,
        ...changed,
        paidFollows: 12, // Kindling's own counter survives the host's update
        createdAt: NOW,
        updatedAt: NOW + DAY,
      });
      expect(await getCreator(db, 'nobody')).toBeUndefined();
    });

    it('handles are unique case-insensitively (unique index) and found in any case', async () => {
      const first = await makeCreator({ handle: 'Case.Test' });
      await expectRejects(() =>
        upsertCreator(
          db,
          unique('crt'),
          { handle: 'case.TEST', displayName: 'x', avatarUrl: null, followerCount: 0, region: null },
          NOW,
        ),
      );
      expect(await findCreatorIdByHandle(db, 'CASE.test')).toBe(first);
      expect(await findCreatorIdByHandle(db, 'case.test.other')).toBeUndefined();
      // The creator may change the case of its own handle.
      await upsertCreator(
        db,
        first,
        { handle: 'CASE.TEST', displayName: 'x', avatarUrl: null, followerCount: 0, region: null },
        NOW,
      );
      expect((await getCreator(db, first))?.handle).toBe('CASE.TEST');
    });

    it('getCreatorsByIds returns the known ones once, and nothing for no ids', async () => {
      const a = await makeCreator();
      const b = await makeCreator();
      const found = await getCreatorsByIds(db, [a, b, a, 'unknown']);
      expect([...found.keys()].sort()).toEqual([a, b].sort());
      expect(found.get(b)?.id).toBe(b);
      expect((await getCreatorsByIds(db, [])).size).toBe(0);
    });

    it('lists every creator newest id first across pages, and rejects foreign cursors', async () => {
      for (let i = 0; i < 7; i++) await makeCreator();
      const all = (await db.selectFrom('creators').select('id').execute()).map((r) => r.id);
      const listed = await collectPages((cursor) => listCreators(db, { limit: 3, cursor }), 3);
      expect(listed.map((c) => c.id)).toEqual(newestFirst(all));
      await expectInvalidCursor((cursor) => listCreators(db, { limit: 3, cursor }));
    });
  });

  // -------------------------------------------------------------------------------- posts

  describe('posts', () => {
    it('round-trips every field (JSON hashtags, nulls) and keeps paid counters and creation time on update', async () => {
      const creatorId = await makeCreator();
      const postId = unique('pst');
      const fields = postFields(creatorId);
      expect(await upsertPost(db, postId, fields, NOW)).toBe(true);
      const zeroPaid = { views: 0, likes: 0, comments: 0, shares: 0, follows: 0, profileVisits: 0 };
      expect(await getPost(db, postId)).toEqual({
        id: postId,
        ...fields,
        paid: zeroPaid,
        attributed: zeroPaid,
        createdAt: NOW,
        updatedAt: NOW,
      });

      // Paid and attributed counters are Kindling's (written by attribution): a host update must not reset them.
      await db
        .updateTable('posts')
        .set({
          paid_views: 10,
          paid_likes: 9,
          paid_comments: 8,
          paid_shares: 7,
          paid_follows: 6,
          paid_profile_visits: 5,
          attributed_views: 4,
          attributed_likes: 3,
          attributed_comments: 2,
          attributed_shares: 1,
          attributed_follows: MAX,
          attributed_profile_visits: 0,
        })
        .where('id', '=', postId)
        .execute();
      const update = postFields(creatorId, {
        caption: 'new',
        soundId: null,
        hashtags: [],
        visibility: 'PRIVATE',
        organic: { views: 60_000, likes: 4100, comments: 41, shares: 31, follows: 11 },
      });
      expect(await upsertPost(db, postId, update, NOW + DAY)).toBe(false);
      expect(await getPost(db, postId)).toEqual({
        id: postId,
        ...update,
        paid: { views: 10, likes: 9, comments: 8, shares: 7, follows: 6, profileVisits: 5 },
        attributed: { views: 4, likes: 3, comments: 2, shares: 1, follows: MAX, profileVisits: 0 },
        createdAt: NOW,
        updatedAt: NOW + DAY,
      });
    });

    it('refuses a post of an unknown creator (foreign key)', async () => {
      await expectRejects(() => upsertPost(db, unique('pst'), postFields('no-such-creator'), NOW));
    });

    it('lists a creator’s posts newest first with a visibility filter, scoped to the creator', async () => {
      const creatorId = await makeCreator();
      const other = await makeCreator();
      await makePost(other);
      const postIds: string[] = [];
      const privateIds: string[] = [];
      // Host ids chosen so that insertion order is not id order.
      for (const suffix of ['m', 'c', 'x', 'a', 'q', 'f', 'z', 'b']) {
        const postId = `post-${creatorId}-${suffix}`;
        const visibility = 'cfz'.includes(suffix) ? 'PRIVATE' : 'PUBLIC';
        await upsertPost(db, postId, postFields(creatorId, { visibility }), NOW);
        postIds.push(postId);
        if (visibility === 'PRIVATE') privateIds.push(postId);
      }
      const all = await collectPages((cursor) => listPostsOfCreator(db, creatorId, { limit: 3, cursor }), 3);
      expect(all.map((p) => p.id)).toEqual(newestFirst(postIds));
      const privates = await collectPages(
        (cursor) => listPostsOfCreator(db, creatorId, { limit: 2, cursor, visibility: 'PRIVATE' }),
        2,
      );
      expect(privates.map((p) => p.id)).toEqual(newestFirst(privateIds));
      await expectInvalidCursor((cursor) => listPostsOfCreator(db, creatorId, { limit: 3, cursor }));
    });

    it('the performance baseline counts the creator’s public posts only', async () => {
      const creatorId = await makeCreator();
      const a = await makePost(creatorId, {
        organic: { views: 1, likes: 2, comments: 3, shares: 4, follows: 5 },
      });
      await makePost(creatorId, { visibility: 'DELETED' });
      await makePost(await makeCreator());
      expect(await creatorBaselineInputs(db, creatorId)).toEqual([
        { id: a, organic: { views: 1, likes: 2, comments: 3, shares: 4, follows: 5 } },
      ]);
      const byId = await getPostsByIds(db, [a, a, 'nope']);
      expect([...byId.keys()]).toEqual([a]);
    });
  });

  // -------------------------------------------------------------------------------- authorizations

  describe('authorizations', () => {
    it('round-trips every field with nulls, then with a binding and a revocation', async () => {
      const creatorId = await makeCreator();
      const postId = await makePost(creatorId);
      const auth = await makeAuthorization(postId, creatorId);
      expect(await getAuthorization(db, auth.id)).toEqual(auth);
      expect(await findAuthorizationByCodeHash(db, `hash-${auth.id}`)).toEqual(auth);
      expect(await findAuthorizationByCodeHash(db, 'hash-unknown')).toBeUndefined();

      const account = await makeAccount();
      const full = authorizationOf(postId, creatorId, {
        note: null,
        revokedAt: NOW + 2 * DAY + 1,
        adAccountId: account.id,
        boundAt: NOW + DAY + 1,
      });
      await insertAuthorization(db, full, `hash-${full.id}`);
      expect(await getAuthorization(db, full.id)).toEqual(full);
    });

    it('a code hash is unique', async () => {
      const creatorId = await makeCreator();
      const postId = await makePost(creatorId);
      await insertAuthorization(db, authorizationOf(postId, creatorId), 'hash-shared');
      await expectRejects(() => insertAuthorization(db, authorizationOf(postId, creatorId), 'hash-shared'));
    });

    it('binds only once: the second bind fails and leaves the first binding', async () => {
      const creatorId = await makeCreator();
      const postId = await makePost(creatorId);
      const auth = await makeAuthorization(postId, creatorId);
      const first = await makeAccount();
      const second = await makeAccount();
      expect(await bindAuthorization(db, auth.id, first.id, NOW + 10)).toBe(true);
      expect(await bindAuthorization(db, auth.id, second.id, NOW + 20)).toBe(false);
      expect(await bindAuthorization(db, auth.id, first.id, NOW + 30)).toBe(false);
      expect(await getAuthorization(db, auth.id)).toEqual({
        ...auth,
        adAccountId: first.id,
        boundAt: NOW + 10,
        updatedAt: NOW + 10,
      });
      expect(await bindAuthorization(db, 'aut_unknown', first.id, NOW)).toBe(false);
    });

    it('binds only once under concurrent redemptions', async () => {
      const creatorId = await makeCreator();
      const postId = await makePost(creatorId);
      const auth = await makeAuthorization(postId, creatorId);
      const accounts = await Promise.all([makeAccount(), makeAccount(), makeAccount(), makeAccount()]);
      const results = await Promise.all(accounts.map((a) => bindAuthorization(db, auth.id, a.id, NOW)));
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = accounts[results.indexOf(true)];
      expect((await getAuthorization(db, auth.id))?.adAccountId).toBe(winner?.id);
    });

    it('updates only the fields it is given', async () => {
      const creatorId = await makeCreator();
      const postId = await makePost(creatorId);
      const auth = await makeAuthorization(postId, creatorId);
      await updateAuthorization(db, auth.id, { endsAt: NOW + 60 * DAY, durationDays: 60 }, NOW + 5);
      expect(await getAuthorization(db, auth.id)).toEqual({
        ...auth,
        endsAt: NOW + 60 * DAY,
        durationDays: 60,
        updatedAt: NOW + 5,
      });
      await updateAuthorization(db, auth.id, { revokedAt: NOW + 6 }, NOW + 6);
      expect(await getAuthorization(db, auth.id)).toMatchObject({
        revokedAt: NOW + 6,
        endsAt: NOW + 60 * DAY,
        note: auth.note,
      });
    });

    it('lists a creator’s authorizations across pages, optionally for one post', async () => {
      const creatorId = await makeCreator();
      const p1 = await makePost(creatorId);
      const p2 = await makePost(creatorId);
      const other = await makeCreator();
      await makeAuthorization(await makePost(other), other);
      const made = shuffled(
        Array.from({ length: 9 }, (_, i) => authorizationOf(i % 3 === 0 ? p2 : p1, creatorId)),
        random,
      );
      for (const a of made) await insertAuthorization(db, a, `hash-${a.id}`);
      const listed = await collectPages(
        (cursor) => listAuthorizationsOfCreator(db, creatorId, { limit: 4, cursor }),
        4,
      );
      expect(listed.map((a) => a.id)).toEqual(newestFirst(made.map((a) => a.id)));
      const ofP2 = await collectPages(
        (cursor) => listAuthorizationsOfCreator(db, creatorId, { limit: 2, cursor, postId: p2 }),
        2,
      );
      expect(ofP2.map((a) => a.id)).toEqual(
        newestFirst(made.filter((a) => a.postId === p2).map((a) => a.id)),
      );
      await expectInvalidCursor((cursor) => listAuthorizationsOfCreator(db, creatorId, { limit: 2, cursor }));
    });

    it('finds an account’s authorizations per post, active ones of a post, and those ending in a window', async () => {
      const creatorId = await makeCreator();
      const p1 = await makePost(creatorId);
      const p2 = await makePost(creatorId);
      const mine = await makeAccount();
      const theirs = await makeAccount();
      const end = NOW + 7 * DAY;
      const a1 = await makeAuthorization(p1, creatorId, { adAccountId: mine.id, boundAt: NOW, endsAt: end });
      const a2 = await makeAuthorization(p1, creatorId, {
        adAccountId: mine.id,
        boundAt: NOW,
        revokedAt: NOW,
      });
      const a3 = await makeAuthorization(p2, creatorId, {
        adAccountId: theirs.id,
        boundAt: NOW,
        endsAt: end + 1,
      });
      const a4 = await makeAuthorization(p2, creatorId, { endsAt: NOW - 1 }); // unbound, expired

      const byPost = await authorizationsForAccountPosts(db, mine.id, [p1, p2, p1]);
      expect([...byPost.keys()]).toEqual([p1]);
      expect((byPost.get(p1) ?? []).map((a) => a.id).sort()).toEqual([a1.id, a2.id].sort());
      expect((await authorizationsForAccountPosts(db, mine.id, [])).size).toBe(0);

      expect((await activeAuthorizationsOfPost(db, p1, NOW)).map((a) => a.id)).toEqual([a1.id]);
      expect((await activeAuthorizationsOfPost(db, p1, end - 1)).map((a) => a.id)).toEqual([a1.id]);
      expect(await activeAuthorizationsOfPost(db, p1, end)).toEqual([]); // ends_at is exclusive
      expect((await activeAuthorizationsOfPost(db, p2, NOW)).map((a) => a.id)).toEqual([a3.id]);

      // (from, to]: the lower bound is exclusive, the upper inclusive; revoked ones never warn.
      const ending = async (from: number, to: number) =>
        (await authorizationsEndingBetween(db, from, to))
          .filter((a) => [a1.id, a2.id, a3.id, a4.id].includes(a.id))
          .map((a) => a.id)
          .sort();
      expect(await ending(end - 1, end)).toEqual([a1.id]);
      expect(await ending(end, end + 1)).toEqual([a3.id]);
      expect(await ending(end - DAY, end + DAY)).toEqual([a1.id, a3.id].sort());
      expect(await ending(NOW - 2, NOW - 1)).toEqual([a4.id]);
    });
  });

  // -------------------------------------------------------------------------------- accounts, members

  describe('ad accounts and members', () => {
    it('round-trips an account; updates its name only; finds several by id', async () => {
      const account = await makeAccount({ name: 'Ácme «FR»', currency: 'JPY', timeZone: 'Asia/Tokyo' });
      expect(await getAdAccount(db, account.id)).toEqual(account);
      await updateAdAccount(db, account.id, { name: 'Acme 2' }, NOW + DAY);
      expect(await getAdAccount(db, account.id)).toEqual({
        ...account,
        name: 'Acme 2',
        updatedAt: NOW + DAY,
      });
      await updateAdAccount(db, account.id, {}, NOW + 2 * DAY);
      expect(await getAdAccount(db, account.id)).toMatchObject({ name: 'Acme 2', currency: 'JPY' });
      const other = await makeAccount();
      const found = await getAdAccountsByIds(db, [account.id, other.id, account.id, 'acc_unknown']);
      expect([...found.keys()].sort()).toEqual([account.id, other.id].sort());
      expect(await getAdAccount(db, 'acc_unknown')).toBeUndefined();
    });

    it('lists every account newest first across pages', async () => {
      for (let i = 0; i < 5; i++) await makeAccount();
      const all = (await db.selectFrom('ad_accounts').select('id').execute()).map((r) => r.id);
      const listed = await collectPages((cursor) => listAdAccounts(db, { limit: 2, cursor }), 2);
      expect(listed.map((a) => a.id)).toEqual(newestFirst(all));
      const exact = await listAdAccounts(db, { limit: all.length });
      expect(exact.nextCursor).toBeNull();
      expect(exact.data).toHaveLength(all.length);
      await expectInvalidCursor((cursor) => listAdAccounts(db, { limit: 2, cursor }));
    });

    it('members: round trip, tenant-scoped get, removed ones leave the list', async () => {
      const account = await makeAccount();
      const other = await makeAccount();
      const member = (name: string, email: string | null, role: Member['role']): Member => ({
        id: id('member'),
        adAccountId: account.id,
        name,
        email,
        role,
        createdAt: NOW,
        updatedAt: NOW,
        removedAt: null,
      });
      const maya = member('Maya', 'maya@acme.example', 'ADMIN');
      const sam = member('Sam', null, 'ANALYST');
      await insertMember(db, sam);
      await insertMember(db, maya);
      expect(await getMember(db, account.id, maya.id)).toEqual(maya);
      expect(await getMember(db, account.id, sam.id)).toEqual(sam);
      expect(await getMember(db, other.id, maya.id)).toBeUndefined();
      expect((await listMembers(db, account.id)).map((m) => m.id)).toEqual([maya.id, sam.id].sort());
      expect(await listMembers(db, other.id)).toEqual([]);
      await removeMember(db, sam.id, NOW + DAY);
      expect((await listMembers(db, account.id)).map((m) => m.id)).toEqual([maya.id]);
      expect(await getMember(db, account.id, sam.id)).toEqual({
        ...sam,
        removedAt: NOW + DAY,
        updatedAt: NOW + DAY,
      });
    });
  });

  // -------------------------------------------------------------------------------- tokens

  describe('API tokens', () => {
    const tokenOf = (overrides: Partial<ApiTokenRecord>): ApiTokenRecord => ({
      id: id('token'),
      kind: 'platform',
      label: null,
      creatorId: null,
      adAccountId: null,
      memberId: null,
      role: null,
      createdAt: NOW,
      lastUsedAt: null,
      revokedAt: null,
      ...overrides,
    });

    it('round-trips, is found by hash, and a hash is unique', async () => {
      const creatorId = await makeCreator();
      const token = tokenOf({ kind: 'creator', label: 'app ✨', creatorId });
      await insertToken(db, token, 'tokhash-1');
      expect(await getToken(db, token.id)).toEqual(token);
      expect(await findTokenByHash(db, 'tokhash-1')).toEqual(token);
      expect(await findTokenByHash(db, 'tokhash-unknown')).toBeUndefined();
      await expectRejects(() => insertToken(db, tokenOf({}), 'tokhash-1'));
      await touchToken(db, token.id, NOW + 1000);
      expect((await getToken(db, token.id))?.lastUsedAt).toBe(NOW + 1000);
    });

    it('revokes only once, and revoking a member’s tokens spares others', async () => {
      const account = await makeAccount();
      const memberId = id('member');
      await insertMember(db, {
        id: memberId,
        adAccountId: account.id,
        name: 'M',
        email: null,
        role: 'ADMIN',
        createdAt: NOW,
        updatedAt: NOW,
        removedAt: null,
      });
      const t1 = tokenOf({ kind: 'advertiser', adAccountId: account.id, memberId, role: 'ADMIN' });
      const t2 = tokenOf({ kind: 'advertiser', adAccountId: account.id, memberId, role: 'ADMIN' });
      const t3 = tokenOf({ kind: 'platform', label: 'ops' });
      for (const t of [t1, t2, t3]) await insertToken(db, t, `hash-${t.id}`);

      expect(await revokeToken(db, t1.id, NOW + 1)).toBe(true);
      expect(await revokeToken(db, t1.id, NOW + 2)).toBe(false);
      expect((await getToken(db, t1.id))?.revokedAt).toBe(NOW + 1);
      expect(await revokeToken(db, 'tok_unknown', NOW)).toBe(false);

      await revokeTokensOfMember(db, memberId, NOW + 3);
      expect((await getToken(db, t1.id))?.revokedAt).toBe(NOW + 1); // not revoked twice
      expect((await getToken(db, t2.id))?.revokedAt).toBe(NOW + 3);
      expect((await getToken(db, t3.id))?.revokedAt).toBeNull();

      const live = await listTokens(db, { adAccountId: account.id });
      expect(live).toEqual([]);
      const everything = await listTokens(db, { adAccountId: account.id, includeRevoked: true });
      expect(everything.map((t) => t.id)).toEqual(newestFirst([t1.id, t2.id]));
      const creatorId = await makeCreator();
      const ct = tokenOf({ kind: 'creator', creatorId });
      await insertToken(db, ct, `hash-${ct.id}`);
      expect((await listTokens(db, { creatorId })).map((t) => t.id)).toEqual([ct.id]);
    });

    it('revokes only once under concurrent requests', async () => {
      const t = tokenOf({});
      await insertToken(db, t, `hash-${t.id}`);
      const results = await Promise.all([1, 2, 3, 4].map((i) => revokeToken(db, t.id, NOW + i)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });

  // -------------------------------------------------------------------------------- spark posts

  describe('spark posts', () => {
    it('adds a post to a library once; a second redemption touches it and keeps its id and first time', async () => {
      const account = await makeAccount();
      const creatorId = await makeCreator();
      const postId = await makePost(creatorId);
      const first = await makeSparkPost(account.id, postId, creatorId);
      expect(await getSparkPost(db, account.id, first.id)).toEqual(first);
      const again = await upsertSparkPost(db, {
        id: id('sparkPost'),
        adAccountId: account.id,
        postId,
        creatorId,
        firstBoundAt: NOW + DAY,
        updatedAt: NOW + DAY,
      });
      expect(again).toEqual({ ...first, updatedAt: NOW + DAY });
      expect(await getSparkPostByPost(db, account.id, postId)).toEqual(again);
      const rows = await db.selectFrom('spark_posts').select('id').where('post_id', '=', postId).execute();
      expect(rows).toHaveLength(1);
      // Another account gets its own entry for the same post.
      const other = await makeAccount();
      const theirs = await makeSparkPost(other.id, postId, creatorId);
      expect(theirs.id).not.toBe(first.id);
      // Tenant scoping.
      expect(await getSparkPost(db, other.id, first.id)).toBeUndefined();
      expect(await getSparkPostByPost(db, account.id, 'no-post')).toBeUndefined();
    });

    it('lists an account’s library newest first across pages', async () => {
      const account = await makeAccount();
      const creatorId = await makeCreator();
      const made: SparkPost[] = [];
      for (let i = 0; i < 5; i++)
        made.push(await makeSparkPost(account.id, await makePost(creatorId), creatorId));
      await makeSparkPost((await makeAccount()).id, await makePost(creatorId), creatorId);
      const listed = await collectPages((cursor) => listSparkPosts(db, account.id, { limit: 2, cursor }), 2);
      expect(listed).toEqual([...made].sort((a, b) => (a.id < b.id ? 1 : -1)));
      await expectInvalidCursor((cursor) => listSparkPosts(db, account.id, { limit: 2, cursor }));
    });
  });

  // -------------------------------------------------------------------------------- campaigns

  describe('campaigns', () => {
    it('round-trips every field (money in micros, nulls) and is scoped to its account', async () => {
      const account = await makeAccount();
      const other = await makeAccount();
      const limited = await makeCampaign(account.id);
      const unlimited = await makeCampaign(account.id, {
        budgetMode: 'BUDGET_MODE_INFINITE',
        budgetMicros: null,
        spendMicros: 0,
        operationStatus: 'DISABLE',
      });
      expect(await getCampaign(db, account.id, limited.id)).toEqual(limited);
      expect(await getCampaign(db, account.id, unlimited.id)).toEqual(unlimited);
      expect(await getCampaign(db, other.id, limited.id)).toBeUndefined();
      const byIds = await getCampaignsByIds(db, [limited.id, unlimited.id, 'cmp_x']);
      expect(byIds.get(unlimited.id)).toEqual(unlimited);
      expect(byIds.size).toBe(2);
    });

    it('updates only the given fields; a budget can become null', async () => {
      const account = await makeAccount();
      const c = await makeCampaign(account.id);
      await updateCampaign(db, c.id, { name: 'Renamed', budgetMicros: null }, NOW + DAY);
      expect(await getCampaign(db, account.id, c.id)).toEqual({
        ...c,
        name: 'Renamed',
        budgetMicros: null,
        updatedAt: NOW + DAY,
      });
      await updateCampaign(db, c.id, { deletedAt: NOW + 2 * DAY, operationStatus: 'DISABLE' }, NOW + 2 * DAY);
      expect(await getCampaign(db, account.id, c.id)).toMatchObject({
        name: 'Renamed',
        deletedAt: NOW + 2 * DAY,
        operationStatus: 'DISABLE',
      });
    });

    it('filters by status (deleted ones only under DELETE) and pages without gaps or repeats', async () => {
      const account = await makeAccount();
      await makeCampaign((await makeAccount()).id);
      const made = shuffled(
        Array.from({ length: 12 }, (_, i) =>
          campaignOf(account.id, {
            operationStatus: i % 3 === 0 ? 'DISABLE' : 'ENABLE',
            deletedAt: i % 4 === 0 ? NOW : null,
          }),
        ),
        random,
      );
      for (const c of made) await insertCampaign(db, c);
      const ids = (pred: (c: Campaign) => boolean) => newestFirst(made.filter(pred).map((c) => c.id));
      const list = (status: 'ENABLE' | 'DISABLE' | 'DELETE' | undefined, limit: number) =>
        collectPages((cursor) => listCampaigns(db, account.id, { limit, cursor, status }), limit);

      expect((await list(undefined, 3)).map((c) => c.id)).toEqual(ids((c) => c.deletedAt === null));
      expect((await list('ENABLE', 2)).map((c) => c.id)).toEqual(
        ids((c) => c.deletedAt === null && c.operationStatus === 'ENABLE'),
      );
      expect((await list('DISABLE', 1)).map((c) => c.id)).toEqual(
        ids((c) => c.deletedAt === null && c.operationStatus === 'DISABLE'),
      );
      expect((await list('DELETE', 2)).map((c) => c.id)).toEqual(ids((c) => c.deletedAt !== null));
      await expectInvalidCursor((cursor) => listCampaigns(db, account.id, { limit: 2, cursor }));
    });

    it('a row created between two page requests appears neither twice nor as a gap', async () => {
      const account = await makeAccount();
      const made: Campaign[] = [];
      for (let i = 0; i < 6; i++) made.push(await makeCampaign(account.id));
      const first = await listCampaigns(db, account.id, { limit: 3 });
      clock.advance(1000);
      const newer = await makeCampaign(account.id);
      const rest = await collectPages(
        (cursor) =>
          listCampaigns(db, account.id, { limit: 3, cursor: cursor ?? first.nextCursor ?? undefined }),
        3,
      );
      const seen = [...first.data, ...rest].map((c) => c.id);
      expect(seen).toEqual(newestFirst(made.map((c) => c.id)));
      expect(seen).not.toContain(newer.id);
      expect(new Set(seen).size).toBe(seen.length);
      // A fresh listing starts with it.
      expect((await listCampaigns(db, account.id, { limit: 1 })).data[0]?.id).toBe(newer.id);
    });

    it('an empty cursor means the first page; a cursor past the end gives an empty last page', async () => {
      const account = await makeAccount();
      const c = await makeCampaign(account.id);
      expect((await listCampaigns(db, account.id, { limit: 5, cursor: '' })).data.map((x) => x.id)).toEqual([
        c.id,
      ]);
      const beyond = await listCampaigns(db, account.id, { limit: 5, cursor: encodeCursor('cmp_0') });
      expect(beyond).toEqual({ data: [], nextCursor: null });
    });
  });

  // -------------------------------------------------------------------------------- ad groups

  describe('ad groups', () => {
    it('round-trips every field (JSON placements and targeting, dayparting, nulls) and is scoped', async () => {
      const account = await makeAccount();
      const campaign = await makeCampaign(account.id);
      const full = await makeAdGroup(account.id, campaign.id);
      const sparse = await makeAdGroup(account.id, campaign.id, {
        scheduleType: 'SCHEDULE_FROM_NOW',
        scheduleEndAt: null,
        dayparting: null,
        frequency: null,
        frequencySchedule: null,
        targeting: { ...TARGETING, countries: [], regions: [], gender: 'GENDER_UNLIMITED' },
        placements: ['IN_FEED'],
      });
      expect(await getAdGroup(db, account.id, full.id)).toEqual(full);
      expect(await getAdGroup(db, account.id, sparse.id)).toEqual(sparse);
      expect(await getAdGroup(db, (await makeAccount()).id, full.id)).toBeUndefined();
      expect((await getAdGroupsByIds(db, [full.id, sparse.id, full.id])).size).toBe(2);
    });

    it('updates only the given fields, including setting nullable ones to null and replacing JSON', async () => {
      const account = await makeAccount();
      const campaign = await makeCampaign(account.id);
      const g = await makeAdGroup(account.id, campaign.id);
      const targeting: Targeting = { ...TARGETING, countries: ['DE'], excludedAudienceIds: [] };
      await updateAdGroup(
        db,
        g.id,
        { scheduleEndAt: null, dayparting: null, frequency: null, frequencySchedule: null, targeting },
        NOW + DAY,
      );
      expect(await getAdGroup(db, account.id, g.id)).toEqual({
        ...g,
        scheduleEndAt: null,
        dayparting: null,
        frequency: null,
        frequencySchedule: null,
        targeting,
        updatedAt: NOW + DAY,
      });
      await updateAdGroup(db, g.id, { budgetMicros: 55_000_001, placements: ['TOPVIEW'] }, NOW + 2 * DAY);
      expect(await getAdGroup(db, account.id, g.id)).toMatchObject({
        budgetMicros: 55_000_001,
        placements: ['TOPVIEW'],
        targeting,
        name: g.name,
      });
    });

    it('filters by campaign and status, pages cleanly, and lists live groups of campaigns', async () => {
      const account = await makeAccount();
      const c1 = await makeCampaign(account.id);
      const c2 = await makeCampaign(account.id);
      const made = shuffled(
        Array.from({ length: 10 }, (_, i) =>
          adGroupOf(account.id, i % 2 ? c1.id : c2.id, {
            operationStatus: i % 3 ? 'ENABLE' : 'DISABLE',
            deletedAt: i === 4 || i === 7 ? NOW : null,
          }),
        ),
        random,
      );
      for (const g of made) await insertAdGroup(db, g);
      const ids = (pred: (g: AdGroup) => boolean) => newestFirst(made.filter(pred).map((g) => g.id));
      const live = (g: AdGroup) => g.deletedAt === null;
      const list = (opts: { status?: 'ENABLE' | 'DISABLE' | 'DELETE'; campaignId?: string }, limit: number) =>
        collectPages((cursor) => listAdGroups(db, account.id, { limit, cursor, ...opts }), limit);

      expect((await list({}, 3)).map((g) => g.id)).toEqual(ids(live));
      expect((await list({ campaignId: c1.id }, 2)).map((g) => g.id)).toEqual(
        ids((g) => live(g) && g.campaignId === c1.id),
      );
      expect((await list({ campaignId: c2.id, status: 'DISABLE' }, 1)).map((g) => g.id)).toEqual(
        ids((g) => live(g) && g.campaignId === c2.id && g.operationStatus === 'DISABLE'),
      );
      expect((await list({ status: 'DELETE' }, 5)).map((g) => g.id)).toEqual(ids((g) => !live(g)));
      const ofCampaigns = await adGroupsOfCampaigns(db, [c1.id, c1.id]);
      expect(ofCampaigns.map((g) => g.id).sort()).toEqual(
        ids((g) => live(g) && g.campaignId === c1.id).sort(),
      );
      expect(await adGroupsOfCampaigns(db, [])).toEqual([]);
      await expectInvalidCursor((cursor) => listAdGroups(db, account.id, { limit: 2, cursor }));
    });
  });

  // -------------------------------------------------------------------------------- ads

  describe('ads', () => {
    it('round-trips every field, nulls included, and is scoped to its account', async () => {
      const s = await adSetting();
      const full = await makeAd(s);
      const pending = await makeAd(s, {
        callToAction: null,
        reviewStatus: 'PENDING',
        reviewReason: null,
        reviewedAt: null,
        reviewedBy: null,
        spendMicros: 0,
      });
      expect(await getAd(db, s.account.id, full.id)).toEqual(full);
      expect(await getAd(db, s.account.id, pending.id)).toEqual(pending);
      expect(await getAdById(db, pending.id)).toEqual(pending);
      expect(await getAd(db, (await makeAccount()).id, full.id)).toBeUndefined();
    });

    it('refuses an ad whose ad group does not exist (foreign key)', async () => {
      const s = await adSetting();
      await expectRejects(() => insertAd(db, adOf(s, { adGroupId: 'adg_missing' })));
    });

    it('updates only the given fields', async () => {
      const s = await adSetting();
      const ad = await makeAd(s);
      await updateAd(
        db,
        ad.id,
        { callToAction: null, reviewStatus: 'REJECTED', reviewReason: 'no' },
        NOW + 9,
      );
      expect(await getAd(db, s.account.id, ad.id)).toEqual({
        ...ad,
        callToAction: null,
        reviewStatus: 'REJECTED',
        reviewReason: 'no',
        updatedAt: NOW + 9,
      });
    });

    it('lists with filters and pages, counts live ads, and finds them by group, post and review status', async () => {
      const s = await adSetting();
      const group2 = await makeAdGroup(s.account.id, s.campaign.id);
      const made = shuffled(
        Array.from({ length: 9 }, (_, i) =>
          adOf(s, {
            adGroupId: i % 2 ? s.group.id : group2.id,
            operationStatus: i % 4 ? 'ENABLE' : 'DISABLE',
            reviewStatus: i % 3 ? 'APPROVED' : 'PENDING',
            deletedAt: i === 5 ? NOW : null,
          }),
        ),
        random,
      );
      for (const ad of made) await insertAd(db, ad);
      const ids = (pred: (a: Ad) => boolean) => newestFirst(made.filter(pred).map((a) => a.id));
      const live = (a: Ad) => a.deletedAt === null;
      const list = (opts: Omit<Parameters<typeof listAds>[2], 'limit' | 'cursor'>, limit: number) =>
        collectPages((cursor) => listAds(db, s.account.id, { limit, cursor, ...opts }), limit);

      expect((await list({}, 4)).map((a) => a.id)).toEqual(ids(live));
      expect((await list({ adGroupId: group2.id }, 2)).map((a) => a.id)).toEqual(
        ids((a) => live(a) && a.adGroupId === group2.id),
      );
      expect((await list({ campaignId: s.campaign.id, status: 'DISABLE' }, 1)).map((a) => a.id)).toEqual(
        ids((a) => live(a) && a.operationStatus === 'DISABLE'),
      );
      expect((await list({ status: 'DELETE' }, 2)).map((a) => a.id)).toEqual(ids((a) => !live(a)));
      expect((await list({ campaignId: 'cmp_other' }, 2)).map((a) => a.id)).toEqual([]);

      expect(await countLiveAds(db, s.account.id)).toBe(made.filter(live).length);
      expect(await countLiveAds(db, (await makeAccount()).id)).toBe(0);
      expect((await adsOfAdGroups(db, [group2.id])).map((a) => a.id).sort()).toEqual(
        ids((a) => live(a) && a.adGroupId === group2.id).sort(),
      );
      expect((await adsOfPost(db, s.postId)).map((a) => a.id).sort()).toEqual(ids(live).sort());

      const pendingHere = (
        await collectPages((cursor) => listAdsInReview(db, { limit: 2, cursor, reviewStatus: 'PENDING' }), 2)
      ).filter((a) => a.adAccountId === s.account.id);
      expect(pendingHere.map((a) => a.id)).toEqual(ids((a) => live(a) && a.reviewStatus === 'PENDING'));
      await expectInvalidCursor((cursor) => listAds(db, s.account.id, { limit: 2, cursor }));
      await expectInvalidCursor((cursor) =>
        listAdsInReview(db, { limit: 2, cursor, reviewStatus: 'PENDING' }),
      );
    });
  });

  // -------------------------------------------------------------------------------- audit

  describe('audit log', () => {
    it('round-trips entries (JSON changes or null) and lists them per account or creator, per entity', async () => {
      const account = await makeAccount();
      const creatorId = await makeCreator();
      const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
        id: id('audit'),
        occurredAt: NOW,
        adAccountId: account.id,
        creatorId: null,
        actor: { kind: 'advertiser', id: 'mbr_1' },
        action: 'campaign.update',
        entityType: 'campaign',
        entityId: 'cmp_a',
        changes: null,
        ...overrides,
      });
      const withChanges = entry({
        changes: {
          budget_micros: [1_000_000, 2_000_000],
          name: ['old "name"', 'new \\ name ✓'],
          targeting: [{ countries: ['FR'] }, null],
        },
      });
      const made = [
        withChanges,
        entry({ entityId: 'cmp_b' }),
        entry({ actor: { kind: 'system', id: null }, entityId: 'cmp_a', occurredAt: NOW + 1 }),
        entry({ adAccountId: null, creatorId, actor: { kind: 'creator', id: creatorId }, entityId: 'aut_1' }),
        entry({ adAccountId: account.id, creatorId, action: 'authorization.redeem', entityId: 'aut_1' }),
      ];
      for (const e of shuffled(made, random)) await insertAudit(db, e);

      const ofAccount = await collectPages(
        (cursor) => listAudit(db, { adAccountId: account.id }, { limit: 2, cursor }),
        2,
      );
      const expectedAccount = made.filter((e) => e.adAccountId === account.id);
      expect(ofAccount).toEqual([...expectedAccount].sort((a, b) => (a.id < b.id ? 1 : -1)));
      const ofCreator = await listAudit(db, { creatorId }, { limit: 10 });
      expect(ofCreator.data.map((e) => e.id)).toEqual(
        newestFirst(made.filter((e) => e.creatorId).map((e) => e.id)),
      );
      const ofEntity = await listAudit(db, { adAccountId: account.id }, { limit: 10, entityId: 'cmp_a' });
      expect(ofEntity.data.map((e) => e.id)).toEqual(
        newestFirst(made.filter((e) => e.entityId === 'cmp_a' && e.adAccountId).map((e) => e.id)),
      );
      expect((await listAudit(db, { adAccountId: 'acc_other' }, { limit: 10 })).data).toEqual([]);
      await expectInvalidCursor((cursor) => listAudit(db, { creatorId }, { limit: 2, cursor }));
    });
  });

  // -------------------------------------------------------------------------------- notifications

  describe('notifications', () => {
    const notificationOf = (overrides: Partial<Notification>): Notification => ({
      id: id('notification'),
      adAccountId: null,
      creatorId: null,
      type: 'AUTHORIZATION_REVOKED',
      authorizationId: 'aut_1',
      dedupeKey: unique('dedupe'),
      title: 'Revoked',
      body: 'Ads stopped — «ask again»',
      data: { auth_end_time: '2026-12-25T21:00:00Z', nested: { n: 1, list: [1, 'two', null] } },
      createdAt: NOW,
      readAt: null,
      ...overrides,
    });

    it('inserts once per dedupe key; the first one stays as written', async () => {
      const account = await makeAccount();
      const first = notificationOf({ adAccountId: account.id, dedupeKey: 'aut_1:REVOKED:account' });
      expect(await insertNotification(db, first)).toBe(true);
      const again = notificationOf({
        adAccountId: account.id,
        dedupeKey: 'aut_1:REVOKED:account',
        title: 'Dup',
      });
      expect(await insertNotification(db, again)).toBe(false);
      const listed = await listNotifications(db, { adAccountId: account.id }, { limit: 10 });
      expect(listed.data).toEqual([first]);
    });

    it('inserts once per dedupe key under concurrent writers', async () => {
      const account = await makeAccount();
      const key = unique('race');
      const results = await Promise.all(
        [1, 2, 3, 4].map(() =>
          insertNotification(db, notificationOf({ adAccountId: account.id, dedupeKey: key })),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const rows = await db.selectFrom('notifications').select('id').where('dedupe_key', '=', key).execute();
      expect(rows).toHaveLength(1);
    });

    it('lists per recipient with an unread filter; marking read is scoped to the recipient', async () => {
      const account = await makeAccount();
      const other = await makeAccount();
      const creatorId = await makeCreator();
      const made = shuffled(
        Array.from({ length: 7 }, (_, i) =>
          notificationOf({ adAccountId: account.id, readAt: i % 3 === 0 ? NOW + i : null }),
        ),
        random,
      );
      for (const x of made) await insertNotification(db, x);
      const forCreator = notificationOf({ creatorId });
      await insertNotification(db, forCreator);
      await insertNotification(db, notificationOf({ adAccountId: other.id }));

      const all = await collectPages(
        (cursor) => listNotifications(db, { adAccountId: account.id }, { limit: 3, cursor }),
        3,
      );
      expect(all).toEqual([...made].sort((a, b) => (a.id < b.id ? 1 : -1)));
      const unread = await collectPages(
        (cursor) =>
          listNotifications(db, { adAccountId: account.id }, { limit: 2, cursor, unreadOnly: true }),
        2,
      );
      expect(unread.map((x) => x.id)).toEqual(
        newestFirst(made.filter((x) => x.readAt === null).map((x) => x.id)),
      );
      expect((await listNotifications(db, { creatorId }, { limit: 5 })).data).toEqual([forCreator]);

      const target = made.find((x) => x.readAt === null) as Notification;
      expect(await markNotificationRead(db, { adAccountId: other.id }, target.id, NOW + 50)).toBe(false);
      expect(await markNotificationRead(db, { creatorId }, target.id, NOW + 50)).toBe(false);
      expect(await markNotificationRead(db, { adAccountId: account.id }, target.id, NOW + 60)).toBe(true);
      const after = await listNotifications(db, { adAccountId: account.id }, { limit: 50 });
      expect(after.data.find((x) => x.id === target.id)?.readAt).toBe(NOW + 60);
      expect(await markNotificationRead(db, { creatorId }, forCreator.id, NOW + 70)).toBe(true);
      await expectInvalidCursor((cursor) => listNotifications(db, { creatorId }, { limit: 2, cursor }));
    });
  });

  // -------------------------------------------------------------------------------- idempotency

  describe('idempotency keys', () => {
    const record = { method: 'POST', path: '/v1/x', bodyHash: 'abc', createdAt: NOW };

    it('claim, complete, replay, release', async () => {
      const key = unique('key');
      expect(await claimIdempotencyKey(db, 'advertiser:acc:mbr', key, record)).toBeNull();
      // While the first request runs, a retry sees the claim without a response.
      expect(
        await claimIdempotencyKey(db, 'advertiser:acc:mbr', key, { ...record, bodyHash: 'zzz' }),
      ).toEqual({
        ...record,
        statusCode: null,
        response: null,
      });
      await completeIdempotencyKey(db, 'advertiser:acc:mbr', key, 201, '{"id":"cmp_1","name":"é"}');
      expect(await claimIdempotencyKey(db, 'advertiser:acc:mbr', key, record)).toEqual({
        ...record,
        statusCode: 201,
        response: '{"id":"cmp_1","name":"é"}',
      });
      // The same key of another principal is another key.
      expect(await claimIdempotencyKey(db, 'advertiser:acc:other', key, record)).toBeNull();
      // Releasing lets a retry run again.
      await releaseIdempotencyKey(db, 'advertiser:acc:mbr', key);
      expect(await claimIdempotencyKey(db, 'advertiser:acc:mbr', key, record)).toBeNull();
    });

    it('only one of several concurrent claims wins', async () => {
      const key = unique('key');
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => claimIdempotencyKey(db, 'p', key, record)));
      expect(results.filter((r) => r === null)).toHaveLength(1);
    });

    it('purges keys older than a time, keeping newer ones', async () => {
      const oldKey = unique('old');
      const newKey = unique('new');
      await claimIdempotencyKey(db, 'purge', oldKey, { ...record, createdAt: NOW - DAY });
      await claimIdempotencyKey(db, 'purge', newKey, { ...record, createdAt: NOW });
      await purgeIdempotencyKeys(db, NOW);
      expect(await claimIdempotencyKey(db, 'purge', oldKey, record)).toBeNull();
      expect(await claimIdempotencyKey(db, 'purge', newKey, record)).not.toBeNull();
    });
  });

  // -------------------------------------------------------------------------------- redemptions, spend

  describe('redemption attempts and daily spend', () => {
    it('counts an account’s failed redemptions since a time, oldest first', async () => {
      const account = await makeAccount();
      const attempt = (at: number, outcome: string, adAccountId = account.id) =>
        recordRedemptionAttempt(db, { id: id('event'), adAccountId, at, outcome });
      await attempt(NOW + 30, 'AUTH_CODE_MALFORMED');
      await attempt(NOW + 10, 'AUTH_CODE_NOT_FOUND');
      await attempt(NOW + 20, 'REDEEMED');
      await attempt(NOW - 1, 'AUTH_CODE_EXPIRED');
      await attempt(NOW + 15, 'AUTH_CODE_MALFORMED', 'acc_other');
      expect(await failedRedemptionsSince(db, account.id, NOW)).toEqual([NOW + 10, NOW + 30]);
      expect(await failedRedemptionsSince(db, account.id, NOW + 10)).toEqual([NOW + 10, NOW + 30]);
      expect(await failedRedemptionsSince(db, account.id, NOW - 1)).toEqual([NOW - 1, NOW + 10, NOW + 30]);
    });

    it('reads spend per entity on one local date', async () => {
      await db
        .insertInto('daily_spend')
        .values([
          { entity_id: 'cmp_s1', local_date: '2026-11-25', spend_micros: 12_345_678 },
          { entity_id: 'cmp_s1', local_date: '2026-11-26', spend_micros: 1 },
          { entity_id: 'adg_s1', local_date: '2026-11-25', spend_micros: MAX },
        ])
        .execute();
      const spend = await spendOnDate(db, ['cmp_s1', 'adg_s1', 'ad_none', 'cmp_s1'], '2026-11-25');
      expect(spend).toEqual(
        new Map([
          ['cmp_s1', 12_345_678],
          ['adg_s1', MAX],
        ]),
      );
      expect((await spendOnDate(db, [], '2026-11-25')).size).toBe(0);
    });
  });

  // -------------------------------------------------------------------------------- change log

  describe('change log', () => {
    it('keeps changes in commit order and pages after a sequence number', async () => {
      const before = await latestChangeSeq(db);
      const entities = ['a', 'b', 'c', 'd', 'e'].map((x) => `cmp_${x}`);
      for (const [i, entityId] of entities.entries()) await appendChange(db, 'campaign', entityId, NOW + i);
      const changes = await changesAfter(db, before, 100);
      expect(changes.map((c) => [c.entityType, c.entityId, c.changedAt])).toEqual(
        entities.map((e, i) => ['campaign', e, NOW + i]),
      );
      const seqs = changes.map((c) => c.seq);
      for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1] as number);
      expect(typeof seqs[0]).toBe('number');
      expect(await latestChangeSeq(db)).toBe(seqs.at(-1));
      const firstTwo = await changesAfter(db, before, 2);
      expect(firstTwo.map((c) => c.entityId)).toEqual(entities.slice(0, 2));
      const next = await changesAfter(db, firstTwo.at(-1)?.seq as number, 2);
      expect(next.map((c) => c.entityId)).toEqual(entities.slice(2, 4));
      expect(await changesAfter(db, seqs.at(-1) as number, 10)).toEqual([]);
    });

    it('a change written in a rolled-back transaction never appears', async () => {
      const before = await latestChangeSeq(db);
      await expectRejects(() =>
        db.transaction().execute(async (trx) => {
          await appendChange(trx, 'ad', 'ad_rolled_back', NOW);
          throw new Error('roll back');
        }),
      );
      await appendChange(db, 'ad', 'ad_kept', NOW);
      const changes = await changesAfter(db, before, 10);
      expect(changes.map((c) => c.entityId)).toEqual(['ad_kept']);
    });
  });

  // -------------------------------------------------------------------------------- big integers

  describe('BIGINT columns', () => {
    it('return JS numbers, exact up to Number.MAX_SAFE_INTEGER', async () => {
      const account = await makeAccount({ createdAt: 8_640_000_000_000_000, updatedAt: MAX });
      const read = await getAdAccount(db, account.id);
      expect(read?.createdAt).toBe(8_640_000_000_000_000);
      expect(read?.updatedAt).toBe(MAX);

      const c = await makeCampaign(account.id, {
        budgetMicros: MAX,
        spendMicros: MAX - 1,
        deletedAt: MAX - 2,
      });
      const campaign = await getCampaign(db, account.id, c.id);
      expect(campaign).toEqual(c);
      for (const value of [campaign?.budgetMicros, campaign?.spendMicros, campaign?.deletedAt]) {
        expect(typeof value).toBe('number');
      }

      const creatorId = await makeCreator({ followerCount: MAX });
      await addPaidFollows(db, creatorId, MAX - 1);
      const creator = await getCreator(db, creatorId);
      expect(creator?.followerCount).toBe(MAX);
      expect(creator?.paidFollows).toBe(MAX - 1);

      const postId = await makePost(creatorId, {
        durationMs: 2 ** 53 - 2,
        organic: { views: MAX, likes: 2 ** 52 + 1, comments: 2 ** 40, shares: 0, follows: 1 },
      });
      const post = await getPost(db, postId);
      expect(post?.organic).toEqual({
        views: MAX,
        likes: 2 ** 52 + 1,
        comments: 2 ** 40,
        shares: 0,
        follows: 1,
      });
      expect(post?.durationMs).toBe(2 ** 53 - 2);

      const g = await makeAdGroup(account.id, c.id, {
        budgetMicros: MAX,
        bidMicros: MAX - 3,
        scheduleEndAt: MAX,
      });
      expect(await getAdGroup(db, account.id, g.id)).toEqual(g);
    });
  });
});

// ---------------------------------------------------------------------------------------------

describeEachDialect('settings and the interest taxonomy', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await openTestDatabase(dialect);
  });
  afterAll(async () => tdb?.close());

  it('a fresh database has the default settings; a put replaces only the keys it names', async () => {
    const db = tdb.store.db;
    expect(await getSettings(db)).toEqual(DEFAULT_SETTINGS);
    await putSettings(
      db,
      {
        min_campaign_budget: '75.50',
        currency_minimums: { JPY: { campaign: '5000', ad_group_daily: '2000' } },
        blocked_domains: ['evil.example', 'ünï.example'],
        ad_load: { ...DEFAULT_SETTINGS.ad_load, first_ad_slot: 5 },
      },
      NOW,
    );
    await putSettings(db, { min_campaign_budget: '80', auto_approve_ads: false }, NOW + 1);
    expect(await getSettings(db)).toEqual({
      ...DEFAULT_SETTINGS,
      min_campaign_budget: '80',
      auto_approve_ads: false,
      currency_minimums: { JPY: { campaign: '5000', ad_group_daily: '2000' } },
      blocked_domains: ['evil.example', 'ünï.example'],
      ad_load: { ...DEFAULT_SETTINGS.ad_load, first_ad_slot: 5 },
    });
    const rows = await db.selectFrom('platform_settings').selectAll().orderBy('key').execute();
    expect(rows.map((r) => r.key)).toEqual([
      'ad_load',
      'auto_approve_ads',
      'blocked_domains',
      'currency_minimums',
      'min_campaign_budget',
    ]);
    expect(rows.find((r) => r.key === 'min_campaign_budget')?.updated_at).toBe(NOW + 1);
  });

  it('lists the interest taxonomy by id, with parents', async () => {
    const db = tdb.store.db;
    const interests = await listInterests(db);
    expect(interests.map((i) => i.id)).toEqual([...interests.map((i) => i.id)].sort());
    expect(interests.find((i) => i.id === 'fitness.running')).toEqual({
      id: 'fitness.running',
      name: 'Running',
      parentId: 'fitness',
    });
    expect(interests.find((i) => i.id === 'fitness')?.parentId).toBeNull();
    const ids = await listInterestIds(db);
    expect(ids.has('fitness.running')).toBe(true);
    expect(ids.size).toBe(interests.length);
  });
});
