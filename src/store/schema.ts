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
