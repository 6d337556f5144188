/** Enumerations, spelled as TikTok's Marketing API spells them wherever it has a name for the thing. */

export const POST_VISIBILITIES = ['PUBLIC', 'PRIVATE', 'DELETED', 'REMOVED'] as const;
export type PostVisibility = (typeof POST_VISIBILITIES)[number];

export const AUTHORIZATION_DURATIONS = [7, 30, 60, 365] as const;
export type AuthorizationDuration = (typeof AUTHORIZATION_DURATIONS)[number];
export const DEFAULT_AUTHORIZATION_DAYS: AuthorizationDuration = 30;

/** Derived from stored facts and the time: never stored. */
export const AUTHORIZATION_STATUSES = ['AUTHORIZED', 'BOUND', 'EXPIRED', 'REVOKED'] as const;
export type AuthorizationStatus = (typeof AUTHORIZATION_STATUSES)[number];

export const MEMBER_ROLES = ['ADMIN', 'ANALYST'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const OBJECTIVE_TYPES = [
  'REACH',
  'VIDEO_VIEWS',
  'ENGAGEMENT',
  'TRAFFIC',
  'WEB_CONVERSIONS',
  'LEAD_GENERATION',
  'APP_PROMOTION',
] as const;
export type ObjectiveType = (typeof OBJECTIVE_TYPES)[number];

export const CAMPAIGN_BUDGET_MODES = [
  'BUDGET_MODE_INFINITE',
  'BUDGET_MODE_DAY',
  'BUDGET_MODE_TOTAL',
] as const;
export type CampaignBudgetMode = (typeof CAMPAIGN_BUDGET_MODES)[number];
export const AD_GROUP_BUDGET_MODES = ['BUDGET_MODE_DAY', 'BUDGET_MODE_TOTAL'] as const;
export type AdGroupBudgetMode = (typeof AD_GROUP_BUDGET_MODES)[number];

export const OPERATION_STATUSES = ['ENABLE', 'DISABLE'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];
/** Status changes also accept DELETE (soft delete: hidden from lists, never serves again). */
export const STATUS_ACTIONS = ['ENABLE', 'DISABLE', 'DELETE'] as const;
export type StatusAction = (typeof STATUS_ACTIONS)[number];

export const PLACEMENTS = ['IN_FEED', 'TOPVIEW'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export const SCHEDULE_TYPES = ['SCHEDULE_FROM_NOW', 'SCHEDULE_START_END'] as const;
export type ScheduleType = (typeof SCHEDULE_TYPES)[number];

export const PACING_MODES = ['PACING_MODE_SMOOTH', 'PACING_MODE_FAST'] as const;
export type PacingMode = (typeof PACING_MODES)[number];

export const BILLING_EVENTS = ['CPM', 'CPC', 'CPV', 'OCPM'] as const;
export type BillingEvent = (typeof BILLING_EVENTS)[number];

export const OPTIMIZATION_GOALS = [
  'REACH',
  'SHOW',
  'CLICK',
  'VIDEO_VIEW',
  'ENGAGED_VIEW',
  'FOLLOWERS',
  'PROFILE_VIEWS',
  'ENGAGEMENT',
  'CONVERT',
] as const;
export type OptimizationGoal = (typeof OPTIMIZATION_GOALS)[number];

export const AGE_GROUPS = [
  'AGE_13_17',
  'AGE_18_24',
  'AGE_25_34',
  'AGE_35_44',
  'AGE_45_54',
  'AGE_55_100',
] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

export const GENDERS = ['GENDER_UNLIMITED', 'GENDER_MALE', 'GENDER_FEMALE'] as const;
export type GenderTarget = (typeof GENDERS)[number];
export const VIEWER_GENDERS = ['GENDER_MALE', 'GENDER_FEMALE', 'GENDER_OTHER', 'GENDER_UNKNOWN'] as const;
export type ViewerGender = (typeof VIEWER_GENDERS)[number];

export const OPERATING_SYSTEMS = ['ANDROID', 'IOS', 'OTHER'] as const;
export type OperatingSystem = (typeof OPERATING_SYSTEMS)[number];

export const CALL_TO_ACTIONS = [
  'APPLY_NOW',
  'BOOK_NOW',
  'CALL_NOW',
  'CONTACT_US',
  'DOWNLOAD_NOW',
  'EXPERIENCE_NOW',
  'GET_QUOTE',
  'GET_SHOWTIMES',
  'GET_TICKETS_NOW',
  'INSTALL_NOW',
  'INTERESTED',
  'LEARN_MORE',
  'LISTEN_NOW',
  'ORDER_NOW',
  'PLAY_GAME',
  'PREORDER_NOW',
  'READ_MORE',
  'SEND_MESSAGE',
  'SHOP_NOW',
  'SIGN_UP',
  'SUBSCRIBE',
  'VIEW_NOW',
  'VIEW_PROFILE',
  'VISIT_STORE',
  'WATCH_LIVE',
  'WATCH_NOW',
] as const;
export type CallToAction = (typeof CALL_TO_ACTIONS)[number];

export const REVIEW_STATUSES = ['PENDING', 'APPROVED', 'REJECTED'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** Which optimization goals each objective allows, and which billing events each goal can be bought with. */
export const OBJECTIVE_GOALS: Record<ObjectiveType, readonly OptimizationGoal[]> = {
  REACH: ['REACH', 'SHOW'],
  VIDEO_VIEWS: ['VIDEO_VIEW', 'ENGAGED_VIEW'],
  ENGAGEMENT: ['FOLLOWERS', 'PROFILE_VIEWS', 'ENGAGEMENT'],
  TRAFFIC: ['CLICK'],
  WEB_CONVERSIONS: ['CONVERT', 'CLICK'],
  LEAD_GENERATION: ['CONVERT', 'CLICK'],
  APP_PROMOTION: ['CLICK', 'CONVERT'],
};

export const GOAL_BILLING_EVENTS: Record<OptimizationGoal, readonly BillingEvent[]> = {
  REACH: ['CPM'],
  SHOW: ['CPM'],
  CLICK: ['CPC', 'OCPM'],
  VIDEO_VIEW: ['CPV', 'OCPM'],
  ENGAGED_VIEW: ['CPV', 'OCPM'],
  FOLLOWERS: ['OCPM'],
  PROFILE_VIEWS: ['OCPM'],
  ENGAGEMENT: ['OCPM'],
  CONVERT: ['OCPM'],
};

/** The default goal for an objective (used when an ad group omits `optimization_goal`). */
export const DEFAULT_GOAL: Record<ObjectiveType, OptimizationGoal> = {
  REACH: 'REACH',
  VIDEO_VIEWS: 'VIDEO_VIEW',
  ENGAGEMENT: 'FOLLOWERS',
  TRAFFIC: 'CLICK',
  WEB_CONVERSIONS: 'CONVERT',
  LEAD_GENERATION: 'CONVERT',
  APP_PROMOTION: 'CLICK',
};

/** Derived delivery status of a campaign, ad group or ad, with the first reason that stops it. */
export const DELIVERY_STATUSES = [
  'DELIVERING',
  'DELETED',
  'DISABLED',
  'CAMPAIGN_DISABLED',
  'AD_GROUP_DISABLED',
  'IN_REVIEW',
  'REJECTED',
  'AUTHORIZATION_EXPIRED',
  'AUTHORIZATION_REVOKED',
  'AUTHORIZATION_MISSING',
  'POST_UNAVAILABLE',
  'SCHEDULED',
  'ENDED',
  'OUTSIDE_DAYPARTING',
  'BUDGET_EXHAUSTED',
  'NO_DELIVERABLE_ADS',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
