import type { CreateTableBuilder, Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Reporting: rollups of the event log (per ad and local day; per ad and hour; per ad, hour and one
 * audience breakdown), reach sketches per entity and local day, the aggregator's watermark, daily
 * snapshots of post counters (trends), audience breakdowns and media kits.
 */
/** The rollup counters as of this migration (a later counter comes with its own migration). */
const COUNTERS = [
  'impressions',
  'video_plays',
  'views_2s',
  'views_6s',
  'views_p25',
  'views_p50',
  'views_p75',
  'views_p100',
  'play_ms',
  'clicks',
  'profile_visits',
  'likes',
  'comments',
  'shares',
  'follows',
  'attributed_views',
  'conversions',
  'conversion_value_micros',
  'spend_micros',
  'uncharged_micros',
  'invalid_events',
];

type Table = CreateTableBuilder<string, string>;

export function reports(dialect: DialectName) {
  const binary = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const withIds = (table: Table) =>
        table
          .addColumn('ad_account_id', 'text', (c) => c.notNull())
          .addColumn('campaign_id', 'text', (c) => c.notNull())
          .addColumn('ad_group_id', 'text', (c) => c.notNull())
          .addColumn('post_id', 'text', (c) => c.notNull())
          .addColumn('creator_id', 'text', (c) => c.notNull());
      const withCounters = (table: Table) => {
        let t: Table = table;
        for (const counter of COUNTERS) t = t.addColumn(counter, 'bigint', (c) => c.notNull().defaultTo(0));
        return t;
      };

      await withCounters(
        withIds(
          db.schema
            .createTable('report_ad_daily')
            .addColumn('ad_id', 'text', (c) => c.notNull())
            .addColumn('local_date', 'text', (c) => c.notNull()),
        ),
      )
        .addPrimaryKeyConstraint('report_ad_daily_pk', ['ad_id', 'local_date'])
        .execute();

      await withCounters(
        withIds(
          db.schema
            .createTable('report_ad_hourly')
            .addColumn('ad_id', 'text', (c) => c.notNull())
            .addColumn('hour_start', 'bigint', (c) => c.notNull())
            .addColumn('local_date', 'text', (c) => c.notNull()),
        ),
      )
        .addPrimaryKeyConstraint('report_ad_hourly_pk', ['ad_id', 'hour_start'])
        .execute();

      // One row per ad, hour and value of one breakdown (country, age, gender, platform, placement,
      // age_gender): each event lands in one row of each breakdown, so rows stay few per ad-hour.
      await withCounters(
        withIds(
          db.schema
            .createTable('report_ad_breakdown')
            .addColumn('ad_id', 'text', (c) => c.notNull())
            .addColumn('hour_start', 'bigint', (c) => c.notNull())
            .addColumn('breakdown', 'text', (c) => c.notNull())
            .addColumn('value', 'text', (c) => c.notNull())
            .addColumn('local_date', 'text', (c) => c.notNull()),
        ),
      )
        .addPrimaryKeyConstraint('report_ad_breakdown_pk', ['ad_id', 'hour_start', 'breakdown', 'value'])
        .execute();

      // The same per local day: audience reports by day or over a range read 24 times fewer rows.
      await withCounters(
        withIds(
          db.schema
            .createTable('report_ad_breakdown_daily')
            .addColumn('ad_id', 'text', (c) => c.notNull())
            .addColumn('local_date', 'text', (c) => c.notNull())
            .addColumn('breakdown', 'text', (c) => c.notNull())
            .addColumn('value', 'text', (c) => c.notNull()),
        ),
      )
        .addPrimaryKeyConstraint('report_ad_breakdown_daily_pk', [
          'ad_id',
          'local_date',
          'breakdown',
          'value',
        ])
        .execute();

      for (const table of ['report_ad_daily', 'report_ad_hourly'] as const) {
        await db.schema
          .createIndex(`${table}_account`)
          .on(table)
          .columns(['ad_account_id', 'local_date'])
          .execute();
        await db.schema
          .createIndex(`${table}_campaign`)
          .on(table)
          .columns(['campaign_id', 'local_date'])
          .execute();
      }
      await db.schema
        .createIndex('report_ad_daily_creator')
        .on('report_ad_daily')
        .columns(['creator_id', 'local_date'])
        .execute();
      for (const table of ['report_ad_breakdown', 'report_ad_breakdown_daily'] as const) {
        await db.schema
          .createIndex(`${table}_account`)
          .on(table)
          .columns(['ad_account_id', 'breakdown', 'local_date'])
          .execute();
        await db.schema
          .createIndex(`${table}_campaign`)
          .on(table)
          .columns(['campaign_id', 'breakdown', 'local_date'])
          .execute();
      }

      // Reach sketches per entity (ad, ad group, campaign, ad account) and local date of its account.
      await db.schema
        .createTable('reach_daily')
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('local_date', 'text', (c) => c.notNull())
        .addColumn('ad_account_id', 'text', (c) => c.notNull())
        .addColumn('campaign_id', 'text')
        .addColumn('ad_group_id', 'text')
        .addColumn('post_id', 'text')
        .addColumn('creator_id', 'text')
        .addColumn('sketch', binary, (c) => c.notNull())
        .addPrimaryKeyConstraint('reach_daily_pk', ['level', 'entity_id', 'local_date'])
        .execute();
      await db.schema
        .createIndex('reach_daily_account')
        .on('reach_daily')
        .columns(['ad_account_id', 'level', 'local_date'])
        .execute();
      await db.schema
        .createIndex('reach_daily_campaign')
        .on('reach_daily')
        .columns(['campaign_id', 'level', 'local_date'])
        .execute();
      await db.schema
        .createIndex('reach_daily_creator')
        .on('reach_daily')
        .columns(['creator_id', 'level'])
        .execute();

      await db.schema
        .createTable('report_watermarks')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('position', 'text', (c) => c.notNull())
        .addColumn('processed', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db
        .insertInto('report_watermarks' as never)
        .values({ name: 'events', position: '', processed: 0, updated_at: 0 } as never)
        .execute();

      // Viewers of a creator's ads by country, age group and gender (impressions Kindling saw).
      await db.schema
        .createTable('creator_audience')
        .addColumn('creator_id', 'text', (c) => c.notNull())
        .addColumn('breakdown', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('impressions', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('creator_audience_pk', ['creator_id', 'breakdown', 'value'])
        .execute();

      // What the host knows of a creator's followers (shares per country, age group, gender).
      await db.schema
        .createTable('host_audiences')
        .addColumn('creator_id', 'text', (c) => c.primaryKey().references('creators.id'))
        .addColumn('data', 'text', (c) => c.notNull())
        .addColumn('synced_at', 'bigint', (c) => c.notNull())
        .execute();

      // The host-synced counters of each post, last sync of each UTC day (trends read these).
      await db.schema
        .createTable('post_daily_stats')
        .addColumn('post_id', 'text', (c) => c.notNull())
        .addColumn('stat_date', 'text', (c) => c.notNull())
        .addColumn('views', 'bigint', (c) => c.notNull())
        .addColumn('likes', 'bigint', (c) => c.notNull())
        .addColumn('comments', 'bigint', (c) => c.notNull())
        .addColumn('shares', 'bigint', (c) => c.notNull())
        .addColumn('follows', 'bigint', (c) => c.notNull())
        .addColumn('recorded_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('post_daily_stats_pk', ['post_id', 'stat_date'])
        .execute();
      await db.schema
        .createIndex('post_daily_stats_date')
        .on('post_daily_stats')
        .column('stat_date')
        .execute();

      await db.schema
        .createTable('media_kits')
        .addColumn('creator_id', 'text', (c) => c.primaryKey().references('creators.id'))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('headline', 'text')
        .addColumn('shown_ad_account_ids', 'text', (c) => c.notNull())
        .addColumn('published_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
