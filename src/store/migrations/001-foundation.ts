import { type Kysely, sql } from 'kysely';
import type { DialectName } from '../dialect-name.js';
import { DEFAULT_INTERESTS } from './default-interests.js';

/** Creators, posts, authorizations, ad accounts, tokens, campaigns, ad groups, ads, audit, notifications. */
export function foundation(dialect: DialectName) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('platform_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('interest_categories')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .execute();
      await db
        .insertInto('interest_categories' as never)
        .values(DEFAULT_INTERESTS.map((i) => ({ id: i.id, name: i.name, parent_id: i.parentId })) as never)
        .execute();

      await db.schema
        .createTable('creators')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('handle', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('avatar_url', 'text')
        .addColumn('follower_count', 'bigint', (c) => c.notNull())
        .addColumn('region', 'text')
        .addColumn('paid_follows', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('creators_handle_lower')
        .on('creators')
        .unique()
        .expression(sql`lower(handle)`)
        .execute();

      await db.schema
        .createTable('posts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('creator_id', 'text', (c) => c.notNull().references('creators.id'))
        .addColumn('caption', 'text', (c) => c.notNull())
        .addColumn('media_url', 'text', (c) => c.notNull())
        .addColumn('duration_ms', 'bigint', (c) => c.notNull())
        .addColumn('sound_id', 'text')
        .addColumn('hashtags', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('organic_views', 'bigint', (c) => c.notNull())
        .addColumn('organic_likes', 'bigint', (c) => c.notNull())
        .addColumn('organic_comments', 'bigint', (c) => c.notNull())
        .addColumn('organic_shares', 'bigint', (c) => c.notNull())
        .addColumn('organic_follows', 'bigint', (c) => c.notNull())
        .addColumn('paid_views', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('paid_likes', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('paid_comments', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('paid_shares', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('paid_follows', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('paid_profile_visits', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('published_at', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('posts_creator')
        .on('posts')
        .columns(['creator_id', 'published_at'])
        .execute();

      await db.schema
        .createTable('ad_accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('time_zone', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('members')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ad_account_id', 'text', (c) => c.notNull().references('ad_accounts.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text')
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('removed_at', 'bigint')
        .execute();
      await db.schema.createIndex('members_account').on('members').column('ad_account_id').execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('label', 'text')
        .addColumn('creator_id', 'text', (c) => c.references('creators.id'))
        .addColumn('ad_account_id', 'text', (c) => c.references('ad_accounts.id'))
        .addColumn('member_id', 'text', (c) => c.references('members.id'))
        .addColumn('role', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addColumn('revoked_at', 'bigint')
        .execute();

      await db.schema
        .createTable('authorizations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
        .addColumn('creator_id', 'text', (c) => c.notNull().references('creators.id'))
        .addColumn('code_hash', 'text', (c) => c.notNull().unique())
        .addColumn('code_hint', 'text', (c) => c.notNull())
        .addColumn('duration_days', 'integer', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('starts_at', 'bigint', (c) => c.notNull())
        .addColumn('ends_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('ad_account_id', 'text', (c) => c.references('ad_accounts.id'))
        .addColumn('bound_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('authorizations_post').on('authorizations').column('post_id').execute();
      await db.schema
        .createIndex('authorizations_creator')
        .on('authorizations')
        .columns(['creator_id', 'id'])
        .execute();
      await db.schema
        .createIndex('authorizations_account')
        .on('authorizations')
        .columns(['ad_account_id', 'post_id'])
        .execute();
      await db.schema.createIndex('authorizations_ends').on('authorizations').column('ends_at').execute();

      await db.schema
        .createTable('spark_posts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ad_account_id', 'text', (c) => c.notNull().references('ad_accounts.id'))
        .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
        .addColumn('creator_id', 'text', (c) => c.notNull().references('creators.id'))
        .addColumn('first_bound_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('spark_posts_account_post', ['ad_account_id', 'post_id'])
        .execute();

      await db.schema
        .createTable('campaigns')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ad_account_id', 'text', (c) => c.notNull().references('ad_accounts.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('objective_type', 'text', (c) => c.notNull())
        .addColumn('budget_mode', 'text', (c) => c.notNull())
        .addColumn('budget_micros', 'bigint')
        .addColumn('operation_status', 'text', (c) => c.notNull())
        .addColumn('spend_micros', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('deleted_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('campaigns_account')
        .on('campaigns')
        .columns(['ad_account_id', 'id'])
        .execute();

      await db.schema
        .createTable('ad_groups')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ad_account_id', 'text', (c) => c.notNull().references('ad_accounts.id'))
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('placements', 'text', (c) => c.notNull())
        .addColumn('schedule_type', 'text', (c) => c.notNull())
        .addColumn('schedule_start_at', 'bigint', (c) => c.notNull())
        .addColumn('schedule_end_at', 'bigint')
        .addColumn('dayparting', 'text')
        .addColumn('targeting', 'text', (c) => c.notNull())
        .addColumn('budget_mode', 'text', (c) => c.notNull())
        .addColumn('budget_micros', 'bigint', (c) => c.notNull())
        .addColumn('pacing', 'text', (c) => c.notNull())
        .addColumn('billing_event', 'text', (c) => c.notNull())
        .addColumn('optimization_goal', 'text', (c) => c.notNull())
        .addColumn('bid_micros', 'bigint', (c) => c.notNull())
        .addColumn('frequency', 'integer')
        .addColumn('frequency_schedule', 'integer')
        .addColumn('operation_status', 'text', (c) => c.notNull())
        .addColumn('spend_micros', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('deleted_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('ad_groups_account')
        .on('ad_groups')
        .columns(['ad_account_id', 'id'])
        .execute();
      await db.schema.createIndex('ad_groups_campaign').on('ad_groups').column('campaign_id').execute();

      await db.schema
        .createTable('ads')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ad_account_id', 'text', (c) => c.notNull().references('ad_accounts.id'))
        .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
        .addColumn('ad_group_id', 'text', (c) => c.notNull().references('ad_groups.id'))
        .addColumn('spark_post_id', 'text', (c) => c.notNull().references('spark_posts.id'))
        .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('call_to_action', 'text')
        .addColumn('landing_page_url', 'text', (c) => c.notNull())
        .addColumn('operation_status', 'text', (c) => c.notNull())
        .addColumn('review_status', 'text', (c) => c.notNull())
        .addColumn('review_reason', 'text')
        .addColumn('reviewed_at', 'bigint')
        .addColumn('reviewed_by', 'text')
        .addColumn('spend_micros', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('deleted_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('ads_account').on('ads').columns(['ad_account_id', 'id']).execute();
      await db.schema.createIndex('ads_ad_group').on('ads').column('ad_group_id').execute();
      await db.schema.createIndex('ads_post').on('ads').column('post_id').execute();
      await db.schema.createIndex('ads_review').on('ads').columns(['review_status', 'id']).execute();

      await db.schema
        .createTable('daily_spend')
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('spend_micros', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('daily_spend_pk', ['entity_id', 'local_date'])
        .execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('ad_account_id', 'text')
        .addColumn('creator_id', 'text')
        .addColumn('actor_kind', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('changes', 'text')
        .execute();
      await db.schema.createIndex('audit_account').on('audit_log').columns(['ad_account_id', 'id']).execute();
      await db.schema.createIndex('audit_creator').on('audit_log').columns(['creator_id', 'id']).execute();

      await db.schema
        .createTable('notifications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ad_account_id', 'text')
        .addColumn('creator_id', 'text')
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('authorization_id', 'text')
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('read_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('notifications_account')
        .on('notifications')
        .columns(['ad_account_id', 'id'])
        .execute();
      await db.schema
        .createIndex('notifications_creator')
        .on('notifications')
        .columns(['creator_id', 'id'])
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('principal', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('method', 'text', (c) => c.notNull())
        .addColumn('path', 'text', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('response', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['principal', 'key'])
        .execute();

      await db.schema
        .createTable('redemption_attempts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('ad_account_id', 'text', (c) => c.notNull())
        .addColumn('attempted_at', 'bigint', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('redemption_attempts_account')
        .on('redemption_attempts')
        .columns(['ad_account_id', 'attempted_at'])
        .execute();

      await db.schema
        .createTable('change_log')
        .addColumn('seq', dialect === 'postgres' ? sql`bigserial` : 'integer', (c) =>
          dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('changed_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
