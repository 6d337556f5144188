import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A source of randomness passed into domain code, so every draw can be reproduced. */
export interface RandomSource {
  /** Uniform in [0, 1). */
  float(): number;
  /** `length` uniformly random bytes. */
  bytes(length: number): Uint8Array;
}

/** Deterministic random source for replays, simulations and tests (xoroshiro128+). */
export class SeededRandom implements RandomSource {
  private readonly rng: RandomGenerator;
  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed | 0);
  }
  float(): number {
    return uniformFloat64(this.rng);
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length);
    for (let i = 0; i < length; i++) out[i] = this.rng.next() & 0xff;
    return out;
  }
}

/** Standard normal draw (Box–Muller) from a uniform source. */
export function normal(random: RandomSource): number {
  let u = 0;
  while (u === 0) u = random.float();
  const v = random.float();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) draw (Marsaglia–Tsang), used for Beta draws in Thompson sampling. */
export function gamma(random: RandomSource, shape: number): number {
  if (shape < 1) {
    const u = random.float();
    return gamma(random, shape + 1) * u ** (1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random.float();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** Beta(alpha, beta) draw. */
export function beta(random: RandomSource, alpha: number, betaParam: number): number {
  const x = gamma(random, alpha);
  const y = gamma(random, betaParam);
  return x / (x + y);
}
