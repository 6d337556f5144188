import { normal, type RandomSource } from '../domain/random.js';

/** Sampling helpers over a RandomSource (never Math.random): weighted choice, Poisson, log-normal. */

/** Draws from a fixed discrete distribution in O(log n) (cumulative weights, binary search). */
export class WeightedChoice<T> {
  private readonly values: T[];
  private readonly cumulative: Float64Array;

  constructor(entries: readonly (readonly [T, number])[]) {
    const kept = entries.filter(([, w]) => w > 0);
    if (kept.length === 0) throw new Error('a weighted choice needs at least one positive weight');
    this.values = kept.map(([v]) => v);
    this.cumulative = new Float64Array(kept.length);
    let total = 0;
    kept.forEach(([, w], i) => {
      total += w;
      this.cumulative[i] = total;
    });
  }

  get total(): number {
    return this.cumulative[this.cumulative.length - 1] as number;
  }

  pick(random: RandomSource): T {
    const target = random.float() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo] as T;
  }
}

export function weightedFromRecord<K extends string>(record: Readonly<Record<K, number>>): WeightedChoice<K> {
  return new WeightedChoice(Object.entries(record) as [K, number][]);
}

/** Poisson draw (Knuth for small means, normal approximation above 50). */
export function poisson(random: RandomSource, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random.float();
  while (p > limit) {
    k++;
    p *= random.float();
  }
  return k;
}

/** Log-normal with the given median and log-space standard deviation. */
export function logNormal(random: RandomSource, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(random));
}

/** Integer uniform in [min, max]. */
export function intBetween(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random.float() * (max - min + 1));
}

/** `count` distinct items of `items`, in random order (partial Fisher–Yates on a copy). */
export function sample<T>(random: RandomSource, items: readonly T[], count: number): T[] {
  const copy = [...items];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random.float() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, n);
}

/** Geometric number of trials ≥ 1 with the given mean. */
export function geometric(random: RandomSource, mean: number): number {
  if (mean <= 1) return 1;
  const p = 1 / mean;
  return 1 + Math.floor(Math.log(1 - random.float()) / Math.log(1 - p));
}

/** A 32-bit mix of integers (splitmix-like): derives independent seeds from (seed, stream, index). */
export function mixSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= part | 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h | 0;
}
