import { sql } from 'kysely';
import { TrafficCurve } from '../delivery/pacing.js';
import type { Viewer } from '../delivery/viewer.js';
import { ManualClock } from '../domain/clock.js';
import { KindlingError } from '../domain/errors.js';
import type { Actor } from '../domain/model.js';
import { SeededRandom } from '../domain/random.js';
import type { AdEventInput, ConversionInput } from '../events/types.js';
import { createAdAccount } from '../services/access.js';
import { createAdGroup } from '../services/ad-groups.js';
import { createAd } from '../services/ads.js';
import { createAuthorization, redeemCode } from '../services/authorizations.js';
import { createCampaign } from '../services/campaigns.js';
import { syncCreator, syncPost } from '../services/platform-sync.js';
import { migrateToLatest, openStore, type Store } from '../store/database.js';
import { createSystem, type System } from '../system.js';
import type { Variant } from './baselines.js';
import { adGroupPath, refusalProblems, ScenarioError } from './scenario.js';
import type { CreatedGroup, Recorded, RecordedBucket, ServedInfo, SimTarget } from './target.js';
import type { PlannedPost, WorldPlan } from './world.js';

const PLATFORM: Actor = { kind: 'platform', id: null };

/** A campaign or ad group the services refused, as a scenario problem naming the field. */
function refused(path: string, error: unknown): never {
  if (!(error instanceof KindlingError)) throw error;
  throw new ScenarioError(
    'scenario',
    refusalProblems(path, error.errors, error.detail),
    'refused by Kindling',
  );
}
const BRAND: Actor = { kind: 'advertiser', id: 'simulator' };
const BUCKET_MS = 900_000;

export interface InProcessOptions {
  /** sqlite::memory: (default) or sqlite:<file>. */
  dbUrl?: string;
  /** SQLite durability (default NORMAL: the simulator needs no power-loss safety). */
  sqliteSynchronous?: 'FULL' | 'NORMAL';
  seed: number;
  start: number;
  /** The engine's traffic curve prior (96 UTC quarter-hours): what the platform learned from history. */
  trafficPrior: number[];
}

/** The whole system in this process on a manual clock: a simulated day takes minutes. */
export class InProcessTarget implements SimTarget {
  readonly description: string;
  readonly clock: ManualClock;
  private constructor(
    private readonly store: Store,
    readonly system: System,
    clock: ManualClock,
  ) {
    this.clock = clock;
    this.description = `in process (${store.description})`;
  }

  static async open(options: InProcessOptions, variant: Variant): Promise<InProcessTarget> {
    const store = openStore(options.dbUrl ?? 'sqlite::memory:', {
      sqliteSynchronous: options.sqliteSynchronous ?? 'NORMAL',
    });
    await migrateToLatest(store);
    const clock = new ManualClock(options.start);
    const system = await createSystem({
      store,
      clock,
      random: new SeededRandom(options.seed),
      trackingSecret: 'kindling-simulator-tracking-secret-0123456789',
      trafficCurve: new TrafficCurve(options.trafficPrior),
      engine: variant.engine,
    });
    return new InProcessTarget(store, system, clock);
  }

  async create(plan: WorldPlan, variant: Variant): Promise<CreatedGroup[]> {
    const ctx = this.system.ctx;
    for (const creator of plan.creators) {
      await syncCreator(ctx, creator.id, {
        handle: creator.handle,
        displayName: creator.displayName,
        avatarUrl: null,
        followerCount: creator.followerCount,
        region: null,
      });
      for (const post of creator.posts) {
        await syncPost(ctx, post.id, {
          creatorId: creator.id,
          caption: post.caption,
          mediaUrl: `https://cdn.example/${post.id}.mp4`,
          durationMs: post.durationMs,
          soundId: null,
          hashtags: post.hashtags,
          visibility: 'PUBLIC',
          organic: post.organic,
          publishedAt: post.publishedAt,
        });
      }
    }
    const created: CreatedGroup[] = [];
    for (const account of plan.accounts) {
      const { id: accountId } = await createAdAccount(ctx, PLATFORM, {
        name: account.name,
        currency: account.currency,
        timeZone: account.timeZone,
      });
      const redeemed = new Set<string>();
      for (const [c, campaign] of account.campaigns.entries()) {
        const { campaign: made } = await createCampaign(ctx, BRAND, accountId, campaign.input).catch(
          (error: unknown) =>
            refused(`ad_accounts[${plan.accounts.indexOf(account)}].campaigns[${c}]`, error),
        );
        for (const group of campaign.groups) {
          const { adgroup_name, ...input } = group.input;
          const view = await createAdGroup(ctx, BRAND, accountId, {
            ...input,
            name: adgroup_name,
            pacing: variant.pacing ?? input.pacing,
            campaign_id: made.id,
          }).catch((error: unknown) => refused(adGroupPath(group), error));
          const ads = new Map<string, PlannedPost>();
          for (const post of group.posts) {
            if (!redeemed.has(post.id)) {
              const { code } = await createAuthorization(ctx, post.creatorId, {
                postId: post.id,
                durationDays: 30,
                note: null,
              });
              await redeemCode(ctx, BRAND, accountId, code);
              redeemed.add(post.id);
            }
            const { ad } = await createAd(ctx, BRAND, accountId, {
              ad_group_id: view.adGroup.id,
              post_id: post.id,
              call_to_action: 'LEARN_MORE',
              landing_page_url: `https://brand${group.accountIndex}.example/landing`,
            });
            ads.set(ad.id, post);
          }
          created.push({ adGroupId: view.adGroup.id, campaignId: made.id, accountId, ads });
        }
      }
    }
    await this.system.delivery.settled();
    return created;
  }

  setTime(t: number): void {
    this.clock.set(t);
  }

  async decide(
    viewer: Viewer,
    page: { startPosition: number; organicPostIds: string[] },
    adsShown: { adId: string; position: number }[],
  ): Promise<ServedInfo[]> {
    const result = await this.system.delivery.engine.decide({ viewer, placement: 'IN_FEED', page, adsShown });
    return result.ads.map((s) => ({
      decisionId: s.decisionId,
      adId: s.record.ad.id,
      adGroupId: s.group.adGroup.id,
      token: s.trackingToken ?? '', // the simulator never dry-runs
      billingEvent: s.group.adGroup.billingEvent,
      priceMicros: s.price.chargeMicros,
    }));
  }

  async sendAdEvents(events: AdEventInput[]): Promise<void> {
    if (events.length > 0) await this.system.ingestor.submitAdEvents(events);
  }

  async sendConversions(conversions: ConversionInput[]): Promise<void> {
    if (conversions.length > 0) await this.system.ingestor.submitConversions(conversions);
  }

  async recorded(): Promise<Recorded> {
    await this.system.ingestor.flush();
    const db = this.store.db;
    const rows = await db
      .selectFrom('events')
      .select([
        'ad_group_id',
        'type',
        sql<number>`cast(occurred_at / ${BUCKET_MS} as integer)`.as('b'),
        sql<number>`count(*)`.as('n'),
        sql<number>`sum(billed_micros)`.as('billed'),
        sql<number>`sum(uncharged_micros)`.as('uncharged'),
      ])
      .where('ad_group_id', 'is not', null)
      .where('invalid_reason', 'is', null)
      .groupBy(['ad_group_id', 'type', 'b'])
      .execute();
    const buckets = new Map<string, RecordedBucket>();
    for (const row of rows) {
      const key = `${row.ad_group_id}|${row.b}`;
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = {
          adGroupId: row.ad_group_id as string,
          bucket: Number(row.b) * BUCKET_MS,
          billedMicros: 0,
          unchargedMicros: 0,
          counts: {},
        };
        buckets.set(key, bucket);
      }
      bucket.billedMicros += Number(row.billed);
      bucket.unchargedMicros += Number(row.uncharged);
      bucket.counts[row.type] = (bucket.counts[row.type] ?? 0) + Number(row.n);
    }
    const reachRows = await db
      .selectFrom('events')
      .select(['ad_group_id', sql<number>`count(distinct viewer_id)`.as('reach')])
      .where('kind', '=', 'ad')
      .where('type', '=', 'impression')
      .where('invalid_reason', 'is', null)
      .groupBy('ad_group_id')
      .execute();
    return {
      buckets: [...buckets.values()],
      reach: new Map(reachRows.map((r) => [r.ad_group_id as string, Number(r.reach)])),
      exact: true,
    };
  }

  async close(): Promise<void> {
    await this.system.close();
    await this.store.close();
  }
}
