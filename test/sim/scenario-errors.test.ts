import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, refusalProblems, ScenarioError, validateScenario } from '../../src/sim/scenario.js';

/**
 * A scenario that cannot be used is refused before anything runs, with one line per problem naming
 * the field as the scenario file spells it (docs/simulator.md, "Scenario files").
 */
type Tree = Record<string, unknown>;

const base = () => structuredClone(loadScenario('smoke-test')) as unknown as Tree;
const at = (tree: Tree, ...path: (string | number)[]): Tree =>
  path.reduce<Tree>((node, key) => (node as Record<string | number, unknown>)[key] as Tree, tree);
const firstGroup = (tree: Tree, account = 0) =>
  at(tree, 'ad_accounts', account, 'campaigns', 0, 'ad_groups', 0);

function problemsOf(value: unknown): string[] {
  try {
    validateScenario(value, 'bad.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).message).toMatch(/^bad\.yaml: invalid scenario\n {2}- /);
    return (error as ScenarioError).problems;
  }
  return expect.unreachable('the scenario should be refused');
}

describe('scenario errors', () => {
  it('accepts every shipped scenario', () => {
    for (const name of [
      'smoke-test',
      'http-smoke',
      'normal-day',
      'evening-spike',
      'scarce-traffic',
      'time-zones',
    ])
      expect(loadScenario(name).name).toBe(name);
  });

  it('names a negative budget, an unknown time zone and a misspelled key', () => {
    const bad = base();
    firstGroup(bad).budget = '-20';
    at(bad, 'population', 'countries', 0).time_zone = 'Europe/Pariss';
    const traffic = at(bad, 'traffic');
    traffic.session_per_day = traffic.sessions_per_day;
    delete traffic.sessions_per_day;
    expect(problemsOf(bad)).toEqual([
      'traffic.sessions_per_day: is required',
      'traffic.session_per_day: is not a scenario field',
      'ad_accounts[0].campaigns[0].ad_groups[0].budget: must be an amount of at least 0 as a quoted decimal string, such as "40.00"',
    ]);
    // The time zone is a check of meaning, made once the shape is right.
    traffic.sessions_per_day = 100;
    delete traffic.session_per_day;
    firstGroup(bad).budget = '20';
    expect(problemsOf(bad)).toEqual([
      'population.countries[0].time_zone: unknown time zone Europe/Pariss (an IANA name such as Europe/Paris)',
    ]);
  });

  it('applies Kindling’s rules for ad groups and names the fields as the scenario does', () => {
    const bad = base();
    firstGroup(bad, 0).budget = '5';
    firstGroup(bad, 1).bid = '0';
    firstGroup(bad, 2).targeting = { interests: ['comdy'], countries: ['XX'] };
    at(bad, 'ad_accounts', 1).currency = 'ABC';
    at(bad, 'ad_accounts', 2).time_zone = 'Mars/Olympus';
    const problems = problemsOf(bad);
    expect(problems).toContain(
      'ad_accounts[0].campaigns[0].ad_groups[0].budget: the minimum daily budget is 20.00 EUR',
    );
    expect(problems).toContain('ad_accounts[1].currency: ABC is not an ISO 4217 currency code');
    expect(problems).toContain(
      'ad_accounts[2].time_zone: unknown time zone Mars/Olympus (an IANA name such as Europe/Paris)',
    );
    // Rules that depend on the currency or the time zone wait until those are right.
    at(bad, 'ad_accounts', 1).currency = 'EUR';
    at(bad, 'ad_accounts', 2).time_zone = 'Europe/Paris';
    const again = problemsOf(bad);
    expect(again).toContain('ad_accounts[1].campaigns[0].ad_groups[0].bid: must be greater than 0');
    expect(again).toContain(
      'ad_accounts[2].campaigns[0].ad_groups[0].targeting.countries[0]: XX is not an ISO 3166-1 alpha-2 country code',
    );
    expect(again.join('\n')).toMatch(
      /ad_accounts\[2\]\.campaigns\[0\]\.ad_groups\[0\]\.targeting\.interests\[0\]: comdy is not in the interest taxonomy/,
    );
  });

  it('maps the API’s field names back to the scenario’s', () => {
    expect(
      refusalProblems(
        'ad_accounts[0].campaigns[1].ad_groups[2]',
        [
          { field: 'bid_price', code: 'ABOVE_BUDGET', message: 'too high' },
          { field: 'frequency_schedule', code: 'REQUIRED', message: 'x' },
          { field: 'targeting.excluded_audience_ids[0]', code: 'CONFLICT', message: 'y' },
        ],
        'invalid',
      ),
    ).toEqual([
      'ad_accounts[0].campaigns[1].ad_groups[2].bid: too high',
      'ad_accounts[0].campaigns[1].ad_groups[2].frequency.days: x',
      'ad_accounts[0].campaigns[1].ad_groups[2].targeting.excluded_audiences[0]: y',
    ]);
  });

  it('says when a scenario does not exist, and lists the shipped ones', () => {
    try {
      loadScenario('nonexistent');
      expect.unreachable('there is no such scenario');
    } catch (error) {
      expect(error).toBeInstanceOf(ScenarioError);
      expect((error as ScenarioError).message).toMatch(/^nonexistent: no such scenario\n/);
      expect((error as ScenarioError).message).toMatch(/scenarios there: .*normal-day.*smoke-test/);
    }
  });

  it('says when a file cannot be parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kindling-scenario-'));
    const file = join(dir, 'broken.yaml');
    writeFileSync(file, 'name: broken\nseed: [11\ndays: 1\n');
    expect(() => loadScenario(file)).toThrow(/broken\.yaml: invalid scenario\n {2}- cannot be parsed: /);
  });
});
