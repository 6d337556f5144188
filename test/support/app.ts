import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { ManualClock } from '../../src/domain/clock.js';
import { cryptoRandom } from '../../src/runtime.js';
import type { ServiceContext } from '../../src/services/context.js';
import type { DialectName } from '../../src/store/database.js';
import { createSystem, type System } from '../../src/system.js';
import { openTestDatabase, type TestDatabase } from './dialects.js';

export const PLATFORM_TOKEN = `kdp_${'t'.repeat(40)}`;
export const TRACKING_SECRET = 'test-tracking-secret-0123456789abcdef';
/** 2026-11-25 21:00 UTC: a fixed "now" for tests. */
export const TEST_NOW = Date.UTC(2026, 10, 25, 21, 0, 0);

export interface TestApp {
  app: FastifyInstance;
  ctx: ServiceContext;
  clock: ManualClock;
  db: TestDatabase;
  /** Delivery engine and event pipeline, running on the same store and clock. */
  system: System;
  /** inject() with a bearer token and JSON body; returns the response with `json` parsed. */
  call(
    token: string | null,
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiResponse>;
  close(): Promise<void>;
}

export interface ApiResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are read field by field
  json: any;
  headers: LightMyRequestResponse['headers'];
  raw: LightMyRequestResponse;
}

/** The whole system (API, delivery engine, event pipeline) on a fresh database of the dialect. */
export async function createTestApp(dialect: DialectName, options: { now?: number } = {}): Promise<TestApp> {
  const db = await openTestDatabase(dialect);
  const clock = new ManualClock(options.now ?? TEST_NOW);
  const system = await createSystem({
    store: db.store,
    clock,
    random: cryptoRandom,
    trackingSecret: TRACKING_SECRET,
  });
  const ctx = system.ctx;
  const app = await buildApp({
    ctx,
    platformToken: PLATFORM_TOKEN,
    delivery: { runtime: system.delivery, ingestor: system.ingestor },
    logger: process.env.TEST_LOG ? { level: 'error' } : false,
  });
  return {
    app,
    ctx,
    clock,
    db,
    system,
    async call(token, method, url, body, headers = {}) {
      const raw = await app.inject({
        method,
        url,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        ...(body !== undefined && { payload: body as InjectOptions['payload'] }),
      });
      let json: unknown = null;
      if (raw.body && String(raw.headers['content-type'] ?? '').includes('json')) json = JSON.parse(raw.body);
      return { status: raw.statusCode, json, headers: raw.headers, raw };
    },
    async close() {
      await app.close();
      await system.close();
      await db.close();
    },
  };
}
