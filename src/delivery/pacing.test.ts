import { describe, expect, it } from 'vitest';
import type { PacingMode } from '../domain/enums.js';
import { SeededRandom } from '../domain/random.js';
import { MS_PER_DAY, MS_PER_HOUR } from '../domain/time.js';
import {
  FINISH_SHARE,
  type PacingInput,
  type PacingState,
  TrafficCurve,
  UPDATE_INTERVAL_MS,
  updatePacing,
} from './pacing.js';

/**
 * Pacing through simulated days. Requests arrive along a synthetic diurnal curve (the 96 quarter
 * hours of `actual`, spaced evenly inside each quarter hour, the clock being the request time);
 * each request runs `updatePacing` as the engine does, takes part with the pass rate (smooth) or
 * always (fast), wins with probability `winRate` at a price drawn around `meanPrice`, and is held
 * back by the ledger when the price would take spend past the budget.
 *
 * The quality metric is Smart Pacing's AvgErr (Xu et al., KDD'15): the RMS of the hourly spend's
 * deviation from a plan, over the mean planned hourly spend (budget / 24).
 */

const DAY0 = 20_400; // a UTC day number: 2025-11-08
const SLOT_MS = 900_000;

interface SimOptions {
  day: number;
  mode: PacingMode;
  budget: number;
  requests: number;
  winRate: number;
  meanPrice: number;
  /** Traffic per quarter hour of the UTC day (relative weights). */
  actual: readonly number[];
  curve: TrafficCurve;
  state?: PacingState | undefined;
  seed: number;
}

interface SimResult {
  spent: number;
  hourly: number[];
  /** Spend during the first minute of the day. */
  firstMinute: number;
  /** Share of the budget spent by the time each quarter hour of traffic has passed. */
  cumulativeByQuarter: number[];
  state: PacingState;
  maxSpentSeen: number;
}

function simulateDay(o: SimOptions): SimResult {
  const random = new SeededRandom(o.seed);
  const dayStart = o.day * MS_PER_DAY;
  const dayEnd = dayStart + MS_PER_DAY;
  const total = o.actual.reduce((a, b) => a + b, 0);
  const trafficShare = (t: number) => o.curve.shareOfDay(dayStart, dayEnd, t);
  let state = o.state;
  let spent = 0;
  let firstMinute = 0;
  let maxSpentSeen = 0;
  const hourly = new Array<number>(24).fill(0);
  const cumulativeByQuarter: number[] = [];
  for (let slot = 0; slot < 96; slot++) {
    const n = Math.round((o.requests * (o.actual[slot] as number)) / total);
    for (let i = 0; i < n; i++) {
      const now = dayStart + slot * SLOT_MS + Math.floor(((i + 0.5) / n) * SLOT_MS);
      o.curve.observe(now);
      const input: PacingInput = {
        mode: o.mode,
        now,
        day: `d${o.day}`,
        budget: o.budget,
        spent,
        trafficShare,
      };
      state = updatePacing(state, input);
      const takesPart = o.mode === 'PACING_MODE_FAST' ? spent < o.budget : random.float() < state.passRate;
      if (!takesPart || random.float() >= o.winRate) continue;
      const price = Math.round(o.meanPrice * (0.5 + random.float()));
      if (spent + price > o.budget) continue; // the ledger's reserve refuses it
      spent += price;
      maxSpentSeen = Math.max(maxSpentSeen, spent);
      const hour = Math.floor((now - dayStart) / MS_PER_HOUR);
      hourly[hour] = (hourly[hour] as number) + price;
      if (now - dayStart < 60_000) firstMinute += price;
    }
    cumulativeByQuarter.push(spent / o.budget);
  }
  return { spent, hourly, firstMinute, cumulativeByQuarter, state: state as PacingState, maxSpentSeen };
}

/** Hourly spend a plan gives, from the plan's cumulative share of the budget per quarter hour. */
function hourlyPlan(budget: number, cumulative: (quarterEnd: number) => number): number[] {
  const out = new Array<number>(24).fill(0);
  for (let q = 0; q < 96; q++) {
    const hour = Math.floor(q / 4);
    out[hour] = (out[hour] as number) + budget * (cumulative(q + 1) - cumulative(q));
  }
  return out;
}

/** Traffic-proportional ideal: each hour gets the budget × its share of the day's traffic. */
function trafficIdeal(budget: number, actual: readonly number[]): number[] {
  const total = actual.reduce((a, b) => a + b, 0);
  const prefix = [0];
  for (const w of actual) prefix.push((prefix[prefix.length - 1] as number) + w / total);
  return hourlyPlan(budget, (q) => prefix[q] as number);
}

/** AvgErr: RMS of the hourly deviations over the mean planned hourly spend, over `hours`. */
function avgErr(hourly: readonly number[], plan: readonly number[], budget: number, hours = 24): number {
  let sum = 0;
  for (let h = 0; h < hours; h++) sum += ((hourly[h] as number) - (plan[h] as number)) ** 2;
  return Math.sqrt(sum / hours) / (budget / 24);
}

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
/** KINDLING_PACING_REPORT=1 prints the measured numbers. */
const show = (line: string) => {
  if (process.env.KINDLING_PACING_REPORT) console.log(line);
};

describe('smooth pacing over simulated days', () => {
  const shape = TrafficCurve.diurnalShape(0);
  // 2 M requests a day; at pass rate 1 the ad group would spend 2 M × 0.3 × 4,000 µ = 12 × its budget.
  const base = {
    mode: 'PACING_MODE_SMOOTH' as const,
    budget: 200_000_000,
    requests: 2_000_000,
    winRate: 0.3,
    meanPrice: 4_000,
    actual: shape,
  };

  it('spends 98–100 % of the daily budget along the traffic curve, cold and warm', () => {
    const curve = new TrafficCurve(shape);
    const cold = simulateDay({ ...base, day: DAY0, curve, seed: 1 });
    const warm = simulateDay({ ...base, day: DAY0 + 1, curve, seed: 2, state: cold.state });
    const ideal = trafficIdeal(base.budget, shape);
    // The controller's own plan: the traffic curve, finishing when FINISH_SHARE of the traffic has passed.
    const total = shape.reduce((a, b) => a + b, 0);
    const prefix = [0];
    for (const w of shape) prefix.push((prefix[prefix.length - 1] as number) + w / total);
    const plan = hourlyPlan(base.budget, (q) => Math.min(1, (prefix[q] as number) / FINISH_SHARE));

    for (const [name, day] of [
      ['cold', cold],
      ['warm', warm],
    ] as const) {
      const share = day.spent / base.budget;
      const vsIdeal = avgErr(day.hourly, ideal, base.budget);
      const vsIdeal23h = avgErr(day.hourly, ideal, base.budget, 23);
      const vsPlan = avgErr(day.hourly, plan, base.budget);
      const report = `${name} day: spent ${pct(share)} of the budget; AvgErr vs the traffic-proportional ideal ${pct(vsIdeal)} (first 23 h: ${pct(vsIdeal23h)}); vs the controller's plan ${pct(vsPlan)}`;
      show(report);
      // Billed spend never passes the budget.
      expect(day.maxSpentSeen, report).toBeLessThanOrEqual(base.budget);
      expect(share, report).toBeGreaterThanOrEqual(0.98);
      expect(share, report).toBeLessThanOrEqual(1);
      // Measured 7.2–7.6 %, above the 5 % target: the controller aims to finish when 98.5 % of the
      // day's traffic has passed (FINISH_SHARE), so every hour runs ~1.5 % ahead of the ideal and the
      // last hour ~25 % behind. Without that margin (FINISH_SHARE = 1) the same simulation measures
      // 0.3–0.9 %. Reported to the lead; the bound here is what the algorithm meets, not 5 %.
      expect(vsIdeal, report).toBeLessThanOrEqual(0.02);
      expect(vsIdeal23h, report).toBeLessThanOrEqual(0.03);
      expect(vsPlan, report).toBeLessThanOrEqual(0.02);
    }
  });

  it('opens the next day at the learned rate, not wide open (no burst after midnight)', () => {
    // A small budget on broad traffic: at pass rate 1 it would spend 1,000 × its budget in a day.
    const small = { ...base, budget: 2_400_000 };
    const curve = new TrafficCurve(shape);
    const first = simulateDay({ ...small, day: DAY0, curve, seed: 3 });
    const truth = small.requests * small.winRate * small.meanPrice;
    const learned = first.state.dailySpendAtFullRate as number;
    // The end of the day, where the budget and not the pass rate caps spend, does not unlearn it.
    expect(learned / truth, `learned ${learned} vs ${truth}`).toBeGreaterThan(0.5);
    expect(learned / truth, `learned ${learned} vs ${truth}`).toBeLessThan(2);

    const second = simulateDay({ ...small, day: DAY0 + 1, curve, seed: 4, state: first.state });
    const total = shape.reduce((a, b) => a + b, 0);
    const idealFirstHour = shape.slice(0, 4).reduce((a, b) => a + b, 0) / total;
    const idealFirstMinute = idealFirstHour / 60;
    const firstMinute = second.firstMinute / small.budget;
    const firstHour = (second.hourly[0] as number) / small.budget;
    const report = `next day: first minute ${pct(firstMinute)} (ideal ${pct(idealFirstMinute)}), first hour ${pct(firstHour)} (ideal ${pct(idealFirstHour)}); learned ${(learned / truth).toFixed(3)} × the truth`;
    show(report);
    expect(firstMinute, report).toBeLessThan(5 * idealFirstMinute + 0.002);
    expect(firstHour, report).toBeLessThan(1.3 * idealFirstHour);
    expect(second.spent / small.budget, report).toBeGreaterThanOrEqual(0.98);
  });

  it('when real traffic differs from the expected curve, it still spends the budget and the curve learns', () => {
    // Real traffic peaks 3 hours later than the prior expects.
    const actual = TrafficCurve.diurnalShape(-3);
    const curve = new TrafficCurve(shape);
    const ideal = trafficIdeal(base.budget, actual);
    const errors: number[] = [];
    let state: PacingState | undefined;
    for (let d = 0; d < 4; d++) {
      const day = simulateDay({
        ...base,
        requests: 1_000_000,
        actual,
        day: DAY0 + d,
        curve,
        seed: 10 + d,
        state,
      });
      state = day.state;
      errors.push(avgErr(day.hourly, ideal, base.budget));
      expect(day.spent / base.budget).toBeGreaterThanOrEqual(0.98);
      expect(day.maxSpentSeen).toBeLessThanOrEqual(base.budget);
    }
    // Each day blends the observed traffic into the curve: the error about halves every day.
    const report = `traffic 3 h off the expected curve, AvgErr by day: ${errors.map(pct).join(', ')}`;
    show(report);
    for (let d = 1; d < errors.length; d++)
      expect(errors[d], report).toBeLessThan(0.7 * (errors[d - 1] as number));
  });
});

describe('fast pacing', () => {
  it('front-loads: most of the budget goes in the first hours, then it stops', () => {
    const shape = TrafficCurve.diurnalShape(0);
    const budget = 200_000_000;
    const day = simulateDay({
      mode: 'PACING_MODE_FAST',
      budget,
      requests: 1_000_000,
      winRate: 0.3,
      meanPrice: 4_000,
      actual: shape,
      curve: new TrafficCurve(shape),
      day: DAY0,
      seed: 5,
    });
    expect(day.spent / budget).toBeGreaterThanOrEqual(0.98);
    expect(day.maxSpentSeen).toBeLessThanOrEqual(budget);
    // At 6 × the budget at full rate, the budget is gone before a quarter of the day's traffic
    // has passed (smooth pacing would have spent a quarter by then), and nothing is left for the
    // evening peak.
    const total = shape.reduce((a, b) => a + b, 0);
    let traffic = 0;
    let q = 0;
    while (traffic + (shape[q] as number) / total <= 0.25) traffic += (shape[q++] as number) / total;
    expect(day.cumulativeByQuarter[q - 1] as number).toBeGreaterThanOrEqual(0.98);
    expect(day.hourly.slice(12).every((h) => h === 0)).toBe(true);
  });

  it('takes part in every auction while budget remains and in none after', () => {
    const input = (spent: number, now: number): PacingInput => ({
      mode: 'PACING_MODE_FAST',
      now,
      day: '2026-11-25',
      budget: 1_000,
      spent,
      trafficShare: () => 0.5,
    });
    let state = updatePacing(undefined, input(0, 0));
    state = updatePacing(state, input(10, 1));
    expect(state.passRate).toBe(1);
    state = updatePacing(state, input(1_000, 2));
    expect(state.passRate).toBe(0);
  });
});

describe('updatePacing: the controller step', () => {
  const T0 = DAY0 * MS_PER_DAY;
  const linear = (t: number) => Math.min(1, Math.max(0, (t - T0) / MS_PER_DAY));
  const input = (now: number, spent: number, extra: Partial<PacingInput> = {}): PacingInput => ({
    mode: 'PACING_MODE_SMOOTH',
    now,
    day: 'd1',
    budget: 1_440_000,
    spent,
    trafficShare: linear,
    ...extra,
  });

  it('starts slow (10 %), holds the rate between updates, then sets it from what a unit of rate bought', () => {
    const s0 = updatePacing(undefined, input(T0, 0));
    expect(s0).toMatchObject({ day: 'd1', passRate: 0.1, dailySpendAtFullRate: null, spendAtLastUpdate: 0 });
    // Within the interval nothing changes.
    expect(updatePacing(s0, input(T0 + UPDATE_INTERVAL_MS - 1, 500))).toBe(s0);
    // A minute at rate 0.1 bought 1,500 µ of 1/1440 of the day: full rate buys 1,500 / 0.1 × 1440 a day.
    const s1 = updatePacing(s0, input(T0 + UPDATE_INTERVAL_MS, 1_500));
    expect(s1.dailySpendAtFullRate).toBeCloseTo(21_600_000, 0);
    // Next minute's target: budget × (2/1440) / FINISH_SHARE = 2,000 µ; 500 µ to buy with 15,000 µ per
    // minute at full rate → pass rate ≈ 0.033.
    const target = (1_440_000 * (2 / 1440)) / FINISH_SHARE;
    expect(s1.passRate).toBeCloseTo((target - 1_500) / (21_600_000 / 1440), 6);
    expect(s1.lastUpdateAt).toBe(T0 + UPDATE_INTERVAL_MS);
  });

  it('stops at once when the budget is spent, even between updates', () => {
    const s0 = updatePacing(undefined, input(T0, 0));
    const s1 = updatePacing(s0, input(T0 + 5, 1_440_000));
    expect(s1.passRate).toBe(0);
  });

  it('ahead of the curve it pauses; behind it, it never drops below the floor', () => {
    const s0 = updatePacing(undefined, input(T0, 0));
    const ahead = updatePacing(s0, input(T0 + UPDATE_INTERVAL_MS, 100_000));
    expect(ahead.passRate).toBe(0);
    const behind = updatePacing(s0, input(T0 + UPDATE_INTERVAL_MS, 1_000));
    expect(behind.passRate).toBeGreaterThan(0);
    expect(behind.passRate).toBeLessThanOrEqual(1);
  });

  it('a new day resets the state but keeps what was learned', () => {
    const s0 = updatePacing(undefined, input(T0, 0));
    const s1 = updatePacing(s0, input(T0 + UPDATE_INTERVAL_MS, 2_000));
    const learned = s1.dailySpendAtFullRate as number;
    const next = T0 + MS_PER_DAY;
    const nextShare = (t: number) => Math.min(1, Math.max(0, (t - next) / MS_PER_DAY));
    const s2 = updatePacing(s1, input(next, 0, { day: 'd2', trafficShare: nextShare }));
    expect(s2).toMatchObject({ day: 'd2', lastUpdateAt: next, spendAtLastUpdate: 0 });
    expect(s2.dailySpendAtFullRate).toBe(learned);
    // The first minute's plan: budget × (1/1440) / FINISH_SHARE at 20,000 µ per minute at full rate.
    expect(s2.passRate).toBeCloseTo(1_440_000 / 1440 / FINISH_SHARE / (learned / 1440), 6);
    // Spend carried into the new day (holds made just before midnight count on the new day's key
    // only if the caller says so): the state starts from what it is given.
    const s3 = updatePacing(s1, input(next, 700, { day: 'd2', trafficShare: nextShare }));
    expect(s3.spendAtLastUpdate).toBe(700);
  });
});

describe('TrafficCurve', () => {
  it('shares run from 0 at the start of a local day to 1 at its end, monotonically', () => {
    const curve = new TrafficCurve(TrafficCurve.diurnalShape(1));
    // A local day of UTC+9 (Tokyo) crosses UTC midnight.
    const start = DAY0 * MS_PER_DAY - 9 * MS_PER_HOUR;
    const end = start + MS_PER_DAY;
    expect(curve.shareOfDay(start, end, start)).toBe(0);
    expect(curve.shareOfDay(start, end, end)).toBeCloseTo(1, 12);
    expect(curve.shareOfDay(start, end, end + MS_PER_HOUR)).toBe(1);
    expect(curve.shareOfDay(start, end, start - MS_PER_HOUR)).toBe(0);
    let previous = 0;
    for (let t = start; t <= end; t += 7 * 60_000) {
      const share = curve.shareOfDay(start, end, t);
      expect(share).toBeGreaterThanOrEqual(previous);
      previous = share;
    }
  });

  it('a dayparted day plans over its active half hours only: 0 before 18 h, 1 from 23 h', () => {
    const curve = new TrafficCurve(TrafficCurve.diurnalShape(1));
    const start = DAY0 * MS_PER_DAY - 1 * MS_PER_HOUR; // local midnight at UTC+1
    const end = start + MS_PER_DAY;
    const evenings = '0'.repeat(36).concat('1'.repeat(10), '00'); // 18:00–23:00
    const at = (hours: number) => curve.shareOfDay(start, end, start + hours * MS_PER_HOUR, evenings);
    expect([at(0), at(12), at(18)]).toEqual([0, 0, 0]);
    expect(at(23)).toBeCloseTo(1, 12);
    expect(at(24)).toBe(1);
    // Inside the window it follows the traffic of those hours, not the whole day's.
    const whole = (hours: number) => curve.shareOfDay(start, end, start + hours * MS_PER_HOUR);
    const expected = (whole(20.5) - whole(18)) / (whole(23) - whole(18)); // share of 18–23 h traffic by 20:30
    expect(at(20.5)).toBeCloseTo(expected, 9);
    let previous = 0;
    for (let h = 0; h <= 24; h += 0.1) {
      expect(at(h)).toBeGreaterThanOrEqual(previous);
      previous = at(h);
    }
  });

  it('a 23-hour local day (spring forward) still sums to 1', () => {
    const curve = new TrafficCurve();
    const start = Date.UTC(2026, 2, 28, 23, 0); // 2026-03-29 00:00 in Paris (UTC+1)
    const end = Date.UTC(2026, 2, 29, 22, 0); // 2026-03-30 00:00 in Paris (UTC+2)
    expect(curve.shareOfDay(start, end, end)).toBeCloseTo(1, 12);
    const half = curve.shareOfDay(start, end, start + 11.5 * MS_PER_HOUR);
    expect(half).toBeGreaterThan(0);
    expect(half).toBeLessThan(1);
  });

  it('the default shape is a short-video day: quiet at 4 h, busiest in the evening', () => {
    const shape = TrafficCurve.diurnalShape(0);
    expect(shape).toHaveLength(96);
    expect(Math.min(...shape)).toBeGreaterThan(0);
    const at = (hour: number) => shape[hour * 4] as number;
    expect(at(4)).toBeLessThan(at(12));
    expect(at(12)).toBeLessThan(at(21));
    // Shifting by the UTC offset moves the local shape: 21 h in UTC+2 is 19 h UTC.
    expect(TrafficCurve.diurnalShape(2)[19 * 4]).toBeCloseTo(at(21), 12);
  });

  it('learns the observed day, blended half and half, once a day has enough requests', () => {
    const flat = new Array(96).fill(1);
    const curve = new TrafficCurve(flat);
    const day = DAY0 * MS_PER_DAY;
    // All traffic in the first half of the UTC day.
    for (let i = 0; i < 20_000; i++) curve.observe(day + (i % 48) * SLOT_MS + 1);
    curve.observe(day + MS_PER_DAY + 1); // the next day's first request closes the day
    // Prior half 0.5, observed half 1.0 → 0.75 of the day's traffic is in its first half.
    expect(curve.shareOfDay(day, day + MS_PER_DAY, day + MS_PER_DAY / 2)).toBeCloseTo(0.75, 6);

    const quiet = new TrafficCurve(flat);
    for (let i = 0; i < 100; i++) quiet.observe(day + (i % 48) * SLOT_MS + 1);
    quiet.observe(day + MS_PER_DAY + 1);
    expect(quiet.shareOfDay(day, day + MS_PER_DAY, day + MS_PER_DAY / 2)).toBeCloseTo(0.5, 12);
  });
});
