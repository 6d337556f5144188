import { DateTime } from 'luxon';
import { expandInterests } from '../delivery/viewer.js';
import type { SimViewer } from './population.js';
import type { PlannedAdGroup } from './world.js';

/**
 * Which requests an ad group could buy: its targeting and dayparting, evaluated independently of
 * the engine. Counted per 15 minutes, it is the ad group's own traffic curve: the ideal spend curve
 * spreads the budget in proportion to it, and win rate is ads served per eligible request.
 */
export class EligibilityCounter {
  private readonly matchers: ((viewer: SimViewer, expanded: ReadonlySet<string>) => boolean)[];
  private readonly zones: string[];
  private readonly dayparting: (string | null)[];
  private readonly cellCache = new Map<string, number>();
  /** Per ad group: eligible requests per 15-minute bucket start. */
  readonly counts: Map<number, number>[];

  constructor(groups: readonly PlannedAdGroup[], accountZones: readonly string[]) {
    this.matchers = groups.map((g) => matcherOf(g));
    this.zones = groups.map((g) => accountZones[g.accountIndex] as string);
    this.dayparting = groups.map((g) => g.input.dayparting ?? null);
    this.counts = groups.map(() => new Map());
  }

  private cell(zone: string, bucket: number): number {
    const key = `${zone}|${bucket}`;
    let cell = this.cellCache.get(key);
    if (cell === undefined) {
      const local = DateTime.fromMillis(bucket, { zone });
      cell = (local.weekday - 1) * 48 + local.hour * 2 + (local.minute >= 30 ? 1 : 0);
      this.cellCache.set(key, cell);
    }
    return cell;
  }

  /** Counts one request (a feed page) of `viewer` in the bucket starting at `bucket`. */
  count(viewer: SimViewer, bucket: number): void {
    const expanded = new Set(expandInterests(viewer.interests));
    this.matchers.forEach((matches, i) => {
      const cells = this.dayparting[i];
      if (cells && cells.charCodeAt(this.cell(this.zones[i] as string, bucket)) !== 49) return;
      if (!matches(viewer, expanded)) return;
      const counts = this.counts[i] as Map<number, number>;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    });
  }
}

function matcherOf(group: PlannedAdGroup): (viewer: SimViewer, expanded: ReadonlySet<string>) => boolean {
  const t = group.input.targeting ?? {};
  const placements = group.input.placements;
  const one = <T>(wanted: readonly T[] | undefined, value: T | undefined) =>
    !wanted || wanted.length === 0 || (value !== undefined && wanted.includes(value));
  return (viewer, expanded) =>
    placements.includes('IN_FEED') &&
    one(t.countries, viewer.country) &&
    one(t.age_groups, viewer.ageGroup) &&
    (t.gender === undefined || t.gender === 'GENDER_UNLIMITED' || t.gender === viewer.gender) &&
    one(t.languages, viewer.language) &&
    one(t.operating_systems, viewer.os) &&
    (!t.interest_category_ids?.length || t.interest_category_ids.some((i) => expanded.has(i))) &&
    (!t.audience_ids?.length || t.audience_ids.some((a) => viewer.audienceIds?.includes(a))) &&
    !(t.excluded_audience_ids ?? []).some((a) => viewer.audienceIds?.includes(a));
}
