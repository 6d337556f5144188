import type { Placement } from '../domain/enums.js';
import type { Targeting } from '../domain/model.js';
import { Bitset } from './bitset.js';
import { expandInterests, interestWithParents, type Viewer } from './viewer.js';

/**
 * Boolean targeting index. Every ad group occupies slots; for each attribute there is one bitset
 * of slots that do not restrict it ("any") and one bitset per value. A viewer matches
 *   ∩ over attributes of (any[attr] ∪ ⋃ values[attr][v] for the viewer's values)  \  ⋃ excluded[aud]
 * evaluated with bitmap postings (cf. the conjunction index of Whang et al., VLDB 2009), so a
 * decision never scans ad groups one by one.
 *
 * Country is the first, most selective attribute, and it is answered by layout rather than by
 * bitsets: slots live in extents of EXTENT_WORDS words that each belong to one country cluster
 * (or "*" for groups open to every country). A group targeting several countries gets one slot
 * per country, each slot accepting only its cluster's country, so a viewer from FR scans only the
 * FR and "*" extents — a fraction of the index — and still matches each group at most once.
 *
 * A key may also carry a band (a small integer; the engine uses its score band): clusters are per
 * (country, band), and `matchBand` matches one band at a time, so a caller that wants the best
 * groups first can stop before it has matched the rest.
 */
export const ATTRIBUTES = [
  'country',
  'placement',
  'age',
  'gender',
  'interest',
  'language',
  'os',
  'region',
  'audience',
] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** Attributes matched through bitsets (country is matched by the cluster layout). */
const BITSET_ATTRIBUTES = ATTRIBUTES.filter((a) => a !== 'country');

export interface IndexedTargeting {
  placements: readonly Placement[];
  targeting: Targeting;
}

/** The values an ad group accepts per attribute; an empty list means "any". */
function accepted(entry: IndexedTargeting): Record<Attribute, readonly string[]> {
  const t = entry.targeting;
  return {
    placement: entry.placements,
    country: t.countries,
    region: t.regions,
    age: t.ageGroups,
    gender: t.gender === 'GENDER_UNLIMITED' ? [] : [t.gender],
    language: t.languages,
    interest: t.interestCategoryIds,
    os: t.operatingSystems,
    audience: t.audienceIds,
  };
}

/** The viewer's values per attribute (interests expanded to their parents). */
export function viewerValues(viewer: Viewer, placement: Placement): Record<Attribute, readonly string[]> {
  return {
    placement: [placement],
    country: viewer.country ? [viewer.country] : [],
    region: viewer.region ? [viewer.region] : [],
    age: viewer.ageGroup ? [viewer.ageGroup] : [],
    gender: viewer.gender ? [viewer.gender] : [],
    language: viewer.language ? [viewer.language] : [],
    interest: expandInterests(viewer.interests),
    os: viewer.os ? [viewer.os] : [],
    audience: viewer.audienceIds ?? [],
  };
}

/** 8 words = 256 slots per extent: small enough for small clusters, long enough for tight loops. */
const EXTENT_WORDS = 8;
const EXTENT_SLOTS = EXTENT_WORDS * 32;
const ANY_COUNTRY = '*';

function clusterKey(country: string, band: number): string {
  return `${country}#${band}`;
}

/** A viewer's query, prepared once per decision and matched band by band. */
export interface MatchQuery {
  country: string | undefined;
  /** Per restricted attribute, the word arrays to OR together: "any" plus the viewer's values. */
  groups: Uint32Array[][];
  exclusions: Uint32Array[];
}

export class TargetingIndex {
  private readonly any = new Map<Attribute, Bitset>();
  private readonly byValue = new Map<Attribute, Map<string, Bitset>>();
  /** How many slots restrict each attribute: attributes nobody restricts are skipped. */
  private readonly restricting = new Map<Attribute, number>();
  private readonly excluded = new Map<string, Bitset>();
  private readonly live = new Bitset();
  private readonly result = new Bitset();
  private readonly all: Bitset[] = [];

  /** Per key: its slots, targeting and band (one map entry per ad group). */
  private readonly keys = new Map<string, { slots: number[]; entry: IndexedTargeting; band: number }>();
  /** Bands holding extents, per country (and "*"). */
  private readonly bandsOfCountry = new Map<string, Set<number>>();
  /** Key of each slot; kept dense (grown with nulls) so V8 never turns it into a hash table. */
  private readonly keyOfSlot: (string | null)[] = [];
  /** Extents (indexes) of each cluster, and free slots of each cluster. */
  private readonly extents = new Map<string, number[]>();
  /** The same lists per country, indexed by band (dense). */
  private readonly extentsByCountry = new Map<string, (number[] | undefined)[]>();
  private readonly freeSlots = new Map<string, number[]>();
  private extentCount = 0;
  /** Extents written by the last `match` (cleared by the next one): the first `scannedCount`. */
  private scanned: number[] = [];
  private scannedCount = 0;
  /** `bands` per viewer country ("" for none), highest first; cleared when a cluster is added. */
  private readonly bandsCache = new Map<string, readonly number[]>();

  constructor() {
    for (const attr of ATTRIBUTES) {
      this.any.set(attr, this.track(new Bitset()));
      this.byValue.set(attr, new Map());
      this.restricting.set(attr, 0);
    }
    this.track(this.live);
    this.track(this.result);
  }

  private track(bits: Bitset): Bitset {
    bits.ensure(this.extentCount * EXTENT_SLOTS || 32);
    if (this.all.length > 0) bits.ensure((this.all[0] as Bitset).capacity);
    this.all.push(bits);
    return bits;
  }

  /** Number of keys (ad groups) indexed. */
  get size(): number {
    return this.keys.size;
  }

  /** One past the highest slot ever handed out. */
  get slotCount(): number {
    return this.extentCount * EXTENT_SLOTS;
  }

  /** The key's first slot. */
  slotOf(key: string): number | undefined {
    return this.keys.get(key)?.slots[0];
  }

  /** Every slot of the key (one per targeted country, or one when it targets every country). */
  slotsOf(key: string): readonly number[] {
    return this.keys.get(key)?.slots ?? [];
  }

  /** The band `key` was put in. */
  bandOf(key: string): number | undefined {
    return this.keys.get(key)?.band;
  }

  keyOf(slot: number): string | undefined {
    return this.keyOfSlot[slot] ?? undefined;
  }

  private allocate(country: string, band: number): number {
    const cluster = clusterKey(country, band);
    let free = this.freeSlots.get(cluster);
    if (!free || free.length === 0) {
      const extent = this.extentCount++;
      const bands = this.bandsOfCountry.get(country) ?? new Set<number>();
      if (!bands.has(band)) this.bandsCache.clear();
      bands.add(band);
      this.bandsOfCountry.set(country, bands);
      for (const bits of this.all) bits.ensure(this.extentCount * EXTENT_SLOTS);
      while (this.keyOfSlot.length < this.extentCount * EXTENT_SLOTS) this.keyOfSlot.push(null);
      const list = this.extents.get(cluster) ?? [];
      list.push(extent);
      this.extents.set(cluster, list);
      let byBand = this.extentsByCountry.get(country);
      if (!byBand) {
        byBand = [];
        this.extentsByCountry.set(country, byBand);
      }
      while (byBand.length <= band) byBand.push(undefined);
      byBand[band] = list;
      free = [];
      for (let i = EXTENT_SLOTS - 1; i >= 0; i--) free.push(extent * EXTENT_SLOTS + i);
      this.freeSlots.set(cluster, free);
    }
    return free.pop() as number;
  }

  /** Adds or replaces the targeting of `key` (an ad group id) in `band`; returns its first slot. */
  put(key: string, entry: IndexedTargeting, band = 0): number {
    const known = this.keys.get(key);
    const previous = known?.slots;
    const previousEntry = known?.entry;
    const clusters = entry.targeting.countries.length > 0 ? entry.targeting.countries : [ANY_COUNTRY];
    let slots: number[];
    if (previous && previousEntry && known?.band === band && sameClusters(previousEntry, clusters)) {
      // Same clusters: reuse the slots in place.
      previous.forEach((slot, i) => {
        this.unindex(slot, previousEntry, clusters[i] as string);
      });
      slots = previous;
    } else {
      if (previous) this.remove(key);
      slots = clusters.map((country) => this.allocate(country, band));
    }
    this.keys.set(key, { slots, entry, band });
    const values = accepted(entry);
    slots.forEach((slot, i) => {
      this.keyOfSlot[slot] = key;
      this.live.set(slot);
      const cluster = clusters[i] as string;
      for (const attr of ATTRIBUTES) {
        // Each slot accepts only its own cluster's country.
        const list = attr === 'country' ? (cluster === ANY_COUNTRY ? [] : [cluster]) : values[attr];
        if (list.length === 0) {
          (this.any.get(attr) as Bitset).set(slot);
          continue;
        }
        this.restricting.set(attr, (this.restricting.get(attr) as number) + 1);
        const map = this.byValue.get(attr) as Map<string, Bitset>;
        for (const value of list) {
          let bits = map.get(value);
          if (!bits) {
            bits = this.track(new Bitset());
            map.set(value, bits);
          }
          bits.set(slot);
        }
      }
      for (const audience of entry.targeting.excludedAudienceIds) {
        let bits = this.excluded.get(audience);
        if (!bits) {
          bits = this.track(new Bitset());
          this.excluded.set(audience, bits);
        }
        bits.set(slot);
      }
    });
    return slots[0] as number;
  }

  remove(key: string): void {
    const known = this.keys.get(key);
    if (!known) return;
    const { slots, entry } = known;
    const clusters = entry.targeting.countries.length > 0 ? entry.targeting.countries : [ANY_COUNTRY];
    const band = known.band;
    slots.forEach((slot, i) => {
      const country = clusters[i] as string;
      this.unindex(slot, entry, country);
      this.keyOfSlot[slot] = null;
      this.live.clear(slot);
      const cluster = clusterKey(country, band);
      const free = this.freeSlots.get(cluster) ?? [];
      free.push(slot);
      this.freeSlots.set(cluster, free);
    });
    this.keys.delete(key);
  }

  private unindex(slot: number, entry: IndexedTargeting, cluster: string): void {
    const values = accepted(entry);
    for (const attr of ATTRIBUTES) {
      const list = attr === 'country' ? (cluster === ANY_COUNTRY ? [] : [cluster]) : values[attr];
      if (list.length === 0) {
        (this.any.get(attr) as Bitset).clear(slot);
        continue;
      }
      this.restricting.set(attr, (this.restricting.get(attr) as number) - 1);
      const map = this.byValue.get(attr) as Map<string, Bitset>;
      for (const value of list) map.get(value)?.clear(slot);
    }
    for (const audience of entry.targeting.excludedAudienceIds) this.excluded.get(audience)?.clear(slot);
  }

  /**
   * The slots whose targeting the viewer satisfies (every band). The returned bitset is reused by
   * the next call: read it (or `forEachMatched`) before querying again.
   */
  match(viewer: Viewer, placement: Placement): Bitset {
    const query = this.query(viewer, placement);
    this.clearScanned();
    for (const band of this.bands(query)) this.scan(query, band);
    return this.result;
  }

  /** Prepares a viewer's query (once per decision). */
  query(viewer: Viewer, placement: Placement): MatchQuery {
    const groups: Uint32Array[][] = [];
    for (const attr of BITSET_ATTRIBUTES) {
      if (this.restricting.get(attr) === 0) continue;
      const group = [(this.any.get(attr) as Bitset).words];
      const map = this.byValue.get(attr) as Map<string, Bitset>;
      switch (attr) {
        case 'placement':
          addValue(group, map, placement);
          break;
        case 'region':
          addValue(group, map, viewer.region);
          break;
        case 'age':
          addValue(group, map, viewer.ageGroup);
          break;
        case 'gender':
          addValue(group, map, viewer.gender);
          break;
        case 'language':
          addValue(group, map, viewer.language);
          break;
        case 'os':
          addValue(group, map, viewer.os);
          break;
        case 'interest':
          for (const interest of viewer.interests ?? [])
            for (const value of interestWithParents(interest)) addValue(group, map, value);
          break;
        case 'audience':
          for (const value of viewer.audienceIds ?? []) addValue(group, map, value);
          break;
      }
      groups.push(group);
    }
    const exclusions: Uint32Array[] = [];
    for (const audience of viewer.audienceIds ?? []) {
      const bits = this.excluded.get(audience);
      if (bits) exclusions.push(bits.words);
    }
    return { country: viewer.country, groups, exclusions };
  }

  /** The bands that may hold matches for the query, highest first (callers must not modify it). */
  bands(query: MatchQuery): readonly number[] {
    const key = query.country ?? '';
    let bands = this.bandsCache.get(key);
    if (!bands) {
      const out = new Set<number>(this.bandsOfCountry.get(ANY_COUNTRY));
      if (query.country) for (const band of this.bandsOfCountry.get(query.country) ?? []) out.add(band);
      bands = [...out].sort((a, b) => b - a);
      this.bandsCache.set(key, bands);
    }
    return bands;
  }

  /** Matches one band; read the result with `forEachMatched` before the next match. */
  matchBand(query: MatchQuery, band: number): void {
    this.clearScanned();
    this.scan(query, band);
  }

  private clearScanned(): void {
    const out = this.result.words;
    for (let i = 0; i < this.scannedCount; i++) {
      const extent = this.scanned[i] as number;
      out.fill(0, extent * EXTENT_WORDS, (extent + 1) * EXTENT_WORDS);
    }
    this.scannedCount = 0;
  }

  /** Adds the band's extents (the viewer's country's and those open to every country) to the result. */
  private scan(query: MatchQuery, band: number): void {
    const out = this.result.words;
    const live = this.live.words;
    for (let c = 0; c < 2; c++) {
      const country = c === 0 ? query.country : ANY_COUNTRY;
      const extents = country === undefined ? undefined : this.clusterExtents(country, band);
      if (!extents) continue;
      for (const extent of extents) {
        this.scanned[this.scannedCount++] = extent;
        matchExtent(extent * EXTENT_WORDS, live, out, query.groups, query.exclusions);
      }
    }
  }

  /** The extents of the (country, band) cluster (a two-level map: no key string per lookup). */
  private clusterExtents(country: string, band: number): readonly number[] | undefined {
    return this.extentsByCountry.get(country)?.[band];
  }

  /** Calls `visit` with every slot the last `match` returned (visits only the scanned extents). */
  forEachMatched(visit: (slot: number) => void): void {
    const words = this.result.words;
    for (let e = 0; e < this.scannedCount; e++) {
      const extent = this.scanned[e] as number;
      const start = extent * EXTENT_WORDS;
      for (let i = start; i < start + EXTENT_WORDS; i++) {
        let w = words[i] as number;
        while (w !== 0) {
          const t = w & -w;
          visit(i * 32 + (31 - Math.clz32(t)));
          w = (w ^ t) >>> 0;
        }
      }
    }
  }

  /** For explain: the first attribute that keeps `key` from matching, or null when it matches. */
  mismatch(key: string, viewer: Viewer, placement: Placement): Attribute | 'excluded_audience' | null {
    const entry = this.keys.get(key)?.entry;
    if (!entry) return null;
    const wanted = accepted(entry);
    const have = viewerValues(viewer, placement);
    for (const attr of ATTRIBUTES) {
      const list = wanted[attr];
      if (list.length > 0 && !have[attr].some((v) => list.includes(v))) return attr;
    }
    if ((viewer.audienceIds ?? []).some((a) => entry.targeting.excludedAudienceIds.includes(a)))
      return 'excluded_audience';
    return null;
  }
}

/** Adds the value's bitset to an attribute's OR group (once). */
function addValue(group: Uint32Array[], map: ReadonlyMap<string, Bitset>, value: string | undefined): void {
  const bits = value === undefined ? undefined : map.get(value);
  if (bits && !group.includes(bits.words)) group.push(bits.words);
}

function sameClusters(entry: IndexedTargeting, clusters: readonly string[]): boolean {
  const before = entry.targeting.countries.length > 0 ? entry.targeting.countries : [ANY_COUNTRY];
  return before.length === clusters.length && before.every((c, i) => c === clusters[i]);
}

/**
 * out[start..start+EXTENT_WORDS) = live ∩ groups \ exclusions, one attribute at a time over the
 * extent's words (tight loops over contiguous typed arrays JIT well), stopping at the first
 * attribute that empties the extent.
 */
function matchExtent(
  start: number,
  live: Uint32Array,
  out: Uint32Array,
  groups: readonly Uint32Array[][],
  exclusions: readonly Uint32Array[],
): void {
  const end = start + EXTENT_WORDS;
  let nonzero = 0;
  for (let i = start; i < end; i++) {
    const w = live[i] as number;
    out[i] = w;
    nonzero |= w;
  }
  for (let g = 0; nonzero !== 0 && g < groups.length; g++) {
    const arrays = groups[g] as Uint32Array[];
    nonzero = 0;
    if (arrays.length === 1) {
      const a = arrays[0] as Uint32Array;
      for (let i = start; i < end; i++) {
        const w = (out[i] as number) & (a[i] as number);
        out[i] = w;
        nonzero |= w;
      }
    } else if (arrays.length === 2) {
      const a = arrays[0] as Uint32Array;
      const b = arrays[1] as Uint32Array;
      for (let i = start; i < end; i++) {
        const w = (out[i] as number) & ((a[i] as number) | (b[i] as number));
        out[i] = w;
        nonzero |= w;
      }
    } else {
      for (let i = start; i < end; i++) {
        let m = 0;
        for (let k = 0; k < arrays.length; k++) m |= (arrays[k] as Uint32Array)[i] as number;
        const w = (out[i] as number) & m;
        out[i] = w;
        nonzero |= w;
      }
    }
  }
  for (let e = 0; nonzero !== 0 && e < exclusions.length; e++) {
    const x = exclusions[e] as Uint32Array;
    nonzero = 0;
    for (let i = start; i < end; i++) {
      const w = (out[i] as number) & ~(x[i] as number);
      out[i] = w >>> 0;
      nonzero |= w;
    }
  }
  if (nonzero === 0) out.fill(0, start, end);
}
