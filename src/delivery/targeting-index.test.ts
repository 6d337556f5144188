import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AGE_GROUPS,
  GENDERS,
  OPERATING_SYSTEMS,
  PLACEMENTS,
  type Placement,
  VIEWER_GENDERS,
} from '../domain/enums.js';
import type { Targeting } from '../domain/model.js';
import { type IndexedTargeting, TargetingIndex } from './targeting-index.js';
import type { Viewer } from './viewer.js';

// Small value pools so that random viewers and ad groups often overlap.
const COUNTRIES = ['FR', 'DE', 'US', 'JP'];
const REGIONS = ['FR-IDF', 'FR-ARA', 'US-CA'];
const LANGUAGES = ['fr', 'en', 'de'];
const INTERESTS = ['fitness', 'fitness.running', 'fitness.yoga', 'food', 'food.vegan', 'food.vegan.baking'];
const AUDIENCES = ['aud-1', 'aud-2', 'aud-3', 'aud-4'];

const some = <T>(values: readonly T[], max = 3) =>
  fc.uniqueArray(fc.constantFrom(...values), { maxLength: max });
/** Mostly "any" (empty), sometimes restricted. */
const maybe = <T>(values: readonly T[], max = 3) =>
  fc.oneof({ weight: 2, arbitrary: fc.constant([] as T[]) }, { weight: 1, arbitrary: some(values, max) });

const targetingArb: fc.Arbitrary<IndexedTargeting> = fc.record({
  placements: maybe(PLACEMENTS, 2),
  targeting: fc.record({
    countries: maybe(COUNTRIES),
    regions: maybe(REGIONS, 2),
    ageGroups: maybe(AGE_GROUPS),
    gender: fc.constantFrom(...GENDERS),
    languages: maybe(LANGUAGES, 2),
    interestCategoryIds: maybe(INTERESTS, 2),
    operatingSystems: maybe(OPERATING_SYSTEMS, 2),
    audienceIds: maybe(AUDIENCES, 2),
    excludedAudienceIds: maybe(AUDIENCES, 2),
  }) as fc.Arbitrary<Targeting>,
});

const viewerArb: fc.Arbitrary<Viewer> = fc.record(
  {
    id: fc.constant('v'),
    country: fc.constantFrom(...COUNTRIES),
    region: fc.constantFrom(...REGIONS),
    language: fc.constantFrom(...LANGUAGES),
    ageGroup: fc.constantFrom(...AGE_GROUPS),
    gender: fc.constantFrom(...VIEWER_GENDERS),
    os: fc.constantFrom(...OPERATING_SYSTEMS),
    interests: some(INTERESTS, 2),
    audienceIds: some(AUDIENCES, 2),
  },
  // Any attribute may be unknown to the host.
  { requiredKeys: ['id'] },
);

/** The targeting rules, read from the product description, evaluated the slow and obvious way. */
function bruteForce(entry: IndexedTargeting, viewer: Viewer, placement: Placement): boolean {
  const t = entry.targeting;
  const one = <T>(wanted: readonly T[], value: T | undefined) =>
    wanted.length === 0 || (value !== undefined && wanted.includes(value));
  // An interest matches the viewer's own interests and any of their sub-interests.
  const interestOk =
    t.interestCategoryIds.length === 0 ||
    t.interestCategoryIds.some((wanted) =>
      (viewer.interests ?? []).some((have) => have === wanted || have.startsWith(`${wanted}.`)),
    );
  const audienceOk =
    t.audienceIds.length === 0 || t.audienceIds.some((a) => (viewer.audienceIds ?? []).includes(a));
  const excluded = t.excludedAudienceIds.some((a) => (viewer.audienceIds ?? []).includes(a));
  return (
    one(entry.placements, placement) &&
    one(t.countries, viewer.country) &&
    one(t.regions, viewer.region) &&
    one(t.ageGroups, viewer.ageGroup) &&
    (t.gender === 'GENDER_UNLIMITED' || t.gender === viewer.gender) &&
    one(t.languages, viewer.language) &&
    one(t.operatingSystems, viewer.os) &&
    interestOk &&
    audienceOk &&
    !excluded
  );
}

function matchedKeys(index: TargetingIndex, viewer: Viewer, placement: Placement): string[] {
  const out: string[] = [];
  index.match(viewer, placement).forEach((slot) => {
    const key = index.keyOf(slot);
    if (key === undefined) throw new Error(`slot ${slot} matched but holds no ad group`);
    out.push(key);
  });
  return out.sort();
}

type Op = { kind: 'put'; key: number; entry: IndexedTargeting } | { kind: 'remove'; key: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('put' as const), key: fc.nat(79), entry: targetingArb }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), key: fc.nat(79) }) },
);

describe('TargetingIndex against a brute-force evaluation', () => {
  it('matches exactly the ad groups whose rules the viewer satisfies, through updates and removals', () => {
    fc.assert(
      fc.property(
        fc.array(opArb, { minLength: 1, maxLength: 150 }),
        fc.array(fc.tuple(viewerArb, fc.constantFrom(...PLACEMENTS)), { minLength: 1, maxLength: 8 }),
        (ops, viewers) => {
          const index = new TargetingIndex();
          const model = new Map<string, IndexedTargeting>();
          const check = () => {
            for (const [viewer, placement] of viewers) {
              const expected = [...model.entries()]
                .filter(([, entry]) => bruteForce(entry, viewer, placement))
                .map(([key]) => key)
                .sort();
              expect(matchedKeys(index, viewer, placement)).toEqual(expected);
              // Explain agrees with the match: no mismatch for matched groups, one for the others.
              for (const key of model.keys()) {
                expect(index.mismatch(key, viewer, placement) === null).toBe(expected.includes(key));
              }
            }
          };
          for (const [i, op] of ops.entries()) {
            const key = `adg-${op.key}`;
            if (op.kind === 'put') {
              index.put(key, op.entry);
              model.set(key, op.entry);
            } else {
              index.remove(key);
              model.delete(key);
            }
            expect(index.size).toBe(model.size);
            if (i % 10 === 9) check();
          }
          check();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a slot freed by a removal is reused without leaking the old targeting', () => {
    const index = new TargetingIndex();
    const fr: IndexedTargeting = {
      placements: [],
      targeting: {
        countries: ['FR'],
        regions: [],
        ageGroups: ['AGE_18_24'],
        gender: 'GENDER_FEMALE',
        languages: [],
        interestCategoryIds: ['fitness'],
        operatingSystems: [],
        audienceIds: [],
        excludedAudienceIds: ['aud-1'],
      },
    };
    const slot = index.put('a', fr);
    index.remove('a');
    const any: IndexedTargeting = {
      ...fr,
      targeting: {
        ...fr.targeting,
        ageGroups: [],
        gender: 'GENDER_UNLIMITED',
        interestCategoryIds: [],
        excludedAudienceIds: [],
      },
    };
    expect(index.put('b', any)).toBe(slot);
    const viewer: Viewer = {
      id: 'v',
      country: 'FR',
      ageGroup: 'AGE_45_54',
      gender: 'GENDER_MALE',
      audienceIds: ['aud-1'],
    };
    expect(matchedKeys(index, viewer, 'IN_FEED')).toEqual(['b']);
    // Changing the first targeted country moves the group to another page cluster: still one match.
    index.put('b', { ...any, targeting: { ...any.targeting, countries: ['DE', 'FR'] } });
    expect(matchedKeys(index, viewer, 'IN_FEED')).toEqual(['b']);
    expect(matchedKeys(index, { ...viewer, country: 'US' }, 'IN_FEED')).toEqual([]);
    expect(index.mismatch('b', { ...viewer, country: 'US' }, 'IN_FEED')).toBe('country');
  });

  it('scales past many pages of slots', () => {
    const index = new TargetingIndex();
    const base: IndexedTargeting = {
      placements: ['IN_FEED'],
      targeting: {
        countries: [],
        regions: [],
        ageGroups: [],
        gender: 'GENDER_UNLIMITED',
        languages: [],
        interestCategoryIds: [],
        operatingSystems: [],
        audienceIds: [],
        excludedAudienceIds: [],
      },
    };
    for (let i = 0; i < 5_000; i++) {
      const country = COUNTRIES[i % COUNTRIES.length] as string;
      index.put(`g${i}`, { ...base, targeting: { ...base.targeting, countries: [country] } });
    }
    expect(index.match({ id: 'v', country: 'JP' }, 'IN_FEED').count()).toBe(1_250);
    expect(index.match({ id: 'v', country: 'JP' }, 'TOPVIEW').count()).toBe(0);
    expect(index.match({ id: 'v' }, 'IN_FEED').count()).toBe(0);
  });
});
