import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/sim/metrics.js';
import { loadScenario, ScenarioError } from '../../src/sim/scenario.js';
import type { Scenario } from '../../src/sim/scenario-schema.js';
import { simulate } from '../../src/sim/simulate.js';
import { HttpTarget } from '../../src/sim/target-http.js';
import { createTestApp, PLATFORM_TOKEN, type TestApp } from '../support/app.js';

/**
 * `kindling simulate --http`: the simulator drives a listening server through the public API
 * (creators, posts, authorization codes, accounts, campaigns, ad groups, ads, decisions, events,
 * conversions), on a small version of scenarios/http-smoke.yaml.
 */
describe('kindling simulate over HTTP', () => {
  let t: TestApp;
  let baseUrl: string;
  let scenario: Scenario;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    scenario = loadScenario('http-smoke');
    scenario.population.size = 300;
    scenario.traffic.sessions_per_day = 300;
  });
  afterAll(async () => t.close());

  const target = (tag: string) => async () =>
    new HttpTarget({ baseUrl, platformToken: PLATFORM_TOKEN, tag, speed: 0 });

  it('creates the world, serves and reports events, and its spend estimate matches what the server stored', async () => {
    const result = await simulate(scenario, { variants: ['configured'], openTarget: target('a') });
    const run = result.runs[0] as RunSummary;
    expect(result.target).toBe(`over HTTP (${baseUrl})`);
    expect(run.exactSpend).toBe(false);
    expect(run.groups).toHaveLength(3);
    expect(run.adsServed).toBeGreaterThan(0);
    for (const g of run.groups) {
      expect(g.counts.impression ?? 0, g.label).toBeGreaterThan(0);
      const billed = g.days.reduce((s, d) => s + d.billed, 0);
      expect(billed, g.label).toBeLessThanOrEqual(g.days[0]?.budget ?? 0);
      // The API rounds spend to cents: the estimate from token prices is within half a cent.
      expect(Math.abs(billed - (g.storedSpendMicros ?? Number.NaN)), g.label).toBeLessThanOrEqual(5_000);
    }
    // The run disabled its campaigns so that the next one does not compete with them.
    const accounts = await t.call(PLATFORM_TOKEN, 'GET', '/v1/platform/ad-accounts');
    expect(accounts.status).toBe(200);
    const statuses = new Set<string>();
    for (const account of accounts.json.data as { id: string }[]) {
      const token = (
        await t.call(PLATFORM_TOKEN, 'POST', `/v1/platform/ad-accounts/${account.id}/members`, {
          name: 'check',
          role: 'ANALYST',
        })
      ).json.token.token as string;
      const campaigns = await t.call(token, 'GET', `/v1/ad-accounts/${account.id}/campaigns`);
      for (const c of campaigns.json.data as { operation_status: string }[]) statuses.add(c.operation_status);
    }
    expect([...statuses]).toEqual(['DISABLE']);
  }, 120_000);

  it('reports what the server refuses as a scenario problem naming the field', async () => {
    const settings = await t.call(PLATFORM_TOKEN, 'PATCH', '/v1/platform/settings', {
      min_ad_group_daily_budget: '25',
    });
    expect(settings.status).toBe(200);
    const run = simulate(scenario, { variants: ['configured'], openTarget: target('b') });
    await expect(run).rejects.toBeInstanceOf(ScenarioError);
    await expect(run).rejects.toThrow(
      /refused by http:.*\n {2}- ad_accounts\[0\]\.campaigns\[0\]\.ad_groups\[0\]\.budget: the minimum daily budget is 25\.00 EUR/,
    );
  }, 60_000);
});
