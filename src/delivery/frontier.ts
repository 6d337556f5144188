import type { RandomSource } from '../domain/random.js';
import { bandUpperEdge, type CandidateQueue, EXPLORE_BAND, LOG_NOT_TAIL, TIER_COUNT } from './candidates.js';
import type { GroupRecord } from './records.js';
import { EMPTY_SLOT, type SlotTable } from './slot-table.js';
import type { MatchQuery } from './targeting-index.js';

/**
 * One decision's best-first walk over the matched ad groups (see candidates.ts): matches the
 * index band by band and hands out tiers from the top, evaluating groups only while one of them
 * could still beat the best entry found. Also draws, per exploring ad, whether its Thompson draw
 * comes from the tail of its posterior (a geometric skip over the matched exploring ads).
 */
export class Frontier {
  private readonly bands: number[];
  private nextBand = 0;
  /** Exploring ads left to pass before the next one that draws from its tail. */
  private skip: number;
  /** Per group, the ordinals of its exploring ads that draw from their tail in this decision. */
  readonly tails = new Map<GroupRecord, number[]>();

  private readonly enqueue = (slot: number) => {
    const tier = this.slots.tierOfSlot[slot] as number;
    if (tier !== EMPTY_SLOT) this.queue.add(slot, tier);
  };

  /**
   * A group with exploring ads goes in the tier of its body bound, unless one of its exploring ads
   * draws from its tail this time: then in the top tier (its bound is then the bid's ceiling).
   */
  private readonly enqueueExploring = (slot: number) => {
    const tier = this.slots.tierOfSlot[slot] as number;
    if (tier === EMPTY_SLOT) return;
    const count = this.slots.exploringOfSlot[slot] as number;
    if (this.skip >= count) {
      this.skip -= count;
      this.queue.add(slot, tier);
      return;
    }
    const tails: number[] = [];
    let ordinal = this.skip;
    while (ordinal < count) {
      tails.push(ordinal);
      ordinal += 1 + geometricSkip(this.random);
    }
    this.skip = ordinal - count;
    this.tails.set(this.slots.bySlot[slot] as GroupRecord, tails);
    this.queue.add(slot, TIER_COUNT - 1);
  };

  constructor(
    private readonly slots: SlotTable,
    private readonly queue: CandidateQueue,
    private readonly query: MatchQuery,
    private readonly random: RandomSource,
    /** Evaluates one matched slot (filters its group and prices its ads). */
    private readonly visit: (slot: number) => void,
  ) {
    queue.reset();
    this.bands = slots.index.bands(query);
    this.skip = geometricSkip(random);
  }

  /** Matched slots handed to the queue so far (all of them once `pullAll` ran). */
  get matched(): number {
    return this.queue.added;
  }

  /** No group left to evaluate (matched or not yet matched) can score this much. */
  remainingBound(): number {
    const band = this.bands[this.nextBand];
    return Math.max(
      this.queue.remainingBound,
      band === undefined ? Number.NEGATIVE_INFINITY : bandUpperEdge(band),
    );
  }

  /** Evaluates the best tier left, matching the next band first when its groups may score higher. */
  pull(): boolean {
    const band = this.bands[this.nextBand];
    if (band !== undefined && bandUpperEdge(band) > this.queue.remainingBound) {
      this.slots.index.matchBand(this.query, band);
      this.slots.index.forEachMatched(band === EXPLORE_BAND ? this.enqueueExploring : this.enqueue);
      this.nextBand++;
      return true;
    }
    if (!this.queue.hasMore) return false;
    this.queue.nextTier(this.visit);
    return true;
  }

  /** Evaluates every matched group (explain, random choice). */
  pullAll(): void {
    while (this.pull());
  }

  /**
   * The best entry `accept` admits, evaluating further until nothing left could beat it (exact:
   * every group not evaluated has a bound below the entry's score).
   */
  best<E extends { score: number }>(entries: readonly E[], accept: (e: E) => boolean): E | null {
    for (;;) {
      let best: E | null = null;
      for (const e of entries) if ((!best || e.score > best.score) && accept(e)) best = e;
      const remaining = this.remainingBound();
      if (remaining === Number.NEGATIVE_INFINITY || (best && best.score >= remaining)) return best;
      this.pull();
    }
  }
}

/** Failures before the first success of Bernoulli(EXPLORE_TAIL) trials. */
function geometricSkip(random: RandomSource): number {
  return Math.floor(Math.log(1 - random.float()) / LOG_NOT_TAIL);
}
