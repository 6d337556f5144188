import type { PacingMode } from '../domain/enums.js';
import type { Micros } from '../domain/money.js';

/**
 * Budget pacing per ad group and day.
 *
 * PACING_MODE_FAST takes part in every auction while budget remains. PACING_MODE_SMOOTH throttles
 * (the ad group takes part in an auction with probability `passRate`, LinkedIn KDD'14 style) so
 * that cumulative spend follows the day's expected traffic curve: every `UPDATE_INTERVAL_MS` the
 * controller measures what one unit of pass rate bought per unit of traffic (an EWMA), and sets
 * the pass rate that would bring spend back onto the curve by the next update (the Turn DSP
 * ADKDD'13 update). Spend here is settled + reserved (served, not yet billed), so the controller
 * sees its decisions at once.
 */
export const UPDATE_INTERVAL_MS = 60_000;
const INITIAL_PASS_RATE = 0.1;
const MIN_PASS_RATE = 0.0005;
const EWMA_ALPHA = 0.3;
/** Aim to finish at the end of the day: the planned curve is the traffic curve itself (measured: finishing 1.5 % early raised the hourly spend-curve error from ~3 % to ~8 % and did not raise spend). */
export const FINISH_SHARE = 1;
const HALF_HOUR_MS = 1_800_000;
/** Learn what the pass rate buys only while this share of the budget remained. */
const LEARN_MIN_HEADROOM = 0.01;

export interface PacingState {
  day: string;
  passRate: number;
  lastUpdateAt: number;
  spendAtLastUpdate: Micros;
  /** Spend a full day at pass rate 1 would bring (learned; carried across days). */
  dailySpendAtFullRate: number | null;
}

export function newPacingState(
  day: string,
  now: number,
  spent: Micros,
  learned: number | null = null,
): PacingState {
  return {
    day,
    passRate: learned ? 1 : INITIAL_PASS_RATE,
    lastUpdateAt: now,
    spendAtLastUpdate: spent,
    dailySpendAtFullRate: learned,
  };
}

export interface PacingInput {
  mode: PacingMode;
  now: number;
  day: string;
  /** Today's budget for this ad group (the smaller of its daily budget and what its lifetime budget allows today). */
  budget: Micros;
  /** Settled + reserved spend of today. */
  spent: Micros;
  /** Share of the day's expected traffic that has passed by `t` (0 at the day's start, 1 at its end). */
  trafficShare: (t: number) => number;
}

/** Brings the state up to date (a new day, or an update interval elapsed). Pure. */
export function updatePacing(state: PacingState | undefined, input: PacingInput): PacingState {
  const { now, budget, spent } = input;
  if (!state || state.day !== input.day) {
    const fresh = newPacingState(input.day, now, spent, state?.dailySpendAtFullRate ?? null);
    // With a learned rate, start the day at the rate it plans, not wide open: a pass rate of 1 until
    // the first update spends `learned` × a minute of traffic, which for a small budget on broad
    // targeting is a large part of the day's budget in the first minute after midnight.
    const learned = fresh.dailySpendAtFullRate;
    if (input.mode === 'PACING_MODE_SMOOTH' && learned !== null && learned > 0) {
      fresh.passRate = plannedPassRate(input, learned, fresh.passRate);
    }
    return fresh;
  }
  if (input.mode === 'PACING_MODE_FAST') return { ...state, passRate: spent < budget ? 1 : 0 };
  if (now - state.lastUpdateAt < UPDATE_INTERVAL_MS && spent < budget) return state;

  let learned = state.dailySpendAtFullRate;
  const shareLast = input.trafficShare(now) - input.trafficShare(state.lastUpdateAt);
  const boughtLast = spent - state.spendAtLastUpdate;
  // Near the budget, spend is capped by the budget, not by the pass rate: what the last interval
  // bought then says nothing of the traffic (learning from it would drive the rate towards 0 at
  // the end of every day, and the next day would open wide).
  const headroomAtLast = budget - state.spendAtLastUpdate;
  if (state.passRate > 0 && shareLast > 1e-6 && headroomAtLast > LEARN_MIN_HEADROOM * budget) {
    const sample = boughtLast / (state.passRate * shareLast);
    learned = learned === null ? sample : learned + EWMA_ALPHA * (sample - learned);
  }

  return {
    day: state.day,
    passRate: plannedPassRate(input, learned, state.passRate),
    lastUpdateAt: now,
    spendAtLastUpdate: spent,
    dailySpendAtFullRate: learned,
  };
}

/** The pass rate that brings spend back onto the curve by the next update. */
function plannedPassRate(input: PacingInput, learned: number | null, previous: number): number {
  const { now, budget, spent } = input;
  if (spent >= budget) return 0;
  const next = now + UPDATE_INTERVAL_MS;
  const target = budget * Math.min(1, input.trafficShare(next) / FINISH_SHARE);
  const need = target - spent;
  const shareNext = Math.max(1e-6, input.trafficShare(next) - input.trafficShare(now));
  let passRate: number;
  if (need <= 0) passRate = 0;
  else if (learned !== null && learned > 0) passRate = need / (learned * shareNext);
  // Nothing learned yet (no traffic or no wins): open up gradually.
  else passRate = Math.max(previous * 2, INITIAL_PASS_RATE);
  return Math.min(1, Math.max(need > 0 ? MIN_PASS_RATE : 0, passRate));
}

/**
 * Expected share of a day's traffic per 15-minute slot of the UTC day (96 slots), learned from
 * observed requests and blended across days. Starts from a typical diurnal shape.
 */
export class TrafficCurve {
  static readonly SLOTS = 96;
  private static readonly SLOT_MS = 900_000;
  private weights: Float64Array;
  private cumulative: Float64Array;
  private readonly counts = new Float64Array(TrafficCurve.SLOTS);
  private countingDay = -1;
  /** True when the day being counted was observed from its first hour. */
  private countedWholeDay = false;
  /** A UTC day is learned only if its first request came within this much of its start. */
  private static readonly FIRST_SEEN_WITHIN_MS = 3_600_000;

  constructor(prior?: ArrayLike<number>) {
    this.weights = new Float64Array(TrafficCurve.SLOTS);
    const shape = prior ?? TrafficCurve.diurnalShape(0);
    for (let i = 0; i < TrafficCurve.SLOTS; i++) this.weights[i] = Math.max(1e-9, shape[i] as number);
    this.cumulative = new Float64Array(TrafficCurve.SLOTS + 1);
    this.recompute();
  }

  /** A typical short-video day in local time (quiet 2–6 h, peaks at lunch and 19–23 h), shifted to UTC. */
  static diurnalShape(utcOffsetHours: number): number[] {
    const out: number[] = [];
    for (let slot = 0; slot < TrafficCurve.SLOTS; slot++) {
      const localHour = (((slot / 4 + utcOffsetHours) % 24) + 24) % 24;
      const night = Math.exp(-((localHour - 4) ** 2) / 6);
      const lunch = Math.exp(-((localHour - 12.5) ** 2) / 3);
      const evening = Math.exp(-((localHour - 21) ** 2) / 6);
      out.push(0.35 + 0.5 * lunch + 1.1 * evening - 0.3 * night);
    }
    return out;
  }

  private recompute(): void {
    const total = this.weights.reduce((a, b) => a + b, 0);
    this.cumulative[0] = 0;
    for (let i = 0; i < TrafficCurve.SLOTS; i++) {
      this.cumulative[i + 1] = (this.cumulative[i] as number) + (this.weights[i] as number) / total;
    }
  }

  /** Counts a request; at the first request of a new UTC day, blends the finished day in. */
  observe(t: number): void {
    const day = Math.floor(t / 86_400_000);
    if (day !== this.countingDay) {
      if (this.countingDay >= 0 && day === this.countingDay + 1 && this.countedWholeDay) this.learn();
      this.counts.fill(0);
      this.countingDay = day;
      // A day first seen late (a server started at 23:00 UTC) holds only its last hours: learning
      // from it would put the whole day's traffic into them.
      this.countedWholeDay = t - day * 86_400_000 < TrafficCurve.FIRST_SEEN_WITHIN_MS;
    }
    const slot = Math.floor((t % 86_400_000) / TrafficCurve.SLOT_MS);
    this.counts[slot] = (this.counts[slot] as number) + 1;
  }

  private learn(): void {
    const total = this.counts.reduce((a, b) => a + b, 0);
    if (total < TrafficCurve.SLOTS * 10) return; // too little traffic to trust
    const weightTotal = this.weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < TrafficCurve.SLOTS; i++) {
      const observed = ((this.counts[i] as number) / total) * weightTotal;
      this.weights[i] = Math.max(1e-9, 0.5 * (this.weights[i] as number) + 0.5 * observed);
    }
    this.recompute();
  }

  /** Fraction of a UTC day's traffic before time-of-day `t` (linear inside a slot). */
  private utcCumulative(t: number): number {
    const ms = ((t % 86_400_000) + 86_400_000) % 86_400_000;
    const position = ms / TrafficCurve.SLOT_MS;
    const slot = Math.floor(position);
    const base = this.cumulative[slot] as number;
    return base + ((this.cumulative[slot + 1] as number) - base) * (position - slot);
  }

  /** Expected traffic between two instants, in UTC days of traffic. */
  private between(from: number, to: number): number {
    if (to <= from) return 0;
    const dayFrom = Math.floor(from / 86_400_000);
    const dayTo = Math.floor(to / 86_400_000);
    if (dayFrom === dayTo) return this.utcCumulative(to) - this.utcCumulative(from);
    return 1 - this.utcCumulative(from) + (dayTo - dayFrom - 1) + this.utcCumulative(to);
  }

  /**
   * Share of the traffic of the local day [dayStart, dayEnd) that has passed by `t`. With
   * `activeCells` (the day's 48 dayparting half hours, '1' = on), only the traffic of active half
   * hours counts, so a group that runs 18–23 h plans its whole budget into those hours. Half hours
   * are counted from the local midnight (on a DST day the last ones fall an hour early or late).
   */
  shareOfDay(dayStart: number, dayEnd: number, t: number, activeCells?: string): number {
    if (activeCells === undefined) {
      const total = this.between(dayStart, dayEnd);
      if (total <= 0) return 1;
      return Math.min(1, Math.max(0, this.between(dayStart, Math.min(t, dayEnd)) / total));
    }
    let total = 0;
    let before = 0;
    for (let i = 0, from = dayStart; from < dayEnd; i++, from += HALF_HOUR_MS) {
      if (activeCells.charCodeAt(Math.min(i, 47)) !== 49) continue;
      const to = Math.min(from + HALF_HOUR_MS, dayEnd);
      total += this.between(from, to);
      if (t > from) before += this.between(from, Math.min(to, t));
    }
    if (total <= 0) return 1;
    return Math.min(1, Math.max(0, before / total));
  }
}
