import type { Placement } from '../domain/enums.js';
import type { Targeting } from '../domain/model.js';
import { Bitset } from './bitset.js';
import { expandInterests, type Viewer } from './viewer.js';

/**
 * Boolean targeting index. Every ad group occupies a slot; for each attribute there is one bitset
 * of slots that do not restrict it ("any") and one bitset per value. A viewer matches
 *   ∩ over attributes of (any[attr] ∪ ⋃ values[attr][v] for the viewer's values)  \  ⋃ excluded[aud]
 * evaluated word by word (32 slots at a time) with an early exit as soon as a word is empty, so
 * a decision never scans ad groups (cf. the conjunction index of Whang et al., VLDB 2009, here
 * with bitmap postings). Slots are handed out in pages grouped by the first targeted country, so
 * the country test empties whole words for viewers elsewhere and the rest is skipped.
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

const PAGE_SLOTS = 32;

export class TargetingIndex {
  private readonly any = new Map<Attribute, Bitset>();
  private readonly byValue = new Map<Attribute, Map<string, Bitset>>();
  /** How many entries restrict each attribute: attributes nobody restricts are skipped. */
  private readonly restricting = new Map<Attribute, number>();
  private readonly excluded = new Map<string, Bitset>();
  private readonly live = new Bitset();
  private readonly result = new Bitset();
  private readonly all: Bitset[] = [];

  private readonly slotOfKey = new Map<string, number>();
  private readonly keyOfSlot: (string | undefined)[] = [];
  private readonly entryOfSlot: (IndexedTargeting | undefined)[] = [];
  /** Free slots per page cluster (first targeted country, or "*"). */
  private readonly freeSlots = new Map<string, number[]>();
  private nextPage = 0;

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
    bits.ensure(this.nextPage * PAGE_SLOTS || 32);
    if (this.all.length > 0) bits.ensure((this.all[0] as Bitset).capacity);
    this.all.push(bits);
    return bits;
  }

  get size(): number {
    return this.slotOfKey.size;
  }

  /** One past the highest slot ever handed out. */
  get slotCount(): number {
    return this.nextPage * PAGE_SLOTS;
  }

  slotOf(key: string): number | undefined {
    return this.slotOfKey.get(key);
  }

  keyOf(slot: number): string | undefined {
    return this.keyOfSlot[slot];
  }

  private allocate(cluster: string): number {
    let free = this.freeSlots.get(cluster);
    if (!free || free.length === 0) {
      const page = this.nextPage++;
      const capacity = this.nextPage * PAGE_SLOTS;
      for (const bits of this.all) bits.ensure(capacity);
      free = [];
      for (let i = PAGE_SLOTS - 1; i >= 0; i--) free.push(page * PAGE_SLOTS + i);
      this.freeSlots.set(cluster, free);
    }
    return free.pop() as number;
  }

  private clusterOf(entry: IndexedTargeting): string {
    return entry.targeting.countries[0] ?? '*';
  }

  /** Adds or replaces the targeting of `key` (an ad group id); returns its slot. */
  put(key: string, entry: IndexedTargeting): number {
    const previous = this.slotOfKey.get(key);
    const previousEntry = previous === undefined ? undefined : this.entryOfSlot[previous];
    let slot: number;
    if (previous !== undefined && previousEntry && this.clusterOf(previousEntry) === this.clusterOf(entry)) {
      this.unindex(previous, previousEntry);
      slot = previous;
    } else {
      if (previous !== undefined) this.remove(key);
      slot = this.allocate(this.clusterOf(entry));
    }
    this.slotOfKey.set(key, slot);
    this.keyOfSlot[slot] = key;
    this.entryOfSlot[slot] = entry;
    this.live.set(slot);
    const values = accepted(entry);
    for (const attr of ATTRIBUTES) {
      const list = values[attr];
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
    return slot;
  }

  remove(key: string): void {
    const slot = this.slotOfKey.get(key);
    if (slot === undefined) return;
    const entry = this.entryOfSlot[slot] as IndexedTargeting;
    this.unindex(slot, entry);
    this.slotOfKey.delete(key);
    this.keyOfSlot[slot] = undefined;
    this.entryOfSlot[slot] = undefined;
    this.live.clear(slot);
    const cluster = this.clusterOf(entry);
    const free = this.freeSlots.get(cluster) ?? [];
    free.push(slot);
    this.freeSlots.set(cluster, free);
  }

  private unindex(slot: number, entry: IndexedTargeting): void {
    const values = accepted(entry);
    for (const attr of ATTRIBUTES) {
      const list = values[attr];
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
   * The slots whose targeting the viewer satisfies. The returned bitset is reused by the next
   * call: read it before querying again.
   */
  match(viewer: Viewer, placement: Placement): Bitset {
    const values = viewerValues(viewer, placement);
    // Per restricted attribute, the word arrays to OR together: "any" plus the viewer's values.
    const groups: Uint32Array[][] = [];
    for (const attr of ATTRIBUTES) {
      if (this.restricting.get(attr) === 0) continue;
      const group = [(this.any.get(attr) as Bitset).words];
      const map = this.byValue.get(attr) as Map<string, Bitset>;
      for (const value of values[attr]) {
        const bits = map.get(value);
        if (bits) group.push(bits.words);
      }
      groups.push(group);
    }
    const exclusions: Uint32Array[] = [];
    for (const audience of viewer.audienceIds ?? []) {
      const bits = this.excluded.get(audience);
      if (bits) exclusions.push(bits.words);
    }
    const live = this.live.words;
    const out = this.result.words;
    const words = Math.ceil(this.slotCount / 32);
    for (let i = 0; i < words; i++) {
      let r = live[i] as number;
      for (let g = 0; r !== 0 && g < groups.length; g++) {
        const group = groups[g] as Uint32Array[];
        let m = 0;
        for (let k = 0; k < group.length; k++) m |= (group[k] as Uint32Array)[i] as number;
        r &= m;
      }
      for (let e = 0; r !== 0 && e < exclusions.length; e++)
        r &= ~((exclusions[e] as Uint32Array)[i] as number);
      out[i] = r >>> 0;
    }
    out.fill(0, words);
    return this.result;
  }

  /** For explain: the first attribute that keeps `key` from matching, or null when it matches. */
  mismatch(key: string, viewer: Viewer, placement: Placement): Attribute | 'excluded_audience' | null {
    const slot = this.slotOfKey.get(key);
    const entry = slot === undefined ? undefined : this.entryOfSlot[slot];
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
