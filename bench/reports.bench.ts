/**
 * Reports benchmark: `npx tsx bench/reports.bench.ts [--events=10000000] [--days=35]
 * [--dialects=sqlite,postgres] [--iterations=200] [--aggregate-events=400000]`.
 *
 * 1. Aggregator throughput: events written to the event log, then rolled up (events/s).
 * 2. Query latency: a history of `--events` events (synthetic traffic rolled up by the aggregator's
 *    own code, bulk-loaded) and the integrated report asked over HTTP (Fastify inject, real token,
 *    validation, rollups, sketches, serialization), p50/p95/p99.
 * Prints a table and writes results/reports.json.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/api/app.js';
import { systemClock } from '../src/domain/clock.js';
import { createAggregator } from '../src/reports/aggregator.js';
import { createServiceContext } from '../src/runtime.js';
import { addMember } from '../src/services/access.js';
import { type DialectName, migrateToLatest, openStore, type Store } from '../src/store/database.js';
import { aggregatorInput, writeEventsPostgres, writeEventsSqlite } from './reports-events.js';
import {
  ACCOUNT,
  FIRST_DAY,
  flatten,
  generateHistory,
  type Sink,
  seedEntities,
  world,
  ZONE,
} from './reports-world.js';

const arg = (name: string, fallback: string) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const EVENTS = Number(arg('events', '10000000'));
const DAYS = Number(arg('days', '35'));
const ITERATIONS = Number(arg('iterations', '200'));
const AGGREGATE_EVENTS = Number(arg('aggregate-events', '400000'));
const PG_ADMIN = process.env.KINDLING_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Db {
  url: string;
  drop(): Promise<void>;
}

async function freshDatabase(dialect: DialectName, name: string): Promise<Db> {
  if (dialect === 'sqlite') {
    const dir = join(tmpdir(), `kindling-bench-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${name}.db`);
    return { url: `sqlite:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const db = `kindling_bench_${name}_${process.pid}`;
  const admin = new pg.Client(PG_ADMIN);
  await admin.connect();
  await admin.query(`drop database if exists ${db}`);
  await admin.query(`create database ${db}`);
  await admin.end();
  const url = new URL(PG_ADMIN);
  url.pathname = `/${db}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client(PG_ADMIN);
      await c.connect();
      await c.query(`drop database if exists ${db} with (force)`);
      await c.end();
    },
  };
}

function sqliteSink(file: string): Sink & { close(): void } {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    async writeDay(batch) {
      const tables = flatten(batch);
      db.transaction(() => {
        for (const [table, { columns, rows }] of Object.entries(tables)) {
          let stmt = statements.get(table);
          if (!stmt) {
            stmt = db.prepare(
              `insert into ${table} (${columns.join(',')}) values (${columns.map(() => '?').join(',')})`,
            );
            statements.set(table, stmt);
          }
          for (const row of rows) stmt.run(row);
        }
      })();
    },
    close: () => db.close(),
  };
}

function postgresSink(url: string): Sink & { close(): Promise<void> } {
  const client = new pg.Client(url);
  const connected = client.connect();
  return {
    async writeDay(batch) {
      await connected;
      await client.query('begin');
      for (const [table, { columns, rows }] of Object.entries(flatten(batch))) {
        const per = Math.floor(60_000 / columns.length);
        for (let i = 0; i < rows.length; i += per) {
          const chunk = rows.slice(i, i + per);
          const values = chunk
            .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(',')})`)
            .join(',');
          await client.query(`insert into ${table} (${columns.join(',')}) values ${values}`, chunk.flat());
        }
      }
      await client.query('commit');
    },
    close: () => client.end(),
  };
}

const stats = (samples: number[]) => {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)] as number;
  return { p50: q(0.5), p95: q(0.95), p99: q(0.99), max: s[s.length - 1] as number };
};

async function aggregationThroughput(dialect: DialectName) {
  const target = await freshDatabase(dialect, 'agg');
  let store = openStore(target.url);
  await migrateToLatest(store);
  await store.db
    .insertInto('ad_accounts')
    .values({ id: ACCOUNT, name: 'Bench', currency: 'EUR', time_zone: ZONE, created_at: 0, updated_at: 0 })
    .execute();
  const w = world();
  await seedEntities(store, w, Date.now());
  const events = aggregatorInput(w, AGGREGATE_EVENTS);
  if (dialect === 'sqlite') {
    await store.close();
    writeEventsSqlite(target.url.slice('sqlite:'.length), events);
    store = openStore(target.url);
  } else await writeEventsPostgres(target.url, events);
  const aggregator = createAggregator(store, { clock: systemClock, maxBatchesPerRun: 1_000_000 });
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await aggregator.runOnce();
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - started) / 1000;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  await store.close();
  await target.drop();
  return {
    dialect,
    events: run.events,
    batches: run.batches,
    seconds: Number(seconds.toFixed(2)),
    eventsPerSecond: Math.round(run.events / seconds),
    /** Events per second of the aggregator process's own CPU (the database server's is not counted on PostgreSQL). */
    eventsPerCpuSecond: Math.round(run.events / cpuSeconds),
  };
}

const QUERIES = (w: ReturnType<typeof world>) => {
  const last = new Date(Date.parse(`${FIRST_DAY}T12:00:00Z`) + (DAYS - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const first30 = new Date(Date.parse(`${last}T12:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  const first7 = new Date(Date.parse(`${last}T12:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
  const campaign = JSON.stringify([
    { field_name: 'campaign_ids', filter_type: 'IN', filter_value: JSON.stringify([w.campaignIds[0]]) },
  ]);
  const all =
    'spend,impressions,clicks,ctr,cpm,cpc,reach,frequency,cost_per_1000_reached,video_play_actions,video_watched_2s,video_watched_6s,video_views_p25,video_views_p50,video_views_p75,video_views_p100,average_video_play,likes,comments,shares,follows,profile_visits,engagements,conversion,cost_per_conversion,result,cost_per_result,result_rate';
  return {
    'campaign daily, 30 days, all metrics (target)': {
      data_level: 'AUCTION_CAMPAIGN',
      dimensions: 'campaign_id,stat_time_day',
      metrics: all,
      start_date: first30,
      end_date: last,
      filtering: campaign,
    },
    'ads of a campaign, 30 days, with reach': {
      dimensions: 'ad_id',
      metrics: 'spend,impressions,reach,frequency,ctr,result,cost_per_result,ad_name',
      start_date: first30,
      end_date: last,
      filtering: campaign,
    },
    'account daily by country, 30 days': {
      dimensions: 'stat_time_day,country_code',
      metrics: 'spend,impressions,clicks,ctr,cpm',
      start_date: first30,
      end_date: last,
    },
    'campaign hourly, 7 days': {
      dimensions: 'stat_time_hour',
      metrics: 'spend,impressions,clicks,video_watched_6s',
      start_date: first7,
      end_date: last,
      filtering: campaign,
    },
    'every ad, lifetime, with reach': {
      dimensions: 'ad_id',
      metrics: 'spend,impressions,reach,frequency',
      query_lifetime: 'true',
      page_size: '100',
    },
  };
};

async function queryLatency(dialect: DialectName) {
  const target = await freshDatabase(dialect, 'query');
  let store: Store = openStore(target.url);
  await migrateToLatest(store);
  const ctx = createServiceContext(store);
  await store.db
    .insertInto('ad_accounts')
    .values({ id: ACCOUNT, name: 'Bench', currency: 'EUR', time_zone: ZONE, created_at: 0, updated_at: 0 })
    .execute();
  const { issued } = await addMember(ctx, { kind: 'system', id: null }, ACCOUNT, {
    name: 'Analyst',
    email: null,
    role: 'ANALYST',
  });
  const w = world();
  await seedEntities(store, w, Date.now());
  const loadStarted = performance.now();
  let generated = 0;
  if (dialect === 'sqlite') {
    await store.close();
    const sink = sqliteSink(target.url.slice('sqlite:'.length));
    generated = await generateHistory(w, EVENTS, DAYS, sink, (d, n) =>
      process.stdout.write(`\r  ${dialect}: day ${d + 1}/${DAYS}, ${n.toLocaleString('en')} events`),
    );
    sink.close();
    store = openStore(target.url);
  } else {
    const sink = postgresSink(target.url);
    generated = await generateHistory(w, EVENTS, DAYS, sink, (d, n) =>
      process.stdout.write(`\r  ${dialect}: day ${d + 1}/${DAYS}, ${n.toLocaleString('en')} events`),
    );
    await sink.close();
  }
  process.stdout.write('\n');
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  // Production databases keep statistics up to date on their own; the bench asks once after loading.
  if (dialect === 'postgres') await sql`analyze`.execute(store.db);
  const rows = await store.db
    .selectFrom('report_ad_breakdown')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const app = await buildApp({ ctx: createServiceContext(store), platformToken: null, logger: false });
  const results: Record<string, { p50: number; p95: number; p99: number; max: number; rows: number }> = {};
  for (const [name, query] of Object.entries(QUERIES(w))) {
    const url = `/v1/ad-accounts/${ACCOUNT}/reports?${new URLSearchParams(query)}`;
    const call = async () => {
      const r = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${issued.token}` },
      });
      if (r.statusCode !== 200) throw new Error(`${name}: ${r.statusCode} ${r.body}`);
      return r.json() as { page_info: { total_number: number } };
    };
    let shape = await call();
    for (let i = 0; i < 20; i++) shape = await call();
    const samples: number[] = [];
    for (let i = 0; i < ITERATIONS; i++) {
      const t0 = performance.now();
      await call();
      samples.push(performance.now() - t0);
    }
    const s = stats(samples);
    results[name] = {
      p50: Number(s.p50.toFixed(2)),
      p95: Number(s.p95.toFixed(2)),
      p99: Number(s.p99.toFixed(2)),
      max: Number(s.max.toFixed(2)),
      rows: shape.page_info.total_number,
    };
  }
  await app.close();
  await store.close();
  await target.drop();
  return {
    dialect,
    events: generated,
    loadSeconds: Number(loadSeconds.toFixed(1)),
    breakdownRows: Number(rows.n),
    queries: results,
  };
}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function main() {
  const wanted = arg('dialects', 'sqlite,postgres').split(',') as DialectName[];
  const dialects: DialectName[] = [];
  for (const d of wanted) if (d === 'sqlite' || (await postgresReachable())) dialects.push(d);
  console.log(
    `Reports benchmark: ${EVENTS.toLocaleString('en')} events over ${DAYS} days, ${ITERATIONS} requests per query, on ${dialects.join(' and ')}`,
  );
  const aggregation = [];
  const queries = [];
  for (const dialect of dialects) {
    console.log(`aggregating ${AGGREGATE_EVENTS.toLocaleString('en')} events on ${dialect}…`);
    aggregation.push(await aggregationThroughput(dialect));
    console.log(`loading the history on ${dialect}…`);
    queries.push(await queryLatency(dialect));
  }
  console.log('\nAggregator throughput');
  console.table(
    aggregation.map((a) => ({
      dialect: a.dialect,
      events: a.events,
      batches: a.batches,
      seconds: a.seconds,
      'events/s': a.eventsPerSecond,
      'events/cpu-s': a.eventsPerCpuSecond,
    })),
  );
  console.log(
    `load average during the run: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${(await import('node:os')).cpus().length} cores`,
  );
  console.log(`Report latency over HTTP (ms), ${ITERATIONS} requests each after 20 warm-up`);
  console.table(
    queries.flatMap((q) =>
      Object.entries(q.queries).map(([name, r]) => ({
        dialect: q.dialect,
        query: name,
        rows: r.rows,
        p50: r.p50,
        p95: r.p95,
        p99: r.p99,
        max: r.max,
      })),
    ),
  );
  const node = process.versions.node;
  const os = await import('node:os');
  mkdirSync('results', { recursive: true });
  writeFileSync(
    'results/reports.json',
    `${JSON.stringify({ at: new Date().toISOString(), node, cpus: os.cpus().length, loadAverage: os.loadavg(), events: EVENTS, days: DAYS, iterations: ITERATIONS, aggregation, queries }, null, 2)}\n`,
  );
  console.log('wrote results/reports.json');
}

await main();
