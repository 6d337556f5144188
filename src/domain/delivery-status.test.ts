import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AdFacts,
  adDeliveryState,
  adGroupDeliveryState,
  adGroupOwnState,
  campaignDeliveryState,
  campaignOwnState,
  type DeliveryState,
  pickAuthorization,
} from './delivery-status.js';
import type { DeliveryStatus, PostVisibility, ReviewStatus } from './enums.js';
import type { Ad, AdGroup, Authorization, Campaign, Post } from './model.js';
import { DAYPART_CELLS, daypartCell, MS_PER_DAY, MS_PER_HOUR } from './time.js';

/** Monday 30 November 2026, 10:00 UTC (11:00 in Paris). */
const NOW = Date.UTC(2026, 10, 30, 10, 0, 0);
const ZONE = 'Europe/Paris';
const EUR = 1_000_000;

function campaign(o: Partial<Campaign> = {}): Campaign {
  return {
    id: 'cmp_1',
    adAccountId: 'acc_1',
    name: 'Winter',
    objectiveType: 'VIDEO_VIEWS',
    budgetMode: 'BUDGET_MODE_TOTAL',
    budgetMicros: 1000 * EUR,
    operationStatus: 'ENABLE',
    spendMicros: 0,
    deletedAt: null,
    createdAt: NOW - 10 * MS_PER_DAY,
    updatedAt: NOW - 10 * MS_PER_DAY,
    ...o,
  };
}

function adGroup(o: Partial<AdGroup> = {}): AdGroup {
  return {
    id: 'adg_1',
    adAccountId: 'acc_1',
    campaignId: 'cmp_1',
    name: 'FR',
    placements: ['IN_FEED'],
    scheduleType: 'SCHEDULE_START_END',
    scheduleStartAt: NOW - MS_PER_DAY,
    scheduleEndAt: NOW + 10 * MS_PER_DAY,
    dayparting: null,
    targeting: {
      countries: [],
      regions: [],
      ageGroups: [],
      gender: 'GENDER_UNLIMITED',
      languages: [],
      interestCategoryIds: [],
      operatingSystems: [],
      audienceIds: [],
      excludedAudienceIds: [],
    },
    budgetMode: 'BUDGET_MODE_DAY',
    budgetMicros: 40 * EUR,
    pacing: 'PACING_MODE_SMOOTH',
    billingEvent: 'CPV',
    optimizationGoal: 'VIDEO_VIEW',
    bidMicros: 50_000,
    frequency: null,
    frequencySchedule: null,
    operationStatus: 'ENABLE',
    spendMicros: 0,
    deletedAt: null,
    createdAt: NOW - 10 * MS_PER_DAY,
    updatedAt: NOW - 10 * MS_PER_DAY,
    ...o,
  };
}

function ad(o: Partial<Ad> = {}): Ad {
  return {
    id: 'ad_1',
    adAccountId: 'acc_1',
    campaignId: 'cmp_1',
    adGroupId: 'adg_1',
    sparkPostId: 'spk_1',
    postId: 'p1',
    name: 'Spark ad',
    callToAction: 'SHOP_NOW',
    landingPageUrl: 'https://acme.example/',
    operationStatus: 'ENABLE',
    reviewStatus: 'APPROVED',
    reviewReason: null,
    reviewedAt: NOW - MS_PER_DAY,
    reviewedBy: 'auto',
    spendMicros: 0,
    deletedAt: null,
    createdAt: NOW - MS_PER_DAY,
    updatedAt: NOW - MS_PER_DAY,
    ...o,
  };
}

function post(o: Partial<Post> = {}): Post {
  const zero = { views: 0, likes: 0, comments: 0, shares: 0, follows: 0 };
  return {
    id: 'p1',
    creatorId: 'ana',
    caption: 'Shop the shoes',
    mediaUrl: 'https://cdn.example/p1.mp4',
    durationMs: 30_000,
    soundId: null,
    hashtags: [],
    visibility: 'PUBLIC',
    organic: zero,
    paid: { ...zero, profileVisits: 0 },
    attributed: { ...zero, profileVisits: 0 },
    publishedAt: NOW - 20 * MS_PER_DAY,
    createdAt: NOW - 20 * MS_PER_DAY,
    updatedAt: NOW - 20 * MS_PER_DAY,
    ...o,
  };
}

function authorization(o: Partial<Authorization> = {}): Authorization {
  return {
    id: 'aut_1',
    postId: 'p1',
    creatorId: 'ana',
    codeHint: 'ABCD',
    durationDays: 30,
    note: null,
    startsAt: NOW - 5 * MS_PER_DAY,
    endsAt: NOW + 25 * MS_PER_DAY,
    revokedAt: null,
    adAccountId: 'acc_1',
    boundAt: NOW - 4 * MS_PER_DAY,
    createdAt: NOW - 5 * MS_PER_DAY,
    updatedAt: NOW - 4 * MS_PER_DAY,
    ...o,
  };
}

function facts(o: Partial<AdFacts> = {}): AdFacts {
  return {
    ad: ad(),
    adGroup: adGroup(),
    campaign: campaign(),
    post: post(),
    authorizations: [authorization()],
    spend: { campaignToday: 0, adGroupToday: 0 },
    timeZone: ZONE,
    ...o,
  };
}

/** A dayparting grid with every cell on except the one `now` falls in. */
const gridOffAt = (ms: number) => {
  const off = daypartCell(ms, ZONE);
  return Array.from({ length: DAYPART_CELLS }, (_, i) => (i === off ? '0' : '1')).join('');
};

// ---------------------------------------------------------------------------------------------
// One generated scenario: any combination of the things that can stop an ad.

interface Scenario {
  adDeleted: boolean;
  groupDeleted: boolean;
  campaignDeleted: boolean;
  campaignDisabled: boolean;
  groupDisabled: boolean;
  adDisabled: boolean;
  review: ReviewStatus;
  auth: 'ACTIVE' | 'MISSING' | 'REVOKED' | 'EXPIRED';
  visibility: PostVisibility;
  schedule: 'RUNNING' | 'NOT_STARTED' | 'ENDED';
  budget: 'OK' | 'CAMPAIGN_DAY' | 'CAMPAIGN_TOTAL' | 'GROUP_DAY' | 'GROUP_TOTAL';
  outsideDayparting: boolean;
}

/** Mostly the healthy value, sometimes a problem: so that every pair of problems meets often. */
function mostly<T>(healthy: T, ...problems: T[]): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constant(healthy), weight: 2 * problems.length },
    { arbitrary: fc.constantFrom(...problems), weight: problems.length },
  );
}

const scenario: fc.Arbitrary<Scenario> = fc.record({
  adDeleted: mostly(false, true),
  groupDeleted: mostly(false, true),
  campaignDeleted: mostly(false, true),
  campaignDisabled: mostly(false, true),
  groupDisabled: mostly(false, true),
  adDisabled: mostly(false, true),
  review: mostly<ReviewStatus>('APPROVED', 'PENDING', 'REJECTED'),
  auth: mostly<Scenario['auth']>('ACTIVE', 'MISSING', 'REVOKED', 'EXPIRED'),
  visibility: mostly<PostVisibility>('PUBLIC', 'PRIVATE', 'DELETED', 'REMOVED'),
  schedule: mostly<Scenario['schedule']>('RUNNING', 'NOT_STARTED', 'ENDED'),
  budget: mostly<Scenario['budget']>('OK', 'CAMPAIGN_DAY', 'CAMPAIGN_TOTAL', 'GROUP_DAY', 'GROUP_TOTAL'),
  outsideDayparting: mostly(false, true),
});

function build(s: Scenario, now: number): AdFacts {
  const deleted = (flag: boolean) => (flag ? now - MS_PER_HOUR : null);
  const schedule =
    s.schedule === 'NOT_STARTED'
      ? { scheduleStartAt: now + MS_PER_HOUR, scheduleEndAt: now + 10 * MS_PER_DAY }
      : s.schedule === 'ENDED'
        ? { scheduleStartAt: now - 10 * MS_PER_DAY, scheduleEndAt: now - MS_PER_HOUR }
        : { scheduleStartAt: now - MS_PER_DAY, scheduleEndAt: now + 10 * MS_PER_DAY };
  const campaignBudget =
    s.budget === 'CAMPAIGN_DAY'
      ? { budgetMode: 'BUDGET_MODE_DAY' as const, budgetMicros: 100 * EUR }
      : { budgetMode: 'BUDGET_MODE_TOTAL' as const, budgetMicros: 1000 * EUR };
  const auths =
    s.auth === 'MISSING'
      ? []
      : s.auth === 'REVOKED'
        ? [authorization({ revokedAt: now - MS_PER_HOUR })]
        : s.auth === 'EXPIRED'
          ? [authorization({ startsAt: now - 31 * MS_PER_DAY, endsAt: now - MS_PER_HOUR })]
          : [authorization({ startsAt: now - MS_PER_DAY, endsAt: now + 29 * MS_PER_DAY })];
  return facts({
    ad: ad({
      deletedAt: deleted(s.adDeleted),
      operationStatus: s.adDisabled || s.adDeleted ? 'DISABLE' : 'ENABLE',
      reviewStatus: s.review,
      reviewReason: s.review === 'REJECTED' ? 'misleading claim' : null,
    }),
    adGroup: adGroup({
      deletedAt: deleted(s.groupDeleted),
      operationStatus: s.groupDisabled ? 'DISABLE' : 'ENABLE',
      ...schedule,
      dayparting: s.outsideDayparting ? gridOffAt(now) : null,
      budgetMode: s.budget === 'GROUP_TOTAL' ? 'BUDGET_MODE_TOTAL' : 'BUDGET_MODE_DAY',
      budgetMicros: s.budget === 'GROUP_TOTAL' ? 500 * EUR : 40 * EUR,
      spendMicros: s.budget === 'GROUP_TOTAL' ? 500 * EUR : 30 * EUR,
    }),
    campaign: campaign({
      deletedAt: deleted(s.campaignDeleted),
      operationStatus: s.campaignDisabled ? 'DISABLE' : 'ENABLE',
      ...campaignBudget,
      spendMicros: s.budget === 'CAMPAIGN_TOTAL' ? 1000 * EUR : 600 * EUR,
    }),
    post: post({ visibility: s.visibility }),
    authorizations: auths,
    spend: {
      campaignToday: s.budget === 'CAMPAIGN_DAY' ? 100 * EUR : 10 * EUR,
      adGroupToday: s.budget === 'GROUP_DAY' ? 40 * EUR : 10 * EUR,
    },
  });
}

/**
 * The documented precedence: deleted > disabled > review > authorization > post > schedule >
 * budget > dayparting > delivering. Inside a tier the ad's own state comes first for deletion,
 * the outermost parent first for pausing (a paused campaign explains a paused ad group).
 */
function expected(s: Scenario): DeliveryStatus {
  if (s.adDeleted) return 'DELETED';
  if (s.groupDeleted) return 'AD_GROUP_DISABLED';
  if (s.campaignDeleted || s.campaignDisabled) return 'CAMPAIGN_DISABLED';
  if (s.groupDisabled) return 'AD_GROUP_DISABLED';
  if (s.adDisabled) return 'DISABLED';
  if (s.review === 'PENDING') return 'IN_REVIEW';
  if (s.review === 'REJECTED') return 'REJECTED';
  if (s.auth === 'MISSING') return 'AUTHORIZATION_MISSING';
  if (s.auth === 'REVOKED') return 'AUTHORIZATION_REVOKED';
  if (s.auth === 'EXPIRED') return 'AUTHORIZATION_EXPIRED';
  if (s.visibility !== 'PUBLIC') return 'POST_UNAVAILABLE';
  if (s.schedule === 'NOT_STARTED') return 'SCHEDULED';
  if (s.schedule === 'ENDED') return 'ENDED';
  if (s.budget !== 'OK') return 'BUDGET_EXHAUSTED';
  if (s.outsideDayparting) return 'OUTSIDE_DAYPARTING';
  return 'DELIVERING';
}

const HEALTHY: Scenario = {
  adDeleted: false,
  groupDeleted: false,
  campaignDeleted: false,
  campaignDisabled: false,
  groupDisabled: false,
  adDisabled: false,
  review: 'APPROVED',
  auth: 'ACTIVE',
  visibility: 'PUBLIC',
  schedule: 'RUNNING',
  budget: 'OK',
  outsideDayparting: false,
};

describe('adDeliveryState precedence', () => {
  it('a healthy ad delivers', () => {
    expect(adDeliveryState(build(HEALTHY, NOW), NOW)).toEqual({
      status: 'DELIVERING',
      reason: 'Eligible to serve.',
    });
  });

  it('each problem alone gives its own status', () => {
    const single: [Partial<Scenario>, DeliveryStatus][] = [
      [{ adDeleted: true }, 'DELETED'],
      [{ groupDeleted: true }, 'AD_GROUP_DISABLED'],
      [{ campaignDeleted: true }, 'CAMPAIGN_DISABLED'],
      [{ campaignDisabled: true }, 'CAMPAIGN_DISABLED'],
      [{ groupDisabled: true }, 'AD_GROUP_DISABLED'],
      [{ adDisabled: true }, 'DISABLED'],
      [{ review: 'PENDING' }, 'IN_REVIEW'],
      [{ review: 'REJECTED' }, 'REJECTED'],
      [{ auth: 'MISSING' }, 'AUTHORIZATION_MISSING'],
      [{ auth: 'REVOKED' }, 'AUTHORIZATION_REVOKED'],
      [{ auth: 'EXPIRED' }, 'AUTHORIZATION_EXPIRED'],
      [{ visibility: 'PRIVATE' }, 'POST_UNAVAILABLE'],
      [{ visibility: 'REMOVED' }, 'POST_UNAVAILABLE'],
      [{ schedule: 'NOT_STARTED' }, 'SCHEDULED'],
      [{ schedule: 'ENDED' }, 'ENDED'],
      [{ budget: 'CAMPAIGN_DAY' }, 'BUDGET_EXHAUSTED'],
      [{ budget: 'CAMPAIGN_TOTAL' }, 'BUDGET_EXHAUSTED'],
      [{ budget: 'GROUP_DAY' }, 'BUDGET_EXHAUSTED'],
      [{ budget: 'GROUP_TOTAL' }, 'BUDGET_EXHAUSTED'],
      [{ outsideDayparting: true }, 'OUTSIDE_DAYPARTING'],
    ];
    for (const [problem, status] of single) {
      expect(
        adDeliveryState(build({ ...HEALTHY, ...problem }, NOW), NOW).status,
        JSON.stringify(problem),
      ).toBe(status);
    }
  });

  it('for every combination of problems, the highest in the precedence wins', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(adDeliveryState(build(s, NOW), NOW).status).toBe(expected(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('adjacent tiers: the higher one wins when both apply', () => {
    const pairs: [Partial<Scenario>, DeliveryStatus][] = [
      [{ adDeleted: true, adDisabled: true }, 'DELETED'],
      [{ adDisabled: true, review: 'PENDING' }, 'DISABLED'],
      [{ review: 'REJECTED', auth: 'REVOKED' }, 'REJECTED'],
      [{ auth: 'EXPIRED', visibility: 'PRIVATE' }, 'AUTHORIZATION_EXPIRED'],
      [{ visibility: 'DELETED', schedule: 'NOT_STARTED' }, 'POST_UNAVAILABLE'],
      [{ schedule: 'ENDED', budget: 'GROUP_TOTAL' }, 'ENDED'],
      [{ schedule: 'NOT_STARTED', budget: 'CAMPAIGN_TOTAL' }, 'SCHEDULED'],
      [{ budget: 'GROUP_DAY', outsideDayparting: true }, 'BUDGET_EXHAUSTED'],
      // A paused ad explains more than a schedule that has not started.
      [{ adDisabled: true, schedule: 'NOT_STARTED' }, 'DISABLED'],
      // A revoked authorization never resolves by itself: say so even before the schedule starts.
      [{ auth: 'REVOKED', schedule: 'NOT_STARTED' }, 'AUTHORIZATION_REVOKED'],
      [{ groupDisabled: true, budget: 'CAMPAIGN_DAY' }, 'AD_GROUP_DISABLED'],
    ];
    for (const [problems, status] of pairs) {
      expect(
        adDeliveryState(build({ ...HEALTHY, ...problems }, NOW), NOW).status,
        JSON.stringify(problems),
      ).toBe(status);
    }
  });
});

describe('adDeliveryState details with an injected now', () => {
  it('the schedule starts at its start instant and ends at its end instant', () => {
    const f = facts({ adGroup: adGroup({ scheduleStartAt: NOW, scheduleEndAt: NOW + MS_PER_HOUR }) });
    expect(adDeliveryState(f, NOW - 1).status).toBe('SCHEDULED');
    expect(adDeliveryState(f, NOW).status).toBe('DELIVERING');
    expect(adDeliveryState(f, NOW + MS_PER_HOUR - 1).status).toBe('DELIVERING');
    expect(adDeliveryState(f, NOW + MS_PER_HOUR).status).toBe('ENDED');
    expect(adDeliveryState(f, NOW - 1).reason).toContain('2026-11-30T10:00:00.000Z');
  });

  it('an ad group without an end never ends', () => {
    const f = facts({
      adGroup: adGroup({ scheduleType: 'SCHEDULE_FROM_NOW', scheduleEndAt: null }),
      authorizations: [authorization({ endsAt: NOW + 4000 * MS_PER_DAY })],
    });
    expect(adDeliveryState(f, NOW + 3650 * MS_PER_DAY).status).toBe('DELIVERING');
  });

  it('an authorization stops the ad at its end instant', () => {
    const f = facts({ authorizations: [authorization({ endsAt: NOW + MS_PER_HOUR })] });
    expect(adDeliveryState(f, NOW + MS_PER_HOUR - 1).status).toBe('DELIVERING');
    const ended = adDeliveryState(f, NOW + MS_PER_HOUR);
    expect(ended.status).toBe('AUTHORIZATION_EXPIRED');
    expect(ended.reason).toContain('2026-11-30T11:00:00.000Z');
  });

  it('a daily budget is exhausted when today’s spend reaches it, not a micro before', () => {
    const f = (campaignToday: number, adGroupToday: number) =>
      facts({
        campaign: campaign({ budgetMode: 'BUDGET_MODE_DAY', budgetMicros: 100 * EUR }),
        spend: { campaignToday, adGroupToday },
      });
    expect(adDeliveryState(f(100 * EUR - 1, 0), NOW).status).toBe('DELIVERING');
    expect(adDeliveryState(f(100 * EUR, 0), NOW).status).toBe('BUDGET_EXHAUSTED');
    expect(adDeliveryState(f(0, 40 * EUR - 1), NOW).status).toBe('DELIVERING');
    expect(adDeliveryState(f(0, 40 * EUR), NOW).status).toBe('BUDGET_EXHAUSTED');
  });

  it('lifetime budgets use lifetime spend; today’s spend does not exhaust them', () => {
    const f = facts({
      campaign: campaign({
        budgetMode: 'BUDGET_MODE_TOTAL',
        budgetMicros: 1000 * EUR,
        spendMicros: 999 * EUR,
      }),
      spend: { campaignToday: 5000 * EUR, adGroupToday: 0 },
    });
    expect(adDeliveryState(f, NOW).status).toBe('DELIVERING');
    const unlimited = facts({
      campaign: campaign({ budgetMode: 'BUDGET_MODE_INFINITE', budgetMicros: null, spendMicros: 10 ** 12 }),
    });
    expect(adDeliveryState(unlimited, NOW).status).toBe('DELIVERING');
  });

  it('dayparting is read in the account time zone', () => {
    // 11:00–11:30 Paris time on Mondays only (cell 22). NOW is 10:00 UTC = 11:00 in Paris.
    const grid = Array.from({ length: DAYPART_CELLS }, (_, i) => (i === 22 ? '1' : '0')).join('');
    const f = facts({ adGroup: adGroup({ dayparting: grid }) });
    expect(adDeliveryState(f, NOW).status).toBe('DELIVERING');
    expect(adDeliveryState(f, NOW + 30 * 60_000).status).toBe('OUTSIDE_DAYPARTING');
    expect(adDeliveryState({ ...f, timeZone: 'UTC' }, NOW).status).toBe('OUTSIDE_DAYPARTING');
  });

  it('the reasons a media buyer reads name the cause', () => {
    const reasonOf = (s: Partial<Scenario>) => adDeliveryState(build({ ...HEALTHY, ...s }, NOW), NOW).reason;
    expect(reasonOf({ review: 'REJECTED' })).toContain('misleading claim');
    expect(reasonOf({ groupDisabled: true })).toBe('Its ad group is paused.');
    expect(reasonOf({ groupDeleted: true })).toBe('Its ad group was deleted.');
    expect(reasonOf({ campaignDisabled: true })).toBe('The campaign is paused.');
    expect(reasonOf({ visibility: 'PRIVATE' })).toContain('private');
    expect(reasonOf({ auth: 'REVOKED' })).toContain('revoked');
  });
});

describe('pickAuthorization', () => {
  it('prefers an active authorization, the one lasting longest', () => {
    const longer = authorization({ id: 'aut_long', endsAt: NOW + 60 * MS_PER_DAY });
    const shorter = authorization({ id: 'aut_short', endsAt: NOW + 7 * MS_PER_DAY });
    const revoked = authorization({
      id: 'aut_rev',
      revokedAt: NOW - MS_PER_HOUR,
      endsAt: NOW + 300 * MS_PER_DAY,
    });
    expect(pickAuthorization([shorter, revoked, longer], NOW)?.id).toBe('aut_long');
    // With an active one present the ad delivers, though another was revoked.
    expect(adDeliveryState(facts({ authorizations: [revoked, shorter] }), NOW).status).toBe('DELIVERING');
  });

  it('without an active one, picks the one that ended last (revocation time counts as its end)', () => {
    const expiredLong = authorization({ id: 'aut_exp', endsAt: NOW - MS_PER_DAY });
    const revokedRecently = authorization({
      id: 'aut_rev',
      revokedAt: NOW - MS_PER_HOUR,
      endsAt: NOW + MS_PER_DAY,
    });
    expect(pickAuthorization([expiredLong, revokedRecently], NOW)?.id).toBe('aut_rev');
    expect(adDeliveryState(facts({ authorizations: [expiredLong, revokedRecently] }), NOW).status).toBe(
      'AUTHORIZATION_REVOKED',
    );
    const revokedLongAgo = authorization({ id: 'aut_rev', revokedAt: NOW - 3 * MS_PER_DAY });
    expect(pickAuthorization([expiredLong, revokedLongAgo], NOW)?.id).toBe('aut_exp');
    expect(pickAuthorization([], NOW)).toBeUndefined();
  });
});

describe('ad group and campaign states', () => {
  it('an ad group’s own state follows deleted > disabled > schedule > budget > dayparting', () => {
    const own = (
      g: Partial<AdGroup>,
      c: Partial<Campaign> = {},
      spend = { campaignToday: 0, adGroupToday: 0 },
    ) => adGroupOwnState(adGroup(g), campaign(c), spend, ZONE, NOW)?.status ?? null;
    expect(own({})).toBeNull();
    expect(own({ deletedAt: NOW }, { operationStatus: 'DISABLE' })).toBe('DELETED');
    expect(own({ operationStatus: 'DISABLE' }, { deletedAt: NOW })).toBe('CAMPAIGN_DISABLED');
    expect(
      own({ operationStatus: 'DISABLE' }, { budgetMode: 'BUDGET_MODE_TOTAL', spendMicros: 1000 * EUR }),
    ).toBe('DISABLED');
    expect(own({ scheduleStartAt: NOW + 1 }, { spendMicros: 1000 * EUR })).toBe('SCHEDULED');
    expect(own({ scheduleEndAt: NOW }, { spendMicros: 1000 * EUR })).toBe('ENDED');
    expect(own({ dayparting: gridOffAt(NOW) }, { spendMicros: 1000 * EUR })).toBe('BUDGET_EXHAUSTED');
    expect(own({ dayparting: gridOffAt(NOW) })).toBe('OUTSIDE_DAYPARTING');
  });

  it('an ad group delivers when one of its ads does, and says why not otherwise', () => {
    const delivering: DeliveryState = { status: 'DELIVERING', reason: 'Eligible to serve.' };
    const review: DeliveryState = { status: 'IN_REVIEW', reason: 'waiting' };
    const deleted: DeliveryState = { status: 'DELETED', reason: 'gone' };
    expect(adGroupDeliveryState(null, [review, delivering]).status).toBe('DELIVERING');
    expect(adGroupDeliveryState(null, [deleted, review])).toEqual({
      status: 'NO_DELIVERABLE_ADS',
      reason: 'No ad can serve: waiting',
    });
    expect(adGroupDeliveryState(null, [deleted])).toEqual({
      status: 'NO_DELIVERABLE_ADS',
      reason: 'The ad group has no ads yet.',
    });
    expect(adGroupDeliveryState(null, []).status).toBe('NO_DELIVERABLE_ADS');
    const paused: DeliveryState = { status: 'DISABLED', reason: 'paused' };
    expect(adGroupDeliveryState(paused, [delivering])).toBe(paused);
  });

  it('a campaign delivers when one of its ad groups does; a scheduled one explains the wait', () => {
    const delivering: DeliveryState = { status: 'DELIVERING', reason: 'Eligible to serve.' };
    const scheduled: DeliveryState = { status: 'SCHEDULED', reason: 'starts later' };
    const noAds: DeliveryState = { status: 'NO_DELIVERABLE_ADS', reason: 'no ads' };
    const deleted: DeliveryState = { status: 'DELETED', reason: 'gone' };
    expect(campaignDeliveryState(null, [noAds, delivering]).status).toBe('DELIVERING');
    expect(campaignDeliveryState(null, [noAds, scheduled])).toBe(scheduled);
    expect(campaignDeliveryState(null, [deleted]).reason).toBe('The campaign has no ad groups yet.');
    expect(campaignDeliveryState(null, [noAds]).reason).toBe('No ad group can serve: no ads');
    expect(campaignOwnState(campaign({ operationStatus: 'DISABLE' }), 0)?.status).toBe('DISABLED');
    expect(campaignOwnState(campaign({ deletedAt: NOW, operationStatus: 'DISABLE' }), 0)?.status).toBe(
      'DELETED',
    );
    expect(campaignOwnState(campaign({ budgetMode: 'BUDGET_MODE_DAY', budgetMicros: 50 }), 50)?.status).toBe(
      'BUDGET_EXHAUSTED',
    );
    expect(campaignOwnState(campaign(), 10 ** 12)).toBeNull();
  });
});
