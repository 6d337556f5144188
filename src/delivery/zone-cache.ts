import { DateTime } from 'luxon';

/** What a decision needs to know about "now" in an ad account's time zone. */
export interface ZoneNow {
  /** Local calendar date, YYYY-MM-DD. */
  date: string;
  dayStart: number;
  dayEnd: number;
  /** Dayparting cell 0–335 (Monday 00:00 first). */
  cell: number;
}

/**
 * Local time facts per time zone, computed once per half hour and zone instead of once per ad
 * group per decision (Luxon is exact but not free).
 */
export class ZoneCache {
  private readonly entries = new Map<string, ZoneNow & { from: number; until: number }>();

  get(zone: string, now: number): ZoneNow {
    const cached = this.entries.get(zone);
    if (cached && now >= cached.from && now < cached.until) return cached;
    const local = DateTime.fromMillis(now, { zone });
    const day = local.startOf('day');
    const halfHourStart = local.startOf('hour').plus({ minutes: local.minute >= 30 ? 30 : 0 });
    const entry = {
      date: day.toISODate() as string,
      dayStart: day.toMillis(),
      dayEnd: day.plus({ days: 1 }).toMillis(),
      cell: (local.weekday - 1) * 48 + local.hour * 2 + (local.minute >= 30 ? 1 : 0),
      from: halfHourStart.toMillis(),
      until: halfHourStart.plus({ minutes: 30 }).toMillis(),
    };
    this.entries.set(zone, entry);
    return entry;
  }
}
