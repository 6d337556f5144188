import { monotonicFactory } from 'ulid';
import type { Clock } from './clock.js';
import type { RandomSource } from './random.js';

/** Type prefixes of Kindling's own ids (host-supplied creator and post ids are kept as given). */
export const ID_PREFIXES = {
  authorization: 'aut',
  adAccount: 'acc',
  member: 'mbr',
  token: 'tok',
  campaign: 'cmp',
  adGroup: 'adg',
  ad: 'ad',
  sparkPost: 'spk',
  audit: 'aud',
  notification: 'ntf',
  event: 'evt',
  decision: 'dec',
  conversion: 'cnv',
  mediaKit: 'mdk',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

export interface IdGenerator {
  next(kind: IdKind): string;
}

/** Prefixed, time-sortable ids (`cmp_01JD…`): a type prefix and a monotonic ULID. */
export function createIdGenerator(clock: Clock, random: RandomSource): IdGenerator {
  const ulid = monotonicFactory(() => random.float());
  return { next: (kind) => `${ID_PREFIXES[kind]}_${ulid(clock.now())}` };
}

export function hasPrefix(id: string, kind: IdKind): boolean {
  return id.startsWith(`${ID_PREFIXES[kind]}_`);
}
