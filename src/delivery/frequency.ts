/**
 * Frequency memory per viewer: what was served to whom and when, for frequency caps (N impressions
 * per D days per ad group), the ad load's "at most M ads per viewer per hour" and TOPVIEW's "once per
 * viewer per day". It counts served decisions (not billed events), so an ad cannot be shown twice
 * before the first impression is reported.
 *
 * `load` is async so that a shared implementation (Redis: one hash per viewer) fits the same
 * interface; a decision awaits it once and then checks everything in memory.
 */
export interface ViewerHistory {
  /** Impressions of the ad group served since `since`. */
  adGroupCount(adGroupId: string, since: number): number;
  /** Ads served since `since` (any placement). */
  adsSince(since: number): number;
  topviewsSince(since: number): number;
}

export interface Served {
  adGroupId: string;
  topview: boolean;
  /** How many timestamps to keep for the ad group (its frequency cap N); 0 = no cap to enforce. */
  keep: number;
}

export interface FrequencyStore {
  load(viewerId: string): Promise<ViewerHistory>;
  record(viewerId: string, served: readonly Served[], now: number): void;
}

/**
 * Recent ad and TOPVIEW times kept per viewer: as many as the platform settings' highest caps (1,000
 * ads per hour, 100 TOPVIEWs per day), and none older than the cap's window, so a cap is enforced
 * whatever its setting while a viewer's memory stays proportional to what they saw lately.
 */
const MAX_RECENT_ADS = 1_000;
const MAX_RECENT_TOPVIEWS = 100;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const MAX_DAYS_MS = 30 * 86_400_000;

interface ViewerRecord {
  /** Last N serve times per capped ad group, oldest first. */
  groups: Map<string, number[]>;
  ads: number[];
  topviews: number[];
  lastSeen: number;
}

const EMPTY: ViewerHistory = { adGroupCount: () => 0, adsSince: () => 0, topviewsSince: () => 0 };

function countSince(times: readonly number[] | undefined, since: number): number {
  if (!times) return 0;
  let n = 0;
  for (let i = times.length - 1; i >= 0; i--) {
    if ((times[i] as number) < since) break;
    n++;
  }
  return n;
}

function push(times: number[], t: number, keep: number, maxAgeMs = Number.POSITIVE_INFINITY): void {
  times.push(t);
  let drop = Math.max(0, times.length - keep);
  while (drop < times.length && (times[drop] as number) < t - maxAgeMs) drop++;
  if (drop > 0) times.splice(0, drop);
}

/** A viewer's history read from its record (one object per load, no closures). */
class RecordHistory implements ViewerHistory {
  constructor(private readonly record: ViewerRecord) {}

  adGroupCount(adGroupId: string, since: number): number {
    return countSince(this.record.groups.get(adGroupId), since);
  }

  adsSince(since: number): number {
    return countSince(this.record.ads, since);
  }

  topviewsSince(since: number): number {
    return countSince(this.record.topviews, since);
  }
}

/** In-process store with a bounded number of viewers (least recently seen are forgotten first). */
export class LocalFrequencyStore implements FrequencyStore {
  private readonly viewers = new Map<string, ViewerRecord>();

  constructor(private readonly maxViewers = 2_000_000) {}

  private history(record: ViewerRecord): ViewerHistory {
    return new RecordHistory(record);
  }

  async load(viewerId: string): Promise<ViewerHistory> {
    return this.peek(viewerId);
  }

  /** Synchronous read, for in-process callers (simulator, benchmarks). */
  peek(viewerId: string): ViewerHistory {
    const record = this.viewers.get(viewerId);
    return record ? this.history(record) : EMPTY;
  }

  record(viewerId: string, served: readonly Served[], now: number): void {
    if (served.length === 0) return;
    let record = this.viewers.get(viewerId);
    if (record)
      this.viewers.delete(viewerId); // re-insert: Map order doubles as recency order
    else record = { groups: new Map(), ads: [], topviews: [], lastSeen: now };
    record.lastSeen = now;
    for (const s of served) {
      push(record.ads, now, MAX_RECENT_ADS, HOUR_MS);
      if (s.topview) push(record.topviews, now, MAX_RECENT_TOPVIEWS, DAY_MS);
      if (s.keep > 0) {
        let times = record.groups.get(s.adGroupId);
        if (!times) {
          times = [];
          record.groups.set(s.adGroupId, times);
        }
        push(times, now, s.keep);
      }
    }
    this.viewers.set(viewerId, record);
    if (this.viewers.size > this.maxViewers) {
      const oldest = this.viewers.keys().next().value as string;
      this.viewers.delete(oldest);
    }
  }

  /** Forgets viewers not seen for 30 days (caps span at most 30 days). */
  sweep(now: number): void {
    for (const [id, record] of this.viewers) {
      if (now - record.lastSeen <= MAX_DAYS_MS) break; // recency order: the rest are newer
      this.viewers.delete(id);
    }
  }

  get size(): number {
    return this.viewers.size;
  }
}
