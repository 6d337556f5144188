/**
 * In-process feed decisions: throughput and latency of DeliveryEngine.decide() with 1k, 10k and
 * 100k live ad groups built as engine records (no database), viewers drawn from a platform-like
 * population, and the memory an engine holds per 100k ad groups (JS heap, and typed-array buffers
 * outside it).
 *
 *   node --expose-gc --import tsx bench/decisions.bench.ts [--sizes 1000,10000,100000]
 *        [--decisions 150000] [--exploring 0.1] [--profile results/decisions]
 *
 * Workload: targeting shaped like a large platform's (src/sim/synthetic.ts), 1–5 ads per group,
 * CPM/CPC/CPV/oCPM, 70 % smooth pacing. Smooth groups run at steady-state pass rates drawn
 * log-uniformly from [0.05, 1] (the engine's clock stays inside one pacing interval, so the
 * controller keeps them); a share of ads (--exploring) is still exploring by Thompson sampling.
 * Budgets are too large to run out. `--profile <prefix>` writes a CPU profile of each size's measured
 * decisions to <prefix>.<size>.cpuprofile.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { type DecisionRequest, DeliveryEngine } from '../src/delivery/engine.js';
import { LocalFrequencyStore } from '../src/delivery/frequency.js';
import { LocalBudgetLedger } from '../src/delivery/ledger.js';
import { newPacingState } from '../src/delivery/pacing.js';
import type { Viewer } from '../src/delivery/viewer.js';
import { ManualClock } from '../src/domain/clock.js';
import { createIdGenerator } from '../src/domain/ids.js';
import { SeededRandom } from '../src/domain/random.js';
import { DEFAULT_SETTINGS } from '../src/domain/settings.js';
import { localDate } from '../src/domain/time.js';
import { TrackingTokenSigner } from '../src/domain/tracking-token.js';
import { syntheticGroups, syntheticViewer } from '../src/sim/synthetic.js';
import { collectGarbage, flag, fmt, latencyHistogram, printTable, writeResults } from './support.js';

/** Wednesday 2026-03-04 12:00 UTC: a weekday afternoon in Europe, morning in the Americas. */
const START = Date.UTC(2026, 2, 4, 12, 0, 0);
const VIEWERS = 200_000;
/** The engine's clock advances 1 ms every 4 decisions: 200k decisions stay inside one pacing interval. */
const DECISIONS_PER_MS = 4;
const WARM_UP = 20_000;
const ORGANIC = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'];

export interface DecisionBenchResult {
  adGroups: number;
  ads: number;
  decisions: number;
  decisionsPerSecond: number;
  /** Decisions per second of this process's CPU time (less sensitive to other load on the machine). */
  decisionsPerCpuSecond: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
  /** Ads served per decision (a page holds at most one at the default ad load). */
  fillRate: number;
  /** JS heap the engine holds (records, maps, objects), after a full GC. */
  heapMiB: number | null;
  heapPer100kMiB: number | null;
  /** Typed-array memory outside the JS heap (targeting bitsets, slot table). */
  buffersMiB: number | null;
  /** Heap plus buffers, per 100k ad groups. */
  totalPer100kMiB: number | null;
  buildMs: number;
}

function memoryUsed(): { heap: number; buffers: number } | null {
  if (!collectGarbage()) return null;
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, buffers: usage.arrayBuffers };
}

/** A CPU profile of the measured decisions only (not the build or the warm-up). */
async function startProfiler(): Promise<{ stop(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
      process.stdout.write(`profile written to ${file}\n`);
    },
  };
}

async function benchSize(
  size: number,
  count: number,
  exploringShare: number,
  viewers: Viewer[],
  profile: string | null,
): Promise<DecisionBenchResult> {
  const random = new SeededRandom(size);
  const clock = new ManualClock(START);
  const before = memoryUsed();
  const built = performance.now();
  const engine = new DeliveryEngine({
    clock,
    random,
    ids: createIdGenerator(clock, random),
    ledger: new LocalBudgetLedger(),
    frequency: new LocalFrequencyStore(),
    signer: new TrackingTokenSigner('benchmark-tracking-secret-0123456789abcdef'),
    settings: DEFAULT_SETTINGS,
  });
  for (const group of syntheticGroups(random, size, { now: START, exploringShare })) {
    if (group.adGroup.pacing === 'PACING_MODE_SMOOTH') {
      group.pacing = newPacingState(localDate(START, group.account.timeZone), START, 0, null);
      group.pacing.passRate = 0.05 * 20 ** random.float();
    }
    engine.upsertGroup(group);
  }
  const buildMs = performance.now() - built;
  const after = memoryUsed();
  const ads = engine.size.ads;

  const request = (i: number): DecisionRequest => ({
    viewer: viewers[Math.floor(random.float() * viewers.length)] as Viewer,
    placement: i % 50 === 0 ? 'TOPVIEW' : 'IN_FEED',
    page: { startPosition: 0, organicPostIds: ORGANIC },
    adsShown: [],
  });

  // Warm-up: JIT, frequency memory filling.
  for (let i = 0; i < WARM_UP; i++) {
    if (i % DECISIONS_PER_MS === 0) clock.advance(1);
    await engine.decide(request(i));
  }

  const profiler = profile ? await startProfiler() : null;
  const histogram = latencyHistogram();
  let served = 0;
  let decisions = 0;
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  for (; decisions < count; decisions++) {
    if (decisions % DECISIONS_PER_MS === 0) clock.advance(1);
    const req = request(decisions);
    const t0 = performance.now();
    const result = await engine.decide(req);
    histogram.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
    served += result.ads.length;
  }
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  if (profiler) await profiler.stop(`${profile}.${size}.cpuprofile`);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const heap = before !== null && after !== null ? after.heap - before.heap : null;
  const buffers = before !== null && after !== null ? after.buffers - before.buffers : null;
  return {
    adGroups: size,
    ads,
    decisions,
    decisionsPerSecond: decisions / elapsed,
    decisionsPerCpuSecond: decisions / cpuSeconds,
    p50Us: histogram.getValueAtPercentile(50),
    p90Us: histogram.getValueAtPercentile(90),
    p99Us: histogram.getValueAtPercentile(99),
    maxUs: histogram.maxValue,
    fillRate: served / decisions,
    heapMiB: heap === null ? null : heap / 2 ** 20,
    heapPer100kMiB: heap === null ? null : (heap / 2 ** 20) * (100_000 / size),
    buffersMiB: buffers === null ? null : buffers / 2 ** 20,
    totalPer100kMiB:
      heap === null || buffers === null ? null : ((heap + buffers) / 2 ** 20) * (100_000 / size),
    buildMs,
  };
}

export async function main(): Promise<DecisionBenchResult[]> {
  const sizes = flag('sizes', '1000,10000,100000').split(',').map(Number);
  const count = Number(flag('decisions', '150000'));
  const exploring = Number(flag('exploring', '0.1'));
  const profile = flag('profile', '') || null;
  const populationRandom = new SeededRandom(7);
  const viewers = Array.from({ length: VIEWERS }, (_, i) => syntheticViewer(populationRandom, i));
  const results: DecisionBenchResult[] = [];
  for (const size of sizes) {
    results.push(await benchSize(size, count, exploring, viewers, profile));
    collectGarbage();
  }
  printTable(
    'Feed decisions, in process (one core)',
    [
      'ad groups',
      'ads',
      'decisions/s',
      'per CPU-s',
      'p50 µs',
      'p90 µs',
      'p99 µs',
      'max µs',
      'fill',
      'heap MiB',
      'buffers MiB',
      'per 100k MiB',
      'build ms',
    ],
    results.map((r) => [
      fmt(r.adGroups),
      fmt(r.ads),
      fmt(r.decisionsPerSecond),
      fmt(r.decisionsPerCpuSecond),
      fmt(r.p50Us),
      fmt(r.p90Us),
      fmt(r.p99Us),
      fmt(r.maxUs),
      fmt(r.fillRate, 2),
      r.heapMiB === null ? 'n/a (no --expose-gc)' : fmt(r.heapMiB, 1),
      r.buffersMiB === null ? 'n/a' : fmt(r.buffersMiB, 1),
      r.totalPer100kMiB === null ? 'n/a' : fmt(r.totalPer100kMiB, 1),
      fmt(r.buildMs),
    ]),
  );
  const file = writeResults('decisions', results);
  process.stdout.write(`\nwritten ${file}\n`);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
