/**
 * The shapes of the public API (see /openapi.json), as the web app reads them. Snake_case as sent;
 * money is a decimal string in the ad account currency; times are RFC 3339 UTC.
 */

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  request_id?: string;
  errors?: FieldError[];
}

export type DemoRole = 'creator' | 'brand_admin' | 'brand_analyst' | 'platform';

export interface DemoUser {
  role: DemoRole;
  label: string;
  token: string;
}

export interface Me {
  kind: 'platform' | 'creator' | 'advertiser';
  token_id: string | null;
  creator_id?: string;
  ad_account_id?: string;
  member_id?: string;
  role?: 'ADMIN' | 'ANALYST';
}

export interface Interest {
  id: string;
  name: string;
  parent_id: string | null;
}

// ---------------------------------------------------------------- creators and posts

export interface Creator {
  id: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  follower_count: number;
  region: string | null;
  follows_from_ads: number;
  created_at: string;
  updated_at: string;
}

export type PostVisibility = 'PUBLIC' | 'PRIVATE' | 'DELETED' | 'REMOVED';

export interface Counters {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  follows: number;
}

export interface Performance {
  index: number;
  percentile: number;
  label: 'TOP' | 'ABOVE_MEDIAN' | 'BELOW_MEDIAN' | 'NOT_ENOUGH_DATA';
  engagement_rate: number;
  baseline: { posts: number; median_views: number; median_engagement_rate: number };
}

export interface Post {
  id: string;
  creator_id: string;
  caption: string;
  media_url: string;
  duration_seconds: number;
  sound_id: string | null;
  hashtags: string[];
  visibility: PostVisibility;
  organic: Counters;
  paid: Counters & { profile_visits: number };
  total: Counters;
  published_at: string;
  created_at: string;
  updated_at: string;
  performance?: Performance;
}

export type AuthorizationStatus = 'AUTHORIZED' | 'BOUND' | 'EXPIRED' | 'REVOKED';
export type AuthorizationDuration = 7 | 30 | 60 | 365;

export interface Authorization {
  id: string;
  post_id: string;
  creator_id: string;
  status: AuthorizationStatus;
  code_hint: string;
  duration_days: number;
  note: string | null;
  auth_start_time: string;
  auth_end_time: string;
  days_left: number;
  revoked_at: string | null;
  ad_account: { id: string; name: string } | null;
  bound_at: string | null;
  created_at: string;
  /** The ads that use it (paused included) and the brands (ad accounts) they belong to. */
  ad_usage: {
    ad_count: number;
    brands: { ad_account_id: string; name: string; ad_count: number }[];
  };
}

export interface AuthorizationWithCode extends Authorization {
  auth_code: string;
}

// ---------------------------------------------------------------- ad accounts

export interface AdAccount {
  id: string;
  name: string;
  currency: string;
  time_zone: string;
  created_at: string;
}

export interface Member {
  id: string;
  ad_account_id: string;
  name: string;
  email: string | null;
  role: 'ADMIN' | 'ANALYST';
  created_at: string;
}

export interface SparkPost {
  id: string;
  post: Post;
  creator: Creator;
  authorization: {
    id: string;
    status: AuthorizationStatus;
    auth_start_time: string;
    auth_end_time: string;
    days_left: number;
    expiring_soon: boolean;
  };
  ad_count: number;
  first_redeemed_at: string;
  /** Trending sounds and hashtags the post uses (newer servers). */
  trending?: { is_trending: boolean; sound_id: string | null; hashtags: string[] };
}

export interface RedeemResult {
  index: number;
  status: 'REDEEMED' | 'ALREADY_REDEEMED' | 'FAILED';
  spark_post?: SparkPost;
  error?: Problem;
}

export type NotificationType =
  | 'AUTHORIZATION_REDEEMED'
  | 'AUTHORIZATION_EXPIRING_7D'
  | 'AUTHORIZATION_EXPIRING_1D'
  | 'AUTHORIZATION_EXPIRED'
  | 'AUTHORIZATION_REVOKED'
  | 'AUTHORIZATION_EXTENDED'
  | 'AD_REJECTED';

export interface AppNotification {
  id: string;
  type: NotificationType;
  title: string;
  body: string;
  authorization_id: string | null;
  data: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
}

// ---------------------------------------------------------------- campaigns, ad groups, ads

export type ObjectiveType =
  | 'REACH'
  | 'VIDEO_VIEWS'
  | 'ENGAGEMENT'
  | 'TRAFFIC'
  | 'WEB_CONVERSIONS'
  | 'LEAD_GENERATION'
  | 'APP_PROMOTION';
export type CampaignBudgetMode = 'BUDGET_MODE_INFINITE' | 'BUDGET_MODE_DAY' | 'BUDGET_MODE_TOTAL';
export type AdGroupBudgetMode = 'BUDGET_MODE_DAY' | 'BUDGET_MODE_TOTAL';
export type OperationStatus = 'ENABLE' | 'DISABLE';
export type StatusAction = OperationStatus | 'DELETE';
export type Placement = 'IN_FEED' | 'TOPVIEW';
export type ScheduleType = 'SCHEDULE_FROM_NOW' | 'SCHEDULE_START_END';
export type PacingMode = 'PACING_MODE_SMOOTH' | 'PACING_MODE_FAST';
export type BillingEvent = 'CPM' | 'CPC' | 'CPV' | 'OCPM';
export type OptimizationGoal =
  | 'REACH'
  | 'SHOW'
  | 'CLICK'
  | 'VIDEO_VIEW'
  | 'ENGAGED_VIEW'
  | 'FOLLOWERS'
  | 'PROFILE_VIEWS'
  | 'ENGAGEMENT'
  | 'CONVERT';
export type AgeGroup = 'AGE_13_17' | 'AGE_18_24' | 'AGE_25_34' | 'AGE_35_44' | 'AGE_45_54' | 'AGE_55_100';
export type Gender = 'GENDER_UNLIMITED' | 'GENDER_MALE' | 'GENDER_FEMALE';
export type OperatingSystem = 'ANDROID' | 'IOS' | 'OTHER';
export type ReviewStatus = 'PENDING' | 'APPROVED' | 'REJECTED';
export type DeliveryStatus =
  | 'DELIVERING'
  | 'DELETED'
  | 'DISABLED'
  | 'CAMPAIGN_DISABLED'
  | 'AD_GROUP_DISABLED'
  | 'IN_REVIEW'
  | 'REJECTED'
  | 'AUTHORIZATION_EXPIRED'
  | 'AUTHORIZATION_REVOKED'
  | 'AUTHORIZATION_MISSING'
  | 'POST_UNAVAILABLE'
  | 'SCHEDULED'
  | 'ENDED'
  | 'OUTSIDE_DAYPARTING'
  | 'BUDGET_EXHAUSTED'
  | 'NO_DELIVERABLE_ADS';

export interface Delivery {
  delivery_status: DeliveryStatus;
  delivery_status_reason: string;
}

export interface Campaign extends Delivery {
  id: string;
  ad_account_id: string;
  campaign_name: string;
  objective_type: ObjectiveType;
  budget_mode: CampaignBudgetMode;
  budget: string | null;
  currency: string;
  spend: string;
  operation_status: OperationStatus;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface Targeting {
  countries: string[];
  regions: string[];
  age_groups: AgeGroup[];
  gender: Gender;
  languages: string[];
  interest_category_ids: string[];
  operating_systems: OperatingSystem[];
  audience_ids: string[];
  excluded_audience_ids: string[];
}

export interface AdGroup extends Delivery {
  id: string;
  ad_account_id: string;
  campaign_id: string;
  adgroup_name: string;
  placements: Placement[];
  schedule_type: ScheduleType;
  schedule_start_time: string;
  schedule_end_time: string | null;
  time_zone: string;
  dayparting: string | null;
  targeting: Targeting;
  budget_mode: AdGroupBudgetMode;
  budget: string;
  currency: string;
  spend: string;
  pacing: PacingMode;
  billing_event: BillingEvent;
  optimization_goal: OptimizationGoal;
  bid_price: string;
  frequency: number | null;
  frequency_schedule: number | null;
  operation_status: OperationStatus;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface AdGroupInput {
  campaign_id: string;
  adgroup_name: string;
  placements: Placement[];
  schedule_type: ScheduleType;
  schedule_start_time?: string | null;
  schedule_end_time?: string | null;
  dayparting?: string | null;
  targeting?: Partial<Targeting>;
  budget_mode: AdGroupBudgetMode;
  budget: string;
  pacing: PacingMode;
  billing_event: BillingEvent;
  optimization_goal?: OptimizationGoal;
  bid_price: string;
  frequency?: number | null;
  frequency_schedule?: number | null;
}

export type CallToAction =
  | 'APPLY_NOW'
  | 'BOOK_NOW'
  | 'CALL_NOW'
  | 'CONTACT_US'
  | 'DOWNLOAD_NOW'
  | 'EXPERIENCE_NOW'
  | 'GET_QUOTE'
  | 'GET_SHOWTIMES'
  | 'GET_TICKETS_NOW'
  | 'INSTALL_NOW'
  | 'INTERESTED'
  | 'LEARN_MORE'
  | 'LISTEN_NOW'
  | 'ORDER_NOW'
  | 'PLAY_GAME'
  | 'PREORDER_NOW'
  | 'READ_MORE'
  | 'SEND_MESSAGE'
  | 'SHOP_NOW'
  | 'SIGN_UP'
  | 'SUBSCRIBE'
  | 'VIEW_NOW'
  | 'VIEW_PROFILE'
  | 'VISIT_STORE'
  | 'WATCH_LIVE'
  | 'WATCH_NOW';

export interface Ad extends Delivery {
  id: string;
  ad_account_id: string;
  campaign_id: string;
  ad_group_id: string;
  spark_post_id: string;
  post_id: string;
  ad_name: string;
  call_to_action: CallToAction | null;
  landing_page_url: string;
  operation_status: OperationStatus;
  review_status: ReviewStatus;
  review_reason: string | null;
  spend: string;
  currency: string;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
}

export type AdWarningCode =
  | 'WEAK_POST'
  | 'AUTHORIZATION_ENDS_BEFORE_SCHEDULE'
  | 'AUTHORIZATION_ENDS_SOON'
  | 'CAPTION_WITHOUT_CALL_TO_ACTION'
  /** Informational: the post uses a trending sound or hashtag. */
  | 'TRENDING_SOUND'
  | 'TRENDING_HASHTAG';

export interface AdWarning {
  code: AdWarningCode;
  message: string;
}

export interface AdWithWarnings extends Ad {
  warnings: AdWarning[];
}

// ---------------------------------------------------------------- platform

export interface ReviewItem {
  ad: Ad;
  post: Post;
  ad_account_name: string;
}

export interface PlatformSettings {
  min_campaign_budget: string;
  min_ad_group_daily_budget: string;
  currency_minimums: Record<string, { campaign: string; ad_group_daily: string }>;
  auto_approve_ads: boolean;
  blocked_domains: string[];
  allow_minor_targeting: boolean;
  creators_see_spend: boolean;
  redemption_failures_per_window: number;
  redemption_window_seconds: number;
  ad_load: {
    first_ad_slot: number;
    min_organic_between_ads: number;
    max_ads_per_viewer_per_hour: number;
    topview_per_viewer_per_day: number;
  };
  reserve_cpm: { IN_FEED: string; TOPVIEW: string };
  attribution: { view_window_hours: number; click_window_days: number };
}

export interface PlatformAdAccount {
  id: string;
  name: string;
  currency: string;
  time_zone: string;
  created_at: string;
}

// ---------------------------------------------------------------- feed decisions and events

export type ViewerGender = 'GENDER_MALE' | 'GENDER_FEMALE' | 'GENDER_OTHER' | 'GENDER_UNKNOWN';

/** A viewer as the host app describes them to POST /v1/feed/decisions. */
export interface Viewer {
  id: string;
  country?: string;
  language?: string;
  age_group?: AgeGroup;
  gender?: ViewerGender;
  os?: OperatingSystem;
  interests?: string[];
}

export interface DecisionRequest {
  viewer: Viewer;
  placement?: Placement;
  page: { start_position: number; organic_post_ids: string[] };
  session?: { ads_shown: { ad_id: string; position: number }[] };
  explain?: boolean | { ad_account_id?: string; ad_group_ids?: string[] };
  seed?: number;
  /** Decide and explain without reserving budget, recording frequency or issuing tokens. */
  dry_run?: boolean;
}

export interface ServedAd {
  slot: { index_in_page: number; session_position: number };
  ad_id: string;
  ad_group_id: string;
  campaign_id: string;
  advertiser: { ad_account_id: string; name: string };
  sponsored_label: string;
  post: {
    id: string;
    caption: string;
    media_url: string;
    duration_seconds: number;
    hashtags: string[];
    sound_id: string | null;
  };
  creator: { id: string; handle: string; display_name: string; avatar_url: string | null };
  call_to_action: CallToAction | null;
  landing_page_url: string;
  /** Null in a dry run. */
  tracking_token: string | null;
  billing_event: BillingEvent;
}

export type ExplainOutcome = 'SERVED' | 'LOST_AUCTION' | 'FILTERED';

/** One ad of an ad group that cannot deliver (NO_ELIGIBLE_ADS), with its own reason. */
export interface ExplainAd {
  ad_id: string;
  ad_name: string;
  post_id: string;
  reason: string;
  detail: string;
}

export interface ExplainEntry {
  ad_account_id: string;
  ad_account_name: string;
  campaign_id: string;
  campaign_name: string;
  ad_group_id: string;
  adgroup_name: string;
  ad_id: string | null;
  ad_name: string | null;
  post_id: string | null;
  outcome: ExplainOutcome;
  reason: string;
  detail: string;
  score: number | null;
  ecpm_micros: number | null;
  currency: string;
  billing_event: BillingEvent;
  /** The ad group's bid, a decimal string in `currency`. */
  bid: string;
  /** Served only: the charge per billing event, in micros. */
  charge_micros: number | null;
  /** Served only: the price per billing unit (1,000 impressions for CPM/oCPM, click, 6-second view). */
  price: string | null;
  ads?: ExplainAd[];
}

export interface Decision {
  decision_seed: number;
  dry_run: boolean;
  ads: ServedAd[];
  explain?: { matched_by_targeting: number; ad_groups: ExplainEntry[] };
}

export type AdEventType =
  | 'impression'
  | 'video_play'
  | 'view_2s'
  | 'view_6s'
  | 'view_p25'
  | 'view_p50'
  | 'view_p75'
  | 'view_p100'
  | 'click'
  | 'like'
  | 'comment'
  | 'share'
  | 'follow'
  | 'profile_visit';

export type PostEventType = 'view' | 'like' | 'comment' | 'share' | 'follow' | 'profile_visit';

export interface EventOutcome {
  index: number;
  status: 'ACCEPTED' | 'FLAGGED' | 'DUPLICATE' | 'REJECTED';
  event_id?: string;
  attributed_ad_id?: string | null;
  code?: string;
  message?: string;
}

export interface EventBatchResult {
  data: EventOutcome[];
  summary: { accepted: number; flagged: number; duplicate: number; rejected: number };
}

// ---------------------------------------------------------------- reports

export type DataLevel =
  | 'AUCTION_ADVERTISER'
  | 'AUCTION_CAMPAIGN'
  | 'AUCTION_ADGROUP'
  | 'AUCTION_AD'
  | 'AUCTION_CREATOR'
  | 'AUCTION_POST';

/** Cells of a report row: dimension and metric values as strings (TikTok style), null when undefined. */
export type ReportCells = Record<string, string | null>;

export interface Report {
  ad_account_id: string;
  currency: string;
  time_zone: string;
  data_level: DataLevel;
  dimensions: string[];
  metrics: string[];
  start_date: string | null;
  end_date: string | null;
  page_info: { page: number; page_size: number; total_number: number; total_page: number };
  list: { dimensions: ReportCells; metrics: ReportCells }[];
  total_metrics: ReportCells | null;
  notes: string[];
  data_freshness: { aggregated_through: string | null; aggregated_at: string | null };
}

export interface PostSplit {
  post_id: string;
  creator: { id: string; handle: string };
  ads: number;
  organic: Counters;
  paid: Counters & { profile_visits: number; impressions: number; reach: number; spend: string };
  total: Counters;
  paid_share: Record<keyof Counters, string | null>;
  follows_gained_through_ads: number;
}

export interface Comparison {
  ad_group_id: string;
  optimization_goal: OptimizationGoal;
  result_metric: string;
  by: 'AD' | 'POST' | 'CREATOR';
  currency: string;
  status: 'NOT_ENOUGH_DATA' | 'NO_CLEAR_WINNER' | 'WINNER';
  leader_id: string | null;
  basis: 'COST_PER_RESULT' | 'RESULT_RATE';
  reason: string;
  variants: {
    id: string;
    name: string | null;
    impressions: number;
    results: number;
    result_rate: string | null;
    spend: string | null;
    cost_per_result: string | null;
    probability_best: number;
    versus_leader: { z: number; p_value: number } | null;
  }[];
}

// ---------------------------------------------------------------- creator analytics and media kit

export interface PaidNumbers {
  impressions: number;
  reach: number;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  follows: number;
  profile_visits: number;
}

export interface CreatorAnalytics {
  creator_id: string;
  start_date: string | null;
  end_date: string | null;
  spend_visible: boolean;
  totals: { paid: PaidNumbers; extra_reach: number; followers_from_ads: number; organic: Counters };
  posts: {
    post_id: string;
    caption: string;
    organic: Counters;
    paid: PaidNumbers;
    brands: { ad_account_id: string; name: string; first_day: string; last_day: string }[];
  }[];
  authorizations: {
    id: string;
    post_id: string;
    status: AuthorizationStatus;
    ad_account: { id: string; name: string } | null;
    first_day: string | null;
    last_day: string | null;
    paid: PaidNumbers;
    spend?: { amount: string; currency: string };
    targeting?: { ad_group_id: string; name: string; targeting: Record<string, unknown> }[];
  }[];
}

export interface AudienceShares {
  countries: { code: string; share: number }[];
  age_groups: { age: string; share: number }[];
  genders: { gender: string; share: number }[];
}

export interface MediaKit {
  handle: string;
  display_name: string;
  avatar_url: string | null;
  region: string | null;
  headline: string | null;
  followers: number;
  average_views: number;
  engagement_rate: string | null;
  posts_counted: number;
  audience: {
    followers: (AudienceShares & { synced_at: string }) | null;
    viewers: (AudienceShares & { impressions: number }) | null;
  };
  top_posts: {
    id: string;
    caption: string;
    media_url: string;
    views: number;
    likes: number;
    comments: number;
    shares: number;
    published_at: string;
  }[];
  spark_ads: {
    brands: { name: string; since: string }[];
    extra_reach: number;
    followers_from_ads: number;
    paid_impressions: number;
  };
  published_at: string | null;
  generated_at: string;
}

export interface MediaKitSettings {
  id: string;
  published: boolean;
  published_at: string | null;
  headline: string | null;
  public_url: string;
  brands: { ad_account_id: string; name: string; since: string; shown: boolean }[];
}
