import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from './domain/clock.js';
import { createIdGenerator } from './domain/ids.js';
import type { RandomSource } from './domain/random.js';
import { ChangeBus, type ServiceContext } from './services/context.js';
import type { Store } from './store/database.js';

/** Cryptographic randomness: for codes, tokens and ids in production. */
export const cryptoRandom: RandomSource = {
  float: () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48,
  bytes: (length) => new Uint8Array(randomBytes(length)),
};

export function createServiceContext(
  store: Store,
  options: { clock?: Clock; random?: RandomSource } = {},
): ServiceContext {
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  return { store, clock, random, ids: createIdGenerator(clock, random), changes: new ChangeBus() };
}
