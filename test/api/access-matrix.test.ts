import { afterAll, beforeAll, expect, it } from 'vitest';
import { TrackingTokenSigner } from '../../src/domain/tracking-token.js';
import { type ApiResponse, TRACKING_SECRET } from '../support/app.js';
import { describeEachDialect } from '../support/dialects.js';
import {
  adBody,
  adGroupBody,
  CALLERS,
  type Caller,
  campaignBody,
  createMatrixFixture,
  creatorBody,
  type Fixture,
  must,
  postBody,
  type Tenant,
} from '../support/matrix-fixture.js';
import { allRoutes, routeName } from '../support/matrix-routes.js';

/**
 * The tenant-isolation and role matrix: every HTTP route × every kind of caller.
 *
 * Each entry says how to build a valid request on one tenant's resources (written for tenant A; the
 * matrix runs it on A's resources and, mirrored, on B's) and what each caller gets:
 *
 * | caller                 | platform | creator (self) | creator (own resource) | advertiser-read | advertiser-write | any |
 * |------------------------|----------|----------------|------------------------|-----------------|------------------|-----|
 * | no / garbage / revoked | 401      | 401            | 401                    | 401             | 401              | 401 |
 * | platform               | 2xx      | 403            | 403                    | 403             | 403              | 2xx |
 * | creator A              | 403      | 2xx            | 2xx                    | 403             | 403              | 2xx |
 * | creator B              | 403      | 2xx (own data) | 404                    | 403             | 403              | 2xx |
 * | admin A                | 403      | 403            | 403                    | 2xx             | 2xx              | 2xx |
 * | analyst A              | 403      | 403            | 403                    | 2xx             | 403              | 2xx |
 * | admin B / analyst B    | 403      | 403            | 403                    | 404             | 404              | 2xx |
 *
 * The delivery routes: the feed decisions, ad events and organic post events are the host's
 * (platform); conversions are reported by an ADMIN of the ad account whose click it is (an ADMIN of
 * another account is answered as if the click did not exist).
 *
 * Denied callers all send the same request on the tenant's real resources (a "probe", whose body
 * would change something if it got through; the entry then checks that nothing changed). Allowed
 * callers run last, each on throwaway resources where the request changes something. Every 2xx
 * answer to a tenant's caller is searched for the other tenant's ids and names; every refusal must
 * be problem+json. A route added without an entry fails the first test.
 */

type Expect = '2xx' | 401 | 403 | 404;
type Expectations = Record<Caller, Expect>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Purpose = 'probe' | 'success';

interface Req {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Set from the entry: the answer is public data, not checked for the other tenant's names. */
  publicData?: boolean;
  /** Shown in failure messages (e.g. which invalid body was sent). */
  note?: string;
  /** Run after the denied callers sent the probe: asserts that the probe changed nothing. */
  unchanged?: () => Promise<void>;
  /** Run on each allowed caller's 2xx answer: what is wrong with it (nothing when it is right). */
  verify?: (caller: Caller, res: ApiResponse) => string[] | Promise<string[]>;
}

interface Entry {
  expect: Expectations;
  /** Public data (a published media kit): the owner's names in the answer are not a leak. */
  publicData?: boolean;
  /** A valid request on `owner`'s resources; for 'success' it may create throwaway resources. */
  build(fx: Fixture, owner: Tenant, purpose: Purpose): Req | Promise<Req>;
}

const ANONYMOUS: readonly Caller[] = ['none', 'garbage', 'revoked'];

/** Callers not listed get 401 (no valid token) or 403 (a token of the wrong kind). */
function expectations(allowed: Partial<Record<Caller, Expect>>): Expectations {
  return Object.fromEntries(
    CALLERS.map((c) => [c, allowed[c] ?? (ANONYMOUS.includes(c) ? 401 : 403)]),
  ) as Expectations;
}

const ANY_TOKEN = expectations({
  platform: '2xx',
  creatorA: '2xx',
  creatorB: '2xx',
  adminA: '2xx',
  analystA: '2xx',
  adminB: '2xx',
  analystB: '2xx',
});
const PLATFORM = expectations({ platform: '2xx' });
/** Creator routes on the caller's own data (no id in the path): each creator sees only its own. */
const CREATOR_SELF = expectations({ creatorA: '2xx', creatorB: '2xx' });
/** Creator routes on one of A's posts, authorizations or notifications. */
const CREATOR_OWN = expectations({ creatorA: '2xx', creatorB: 404 });
const ACCOUNT_READ = expectations({ adminA: '2xx', analystA: '2xx', adminB: 404, analystB: 404 });
/** Public pages: every caller, even without a token or with a bad one. */
const PUBLIC = Object.fromEntries(CALLERS.map((c) => [c, '2xx'])) as Expectations;
const ACCOUNT_WRITE = expectations({ adminA: '2xx', analystA: 403, adminB: 404, analystB: 404 });

// ------------------------------------------------------------------------------ helpers

const P = 'platform' as const;
const acc = (o: Tenant) => `/v1/ad-accounts/${o.accountId}`;

/** GET that must answer 200, as the platform, the owner's admin or the owner's creator. */
async function read(fx: Fixture, who: 'platform' | 'admin' | 'creator', owner: Tenant, url: string) {
  const token = who === 'platform' ? fx.tokenOf(P) : who === 'admin' ? owner.adminToken : owner.creatorToken;
  return must(await fx.t.call(token, 'GET', url), 200).json;
}

async function authorizationOf(fx: Fixture, owner: Tenant, id: string) {
  return read(fx, 'creator', owner, `/v1/creator/authorizations/${id}`);
}

/** An unredeemed code of the owner's creator; the probe's check: still unbound afterwards. */
async function redeemProbe(fx: Fixture, owner: Tenant) {
  const auth = await fx.fresh.authorization(owner);
  return {
    code: auth.code,
    unchanged: async () => {
      const now = await authorizationOf(fx, owner, auth.id);
      expect(now.status).toBe('AUTHORIZED');
      expect(now.ad_account).toBeNull();
    },
  };
}

// ------------------------------------------------------------------------------ delivery helpers

const signer = new TrackingTokenSigner(TRACKING_SECRET);
let decisions = 0;

/** A tracking token for one of the owner's ads, as the engine signs one per ad it serves. */
function trackingToken(fx: Fixture, o: Tenant, viewerId: string) {
  const decisionId = `dec_mx${String(++decisions).padStart(6, '0')}`;
  const token = signer.sign({
    v: 1,
    d: decisionId,
    ad: o.adId,
    adg: o.adGroupId,
    cmp: o.campaignId,
    acc: o.accountId,
    post: o.postId,
    crt: o.creatorId,
    vw: viewerId,
    pl: 'IN_FEED',
    be: 'CPV',
    pr: 1_000,
    iat: fx.t.clock.now(),
    cc: 'FR',
  });
  return { decisionId, token };
}

const adEvent = (token: string, type: string, id: string) => ({
  events: [{ client_event_id: id, tracking_token: token, type }],
});

/** Rows stored for a column value (events of a decision, of a client event id…). */
async function eventsWhere(fx: Fixture, column: 'decision_id' | 'client_event_id', value: string) {
  return fx.t.db.store.db.selectFrom('events').select(['id', 'kind']).where(column, '=', value).execute();
}

/** A valid click on the owner's ad (impression first), reported by the host: its decision id is the click id. */
async function clickOf(fx: Fixture, o: Tenant): Promise<string> {
  const viewer = fx.fresh.name('viewer');
  const { decisionId, token } = trackingToken(fx, o, viewer);
  for (const type of ['impression', 'click']) {
    const res = must(
      await fx.t.call(fx.tokenOf(P), 'POST', '/v1/events', adEvent(token, type, fx.fresh.name(type))),
      200,
    );
    expect(res.json.summary.accepted, `${type} of the click fixture`).toBe(1);
  }
  return decisionId;
}

/** Per tenant, an ad group that delivers now (the fixture's start tomorrow), so decisions serve. */
const liveGroups = new WeakMap<Tenant, Promise<void>>();
function ensureLiveAd(fx: Fixture, o: Tenant): Promise<void> {
  let live = liveGroups.get(o);
  if (!live) {
    live = (async () => {
      const group = must(
        await fx.t.call(o.adminToken, 'POST', `${acc(o)}/ad-groups`, {
          ...adGroupBody(o.campaignId, fx.fresh.name(`adgroup-${o.word}`)),
          schedule_type: 'SCHEDULE_FROM_NOW',
          schedule_start_time: undefined,
          schedule_end_time: undefined,
          pacing: 'PACING_MODE_FAST',
        }),
        201,
      ).json;
      o.secrets.add(group.id);
      const ad = must(
        await fx.t.call(
          o.adminToken,
          'POST',
          `${acc(o)}/ads`,
          adBody(group.id, o.postId, fx.fresh.name(`ad-${o.word}`)),
        ),
        201,
      ).json;
      o.secrets.add(ad.id);
      await fx.t.system.delivery.settled();
    })();
    liveGroups.set(o, live);
  }
  return live;
}

/** The first outcome of a batch answer is `status` (and, when given, `code`). */
function firstOutcome(res: ApiResponse, status: string, extra: Record<string, unknown> = {}): string[] {
  const first = res.json?.data?.[0];
  const want = { status, ...extra };
  const got = Object.fromEntries(Object.keys(want).map((k) => [k, first?.[k]]));
  return JSON.stringify(got) === JSON.stringify(want)
    ? []
    : [`expected the first outcome ${JSON.stringify(want)}, got ${JSON.stringify(first)}`];
}

// ------------------------------------------------------------------------------ the matrix

const MATRIX: Record<string, Entry> = {
  // ---------------------------------------------------------------- meta
  'GET /v1/me': { expect: ANY_TOKEN, build: () => ({ url: '/v1/me' }) },
  'GET /v1/targeting/interests': { expect: ANY_TOKEN, build: () => ({ url: '/v1/targeting/interests' }) },
  // Prometheus metrics: the operator's (platform) only.
  'GET /metrics': { expect: PLATFORM, build: () => ({ url: '/metrics' }) },

  // ---------------------------------------------------------------- platform: sync
  'PUT /v1/platform/creators/:creator_id': {
    expect: PLATFORM,
    build: (fx, o, purpose) => {
      if (purpose === 'success') {
        const id = fx.fresh.name('creator');
        return { url: `/v1/platform/creators/${id}`, body: creatorBody(id.replaceAll('-', '_'), 'Fresh') };
      }
      return {
        url: `/v1/platform/creators/${o.creatorId}`,
        body: creatorBody(o.handle, 'HACKED'),
        unchanged: async () =>
          expect((await read(fx, P, o, `/v1/platform/creators/${o.creatorId}`)).display_name).toBe(
            `Creator ${o.word}`,
          ),
      };
    },
  },
  'POST /v1/platform/creators/bulk': {
    expect: PLATFORM,
    build: (fx, o, purpose) => {
      if (purpose === 'success') {
        const id = fx.fresh.name('creator');
        return {
          url: '/v1/platform/creators/bulk',
          body: { items: [{ id, ...creatorBody(id.replaceAll('-', '_'), 'Fresh') }] },
        };
      }
      return {
        url: '/v1/platform/creators/bulk',
        body: { items: [{ id: o.creatorId, ...creatorBody(o.handle, 'HACKED') }] },
        unchanged: async () =>
          expect((await read(fx, P, o, `/v1/platform/creators/${o.creatorId}`)).display_name).toBe(
            `Creator ${o.word}`,
          ),
      };
    },
  },
  'GET /v1/platform/creators': { expect: PLATFORM, build: () => ({ url: '/v1/platform/creators' }) },
  'GET /v1/platform/creators/:creator_id': {
    expect: PLATFORM,
    build: (_fx, o) => ({ url: `/v1/platform/creators/${o.creatorId}` }),
  },
  'POST /v1/platform/creators/:creator_id/tokens': {
    expect: PLATFORM,
    build: (_fx, o) => ({ url: `/v1/platform/creators/${o.creatorId}/tokens`, body: { label: 'matrix' } }),
  },
  'PUT /v1/platform/posts/:post_id': {
    expect: PLATFORM,
    build: (fx, o, purpose) => {
      if (purpose === 'success') {
        const id = fx.fresh.name(`post-${o.word}`);
        o.secrets.add(id);
        return { url: `/v1/platform/posts/${id}`, body: postBody(o.creatorId, `Fresh post of ${o.word}`) };
      }
      // Getting through would make the post private and stop the tenant's ads.
      return {
        url: `/v1/platform/posts/${o.postId}`,
        body: postBody(o.creatorId, o.postCaption, 'PRIVATE'),
        unchanged: async () =>
          expect((await read(fx, P, o, `/v1/platform/posts/${o.postId}`)).visibility).toBe('PUBLIC'),
      };
    },
  },
  'POST /v1/platform/posts/bulk': {
    expect: PLATFORM,
    build: (fx, o, purpose) => {
      if (purpose === 'success') {
        const id = fx.fresh.name(`post-${o.word}`);
        o.secrets.add(id);
        return {
          url: '/v1/platform/posts/bulk',
          body: { items: [{ id, ...postBody(o.creatorId, `Fresh post of ${o.word}`) }] },
        };
      }
      return {
        url: '/v1/platform/posts/bulk',
        body: { items: [{ id: o.postId, ...postBody(o.creatorId, o.postCaption, 'PRIVATE') }] },
        unchanged: async () =>
          expect((await read(fx, P, o, `/v1/platform/posts/${o.postId}`)).visibility).toBe('PUBLIC'),
      };
    },
  },
  'GET /v1/platform/posts/:post_id': {
    expect: PLATFORM,
    build: (_fx, o) => ({ url: `/v1/platform/posts/${o.postId}` }),
  },

  // ---------------------------------------------------------------- platform: accounts and tokens
  'POST /v1/platform/ad-accounts': {
    expect: PLATFORM,
    build: (fx, _o, purpose) => {
      const name = purpose === 'success' ? fx.fresh.name('account') : 'Intruder account';
      return {
        url: '/v1/platform/ad-accounts',
        body: { name, currency: 'EUR', time_zone: 'Europe/Paris' },
        unchanged: async () => {
          const all = await read(fx, P, fx.A, '/v1/platform/ad-accounts?limit=500');
          expect(all.data.map((a: { name: string }) => a.name)).not.toContain('Intruder account');
        },
      };
    },
  },
  'GET /v1/platform/ad-accounts': { expect: PLATFORM, build: () => ({ url: '/v1/platform/ad-accounts' }) },
  'GET /v1/platform/ad-accounts/:ad_account_id': {
    expect: PLATFORM,
    build: (_fx, o) => ({ url: `/v1/platform/ad-accounts/${o.accountId}` }),
  },
  'POST /v1/platform/ad-accounts/:ad_account_id/members': {
    expect: PLATFORM,
    build: (fx, o, purpose) => ({
      url: `/v1/platform/ad-accounts/${o.accountId}/members`,
      body:
        purpose === 'success'
          ? { name: fx.fresh.name(`member-${o.word}`), role: 'ANALYST' }
          : { name: 'Intruder', role: 'ADMIN' },
      unchanged: async () => {
        const members = await read(fx, P, o, `/v1/platform/ad-accounts/${o.accountId}/members`);
        expect(members.data.map((m: { name: string }) => m.name)).not.toContain('Intruder');
      },
    }),
  },
  'GET /v1/platform/ad-accounts/:ad_account_id/members': {
    expect: PLATFORM,
    build: (_fx, o) => ({ url: `/v1/platform/ad-accounts/${o.accountId}/members` }),
  },
  'DELETE /v1/platform/ad-accounts/:ad_account_id/members/:member_id': {
    expect: PLATFORM,
    build: async (fx, o, purpose) => {
      if (purpose === 'success') {
        const { memberId } = await fx.fresh.member(o);
        return { url: `/v1/platform/ad-accounts/${o.accountId}/members/${memberId}` };
      }
      // Getting through would remove the tenant's admin and revoke their token.
      return {
        url: `/v1/platform/ad-accounts/${o.accountId}/members/${o.adminMemberId}`,
        unchanged: async () => expect((await read(fx, 'admin', o, '/v1/me')).member_id).toBe(o.adminMemberId),
      };
    },
  },
  'GET /v1/platform/tokens': { expect: PLATFORM, build: () => ({ url: '/v1/platform/tokens' }) },
  'POST /v1/platform/tokens': {
    expect: PLATFORM,
    build: (fx) => ({ url: '/v1/platform/tokens', body: { label: fx.fresh.name('token') } }),
  },
  'POST /v1/platform/tokens/:token_id/revoke': {
    expect: PLATFORM,
    build: async (fx, o, purpose) => {
      if (purpose === 'success')
        return { url: `/v1/platform/tokens/${await fx.fresh.platformTokenId()}/revoke` };
      return {
        url: `/v1/platform/tokens/${o.adminTokenId}/revoke`,
        unchanged: async () => expect((await read(fx, 'admin', o, '/v1/me')).token_id).toBe(o.adminTokenId),
      };
    },
  },

  // ---------------------------------------------------------------- platform: settings, review, jobs
  'GET /v1/platform/settings': { expect: PLATFORM, build: () => ({ url: '/v1/platform/settings' }) },
  'PATCH /v1/platform/settings': {
    expect: PLATFORM,
    build: (fx, _o, purpose) => ({
      url: '/v1/platform/settings',
      body: { auto_approve_ads: purpose === 'success' },
      unchanged: async () =>
        expect((await read(fx, P, fx.A, '/v1/platform/settings')).auto_approve_ads).toBe(true),
    }),
  },
  'GET /v1/platform/reviews': { expect: PLATFORM, build: () => ({ url: '/v1/platform/reviews' }) },
  'GET /v1/platform/reviews/:ad_id': {
    expect: PLATFORM,
    build: (_fx, o) => ({ url: `/v1/platform/reviews/${o.adId}` }),
  },
  'POST /v1/platform/reviews/:ad_id/approve': {
    expect: PLATFORM,
    build: async (fx, o, purpose) => {
      if (purpose === 'probe') return { url: `/v1/platform/reviews/${o.adId}/approve`, body: {} };
      const adId = await fx.fresh.ad(o);
      must(
        await fx.t.call(fx.tokenOf(P), 'POST', `/v1/platform/reviews/${adId}/reject`, { reason: 'first' }),
        200,
      );
      return { url: `/v1/platform/reviews/${adId}/approve`, body: {} };
    },
  },
  'POST /v1/platform/reviews/:ad_id/reject': {
    expect: PLATFORM,
    build: async (fx, o, purpose) => {
      if (purpose === 'success') {
        return { url: `/v1/platform/reviews/${await fx.fresh.ad(o)}/reject`, body: { reason: 'matrix' } };
      }
      return {
        url: `/v1/platform/reviews/${o.adId}/reject`,
        body: { reason: 'HACKED' },
        unchanged: async () =>
          expect((await read(fx, 'admin', o, `${acc(o)}/ads/${o.adId}`)).review_status).toBe('APPROVED'),
      };
    },
  },
  'POST /v1/platform/jobs/authorization-notifications': {
    expect: PLATFORM,
    build: () => ({ url: '/v1/platform/jobs/authorization-notifications' }),
  },

  // ---------------------------------------------------------------- creator
  'GET /v1/creator': { expect: CREATOR_SELF, build: () => ({ url: '/v1/creator' }) },
  'GET /v1/creator/posts': { expect: CREATOR_SELF, build: () => ({ url: '/v1/creator/posts' }) },
  'GET /v1/creator/posts/:post_id': {
    expect: CREATOR_OWN,
    build: (_fx, o) => ({ url: `/v1/creator/posts/${o.postId}` }),
  },
  'POST /v1/creator/posts/:post_id/authorizations': {
    expect: CREATOR_OWN,
    build: async (fx, o, purpose) => {
      const url = `/v1/creator/posts/${o.postId}/authorizations`;
      if (purpose === 'success') return { url, body: { duration_days: 7, note: 'matrix' } };
      const listUrl = `/v1/creator/authorizations?post_id=${o.postId}&limit=500`;
      const before = (await read(fx, 'creator', o, listUrl)).data.length;
      return {
        url,
        body: { duration_days: 365, note: 'HACKED' },
        unchanged: async () => expect((await read(fx, 'creator', o, listUrl)).data.length).toBe(before),
      };
    },
  },
  'GET /v1/creator/authorizations': {
    expect: CREATOR_SELF,
    build: () => ({ url: '/v1/creator/authorizations' }),
  },
  'GET /v1/creator/authorizations/:authorization_id': {
    expect: CREATOR_OWN,
    build: (_fx, o) => ({ url: `/v1/creator/authorizations/${o.authorizationId}` }),
  },
  'POST /v1/creator/authorizations/:authorization_id/extend': {
    expect: CREATOR_OWN,
    build: async (fx, o, purpose) => {
      if (purpose === 'success') {
        const { id } = await fx.fresh.authorization(o, 7);
        return { url: `/v1/creator/authorizations/${id}/extend`, body: { duration_days: 30 } };
      }
      return {
        url: `/v1/creator/authorizations/${o.authorizationId}/extend`,
        body: { duration_days: 365 },
        unchanged: async () =>
          expect((await authorizationOf(fx, o, o.authorizationId)).auth_end_time).toBe(o.authorizationEnd),
      };
    },
  },
  'POST /v1/creator/authorizations/:authorization_id/revoke': {
    expect: CREATOR_OWN,
    build: async (fx, o, purpose) => {
      if (purpose === 'success') {
        return { url: `/v1/creator/authorizations/${(await fx.fresh.authorization(o)).id}/revoke` };
      }
      return {
        url: `/v1/creator/authorizations/${o.authorizationId}/revoke`,
        unchanged: async () => expect((await authorizationOf(fx, o, o.authorizationId)).status).toBe('BOUND'),
      };
    },
  },
  'GET /v1/creator/notifications': {
    expect: CREATOR_SELF,
    build: () => ({ url: '/v1/creator/notifications' }),
  },
  'POST /v1/creator/notifications/:notification_id/read': {
    expect: CREATOR_OWN,
    build: (fx, o) => ({
      url: `/v1/creator/notifications/${o.creatorNotificationId}/read`,
      unchanged: async () => {
        const unread = await read(fx, 'creator', o, '/v1/creator/notifications?unread=true&limit=500');
        expect(unread.data.map((n: { id: string }) => n.id)).toContain(o.creatorNotificationId);
      },
    }),
  },
  'GET /v1/creator/audit-log': { expect: CREATOR_SELF, build: () => ({ url: '/v1/creator/audit-log' }) },

  // ---------------------------------------------------------------- advertiser: account and library
  'GET /v1/ad-accounts/:ad_account_id': { expect: ACCOUNT_READ, build: (_fx, o) => ({ url: acc(o) }) },
  'GET /v1/ad-accounts/:ad_account_id/members': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/members` }),
  },
  'POST /v1/ad-accounts/:ad_account_id/spark-posts': {
    expect: ACCOUNT_WRITE,
    build: async (fx, o) => {
      const { code, unchanged } = await redeemProbe(fx, o);
      return { url: `${acc(o)}/spark-posts`, body: { auth_code: code }, unchanged };
    },
  },
  'POST /v1/ad-accounts/:ad_account_id/spark-posts/batch': {
    expect: ACCOUNT_WRITE,
    build: async (fx, o) => {
      const { code, unchanged } = await redeemProbe(fx, o);
      return { url: `${acc(o)}/spark-posts/batch`, body: { auth_codes: [code] }, unchanged };
    },
  },
  'GET /v1/ad-accounts/:ad_account_id/spark-posts': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/spark-posts` }),
  },
  'GET /v1/ad-accounts/:ad_account_id/spark-posts/:spark_post_id': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/spark-posts/${o.sparkPostId}` }),
  },
  'GET /v1/ad-accounts/:ad_account_id/notifications': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/notifications` }),
  },
  'POST /v1/ad-accounts/:ad_account_id/notifications/:notification_id/read': {
    expect: ACCOUNT_READ,
    build: (fx, o) => ({
      url: `${acc(o)}/notifications/${o.accountNotificationId}/read`,
      unchanged: async () => {
        const unread = await read(fx, 'admin', o, `${acc(o)}/notifications?unread=true&limit=500`);
        expect(unread.data.map((n: { id: string }) => n.id)).toContain(o.accountNotificationId);
      },
    }),
  },
  'GET /v1/ad-accounts/:ad_account_id/audit-log': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/audit-log` }),
  },

  // ---------------------------------------------------------------- advertiser: campaigns
  'POST /v1/ad-accounts/:ad_account_id/campaigns': {
    expect: ACCOUNT_WRITE,
    build: (fx, o, purpose) => ({
      url: `${acc(o)}/campaigns`,
      body: campaignBody(purpose === 'success' ? fx.fresh.name(`campaign-${o.word}`) : 'Intruder campaign'),
      unchanged: async () => {
        const all = await read(fx, 'admin', o, `${acc(o)}/campaigns?limit=500`);
        expect(all.data.map((c: { campaign_name: string }) => c.campaign_name)).not.toContain(
          'Intruder campaign',
        );
      },
    }),
  },
  'GET /v1/ad-accounts/:ad_account_id/campaigns': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/campaigns` }),
  },
  'GET /v1/ad-accounts/:ad_account_id/campaigns/:campaign_id': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/campaigns/${o.campaignId}` }),
  },
  'PATCH /v1/ad-accounts/:ad_account_id/campaigns/:campaign_id': {
    expect: ACCOUNT_WRITE,
    build: async (fx, o, purpose) => {
      if (purpose === 'success') {
        return {
          url: `${acc(o)}/campaigns/${await fx.fresh.campaign(o)}`,
          body: { campaign_name: fx.fresh.name(`campaign-${o.word}`) },
        };
      }
      return {
        url: `${acc(o)}/campaigns/${o.campaignId}`,
        body: { campaign_name: 'HACKED' },
        unchanged: async () =>
          expect((await read(fx, 'admin', o, `${acc(o)}/campaigns/${o.campaignId}`)).campaign_name).toBe(
            o.campaignName,
          ),
      };
    },
  },
  'POST /v1/ad-accounts/:ad_account_id/campaigns/:campaign_id/status': {
    expect: ACCOUNT_WRITE,
    build: async (fx, o, purpose) => {
      const id = purpose === 'success' ? await fx.fresh.campaign(o) : o.campaignId;
      return {
        url: `${acc(o)}/campaigns/${id}/status`,
        body: { operation_status: 'DISABLE' },
        unchanged: async () =>
          expect((await read(fx, 'admin', o, `${acc(o)}/campaigns/${o.campaignId}`)).operation_status).toBe(
            'ENABLE',
          ),
      };
    },
  },

  // ---------------------------------------------------------------- advertiser: ad groups
  'POST /v1/ad-accounts/:ad_account_id/ad-groups': {
    expect: ACCOUNT_WRITE,
    build: (fx, o, purpose) => ({
      url: `${acc(o)}/ad-groups`,
      body: adGroupBody(
        o.campaignId,
        purpose === 'success' ? fx.fresh.name(`adgroup-${o.word}`) : 'Intruder ad group',
      ),
      unchanged: async () => {
        const all = await read(fx, 'admin', o, `${acc(o)}/ad-groups?limit=500`);
        expect(all.data.map((g: { adgroup_name: string }) => g.adgroup_name)).not.toContain(
          'Intruder ad group',
        );
      },
    }),
  },
  'GET /v1/ad-accounts/:ad_account_id/ad-groups': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/ad-groups` }),
  },
  'GET /v1/ad-accounts/:ad_account_id/ad-groups/:ad_group_id': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/ad-groups/${o.adGroupId}` }),
  },
  'PATCH /v1/ad-accounts/:ad_account_id/ad-groups/:ad_group_id': {
    expect: ACCOUNT_WRITE,
    build: async (fx, o, purpose) => {
      if (purpose === 'success') {
        return {
          url: `${acc(o)}/ad-groups/${await fx.fresh.adGroup(o)}`,
          body: { adgroup_name: fx.fresh.name(`adgroup-${o.word}`) },
        };
      }
      return {
        url: `${acc(o)}/ad-groups/${o.adGroupId}`,
        body: { adgroup_name: 'HACKED' },
        unchanged: async () =>
          expect((await read(fx, 'admin', o, `${acc(o)}/ad-groups/${o.adGroupId}`)).adgroup_name).toBe(
            o.adGroupName,
          ),
      };
    },
  },
  'POST /v1/ad-accounts/:ad_account_id/ad-groups/:ad_group_id/status': {
    expect: ACCOUNT_WRITE,
    build: async (fx, o, purpose) => {
      const id = purpose === 'success' ? await fx.fresh.adGroup(o) : o.adGroupId;
      return {
        url: `${acc(o)}/ad-groups/${id}/status`,
        body: { operation_status: 'DISABLE' },
        unchanged: async () =>
          expect((await read(fx, 'admin', o, `${acc(o)}/ad-groups/${o.adGroupId}`)).operation_status).toBe(
            'ENABLE',
          ),
      };
    },
  },

  // ---------------------------------------------------------------- advertiser: ads
  'POST /v1/ad-accounts/:ad_account_id/ads': {
    expect: ACCOUNT_WRITE,
    build: (fx, o, purpose) => ({
      url: `${acc(o)}/ads`,
      body: adBody(
        o.adGroupId,
        o.postId,
        purpose === 'success' ? fx.fresh.name(`ad-${o.word}`) : 'Intruder ad',
      ),
      unchanged: async () => {
        const all = await read(fx, 'admin', o, `${acc(o)}/ads?limit=500`);
        expect(all.data.map((a: { ad_name: string }) => a.ad_name)).not.toContain('Intruder ad');
      },
    }),
  },
  'GET /v1/ad-accounts/:ad_account_id/ads': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/ads` }),
  },
  'GET /v1/ad-accounts/:ad_account_id/ads/:ad_id': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/ads/${o.adId}` }),
  },
  'PATCH /v1/ad-accounts/:ad_account_id/ads/:ad_id': {
    expect: ACCOUNT_WRITE,
    build: async (fx, o, purpose) => {
      if (purpose === 'success') {
        return {
          url: `${acc(o)}/ads/${await fx.fresh.ad(o)}`,
          body: { ad_name: fx.fresh.name(`ad-${o.word}`) },
        };
      }
      return {
        url: `${acc(o)}/ads/${o.adId}`,
        body: { ad_name: 'HACKED', landing_page_url: 'https://evil.example/' },
        unchanged: async () => {
          const ad = await read(fx, 'admin', o, `${acc(o)}/ads/${o.adId}`);
          expect([ad.ad_name, ad.landing_page_url]).toEqual([o.adName, 'https://shop.example/matrix']);
        },
      };
    },
  },
  'POST /v1/ad-accounts/:ad_account_id/ads/:ad_id/status': {
    expect: ACCOUNT_WRITE,
    build: async (fx, o, purpose) => {
      const id = purpose === 'success' ? await fx.fresh.ad(o) : o.adId;
      return {
        url: `${acc(o)}/ads/${id}/status`,
        body: { operation_status: 'DISABLE' },
        unchanged: async () =>
          expect((await read(fx, 'admin', o, `${acc(o)}/ads/${o.adId}`)).operation_status).toBe('ENABLE'),
      };
    },
  },

  // ---------------------------------------------------------------- delivery: the host's feed and events
  'POST /v1/feed/decisions': {
    expect: PLATFORM,
    build: async (fx, o, purpose) => {
      await ensureLiveAd(fx, o);
      const viewer = fx.fresh.name(`viewer-${purpose}`);
      return {
        url: '/v1/feed/decisions',
        body: {
          viewer: { id: viewer, country: 'FR', age_group: 'AGE_25_34' },
          page: { start_position: 0, organic_post_ids: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'] },
        },
        // Getting through would have served (and recorded) an ad for the probe's viewer.
        unchanged: async () =>
          expect((await fx.t.system.delivery.frequency.load(viewer)).adsSince(0)).toBe(0),
        // The same request from the host is served: the probe above would have been too.
        verify: (_caller, res) =>
          res.json.ads.length > 0 ? [] : ['the host got no ad for a matching viewer'],
      };
    },
  },
  'POST /v1/events': {
    expect: PLATFORM,
    build: (fx, o, purpose) => {
      const { decisionId, token } = trackingToken(fx, o, fx.fresh.name('viewer'));
      return {
        url: '/v1/events',
        body: adEvent(token, 'impression', fx.fresh.name(`impression-${purpose}`)),
        unchanged: async () => expect(await eventsWhere(fx, 'decision_id', decisionId)).toEqual([]),
        verify: (_caller, res) => firstOutcome(res, 'ACCEPTED'),
      };
    },
  },
  'POST /v1/platform/post-events': {
    expect: PLATFORM,
    build: (fx, o, purpose) => {
      const id = fx.fresh.name(`like-${purpose}`);
      return {
        url: '/v1/platform/post-events',
        body: {
          events: [
            { client_event_id: id, viewer_id: fx.fresh.name('viewer'), post_id: o.postId, type: 'like' },
          ],
        },
        unchanged: async () => expect(await eventsWhere(fx, 'client_event_id', id)).toEqual([]),
        verify: (_caller, res) => firstOutcome(res, 'ACCEPTED'),
      };
    },
  },

  // ---------------------------------------------------------------- delivery: the brand's conversions
  'POST /v1/conversions': {
    // The account is the caller's own (no id in the path): any ADMIN may report its conversions; a
    // click of another account is answered exactly like an unknown one.
    expect: expectations({ adminA: '2xx', adminB: '2xx' }),
    build: async (fx, o, purpose) => {
      const clickId = await clickOf(fx, o);
      const conversionId = fx.fresh.name(`order-${purpose}`);
      return {
        url: '/v1/conversions',
        body: {
          conversions: [
            { conversion_id: conversionId, click_id: clickId, event_name: 'purchase', value: '10.00' },
          ],
        },
        unchanged: async () => expect(await eventsWhere(fx, 'client_event_id', conversionId)).toEqual([]),
        verify: async (caller, res) => {
          if (fx.tenantOf(caller) === o) return firstOutcome(res, 'ACCEPTED', { attributed_ad_id: o.adId });
          const unknown = must(
            await fx.t.call(fx.tokenOf(caller), 'POST', '/v1/conversions', {
              conversions: [
                { conversion_id: fx.fresh.name('order'), click_id: 'dec_01JDXK4Q0Z8N7W6V5T4S3R2Q1P' },
              ],
            }),
            200,
          ).json.data[0];
          return [
            ...firstOutcome(res, 'REJECTED', { code: unknown.code, message: unknown.message }),
            ...(await eventsWhere(fx, 'client_event_id', conversionId)).map(
              (e) => `the other account's conversion was stored as ${e.id}`,
            ),
          ];
        },
      };
    },
  },
};

// ------------------------------------------------------------------------------ reports and insights

/** Publishes the owner's media kit (its public addresses answer 404 until then). */
async function publishedKit(fx: Fixture, o: Tenant): Promise<void> {
  must(await fx.t.call(o.creatorToken, 'POST', '/v1/creator/media-kit/publish'), 200);
}

/** A public page may name its creator to anyone; it must never name an ad account the creator did not choose. */
const namesNoBrand = (fx: Fixture) => (_caller: Caller, res: ApiResponse) =>
  [fx.A, fx.B]
    .flatMap((o) => [o.accountId, o.accountName])
    .filter((secret) => res.raw.body.includes(secret))
    .map((secret) => `public media kit names ${secret}`);

const REPORT_QUERY = 'dimensions=%5B%22campaign_id%22%2C%22stat_time_day%22%5D&query_lifetime=true';

Object.assign(MATRIX, {
  'GET /v1/platform/posts': { expect: PLATFORM, build: () => ({ url: '/v1/platform/posts' }) },
  'PUT /v1/platform/creators/:creator_id/audience': {
    expect: PLATFORM,
    build: (fx, o) => ({
      url: `/v1/platform/creators/${o.creatorId}/audience`,
      body: { countries: [{ code: 'FR', share: 0.5 }], age_groups: [], genders: [] },
      // Getting through would have given the creator a follower breakdown.
      unchanged: async () => {
        const kit = await read(fx, 'creator', o, '/v1/creator/media-kit');
        expect(kit.preview.audience.followers).toBeNull();
      },
    }),
  },
  'GET /v1/trends': { expect: ANY_TOKEN, build: () => ({ url: '/v1/trends?trending_only=false' }) },

  'GET /v1/creator/analytics': { expect: CREATOR_SELF, build: () => ({ url: '/v1/creator/analytics' }) },
  'GET /v1/creator/media-kit': { expect: CREATOR_SELF, build: () => ({ url: '/v1/creator/media-kit' }) },
  'PUT /v1/creator/media-kit': {
    expect: CREATOR_SELF,
    build: (fx, o, purpose) => ({
      url: '/v1/creator/media-kit',
      body: { headline: purpose === 'probe' ? 'HACKED' : 'Fitness & street dance' },
      unchanged: async () =>
        expect((await read(fx, 'creator', o, '/v1/creator/media-kit')).settings.headline).not.toBe('HACKED'),
    }),
  },
  'POST /v1/creator/media-kit/publish': {
    expect: CREATOR_SELF,
    build: () => ({ url: '/v1/creator/media-kit/publish' }),
  },
  'POST /v1/creator/media-kit/unpublish': {
    expect: CREATOR_SELF,
    build: () => ({ url: '/v1/creator/media-kit/unpublish' }),
  },
  // Published media kits are public: anyone, with or without a token, reads them.
  'GET /v1/media-kits/:handle': {
    expect: PUBLIC,
    publicData: true,
    build: async (fx, o) => {
      await publishedKit(fx, o);
      return { url: `/v1/media-kits/${o.handle}`, verify: namesNoBrand(fx) };
    },
  },
  'GET /m/:handle': {
    expect: PUBLIC,
    publicData: true,
    build: async (fx, o) => {
      await publishedKit(fx, o);
      return {
        url: `/m/${o.handle}`,
        verify: (caller, res) => [
          ...namesNoBrand(fx)(caller, res),
          ...(String(res.headers['content-type']).startsWith('text/html') ? [] : ['not an HTML page']),
        ],
      };
    },
  },

  'GET /v1/ad-accounts/:ad_account_id/reports': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/reports?${REPORT_QUERY}` }),
  },
  'GET /v1/ad-accounts/:ad_account_id/reports/csv': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({
      url: `${acc(o)}/reports/csv?${REPORT_QUERY}`,
      verify: (_caller, res) =>
        String(res.headers['content-type']).startsWith('text/csv') ? [] : ['not a CSV download'],
    }),
  },
  'GET /v1/ad-accounts/:ad_account_id/reports/posts': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/reports/posts` }),
  },
  'GET /v1/ad-accounts/:ad_account_id/ad-groups/:ad_group_id/comparison': {
    expect: ACCOUNT_READ,
    build: (_fx, o) => ({ url: `${acc(o)}/ad-groups/${o.adGroupId}/comparison` }),
  },
} satisfies Record<string, Entry>);

// ------------------------------------------------------------------------------ running a row

/** Caller names are written for tenant A; on tenant B's resources A and B swap places. */
function mirror(caller: Caller): Caller {
  if (caller.endsWith('A')) return `${caller.slice(0, -1)}B` as Caller;
  if (caller.endsWith('B')) return `${caller.slice(0, -1)}A` as Caller;
  return caller;
}

function expectedFor(entry: Entry, owner: Tenant, caller: Caller): Expect {
  return entry.expect[owner.key === 'A' ? caller : mirror(caller)];
}

function splitRoute(route: string): { method: Method; path: string } {
  const [method, path] = route.split(' ') as [Method, string];
  return { method, path };
}

const describeStatus = (res: ApiResponse) =>
  `${res.status}${res.json?.code ? ` ${res.json.code}` : ''}${res.json?.detail ? ` (${res.json.detail})` : ''}`;

/** The other tenant's ids or names found in a successful answer to a tenant's caller. */
function leaksIn(fx: Fixture, caller: Caller, res: ApiResponse): string[] {
  const tenant = fx.tenantOf(caller);
  if (!tenant || res.status >= 300) return [];
  const body = res.raw.body;
  return [...fx.other(tenant).secrets].filter((secret) => body.includes(secret));
}

/** Sends one row; returns what is wrong with the answer (nothing when it is as expected). */
async function checkRow(
  fx: Fixture,
  method: Method | 'HEAD',
  caller: Caller,
  want: Expect,
  req: Req,
): Promise<string[]> {
  const res = await fx.t.call(fx.tokenOf(caller), method, req.url, req.body, req.headers);
  const label = `${caller.padEnd(8)} ${method} ${req.url}${req.note ? ` (${req.note})` : ''}`;
  const ok = want === '2xx' ? res.status >= 200 && res.status < 300 : res.status === want;
  if (!ok) return [`${label}: expected ${want}, got ${describeStatus(res)}`];
  const problems: string[] = [];
  if (want !== '2xx' && method !== 'HEAD') {
    if (
      !String(res.headers['content-type']).startsWith('application/problem+json') ||
      res.json?.status !== want
    )
      problems.push(`${label}: ${res.status} is not a problem+json document with status ${want}`);
  }
  const leaks = req.publicData ? [] : leaksIn(fx, caller, res);
  if (leaks.length) problems.push(`${label}: answer leaks the other tenant's ${leaks.join(', ')}`);
  if (want === '2xx' && req.verify)
    problems.push(...(await req.verify(caller, res)).map((p) => `${label}: ${p}`));
  return problems;
}

const INVALID_BODIES: Pick<Req, 'body' | 'headers' | 'note'>[] = [
  { body: { matrix_unknown_field: true }, note: 'body with an unknown field' },
  { body: '{"broken', headers: { 'content-type': 'application/json' }, note: 'unparseable JSON body' },
];

async function runEntry(fx: Fixture, route: string, entry: Entry, owner: Tenant): Promise<string[]> {
  const { method } = splitRoute(route);
  const problems: string[] = [];
  const denied = CALLERS.filter((c) => expectedFor(entry, owner, c) !== '2xx');
  const allowed = CALLERS.filter((c) => expectedFor(entry, owner, c) === '2xx');
  const probe = await entry.build(fx, owner, 'probe');
  for (const caller of denied) {
    const want = expectedFor(entry, owner, caller);
    problems.push(...(await checkRow(fx, method, caller, want, probe)));
    // GET routes answer HEAD with the same access rule.
    if (method === 'GET') problems.push(...(await checkRow(fx, 'HEAD', caller, want, probe)));
    // The caller is refused before the body is read: an invalid or unparseable body changes nothing.
    // (Not for a creator naming another creator's post or authorization: those ids are looked up by
    // the handler, after validation, so a bad body gets 400 whether the id is foreign or unknown.)
    const lookedUpByHandler = want === 404 && caller.startsWith('creator');
    if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && !lookedUpByHandler) {
      for (const bad of INVALID_BODIES)
        problems.push(...(await checkRow(fx, method, caller, want, { ...probe, ...bad })));
    }
  }
  if (probe.unchanged) {
    try {
      await probe.unchanged();
    } catch (error) {
      problems.push(`a refused request changed ${owner.key}'s data: ${(error as Error).message}`);
    }
  }
  for (const caller of allowed) {
    const req = { ...(await entry.build(fx, owner, 'success')), publicData: entry.publicData };
    problems.push(...(await checkRow(fx, method, caller, '2xx', req)));
  }
  return problems;
}

// ------------------------------------------------------------------------------ the suite

describeEachDialect('access matrix: every route × every caller', (dialect) => {
  let fx: Fixture;

  beforeAll(async () => {
    fx = await createMatrixFixture(dialect);
  });
  afterAll(async () => {
    await fx?.t.close();
  });

  it('the fixture: every token is who it claims to be, the revoked one is refused', async () => {
    const me = async (caller: Caller) => (await fx.t.call(fx.tokenOf(caller), 'GET', '/v1/me')).json;
    expect(await me('platform')).toMatchObject({ kind: 'platform' });
    expect(await me('creatorA')).toMatchObject({ kind: 'creator', creator_id: fx.A.creatorId });
    expect(await me('creatorB')).toMatchObject({ kind: 'creator', creator_id: fx.B.creatorId });
    expect(await me('adminA')).toMatchObject({ ad_account_id: fx.A.accountId, role: 'ADMIN' });
    expect(await me('analystA')).toMatchObject({ ad_account_id: fx.A.accountId, role: 'ANALYST' });
    expect(await me('adminB')).toMatchObject({ ad_account_id: fx.B.accountId, role: 'ADMIN' });
    expect(await me('analystB')).toMatchObject({ ad_account_id: fx.B.accountId, role: 'ANALYST' });
    for (const caller of ANONYMOUS)
      expect((await fx.t.call(fx.tokenOf(caller), 'GET', '/v1/me')).status).toBe(401);
  });

  it('every route of the app has a matrix entry, and every entry a route', async () => {
    const doc = must(await fx.t.call(null, 'GET', '/openapi.json'), 200).json;
    const routes = allRoutes(fx.t.app, doc).map(routeName);
    expect(routes.length).toBeGreaterThan(40);
    const missing = routes.filter((r) => !(r in MATRIX)).map((r) => `route ${r} has no matrix entry`);
    const stale = Object.keys(MATRIX)
      .filter((k) => !routes.includes(k))
      .map((k) => `matrix entry ${k} matches no route`);
    expect([...missing, ...stale]).toEqual([]);
  });

  for (const ownerKey of ['A', 'B'] as const) {
    for (const [route, entry] of Object.entries(MATRIX)) {
      it(`${route} on tenant ${ownerKey}'s resources`, async () => {
        expect(await runEntry(fx, route, entry, fx[ownerKey])).toEqual([]);
      });
    }
  }

  it("ids of another tenant's resources under one's own ad account are not found", async () => {
    const { A, B } = fx;
    const base = acc(A);
    const call = (method: Method, url: string, body?: unknown) => fx.t.call(A.adminToken, method, url, body);
    // Fresh, unread notifications of B (its account's and its creator's) for A to aim at.
    const redeemed = await fx.fresh.authorization(B);
    must(await fx.t.call(B.adminToken, 'POST', `${acc(B)}/spark-posts`, { auth_code: redeemed.code }), 201);
    const unreadOfB = async () => {
      const ofRedeemed = (n: { authorization_id: string }) => n.authorization_id === redeemed.id;
      const account = await read(fx, 'admin', B, `${acc(B)}/notifications?unread=true&limit=500`);
      const creator = await read(fx, 'creator', B, '/v1/creator/notifications?unread=true&limit=500');
      return [account.data.filter(ofRedeemed), creator.data.filter(ofRedeemed)].map((l) =>
        l.map((n: { id: string }) => n.id),
      );
    };
    const [[accountNote], [creatorNote]] = await unreadOfB();
    expect(accountNote && creatorNote).toBeTruthy();
    const notFound: [Method, string, unknown?][] = [
      ['GET', `${base}/campaigns/${B.campaignId}`],
      ['PATCH', `${base}/campaigns/${B.campaignId}`, { campaign_name: 'HACKED' }],
      ['POST', `${base}/campaigns/${B.campaignId}/status`, { operation_status: 'DISABLE' }],
      ['GET', `${base}/ad-groups/${B.adGroupId}`],
      ['PATCH', `${base}/ad-groups/${B.adGroupId}`, { adgroup_name: 'HACKED' }],
      ['POST', `${base}/ad-groups/${B.adGroupId}/status`, { operation_status: 'DISABLE' }],
      ['GET', `${base}/ads/${B.adId}`],
      ['PATCH', `${base}/ads/${B.adId}`, { ad_name: 'HACKED' }],
      ['POST', `${base}/ads/${B.adId}/status`, { operation_status: 'DISABLE' }],
      ['GET', `${base}/spark-posts/${B.sparkPostId}`],
      ['POST', `${base}/notifications/${accountNote}/read`],
      ['GET', `${base}/ad-groups/${B.adGroupId}/comparison`],
    ];
    const problems: string[] = [];
    for (const [method, url, body] of notFound) {
      const res = await call(method, url, body);
      if (res.status !== 404) problems.push(`${method} ${url}: expected 404, got ${describeStatus(res)}`);
    }
    // A creator naming the other creator's things from its own token.
    const creatorNotFound: [Method, string, unknown?][] = [
      ['GET', `/v1/creator/posts/${B.postId}`],
      ['POST', `/v1/creator/posts/${B.postId}/authorizations`, {}],
      ['GET', `/v1/creator/authorizations/${B.authorizationId}`],
      ['POST', `/v1/creator/authorizations/${B.authorizationId}/extend`, { duration_days: 365 }],
      ['POST', `/v1/creator/authorizations/${B.authorizationId}/revoke`],
      ['POST', `/v1/creator/notifications/${creatorNote}/read`],
    ];
    for (const [method, url, body] of creatorNotFound) {
      const res = await fx.t.call(A.creatorToken, method, url, body);
      if (res.status !== 404)
        problems.push(`creator A ${method} ${url}: expected 404, got ${describeStatus(res)}`);
    }
    expect(problems).toEqual([]);
    expect(await unreadOfB()).toEqual([[accountNote], [creatorNote]]);

    // Another tenant's resource answers exactly like one that does not exist.
    const foreign = await call('GET', `${base}/campaigns/${B.campaignId}`);
    const missing = await call('GET', `${base}/campaigns/cmp_01JDXK4Q0Z8N7W6V5T4S3R2Q1P`);
    expect([foreign.status, foreign.json.code, foreign.json.title]).toEqual([
      missing.status,
      missing.json.code,
      missing.json.title,
    ]);
    const foreignAccount = await fx.t.call(A.adminToken, 'GET', acc(B));
    const missingAccount = await fx.t.call(
      A.adminToken,
      'GET',
      '/v1/ad-accounts/acc_01JDXK4Q0Z8N7W6V5T4S3R2Q1P',
    );
    expect([foreignAccount.status, foreignAccount.json.code]).toEqual([
      missingAccount.status,
      missingAccount.json.code,
    ]);

    // A creator's bad body on another creator's authorization: the same 400 as on an unknown one.
    const badExtend = { duration_days: 3 };
    const foreignBad = await fx.t.call(
      A.creatorToken,
      'POST',
      `/v1/creator/authorizations/${B.authorizationId}/extend`,
      badExtend,
    );
    const unknownBad = await fx.t.call(
      A.creatorToken,
      'POST',
      '/v1/creator/authorizations/aut_01JDXK4Q0Z8N7W6V5T4S3R2Q1P/extend',
      badExtend,
    );
    expect([foreignBad.status, foreignBad.json.code]).toEqual([unknownBad.status, unknownBad.json.code]);

    // Another tenant's ids inside a body are refused like unknown ones.
    const group = await call('POST', `${base}/ad-groups`, adGroupBody(B.campaignId, 'Cross-tenant group'));
    expect([group.status, group.json.errors?.[0]?.code]).toEqual([400, 'UNKNOWN_CAMPAIGN']);
    const adOfForeignGroup = await call('POST', `${base}/ads`, adBody(B.adGroupId, A.postId, 'Cross ad'));
    expect([adOfForeignGroup.status, adOfForeignGroup.json.errors?.[0]?.code]).toEqual([
      400,
      'UNKNOWN_AD_GROUP',
    ]);
    const adOfForeignPost = await call('POST', `${base}/ads`, adBody(A.adGroupId, B.postId, 'Cross ad'));
    expect([adOfForeignPost.status, adOfForeignPost.json.code]).toEqual([422, 'SPARK_POST_NOT_AVAILABLE']);

    // Filters naming another tenant's ids find nothing.
    for (const url of [
      `${base}/ad-groups?campaign_id=${B.campaignId}`,
      `${base}/ads?ad_group_id=${B.adGroupId}`,
      `${base}/ads?campaign_id=${B.campaignId}`,
      `${base}/audit-log?entity_id=${B.campaignId}`,
    ]) {
      expect((await read(fx, 'admin', A, url)).data, url).toEqual([]);
    }
    for (const url of [
      `/v1/creator/authorizations?post_id=${B.postId}`,
      `/v1/creator/audit-log?entity_id=${B.authorizationId}`,
    ]) {
      expect((await read(fx, 'creator', A, url)).data, url).toEqual([]);
    }
  });

  it('malformed, foreign-kind, revoked and removed-member tokens get 401 on every kind of route', async () => {
    const { A } = fx;
    const secret = A.adminToken.slice(4);
    const badHeaders = [
      'Bearer',
      'Bearer ',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      `Token ${A.adminToken}`,
      A.adminToken,
      `Bearer ${A.adminToken} extra`,
      `Bearer kdc_${secret}`,
      `Bearer kdp_${secret}`,
      `Bearer ${A.adminToken}x`,
      'Bearer kdp_nope',
      'Bearer kdc_nope',
      'Bearer nope',
    ];
    const urls = ['/v1/me', '/v1/platform/settings', '/v1/creator', acc(A), `${acc(A)}/campaigns`];
    const problems: string[] = [];
    for (const url of urls) {
      for (const authorization of badHeaders) {
        const res = await fx.t.call(null, 'GET', url, undefined, { authorization });
        if (res.status !== 401) problems.push(`${url} with "${authorization}": ${describeStatus(res)}`);
      }
    }
    // The scheme is case-insensitive: a good token still works with "bearer".
    expect(
      (await fx.t.call(null, 'GET', acc(A), undefined, { authorization: `bearer ${A.adminToken}` })).status,
    ).toBe(200);

    // A revoked creator token, and the token of a member removed from the account.
    const issued = must(
      await fx.t.call(fx.tokenOf(P), 'POST', `/v1/platform/creators/${A.creatorId}/tokens`, {}),
      201,
    ).json;
    must(await fx.t.call(fx.tokenOf(P), 'POST', `/v1/platform/tokens/${issued.id}/revoke`), 200);
    const member = must(
      await fx.t.call(fx.tokenOf(P), 'POST', `/v1/platform/ad-accounts/${A.accountId}/members`, {
        name: 'Leaving alpha',
        role: 'ADMIN',
      }),
      201,
    ).json;
    expect((await fx.t.call(member.token.token, 'GET', acc(A))).status).toBe(200);
    must(
      await fx.t.call(
        fx.tokenOf(P),
        'DELETE',
        `/v1/platform/ad-accounts/${A.accountId}/members/${member.member.id}`,
      ),
      204,
    );
    const platformToken = must(await fx.t.call(fx.tokenOf(P), 'POST', '/v1/platform/tokens', {}), 201).json;
    expect((await fx.t.call(platformToken.token, 'GET', '/v1/platform/settings')).status).toBe(200);
    must(await fx.t.call(fx.tokenOf(P), 'POST', `/v1/platform/tokens/${platformToken.id}/revoke`), 200);
    for (const [token, url] of [
      [platformToken.token, '/v1/platform/settings'],
      [issued.token, '/v1/creator'],
      [member.token.token, acc(A)],
      [member.token.token, '/v1/me'],
    ] as const) {
      const res = await fx.t.call(token, 'GET', url);
      if (res.status !== 401) problems.push(`revoked token on ${url}: ${describeStatus(res)}`);
    }
    expect(problems).toEqual([]);
  });

  it("an Idempotency-Key never replays another caller's answer", async () => {
    const { A, B } = fx;
    const key = { 'idempotency-key': 'matrix-shared-key' };
    const post = (token: string, o: Tenant, name: string) =>
      fx.t.call(token, 'POST', `${acc(o)}/campaigns`, campaignBody(name), key);
    const first = must(await post(A.adminToken, A, 'Idempotent alpha'), 201);
    expect(must(await post(A.adminToken, A, 'Idempotent alpha'), 201).json.id).toBe(first.json.id);
    // The same key and body from callers who may not create here: refused, not replayed.
    for (const [caller, want] of [
      ['analystA', 403],
      ['adminB', 404],
      ['creatorA', 403],
      ['none', 401],
    ] as const) {
      const res = await post(fx.tokenOf(caller) ?? '', A, 'Idempotent alpha');
      expect([caller, res.status, res.headers['idempotent-replayed']]).toEqual([caller, want, undefined]);
    }
    // The same key in another account creates that account's own campaign.
    const other = must(await post(B.adminToken, B, 'Idempotent bravo'), 201);
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(other.json.ad_account_id).toBe(B.accountId);
    // Creators too: the same key gives each creator its own authorization.
    const authKey = { 'idempotency-key': 'matrix-shared-auth-key' };
    const authA = must(
      await fx.t.call(A.creatorToken, 'POST', `/v1/creator/posts/${A.postId}/authorizations`, {}, authKey),
      201,
    ).json;
    const authB = must(
      await fx.t.call(B.creatorToken, 'POST', `/v1/creator/posts/${B.postId}/authorizations`, {}, authKey),
      201,
    ).json;
    A.secrets.add(authA.id);
    B.secrets.add(authB.id);
    expect([authA.creator_id, authB.creator_id]).toEqual([A.creatorId, B.creatorId]);
  });

  it("after the whole matrix, both tenants' own resources are as the fixture made them", async () => {
    for (const o of [fx.A, fx.B]) {
      const auth = await authorizationOf(fx, o, o.authorizationId);
      expect({ status: auth.status, end: auth.auth_end_time, account: auth.ad_account?.id }).toEqual({
        status: 'BOUND',
        end: o.authorizationEnd,
        account: o.accountId,
      });
      const post = await read(fx, P, o, `/v1/platform/posts/${o.postId}`);
      expect([post.visibility, post.caption]).toEqual(['PUBLIC', o.postCaption]);
      const campaign = await read(fx, 'admin', o, `${acc(o)}/campaigns/${o.campaignId}`);
      expect([campaign.campaign_name, campaign.operation_status, campaign.deleted_at]).toEqual([
        o.campaignName,
        'ENABLE',
        null,
      ]);
      const group = await read(fx, 'admin', o, `${acc(o)}/ad-groups/${o.adGroupId}`);
      expect([group.adgroup_name, group.operation_status, group.deleted_at]).toEqual([
        o.adGroupName,
        'ENABLE',
        null,
      ]);
      const ad = await read(fx, 'admin', o, `${acc(o)}/ads/${o.adId}`);
      expect([ad.ad_name, ad.operation_status, ad.review_status, ad.deleted_at]).toEqual([
        o.adName,
        'ENABLE',
        'APPROVED',
        null,
      ]);
      const members = await read(fx, 'admin', o, `${acc(o)}/members`);
      expect(members.data.map((m: { id: string }) => m.id)).toEqual(
        expect.arrayContaining([o.adminMemberId, o.analystMemberId]),
      );
      expect(members.data.map((m: { name: string }) => m.name)).not.toContain('Intruder');
      const library = await read(fx, 'admin', o, `${acc(o)}/spark-posts?limit=500`);
      expect(library.data.map((s: { post: { id: string } }) => s.post.id)).toEqual([o.postId]);
    }
    expect((await read(fx, P, fx.A, '/v1/platform/settings')).auto_approve_ads).toBe(true);
  });

  // Last: from here on, account B legitimately holds one of creator A's posts.
  it('one post, two brands: each account sees and depends on its own authorization only', async () => {
    const { A, B } = fx;
    // A day later, both accounts' ad groups have started: their ads deliver.
    fx.t.clock.advance(24 * 60 * 60 * 1000);
    const second = await fx.fresh.authorization(A);
    must(await fx.t.call(B.adminToken, 'POST', `${acc(B)}/spark-posts`, { auth_code: second.code }), 201);
    const sharedAd = must(
      await fx.t.call(B.adminToken, 'POST', `${acc(B)}/ads`, adBody(B.adGroupId, A.postId, 'Shared bravo')),
      201,
    ).json;
    const authorizationIn = async (o: Tenant) => {
      const library = await read(fx, 'admin', o, `${acc(o)}/spark-posts?limit=500`);
      return library.data.find((s: { post: { id: string } }) => s.post.id === A.postId)?.authorization.id;
    };
    expect(await authorizationIn(A)).not.toBe(second.id);
    expect(await authorizationIn(B)).toBe(second.id);
    const deliveryOf = async (o: Tenant, adId: string) =>
      (await read(fx, 'admin', o, `${acc(o)}/ads/${adId}`)).delivery_status;
    expect([await deliveryOf(A, A.adId), await deliveryOf(B, sharedAd.id)]).toEqual([
      'DELIVERING',
      'DELIVERING',
    ]);

    // Creator A revokes the code it gave B: B's ad stops, A's ad of the same post does not.
    must(await fx.t.call(A.creatorToken, 'POST', `/v1/creator/authorizations/${second.id}/revoke`), 200);
    expect([await deliveryOf(A, A.adId), await deliveryOf(B, sharedAd.id)]).toEqual([
      'DELIVERING',
      'AUTHORIZATION_REVOKED',
    ]);
    expect(await authorizationIn(A)).not.toBe(second.id);

    // Neither account learns about the other through the shared post.
    const problems: string[] = [];
    for (const [o, other] of [
      [A, B],
      [B, A],
    ] as const) {
      for (const path of ['spark-posts', 'ads', 'notifications', 'audit-log', 'campaigns', 'ad-groups']) {
        const res = await fx.t.call(o.adminToken, 'GET', `${acc(o)}/${path}?limit=500`);
        for (const secret of [other.accountId, other.accountName, other.adminMemberId, other.campaignId]) {
          if (res.raw.body.includes(secret)) problems.push(`${o.key} ${path} mentions ${secret}`);
        }
      }
    }
    const notesA = await read(fx, 'admin', A, `${acc(A)}/notifications?limit=500`);
    expect(notesA.data.filter((n: { authorization_id: string }) => n.authorization_id === second.id)).toEqual(
      [],
    );
    expect(problems).toEqual([]);
  });

  it("failed code redemptions of one account never rate-limit another's", async () => {
    const { A, B } = fx;
    const { redemption_failures_per_window: limit } = await read(fx, P, A, '/v1/platform/settings');
    const unknownCode = (await fx.fresh.authorization(B)).code.replace(/.$/, (c) => (c === 'Q' ? 'P' : 'Q'));
    let last: ApiResponse | undefined;
    for (let i = 0; i <= limit; i++) {
      last = await fx.t.call(B.adminToken, 'POST', `${acc(B)}/spark-posts`, { auth_code: unknownCode });
    }
    expect(last?.status).toBe(429);
    const fresh = await fx.fresh.authorization(A);
    must(await fx.t.call(A.adminToken, 'POST', `${acc(A)}/spark-posts`, { auth_code: fresh.code }), 201);
  });
});
