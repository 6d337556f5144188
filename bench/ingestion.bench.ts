/**
 * Event ingestion: events per second through the real EventIngestor (dedupe, invalid-traffic
 * checks, billing, counters; group commit) into a durable SQLite file (WAL, synchronous FULL), in
 * batches of 100, against raw better-sqlite3 inserts of the same rows (one prepared INSERT, one
 * transaction per 100) in the same run; optionally also through HTTP POST /v1/events.
 *
 *   npx tsx bench/ingestion.bench.ts [--events 60000] [--concurrency 8]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { buildApp } from '../src/api/app.js';
import { SeededRandom } from '../src/domain/random.js';
import type { AdEventInput } from '../src/events/types.js';
import { VARIANTS } from '../src/sim/baselines.js';
import { prepare } from '../src/sim/runner.js';
import { loadScenario } from '../src/sim/scenario.js';
import { InProcessTarget } from '../src/sim/target-inprocess.js';
import { planWorld } from '../src/sim/world.js';
import { migrateToLatest, openStore } from '../src/store/database.js';
import { flag, fmt, printTable, writeResults } from './support.js';

const BATCH = 100;
const PLATFORM_TOKEN = `kdp_${'b'.repeat(40)}`;

interface IngestResult {
  path: string;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  ratioToRaw: number | null;
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
  return { target, events: events.slice(0, count), now: t + 5_000 };
}

async function ingestDirect(
  target: InProcessTarget,
  events: AdEventInput[],
  concurrency: number,
): Promise<number> {
  const started = performance.now();
  const batches: AdEventInput[][] = [];
  for (let i = 0; i < events.length; i += BATCH) batches.push(events.slice(i, i + BATCH));
  let next = 0;
  const worker = async () => {
    while (next < batches.length)
      await target.system.ingestor.submitAdEvents(batches[next++] as AdEventInput[]);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (performance.now() - started) / 1000;
}

/** The same rows, inserted raw into a fresh file of the same schema, `perTransaction` at a time. */
async function rawInserts(
  source: string,
  dir: string,
  perTransaction: number,
): Promise<{ events: number; seconds: number }> {
  const file = join(dir, `raw-${perTransaction}.db`);
  const store = openStore(`sqlite:${file}`);
  await migrateToLatest(store);
  await store.close();
  const rows = new BetterSqlite3(source, { readonly: true }).prepare('select * from events').all() as Record<
    string,
    unknown
  >[];
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const columns = Object.keys(rows[0] ?? {});
  const insert = db.prepare(
    `insert into events (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  );
  const batch = db.transaction((part: Record<string, unknown>[]) => {
    for (const row of part) insert.run(columns.map((c) => row[c]));
  });
  const started = performance.now();
  for (let i = 0; i < rows.length; i += perTransaction) batch(rows.slice(i, i + perTransaction));
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return { events: rows.length, seconds };
}

export async function main(): Promise<IngestResult[]> {
  const count = Number(flag('events', '60000'));
  const concurrency = Number(flag('concurrency', '8'));
  const results: IngestResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'kindling-ingest-'));
  try {
    // 1. The real pipeline, one batch at a time (one transaction per 100 events, as the raw inserts).
    let world = await setup(dir, count);
    const sequential = await ingestDirect(world.target, world.events, 1);
    const raw = await rawInserts(join(dir, 'kindling.db'), dir, BATCH);
    const rawRate = raw.events / raw.seconds;
    results.push({
      path: 'raw better-sqlite3 insert (100 per transaction)',
      events: raw.events,
      seconds: raw.seconds,
      eventsPerSecond: rawRate,
      ratioToRaw: 1,
    });
    const rawBig = await rawInserts(join(dir, 'kindling.db'), dir, 1000);
    results.push({
      path: 'raw better-sqlite3 insert (1,000 per transaction)',
      events: rawBig.events,
      seconds: rawBig.seconds,
      eventsPerSecond: rawBig.events / rawBig.seconds,
      ratioToRaw: rawBig.events / rawBig.seconds / rawRate,
    });
    results.push({
      path: 'EventIngestor, batches of 100, one at a time',
      events: world.events.length,
      seconds: sequential,
      eventsPerSecond: world.events.length / sequential,
      ratioToRaw: world.events.length / sequential / rawRate,
    });
    await world.target.close();

    // 2. Several batches in flight: group commit shares transactions.
    for (const inFlight of [concurrency, concurrency * 4]) {
      rmSync(dir, { recursive: true, force: true });
      world = await setup(dir, count);
      const grouped = await ingestDirect(world.target, world.events, inFlight);
      results.push({
        path: `EventIngestor, ${inFlight} batches of 100 in flight`,
        events: world.events.length,
        seconds: grouped,
        eventsPerSecond: world.events.length / grouped,
        ratioToRaw: world.events.length / grouped / rawRate,
      });
      await world.target.close();
    }

    // 3. Through HTTP (Fastify, JSON validation, inject: no socket), 8 requests of 100 in flight.
    rmSync(dir, { recursive: true, force: true });
    world = await setup(dir, Math.min(count, 30_000));
    const app = await buildApp({
      ctx: world.target.system.ctx,
      platformToken: PLATFORM_TOKEN,
      delivery: { runtime: world.target.system.delivery, ingestor: world.target.system.ingestor },
      logger: false,
    });
    const bodies: string[] = [];
    for (let i = 0; i < world.events.length; i += BATCH) {
      bodies.push(
        JSON.stringify({
          events: world.events.slice(i, i + BATCH).map((e) => ({
            client_event_id: e.clientEventId,
            tracking_token: e.token,
            type: e.type,
            viewer_id: e.viewerId,
          })),
        }),
      );
    }
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const res = await app.inject({
            method: 'POST',
            url: '/v1/events',
            headers: { authorization: `Bearer ${PLATFORM_TOKEN}`, 'content-type': 'application/json' },
            payload: bodies[next++] as string,
          });
          if (res.statusCode !== 200) throw new Error(`POST /v1/events: ${res.statusCode} ${res.body}`);
        }
      }),
    );
    const http = (performance.now() - started) / 1000;
    results.push({
      path: `POST /v1/events (inject), ${concurrency} requests of 100 in flight`,
      events: world.events.length,
      seconds: http,
      eventsPerSecond: world.events.length / http,
      ratioToRaw: world.events.length / http / rawRate,
    });
    await app.close();
    await world.target.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable(
    'Event ingestion into SQLite (WAL, synchronous FULL)',
    ['path', 'events', 'seconds', 'events/s', 'vs raw'],
    results.map((r) => [
      r.path,
      fmt(r.events),
      fmt(r.seconds, 2),
      fmt(r.eventsPerSecond),
      r.ratioToRaw === null ? '' : `${fmt(r.ratioToRaw * 100)} %`,
    ]),
  );
  process.stdout.write(`\nwritten ${writeResults('ingestion', results)}\n`);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
