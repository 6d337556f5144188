import type {
  AdGroupBudgetMode,
  AgeGroup,
  BillingEvent,
  CallToAction,
  CampaignBudgetMode,
  GenderTarget,
  MemberRole,
  ObjectiveType,
  OperatingSystem,
  OperationStatus,
  OptimizationGoal,
  PacingMode,
  Placement,
  PostVisibility,
  ReviewStatus,
  ScheduleType,
} from './enums.js';
import type { Micros } from './money.js';

/** Records as the domain sees them: camelCase, times in epoch ms (UTC), money in micros. */

export interface Creator {
  id: string;
  handle: string;
  displayName: string;
  avatarUrl: string | null;
  followerCount: number;
  region: string | null;
  /** Followers gained through Spark ads (already included in followerCount once the host syncs). */
  paidFollows: number;
  createdAt: number;
  updatedAt: number;
}

export interface EngagementCounters {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  follows: number;
}

export interface PaidCounters extends EngagementCounters {
  profileVisits: number;
}

export interface Post {
  id: string;
  creatorId: string;
  caption: string;
  mediaUrl: string;
  durationMs: number;
  soundId: string | null;
  hashtags: string[];
  visibility: PostVisibility;
  /** What the host syncs: engagement on organic surfaces (may include some attributed to ads). */
  organic: EngagementCounters;
  /** Engagement on the ad insertions themselves (reported with tracking tokens). */
  paid: PaidCounters;
  /** Organic-surface engagement credited to an ad (a viewer saw or clicked the ad first); inside `organic`. */
  attributed: PaidCounters;
  publishedAt: number;
  createdAt: number;
  updatedAt: number;
}

export interface Authorization {
  id: string;
  postId: string;
  creatorId: string;
  codeHint: string;
  durationDays: number;
  note: string | null;
  startsAt: number;
  endsAt: number;
  revokedAt: number | null;
  adAccountId: string | null;
  boundAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface AdAccount {
  id: string;
  name: string;
  currency: string;
  timeZone: string;
  createdAt: number;
  updatedAt: number;
}

export interface Member {
  id: string;
  adAccountId: string;
  name: string;
  email: string | null;
  role: MemberRole;
  createdAt: number;
  updatedAt: number;
  removedAt: number | null;
}

export interface SparkPost {
  id: string;
  adAccountId: string;
  postId: string;
  creatorId: string;
  firstBoundAt: number;
  updatedAt: number;
}

export interface Campaign {
  id: string;
  adAccountId: string;
  name: string;
  objectiveType: ObjectiveType;
  budgetMode: CampaignBudgetMode;
  budgetMicros: Micros | null;
  operationStatus: OperationStatus;
  spendMicros: Micros;
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface Targeting {
  /** ISO 3166-1 alpha-2; empty = everywhere. */
  countries: string[];
  /** Host-defined region codes (e.g. FR-IDF); empty = all. */
  regions: string[];
  ageGroups: AgeGroup[];
  gender: GenderTarget;
  /** ISO 639-1; empty = all. */
  languages: string[];
  interestCategoryIds: string[];
  operatingSystems: OperatingSystem[];
  audienceIds: string[];
  excludedAudienceIds: string[];
}

export interface AdGroup {
  id: string;
  adAccountId: string;
  campaignId: string;
  name: string;
  placements: Placement[];
  scheduleType: ScheduleType;
  scheduleStartAt: number;
  scheduleEndAt: number | null;
  /** 336 characters of 0/1, Monday 00:00 first, in the account's time zone; null = always. */
  dayparting: string | null;
  targeting: Targeting;
  budgetMode: AdGroupBudgetMode;
  budgetMicros: Micros;
  pacing: PacingMode;
  billingEvent: BillingEvent;
  optimizationGoal: OptimizationGoal;
  bidMicros: Micros;
  /** At most `frequency` impressions per viewer every `frequencySchedule` days. */
  frequency: number | null;
  frequencySchedule: number | null;
  operationStatus: OperationStatus;
  spendMicros: Micros;
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface Ad {
  id: string;
  adAccountId: string;
  campaignId: string;
  adGroupId: string;
  sparkPostId: string;
  postId: string;
  name: string;
  /** The button; null = no button (then the caption must carry the ask). */
  callToAction: CallToAction | null;
  landingPageUrl: string;
  operationStatus: OperationStatus;
  reviewStatus: ReviewStatus;
  reviewReason: string | null;
  reviewedAt: number | null;
  reviewedBy: string | null;
  spendMicros: Micros;
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** Who is acting: recorded in the audit log. */
export interface Actor {
  kind: 'platform' | 'creator' | 'advertiser' | 'system';
  id: string | null;
}
