import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp, type DemoUsers } from './api/app.js';
import { findWebRoot, webApp } from './api/web.js';
import type { Config } from './config.js';
import { systemClock } from './domain/clock.js';
import { startAggregator } from './reports/aggregator.js';
import { cryptoRandom } from './runtime.js';
import { type DemoTokens, seedDemo } from './seed/demo.js';
import { runExpiryNotifications } from './services/notifications.js';
import { migrateToLatest, openStore, type Store } from './store/database.js';
import { purgeIdempotencyKeys } from './store/repos/idempotency.js';
import { createSystem, type System } from './system.js';

export const VERSION = '0.1.0';

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  demo: DemoTokens | null;
  close(): Promise<void>;
}

function demoUsers(tokens: DemoTokens): DemoUsers {
  return {
    platform: tokens.platform,
    users: [
      ...tokens.creators.map((c) => ({
        role: 'creator' as const,
        label: `@${c.handle} (creator)`,
        token: c.token,
      })),
      ...tokens.advertisers.map((a) => ({
        role: a.role === 'ADMIN' ? ('brand_admin' as const) : ('brand_analyst' as const),
        label: `${a.name} · ${a.ad_account_name} (${a.role})`,
        token: a.token,
      })),
      { role: 'platform' as const, label: 'Platform operator', token: tokens.platform },
    ],
  };
}

/** Opens the store, migrates, seeds the demo when asked, serves HTTP and runs the periodic jobs. */
export async function startServer(config: Config): Promise<RunningServer> {
  const logger = pino({
    level: config.logLevel,
    ...(config.logPretty && {
      transport: {
        target: 'pino-pretty',
        options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    }),
  });
  const store = openStore(config.dbUrl, { sqliteSynchronous: config.sqliteSynchronous });
  const applied = await migrateToLatest(store);
  if (applied.length) logger.info({ migrations: applied }, 'database migrated');
  const dataDir =
    config.dbUrl.startsWith('sqlite:') && config.dbUrl !== 'sqlite::memory:'
      ? dirname(config.dbUrl.slice('sqlite:'.length))
      : join(process.cwd(), 'data');
  const system: System = await createSystem({
    store,
    clock: systemClock,
    random: cryptoRandom,
    trackingSecret: config.trackingSecret ?? demoTrackingSecret(dataDir),
    // Several processes may share PostgreSQL: follow their changes through the change log.
    pollChangeLog: store.dialect === 'postgres',
    onError: (err) => logger.error({ err }, 'delivery refresh failed'),
  });
  const ctx = system.ctx;

  let demo: DemoTokens | null = null;
  if (config.demo) demo = await seedDemo(ctx, join(dataDir, 'demo-tokens.json'), config.platformToken);
  await system.delivery.settled();
  const platformToken = config.platformToken ?? demo?.platform ?? null;

  const webRoot = config.webRoot ?? findWebRoot();
  if (!webRoot) logger.warn('the web app is not built (npm run build): serving the API only');

  const app = await buildApp({
    ctx,
    platformToken,
    logger,
    delivery: { runtime: system.delivery, ingestor: system.ingestor },
    demo: demo ? demoUsers(demo) : null,
    version: VERSION,
    plugins: webRoot ? [webApp({ root: webRoot })] : [],
  });
  const address = await app.listen({ port: config.port, host: config.host });

  // Periodic jobs: safe on many nodes at once (their writes are idempotent).
  const timers = [
    setInterval(() => {
      runExpiryNotifications(ctx).catch((err: unknown) =>
        logger.error({ err }, 'expiry notifications failed'),
      );
    }, 60_000),
    setInterval(() => {
      purgeIdempotencyKeys(store.db, Date.now() - 86_400_000).catch((err: unknown) =>
        logger.error({ err }, 'idempotency purge failed'),
      );
    }, 3_600_000),
  ];
  for (const t of timers) t.unref();
  await runExpiryNotifications(ctx);

  // Reports: roll the event log up into hourly rollups and reach sketches, ~1 s behind. With
  // several nodes on PostgreSQL each runs one (the watermark lets one win each batch) and stays 2 s
  // behind the newest event ids, which nodes mint on their own clocks.
  const aggregator = startAggregator(store, {
    clock: systemClock,
    settleMs: store.dialect === 'postgres' ? 2000 : 0,
    onError: (err) => logger.error({ err }, 'report aggregation failed'),
  });

  return {
    app,
    store,
    url: address,
    demo,
    async close() {
      for (const t of timers) clearInterval(t);
      await app.close();
      await system.close();
      await aggregator.stop();
      await store.close();
    },
  };
}

/** Demo mode only: a tracking secret kept beside the demo database, so tokens survive restarts. */
function demoTrackingSecret(dataDir: string): string {
  const file = join(dataDir, 'tracking-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = Buffer.from(cryptoRandom.bytes(48)).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
