import type { AdGroupInput, CampaignInput } from '../domain/campaign-rules.js';
import type { EngagementCounters } from '../domain/model.js';
import type { RandomSource } from '../domain/random.js';
import { DAYPART_CELLS } from '../domain/time.js';
import { intBetween, logNormal, sample, weightedFromRecord } from './distributions.js';
import type { Scenario, ScenarioAdGroup, ScenarioCampaign } from './scenario-schema.js';

/**
 * The scenario's world, planned before anything is created: creators and their posts (with organic
 * stats and a topic), and the ad accounts' campaigns, ad groups and the posts of their ads. A
 * target (in-process services or a server over HTTP) then creates it as a host, creators and
 * brands would, and reports the ids it got.
 */
export interface PlannedPost {
  id: string;
  creatorId: string;
  topic: string;
  /** Organic engagement relative to the scenario's median (1 = a median post). */
  quality: number;
  durationMs: number;
  caption: string;
  hashtags: string[];
  organic: EngagementCounters;
  publishedAt: number;
}

export interface PlannedCreator {
  id: string;
  handle: string;
  displayName: string;
  followerCount: number;
  posts: PlannedPost[];
}

export interface PlannedAdGroup {
  /** Unique label: "account / campaign / ad group". */
  label: string;
  accountIndex: number;
  campaignIndex: number;
  /** Index of its entry in the campaign's `ad_groups` (copies made by `count` share it). */
  groupIndex: number;
  spec: ScenarioAdGroup;
  input: Omit<AdGroupInput, 'name'> & { adgroup_name: string };
  posts: PlannedPost[];
}

export interface PlannedCampaign {
  input: CampaignInput;
  groups: PlannedAdGroup[];
}

export interface PlannedAccount {
  name: string;
  currency: string;
  timeZone: string;
  campaigns: PlannedCampaign[];
}

export interface WorldPlan {
  creators: PlannedCreator[];
  posts: Map<string, PlannedPost>;
  accounts: PlannedAccount[];
  groups: PlannedAdGroup[];
}

/** 336 half-hour cells, Monday first: on from `from` to `to` (local hours) every day. */
export function daypartingCells(from: number, to: number): string {
  let out = '';
  for (let cell = 0; cell < DAYPART_CELLS; cell++) {
    const hour = (cell % 48) / 2;
    out += hour >= from && hour < to ? '1' : '0';
  }
  return out;
}

/** What the simulator sends to create a scenario campaign (the API's fields). */
export function campaignInputOf(campaign: ScenarioCampaign): CampaignInput {
  return {
    name: campaign.name,
    objective_type: campaign.objective,
    budget_mode: campaign.budget_mode ?? 'BUDGET_MODE_INFINITE',
    budget: campaign.budget ?? null,
  };
}

/** What the simulator sends to create a scenario ad group (the API's fields): daily budget, from now. */
export function adGroupInputOf(spec: ScenarioAdGroup, name: string): PlannedAdGroup['input'] {
  const t = spec.targeting ?? {};
  return {
    adgroup_name: name,
    placements: spec.placements ?? ['IN_FEED'],
    schedule_type: 'SCHEDULE_FROM_NOW',
    dayparting: spec.dayparting ? daypartingCells(spec.dayparting.from_hour, spec.dayparting.to_hour) : null,
    targeting: {
      countries: t.countries ?? [],
      age_groups: t.age_groups ?? [],
      gender: t.gender ?? 'GENDER_UNLIMITED',
      languages: t.languages ?? [],
      interest_category_ids: t.interests ?? [],
      operating_systems: t.operating_systems ?? [],
      audience_ids: t.audiences ?? [],
      excluded_audience_ids: t.excluded_audiences ?? [],
    },
    budget_mode: 'BUDGET_MODE_DAY',
    budget: spec.budget,
    pacing: spec.pacing,
    billing_event: spec.billing_event,
    optimization_goal: spec.optimization_goal,
    bid_price: spec.bid,
    frequency: spec.frequency?.cap ?? null,
    frequency_schedule: spec.frequency?.days ?? null,
  };
}

function topicMatches(postTopic: string, wanted: readonly string[]): boolean {
  return wanted.some((w) => postTopic === w || postTopic.startsWith(`${w}.`));
}

export function planWorld(scenario: Scenario, random: RandomSource, now: number): WorldPlan {
  const c = scenario.creators;
  const topics = weightedFromRecord(c.topics);
  const creators: PlannedCreator[] = [];
  const posts = new Map<string, PlannedPost>();
  for (let i = 0; i < c.count; i++) {
    const id = `${scenario.name}-creator-${i}`;
    const creator: PlannedCreator = {
      id,
      handle: `${scenario.name.replaceAll('-', '')}${i}`,
      displayName: `Creator ${i}`,
      followerCount: Math.round(logNormal(random, 20_000, 1)),
      posts: [],
    };
    for (let k = 0; k < c.posts_per_creator; k++) {
      const rate = logNormal(random, c.engagement_rate.median, c.engagement_rate.sigma);
      const views = Math.max(200, Math.round(logNormal(random, c.views.median, c.views.sigma)));
      const engaged = Math.min(views, Math.round(views * rate));
      const topic = topics.pick(random);
      const post: PlannedPost = {
        id: `${id}-post-${k}`,
        creatorId: id,
        topic,
        quality: engaged / views / c.engagement_rate.median,
        durationMs: intBetween(random, 12, 75) * 1000,
        caption: `${topic} tips you will want to save — link in bio`,
        hashtags: [topic.split('.').pop() as string, 'fyp'],
        organic: {
          views,
          likes: Math.round(engaged * 0.8),
          comments: Math.round(engaged * 0.05),
          shares: Math.round(engaged * 0.07),
          follows:
            engaged - Math.round(engaged * 0.8) - Math.round(engaged * 0.05) - Math.round(engaged * 0.07),
        },
        publishedAt: now - intBetween(random, 1, 20) * 86_400_000,
      };
      creator.posts.push(post);
      posts.set(post.id, post);
    }
    creators.push(creator);
  }

  const allPosts = [...posts.values()];
  const groups: PlannedAdGroup[] = [];
  const accounts = scenario.ad_accounts.map((account, accountIndex) => ({
    name: account.name,
    currency: account.currency,
    timeZone: account.time_zone,
    campaigns: account.campaigns.map((campaign, campaignIndex) => {
      const planned: PlannedCampaign = { input: campaignInputOf(campaign), groups: [] };
      campaign.ad_groups.forEach((spec, groupIndex) => {
        const copies = spec.count ?? 1;
        for (let n = 1; n <= copies; n++) {
          const name = copies > 1 ? `${spec.name} #${n}` : spec.name;
          const wanted = spec.ads.topics ?? spec.targeting?.interests ?? [];
          const pool = wanted.length > 0 ? allPosts.filter((p) => topicMatches(p.topic, wanted)) : allPosts;
          const group: PlannedAdGroup = {
            label: `${account.name} / ${campaign.name} / ${name}`,
            accountIndex,
            campaignIndex,
            groupIndex,
            spec,
            input: adGroupInputOf(spec, name),
            posts: sample(random, pool.length > 0 ? pool : allPosts, spec.ads.count),
          };
          planned.groups.push(group);
          groups.push(group);
        }
      });
      return planned;
    }),
  }));
  return { creators, posts, accounts, groups };
}
