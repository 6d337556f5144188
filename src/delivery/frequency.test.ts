import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../domain/clock.js';
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/time.js';
import { LocalFrequencyStore, type Served } from './frequency.js';

const T0 = Date.UTC(2026, 10, 25, 9, 0);
const capped = (adGroupId: string, keep: number, topview = false): Served => ({ adGroupId, topview, keep });

describe('LocalFrequencyStore', () => {
  it('caps N impressions per D days: the window slides with the injected clock', async () => {
    // An ad group capped at 2 per 3 days.
    const N = 2;
    const D = 3;
    const clock = new ManualClock(T0);
    const store = new LocalFrequencyStore();
    const allowed = async () => (await store.load('v')).adGroupCount('g', clock.now() - D * MS_PER_DAY) < N;
    const served: number[] = [];
    // Try to serve once every 6 hours for 10 days.
    for (let i = 0; i < 40; i++) {
      if (await allowed()) {
        store.record('v', [capped('g', N)], clock.now());
        served.push(clock.now());
      }
      clock.advance(6 * MS_PER_HOUR);
    }
    // In any window of 3 days there are never more than 2.
    for (const t of served) {
      expect(served.filter((s) => s >= t && s < t + D * MS_PER_DAY).length).toBeLessThanOrEqual(N);
    }
    // And the cap is not stricter than it says: two at once, then the next as soon as the first is
    // more than 3 days old (exactly 3 days old still counts).
    expect(served.slice(0, 3)).toEqual([T0, T0 + 6 * MS_PER_HOUR, T0 + D * MS_PER_DAY + 6 * MS_PER_HOUR]);
  });

  it('matches a brute-force count for any serve times, cap and window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.integer({ min: 0, max: 12 * 60 }), { minLength: 1, maxLength: 60 }),
        (n, days, gapsInMinutes) => {
          const store = new LocalFrequencyStore();
          let now = T0;
          const log: number[] = [];
          for (const gap of gapsInMinutes) {
            now += gap * 60_000 * 24; // up to 12 days apart
            const since = now - days * MS_PER_DAY;
            const truth = log.filter((t) => t >= since).length;
            const allowed = store.peek('v').adGroupCount('g', since) < n;
            expect(allowed).toBe(truth < n);
            if (allowed) {
              store.record('v', [capped('g', n)], now);
              log.push(now);
            }
          }
        },
      ),
    );
  });

  it('counts ads of any group for the hourly ad cap, and TOPVIEWs separately', () => {
    const store = new LocalFrequencyStore();
    store.record('v', [capped('a', 0), capped('b', 3)], T0);
    store.record('v', [capped('c', 0, true)], T0 + 10 * 60_000);
    const h = store.peek('v');
    expect(h.adsSince(T0 - MS_PER_HOUR)).toBe(3);
    expect(h.adsSince(T0 + 1)).toBe(1);
    expect(h.topviewsSince(T0 - MS_PER_DAY)).toBe(1);
    // Only capped ad groups (keep > 0) keep per-group times.
    expect(h.adGroupCount('a', 0)).toBe(0);
    expect(h.adGroupCount('b', 0)).toBe(1);
    // A viewer never seen has an empty history.
    expect(store.peek('nobody').adsSince(0)).toBe(0);
  });

  it('enforces an hourly ad cap or a TOPVIEW cap as high as the platform settings allow', () => {
    // Settings accept up to 1,000 ads per viewer per hour and 100 TOPVIEWs per day.
    const store = new LocalFrequencyStore();
    for (let i = 0; i < 1_000; i++) store.record('v', [capped('g', 0, i < 100)], T0 + i * 1_000);
    const h = store.peek('v');
    expect(h.adsSince(T0 + 1_000_000 - MS_PER_HOUR)).toBe(1_000);
    expect(h.topviewsSince(T0 + 1_000_000 - MS_PER_DAY)).toBe(100);
  });

  it('counts every ad of the last hour for a heavy viewer', () => {
    const store = new LocalFrequencyStore();
    // Two ads a minute for three days.
    for (let i = 0; i < 3 * 24 * 120; i++) store.record('v', [capped('g', 2)], T0 + i * 30_000);
    const now = T0 + 3 * MS_PER_DAY;
    const h = store.peek('v');
    expect(h.adsSince(now - MS_PER_HOUR)).toBe(120);
    expect(h.adGroupCount('g', 0)).toBe(2); // only the last N of a capped group
  });

  it('forgets the least recently served viewer beyond its bound (LRU)', () => {
    const store = new LocalFrequencyStore(3);
    store.record('a', [capped('g', 1)], T0);
    store.record('b', [capped('g', 1)], T0 + 1);
    store.record('c', [capped('g', 1)], T0 + 2);
    // Serving `a` again makes it the most recent; `d` then pushes out `b`.
    store.record('a', [capped('g', 1)], T0 + 3);
    store.record('d', [capped('g', 1)], T0 + 4);
    expect(store.size).toBe(3);
    expect(store.peek('b').adGroupCount('g', 0)).toBe(0);
    for (const v of ['a', 'c', 'd']) expect(store.peek(v).adGroupCount('g', 0)).toBe(1);
    // Nothing served, nothing recorded.
    store.record('e', [], T0 + 5);
    expect(store.size).toBe(3);
  });

  it('sweeps viewers not served for 30 days', () => {
    const store = new LocalFrequencyStore();
    store.record('old', [capped('g', 1)], T0);
    store.record('new', [capped('g', 1)], T0 + 20 * MS_PER_DAY);
    store.sweep(T0 + 31 * MS_PER_DAY);
    expect(store.size).toBe(1);
    expect(store.peek('new').adGroupCount('g', 0)).toBe(1);
  });
});
