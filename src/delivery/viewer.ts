import type { AgeGroup, OperatingSystem, Placement, ViewerGender } from '../domain/enums.js';

/** What the host app knows about the viewer asking for a feed page (all optional but the id). */
export interface Viewer {
  /** Pseudonymous, stable per viewer: frequency caps and reach count it. */
  id: string;
  country?: string | undefined;
  region?: string | undefined;
  language?: string | undefined;
  ageGroup?: AgeGroup | undefined;
  gender?: ViewerGender | undefined;
  os?: OperatingSystem | undefined;
  interests?: readonly string[] | undefined;
  audienceIds?: readonly string[] | undefined;
}

/** A viewer interested in `fitness.running` is also interested in `fitness`. */
export function expandInterests(interests: readonly string[] | undefined): string[] {
  if (!interests || interests.length === 0) return [];
  const out = new Set<string>();
  for (const interest of interests) {
    const parts = interest.split('.');
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('.'));
  }
  return [...out];
}

const parentsCache = new Map<string, readonly string[]>();

/** The interest and its parents (`a.b.c` → `a`, `a.b`, `a.b.c`), memoized (callers must not modify it). */
export function interestWithParents(interest: string): readonly string[] {
  let out = parentsCache.get(interest);
  if (!out) {
    const parts = interest.split('.');
    out = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
    // Interest ids come from a small taxonomy; the bound only guards against arbitrary input.
    if (parentsCache.size < 10_000) parentsCache.set(interest, out);
  }
  return out;
}

export interface TargetedRequest {
  viewer: Viewer;
  placement: Placement;
}
