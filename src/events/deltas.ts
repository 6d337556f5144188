import type { Executor } from '../store/database.js';

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
  for (const [id, micros] of d.spendByAd) {
    await db
      .updateTable('ads')
      .set((eb) => ({ spend_micros: eb('spend_micros', '+', micros) }))
      .where('id', '=', id)
      .execute();
  }
  for (const [id, micros] of d.spendByAdGroup) {
    await db
      .updateTable('ad_groups')
      .set((eb) => ({ spend_micros: eb('spend_micros', '+', micros) }))
      .where('id', '=', id)
      .execute();
  }
  for (const [id, micros] of d.spendByCampaign) {
    await db
      .updateTable('campaigns')
      .set((eb) => ({ spend_micros: eb('spend_micros', '+', micros) }))
      .where('id', '=', id)
      .execute();
  }
  for (const [key, micros] of d.dailySpend) {
    const [entity, date] = key.split('|') as [string, string];
    await db
      .insertInto('daily_spend')
      .values({ entity_id: entity, local_date: date, spend_micros: micros })
      .onConflict((oc) =>
        oc
          .columns(['entity_id', 'local_date'])
          .doUpdateSet((eb) => ({ spend_micros: eb('daily_spend.spend_micros', '+', micros) })),
      )
      .execute();
  }
  for (const [postId, columns] of d.posts) {
    const set: Record<string, unknown> = {};
    await db
      .updateTable('posts')
      .set((eb) => {
        for (const [column, n] of columns) {
          if (!POST_COLUMNS.has(column)) throw new Error(`unknown post counter ${column}`);
          set[column] = eb(column as 'paid_likes', '+', n);
        }
        return set;
      })
      .where('id', '=', postId)
      .execute();
  }
  for (const [creatorId, n] of d.creatorFollows) {
    await db
      .updateTable('creators')
      .set((eb) => ({ paid_follows: eb('paid_follows', '+', n) }))
      .where('id', '=', creatorId)
      .execute();
  }
}
