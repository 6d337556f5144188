import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  describeInBrowser,
  type E2E,
  http,
  screenshot,
  signInAs,
  signOut,
  startE2E,
} from './support/harness.js';

describeInBrowser('web app: serving and one-click demo login', () => {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('serves the app at / with SPA fallback, and keeps API 404s as problem+json', async () => {
    const home = await http(`${e2e.baseUrl}/ads/campaigns?x=1`);
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toContain('text/html');
    expect(home.headers['cache-control']).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(home.body)?.[1];
    expect(asset).toBeDefined();
    const script = await http(`${e2e.baseUrl}${asset}`);
    expect(script.headers['cache-control']).toContain('immutable');
    const apiMiss = await http(`${e2e.baseUrl}/v1/no-such-thing`);
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.headers['content-type']).toContain('application/problem+json');
    const assetMiss = await http(`${e2e.baseUrl}/assets/gone-1234.js`);
    expect(assetMiss.status).toBe(404);
    const poster = await http(`${e2e.baseUrl}/demo/media/ana-legday.svg`);
    expect(poster.headers['content-type']).toContain('image/svg+xml');
  });

  it('lists the demo users and signs each one in with one click', { timeout: 120_000 }, async () => {
    const page = await e2e.newPage();
    await page.goto('/login');
    await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await screenshot(page, '01-login');

    await signInAs(page, /ana\.moves/);
    await page.getByRole('heading', { name: 'My posts' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/studio/posts');
    await page.getByText('Leg day in 60 seconds').first().waitFor();
    await screenshot(page, '02-creator-posts', { fullPage: true });

    await signOut(page);
    await signInAs(page, /Maya/);
    await page.getByRole('heading', { name: 'Ads Manager' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/ads/campaigns');

    await signOut(page);
    await signInAs(page, /Platform operator/);
    await page.getByRole('heading', { name: 'Ad review' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/reviews');

    // Sign out from the sidebar, then a deep link comes back after signing in.
    await page.getByRole('button', { name: 'Sign out' }).first().click();
    await page.goto('/ads/library');
    await page.waitForURL(/\/login$/);
    await page.getByRole('button', { name: /Sam/ }).click();
    await page.getByRole('heading', { name: 'Spark library' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/ads/library');
  });

  it('explains a bad token next to the field', { timeout: 60_000 }, async () => {
    const page = await e2e.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: /^Sign in$/ }).click();
    await page.getByText('Paste an API token').waitFor();
    await page.getByLabel('Or sign in with an API token').fill('kda_not-a-real-token');
    await page.getByRole('button', { name: /^Sign in$/ }).click();
    await page.getByText(/unknown or revoked/).waitFor();
    const input = page.getByLabel('Or sign in with an API token');
    expect(await input.getAttribute('aria-invalid')).toBe('true');
  });
});
