import type { ColumnType, Generated } from 'kysely';

/**
 * Kysely table types. Times are epoch milliseconds (UTC) in BIGINT columns; money is integer micros
 * in BIGINT columns; lists and objects are JSON text. Both dialects return BIGINT as a JS number
 * (see dialects/postgres.ts), and every value fits Number.MAX_SAFE_INTEGER.
 */
export interface Database {
  platform_settings: PlatformSettingsTable;
  interest_categories: InterestCategoryTable;
  creators: CreatorTable;
  posts: PostTable;
  authorizations: AuthorizationTable;
  ad_accounts: AdAccountTable;
  members: MemberTable;
  api_tokens: ApiTokenTable;
  spark_posts: SparkPostTable;
  campaigns: CampaignTable;
  ad_groups: AdGroupTable;
  ads: AdTable;
  daily_spend: DailySpendTable;
  audit_log: AuditLogTable;
  notifications: NotificationTable;
  idempotency_keys: IdempotencyKeyTable;
  redemption_attempts: RedemptionAttemptTable;
  change_log: ChangeLogTable;
  events: EventTable;
  report_ad_daily: ReportAdDailyTable;
  report_ad_hourly: ReportAdHourlyTable;
  report_ad_breakdown: ReportAdBreakdownTable;
  report_ad_breakdown_daily: ReportAdBreakdownDailyTable;
  reach_daily: ReachDailyTable;
  report_watermarks: ReportWatermarkTable;
  creator_audience: CreatorAudienceTable;
  host_audiences: HostAudienceTable;
  post_daily_stats: PostDailyStatsTable;
  media_kits: MediaKitTable;
}

export interface PlatformSettingsTable {
  key: string;
  value: string;
  updated_at: number;
}

export interface InterestCategoryTable {
  id: string;
  name: string;
  parent_id: string | null;
}

export interface CreatorTable {
  id: string;
  handle: string;
  display_name: string;
  avatar_url: string | null;
  follower_count: number;
  region: string | null;
  paid_follows: ColumnType<number, number | undefined, number>;
  created_at: number;
  updated_at: number;
}

export interface PostTable {
  id: string;
  creator_id: string;
  caption: string;
  media_url: string;
  duration_ms: number;
  sound_id: string | null;
  hashtags: string;
  visibility: string;
  organic_views: number;
  organic_likes: number;
  organic_comments: number;
  organic_shares: number;
  organic_follows: number;
  paid_views: ColumnType<number, number | undefined, number>;
  paid_likes: ColumnType<number, number | undefined, number>;
  paid_comments: ColumnType<number, number | undefined, number>;
  paid_shares: ColumnType<number, number | undefined, number>;
  paid_follows: ColumnType<number, number | undefined, number>;
  paid_profile_visits: ColumnType<number, number | undefined, number>;
  /** Organic-surface engagement attributed to an ad (inside the organic counters the host syncs). */
  attributed_views: ColumnType<number, number | undefined, number>;
  attributed_likes: ColumnType<number, number | undefined, number>;
  attributed_comments: ColumnType<number, number | undefined, number>;
  attributed_shares: ColumnType<number, number | undefined, number>;
  attributed_follows: ColumnType<number, number | undefined, number>;
  attributed_profile_visits: ColumnType<number, number | undefined, number>;
  published_at: number;
  created_at: number;
  updated_at: number;
}

export interface AuthorizationTable {
  id: string;
  post_id: string;
  creator_id: string;
  code_hash: string;
  code_hint: string;
  duration_days: number;
  note: string | null;
  starts_at: number;
  ends_at: number;
  revoked_at: number | null;
  ad_account_id: string | null;
  bound_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AdAccountTable {
  id: string;
  name: string;
  currency: string;
  time_zone: string;
  created_at: number;
  updated_at: number;
}

export interface MemberTable {
  id: string;
  ad_account_id: string;
  name: string;
  email: string | null;
  role: string;
  created_at: number;
  updated_at: number;
  removed_at: number | null;
}

export interface ApiTokenTable {
  id: string;
  token_hash: string;
  kind: string;
  label: string | null;
  creator_id: string | null;
  ad_account_id: string | null;
  member_id: string | null;
  role: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface SparkPostTable {
  id: string;
  ad_account_id: string;
  post_id: string;
  creator_id: string;
  first_bound_at: number;
  updated_at: number;
}

export interface CampaignTable {
  id: string;
  ad_account_id: string;
  name: string;
  objective_type: string;
  budget_mode: string;
  budget_micros: number | null;
  operation_status: string;
  spend_micros: ColumnType<number, number | undefined, number>;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AdGroupTable {
  id: string;
  ad_account_id: string;
  campaign_id: string;
  name: string;
  placements: string;
  schedule_type: string;
  schedule_start_at: number;
  schedule_end_at: number | null;
  dayparting: string | null;
  targeting: string;
  budget_mode: string;
  budget_micros: number;
  pacing: string;
  billing_event: string;
  optimization_goal: string;
  bid_micros: number;
  frequency: number | null;
  frequency_schedule: number | null;
  operation_status: string;
  spend_micros: ColumnType<number, number | undefined, number>;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface AdTable {
  id: string;
  ad_account_id: string;
  campaign_id: string;
  ad_group_id: string;
  spark_post_id: string;
  post_id: string;
  name: string;
  call_to_action: string | null;
  landing_page_url: string;
  operation_status: string;
  review_status: string;
  review_reason: string | null;
  reviewed_at: number | null;
  reviewed_by: string | null;
  spend_micros: ColumnType<number, number | undefined, number>;
  deleted_at: number | null;
  created_at: number;
  updated_at: number;
}

/** Spend per entity (campaign, ad group or ad id) and local date of its ad account's time zone. */
export interface DailySpendTable {
  entity_id: string;
  local_date: string;
  spend_micros: number;
}

export interface AuditLogTable {
  id: string;
  occurred_at: number;
  ad_account_id: string | null;
  creator_id: string | null;
  actor_kind: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  changes: string | null;
}

export interface NotificationTable {
  id: string;
  ad_account_id: string | null;
  creator_id: string | null;
  type: string;
  authorization_id: string | null;
  dedupe_key: string;
  title: string;
  body: string;
  data: string;
  created_at: number;
  read_at: number | null;
}

export interface IdempotencyKeyTable {
  principal: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  status_code: number | null;
  response: string | null;
  created_at: number;
}

export interface RedemptionAttemptTable {
  id: string;
  ad_account_id: string;
  attempted_at: number;
  outcome: string;
}

/** Append-only feed of changed entities, written in the same transaction as the change. */
export interface ChangeLogTable {
  seq: Generated<number>;
  entity_type: string;
  entity_id: string;
  changed_at: number;
}

/**
 * The event log. `kind`: `ad` (reported with a tracking token), `post` (host engagement on organic
 * surfaces; `attributed` = 1 when credited to an ad) or `conversion`. Invalid traffic is kept with
 * `invalid_reason` set and never billed or counted as paid.
 */
export interface EventTable {
  id: string;
  dedupe_key: string;
  kind: string;
  type: string;
  decision_id: string | null;
  ad_id: string | null;
  ad_group_id: string | null;
  campaign_id: string | null;
  ad_account_id: string | null;
  post_id: string | null;
  creator_id: string | null;
  viewer_id: string | null;
  placement: string | null;
  country: string | null;
  age_group: string | null;
  gender: string | null;
  os: string | null;
  occurred_at: number;
  received_at: number;
  billed_micros: ColumnType<number, number | undefined, number>;
  uncharged_micros: ColumnType<number, number | undefined, number>;
  paid: ColumnType<number, number | undefined, number>;
  attributed: ColumnType<number, number | undefined, number>;
  invalid_reason: string | null;
  client_event_id: string | null;
  value_micros: number | null;
}

/** Rollup counters (see domain/report-metrics.ts COUNTERS): sums over the events of one bucket. */
export interface RollupCounterColumns {
  impressions: number;
  video_plays: number;
  views_2s: number;
  views_6s: number;
  views_p25: number;
  views_p50: number;
  views_p75: number;
  views_p100: number;
  play_ms: number;
  clicks: number;
  profile_visits: number;
  likes: number;
  comments: number;
  shares: number;
  follows: number;
  attributed_views: number;
  conversions: number;
  conversion_value_micros: number;
  spend_micros: number;
  uncharged_micros: number;
  invalid_events: number;
}

/** The ids an ad rolls up to, copied onto every rollup row so reports filter without joins. */
export interface RollupIdColumns {
  ad_id: string;
  ad_account_id: string;
  campaign_id: string;
  ad_group_id: string;
  post_id: string;
  creator_id: string;
}

/** Per ad and local date of its ad account's time zone. */
export interface ReportAdDailyTable extends RollupIdColumns, RollupCounterColumns {
  local_date: string;
}

/** Per ad and local hour (`hour_start`: the UTC instant the local hour starts). */
export interface ReportAdHourlyTable extends RollupIdColumns, RollupCounterColumns {
  hour_start: number;
  local_date: string;
}

/** Per ad, local hour and value of one breakdown (`''` when the event did not carry it). */
export interface ReportAdBreakdownTable extends RollupIdColumns, RollupCounterColumns {
  hour_start: number;
  breakdown: string;
  value: string;
  local_date: string;
}

/** Per ad, local date and value of one breakdown. */
export interface ReportAdBreakdownDailyTable extends RollupIdColumns, RollupCounterColumns {
  local_date: string;
  breakdown: string;
  value: string;
}

/** A reach sketch (domain/hyperloglog.ts) per entity (`level`: ad, adgroup, campaign, account) and local date. */
export interface ReachDailyTable {
  level: string;
  entity_id: string;
  local_date: string;
  ad_account_id: string;
  campaign_id: string | null;
  ad_group_id: string | null;
  post_id: string | null;
  creator_id: string | null;
  sketch: Uint8Array;
}

/** How far the aggregator has read the event log (the last event id it rolled up). */
export interface ReportWatermarkTable {
  name: string;
  position: string;
  processed: number;
  updated_at: number;
}

export interface CreatorAudienceTable {
  creator_id: string;
  breakdown: string;
  value: string;
  impressions: number;
}

export interface HostAudienceTable {
  creator_id: string;
  data: string;
  synced_at: number;
}

/** The host-synced counters of a post as of the last sync of a UTC day. */
export interface PostDailyStatsTable {
  post_id: string;
  stat_date: string;
  views: number;
  likes: number;
  comments: number;
  shares: number;
  follows: number;
  recorded_at: number;
}

export interface MediaKitTable {
  creator_id: string;
  id: string;
  headline: string | null;
  shown_ad_account_ids: string;
  published_at: number | null;
  created_at: number;
  updated_at: number;
}
