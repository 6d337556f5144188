import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { DemoTokens } from '../../src/seed/demo.js';
import { type RunningServer, startServer } from '../../src/server.js';
import type { DialectName } from '../../src/store/database.js';
import { createPostgresDatabase } from '../../test/support/dialects.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.KINDLING_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'results', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Browser tests need Debian's chromium; without it they are skipped, and say so. */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const reason = `${CHROMIUM} is missing (apt-get install -y chromium)`;
  console.warn(`e2e: skipping "${name}": ${reason}`);
  describe.skip(`${name} (skipped: ${reason})`, body);
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (max, entry) => Math.max(max, newestMtime(join(path, entry))),
    stat.mtimeMs,
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Builds the web app when dist/web is missing or older than its sources. Test files run in parallel,
 * so a lock directory makes one of them build while the others wait.
 */
export async function ensureWebBuilt(): Promise<void> {
  const index = join(ROOT, 'dist', 'web', 'index.html');
  const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts'].map((p) => join(ROOT, p));
  const isFresh = () => existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime));
  if (isFresh()) return;
  const lock = join(ROOT, 'dist', '.web-build.lock');
  mkdirSync(dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 250) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 180_000 || Date.now() - statSync(lock).mtimeMs > 300_000)
        rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      if (isFresh()) return;
    }
  }
  try {
    if (!isFresh()) {
      const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
      execFileSync(
        process.execPath,
        [vite, 'build', '--config', join(ROOT, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
        {
          cwd: ROOT,
          stdio: 'inherit',
        },
      );
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface E2E {
  baseUrl: string;
  server: RunningServer;
  tokens: DemoTokens;
  browser: Browser;
  /**
   * A fresh browser session (own cookies and storage) at desktop size, clipboard allowed. `userAgent`
   * replaces headless chromium's (which Kindling's invalid-traffic rules flag as a bot).
   */
  newPage(options?: { userAgent?: string }): Promise<Page>;
  close(): Promise<void>;
}

/**
 * The real server in demo mode on a random port, on a fresh database (SQLite by default; with
 * `postgres`, a fresh database on the test server, dropped afterwards), and a headless chromium.
 */
export async function startE2E(options: { dialect?: DialectName } = {}): Promise<E2E> {
  await ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'kindling-e2e-'));
  const postgres = options.dialect === 'postgres' ? await createPostgresDatabase() : null;
  const config = loadConfig({
    flags: {
      db: postgres ? postgres.url : `sqlite:${join(dir, 'kindling.db')}`,
      port: '0',
      host: '127.0.0.1',
      demo: true,
      logLevel: 'warn',
    },
    env: { KINDLING_LOG_PRETTY: '0' },
  });
  const server = await startServer(config);
  const { port } = server.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const contexts: BrowserContext[] = [];
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    baseUrl,
    server,
    tokens: server.demo as DemoTokens,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({
        ...(options.userAgent && { userAgent: options.userAgent }),
        baseURL: baseUrl,
        viewport: DESKTOP,
        locale: 'en-US',
        timezoneId: 'Europe/Paris',
        permissions: ['clipboard-read', 'clipboard-write'],
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      page.on('pageerror', (error) => console.error(`page error: ${error.message}`));
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      // Keep-alive sockets (a browser's, Node's fetch pool) would hold the server open for a minute.
      server.app.server.closeAllConnections();
      await server.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in with the demo login page's one-click button whose name matches. */
export async function signInAs(page: Page, who: RegExp): Promise<void> {
  await page.goto('/login');
  await page.getByRole('button', { name: who }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

export async function signOut(page: Page): Promise<void> {
  await page.evaluate(() => localStorage.clear());
  await page.goto('/login');
}

/**
 * Saves the page at desktop (1280×800) and phone (390×844) sizes into results/screenshots:
 * `<name>-desktop.png` and `<name>-phone.png`, then restores the desktop size.
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const settle = async () => {
    await page.waitForLoadState('networkidle').catch(() => {});
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(250);
  };
  // A full page is taken by growing the viewport to the page's height, so that sticky bars sit where
  // they would on a tall screen instead of being stamped mid-page.
  const shoot = async (size: { width: number; height: number }, file: string) => {
    await page.setViewportSize(size);
    await settle();
    if (options.fullPage) {
      await page.evaluate(() => window.scrollTo(0, 0));
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.setViewportSize({
        width: size.width,
        height: Math.min(Math.max(height, size.height), 6000),
      });
      await settle();
      await page.evaluate(() => window.scrollTo(0, 0));
    }
    await page.screenshot({ path: join(SCREENSHOTS, file) });
  };
  await shoot(DESKTOP, `${name}-desktop.png`);
  await shoot(PHONE, `${name}-phone.png`);
  await page.setViewportSize(DESKTOP);
  await settle();
}

export interface HttpResult {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One HTTP request on its own connection (no keep-alive pool to outlive the test's server). */
export function http(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<HttpResult>((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** Calls the API directly (setting up data a test is not about). */
export async function apiCall<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await http(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status}: ${response.body}`);
  return (response.body ? JSON.parse(response.body) : undefined) as T;
}
