import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../domain/clock.js';
import { SeededRandom } from '../domain/random.js';
import { type TrackingClaims, TrackingTokenSigner } from '../domain/tracking-token.js';
import { migrateToLatest, openStore, type Store } from '../store/database.js';
import { createSystem, type System } from '../system.js';
import type { AdEventInput } from './types.js';

const SECRET = 'ingestor-test-tracking-secret-0123456789';
const T0 = Date.UTC(2026, 10, 25, 12);

let store: Store | null = null;
let system: System | null = null;

afterEach(async () => {
  await system?.close();
  await store?.close();
  system = null;
  store = null;
});

async function setup() {
  store = openStore('sqlite::memory:');
  await migrateToLatest(store);
  const clock = new ManualClock(T0);
  system = await createSystem({ store, clock, random: new SeededRandom(1), trackingSecret: SECRET });
  const commits: number[] = [];
  system.ingestor.observe({ onCommit: (info) => commits.push(info.events) });
  return { ingestor: system.ingestor, clock, commits, store };
}

const signer = new TrackingTokenSigner(SECRET);
let decisions = 0;

/** A token of a decision (CPC: impressions are not billed, so no ad group is needed). */
function token(viewer = 'v1', iat = T0): string {
  const claims: TrackingClaims = {
    v: 1,
    d: `dec_${String(++decisions).padStart(26, '0')}`,
    ad: 'ad_1',
    adg: 'adg_1',
    cmp: 'cmp_1',
    acc: 'acc_1',
    post: 'p1',
    crt: 'c1',
    vw: viewer,
    pl: 'IN_FEED',
    be: 'CPC',
    pr: 1000,
    iat,
  };
  return signer.sign(claims);
}

function impressions(n: number): AdEventInput[] {
  return Array.from({ length: n }, () => ({
    clientEventId: `e${decisions}`,
    token: token(`v${decisions}`),
    type: 'impression' as const,
  }));
}

describe('group commit', () => {
  it('shares a transaction among waiting requests, whole requests up to maxBatchEvents', async () => {
    const { ingestor, commits } = await setup();
    ingestor.tune({ maxBatchEvents: 6 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => ingestor.submitAdEvents(impressions(3))));
    expect(commits).toEqual([6, 6, 3]);
    expect(answers.flat().map((o) => o.status)).toEqual(Array(15).fill('ACCEPTED'));
    const ids = answers.flat().map((o) => ('eventId' in o ? o.eventId : ''));
    expect(new Set(ids).size).toBe(15);
  });

  it('sends a request larger than the limit alone, and answers each request its own outcomes', async () => {
    const { ingestor, commits } = await setup();
    ingestor.tune({ maxBatchEvents: 2 });
    const big = impressions(5);
    const [first, second] = await Promise.all([
      ingestor.submitAdEvents(big),
      ingestor.submitAdEvents([{ ...(big[0] as AdEventInput) }, ...impressions(1)]),
    ]);
    expect(commits).toEqual([5, 2]);
    expect(first?.map((o) => o.status)).toEqual(Array(5).fill('ACCEPTED'));
    expect(second?.map((o) => o.status)).toEqual(['DUPLICATE', 'ACCEPTED']);
  });

  it('waits up to maxWaitMs for more requests', async () => {
    const { ingestor, commits } = await setup();
    ingestor.tune({ maxWaitMs: 30 });
    const first = ingestor.submitAdEvents(impressions(2));
    await new Promise((r) => setTimeout(r, 5));
    const second = ingestor.submitAdEvents(impressions(2));
    await Promise.all([first, second]);
    expect(commits).toEqual([4]);
    expect(() => ingestor.tune({ maxBatchEvents: 0 })).toThrow(/maxBatchEvents/);
  });
});

describe('token checks', () => {
  it('checks a cached token’s age on every use, and never caches a bad signature', async () => {
    const { ingestor, clock } = await setup();
    const t = token('v1', T0);
    const [impression] = await ingestor.submitAdEvents([
      { clientEventId: 'i', token: t, type: 'impression' },
    ]);
    expect(impression?.status).toBe('ACCEPTED');
    clock.advance(27 * 3_600_000);
    const [late] = await ingestor.submitAdEvents([{ clientEventId: 'c', token: t, type: 'click' }]);
    expect(late).toMatchObject({ status: 'REJECTED', code: 'TOKEN_EXPIRED' });
    const forged = `${t.slice(0, t.indexOf('.'))}.${'A'.repeat(43)}`;
    const [bad] = await ingestor.submitAdEvents([{ clientEventId: 'f', token: forged, type: 'click' }]);
    expect(bad).toMatchObject({ status: 'REJECTED', code: 'TOKEN_BAD_SIGNATURE' });
  });

  it('keeps rejected inputs in their place among committed ones', async () => {
    const { ingestor } = await setup();
    const good = impressions(2);
    const outcomes = await ingestor.submitAdEvents([
      good[0] as AdEventInput,
      { clientEventId: 'x', token: 'not-a-token', type: 'impression' },
      good[1] as AdEventInput,
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['ACCEPTED', 'REJECTED', 'ACCEPTED']);
  });
});
