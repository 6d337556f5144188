import type { Executor } from '../store/database.js';
import { runCompiled } from './compiled.js';

type Counter = 'views' | 'likes' | 'comments' | 'shares' | 'follows' | 'profile_visits';

/** Counter changes of one batch, summed per row so the transaction does one update per row. */
export class Deltas {
  readonly spendByAd = new Map<string, number>();
  readonly spendByAdGroup = new Map<string, number>();
  readonly spendByCampaign = new Map<string, number>();
  /** `${entity}|${date}` → micros. */
  readonly dailySpend = new Map<string, number>();
  /** post → column → count. */
  readonly posts = new Map<string, Map<string, number>>();
  readonly creatorFollows = new Map<string, number>();

  spend(adId: string, adGroupId: string, campaignId: string, date: string, micros: number): void {
    add(this.spendByAd, adId, micros);
    add(this.spendByAdGroup, adGroupId, micros);
    add(this.spendByCampaign, campaignId, micros);
    for (const entity of [adId, adGroupId, campaignId]) add(this.dailySpend, `${entity}|${date}`, micros);
  }

  /** Engagement on the ad itself. */
  paid(postId: string, creatorId: string, counter: Counter, n: number): void {
    this.post(postId, `paid_${counter}`, n);
    if (counter === 'follows') add(this.creatorFollows, creatorId, n);
  }

  /** Organic-surface engagement credited to an ad. */
  attributed(postId: string, creatorId: string, counter: Counter, n: number): void {
    this.post(postId, `attributed_${counter}`, n);
    if (counter === 'follows') add(this.creatorFollows, creatorId, n);
  }

  private post(postId: string, column: string, n: number): void {
    let columns = this.posts.get(postId);
    if (!columns) {
      columns = new Map();
      this.posts.set(postId, columns);
    }
    add(columns, column, n);
  }
}

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

const POST_COLUMNS = new Set([
  'paid_views',
  'paid_likes',
  'paid_comments',
  'paid_shares',
  'paid_follows',
  'paid_profile_visits',
  'attributed_views',
  'attributed_likes',
  'attributed_comments',
  'attributed_shares',
  'attributed_follows',
  'attributed_profile_visits',
]);

/** Writes the batch's counter changes (inside the batch's transaction). */
export async function applyDeltas(db: Executor, d: Deltas): Promise<void> {
  const spend = [
    ['ads', d.spendByAd],
    ['ad_groups', d.spendByAdGroup],
    ['campaigns', d.spendByCampaign],
  ] as const;
  for (const [table, amounts] of spend) {
    for (const [id, micros] of amounts) {
      await runCompiled(
        db,
        `spend:${table}`,
        ([m, i]) =>
          db
            .updateTable(table)
            .set((eb) => ({ spend_micros: eb('spend_micros', '+', m as number) }))
            .where('id', '=', i as string),
        [micros, id],
      );
    }
  }
  for (const [key, micros] of d.dailySpend) {
    const [entity, date] = key.split('|') as [string, string];
    await runCompiled(
      db,
      'daily_spend',
      ([e, day, m, again]) =>
        db
          .insertInto('daily_spend')
          .values({ entity_id: e as string, local_date: day as string, spend_micros: m as number })
          .onConflict((oc) =>
            oc
              .columns(['entity_id', 'local_date'])
              .doUpdateSet((eb) => ({ spend_micros: eb('daily_spend.spend_micros', '+', again as number) })),
          ),
      [entity, date, micros, micros],
    );
  }
  for (const [postId, columns] of d.posts) {
    const names = [...columns.keys()];
    for (const column of names)
      if (!POST_COLUMNS.has(column)) throw new Error(`unknown post counter ${column}`);
    await runCompiled(
      db,
      `posts:${names.join(',')}`,
      (params) =>
        db
          .updateTable('posts')
          .set((eb) => {
            const set: Record<string, unknown> = {};
            names.forEach((column, i) => {
              set[column] = eb(column as 'paid_likes', '+', params[i] as number);
            });
            return set;
          })
          .where('id', '=', params[names.length] as string),
      [...columns.values(), postId],
    );
  }
  for (const [creatorId, n] of d.creatorFollows) {
    await runCompiled(
      db,
      'creator_follows',
      ([count, id]) =>
        db
          .updateTable('creators')
          .set((eb) => ({ paid_follows: eb('paid_follows', '+', count as number) }))
          .where('id', '=', id as string),
      [n, creatorId],
    );
  }
}
