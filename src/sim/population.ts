import type { Viewer } from '../delivery/viewer.js';
import type { AgeGroup, OperatingSystem, ViewerGender } from '../domain/enums.js';
import type { RandomSource } from '../domain/random.js';
import { intBetween, logNormal, WeightedChoice, weightedFromRecord } from './distributions.js';
import type { ScenarioPopulation } from './scenario-schema.js';

/** A simulated viewer: what the host knows (sent with each request) plus how active they are. */
export interface SimViewer extends Viewer {
  timeZone: string;
  /** Relative number of sessions (log-normal: a few heavy users). */
  activity: number;
}

export interface Population {
  viewers: SimViewer[];
  /** Per country: its time zone, share of sessions, and a chooser of its viewers by activity. */
  countries: { code: string; timeZone: string; share: number; pick: (random: RandomSource) => SimViewer }[];
}

/** Draws the scenario's population (deterministic for a given random source). */
export function buildPopulation(spec: ScenarioPopulation, random: RandomSource): Population {
  const country = new WeightedChoice(spec.countries.map((c) => [c, c.weight] as const));
  const ages = weightedFromRecord(spec.age_groups as Record<AgeGroup, number>);
  const genders = weightedFromRecord(spec.genders as Record<ViewerGender, number>);
  const os = weightedFromRecord(spec.os as Record<OperatingSystem, number>);
  const interests = weightedFromRecord(spec.interests.weights);
  const audiences = Object.entries(spec.audiences ?? {});
  const viewers: SimViewer[] = [];
  for (let i = 0; i < spec.size; i++) {
    const home = country.pick(random);
    const wanted = intBetween(random, spec.interests.per_viewer.min, spec.interests.per_viewer.max);
    const own = new Set<string>();
    for (let k = 0; k < wanted * 3 && own.size < wanted; k++) own.add(interests.pick(random));
    viewers.push({
      id: `viewer-${i}`,
      country: home.code,
      language: home.language,
      ageGroup: ages.pick(random),
      gender: genders.pick(random),
      os: os.pick(random),
      interests: [...own],
      audienceIds: audiences.filter(([, share]) => random.float() < share).map(([id]) => id),
      timeZone: home.time_zone,
      activity: logNormal(random, 1, spec.activity_sigma ?? 0.8),
    });
  }
  const total = viewers.reduce((sum, v) => sum + v.activity, 0);
  const countries = spec.countries.flatMap((c) => {
    const own = viewers.filter((v) => v.country === c.code);
    if (own.length === 0) return [];
    const choice = new WeightedChoice(own.map((v) => [v, v.activity] as const));
    return [
      {
        code: c.code,
        timeZone: c.time_zone,
        share: own.reduce((sum, v) => sum + v.activity, 0) / total,
        pick: (r: RandomSource) => choice.pick(r),
      },
    ];
  });
  return { viewers, countries };
}
