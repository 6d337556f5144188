import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { webApp } from '../../src/api/web.js';
import { ManualClock } from '../../src/domain/clock.js';
import { createIdGenerator } from '../../src/domain/ids.js';
import { cryptoRandom } from '../../src/runtime.js';
import { ChangeBus, type ServiceContext } from '../../src/services/context.js';
import { PLATFORM_TOKEN, TEST_NOW } from '../support/app.js';
import { openTestDatabase, type TestDatabase } from '../support/dialects.js';

/** The web app plugin: files as built, index.html for client routes, the API's 404s untouched. */
describe('web app serving', () => {
  let app: FastifyInstance;
  let db: TestDatabase;
  let root: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'kindling-web-'));
    mkdirSync(join(root, 'assets'));
    mkdirSync(join(root, 'demo', 'media'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    writeFileSync(join(root, 'demo', 'media', 'p1.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    db = await openTestDatabase('sqlite');
    const clock = new ManualClock(TEST_NOW);
    const ctx: ServiceContext = {
      store: db.store,
      clock,
      random: cryptoRandom,
      ids: createIdGenerator(clock, cryptoRandom),
      changes: new ChangeBus(),
    };
    app = await buildApp({ ctx, platformToken: PLATFORM_TOKEN, logger: false, plugins: [webApp({ root })] });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const url of ['/', '/ads/campaigns', '/studio/posts?x=1', '/admin/settings/']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('id="root"');
    }
  });

  it('serves hashed assets as immutable and other files for revalidation', async () => {
    const asset = await app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const poster = await app.inject({ url: '/demo/media/p1.svg' });
    expect(poster.headers['content-type']).toContain('image/svg+xml');
    expect(poster.headers['cache-control']).toBe('no-cache');
  });

  it('keeps API, docs and missing files as problem+json 404s', async () => {
    for (const url of [
      '/v1/nothing-here',
      '/v1',
      '/docs/nope/deeper',
      '/assets/old-hash.js',
      '/demo/media/x.svg',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
    expect((await app.inject({ method: 'POST', url: '/anything' })).statusCode).toBe(404);
  });

  it('never serves a file outside its folder', async () => {
    for (const url of [
      '/..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fpackage.json',
    ]) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('root:');
      expect(res.body, url).not.toContain('"name"');
    }
  });
});
