import type { Clock } from '../domain/clock.js';
import type { Placement } from '../domain/enums.js';
import type { IdGenerator } from '../domain/ids.js';
import type { AdGroup, Campaign } from '../domain/model.js';
import { type Micros, parseMoney } from '../domain/money.js';
import { type RandomSource, SeededRandom } from '../domain/random.js';
import type { PlatformSettings } from '../domain/settings.js';
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/time.js';
import type { TrackingClaims, TrackingTokenSigner } from '../domain/tracking-token.js';
import { planSlots } from './ad-load.js';
import { auctionScore, type Bid, ecpmMicros, type Price, secondPrice } from './auction.js';
import type { FrequencyStore, Served, ViewerHistory } from './frequency.js';
import type { BudgetLedger, BudgetLine } from './ledger.js';
import { TrafficCurve, updatePacing } from './pacing.js';
import { estimateRate } from './prediction.js';
import type { AdRecord, GroupRecord } from './records.js';
import { TargetingIndex } from './targeting-index.js';
import type { Viewer } from './viewer.js';
import { ZoneCache, type ZoneNow } from './zone-cache.js';

/**
 * The feed ad-decision engine. It holds every live ad group in memory, matches viewers through the
 * targeting index, filters by schedule, dayparting, budget, pacing and frequency, runs one
 * second-price auction per ad slot of the page, reserves the expected cost in the budget ledger and
 * signs a tracking token per ad. A decision never touches the database.
 */
export interface DecisionRequest {
  viewer: Viewer;
  placement: Placement;
  page: { startPosition: number; organicPostIds: readonly string[] };
  /** Ads already shown in this session (the host's memory), most recent last. */
  adsShown: readonly { adId: string; position: number }[];
  /** Explain why each ad group was or was not chosen (platform debugging). */
  explain?: { adAccountId?: string | undefined; adGroupIds?: readonly string[] | undefined } | undefined;
  /** Replays a decision's random draws (returned as `seed`). */
  seed?: number | undefined;
}

export interface ServedAd {
  decisionId: string;
  indexInPage: number;
  sessionPosition: number;
  group: GroupRecord;
  record: AdRecord;
  price: Price;
  score: number;
  trackingToken: string;
}

export type ExplainOutcome = 'SERVED' | 'LOST_AUCTION' | 'FILTERED';

export interface ExplainEntry {
  adGroupId: string;
  campaignId: string;
  adAccountId: string;
  adId: string | null;
  outcome: ExplainOutcome;
  reason: string;
  detail: string;
  score: number | null;
  ecpmMicros: number | null;
}

export interface DecisionResult {
  seed: number;
  ads: ServedAd[];
  explain: ExplainEntry[] | null;
  /** Ad groups matched by targeting (before schedule, budget, pacing and frequency). */
  matched: number;
}

export interface EngineDeps {
  clock: Clock;
  random: RandomSource;
  ids: IdGenerator;
  ledger: BudgetLedger;
  frequency: FrequencyStore;
  signer: TrackingTokenSigner;
  settings: PlatformSettings;
  trafficCurve?: TrafficCurve;
  /** How long a served ad holds its expected cost in the ledger (default 15 minutes). */
  holdTtlMs?: number;
}

interface Entry {
  group: GroupRecord;
  record: AdRecord;
  bid: Bid;
  score: number;
  ecpm: number;
  lines: BudgetLine[];
  used: boolean;
}

const INFINITE = Number.POSITIVE_INFINITY;

export class DeliveryEngine {
  private readonly groups = new Map<string, GroupRecord>();
  private readonly bySlot: (GroupRecord | undefined)[] = [];
  private readonly adsById = new Map<string, { group: GroupRecord; record: AdRecord }>();
  private readonly index = new TargetingIndex();
  private readonly zones = new ZoneCache();
  private readonly reserveByCurrency = new Map<string, Record<Placement, Micros>>();
  readonly traffic: TrafficCurve;
  private settingsValue: PlatformSettings;
  private readonly holdTtlMs: number;

  constructor(private readonly deps: EngineDeps) {
    this.settingsValue = deps.settings;
    this.traffic = deps.trafficCurve ?? new TrafficCurve();
    this.holdTtlMs = deps.holdTtlMs ?? 15 * 60_000;
  }

  get settings(): PlatformSettings {
    return this.settingsValue;
  }

  set settings(value: PlatformSettings) {
    this.settingsValue = value;
    this.reserveByCurrency.clear();
  }

  get size(): { adGroups: number; indexed: number; ads: number } {
    return { adGroups: this.groups.size, indexed: this.index.size, ads: this.adsById.size };
  }

  group(id: string): GroupRecord | undefined {
    return this.groups.get(id);
  }

  ad(id: string): { group: GroupRecord; record: AdRecord } | undefined {
    return this.adsById.get(id);
  }

  /** Adds or replaces an ad group (with its ads); indexes it when it can deliver at all. */
  upsertGroup(group: GroupRecord): void {
    const previous = this.groups.get(group.adGroup.id);
    if (previous) {
      group.pacing = previous.pacing;
      const previousAds = new Map(previous.ads.map((a) => [a.ad.id, a]));
      for (const record of group.ads) {
        const old = previousAds.get(record.ad.id);
        if (old) record.stats = old.stats;
      }
      for (const record of previous.ads) this.adsById.delete(record.ad.id);
    }
    this.groups.set(group.adGroup.id, group);
    for (const record of group.ads) this.adsById.set(record.ad.id, { group, record });
    if (group.block === null) {
      const slot = this.index.put(group.adGroup.id, {
        placements: group.adGroup.placements,
        targeting: group.adGroup.targeting,
      });
      this.bySlot[slot] = group;
    } else {
      const slot = this.index.slotOf(group.adGroup.id);
      if (slot !== undefined) this.bySlot[slot] = undefined;
      this.index.remove(group.adGroup.id);
    }
  }

  removeGroup(adGroupId: string): void {
    const group = this.groups.get(adGroupId);
    if (!group) return;
    const slot = this.index.slotOf(adGroupId);
    if (slot !== undefined) this.bySlot[slot] = undefined;
    this.index.remove(adGroupId);
    for (const record of group.ads) this.adsById.delete(record.ad.id);
    this.groups.delete(adGroupId);
  }

  groupIds(): string[] {
    return [...this.groups.keys()];
  }

  budgetLines(group: GroupRecord, date: string): BudgetLine[] {
    return budgetLines(group.adGroup, group.campaign, date);
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

  /** Today's budget for pacing: the daily budget, or the lifetime remainder spread over the days left. */
  private todaysBudget(group: GroupRecord, zone: ZoneNow, lines: BudgetLine[]): Micros {
    const g = group.adGroup;
    if (g.budgetMode === 'BUDGET_MODE_DAY') return g.budgetMicros;
    const committedToday = this.deps.ledger.committed((lines[0] as BudgetLine).key);
    const beforeToday = this.deps.ledger.committed((lines[1] as BudgetLine).key) - committedToday;
    const end = g.scheduleEndAt ?? zone.dayEnd;
    const daysLeft = Math.max(1, Math.ceil((end - zone.dayStart) / MS_PER_DAY));
    return Math.max(0, Math.floor((g.budgetMicros - beforeToday) / daysLeft));
  }

  /**
   * Filters that depend on time, budget, pacing and the viewer; returns null when the group may
   * take part, else the reason. Draws the pacing coin from `random`.
   */
  private groupFilter(
    group: GroupRecord,
    now: number,
    history: ViewerHistory,
    random: RandomSource,
  ): { reason: string; detail: string } | null {
    const g = group.adGroup;
    if (now < g.scheduleStartAt)
      return { reason: 'OUTSIDE_SCHEDULE', detail: 'the schedule has not started' };
    if (g.scheduleEndAt !== null && now >= g.scheduleEndAt)
      return { reason: 'OUTSIDE_SCHEDULE', detail: 'the schedule has ended' };
    const zone = this.zones.get(group.account.timeZone, now);
    if (g.dayparting !== null && g.dayparting.charCodeAt(zone.cell) !== 49) {
      return { reason: 'OUTSIDE_DAYPARTING', detail: `dayparting cell ${zone.cell} is off` };
    }
    const lines = this.budgetLines(group, zone.date);
    if (this.deps.ledger.headroom(lines) <= 0)
      return { reason: 'BUDGET_EXHAUSTED', detail: 'a daily or lifetime budget is spent or held' };
    if (g.frequency !== null && g.frequencySchedule !== null) {
      const seen = history.adGroupCount(g.id, now - g.frequencySchedule * MS_PER_DAY);
      if (seen >= g.frequency) {
        return {
          reason: 'FREQUENCY_CAPPED',
          detail: `seen ${seen} times in ${g.frequencySchedule} days (cap ${g.frequency})`,
        };
      }
    }
    const budget = this.todaysBudget(group, zone, lines);
    group.pacing = updatePacing(group.pacing, {
      mode: g.pacing,
      now,
      day: zone.date,
      budget,
      spent: this.deps.ledger.committed((lines[0] as BudgetLine).key),
      trafficShare: (t) => this.traffic.shareOfDay(zone.dayStart, zone.dayEnd, t),
    });
    if (g.pacing === 'PACING_MODE_SMOOTH' && random.float() >= group.pacing.passRate) {
      return {
        reason: 'PACING_THROTTLED',
        detail: `smooth pacing pass rate ${group.pacing.passRate.toFixed(4)}`,
      };
    }
    return null;
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
    this.traffic.observe(now);
    this.deps.ledger.expire(now);

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
      const last = request.adsShown.reduce<number | null>(
        (max, a) => (max === null || a.position > max ? a.position : max),
        null,
      );
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

    const matched = this.index.match(request.viewer, request.placement);
    const matchedCount = explain ? matched.count() : 0;
    const onPage = new Set(request.page.organicPostIds);
    const entries: Entry[] = [];
    const note = (
      group: GroupRecord,
      adId: string | null,
      outcome: ExplainOutcome,
      reason: string,
      detail: string,
      entry?: Entry,
    ) =>
      explain?.push({
        adGroupId: group.adGroup.id,
        campaignId: group.campaign.id,
        adAccountId: group.account.id,
        adId,
        outcome,
        reason,
        detail,
        score: entry ? Math.round(entry.score) : null,
        ecpmMicros: entry ? Math.round(entry.ecpm) : null,
      });

    // Nothing to place: skip the auction (explain still reports why).
    if (slots.length > 0 || explain) {
      matched.forEach((slot) => {
        const group = this.bySlot[slot];
        if (!group) return;
        if (slots.length === 0) {
          note(
            group,
            null,
            'FILTERED',
            maxAds === 0 ? 'AD_LOAD_LIMIT' : 'NO_AD_SLOT',
            maxAds === 0
              ? 'the viewer reached the ads-per-hour or TOPVIEW cap'
              : 'no position on this page satisfies the ad-load rules',
          );
          return;
        }
        const filtered = this.groupFilter(group, now, history, random);
        if (filtered) {
          note(group, null, 'FILTERED', filtered.reason, filtered.detail);
          return;
        }
        const zone = this.zones.get(group.account.timeZone, now);
        const lines = this.budgetLines(group, zone.date);
        const reserve = this.reserveEcpm(group.account.currency, request.placement);
        for (const record of group.ads) {
          if (record.block) {
            note(group, record.ad.id, 'FILTERED', record.block, 'the ad cannot serve');
            continue;
          }
          if (now >= record.authEndsAt) {
            note(
              group,
              record.ad.id,
              'FILTERED',
              'AUTHORIZATION_EXPIRED',
              'the creator’s authorization has ended',
            );
            continue;
          }
          if (onPage.has(record.creative.postId)) {
            note(group, record.ad.id, 'FILTERED', 'POST_ON_PAGE', 'the post is already on this page');
            continue;
          }
          const estimate = record.action
            ? estimateRate(record.action, record.stats, record.ratio, random)
            : { rate: 1, explored: false };
          const bid: Bid = {
            billingEvent: group.adGroup.billingEvent,
            bidMicros: group.adGroup.bidMicros,
            actionRate: estimate.rate,
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
            note(
              group,
              record.ad.id,
              'FILTERED',
              'BELOW_RESERVE',
              `eCPM ${Math.round(entry.ecpm)} µ below the reserve ${reserve} µ`,
              entry,
            );
            continue;
          }
          entries.push(entry);
        }
      });
    }

    // One auction per slot, best score first; the runner-up sets the price.
    const served: ServedAd[] = [];
    const lastShown =
      request.adsShown.length > 0
        ? request.adsShown.reduce((a, b) => (b.position > a.position ? b : a))
        : null;
    let previousAdvertiser = lastShown ? (this.adsById.get(lastShown.adId)?.group.account.id ?? null) : null;
    const groupsUsed = new Set<string>();
    const eligible = (e: Entry) =>
      !e.used && e.group.account.id !== previousAdvertiser && !groupsUsed.has(e.group.adGroup.id);
    for (const slot of slots) {
      let winner: Entry | null = null;
      while (!winner) {
        const best = bestEntry(entries, eligible);
        if (!best) break;
        best.used = true;
        // An advertiser never bids against itself: the price comes from the best other advertiser.
        const runnerUp = bestEntry(entries, (e) => !e.used && e.group.account.id !== best.group.account.id);
        const price = secondPrice(
          best.bid,
          runnerUp ? runnerUp.score : 0,
          this.reserveEcpm(best.group.account.currency, request.placement),
        );
        const decisionId = this.deps.ids.next('decision');
        if (
          !this.deps.ledger.reserve(
            decisionId,
            best.lines,
            price.expectedPerImpressionMicros,
            now + this.holdTtlMs,
          )
        ) {
          note(
            best.group,
            best.record.ad.id,
            'FILTERED',
            'BUDGET_EXHAUSTED',
            'the expected cost does not fit the remaining budget',
            best,
          );
          continue;
        }
        winner = best;
        const claims: TrackingClaims = {
          v: 1,
          d: decisionId,
          ad: best.record.ad.id,
          adg: best.group.adGroup.id,
          cmp: best.group.campaign.id,
          acc: best.group.account.id,
          post: best.record.creative.postId,
          crt: best.record.creative.creatorId,
          vw: request.viewer.id,
          pl: request.placement,
          be: best.bid.billingEvent,
          pr: price.chargeMicros,
          iat: now,
          cc: request.viewer.country,
          age: request.viewer.ageGroup,
          gen: request.viewer.gender,
          os: request.viewer.os,
        };
        served.push({
          decisionId,
          indexInPage: slot.indexInPage,
          sessionPosition: slot.sessionPosition,
          group: best.group,
          record: best.record,
          price,
          score: best.score,
          trackingToken: this.deps.signer.sign(claims),
        });
        note(
          best.group,
          best.record.ad.id,
          'SERVED',
          'WON_AUCTION',
          `charged ${price.chargeMicros} µ per ${best.bid.billingEvent} (eCPM ${Math.round(price.ecpmMicros)} µ)`,
          best,
        );
        previousAdvertiser = best.group.account.id;
        groupsUsed.add(best.group.adGroup.id);
      }
      if (!winner) break;
    }
    if (explain) {
      for (const entry of entries) {
        if (!entry.used)
          note(
            entry.group,
            entry.record.ad.id,
            'LOST_AUCTION',
            'LOST_AUCTION',
            'a higher score won, or the ad-load rules (same advertiser in a row, one ad per ad group per page) kept it out',
            entry,
          );
      }
    }
    if (served.length > 0) {
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
      explain: explain ? this.explainScope(explain, request) : null,
      matched: matchedCount,
    };
  }

  /** Explain covers the matched ad groups plus, on request, named ones that targeting kept out. */
  private explainScope(entries: ExplainEntry[], request: DecisionRequest): ExplainEntry[] {
    const scope = request.explain;
    const seen = new Set(entries.map((e) => e.adGroupId));
    const extra: ExplainEntry[] = [];
    for (const group of this.groups.values()) {
      const id = group.adGroup.id;
      if (seen.has(id)) continue;
      const wanted =
        scope?.adGroupIds?.includes(id) ||
        (scope?.adAccountId !== undefined && scope.adAccountId === group.account.id);
      if (!wanted) continue;
      const base = {
        adGroupId: id,
        campaignId: group.campaign.id,
        adAccountId: group.account.id,
        adId: null,
        outcome: 'FILTERED' as const,
        score: null,
        ecpmMicros: null,
      };
      if (group.block)
        extra.push({ ...base, reason: group.block, detail: 'the ad group cannot deliver at all' });
      else {
        const attribute = this.index.mismatch(id, request.viewer, request.placement);
        extra.push({
          ...base,
          reason: 'TARGETING_MISMATCH',
          detail: attribute ? `the viewer does not match its ${attribute} targeting` : 'not matched',
        });
      }
    }
    const filtered = entries.filter((e) => !scope?.adAccountId || e.adAccountId === scope.adAccountId);
    return [...filtered, ...extra];
  }
}

/** The four budget lines an ad group's spend counts against on a local date (unlimited ones included). */
export function budgetLines(
  g: Pick<AdGroup, 'id' | 'budgetMode' | 'budgetMicros'>,
  c: Pick<Campaign, 'id' | 'budgetMode' | 'budgetMicros'>,
  date: string,
): BudgetLine[] {
  return [
    { key: `g:${g.id}:${date}`, limit: g.budgetMode === 'BUDGET_MODE_DAY' ? g.budgetMicros : INFINITE },
    { key: `g:${g.id}`, limit: g.budgetMode === 'BUDGET_MODE_TOTAL' ? g.budgetMicros : INFINITE },
    {
      key: `c:${c.id}:${date}`,
      limit: c.budgetMode === 'BUDGET_MODE_DAY' && c.budgetMicros !== null ? c.budgetMicros : INFINITE,
    },
    {
      key: `c:${c.id}`,
      limit: c.budgetMode === 'BUDGET_MODE_TOTAL' && c.budgetMicros !== null ? c.budgetMicros : INFINITE,
    },
  ];
}

function bestEntry(entries: Entry[], accept: (e: Entry) => boolean): Entry | null {
  let best: Entry | null = null;
  for (const e of entries) if ((!best || e.score > best.score) && accept(e)) best = e;
  return best;
}
