import type { Kysely } from 'kysely';

/**
 * The event log (ad events, host post events, conversions) and the attributed-engagement counters
 * of posts. One row per event, deduplicated by `dedupe_key`; reports read rollups, never this table.
 */
export function events() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('decision_id', 'text')
        .addColumn('ad_id', 'text')
        .addColumn('ad_group_id', 'text')
        .addColumn('campaign_id', 'text')
        .addColumn('ad_account_id', 'text')
        .addColumn('post_id', 'text')
        .addColumn('creator_id', 'text')
        .addColumn('viewer_id', 'text')
        .addColumn('placement', 'text')
        .addColumn('country', 'text')
        .addColumn('age_group', 'text')
        .addColumn('gender', 'text')
        .addColumn('os', 'text')
        .addColumn('occurred_at', 'bigint', (c) => c.notNull())
        .addColumn('received_at', 'bigint', (c) => c.notNull())
        .addColumn('billed_micros', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('uncharged_micros', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('paid', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('attributed', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('invalid_reason', 'text')
        .addColumn('client_event_id', 'text')
        .addColumn('value_micros', 'bigint')
        .execute();
      await db.schema.createIndex('events_decision').on('events').columns(['decision_id', 'type']).execute();
      await db.schema
        .createIndex('events_viewer_post')
        .on('events')
        .columns(['viewer_id', 'post_id', 'occurred_at'])
        .execute();
      await db.schema.createIndex('events_ad_time').on('events').columns(['ad_id', 'occurred_at']).execute();
      await db.schema.createIndex('events_received').on('events').columns(['received_at']).execute();

      for (const column of [
        'attributed_views',
        'attributed_likes',
        'attributed_comments',
        'attributed_shares',
        'attributed_follows',
        'attributed_profile_visits',
      ]) {
        await db.schema
          .alterTable('posts')
          .addColumn(column, 'bigint', (c) => c.notNull().defaultTo(0))
          .execute();
      }
    },
  };
}
