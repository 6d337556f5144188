import { bandOfTier, EXPLORE_BAND, type Exploration, exploration, scoreBound, tierOf } from './candidates.js';
import type { StatsWatcher } from './prediction.js';
import type { AdRecord, GroupRecord } from './records.js';
import { TargetingIndex } from './targeting-index.js';

/** A slot whose group left (or never came). */
export const EMPTY_SLOT = 255;

/**
 * Where each indexable ad group sits: its slots in the targeting index (in the band of its score
 * bound), the tier of that bound and its number of exploring ads per slot, in typed arrays: a
 * matched slot costs one byte read until its tier is evaluated (memory latency dominates the
 * decision path, so the group records are touched only for the groups evaluated). Bounds follow
 * the ads' counts: every change reported by ActionStats marks the group for re-placing.
 */
export class SlotTable implements StatsWatcher {
  readonly index = new TargetingIndex();
  /** Group of each slot; kept dense (grown with nulls) so V8 never turns it into a hash table. */
  readonly bySlot: (GroupRecord | null)[] = [];
  tierOfSlot = new Uint8Array(1024).fill(EMPTY_SLOT);
  exploringOfSlot = new Uint16Array(1024);
  private readonly bandOfGroup = new Map<string, number>();
  private readonly explorations = new WeakMap<AdRecord, Exploration>();
  /** Groups whose ads' counts changed since their bound was computed. */
  private readonly dirty = new Set<string>();

  /** The exploring ad's split posterior (recomputed only when its counts changed). */
  readonly explorationOf = (record: AdRecord): Exploration => {
    const current = exploration(record, this.explorations.get(record));
    this.explorations.set(record, current);
    return current;
  };

  /** Indexes the group in the band and tier of its current bound (re-indexes when `reindex` or the band moved). */
  place(group: GroupRecord, reindex: boolean): void {
    const id = group.adGroup.id;
    const { bound, exploring } = scoreBound(group, this.explorationOf);
    const tier = tierOf(bound);
    const band = exploring > 0 ? EXPLORE_BAND : bandOfTier(tier);
    if (reindex || this.bandOfGroup.get(id) !== band) {
      this.clear(id);
      this.index.put(id, { placements: group.adGroup.placements, targeting: group.adGroup.targeting }, band);
      this.bandOfGroup.set(id, band);
    }
    const needed = this.index.slotCount;
    if (needed > this.tierOfSlot.length) {
      const tiers = new Uint8Array(Math.max(needed, this.tierOfSlot.length * 2)).fill(EMPTY_SLOT);
      tiers.set(this.tierOfSlot);
      this.tierOfSlot = tiers;
      const counts = new Uint16Array(tiers.length);
      counts.set(this.exploringOfSlot);
      this.exploringOfSlot = counts;
    }
    while (this.bySlot.length < needed) this.bySlot.push(null);
    for (const slot of this.index.slotsOf(id)) {
      this.bySlot[slot] = group;
      this.tierOfSlot[slot] = tier;
      this.exploringOfSlot[slot] = Math.min(exploring, 65_535);
    }
    this.dirty.delete(id);
  }

  /** Takes the group out of the index. */
  remove(id: string): void {
    this.clear(id);
    this.index.remove(id);
    this.bandOfGroup.delete(id);
    this.dirty.delete(id);
  }

  private clear(id: string): void {
    for (const slot of this.index.slotsOf(id)) {
      this.bySlot[slot] = null;
      this.tierOfSlot[slot] = EMPTY_SLOT;
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
