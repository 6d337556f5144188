import type { Viewer } from '../delivery/viewer.js';
import type { BillingEvent } from '../domain/enums.js';
import type { FieldError } from '../domain/errors.js';
import { parseMoney } from '../domain/money.js';
import { toRfc3339 } from '../domain/time.js';
import type { AdEventInput, ConversionInput } from '../events/types.js';
import type { Variant } from './baselines.js';
import { adGroupPath, refusalProblems, ScenarioError } from './scenario.js';
import type { CreatedGroup, Recorded, RecordedBucket, ServedInfo, SimTarget } from './target.js';
import type { PlannedPost, WorldPlan } from './world.js';

/**
 * Drives a running Kindling server over its public API, as a host app, creators and brands would.
 * The server keeps its own clock: with `speed` = s, the simulator waits so that one real second
 * carries s simulated seconds (0: as fast as the server answers, a load test). Spend per hour is
 * estimated from the prices in the tracking tokens of the billed events the server accepted (its
 * own capping is not visible over the API); `serverSpend` reads the totals it stored.
 */
export interface HttpTargetOptions {
  baseUrl: string;
  platformToken: string;
  /** Suffix that makes this run's creator and post ids unique on the server. */
  tag: string;
  speed: number;
}

const BUCKET_MS = 900_000;
const BILLED_TYPE: Record<BillingEvent, string> = {
  CPM: 'impression',
  OCPM: 'impression',
  CPC: 'click',
  CPV: 'view_6s',
};

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies of the API are read field by field
type Json = any;

/** A response of 300 or more; `problem` is its problem+json body when it has one. */
export class HttpError extends Error {
  readonly problem: { detail?: string; errors?: FieldError[] } | null;
  constructor(
    method: string,
    path: string,
    readonly status: number,
    body: string,
  ) {
    super(`${method} ${path}: ${status} ${body.slice(0, 500)}`);
    let problem: HttpError['problem'] = null;
    try {
      problem = JSON.parse(body);
    } catch {
      // not JSON
    }
    this.problem = problem;
  }
}

export class HttpTarget implements SimTarget {
  readonly description: string;
  private readonly admins = new Map<string, string>();
  private readonly currencies = new Map<string, string>();
  private readonly campaigns: { accountId: string; campaignId: string }[] = [];
  private readonly served = new Map<
    string,
    { adGroupId: string; billing: BillingEvent; price: number; viewer: string }
  >();
  private readonly buckets = new Map<string, RecordedBucket>();
  private readonly viewers = new Map<string, Set<string>>();
  private groups: CreatedGroup[] = [];
  /** Simulated and real time of the first paced request (the first feed page). */
  private start: { sim: number; real: number } | null = null;
  private simNow = 0;

  constructor(private readonly options: HttpTargetOptions) {
    this.description = `over HTTP (${options.baseUrl})`;
  }

  private async call(token: string, method: string, path: string, body?: unknown): Promise<Json> {
    const res = await fetch(new URL(path, this.options.baseUrl), {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new HttpError(method, path, res.status, text);
    return text ? JSON.parse(text) : null;
  }

  /** Creates a campaign or ad group; a 400 becomes a scenario problem naming the field. */
  private async createEntity(
    scenarioPath: string,
    token: string,
    path: string,
    body: unknown,
  ): Promise<Json> {
    try {
      return await this.call(token, 'POST', path, body);
    } catch (error) {
      if (!(error instanceof HttpError) || error.status !== 400 || !error.problem) throw error;
      const { errors, detail } = error.problem;
      throw new ScenarioError(
        'scenario',
        refusalProblems(scenarioPath, errors ?? [], detail ?? error.message),
        `refused by ${this.options.baseUrl}`,
      );
    }
  }

  private id(raw: string): string {
    return `${raw}-${this.options.tag}`;
  }

  async create(plan: WorldPlan, variant: Variant): Promise<CreatedGroup[]> {
    if (variant.engine.pacingPolicy || variant.engine.selection)
      throw new Error(`the ${variant.name} baseline changes the engine: it runs in process only`);
    const P = this.options.platformToken;
    const creatorTokens = new Map<string, string>();
    for (const creator of plan.creators) {
      await this.call(P, 'PUT', `/v1/platform/creators/${this.id(creator.id)}`, {
        // Handles are unique and at most 64 characters: keep the end (it holds the creator's number).
        handle: `${creator.handle.slice(-40)}_${this.options.tag}`,
        display_name: creator.displayName,
        follower_count: creator.followerCount,
      });
      for (const post of creator.posts) {
        await this.call(P, 'PUT', `/v1/platform/posts/${this.id(post.id)}`, {
          creator_id: this.id(creator.id),
          caption: post.caption,
          media_url: `https://cdn.example/${post.id}.mp4`,
          duration_seconds: post.durationMs / 1000,
          hashtags: post.hashtags,
          visibility: 'PUBLIC',
          organic: post.organic,
          published_at: toRfc3339(post.publishedAt),
        });
      }
      creatorTokens.set(
        creator.id,
        (await this.call(P, 'POST', `/v1/platform/creators/${this.id(creator.id)}/tokens`, {})).token,
      );
    }
    const created: CreatedGroup[] = [];
    for (const account of plan.accounts) {
      const accountId: string = (
        await this.call(P, 'POST', '/v1/platform/ad-accounts', {
          name: account.name,
          currency: account.currency,
          time_zone: account.timeZone,
        })
      ).id;
      const admin: string = (
        await this.call(P, 'POST', `/v1/platform/ad-accounts/${accountId}/members`, {
          name: 'Simulator',
          role: 'ADMIN',
        })
      ).token.token;
      this.admins.set(accountId, admin);
      this.currencies.set(accountId, account.currency);
      const redeemed = new Set<string>();
      for (const [c, campaign] of account.campaigns.entries()) {
        const { name, ...rest } = campaign.input;
        const campaignId: string = (
          await this.createEntity(
            `ad_accounts[${plan.accounts.indexOf(account)}].campaigns[${c}]`,
            admin,
            `/v1/ad-accounts/${accountId}/campaigns`,
            { campaign_name: name, ...rest, ...(rest.budget === null && { budget: undefined }) },
          )
        ).id;
        this.campaigns.push({ accountId, campaignId });
        for (const group of campaign.groups) {
          const adGroupId: string = (
            await this.createEntity(adGroupPath(group), admin, `/v1/ad-accounts/${accountId}/ad-groups`, {
              ...group.input,
              pacing: variant.pacing ?? group.input.pacing,
              campaign_id: campaignId,
            })
          ).id;
          const ads = new Map<string, PlannedPost>();
          for (const post of group.posts) {
            const postId = this.id(post.id);
            if (!redeemed.has(postId)) {
              const token = creatorTokens.get(post.creatorId) as string;
              const auth = await this.call(token, 'POST', `/v1/creator/posts/${postId}/authorizations`, {});
              await this.call(admin, 'POST', `/v1/ad-accounts/${accountId}/spark-posts`, {
                auth_code: auth.auth_code,
              });
              redeemed.add(postId);
            }
            const ad = await this.call(admin, 'POST', `/v1/ad-accounts/${accountId}/ads`, {
              ad_group_id: adGroupId,
              post_id: postId,
              call_to_action: 'LEARN_MORE',
              landing_page_url: `https://brand${group.accountIndex}.example/landing`,
            });
            ads.set(ad.id, post);
          }
          created.push({ adGroupId, campaignId, accountId, ads });
        }
      }
    }
    this.groups = created;
    return created;
  }

  setTime(t: number): void {
    this.simNow = t;
  }

  /**
   * With a speed, waits until the real clock catches up with the simulated one, counted from the
   * first feed page (world creation and the quiet hour before the window are not waited for).
   */
  private async pace(): Promise<void> {
    if (this.options.speed <= 0) return;
    if (this.start === null) {
      this.start = { sim: this.simNow, real: performance.now() };
      return;
    }
    const due = (this.simNow - this.start.sim) / this.options.speed;
    const wait = due - (performance.now() - this.start.real);
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
  }

  async decide(
    viewer: Viewer,
    page: { startPosition: number; organicPostIds: string[] },
    adsShown: { adId: string; position: number }[],
  ): Promise<ServedInfo[]> {
    await this.pace();
    const body = await this.call(this.options.platformToken, 'POST', '/v1/feed/decisions', {
      viewer: {
        id: viewer.id,
        country: viewer.country,
        language: viewer.language,
        age_group: viewer.ageGroup,
        gender: viewer.gender,
        os: viewer.os,
        interests: viewer.interests,
        audience_ids: viewer.audienceIds,
      },
      page: { start_position: page.startPosition, organic_post_ids: page.organicPostIds },
      session: { ads_shown: adsShown.map((a) => ({ ad_id: a.adId, position: a.position })) },
    });
    return (body.ads as Json[]).map((ad) => {
      // The token's payload is readable (only its signature is secret): decision id and price.
      const claims = JSON.parse(
        Buffer.from(String(ad.tracking_token).split('.')[0] as string, 'base64url').toString('utf8'),
      );
      const info: ServedInfo = {
        decisionId: claims.d,
        adId: ad.ad_id,
        adGroupId: ad.ad_group_id,
        token: ad.tracking_token,
        billingEvent: ad.billing_event,
        priceMicros: claims.pr,
      };
      this.served.set(info.decisionId, {
        adGroupId: info.adGroupId,
        billing: info.billingEvent,
        price: info.priceMicros,
        viewer: viewer.id,
      });
      return info;
    });
  }

  async sendAdEvents(events: AdEventInput[]): Promise<void> {
    if (events.length === 0) return;
    await this.pace();
    const body = await this.call(this.options.platformToken, 'POST', '/v1/events', {
      events: events.map((e) => ({
        client_event_id: e.clientEventId,
        tracking_token: e.token,
        type: e.type,
        viewer_id: e.viewerId,
      })),
    });
    (body.data as Json[]).forEach((outcome, i) => {
      const event = events[i] as AdEventInput;
      const decision = event.clientEventId.split(':')[0] as string;
      const served = this.served.get(decision);
      if (outcome.status !== 'ACCEPTED' || !served) return;
      const bucketStart = Math.floor(this.simNow / BUCKET_MS) * BUCKET_MS;
      const key = `${served.adGroupId}|${bucketStart}`;
      const bucket = this.buckets.get(key) ?? {
        adGroupId: served.adGroupId,
        bucket: bucketStart,
        billedMicros: 0,
        unchargedMicros: 0,
        counts: {},
      };
      bucket.counts[event.type] = (bucket.counts[event.type] ?? 0) + 1;
      if (BILLED_TYPE[served.billing] === event.type) bucket.billedMicros += served.price;
      this.buckets.set(key, bucket);
      if (event.type === 'impression') {
        const seen = this.viewers.get(served.adGroupId) ?? new Set<string>();
        seen.add(served.viewer);
        this.viewers.set(served.adGroupId, seen);
      }
    });
  }

  async sendConversions(conversions: ConversionInput[]): Promise<void> {
    const byAccount = new Map<string, ConversionInput[]>();
    for (const c of conversions) byAccount.set(c.adAccountId, [...(byAccount.get(c.adAccountId) ?? []), c]);
    for (const [accountId, list] of byAccount) {
      const body = await this.call(this.admins.get(accountId) as string, 'POST', '/v1/conversions', {
        conversions: list.map((c) => ({
          conversion_id: c.conversionId,
          click_id: c.clickId,
          event_name: c.eventName,
        })),
      });
      (body.data as Json[]).forEach((outcome, i) => {
        const served = this.served.get((list[i] as ConversionInput).clickId);
        if (outcome.status !== 'ACCEPTED' || !served) return;
        const bucketStart = Math.floor(this.simNow / BUCKET_MS) * BUCKET_MS;
        const key = `${served.adGroupId}|${bucketStart}`;
        const bucket = this.buckets.get(key) ?? {
          adGroupId: served.adGroupId,
          bucket: bucketStart,
          billedMicros: 0,
          unchargedMicros: 0,
          counts: {},
        };
        bucket.counts.conversion = (bucket.counts.conversion ?? 0) + 1;
        this.buckets.set(key, bucket);
      });
    }
  }

  async recorded(): Promise<Recorded> {
    return {
      buckets: [...this.buckets.values()],
      reach: new Map([...this.viewers].map(([id, set]) => [id, set.size])),
      exact: false,
      stored: await this.serverSpend(),
    };
  }

  /** The server's own spend total per ad group (micros, to the currency's precision). */
  async serverSpend(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const g of this.groups) {
      const view = await this.call(
        this.admins.get(g.accountId) as string,
        'GET',
        `/v1/ad-accounts/${g.accountId}/ad-groups/${g.adGroupId}`,
      );
      const spend = parseMoney(String(view.spend), this.currencies.get(g.accountId) ?? 'USD');
      if (spend.ok) out.set(g.adGroupId, spend.micros);
    }
    return out;
  }

  /**
   * Disables the campaigns this run created, so that the next run (or simulation) on the same
   * server does not compete with them. Best effort: a failure here must not hide the run's own.
   */
  async close(): Promise<void> {
    for (const { accountId, campaignId } of this.campaigns) {
      await this.call(
        this.admins.get(accountId) as string,
        'POST',
        `/v1/ad-accounts/${accountId}/campaigns/${campaignId}/status`,
        { operation_status: 'DISABLE' },
      ).catch(() => undefined);
    }
  }
}
