import { COUNTERS, type Counters, emptyCounters, eventContributions } from '../domain/report-metrics.js';
import type {
  BreakdownRollup,
  DailyBreakdownRollup,
  DailyRollup,
  EventRow,
  HourlyRollup,
  ReachUpdate,
  RollupIds,
} from '../store/repos/report-rollups.js';
import type { ZoneBuckets } from './local-time.js';

/** The audience breakdowns kept per ad and hour; `age_gender` answers age × gender reports. */
export const BREAKDOWNS = ['country', 'age', 'gender', 'platform', 'placement', 'age_gender'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** Reach sketch levels: reports read the coarsest one that answers the question. */
export const REACH_LEVELS = ['ad', 'adgroup', 'campaign', 'account'] as const;
export type ReachLevel = (typeof REACH_LEVELS)[number];

export type DailyDraft = DailyRollup;
export type HourlyDraft = HourlyRollup;
export interface BreakdownDraft extends BreakdownRollup {
  breakdown: Breakdown;
}
export interface DailyBreakdownDraft extends DailyBreakdownRollup {
  breakdown: Breakdown;
}
export interface ReachDraft extends ReachUpdate {
  level: ReachLevel;
}

/** Nested maps keyed by values the event row already holds: no key strings built per event. */
type Slices<T> = Map<string, T>[];

const AGE_GENDER = BREAKDOWNS.indexOf('age_gender');

/** The draft of breakdown `i` for the event's values (country, age, gender, os, placement). */
function slice(slices: Slices<unknown>, i: number, values: readonly string[]): unknown {
  const map = slices[i] as Map<string, unknown>;
  if (i !== AGE_GENDER) return map.get(values[i] as string);
  return (map.get(values[1] as string) as Map<string, unknown> | undefined)?.get(values[2] as string);
}

function setSlice(slices: Slices<unknown>, i: number, values: readonly string[], draft: unknown): void {
  const map = slices[i] as Map<string, unknown>;
  if (i !== AGE_GENDER) {
    map.set(values[i] as string, draft);
    return;
  }
  let byGender = map.get(values[1] as string) as Map<string, unknown> | undefined;
  if (!byGender) {
    byGender = new Map();
    map.set(values[1] as string, byGender);
  }
  byGender.set(values[2] as string, draft);
}

function sliceValue(i: number, values: readonly string[]): string {
  return i === AGE_GENDER ? `${values[1]}|${values[2]}` : (values[i] as string);
}

// biome-ignore lint/suspicious/noExplicitAny: a shared constructor for nested maps of any types
const newMap = (): Map<any, any> => new Map();

function child<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function idsOf(e: RollupIds): RollupIds {
  return {
    ad_id: e.ad_id,
    ad_account_id: e.ad_account_id,
    campaign_id: e.campaign_id,
    ad_group_id: e.ad_group_id,
    post_id: e.post_id,
    creator_id: e.creator_id,
  };
}

/** Sums drafts that share a key into new drafts (rows of a coarser table). */
function fold<R extends { counters: Counters }, S extends { counters: Counters }>(
  drafts: readonly Draft<R>[],
  key: (row: Omit<R, 'counters'>) => string,
  project: (row: Omit<R, 'counters'>) => Omit<S, 'counters'>,
): Draft<S>[] {
  const out = new Map<string, Draft<S>>();
  for (const d of drafts) {
    const k = key(d.row);
    const target = out.get(k);
    if (target)
      for (let i = 0; i < d.acc.length; i++) target.acc[i] = (target.acc[i] as number) + (d.acc[i] as number);
    else out.set(k, { row: project(d.row), acc: Float64Array.from(d.acc) });
  }
  return [...out.values()];
}

/** A row being summed: its keys, and its counters as a typed array (indexed like COUNTERS). */
interface Draft<R extends { counters: Counters }> {
  row: Omit<R, 'counters'>;
  acc: Float64Array;
}

const COUNTER_INDEX = new Map(COUNTERS.map((c, i) => [c, i]));

function materialize<R extends { counters: Counters }>(d: Draft<R>): R {
  const counters = emptyCounters();
  COUNTERS.forEach((c, i) => {
    counters[c] = d.acc[i] as number;
  });
  return { ...d.row, counters } as R;
}

interface Bucket<D> {
  draft: D;
  /** One map per breakdown (age_gender: age → gender → draft, flattened as `age|gender`). */
  slices: Slices<unknown>;
  /** The reach sketches of the hour's ad and local date, per level (found on the first impression). */
  reach: ReachDraft[] | null;
}

/**
 * The rollup changes of one batch of events, summed in memory so the write is one upsert per row.
 * Pure bookkeeping: the same events give the same drafts, whatever their order. Lookups go through
 * nested maps keyed by the row's own strings and numbers (their hashes are computed once), which
 * keeps the aggregator far above the ingestion rate.
 */
export class RollupBatch {
  private readonly hourlyDrafts: Draft<HourlyDraft>[] = [];
  private readonly breakdownDrafts: Draft<BreakdownDraft>[] = [];
  readonly reach: ReachDraft[] = [];
  events = 0;
  private readonly ads = new Map<string, Map<number, Bucket<Draft<HourlyDraft>>>>();
  private readonly reachIndex = new Map<ReachLevel, Map<string, Map<string, ReachDraft>>>();
  private readonly audienceIndex = new Map<string, Map<string, Map<string, number>>>();
  private readonly targets: Float64Array[] = [];
  private readonly values: string[] = ['', '', '', '', ''];

  constructor(private readonly zones: ZoneBuckets) {}

  /** Days are sums of their hours: folded once per batch, not once per event. */
  get daily(): DailyDraft[] {
    return fold<HourlyDraft, DailyDraft>(
      this.hourlyDrafts,
      (r) => `${r.ad_id}|${r.local_date}`,
      ({ hour_start: _, ...r }) => r,
    ).map(materialize);
  }
  get hourly(): HourlyDraft[] {
    return this.hourlyDrafts.map(materialize);
  }
  get breakdowns(): BreakdownDraft[] {
    return this.breakdownDrafts.map(materialize);
  }
  get dailyBreakdowns(): DailyBreakdownDraft[] {
    return fold<BreakdownDraft, DailyBreakdownDraft>(
      this.breakdownDrafts,
      (r) => `${r.ad_id}|${r.local_date}|${r.breakdown}|${r.value}`,
      ({ hour_start: _, ...r }) => r,
    ).map(materialize);
  }

  /** `creator|breakdown|value` → impressions. */
  get audience(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [creator, breakdowns] of this.audienceIndex) {
      for (const [breakdown, values] of breakdowns)
        for (const [value, n] of values) out.set(`${creator}|${breakdown}|${value}`, n);
    }
    return out;
  }

  /** Adds one event of an ad account in `zone`, promoting a post of `durationMs`. */
  add(e: EventRow, zone: string, durationMs: number): void {
    this.events++;
    if (!e.ad_id || !e.ad_account_id || !e.campaign_id || !e.ad_group_id || !e.post_id || !e.creator_id)
      return;
    const contributions = eventContributions({
      kind: e.kind,
      type: e.type,
      paid: e.paid,
      attributed: e.attributed,
      invalidReason: e.invalid_reason,
      billedMicros: e.billed_micros,
      unchargedMicros: e.uncharged_micros,
      valueMicros: e.value_micros,
      durationMs,
    });
    if (contributions.length === 0) return;
    const ids = e as RollupIds; // read-only here: drafts copy the six ids they need
    const { localDate, hourStart } = this.zones.bucket(zone, e.occurred_at);
    // No closures per event: tsx/esbuild wraps each one created (keepNames), and they add up.
    let hours = this.ads.get(e.ad_id);
    if (!hours) {
      hours = new Map();
      this.ads.set(e.ad_id, hours);
    }
    let hour = hours.get(hourStart);
    if (!hour) {
      const draft: Draft<HourlyDraft> = {
        row: { ...idsOf(ids), local_date: localDate, hour_start: hourStart },
        acc: new Float64Array(COUNTERS.length),
      };
      this.hourlyDrafts.push(draft);
      hour = { draft, slices: BREAKDOWNS.map(() => new Map()), reach: null };
      hours.set(hourStart, hour);
    }
    const targets = this.targets;
    targets.length = 0;
    targets.push(hour.draft.acc);
    const values = this.values;
    values[0] = e.country ?? '';
    values[1] = e.age_group ?? '';
    values[2] = e.gender ?? '';
    values[3] = e.os ?? '';
    values[4] = e.placement ?? '';
    for (let i = 0; i < BREAKDOWNS.length; i++) {
      const breakdown = BREAKDOWNS[i] as Breakdown;
      let h = slice(hour.slices, i, values) as Draft<BreakdownDraft> | undefined;
      if (!h) {
        h = {
          row: {
            ...idsOf(ids),
            local_date: localDate,
            hour_start: hourStart,
            breakdown,
            value: sliceValue(i, values),
          },
          acc: new Float64Array(COUNTERS.length),
        };
        this.breakdownDrafts.push(h);
        setSlice(hour.slices, i, values, h);
      }
      targets.push(h.acc);
    }
    for (const [counter, amount] of contributions) {
      const index = COUNTER_INDEX.get(counter) as number;
      for (const t of targets) t[index] = (t[index] as number) + amount;
    }

    if (e.kind === 'ad' && e.type === 'impression' && e.invalid_reason === null && e.viewer_id) {
      // An hour of an ad lies in one local date: its four sketches are looked up once per hour.
      hour.reach ??= [
        this.reachDraft('ad', e.ad_id, localDate, ids),
        this.reachDraft('adgroup', e.ad_group_id, localDate, ids),
        this.reachDraft('campaign', e.campaign_id, localDate, ids),
        this.reachDraft('account', e.ad_account_id, localDate, ids),
      ];
      for (const target of hour.reach) target.viewers.add(e.viewer_id);
      if (e.country) this.countAudience(e.creator_id, 'country', e.country);
      if (e.age_group) this.countAudience(e.creator_id, 'age', e.age_group);
      if (e.gender) this.countAudience(e.creator_id, 'gender', e.gender);
    }
  }

  private countAudience(creator: string, breakdown: string, value: string): void {
    const audience = child(this.audienceIndex, creator, newMap);
    const counts = child(audience, breakdown, newMap) as Map<string, number>;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }

  private reachDraft(level: ReachLevel, entityId: string, localDate: string, ids: RollupIds): ReachDraft {
    let byEntity = this.reachIndex.get(level);
    if (!byEntity) {
      byEntity = new Map();
      this.reachIndex.set(level, byEntity);
    }
    let byDate = byEntity.get(entityId);
    if (!byDate) {
      byDate = new Map();
      byEntity.set(entityId, byDate);
    }
    let target = byDate.get(localDate);
    if (!target) {
      const ofAd = level === 'ad';
      target = {
        level,
        entity_id: entityId,
        local_date: localDate,
        ad_account_id: ids.ad_account_id,
        campaign_id: level === 'account' ? null : ids.campaign_id,
        ad_group_id: level === 'ad' || level === 'adgroup' ? ids.ad_group_id : null,
        post_id: ofAd ? ids.post_id : null,
        creator_id: ofAd ? ids.creator_id : null,
        viewers: new Set(),
      };
      this.reach.push(target);
      byDate.set(localDate, target);
    }
    return target;
  }
}
