import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DAYPART_CELLS,
  datesBetween,
  daypartCell,
  daypartingAllows,
  isValidTimeZone,
  localDate,
  localDayBounds,
  localDaysSpanned,
  MS_PER_DAY,
  MS_PER_HOUR,
  MS_PER_MINUTE,
  parseTimeInZone,
  startOfLocalDate,
  toRfc3339,
} from './time.js';

const ZONES = [
  'UTC',
  'Europe/Paris',
  'America/New_York',
  'America/Sao_Paulo',
  'Asia/Kolkata', // +05:30
  'Asia/Kathmandu', // +05:45: half-hour cells start at :15 and :45 UTC
  'Australia/Lord_Howe', // a 30-minute DST shift
  'Pacific/Apia',
  'Asia/Tokyo',
] as const;

/** Independent oracle: the wall clock of `ms` in `zone`, read with Intl (not luxon). */
function wallClock(ms: number, zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday as string);
  return {
    weekday,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    date: `${parts.year}-${parts.month}-${parts.day}`,
  };
}

const utc = (iso: string) => Date.parse(iso);
/** A dayparting grid with only the given cells on. */
const grid = (on: number[]) =>
  Array.from({ length: DAYPART_CELLS }, (_, i) => (on.includes(i) ? '1' : '0')).join('');
const cell = (dayFromMonday: number, hour: number, minute: number) =>
  dayFromMonday * 48 + hour * 2 + (minute >= 30 ? 1 : 0);

// 2026: DST starts in the EU on Sunday 29 March at 01:00 UTC and ends on Sunday 25 October at 01:00 UTC.
const SUNDAY = 6;

describe('daypartCell', () => {
  it('numbers half hours from Monday 00:00 local time', () => {
    // 2026-11-30 is a Monday.
    expect(daypartCell(utc('2026-11-30T00:00:00Z'), 'UTC')).toBe(0);
    expect(daypartCell(utc('2026-11-30T00:29:59Z'), 'UTC')).toBe(0);
    expect(daypartCell(utc('2026-11-30T00:30:00Z'), 'UTC')).toBe(1);
    expect(daypartCell(utc('2026-12-06T23:59:59Z'), 'UTC')).toBe(335);
    // Midnight Monday in Paris (winter, UTC+1) is Sunday 23:00 UTC.
    expect(daypartCell(utc('2026-11-29T23:00:00Z'), 'Europe/Paris')).toBe(0);
    expect(daypartCell(utc('2026-11-29T22:59:59Z'), 'Europe/Paris')).toBe(335);
    // Kathmandu is UTC+05:45: 00:15 UTC Monday is 06:00 local, 00:14 is 05:59.
    expect(daypartCell(utc('2026-11-30T00:15:00Z'), 'Asia/Kathmandu')).toBe(12);
    expect(daypartCell(utc('2026-11-30T00:14:59Z'), 'Asia/Kathmandu')).toBe(11);
  });

  it('follows the Paris clock on the day DST starts (last Sunday of March)', () => {
    const paris = 'Europe/Paris';
    // 00:59 UTC = 01:59 CET; 01:00 UTC = 03:00 CEST: the cells of 02:00–03:00 never happen.
    expect(daypartCell(utc('2026-03-29T00:59:59Z'), paris)).toBe(cell(SUNDAY, 1, 59));
    expect(daypartCell(utc('2026-03-29T01:00:00Z'), paris)).toBe(cell(SUNDAY, 3, 0));
    const seen = new Set<number>();
    for (let t = utc('2026-03-28T23:00:00Z'); t < utc('2026-03-29T22:00:00Z'); t += MS_PER_MINUTE) {
      seen.add(daypartCell(t, paris));
    }
    expect(seen.has(cell(SUNDAY, 2, 0))).toBe(false);
    expect(seen.has(cell(SUNDAY, 2, 30))).toBe(false);
    expect(seen.size).toBe(46); // a 23-hour day
  });

  it('follows the Paris clock on the day DST ends (last Sunday of October)', () => {
    const paris = 'Europe/Paris';
    // 00:30 UTC = 02:30 CEST and 01:30 UTC = 02:30 CET: the same cell twice, an hour apart.
    expect(daypartCell(utc('2026-10-25T00:30:00Z'), paris)).toBe(cell(SUNDAY, 2, 30));
    expect(daypartCell(utc('2026-10-25T01:30:00Z'), paris)).toBe(cell(SUNDAY, 2, 30));
    const minutesPerCell = new Map<number, number>();
    for (let t = utc('2026-10-24T22:00:00Z'); t < utc('2026-10-25T23:00:00Z'); t += MS_PER_MINUTE) {
      const c = daypartCell(t, paris);
      minutesPerCell.set(c, (minutesPerCell.get(c) ?? 0) + 1);
    }
    expect(minutesPerCell.size).toBe(48);
    expect(minutesPerCell.get(cell(SUNDAY, 2, 0))).toBe(60);
    expect(minutesPerCell.get(cell(SUNDAY, 2, 30))).toBe(60);
    expect(minutesPerCell.get(cell(SUNDAY, 3, 0))).toBe(30);
  });

  it('agrees with the wall clock Intl reads, in every zone, at any instant (2020–2035)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-12-31T00:00:00Z') }),
        (zone, ms) => {
          const wall = wallClock(ms, zone);
          expect(daypartCell(ms, zone)).toBe(cell(wall.weekday, wall.hour, wall.minute));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('is always a cell of the 336', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: 0, max: 4_102_444_800_000 }), (zone, ms) => {
        const c = daypartCell(ms, zone);
        expect(Number.isInteger(c) && c >= 0 && c < DAYPART_CELLS).toBe(true);
      }),
    );
  });
});

describe('daypartingAllows', () => {
  it('treats absent, all-off and all-on grids as always on', () => {
    for (let c = 0; c < DAYPART_CELLS; c += 7) {
      expect(daypartingAllows(null, c)).toBe(true);
      expect(daypartingAllows('0'.repeat(DAYPART_CELLS), c)).toBe(true);
      expect(daypartingAllows('1'.repeat(DAYPART_CELLS), c)).toBe(true);
    }
  });

  it('allows exactly the cells that are on', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: DAYPART_CELLS - 1 }), {
          minLength: 1,
          maxLength: DAYPART_CELLS - 1,
        }),
        (on) => {
          const g = grid(on);
          for (let c = 0; c < DAYPART_CELLS; c++) expect(daypartingAllows(g, c)).toBe(on.includes(c));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('with the Paris DST switch, a grid of "Sunday 02:00–03:00" is off all day on 29 March 2026', () => {
    const g = grid([cell(SUNDAY, 2, 0), cell(SUNDAY, 2, 30)]);
    for (let t = utc('2026-03-28T23:00:00Z'); t < utc('2026-03-29T22:00:00Z'); t += 15 * MS_PER_MINUTE) {
      expect(daypartingAllows(g, daypartCell(t, 'Europe/Paris'))).toBe(false);
    }
    // …and on for two real hours on 25 October.
    let minutesOn = 0;
    for (let t = utc('2026-10-24T22:00:00Z'); t < utc('2026-10-25T23:00:00Z'); t += MS_PER_MINUTE) {
      if (daypartingAllows(g, daypartCell(t, 'Europe/Paris'))) minutesOn++;
    }
    expect(minutesOn).toBe(120);
  });
});

describe('local days', () => {
  it('localDate reads the wall-clock date in the zone', () => {
    const t = utc('2026-12-01T23:30:00Z');
    expect(localDate(t, 'UTC')).toBe('2026-12-01');
    expect(localDate(t, 'Europe/Paris')).toBe('2026-12-02');
    expect(localDate(t, 'America/New_York')).toBe('2026-12-01');
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-12-31T00:00:00Z') }),
        (zone, ms) => {
          expect(localDate(ms, zone)).toBe(wallClock(ms, zone).date);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('startOfLocalDate and localDayBounds give 23- and 25-hour days at the Paris DST switches', () => {
    const paris = 'Europe/Paris';
    expect(startOfLocalDate('2026-03-29', paris)).toBe(utc('2026-03-28T23:00:00Z'));
    expect(startOfLocalDate('2026-03-30', paris)).toBe(utc('2026-03-29T22:00:00Z'));
    const march = localDayBounds(utc('2026-03-29T12:00:00Z'), paris);
    expect(march).toEqual({ start: utc('2026-03-28T23:00:00Z'), end: utc('2026-03-29T22:00:00Z') });
    expect(march.end - march.start).toBe(23 * MS_PER_HOUR);
    const october = localDayBounds(utc('2026-10-25T12:00:00Z'), paris);
    expect(october.end - october.start).toBe(25 * MS_PER_HOUR);
    const ordinary = localDayBounds(utc('2026-12-01T12:00:00Z'), paris);
    expect(ordinary).toEqual({ start: utc('2026-11-30T23:00:00Z'), end: utc('2026-12-01T23:00:00Z') });
  });

  it('localDayBounds contains the instant and starts at local midnight, in every zone', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-12-31T00:00:00Z') }),
        (zone, ms) => {
          const { start, end } = localDayBounds(ms, zone);
          expect(start <= ms && ms < end).toBe(true);
          expect(localDate(start, zone)).toBe(localDate(ms, zone));
          expect(localDate(end - 1, zone)).toBe(localDate(ms, zone));
          expect(localDate(end, zone)).not.toBe(localDate(ms, zone));
          expect(end - start).toBeGreaterThanOrEqual(22 * MS_PER_HOUR);
          expect(end - start).toBeLessThanOrEqual(26 * MS_PER_HOUR);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('localDaysSpanned counts local calendar days touched by [start, end)', () => {
    const paris = 'Europe/Paris';
    // Midnight to midnight: the end is excluded.
    expect(localDaysSpanned(utc('2026-11-30T23:00:00Z'), utc('2026-12-01T23:00:00Z'), paris)).toBe(1);
    expect(localDaysSpanned(utc('2026-11-30T23:00:00Z'), utc('2026-12-01T23:00:01Z'), paris)).toBe(2);
    // An empty or one-instant range is still one day.
    expect(localDaysSpanned(utc('2026-12-01T10:00:00Z'), utc('2026-12-01T10:00:00Z'), paris)).toBe(1);
    // 23:00–01:00 local touches two days.
    expect(localDaysSpanned(utc('2026-12-01T22:00:00Z'), utc('2026-12-02T00:00:00Z'), paris)).toBe(2);
    // The same instants are one day in Tokyo and two in UTC.
    const from = utc('2026-12-01T20:00:00Z');
    const to = utc('2026-12-02T02:00:00Z');
    expect(localDaysSpanned(from, to, 'UTC')).toBe(2);
    expect(localDaysSpanned(from, to, 'Asia/Tokyo')).toBe(1);
    // Across DST switches: two local days are 47 and 49 hours long.
    expect(localDaysSpanned(utc('2026-03-27T23:00:00Z'), utc('2026-03-29T22:00:00Z'), paris)).toBe(2);
    expect(localDaysSpanned(utc('2026-10-23T22:00:00Z'), utc('2026-10-25T23:00:00Z'), paris)).toBe(2);
    // December 2026, whole month in Paris.
    expect(localDaysSpanned(utc('2026-11-30T23:00:00Z'), utc('2026-12-31T23:00:00Z'), paris)).toBe(31);
    // A year that crosses both switches.
    expect(localDaysSpanned(utc('2025-12-31T23:00:00Z'), utc('2026-12-31T23:00:00Z'), paris)).toBe(365);
  });

  it('localDaysSpanned equals the number of local dates from start to the last instant', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-01-01T00:00:00Z') }),
        fc.integer({ min: 1, max: 400 * MS_PER_DAY }),
        (zone, start, length) => {
          const end = start + length;
          const first = wallClock(start, zone).date;
          const last = wallClock(end - 1, zone).date;
          const expected = Math.round((Date.parse(last) - Date.parse(first)) / MS_PER_DAY) + 1;
          expect(localDaysSpanned(start, end, zone)).toBe(expected);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('datesBetween lists each date once, inclusive, across month and year ends', () => {
    expect(datesBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(datesBetween('2028-02-28', '2028-03-01')).toEqual(['2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesBetween('2026-03-28', '2026-03-30')).toHaveLength(3);
    expect(datesBetween('2026-12-01', '2026-12-01')).toEqual(['2026-12-01']);
    expect(datesBetween('2026-12-02', '2026-12-01')).toEqual([]);
  });
});

describe('parseTimeInZone', () => {
  it('reads a time with an offset as absolute, whatever the zone', () => {
    for (const zone of ZONES) {
      expect(parseTimeInZone('2026-12-01T08:00:00Z', zone)).toEqual({
        ok: true,
        ms: utc('2026-12-01T08:00:00Z'),
      });
      expect(parseTimeInZone('2026-12-01T08:00:00+02:00', zone)).toEqual({
        ok: true,
        ms: utc('2026-12-01T06:00:00Z'),
      });
      expect(parseTimeInZone('2026-12-01T08:00:00-05:30', zone)).toEqual({
        ok: true,
        ms: utc('2026-12-01T13:30:00Z'),
      });
      expect(parseTimeInZone('2026-12-01T08:00:00-0530', zone)).toEqual({
        ok: true,
        ms: utc('2026-12-01T13:30:00Z'),
      });
      expect(parseTimeInZone('2026-12-01T08:00:00.250z', zone)).toEqual({
        ok: true,
        ms: utc('2026-12-01T08:00:00.250Z'),
      });
    }
  });

  it('reads a time without an offset as the wall clock of the zone (winter and summer)', () => {
    expect(parseTimeInZone('2026-12-01 08:00:00', 'Europe/Paris')).toEqual({
      ok: true,
      ms: utc('2026-12-01T07:00:00Z'),
    });
    expect(parseTimeInZone('2026-07-01T08:00:00', 'Europe/Paris')).toEqual({
      ok: true,
      ms: utc('2026-07-01T06:00:00Z'),
    });
    expect(parseTimeInZone('2026-12-01T08:00', 'America/New_York')).toEqual({
      ok: true,
      ms: utc('2026-12-01T13:00:00Z'),
    });
    expect(parseTimeInZone('2026-12-01T08:00:00', 'Asia/Kathmandu')).toEqual({
      ok: true,
      ms: utc('2026-12-01T02:15:00Z'),
    });
    expect(parseTimeInZone('  2026-12-01T08:00:00  ', 'UTC')).toEqual({
      ok: true,
      ms: utc('2026-12-01T08:00:00Z'),
    });
  });

  it('round-trips the wall clock: a local time without offset parses to an instant showing that time', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: utc('2020-01-01T00:00:00Z'), max: utc('2035-12-31T00:00:00Z') }),
        (zone, ms) => {
          const minute = Math.floor(ms / MS_PER_MINUTE) * MS_PER_MINUTE;
          const wall = wallClock(minute, zone);
          const text = `${wall.date}T${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}:00`;
          const parsed = parseTimeInZone(text, zone);
          if (!parsed.ok) throw new Error(parsed.message);
          // In the repeated hour of a DST end either instant is the same wall clock.
          const back = wallClock(parsed.ms, zone);
          expect([back.date, back.hour, back.minute]).toEqual([wall.date, wall.hour, wall.minute]);
          expect(Math.abs(parsed.ms - minute)).toBeLessThanOrEqual(MS_PER_HOUR);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('resolves a wall-clock time that DST skips to a real instant in the switch hour', () => {
    const parsed = parseTimeInZone('2026-03-29T02:30:00', 'Europe/Paris');
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.ms).toBeGreaterThanOrEqual(utc('2026-03-29T00:30:00Z'));
      expect(parsed.ms).toBeLessThanOrEqual(utc('2026-03-29T01:30:00Z'));
    }
  });

  it('refuses what is not a date-time', () => {
    for (const text of [
      '',
      'tomorrow',
      '12/01/2026 08:00',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00',
      '2026-12-01T25:00:00Z',
      'T08:00:00',
      '20261201T080000Z',
    ]) {
      const parsed = parseTimeInZone(text, 'Europe/Paris');
      expect(parsed.ok, text).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(text);
    }
  });
});

describe('toRfc3339 and isValidTimeZone', () => {
  it('prints UTC with second precision', () => {
    expect(toRfc3339(utc('2026-11-25T21:07:02.999Z'))).toBe('2026-11-25T21:07:02Z');
    expect(toRfc3339(0)).toBe('1970-01-01T00:00:00Z');
  });

  it('knows IANA zones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
    expect(isValidTimeZone('+02:00')).toBe(false);
  });
});
