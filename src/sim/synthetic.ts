import { ActionStats, actionFor, engagementRatio, priorMean, qualityFactor } from '../delivery/prediction.js';
import type { AdRecord, GroupRecord } from '../delivery/records.js';
import type { Viewer } from '../delivery/viewer.js';
import type {
  AgeGroup,
  BillingEvent,
  GenderTarget,
  ObjectiveType,
  OptimizationGoal,
  PacingMode,
} from '../domain/enums.js';
import type { AdAccount, Campaign, Targeting } from '../domain/model.js';
import type { RandomSource } from '../domain/random.js';
import { intBetween, logNormal, sample, WeightedChoice } from './distributions.js';
import {
  INTEREST_IDS,
  PLATFORM_AGES,
  PLATFORM_COUNTRIES,
  PLATFORM_GENDERS,
  PLATFORM_OS,
} from './world-data.js';

/**
 * Synthetic worlds for benchmarks: ad groups built directly as engine records (no database) with
 * targeting shaped like a real platform's, and viewers drawn from a realistic population. The
 * proportions (how many groups restrict each attribute) decide how many groups a viewer matches,
 * which is what the decision path's cost depends on.
 */

const countryChoice = new WeightedChoice(PLATFORM_COUNTRIES.map((c) => [c, c.weight] as const));
const ageChoice = new WeightedChoice(PLATFORM_AGES);
const genderChoice = new WeightedChoice(PLATFORM_GENDERS);
const osChoice = new WeightedChoice(PLATFORM_OS);
/** Interest popularity falls off like a Zipf law over the taxonomy's order. */
const interestChoice = new WeightedChoice(INTEREST_IDS.map((id, i) => [id, 1 / (i + 1) ** 0.6] as const));
const ADULT_AGES: AgeGroup[] = ['AGE_18_24', 'AGE_25_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_100'];
export const AUDIENCE_COUNT = 200;

/** A viewer of the platform's population. */
export function syntheticViewer(random: RandomSource, index: number): Viewer {
  const country = countryChoice.pick(random);
  const interests = new Set<string>();
  const interestCount = intBetween(random, 0, 5);
  for (let i = 0; i < interestCount; i++) interests.add(interestChoice.pick(random));
  const audiences: string[] = [];
  if (random.float() < 0.15) {
    const n = intBetween(random, 1, 3);
    for (let i = 0; i < n; i++) audiences.push(`aud-${intBetween(random, 0, AUDIENCE_COUNT - 1)}`);
  }
  return {
    id: `viewer-${index}`,
    country: country.code,
    language: random.float() < 0.9 ? country.language : 'en',
    ageGroup: ageChoice.pick(random),
    gender: genderChoice.pick(random),
    os: osChoice.pick(random),
    interests: [...interests],
    audienceIds: audiences,
  };
}

interface BuyingPlan {
  objective: ObjectiveType;
  goal: OptimizationGoal;
  billing: BillingEvent;
  /** Bid range in currency units: per mille for CPM, per click/view, per result for OCPM. */
  bid: [number, number];
}

const BUYING_PLANS = new WeightedChoice<BuyingPlan>([
  [{ objective: 'REACH', goal: 'REACH', billing: 'CPM', bid: [2, 10] }, 0.35],
  [{ objective: 'TRAFFIC', goal: 'CLICK', billing: 'CPC', bid: [0.2, 1.5] }, 0.25],
  [{ objective: 'VIDEO_VIEWS', goal: 'VIDEO_VIEW', billing: 'CPV', bid: [0.01, 0.05] }, 0.15],
  [{ objective: 'TRAFFIC', goal: 'CLICK', billing: 'OCPM', bid: [0.3, 1.2] }, 0.08],
  [{ objective: 'ENGAGEMENT', goal: 'FOLLOWERS', billing: 'OCPM', bid: [0.5, 3] }, 0.09],
  [{ objective: 'WEB_CONVERSIONS', goal: 'CONVERT', billing: 'OCPM', bid: [8, 40] }, 0.08],
]);

function micros(units: number): number {
  return Math.round(units * 100) * 10_000; // whole cents
}

function syntheticTargeting(random: RandomSource): Targeting {
  const countries = new Set<string>();
  if (random.float() < 0.92) {
    const n = random.float() < 0.7 ? 1 : intBetween(random, 2, 4);
    for (let i = 0; i < n; i++) countries.add(countryChoice.pick(random).code);
  }
  let ageGroups: AgeGroup[] = [];
  if (random.float() < 0.55) {
    const from = intBetween(random, 0, ADULT_AGES.length - 1);
    ageGroups = ADULT_AGES.slice(from, from + intBetween(random, 1, 3));
  }
  const genderDraw = random.float();
  const gender: GenderTarget =
    genderDraw < 0.8 ? 'GENDER_UNLIMITED' : genderDraw < 0.9 ? 'GENDER_FEMALE' : 'GENDER_MALE';
  const firstCountry = [...countries][0];
  const languages =
    firstCountry && random.float() < 0.1
      ? [PLATFORM_COUNTRIES.find((c) => c.code === firstCountry)?.language ?? 'en']
      : [];
  const interests = new Set<string>();
  if (random.float() < 0.55) {
    const n = intBetween(random, 1, 3);
    for (let i = 0; i < n; i++) interests.add(interestChoice.pick(random));
  }
  const audienceIds = random.float() < 0.05 ? [`aud-${intBetween(random, 0, AUDIENCE_COUNT - 1)}`] : [];
  const excluded: string[] = [];
  if (random.float() < 0.1) {
    for (let i = intBetween(random, 1, 2); i > 0; i--) {
      const id = `aud-${intBetween(random, 0, AUDIENCE_COUNT - 1)}`;
      if (!audienceIds.includes(id) && !excluded.includes(id)) excluded.push(id);
    }
  }
  return {
    countries: [...countries],
    regions: [],
    ageGroups,
    gender,
    languages,
    interestCategoryIds: [...interests],
    operatingSystems: random.float() < 0.12 ? [osChoice.pick(random)] : [],
    audienceIds,
    excludedAudienceIds: excluded,
  };
}

/** 08:00–23:00 every day (336 half-hour cells, Monday first). */
export const DAYTIME_DAYPARTING = Array.from({ length: 7 }, () =>
  '0'.repeat(16).concat('1'.repeat(30), '00'),
).join('');

function syntheticStats(
  random: RandomSource,
  record: Pick<AdRecord, 'action' | 'ratio'>,
  exploringShare: number,
): ActionStats {
  const stats = new ActionStats();
  // Most ads are past the exploration phase (2,000 impressions), as on a platform in steady state.
  stats.impressions =
    random.float() < exploringShare ? intBetween(random, 0, 1_999) : intBetween(random, 2_000, 200_000);
  if (record.action) {
    const rate = priorMean(record.action, record.ratio) * logNormal(random, 1, 0.3);
    stats.actions[record.action] = Math.round(stats.impressions * Math.min(0.9, rate));
  }
  return stats;
}

export interface SyntheticOptions {
  /** Start of the schedules (ms). */
  now: number;
  /** Ad groups per ad account. */
  groupsPerAccount?: number;
  /** Share of ads still exploring (fewer than 2,000 impressions: Thompson sampling). Default 0.1. */
  exploringShare?: number;
}

/** `count` live ad groups with 1–5 ads each, budgets too large to run out during a benchmark. */
export function syntheticGroups(
  random: RandomSource,
  count: number,
  options: SyntheticOptions,
): GroupRecord[] {
  const perAccount = options.groupsPerAccount ?? 20;
  const groups: GroupRecord[] = [];
  let account: AdAccount | null = null;
  let campaign: Campaign | null = null;
  let plan: BuyingPlan = BUYING_PLANS.pick(random);
  const t = options.now;
  for (let i = 0; i < count; i++) {
    if (i % perAccount === 0) {
      const home = countryChoice.pick(random);
      account = {
        id: `acc_${i}`,
        name: `Brand ${i / perAccount}`,
        currency: random.float() < 0.5 ? 'USD' : 'EUR',
        timeZone: home.timeZone,
        createdAt: t,
        updatedAt: t,
      };
    }
    if (i % 4 === 0 || !campaign) {
      plan = BUYING_PLANS.pick(random);
      campaign = {
        id: `cmp_${i}`,
        adAccountId: (account as AdAccount).id,
        name: `Campaign ${i}`,
        objectiveType: plan.objective,
        budgetMode: 'BUDGET_MODE_INFINITE',
        budgetMicros: null,
        operationStatus: 'ENABLE',
        spendMicros: 0,
        deletedAt: null,
        createdAt: t,
        updatedAt: t,
      };
    }
    const acc = account as AdAccount;
    const cmp = campaign;
    const pacing: PacingMode = random.float() < 0.7 ? 'PACING_MODE_SMOOTH' : 'PACING_MODE_FAST';
    const capped = random.float() < 0.4;
    const adGroup = {
      id: `adg_${i}`,
      adAccountId: acc.id,
      campaignId: cmp.id,
      name: `Ad group ${i}`,
      placements: random.float() < 0.9 ? (['IN_FEED'] as const) : (['IN_FEED', 'TOPVIEW'] as const),
      scheduleType: 'SCHEDULE_FROM_NOW' as const,
      scheduleStartAt: t - 86_400_000,
      scheduleEndAt: null,
      dayparting: random.float() < 0.1 ? DAYTIME_DAYPARTING : null,
      targeting: syntheticTargeting(random),
      budgetMode: 'BUDGET_MODE_DAY' as const,
      budgetMicros: micros(1_000_000),
      pacing,
      billingEvent: plan.billing,
      optimizationGoal: plan.goal,
      bidMicros: micros(plan.bid[0] + random.float() * (plan.bid[1] - plan.bid[0])),
      frequency: capped ? intBetween(random, 2, 5) : null,
      frequencySchedule: capped ? intBetween(random, 1, 7) : null,
      operationStatus: 'ENABLE' as const,
      spendMicros: 0,
      deletedAt: null,
      createdAt: t,
      updatedAt: t,
    };
    const ads: AdRecord[] = [];
    const adCount = Math.min(5, 1 + Math.floor(-Math.log(1 - random.float()) * 1.5));
    for (let k = 0; k < adCount; k++) {
      const ratio = engagementRatio(logNormal(random, 0.05, 0.6), 0.05);
      const action = actionFor(plan.billing, plan.goal);
      const postId = `post-${i}-${k}`;
      const partial = { action, ratio };
      ads.push({
        ad: {
          id: `ad_${i}_${k}`,
          adAccountId: acc.id,
          campaignId: cmp.id,
          adGroupId: adGroup.id,
          sparkPostId: `spk_${i}_${k}`,
          postId,
          name: `Spark ad ${i}.${k}`,
          callToAction: 'LEARN_MORE',
          landingPageUrl: `https://brand${i}.example/landing`,
          operationStatus: 'ENABLE',
          reviewStatus: 'APPROVED',
          reviewReason: null,
          reviewedAt: t,
          reviewedBy: 'auto',
          spendMicros: 0,
          deletedAt: null,
          createdAt: t,
          updatedAt: t,
        },
        creative: {
          postId,
          caption: 'Watch till the end: link in bio',
          mediaUrl: `https://cdn.example/${postId}.mp4`,
          durationMs: 30_000,
          hashtags: sample(random, ['fyp', 'viral', 'howto', 'review', 'challenge'], 2),
          soundId: null,
          creatorId: `creator-${i % 5000}`,
          creatorHandle: `creator${i % 5000}`,
          creatorDisplayName: `Creator ${i % 5000}`,
          creatorAvatarUrl: null,
        },
        authEndsAt: t + 30 * 86_400_000,
        block: null,
        ratio,
        quality: qualityFactor(ratio),
        action,
        stats: syntheticStats(random, partial, options.exploringShare ?? 0.1),
      });
    }
    groups.push({
      adGroup: { ...adGroup, placements: [...adGroup.placements] },
      campaign: cmp,
      account: acc,
      ads,
      block: null,
      pacing: undefined,
    });
  }
  return groups;
}
