import type { RandomSource } from '../domain/random.js';
import type { AdEventType } from '../events/types.js';
import type { SimViewer } from './population.js';
import type { ScenarioBehaviour } from './scenario-schema.js';

/**
 * The viewer behaviour model: what a viewer does with an ad in the feed. Each rate is per
 * impression for an average post shown to a viewer; it is multiplied by the post's quality (its
 * organic engagement relative to the median, to the power `quality_exponent`) and by
 * `interest_lift` when the post's topic is one of the viewer's interests (or a parent of one),
 * `mismatch_factor` otherwise. Watch depth is one draw, so 2 s ≥ 6 s ≥ complete views.
 */
export interface AdShown {
  viewer: SimViewer;
  topic: string;
  quality: number;
  durationMs: number;
}

export interface TimedEvent {
  type: AdEventType;
  /** Milliseconds after the ad was placed in the page. */
  offsetMs: number;
}

export interface AdOutcome {
  events: TimedEvent[];
  /** The click leads to a conversion this long after it (null: none). */
  conversionAfterMs: number | null;
}

export function interestMatches(viewer: SimViewer, topic: string): boolean {
  for (const interest of viewer.interests ?? []) {
    if (interest === topic || interest.startsWith(`${topic}.`) || topic.startsWith(`${interest}.`))
      return true;
  }
  return false;
}

export class BehaviourModel {
  constructor(private readonly spec: ScenarioBehaviour) {}

  /** How much more (or less) this viewer engages with this post than with an average one. */
  multiplier(shown: AdShown): number {
    const quality = shown.quality ** this.spec.quality_exponent;
    return (
      quality *
      (interestMatches(shown.viewer, shown.topic) ? this.spec.interest_lift : this.spec.mismatch_factor)
    );
  }

  outcome(shown: AdShown, random: RandomSource): AdOutcome {
    const b = this.spec;
    const events: TimedEvent[] = [];
    // The draws are made in a fixed order whatever happens, so two runs that show the same ad to the
    // same viewer see the same behaviour (common random numbers across baselines).
    const seen = random.float() < b.see_ad;
    const play = random.float() < b.play;
    const depth = random.float();
    const draws = {
      click: random.float(),
      like: random.float(),
      comment: random.float(),
      share: random.float(),
      follow: random.float(),
      profile_visit: random.float(),
      convert: random.float(),
      delay: random.float(),
    };
    if (!seen) return { events, conversionAfterMs: null };
    const m = this.multiplier(shown);
    const at = 500 + Math.floor(draws.delay * 1500);
    events.push({ type: 'impression', offsetMs: at });
    if (!play) return { events, conversionAfterMs: null };
    events.push({ type: 'video_play', offsetMs: at + 200 });
    const p2 = Math.min(0.98, b.view_2s * Math.sqrt(m));
    const p6 = Math.min(p2, b.view_6s * m);
    const p100 = Math.min(p6, b.complete * m);
    if (depth < p2) events.push({ type: 'view_2s', offsetMs: at + 2_000 });
    if (depth < p6) events.push({ type: 'view_6s', offsetMs: at + 6_000 });
    if (depth < p100) events.push({ type: 'view_p100', offsetMs: at + Math.max(6_500, shown.durationMs) });
    const act = (draw: number, rate: number) => draw < Math.min(0.9, rate * m);
    let conversionAfterMs: number | null = null;
    if (act(draws.click, b.click)) {
      events.push({ type: 'click', offsetMs: at + 4_000 });
      if (draws.convert < b.convert_after_click)
        conversionAfterMs = 60_000 + Math.floor(draws.delay * 1_800_000);
    }
    if (act(draws.like, b.like)) events.push({ type: 'like', offsetMs: at + 3_000 });
    if (act(draws.comment, b.comment)) events.push({ type: 'comment', offsetMs: at + 8_000 });
    if (act(draws.share, b.share)) events.push({ type: 'share', offsetMs: at + 9_000 });
    if (act(draws.follow, b.follow)) events.push({ type: 'follow', offsetMs: at + 7_000 });
    if (act(draws.profile_visit, b.profile_visit))
      events.push({ type: 'profile_visit', offsetMs: at + 5_000 });
    return { events, conversionAfterMs };
  }
}
