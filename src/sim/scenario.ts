import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { parse as parseYaml } from 'yaml';
import { AGE_GROUPS, OPERATING_SYSTEMS, VIEWER_GENDERS } from '../domain/enums.js';
import { isValidTimeZone, parseTimeInZone } from '../domain/time.js';
import { type Scenario, ScenarioSchema } from './scenario-schema.js';

export type { Scenario } from './scenario-schema.js';

/** A scenario file that cannot be used; `problems` name each bad field. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid scenario\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const compiled = TypeCompiler.Compile(ScenarioSchema);

/** `/ad_accounts/0/campaigns/1/budget` → `ad_accounts[0].campaigns[1].budget`. */
function fieldOf(pointer: string): string {
  return (
    pointer
      .split('/')
      .slice(1)
      .reduce(
        (path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part),
        '',
      ) || '(root)'
  );
}

/** Checks shape and meaning; returns every problem at once. */
export function validateScenario(value: unknown, source = 'scenario'): Scenario {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const error of compiled.Errors(value)) {
    const field = fieldOf(error.path);
    if (seen.has(field)) continue;
    seen.add(field);
    const custom = (error.schema as { errorMessage?: string }).errorMessage;
    const message =
      error.value === undefined
        ? 'is required'
        : error.message === 'Unexpected property'
          ? 'is not a scenario field'
          : (custom ?? error.message);
    problems.push(`${field}: ${message}`);
  }
  if (problems.length > 0) throw new ScenarioError(source, problems);
  const scenario = value as Scenario;
  scenario.population.countries.forEach((c, i) => {
    if (!isValidTimeZone(c.time_zone))
      problems.push(`population.countries[${i}].time_zone: unknown time zone ${c.time_zone}`);
  });
  const keyed: [string, Record<string, number>, readonly string[]][] = [
    ['population.age_groups', scenario.population.age_groups, AGE_GROUPS],
    ['population.genders', scenario.population.genders, VIEWER_GENDERS],
    ['population.os', scenario.population.os, OPERATING_SYSTEMS],
  ];
  for (const [field, weights, allowed] of keyed) {
    for (const key of Object.keys(weights))
      if (!allowed.includes(key)) problems.push(`${field}.${key}: must be one of ${allowed.join(', ')}`);
    if (!Object.values(weights).some((w) => w > 0))
      problems.push(`${field}: needs at least one positive weight`);
  }
  const interest = scenario.population.interests;
  if (interest.per_viewer.min > interest.per_viewer.max)
    problems.push('population.interests.per_viewer: min is above max');
  (scenario.traffic.spikes ?? []).forEach((spike, i) => {
    if (!isValidTimeZone(spike.time_zone))
      problems.push(`traffic.spikes[${i}].time_zone: unknown time zone ${spike.time_zone}`);
    else if (!parseTimeInZone(spike.start, spike.time_zone).ok)
      problems.push(`traffic.spikes[${i}].start: not a local date-time such as 2026-03-04T20:00`);
  });
  scenario.ad_accounts.forEach((account, a) => {
    if (!isValidTimeZone(account.time_zone))
      problems.push(`ad_accounts[${a}].time_zone: unknown time zone ${account.time_zone}`);
    account.campaigns.forEach((campaign, c) => {
      campaign.ad_groups.forEach((group, g) => {
        const field = `ad_accounts[${a}].campaigns[${c}].ad_groups[${g}]`;
        if (group.dayparting && group.dayparting.from_hour >= group.dayparting.to_hour)
          problems.push(`${field}.dayparting: from_hour must be before to_hour`);
      });
    });
  });
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return scenario;
}

/** Reads a scenario: a path to a .json/.yaml/.yml file, or a name in scenarios/ ("normal-day"). */
export function loadScenario(reference: string, scenariosDir = join(process.cwd(), 'scenarios')): Scenario {
  const candidates = [reference, `${reference}.yaml`, `${reference}.yml`, `${reference}.json`];
  for (const name of [reference, `${reference}.yaml`, `${reference}.yml`, `${reference}.json`])
    candidates.push(join(scenariosDir, name));
  const file = candidates.find((f) => existsSync(f) && /\.(ya?ml|json)$/i.test(f));
  if (!file)
    throw new ScenarioError(reference, [`no scenario file ${reference} (looked in . and ${scenariosDir})`]);
  const text = readFileSync(file, 'utf8');
  let value: unknown;
  try {
    value = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ScenarioError(file, [
      `cannot be parsed: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  return validateScenario(value, file);
}
