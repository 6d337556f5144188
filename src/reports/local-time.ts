import { DateTime } from 'luxon';
import { MS_PER_HOUR } from '../domain/time.js';

const QUARTER_HOUR = 15 * 60_000;
const MAX_CACHED = 200_000;

/**
 * Local hours and dates of an ad account's time zone, fast enough for every event: a zone's UTC
 * offset only changes on a quarter hour (every zone's offset is a multiple of 15 minutes), so it is
 * looked up once per zone and quarter hour. Local hours of zones with half-hour offsets start at
 * :30 UTC; `hourStart` is always the UTC instant a local hour starts.
 */
export class ZoneBuckets {
  // Per zone, keyed by numbers: no key strings built per event.
  private readonly offsets = new Map<string, Map<number, number>>();
  private readonly dates = new Map<string, Map<number, string>>();

  private cache<V>(maps: Map<string, Map<number, V>>, zone: string): Map<number, V> {
    let map = maps.get(zone);
    if (!map || map.size > MAX_CACHED) {
      map = new Map();
      maps.set(zone, map);
    }
    return map;
  }

  /** Offset from UTC in ms at `ms` in `zone`. */
  offsetMs(zone: string, ms: number): number {
    const quarter = Math.floor(ms / QUARTER_HOUR);
    const offsets = this.cache(this.offsets, zone);
    let offset = offsets.get(quarter);
    if (offset === undefined) {
      offset = DateTime.fromMillis(quarter * QUARTER_HOUR, { zone }).offset * 60_000;
      offsets.set(quarter, offset);
    }
    return offset;
  }

  private last: { zone: string; quarter: number; bucket: { localDate: string; hourStart: number } } | null =
    null;

  /** The local date (YYYY-MM-DD) and the UTC start of the local hour that contain `ms`. */
  bucket(zone: string, ms: number): { localDate: string; hourStart: number } {
    // Consecutive events mostly fall in the same quarter hour (the offset is constant within one).
    const quarter = Math.floor(ms / QUARTER_HOUR);
    const last = this.last;
    if (last && last.quarter === quarter && last.zone === zone) return last.bucket;
    const bucket = this.compute(zone, ms);
    this.last = { zone, quarter, bucket };
    return bucket;
  }

  private compute(zone: string, ms: number): { localDate: string; hourStart: number } {
    const offset = this.offsetMs(zone, ms);
    const localHour = Math.floor((ms + offset) / MS_PER_HOUR) * MS_PER_HOUR;
    const hourStart = localHour - offset;
    const dates = this.cache(this.dates, zone);
    let localDate = dates.get(hourStart);
    if (localDate === undefined) {
      localDate = new Date(localHour).toISOString().slice(0, 10);
      dates.set(hourStart, localDate);
    }
    return { localDate, hourStart };
  }

  /** TikTok's `stat_time_hour` label of a local hour: `2026-11-25 21:00:00` (wall clock in `zone`). */
  hourLabel(zone: string, hourStart: number): string {
    const local = new Date(hourStart + this.offsetMs(zone, hourStart)).toISOString();
    return `${local.slice(0, 10)} ${local.slice(11, 13)}:00:00`;
  }
}
