import {
  bandOfTier,
  EXPLORE_BAND,
  EXPLORE_LEVELS,
  type Exploration,
  exploration,
  scoreBound,
  tierOf,
} from './candidates.js';
import type { StatsWatcher } from './prediction.js';
import type { AdRecord, GroupRecord } from './records.js';
import { TargetingIndex } from './targeting-index.js';

// Level tiers are packed a byte per level in a 32-bit word.
if (EXPLORE_LEVELS > 4) throw new Error('at most 4 exploration levels');

/** A slot whose group left (or never came). */
export const EMPTY_SLOT = 255;

const MAX_EXPLORING = 0xff_ffff;

/**
 * Where each indexable ad group sits: its slots in the targeting index (in the band of its score
 * bound), and per slot, in typed arrays: the tier of its bound and its number of exploring ads
 * packed in 4 bytes (all a matched slot costs until its tier is reached: 16 slots per cache line),
 * then, read only for the few slots evaluated, the exact bound, the bounds and tiers of its
 * exploration levels and its pacing window. Memory latency dominates the decision path, so the
 * group records are touched only for the groups evaluated. Bounds follow the ads' counts: every
 * change reported by ActionStats marks the group for re-placing.
 */
export class SlotTable implements StatsWatcher {
  readonly index = new TargetingIndex();
  /** Group of each slot; kept dense (grown with nulls) so V8 never turns it into a hash table. */
  readonly bySlot: (GroupRecord | null)[] = [];
  /** Per slot: tier | exploring ads << 8. */
  private meta = new Uint32Array(0);
  /** Per slot: the exact bound (exploring ads at their body). */
  private bounds = new Float64Array(0);
  /** Per slot: the tiers of its exploration levels' bounds, a byte per level. */
  private levelTiers = new Uint32Array(0);
  /**
   * The exact bounds of the exploration levels (1 … top), only for slots with exploring ads: per
   * slot an entry of `levelPool` (EXPLORE_LEVELS numbers) or −1.
   */
  private levelEntry = new Int32Array(0);
  private levelPool = new Float64Array(64 * EXPLORE_LEVELS);
  private levelPoolUsed = 0;
  private readonly levelPoolFree: number[] = [];
  /**
   * Per slot: a smooth group's pass rate and the window [from, until) in which its pacing state is
   * current (see GroupFilters.earlyCoin), so a throttled group is rejected without reading its
   * record. An empty window (until = −∞) when unknown.
   */
  private pacing = new Float64Array(0);
  private readonly explorations = new WeakMap<AdRecord, Exploration>();
  /** Groups whose ads' counts changed since their bound was computed. */
  private readonly dirty = new Set<string>();

  constructor() {
    this.grow(1024);
  }

  /** The exploring ad's split posterior (recomputed only when its counts changed). */
  readonly explorationOf = (record: AdRecord): Exploration => {
    const current = exploration(record, this.explorations.get(record));
    this.explorations.set(record, current);
    return current;
  };

  private grow(slots: number): void {
    const meta = new Uint32Array(slots).fill(EMPTY_SLOT);
    meta.set(this.meta);
    this.meta = meta;
    const bounds = new Float64Array(slots);
    bounds.set(this.bounds);
    this.bounds = bounds;
    const levelTiers = new Uint32Array(slots);
    levelTiers.set(this.levelTiers);
    this.levelTiers = levelTiers;
    const levelEntry = new Int32Array(slots).fill(-1);
    levelEntry.set(this.levelEntry);
    this.levelEntry = levelEntry;
    const pacing = new Float64Array(slots * 3).fill(Number.NEGATIVE_INFINITY);
    pacing.set(this.pacing);
    this.pacing = pacing;
  }

  /** The slot group's pass rate if its pacing window holds `now`, else −1. */
  currentPassRate(slot: number, now: number): number {
    const p = this.pacing;
    const i = 3 * slot;
    return now >= (p[i + 1] as number) && now < (p[i + 2] as number) ? (p[i] as number) : -1;
  }

  /** Records the group's pass rate and the window in which it stays current (empty window: unknown). */
  setPacingWindow(group: GroupRecord, passRate: number, from: number, until: number): void {
    for (const slot of this.index.slotsOf(group.adGroup.id)) {
      if (this.bySlot[slot] !== group) continue;
      this.pacing[3 * slot] = passRate;
      this.pacing[3 * slot + 1] = from;
      this.pacing[3 * slot + 2] = until;
    }
  }

  /** The tier of the slot's bound (EMPTY_SLOT when no group holds it). */
  tierOf(slot: number): number {
    return (this.meta[slot] as number) & 0xff;
  }

  /** The slot group's number of exploring ads. */
  exploringOf(slot: number): number {
    return (this.meta[slot] as number) >>> 8;
  }

  /** The exact bound of the slot group's score (exploring ads at their body). */
  boundOf(slot: number): number {
    return this.bounds[slot] as number;
  }

  /** The bound of the slot's group when its exploring ads draw at `level` (1 … EXPLORE_LEVELS). */
  levelBound(slot: number, level: number): number {
    return this.levelPool[(this.levelEntry[slot] as number) * EXPLORE_LEVELS + level - 1] as number;
  }

  /** Stores the slot's level bounds (none: frees its entry; all EXPLORE_LEVELS otherwise). */
  private setLevelBounds(slot: number, bounds: readonly number[]): void {
    let entry = this.levelEntry[slot] as number;
    if (bounds.length === 0) {
      if (entry >= 0) this.levelPoolFree.push(entry);
      this.levelEntry[slot] = -1;
      return;
    }
    if (entry < 0) {
      entry = this.levelPoolFree.pop() ?? this.levelPoolUsed++;
      if ((entry + 1) * EXPLORE_LEVELS > this.levelPool.length) {
        const pool = new Float64Array(this.levelPool.length * 2);
        pool.set(this.levelPool);
        this.levelPool = pool;
      }
      this.levelEntry[slot] = entry;
    }
    for (let i = 0; i < EXPLORE_LEVELS; i++) this.levelPool[entry * EXPLORE_LEVELS + i] = bounds[i] as number;
  }

  /** The tier of `levelBound(slot, level)`. */
  levelTier(slot: number, level: number): number {
    return ((this.levelTiers[slot] as number) >>> (8 * (level - 1))) & 0xff;
  }

  /** Indexes the group in the band and tier of its current bound (re-indexes when `reindex` or the band moved). */
  place(group: GroupRecord, reindex: boolean): void {
    const id = group.adGroup.id;
    const { bound, exploring } = scoreBound(group, this.explorationOf);
    let levelTiers = 0;
    const levelBounds: number[] = [];
    if (exploring > 0)
      for (let level = 1; level <= EXPLORE_LEVELS; level++) {
        const levelBound = scoreBound(group, this.explorationOf, level).bound;
        levelBounds.push(levelBound);
        levelTiers |= tierOf(levelBound) << (8 * (level - 1));
      }
    const tier = tierOf(bound);
    const band = exploring > 0 ? EXPLORE_BAND : bandOfTier(tier);
    const moved = reindex || this.index.bandOf(id) !== band;
    if (moved) {
      this.clear(id);
      // The ad group itself carries what the index keeps (placements, targeting): no copy per group.
      this.index.put(id, group.adGroup, band);
    }
    const needed = this.index.slotCount;
    const capacity = this.meta.length;
    if (needed > capacity) this.grow(Math.max(needed, Math.ceil(capacity * 1.25)));
    while (this.bySlot.length < needed) this.bySlot.push(null);
    for (const slot of this.index.slotsOf(id)) {
      this.bySlot[slot] = group;
      this.bounds[slot] = bound;
      this.meta[slot] = (tier | (Math.min(exploring, MAX_EXPLORING) << 8)) >>> 0;
      this.levelTiers[slot] = levelTiers >>> 0;
      this.setLevelBounds(slot, levelBounds);
      if (moved) this.pacing[3 * slot + 2] = Number.NEGATIVE_INFINITY;
    }
    this.dirty.delete(id);
  }

  /** Takes the group out of the index. */
  remove(id: string): void {
    this.clear(id);
    this.index.remove(id);
    this.dirty.delete(id);
  }

  private clear(id: string): void {
    for (const slot of this.index.slotsOf(id)) {
      this.bySlot[slot] = null;
      this.meta[slot] = EMPTY_SLOT;
      this.pacing[3 * slot + 2] = Number.NEGATIVE_INFINITY;
      this.setLevelBounds(slot, []);
    }
  }

  /** StatsWatcher: an ad's counts changed, so its group's bound may have too. */
  statsChanged(adGroupId: string): void {
    this.dirty.add(adGroupId);
  }

  /** Re-places the groups whose counts changed (a few per decision: one per committed event). */
  refresh(groups: ReadonlyMap<string, GroupRecord>): void {
    if (this.dirty.size === 0) return;
    for (const id of this.dirty) {
      const group = groups.get(id);
      if (group && group.block === null) this.place(group, false);
    }
    this.dirty.clear();
  }
}
