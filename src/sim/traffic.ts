import { DateTime } from 'luxon';
import { TrafficCurve } from '../delivery/pacing.js';
import type { RandomSource } from '../domain/random.js';
import { MS_PER_MINUTE, parseTimeInZone } from '../domain/time.js';
import { geometric, poisson } from './distributions.js';
import type { Population, SimViewer } from './population.js';
import type { ScenarioTraffic } from './scenario-schema.js';

/**
 * The traffic curve: sessions per minute and country follow a diurnal shape in the viewers' local
 * time (interpolated between hours), a weekday multiplier and spikes; arrivals are Poisson. Each
 * session is a few feed pages, some tens of seconds apart.
 */

/** A short-video day in local time (quiet 2–6 h, lunch and evening peaks): the engine's own prior shape. */
export const DEFAULT_DIURNAL: number[] = Array.from({ length: 24 }, (_, hour) => {
  const shape = TrafficCurve.diurnalShape(0);
  return (shape.slice(hour * 4, hour * 4 + 4) as number[]).reduce((a, b) => a + b, 0) / 4;
});

export interface Session {
  id: number;
  start: number;
  viewer: SimViewer;
  pages: number;
}

interface SpikeWindow {
  from: number;
  to: number;
  multiplier: number;
  countries: Set<string> | null;
}

export class TrafficModel {
  private readonly diurnal: number[];
  private readonly diurnalTotal: number;
  private readonly weekdays: number[];
  private readonly spikes: SpikeWindow[];

  constructor(
    private readonly spec: ScenarioTraffic,
    private readonly population: Population,
  ) {
    this.diurnal = spec.diurnal ?? DEFAULT_DIURNAL;
    this.diurnalTotal = this.diurnal.reduce((a, b) => a + b, 0);
    this.weekdays = spec.weekdays ?? [1, 1, 1, 1, 1, 1, 1];
    this.spikes = (spec.spikes ?? []).map((s) => {
      const start = parseTimeInZone(s.start, s.time_zone);
      const from = start.ok ? start.ms : 0;
      return {
        from,
        to: from + s.minutes * MS_PER_MINUTE,
        multiplier: s.multiplier,
        countries: s.countries ? new Set(s.countries) : null,
      };
    });
  }

  /** Share of a day's sessions per hour at a local time (hours as a fraction, 0–24), interpolated. */
  private hourShare(localHour: number): number {
    const position = localHour - 0.5;
    const lower = Math.floor(position);
    const t = position - lower;
    const a = this.diurnal[(lower + 24) % 24] as number;
    const b = this.diurnal[(lower + 25) % 24] as number;
    return (a + (b - a) * t) / this.diurnalTotal;
  }

  /** Expected sessions per minute from a country at `t` (without spikes when `plain`). */
  rate(country: Population['countries'][number], t: number, plain = false): number {
    const local = DateTime.fromMillis(t, { zone: country.timeZone });
    const hour = local.hour + local.minute / 60 + local.second / 3600;
    let rate = (this.spec.sessions_per_day * country.share * this.hourShare(hour)) / 60;
    if (plain) return rate;
    rate *= this.weekdays[local.weekday - 1] as number;
    for (const spike of this.spikes) {
      if (t >= spike.from && t < spike.to && (!spike.countries || spike.countries.has(country.code)))
        rate *= spike.multiplier;
    }
    return rate;
  }

  /** Every session starting in [from, to), in time order. */
  sessions(from: number, to: number, random: RandomSource): Session[] {
    const out: Session[] = [];
    for (let minute = from; minute < to; minute += MS_PER_MINUTE) {
      for (const country of this.population.countries) {
        // The rate at the middle of the minute.
        const n = poisson(random, this.rate(country, minute + 30_000));
        for (let i = 0; i < n; i++) {
          out.push({
            id: 0,
            start: minute + Math.floor(random.float() * MS_PER_MINUTE),
            viewer: country.pick(random),
            pages: geometric(random, this.spec.pages_per_session),
          });
        }
      }
    }
    out.sort((a, b) => a.start - b.start);
    out.forEach((s, i) => {
      s.id = i;
    });
    return out;
  }

  /**
   * The expected share of requests per 15-minute slot of the UTC day (weekday and spikes left out):
   * what a platform learns from its history, given to the engine's traffic curve as its prior.
   */
  expectedUtcCurve(day: number): number[] {
    return Array.from({ length: TrafficCurve.SLOTS }, (_, slot) => {
      const t = day + slot * 15 * MS_PER_MINUTE + 7.5 * MS_PER_MINUTE;
      return this.population.countries.reduce((sum, c) => sum + this.rate(c, t, true), 0);
    });
  }
}
