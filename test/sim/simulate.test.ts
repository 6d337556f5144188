import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/sim/metrics.js';
import { prepare } from '../../src/sim/runner.js';
import { loadScenario, ScenarioError, validateScenario } from '../../src/sim/scenario.js';
import { simulate } from '../../src/sim/simulate.js';

/**
 * The simulator on scenarios/smoke-test.yaml (three advertisers, smooth CPM pacing, ample
 * traffic), through the real services, engine and event pipeline on a manual clock.
 */
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;

function describeDays(run: RunSummary): string {
  return run.groups
    .flatMap((g) =>
      g.days.map(
        (d) =>
          `${g.label}: spend ${pct(d.spendShare)}, delivered ${pct((d.billed + d.uncharged) / d.budget)}, NRMSE ${pct(d.nrmse)} (noise floor ${pct(d.nrmseFloor)})`,
      ),
    )
    .join('\n');
}

describe('kindling simulate', () => {
  it('with enough traffic, smooth pacing spends 98–100 % of every budget, never overspends, and follows the traffic', async () => {
    const scenario = loadScenario('smoke-test');
    const result = await simulate(scenario, { variants: ['configured'] });
    const run = result.runs[0] as RunSummary;
    const report = describeDays(run);
    expect(run.groups).toHaveLength(3);
    for (const g of run.groups) {
      expect(g.counts.impression ?? 0, report).toBeGreaterThan(5_000);
      for (const d of g.days) {
        // Targets (docs/benchmarks.md): 98–100 % of the daily budget, overspend ≤ 0.5 %.
        expect(d.spendShare, report).toBeGreaterThanOrEqual(0.98);
        expect(d.billed, report).toBeLessThanOrEqual(d.budget);
        expect(d.overspend, report).toBeLessThanOrEqual(0.005);
        // The hourly NRMSE target is 5 %. This scenario's noise floor (discrete impressions) is
        // 3–4 %, and the controller deliberately finishes at 98.5 % of the day's traffic, which
        // leaves the last ~20 minutes empty: measured 3–8 %. The bound checks it stays there.
        expect(d.nrmse, report).toBeLessThanOrEqual(0.1);
      }
    }
  }, 180_000);

  it('with scarce traffic, budgets are not overspent and delivery is spread over the whole day', async () => {
    const scenario = loadScenario('smoke-test');
    scenario.traffic.sessions_per_day = 4_000;
    scenario.population.size = 2_000;
    const result = await simulate(scenario, { variants: ['configured'] });
    const run = result.runs[0] as RunSummary;
    const report = describeDays(run);
    for (const g of run.groups) {
      for (const d of g.days) {
        expect(d.spendShare, report).toBeLessThan(0.98);
        expect(d.billed + d.uncharged, report).toBeLessThanOrEqual(d.budget * 1.005);
        // Graceful: it keeps buying in every quarter of the day instead of stopping early.
        for (let quarter = 0; quarter < 4; quarter++) {
          const spend = d.hourlySpend.slice(quarter * 6, quarter * 6 + 6).reduce((a, b) => a + b, 0);
          expect(spend, `${g.label}, hours ${quarter * 6}–${quarter * 6 + 6}\n${report}`).toBeGreaterThan(0);
        }
      }
    }
  }, 180_000);

  it('is deterministic for a seed: same sessions, same viewers', () => {
    const scenario = loadScenario('smoke-test');
    const a = prepare(scenario, 5);
    const b = prepare(scenario, 5);
    const c = prepare(scenario, 6);
    const fingerprint = (p: ReturnType<typeof prepare>) =>
      p.sessions.slice(0, 200).map((s) => `${s.start}:${s.viewer.id}:${s.pages}`);
    expect(fingerprint(a)).toEqual(fingerprint(b));
    expect(fingerprint(a)).not.toEqual(fingerprint(c));
  });

  it('refuses a bad scenario and names every bad field', () => {
    const scenario = loadScenario('smoke-test') as unknown as Record<string, unknown>;
    const bad = structuredClone(scenario) as Record<string, Record<string, unknown>>;
    (bad.traffic as Record<string, unknown>).sessions_per_day = -5;
    (bad.population as Record<string, unknown>).os = { WINDOWS_PHONE: 1 };
    bad.colour = { x: 1 } as never;
    try {
      validateScenario(bad, 'bad.yaml');
      expect.unreachable('the scenario should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      const problems = (error as ScenarioError).problems.join('\n');
      expect(problems).toContain('traffic.sessions_per_day');
      expect(problems).toContain('colour');
    }
    const enumBad = structuredClone(scenario) as Record<string, Record<string, unknown>>;
    (enumBad.population as Record<string, unknown>).os = { WINDOWS_PHONE: 1 };
    expect(() => validateScenario(enumBad, 'bad.yaml')).toThrow(
      /population\.os\.WINDOWS_PHONE: must be one of/,
    );
  });
});
