/**
 * Feed decisions over HTTP: requests per second of POST /v1/feed/decisions on the real Fastify app
 * (auth, JSON schema validation, engine, serialization) against a hello-world route of the same
 * app, same machine, same run: autocannon (in a worker thread) against 127.0.0.1 with the same
 * connections and duration. The engine holds synthetic ad groups (src/sim/synthetic.ts).
 *
 *   npx tsx bench/http.bench.ts [--groups 10000] [--connections 32] [--seconds 10]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../src/api/app.js';
import { newPacingState } from '../src/delivery/pacing.js';
import { SeededRandom } from '../src/domain/random.js';
import { localDate } from '../src/domain/time.js';
import { syntheticGroups, syntheticViewer } from '../src/sim/synthetic.js';
import { migrateToLatest, openStore } from '../src/store/database.js';
import { createSystem } from '../src/system.js';
import { flag, fmt, printTable, writeResults } from './support.js';

const PLATFORM_TOKEN = `kdp_${'h'.repeat(40)}`;

interface LoadResult {
  requestsPerSecond: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

function load(settings: Record<string, unknown>): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./http-load.mjs', import.meta.url)), [], { execArgv: [] });
    child.once('message', (message) => resolve(message as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
    });
    child.send(settings);
  });
}

export async function main() {
  const groups = Number(flag('groups', '10000'));
  const connections = Number(flag('connections', '32'));
  const duration = Number(flag('seconds', '10'));
  const store = openStore('sqlite::memory:');
  await migrateToLatest(store);
  const now = Date.now();
  const random = new SeededRandom(3);
  const system = await createSystem({
    store,
    clock: { now: () => Date.now() },
    random,
    trackingSecret: 'benchmark-tracking-secret-0123456789abcdef',
  });
  for (const group of syntheticGroups(random, groups, { now })) {
    if (group.adGroup.pacing === 'PACING_MODE_SMOOTH') {
      group.pacing = newPacingState(localDate(now, group.account.timeZone), now, 0, null);
      group.pacing.passRate = 0.05 * 20 ** random.float();
    }
    system.delivery.engine.upsertGroup(group);
  }
  const app = await buildApp({
    ctx: system.ctx,
    platformToken: PLATFORM_TOKEN,
    delivery: { runtime: system.delivery, ingestor: system.ingestor },
    logger: false,
    plugins: [
      (a) => {
        a.get('/hello', async () => ({ hello: 'world' }));
      },
    ],
  });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const bodies = Array.from({ length: 5000 }, (_, i) => {
    const v = syntheticViewer(random, i);
    return JSON.stringify({
      viewer: {
        id: v.id,
        country: v.country,
        language: v.language,
        age_group: v.ageGroup,
        gender: v.gender,
        os: v.os,
        interests: v.interests,
        audience_ids: v.audienceIds,
      },
      page: { start_position: 0, organic_post_ids: ['o1', 'o2', 'o3', 'o4', 'o5', 'o6'] },
    });
  });
  const hello = await load({
    url: `${address}/hello`,
    method: 'GET',
    headers: {},
    bodies: [],
    connections,
    duration,
  });
  const decisions = await load({
    url: `${address}/v1/feed/decisions`,
    method: 'POST',
    headers: { authorization: `Bearer ${PLATFORM_TOKEN}`, 'content-type': 'application/json' },
    bodies,
    connections,
    duration,
  });
  await app.close();
  await system.close();
  await store.close();
  const ratio = decisions.requestsPerSecond / hello.requestsPerSecond;
  const rows = [
    { route: 'GET /hello (hello world)', ...hello },
    { route: `POST /v1/feed/decisions (${fmt(groups)} ad groups)`, ...decisions },
  ];
  printTable(
    `HTTP on 127.0.0.1, autocannon ${connections} connections × ${duration} s`,
    ['route', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'vs hello'],
    rows.map((r) => [
      r.route,
      fmt(r.requestsPerSecond),
      fmt(r.p50Ms, 1),
      fmt(r.p99Ms, 1),
      fmt(r.errors + r.timeouts),
      fmt(r.non2xx),
      `${fmt((r.requestsPerSecond / hello.requestsPerSecond) * 100)} %`,
    ]),
  );
  const file = writeResults('http', { groups, connections, duration, hello, decisions, ratio });
  process.stdout.write(`\nwritten ${file}\n`);
  return { hello, decisions, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
