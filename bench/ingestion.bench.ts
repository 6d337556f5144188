/**
 * Event ingestion: events per second through the real EventIngestor (token checks, dedupe,
 * invalid-traffic checks, billing, counters; group commit) into a durable SQLite file (WAL,
 * synchronous FULL: a request is answered only after its transaction is on disk), driven the way
 * POST /v1/events drives it: many requests of 100 events in flight, each awaiting its outcomes.
 * Next to it, in the same run, raw better-sqlite3 inserts of the very rows the pipeline wrote (one
 * prepared INSERT, one transaction per 100 rows, and one per as many rows as the pipeline's mean
 * group commit), and the report aggregator: its throughput over the same events, and how far it
 * falls behind while ingestion runs in the same process.
 *
 *   npx tsx bench/ingestion.bench.ts [--events 60000] [--concurrency 64] [--max-batch 5000]
 *     [--max-wait-ms 0] [--skip-http]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { buildApp } from '../src/api/app.js';
import { systemClock } from '../src/domain/clock.js';
import { SeededRandom } from '../src/domain/random.js';
import { GROUP_COMMIT_DEFAULTS } from '../src/events/ingestor.js';
import type { AdEventInput, EventOutcome } from '../src/events/types.js';
import { createAggregator } from '../src/reports/aggregator.js';
import { VARIANTS } from '../src/sim/baselines.js';
import { prepare } from '../src/sim/runner.js';
import { loadScenario } from '../src/sim/scenario.js';
import { InProcessTarget } from '../src/sim/target-inprocess.js';
import { planWorld } from '../src/sim/world.js';
import { migrateToLatest, openStore } from '../src/store/database.js';
import { getWatermark } from '../src/store/repos/report-rollups.js';
import { flag, fmt, printTable, writeResults } from './support.js';

const BATCH = 100;
const PLATFORM_TOKEN = `kdp_${'b'.repeat(40)}`;

interface IngestResult {
  path: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  /** Events per second of this process's CPU (user + system): steadier than wall time on a busy machine. */
  eventsPerCpuSecond: number;
  /** Mean events per transaction. */
  perTransaction: number;
  /** Events/s ÷ raw inserts' events/s, 100 rows per transaction (bench/render.ts shows this one). */
  ratioToRaw: number | null;
  /** Events/s ÷ raw inserts' events/s with transactions of the pipeline's mean size. */
  ratioToRawSameSize: number | null;
  /** Request latency (submit → outcomes), ms. */
  p50Ms: number | null;
  p99Ms: number | null;
}

/** A world from the normal-day scenario, and `count` ad events on real decisions (tokens). */
async function setup(dir: string, count: number) {
  const scenario = loadScenario('normal-day');
  const prepared = prepare(scenario, 7);
  const target = await InProcessTarget.open(
    {
      dbUrl: `sqlite:${join(dir, 'kindling.db')}`,
      sqliteSynchronous: 'FULL',
      seed: 7,
      start: prepared.setupAt,
      trafficPrior: prepared.traffic.expectedUtcCurve(Math.floor(prepared.from / 86_400_000) * 86_400_000),
    },
    VARIANTS.fast,
  );
  await target.create(planWorld(scenario, new SeededRandom(3), prepared.setupAt), VARIANTS.fast);
  const events: AdEventInput[] = [];
  const types = ['impression', 'video_play', 'view_2s', 'view_6s', 'click', 'like'] as const;
  let t = prepared.from + 9 * 3_600_000;
  for (const session of prepared.sessions) {
    if (events.length >= count) break;
    t += 50;
    target.setTime(t);
    const ads = await target.decide(
      session.viewer,
      { startPosition: 0, organicPostIds: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'] },
      [],
    );
    for (const ad of ads) {
      // An impression and what usually follows it, as a host reports them.
      const n = 2 + (session.id % 5);
      for (const type of types.slice(0, n)) {
        events.push({
          clientEventId: `${ad.decisionId}:${type}`,
          token: ad.token,
          type,
          viewerId: session.viewer.id,
          occurredAt: t + 1000,
        });
      }
    }
  }
  target.setTime(t + 5_000);
  const ingestor = target.system.ingestor;
  ingestor.tune({
    maxBatchEvents: Number(flag('max-batch', String(GROUP_COMMIT_DEFAULTS.maxBatchEvents))),
    maxWaitMs: Number(flag('max-wait-ms', String(GROUP_COMMIT_DEFAULTS.maxWaitMs))),
  });
  const commits = { count: 0, events: 0 };
  ingestor.observe({
    onCommit: (info) => {
      commits.count++;
      commits.events += info.events;
    },
  });
  return { target, events: events.slice(0, count), commits };
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** Acknowledged events: the largest event id of each answered request and when it was answered. */
type Acks = { id: string; at: number }[];

/**
 * `concurrency` clients, each sending one request (`send`) and awaiting its answer before the next,
 * as hosts posting to /v1/events do.
 */
async function drive(
  requests: number,
  concurrency: number,
  send: (i: number) => Promise<EventOutcome[]>,
  acks?: Acks,
) {
  const latencies: number[] = [];
  let next = 0;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        const outcomes = await send(i);
        const t1 = performance.now();
        latencies.push(t1 - t0);
        if (acks) {
          let max = '';
          for (const o of outcomes) if ('eventId' in o && o.eventId > max) max = o.eventId;
          if (max) acks.push({ id: max, at: t1 });
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

function batchesOf(events: AdEventInput[]): AdEventInput[][] {
  const batches: AdEventInput[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  return batches;
}

/** The same rows, inserted raw into a fresh file of the same schema, `perTransaction` at a time. */
async function rawInserts(
  source: string,
  dir: string,
  perTransaction: number,
): Promise<{ events: number; seconds: number; cpuSeconds: number }> {
  const file = join(dir, `raw-${perTransaction}.db`);
  rmSync(file, { force: true });
  const store = openStore(`sqlite:${file}`);
  await migrateToLatest(store);
  await store.close();
  const reader = new BetterSqlite3(source, { readonly: true });
  const rows = reader.prepare('select * from events order by id').all() as Record<string, unknown>[];
  reader.close();
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const columns = Object.keys(rows[0] ?? {});
  const insert = db.prepare(
    `insert into events (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  );
  const values = rows.map((row) => columns.map((c) => row[c]));
  const batch = db.transaction((part: unknown[][]) => {
    for (const row of part) insert.run(row);
  });
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  for (let i = 0; i < values.length; i += perTransaction) batch(values.slice(i, i + perTransaction));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  db.close();
  rmSync(file, { force: true });
  return { events: rows.length, seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

interface Measured {
  path: string;
  events: number;
  seconds: number;
  cpuSeconds: number;
  perTransaction: number;
  p50: number | null;
  p99: number | null;
}

export async function main(): Promise<IngestResult[]> {
  const count = Number(flag('events', '60000'));
  const concurrency = Number(flag('concurrency', '64'));
  const measured: Measured[] = [];
  const raws: { perTransaction: number; events: number; seconds: number; cpuSeconds: number }[] = [];
  const aggregation: Record<string, number | string> = {};
  const dir = mkdtempSync(join(tmpdir(), 'kindling-ingest-'));
  const loadBefore = loadavg();
  let grouped = 0;
  try {
    // 1. One request at a time: a transaction per request of 100 events.
    let world = await setup(dir, count);
    let batches = batchesOf(world.events);
    let run = await drive(batches.length, 1, (i) =>
      world.target.system.ingestor.submitAdEvents(batches[i] as AdEventInput[]),
    );
    measured.push({
      path: 'EventIngestor, 1 request of 100 in flight',
      events: world.events.length,
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      perTransaction: world.commits.events / world.commits.count,
      p50: run.p50,
      p99: run.p99,
    });
    raws.push({ perTransaction: BATCH, ...(await rawInserts(join(dir, 'kindling.db'), dir, BATCH)) });
    await world.target.close();

    // 2. Many requests in flight, as the HTTP route sees them: group commit shares transactions.
    rmSync(dir, { recursive: true, force: true });
    world = await setup(dir, count);
    batches = batchesOf(world.events);
    run = await drive(batches.length, concurrency, (i) =>
      world.target.system.ingestor.submitAdEvents(batches[i] as AdEventInput[]),
    );
    grouped = world.commits.events / world.commits.count;
    measured.push({
      path: `EventIngestor, ${concurrency} requests of 100 in flight`,
      events: world.events.length,
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      perTransaction: grouped,
      p50: run.p50,
      p99: run.p99,
    });
    raws.push({
      perTransaction: Math.round(grouped),
      ...(await rawInserts(join(dir, 'kindling.db'), dir, Math.max(1, Math.round(grouped)))),
    });

    // 3. The aggregator over the events just written, alone (events/s of rolling up).
    const aggregator = createAggregator(world.target.system.ctx.store, {
      clock: systemClock,
      maxBatchesPerRun: 1_000_000,
    });
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const rolled = await aggregator.runOnce();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    aggregation.events = rolled.events;
    aggregation.seconds = Number(seconds.toFixed(2));
    aggregation.eventsPerSecond = Math.round(rolled.events / seconds);
    aggregation.eventsPerCpuSecond = Math.round(rolled.events / ((cpu.user + cpu.system) / 1e6));
    await world.target.close();

    // 4. Ingestion with the aggregator running in the same process, as `kindling serve` runs it
    //    (every second, or at once while it has a backlog): how far behind the reports are.
    rmSync(dir, { recursive: true, force: true });
    world = await setup(dir, count);
    batches = batchesOf(world.events);
    const store = world.target.system.ctx.store;
    const live = createAggregator(store, { clock: systemClock });
    const acks: Acks = [];
    let maxLagMs = 0;
    const lagOf = (position: string, at: number) => {
      let oldest = Number.POSITIVE_INFINITY;
      for (const a of acks) if (a.id > position && a.at < oldest) oldest = a.at;
      return Number.isFinite(oldest) ? at - oldest : 0;
    };
    const sampler = setInterval(() => {
      void getWatermark(store.db).then((w) => {
        maxLagMs = Math.max(maxLagMs, lagOf(w.position, performance.now()));
      });
    }, 100);
    live.start();
    run = await drive(
      batches.length,
      concurrency,
      (i) => world.target.system.ingestor.submitAdEvents(batches[i] as AdEventInput[]),
      acks,
    );
    const ingested = performance.now();
    let last = '';
    for (const a of acks) if (a.id > last) last = a.id;
    for (;;) {
      const w = await getWatermark(store.db);
      maxLagMs = Math.max(maxLagMs, lagOf(w.position, performance.now()));
      if (w.position >= last) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    clearInterval(sampler);
    aggregation.catchUpSeconds = Number(((performance.now() - ingested) / 1000).toFixed(2));
    aggregation.maxLagSeconds = Number((maxLagMs / 1000).toFixed(2));
    await live.stop();
    measured.push({
      path: `EventIngestor, ${concurrency} in flight, aggregator running`,
      events: world.events.length,
      seconds: run.seconds,
      cpuSeconds: run.cpuSeconds,
      perTransaction: world.commits.events / world.commits.count,
      p50: run.p50,
      p99: run.p99,
    });
    await world.target.close();

    // 5. Through HTTP (Fastify, JSON validation, inject: no socket), the same requests in flight.
    if (!process.argv.includes('--skip-http')) {
      rmSync(dir, { recursive: true, force: true });
      world = await setup(dir, count);
      const app = await buildApp({
        ctx: world.target.system.ctx,
        platformToken: PLATFORM_TOKEN,
        delivery: { runtime: world.target.system.delivery, ingestor: world.target.system.ingestor },
        logger: false,
      });
      const bodies = batchesOf(world.events).map((batch) =>
        JSON.stringify({
          events: batch.map((e) => ({
            client_event_id: e.clientEventId,
            tracking_token: e.token,
            type: e.type,
            viewer_id: e.viewerId,
          })),
        }),
      );
      run = await drive(bodies.length, concurrency, async (i) => {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/events',
          headers: { authorization: `Bearer ${PLATFORM_TOKEN}`, 'content-type': 'application/json' },
          payload: bodies[i] as string,
        });
        if (res.statusCode !== 200) throw new Error(`POST /v1/events: ${res.statusCode} ${res.body}`);
        return [];
      });
      measured.push({
        path: `POST /v1/events (inject), ${concurrency} requests of 100 in flight`,
        events: world.events.length,
        seconds: run.seconds,
        cpuSeconds: run.cpuSeconds,
        perTransaction: world.commits.events / world.commits.count,
        p50: run.p50,
        p99: run.p99,
      });
      await app.close();
      await world.target.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const raw100 = raws[0] as (typeof raws)[number];
  const rawRate = (r: { events: number; seconds: number }) => r.events / r.seconds;
  const sameSize = (perTransaction: number) =>
    raws.reduce((best, r) =>
      Math.abs(r.perTransaction - perTransaction) < Math.abs(best.perTransaction - perTransaction) ? r : best,
    );
  const results: IngestResult[] = [
    ...raws.map((r) => ({
      path: `raw better-sqlite3 insert (${fmt(r.perTransaction)} per transaction)`,
      events: r.events,
      seconds: r.seconds,
      eventsPerSecond: rawRate(r),
      eventsPerCpuSecond: r.events / r.cpuSeconds,
      perTransaction: r.perTransaction,
      ratioToRaw: rawRate(r) / rawRate(raw100),
      ratioToRawSameSize: 1,
      p50Ms: null,
      p99Ms: null,
    })),
    ...measured.map((m) => {
      const rate = m.events / m.seconds;
      return {
        path: m.path,
        events: m.events,
        seconds: m.seconds,
        eventsPerSecond: rate,
        eventsPerCpuSecond: m.events / m.cpuSeconds,
        perTransaction: m.perTransaction,
        ratioToRaw: rate / rawRate(raw100),
        ratioToRawSameSize: rate / rawRate(sameSize(m.perTransaction)),
        p50Ms: m.p50,
        p99Ms: m.p99,
      };
    }),
  ];
  const loadAfter = loadavg();
  printTable(
    'Event ingestion into SQLite (WAL, synchronous FULL: acknowledged only after the commit is on disk)',
    [
      'path',
      'events',
      'seconds',
      'events/s',
      'events/cpu-s',
      'per txn',
      'vs raw 100',
      'vs raw same txn',
      'p50 ms',
      'p99 ms',
    ],
    results.map((r) => [
      r.path,
      fmt(r.events),
      fmt(r.seconds, 2),
      fmt(r.eventsPerSecond),
      fmt(r.eventsPerCpuSecond),
      fmt(r.perTransaction),
      r.ratioToRaw === null ? '' : `${fmt(r.ratioToRaw * 100)} %`,
      r.ratioToRawSameSize === null ? '' : `${fmt(r.ratioToRawSameSize * 100)} %`,
      r.p50Ms === null ? '' : fmt(r.p50Ms, 1),
      r.p99Ms === null ? '' : fmt(r.p99Ms, 1),
    ]),
  );
  printTable(
    'Report aggregator over the same events (rollups + reach sketches)',
    ['measure', 'value'],
    [
      ['events rolled up', fmt(Number(aggregation.events))],
      ['events/s (alone)', fmt(Number(aggregation.eventsPerSecond))],
      ['events/cpu-s (alone)', fmt(Number(aggregation.eventsPerCpuSecond))],
      ['max lag while ingesting (s)', fmt(Number(aggregation.maxLagSeconds), 2)],
      ['caught up after ingestion ended (s)', fmt(Number(aggregation.catchUpSeconds), 2)],
    ],
  );
  process.stdout.write(
    `\ngroup commit: up to ${flag('max-batch', String(GROUP_COMMIT_DEFAULTS.maxBatchEvents))} events, wait ${flag('max-wait-ms', String(GROUP_COMMIT_DEFAULTS.maxWaitMs))} ms; load average ${loadBefore.map((l) => l.toFixed(1)).join(' ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' ')} after\n`,
  );
  process.stdout.write(
    `written ${writeResults('ingestion', results)} and ${writeResults('ingestion-aggregation', {
      ...aggregation,
      ingestion: measured.map((m) => ({ path: m.path, eventsPerSecond: m.events / m.seconds })),
      loadBefore,
      loadAfter,
    })}\n`,
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
