import type { RandomSource } from '../domain/random.js';
import { bandUpperEdge, CandidateQueue, EXPLORE_BAND, EXPLORE_LEVELS, LOG_NOT_TRIAL } from './candidates.js';
import { EMPTY_SLOT, type SlotTable } from './slot-table.js';
import type { MatchQuery } from './targeting-index.js';

/**
 * The exploration levels drawn for one decision's matched exploring ads above their body (see
 * candidates.ts): (slot, ordinal, level) selections in the order drawn, one run per slot, in
 * typed arrays reused across decisions. A run is named by a queue key (positive; 0 is the body)
 * that also carries its highest level.
 */
export class LevelDraws {
  private slots = new Int32Array(256);
  private ordinals = new Int32Array(256);
  private levels = new Uint8Array(256);
  size = 0;

  reset(): void {
    this.size = 0;
  }

  add(slot: number, ordinal: number, level: number): void {
    if (this.size === this.slots.length) {
      const n = this.size * 2;
      const slots = new Int32Array(n);
      slots.set(this.slots);
      this.slots = slots;
      const ordinals = new Int32Array(n);
      ordinals.set(this.ordinals);
      this.ordinals = ordinals;
      const levels = new Uint8Array(n);
      levels.set(this.levels);
      this.levels = levels;
    }
    this.slots[this.size] = slot;
    this.ordinals[this.size] = ordinal;
    this.levels[this.size] = level;
    this.size++;
  }

  /** The level of the slot's exploring ad `ordinal`, given the slot's queue key (0: the body). */
  levelOf(key: number, slot: number, ordinal: number): number {
    if (key === 0) return 0;
    let level = 0;
    for (let i = runStart(key); i < this.size && this.slots[i] === slot; i++)
      if (this.ordinals[i] === ordinal && (this.levels[i] as number) > level)
        level = this.levels[i] as number;
    return level;
  }
}

/** The queue key of a run of selections starting at `start` whose highest level is `top` (1 … 7). */
function runKey(start: number, top: number): number {
  return start * 8 + top;
}

function runStart(key: number): number {
  return key >>> 3;
}

/** The highest level of a run (0 for the body key). */
function runTop(key: number): number {
  return key & 7;
}

/**
 * One decision's best-first walk over the matched ad groups (see candidates.ts): matches the
 * index band by band and hands out groups in descending order of bound, evaluating them only while
 * one of them could still beat the best entry found. Also draws the level of every matched
 * exploring ad: per level, an independent trial whose successes are found by a geometric skip over
 * the matched exploring ads, so the draws cost nothing for the ads that stay in their body.
 */
export class Frontier {
  private readonly queue = new CandidateQueue();
  private readonly draws = new LevelDraws();
  private query: MatchQuery | null = null;
  private random: RandomSource | null = null;
  private bands: readonly number[] = [];
  private nextBand = 0;
  /** Matched exploring ads passed so far in this decision (their running ordinal). */
  private position = 0;
  /** Per level k ≥ 1 (index k − 1): the running ordinal of the next ad whose trial for k succeeds. */
  private readonly nextAt: number[] = [];
  /** The smallest of `nextAt`. */
  private nextAny = 0;

  private readonly enqueue = (slot: number) => {
    const tier = this.slots.tierOf(slot);
    if (tier !== EMPTY_SLOT) this.queue.add(slot, tier, 0);
  };

  /**
   * A group with exploring ads goes in at its body bound, unless some of its exploring ads drew a
   * higher level this time: then at the bound of its highest level.
   */
  private readonly enqueueExploring = (slot: number) => {
    const tier = this.slots.tierOf(slot);
    if (tier === EMPTY_SLOT) return;
    const first = this.position;
    const end = first + this.slots.exploringOf(slot);
    this.position = end;
    if (end <= this.nextAny) {
      // No trial succeeds for its ads: the body (most groups).
      this.queue.add(slot, tier, 0);
      return;
    }
    const start = this.draws.size;
    let top = 0;
    let nextAny = Number.POSITIVE_INFINITY;
    for (let k = EXPLORE_LEVELS; k >= 1; k--) {
      let at = this.nextAt[k - 1] as number;
      if (at < end) {
        if (k > top) top = k;
        while (at < end) {
          this.draws.add(slot, at - first, k);
          at += 1 + geometricSkip(this.random as RandomSource, LOG_NOT_TRIAL[k - 1] as number);
        }
        this.nextAt[k - 1] = at;
      }
      if (at < nextAny) nextAny = at;
    }
    this.nextAny = nextAny;
    // The exact bound is read only if the queue reaches the slot's tier (most are never reached).
    this.queue.add(slot, this.slots.levelTier(slot, top), runKey(start, top));
  };

  private readonly resolve = (slot: number, key: number) =>
    key === 0 ? this.slots.boundOf(slot) : this.slots.levelBound(slot, runTop(key));

  constructor(
    private readonly slots: SlotTable,
    /** Evaluates one matched slot (filters its group and prices its ads); `key` names its draws. */
    private readonly visit: (slot: number, key: number) => void,
  ) {}

  /** Starts a decision's walk (the frontier is reused across decisions). */
  start(query: MatchQuery, random: RandomSource): void {
    this.query = query;
    this.random = random;
    this.queue.reset(this.resolve);
    this.draws.reset();
    this.bands = this.slots.index.bands(query);
    this.nextBand = 0;
    this.position = 0;
    let nextAny = Number.POSITIVE_INFINITY;
    for (let k = 1; k <= EXPLORE_LEVELS; k++) {
      const at = geometricSkip(random, LOG_NOT_TRIAL[k - 1] as number);
      this.nextAt[k - 1] = at;
      if (at < nextAny) nextAny = at;
    }
    this.nextAny = nextAny;
  }

  /** Matched slots handed to the queue so far (all of them once `pullAll` ran). */
  get matched(): number {
    return this.queue.added;
  }

  /** The level of the slot's exploring ad `ordinal` in this decision (`key`: the slot's, from `visit`). */
  levelOf(key: number, slot: number, ordinal: number): number {
    return this.draws.levelOf(key, slot, ordinal);
  }

  /** No group left to evaluate (matched or not yet matched) can score more than this. */
  remainingBound(): number {
    const band = this.bands[this.nextBand];
    return Math.max(
      this.queue.remainingBound(),
      band === undefined ? Number.NEGATIVE_INFINITY : bandUpperEdge(band),
    );
  }

  /** Evaluates the best group left, matching the next band first when its groups may score higher. */
  pull(): boolean {
    const band = this.bands[this.nextBand];
    if (band !== undefined && bandUpperEdge(band) > this.queue.remainingBound()) {
      this.matchNextBand(band);
      return true;
    }
    const slot = this.queue.pop();
    if (slot < 0) return false;
    this.visit(slot, this.queue.poppedKey);
    return true;
  }

  private matchNextBand(band: number): void {
    this.slots.index.matchBand(this.query as MatchQuery, band);
    this.slots.index.forEachMatched(band === EXPLORE_BAND ? this.enqueueExploring : this.enqueue);
    this.nextBand++;
  }

  /** Evaluates every matched group (explain, random choice). */
  pullAll(): void {
    for (let band = this.bands[this.nextBand]; band !== undefined; band = this.bands[this.nextBand])
      this.matchNextBand(band);
    this.queue.drain(this.visit);
  }

  /**
   * The best entry `accept` admits, evaluating further until nothing left could beat it (exact:
   * every group not evaluated has a bound at most the entry's score).
   */
  best<E extends { score: number }>(entries: readonly E[], accept: (e: E) => boolean): E | null {
    let best: E | null = null;
    // Entries are only appended while evaluating: each is looked at once.
    let seen = 0;
    for (;;) {
      for (; seen < entries.length; seen++) {
        const e = entries[seen] as E;
        if ((!best || e.score > best.score) && accept(e)) best = e;
      }
      const remaining = this.remainingBound();
      if (remaining === Number.NEGATIVE_INFINITY || (best && best.score >= remaining)) return best;
      this.pull();
    }
  }
}

/** Failures before the first success of Bernoulli trials with log(1 − p) = `logNot`. */
function geometricSkip(random: RandomSource, logNot: number): number {
  return Math.floor(Math.log(1 - random.float()) / logNot);
}
