import { DateTime, IANAZone } from 'luxon';

export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

/** Dayparting: 7 days × 48 half-hour cells, Monday 00:00 first, in the ad account's time zone (TikTok's layout). */
export const DAYPART_CELLS = 336;

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** RFC 3339 UTC with second precision, e.g. 2026-11-25T21:07:02Z. */
export function toRfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type ParsedTime = { ok: true; ms: number } | { ok: false; message: string };

/**
 * Parses a time an API user sent. With an offset (`Z`, `+02:00`) it is absolute; without one
 * (`2026-12-01 08:00:00`, `2026-12-01T08:00`) it is a wall-clock time in `zone`.
 */
export function parseTimeInZone(text: string, zone: string): ParsedTime {
  const normalized = text.trim().replace(' ', 'T');
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(normalized);
  const parsed = hasOffset
    ? DateTime.fromISO(normalized, { setZone: true })
    : DateTime.fromISO(normalized, { zone });
  if (!/^\d{4}-\d{2}-\d{2}/.test(normalized) || !parsed.isValid) {
    return { ok: false, message: `"${text}" is not a date-time like 2026-12-01T08:00:00Z` };
  }
  return { ok: true, ms: parsed.toMillis() };
}

/** The wall-clock date (YYYY-MM-DD) of `ms` in `zone`. */
export function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() as string;
}

/** The UTC instant of local midnight starting `date` (YYYY-MM-DD) in `zone`. */
export function startOfLocalDate(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone }).startOf('day').toMillis();
}

/** [start, end) of the local day containing `ms`, in UTC ms (23 or 25 hours long on DST days). */
export function localDayBounds(ms: number, zone: string): { start: number; end: number } {
  const local = DateTime.fromMillis(ms, { zone }).startOf('day');
  return { start: local.toMillis(), end: local.plus({ days: 1 }).toMillis() };
}

/** The dayparting cell (0–335) that contains `ms` in `zone`. */
export function daypartCell(ms: number, zone: string): number {
  const local = DateTime.fromMillis(ms, { zone });
  return (local.weekday - 1) * 48 + local.hour * 2 + (local.minute >= 30 ? 1 : 0);
}

/** All zeros, all ones or absent means "always on", as in TikTok's API. */
export function daypartingAllows(dayparting: string | null, cell: number): boolean {
  if (!dayparting?.includes('1') || !dayparting.includes('0')) return true;
  return dayparting.charCodeAt(cell) === 49;
}

/** Number of local calendar days touched by [start, end) in `zone` (at least 1). */
export function localDaysSpanned(start: number, end: number, zone: string): number {
  const first = DateTime.fromMillis(start, { zone }).startOf('day');
  const last = DateTime.fromMillis(Math.max(start, end - 1), { zone }).startOf('day');
  return Math.max(1, Math.round(last.diff(first, 'days').days) + 1);
}

/** Whole days of local calendar dates from `from` to `to` inclusive (YYYY-MM-DD). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let day = DateTime.fromISO(from, { zone: 'UTC' });
  const last = DateTime.fromISO(to, { zone: 'UTC' });
  while (day <= last) {
    out.push(day.toISODate() as string);
    day = day.plus({ days: 1 });
  }
  return out;
}
