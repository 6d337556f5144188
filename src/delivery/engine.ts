import type { Placement } from '../domain/enums.js';
import { type Micros, parseMoney } from '../domain/money.js';
import { type RandomSource, SeededRandom } from '../domain/random.js';
import type { PlatformSettings } from '../domain/settings.js';
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/time.js';
import { planSlots } from './ad-load.js';
import { auctionScore, type Bid, ecpmMicros } from './auction.js';
import { type Entry, runAuctions } from './auction-round.js';
import { drawAtLevel, isExploring } from './candidates.js';
import type { DecisionRequest, DecisionResult, EngineDeps, ExplainEntry } from './engine-types.js';
import { adBlockExplanation, explainEntry, explainScope, filterExplanation } from './explain.js';
import type { Served, ViewerHistory } from './frequency.js';
import { Frontier } from './frontier.js';
import { GroupFilters } from './group-filter.js';
import type { BudgetLine } from './ledger.js';
import { type PacingState, TrafficCurve } from './pacing.js';
import { estimateRate } from './prediction.js';
import type { AdRecord, GroupRecord } from './records.js';
import { SlotTable } from './slot-table.js';
import { ZoneCache, type ZoneNow } from './zone-cache.js';

export type * from './engine-types.js';

/**
 * The feed ad-decision engine. It holds every live ad group in memory, matches viewers through the
 * targeting index, filters by schedule, dayparting, budget, pacing and frequency, runs one
 * second-price auction per ad slot of the page, reserves the expected cost in the budget ledger and
 * signs a tracking token per ad. A decision never touches the database.
 *
 * Matched ad groups are evaluated best-first (see candidates.ts): the index keeps groups apart by
 * score band and is matched one band at a time, best first, and groups whose best possible score
 * cannot win or set a price are never matched, filtered or priced. That keeps a decision cheap when
 * thousands of groups match. Matched groups are handed out one at a time in exact order of bound,
 * so a decision evaluates only the handful of groups that can still win or set a price; a smooth
 * group whose pacing state is current is throttled from the slot table (its pass rate is mirrored
 * there) without reading its record. Explain and the random-choice baseline evaluate every matched
 * group.
 */
/** What one decision carries while its candidates are evaluated. */
interface Scope {
  now: number;
  request: DecisionRequest;
  history: ViewerHistory;
  random: RandomSource;
  explain: ExplainEntry[] | null;
  hasSlots: boolean;
  maxAds: number;
  onPage: ReadonlySet<string>;
  entries: Entry[];
  /** Set once the decision's frontier exists (evaluation happens through it). */
  frontier: Frontier | null;
}

export class DeliveryEngine {
  private readonly groups = new Map<string, GroupRecord>();
  private readonly slots = new SlotTable();
  /** The group of each ad (the ad's record is found in the group: one map entry per ad, no wrapper). */
  private readonly groupOfAd = new Map<string, GroupRecord>();
  private readonly zones = new ZoneCache();
  /** The decision being made (evaluation runs through the frontier's callback). */
  private scope: Scope | null = null;
  private readonly frontier = new Frontier(this.slots, (slot, key) =>
    this.evaluate(this.slots.bySlot[slot] as GroupRecord, slot, key, this.scope as Scope),
  );
  private readonly reserveByCurrency = new Map<string, Record<Placement, Micros>>();
  readonly traffic: TrafficCurve;
  private settingsValue: PlatformSettings;
  private readonly holdTtlMs: number;
  private readonly filters: GroupFilters;

  constructor(private readonly deps: EngineDeps) {
    this.settingsValue = deps.settings;
    this.traffic = deps.trafficCurve ?? new TrafficCurve();
    this.holdTtlMs = deps.holdTtlMs ?? 15 * 60_000;
    this.filters = new GroupFilters(deps.ledger, this.zones, this.traffic, deps.pacingPolicy ?? null, {
      opened: (group, passRate, from, until) => this.slots.setPacingWindow(group, passRate, from, until),
      closed: (group) =>
        this.slots.setPacingWindow(group, 0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    });
  }

  get settings(): PlatformSettings {
    return this.settingsValue;
  }

  set settings(value: PlatformSettings) {
    this.settingsValue = value;
    this.reserveByCurrency.clear();
  }

  get size(): { adGroups: number; indexed: number; ads: number } {
    return { adGroups: this.groups.size, indexed: this.slots.index.size, ads: this.groupOfAd.size };
  }

  group(id: string): GroupRecord | undefined {
    return this.groups.get(id);
  }

  ad(id: string): { group: GroupRecord; record: AdRecord } | undefined {
    const group = this.groupOfAd.get(id);
    const record = group?.ads.find((a) => a.ad.id === id);
    return group && record ? { group, record } : undefined;
  }

  /** Adds or replaces an ad group (with its ads); indexes it when it can deliver at all. */
  upsertGroup(group: GroupRecord): void {
    const id = group.adGroup.id;
    const previous = this.groups.get(id);
    if (previous) {
      group.pacing = previous.pacing;
      const previousAds = new Map(previous.ads.map((a) => [a.ad.id, a]));
      for (const record of group.ads) {
        const old = previousAds.get(record.ad.id);
        if (old) record.stats = old.stats;
      }
      for (const record of previous.ads) {
        this.groupOfAd.delete(record.ad.id);
        record.stats.watch(null, '');
      }
    }
    this.groups.set(id, group);
    for (const record of group.ads) {
      this.groupOfAd.set(record.ad.id, group);
      record.stats.watch(this.slots, id);
    }
    if (group.block === null) this.slots.place(group, true);
    else this.slots.remove(id);
  }

  removeGroup(adGroupId: string): void {
    const group = this.groups.get(adGroupId);
    if (!group) return;
    this.slots.remove(adGroupId);
    for (const record of group.ads) {
      this.groupOfAd.delete(record.ad.id);
      record.stats.watch(null, '');
    }
    this.groups.delete(adGroupId);
  }

  /** The group's budget lines on a local date (cached; callers must not modify them). */
  budgetLines(group: GroupRecord, date: string): BudgetLine[] {
    return this.filters.budgetLines(group, date);
  }

  zoneNow(timeZone: string, now: number): ZoneNow {
    return this.zones.get(timeZone, now);
  }

  private reserveEcpm(currency: string, placement: Placement): Micros {
    let reserves = this.reserveByCurrency.get(currency);
    if (!reserves) {
      const parse = (text: string) => {
        const parsed = parseMoney(text, currency);
        return parsed.ok ? parsed.micros : 0;
      };
      reserves = {
        IN_FEED: parse(this.settingsValue.reserve_cpm.IN_FEED),
        TOPVIEW: parse(this.settingsValue.reserve_cpm.TOPVIEW),
      };
      this.reserveByCurrency.set(currency, reserves);
    }
    return reserves[placement];
  }

  /** Filters one matched group (at `slot`, with the queue's `key`) and prices its ads into the decision's entries. */
  private evaluate(group: GroupRecord, slot: number, key: number, scope: Scope): void {
    const explain = scope.explain;
    if (!scope.hasSlots) {
      explain?.push(
        scope.maxAds === 0
          ? explainEntry(
              group,
              null,
              'FILTERED',
              'AD_LOAD_LIMIT',
              'the viewer reached the ads-per-hour or TOPVIEW cap',
            )
          : explainEntry(
              group,
              null,
              'FILTERED',
              'NO_AD_SLOT',
              'no position on this page satisfies the ad-load rules',
            ),
      );
      return;
    }
    // A smooth group whose pacing state is current draws its coin first; the slot table knows its pass
    // rate, so a throttled group is rejected without reading its record (explain goes on to name why).
    const now = scope.now;
    const passRate = this.slots.currentPassRate(slot, now);
    let coin: number | null;
    if (passRate >= 0) {
      coin = scope.random.float();
      if (coin >= passRate && !explain) return;
    } else coin = this.filters.earlyCoin(group, scope);
    const code =
      coin !== null && coin >= (group.pacing as PacingState).passRate
        ? // Throttled: explain still names the first failing filter, in the usual order.
          (explain && this.filters.staticFilter(group, scope)) || 'PACING_THROTTLED'
        : this.filters.groupFilter(group, scope, coin);
    if (code) {
      if (explain) {
        const g = group.adGroup;
        const zone = this.zones.get(group.account.timeZone, now);
        const seen =
          g.frequencySchedule === null
            ? 0
            : scope.history.adGroupCount(g.id, now - g.frequencySchedule * MS_PER_DAY);
        const { reason, detail } = filterExplanation(code, group, { zone, seen, pacing: group.pacing });
        explain.push(explainEntry(group, null, 'FILTERED', reason, detail));
      }
      return;
    }
    const zone = this.zones.get(group.account.timeZone, now);
    const lines = this.filters.budgetLines(group, zone.date);
    const reserve = this.reserveEcpm(group.account.currency, scope.request.placement);
    const frontier = scope.frontier as Frontier;
    let ordinal = -1;
    for (const record of group.ads) {
      const exploring = isExploring(record);
      if (exploring) ordinal++;
      if (record.block || now >= record.authEndsAt) {
        if (explain) {
          const { reason, detail } = adBlockExplanation(record, now);
          explain.push(explainEntry(group, record.ad.id, 'FILTERED', reason, detail));
        }
        continue;
      }
      if (scope.onPage.has(record.creative.postId)) {
        explain?.push(
          explainEntry(group, record.ad.id, 'FILTERED', 'POST_ON_PAGE', 'the post is already on this page'),
        );
        continue;
      }
      let rate = 1;
      if (exploring) {
        // Thompson draw, from the level of the split posterior drawn for it (see candidates.ts).
        rate = drawAtLevel(
          scope.random,
          this.slots.explorationOf(record),
          frontier.levelOf(key, slot, ordinal),
        );
      } else if (record.action) rate = estimateRate(record.action, record.stats, record.ratio, null).rate;
      const bid: Bid = {
        billingEvent: group.adGroup.billingEvent,
        bidMicros: group.adGroup.bidMicros,
        actionRate: rate,
        quality: record.quality,
      };
      const entry: Entry = {
        group,
        record,
        bid,
        score: auctionScore(bid),
        ecpm: ecpmMicros(bid),
        lines,
        used: false,
      };
      if (entry.ecpm < reserve) {
        explain?.push(
          explainEntry(
            group,
            record.ad.id,
            'FILTERED',
            'BELOW_RESERVE',
            `eCPM ${Math.round(entry.ecpm)} µ below the reserve ${reserve} µ`,
            entry,
          ),
        );
        continue;
      }
      scope.entries.push(entry);
    }
  }

  /** The slot's winner: the best eligible entry, or (baseline) a uniformly random one. */
  private choose(scope: Scope, accept: (e: Entry) => boolean): Entry | null {
    if (this.deps.selection !== 'random') return (scope.frontier as Frontier).best(scope.entries, accept);
    const eligible = scope.entries.filter(accept);
    if (eligible.length === 0) return null;
    return eligible[Math.floor(scope.random.float() * eligible.length)] as Entry;
  }

  /** Decides the ads of one feed page (awaits the viewer's frequency history once). */
  async decide(request: DecisionRequest): Promise<DecisionResult> {
    const history = await this.deps.frequency.load(request.viewer.id);
    return this.decideWith(request, history);
  }

  /** The synchronous core of `decide`, given the viewer's history. */
  decideWith(request: DecisionRequest, history: ViewerHistory): DecisionResult {
    const now = this.deps.clock.now();
    const seed = request.seed ?? Math.floor(this.deps.random.float() * 2 ** 31);
    const random = new SeededRandom(seed);
    const explain = request.explain ? ([] as ExplainEntry[]) : null;
    const settings = this.settingsValue;
    if (!request.dryRun) this.traffic.observe(now);
    this.deps.ledger.expire(now);
    this.slots.refresh(this.groups);

    // How many ads this page may hold, and where.
    let maxAds: number;
    let slots: { indexInPage: number; sessionPosition: number }[];
    if (request.placement === 'TOPVIEW') {
      maxAds = history.topviewsSince(now - MS_PER_DAY) < settings.ad_load.topview_per_viewer_per_day ? 1 : 0;
      slots = maxAds ? [{ indexInPage: 0, sessionPosition: request.page.startPosition }] : [];
    } else {
      maxAds = Math.max(
        0,
        settings.ad_load.max_ads_per_viewer_per_hour - history.adsSince(now - MS_PER_HOUR),
      );
      let last: number | null = null;
      for (const a of request.adsShown) if (last === null || a.position > last) last = a.position;
      slots = planSlots(
        {
          startPosition: request.page.startPosition,
          organicCount: request.page.organicPostIds.length,
          lastAdPosition: last,
        },
        {
          firstAdSlot: settings.ad_load.first_ad_slot,
          minOrganicBetweenAds: settings.ad_load.min_organic_between_ads,
        },
        maxAds,
      );
    }

    const scope: Scope = {
      now,
      request,
      history,
      random,
      explain,
      hasSlots: slots.length > 0,
      maxAds,
      onPage: new Set(request.page.organicPostIds),
      entries: [],
      frontier: null,
    };
    let served: ReturnType<typeof runAuctions> = [];
    let matchedCount = 0;
    // Nothing to place: skip the auction (explain still reports why).
    if (slots.length > 0 || explain) {
      const frontier = this.frontier;
      this.scope = scope;
      frontier.start(this.slots.index.query(request.viewer, request.placement), random);
      scope.frontier = frontier;
      // Explain reports every group, and random choice needs every candidate: evaluate them all.
      if (explain || this.deps.selection === 'random') frontier.pullAll();
      matchedCount = explain ? frontier.matched : 0;
      if (slots.length > 0) {
        served = runAuctions(
          {
            request,
            now,
            explain,
            entries: scope.entries,
            choose: (accept) => this.choose(scope, accept),
            best: (accept) => frontier.best(scope.entries, accept),
            reserveEcpm: (currency, placement) => this.reserveEcpm(currency, placement),
            advertiserOfAd: (adId) => this.groupOfAd.get(adId)?.account.id ?? null,
            ids: this.deps.ids,
            ledger: this.deps.ledger,
            signer: this.deps.signer,
            holdTtlMs: this.holdTtlMs,
          },
          slots,
        );
      }
    }
    if (explain) {
      for (const entry of scope.entries) {
        if (!entry.used)
          explain.push(
            explainEntry(
              entry.group,
              entry.record.ad.id,
              'LOST_AUCTION',
              'LOST_AUCTION',
              'a higher score won, or the ad-load rules (same advertiser in a row, one ad per ad group or post per page) kept it out',
              entry,
            ),
          );
      }
    }
    this.scope = null;
    if (request.dryRun) {
      for (const s of served) this.deps.ledger.release(s.decisionId);
    } else if (served.length > 0) {
      const record: Served[] = served.map((s) => ({
        adGroupId: s.group.adGroup.id,
        topview: request.placement === 'TOPVIEW',
        keep: s.group.adGroup.frequency ?? 0,
      }));
      this.deps.frequency.record(request.viewer.id, record, now);
    }
    return {
      seed,
      ads: served,
      explain: explain
        ? explainScope(
            explain,
            request.explain,
            this.groups.values(),
            this.slots.index,
            request.viewer,
            request.placement,
          )
        : null,
      matched: matchedCount,
    };
  }
}

export { budgetLines } from './budget-lines.js';
