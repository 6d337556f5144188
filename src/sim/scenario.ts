import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { parse as parseYaml } from 'yaml';
import {
  isCountryCode,
  isLanguageCode,
  validateAdGroup,
  validateCampaign,
} from '../domain/campaign-rules.js';
import { AGE_GROUPS, OPERATING_SYSTEMS, VIEWER_GENDERS } from '../domain/enums.js';
import { type FieldError, KindlingError } from '../domain/errors.js';
import type { Campaign } from '../domain/model.js';
import { isSupportedCurrency } from '../domain/money.js';
import { DEFAULT_SETTINGS } from '../domain/settings.js';
import { isValidTimeZone, parseTimeInZone } from '../domain/time.js';
import { type Scenario, ScenarioSchema } from './scenario-schema.js';
import { adGroupInputOf, campaignInputOf } from './world.js';
import { INTEREST_IDS } from './world-data.js';

export type { Scenario } from './scenario-schema.js';

/** A scenario file that cannot be used; `problems` name each bad field. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
    readonly headline = 'invalid scenario',
  ) {
    super(`${source}: ${headline}\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** API field names of campaign and ad group inputs → the scenario's (the rest are the same). */
const SCENARIO_NAMES: [RegExp, string][] = [
  [/^bid_price/, 'bid'],
  [/^frequency_schedule/, 'frequency.days'],
  [/^frequency$/, 'frequency.cap'],
  [/^objective_type/, 'objective'],
  [/^adgroup_name/, 'name'],
  [/^targeting\.interest_category_ids/, 'targeting.interests'],
  [/^targeting\.excluded_audience_ids/, 'targeting.excluded_audiences'],
  [/^targeting\.audience_ids/, 'targeting.audiences'],
];

/**
 * Kindling's refusal of a campaign or ad group, one problem per field, named as in the scenario:
 * `base` is the entity's path (`ad_accounts[0].campaigns[1].ad_groups[0]`).
 */
export function refusalProblems(base: string, errors: readonly FieldError[], detail: string): string[] {
  if (errors.length === 0) return [`${base}: refused by Kindling: ${detail}`];
  return errors.map((e) => {
    const rule = SCENARIO_NAMES.find(([pattern]) => pattern.test(e.field));
    const field = rule ? e.field.replace(rule[0], rule[1]) : e.field;
    return `${base}.${field}: ${e.message}`;
  });
}

/** The path of a planned ad group's entry in the scenario. */
export function adGroupPath(group: {
  accountIndex: number;
  campaignIndex: number;
  groupIndex: number;
}): string {
  return `ad_accounts[${group.accountIndex}].campaigns[${group.campaignIndex}].ad_groups[${group.groupIndex}]`;
}

const INTEREST_SET: ReadonlySet<string> = new Set(INTEREST_IDS);

/**
 * Kindling's own rules for campaigns and ad groups (minimum budgets, currency precision, bids,
 * objective → goal → billing event, targeting values), with the default platform settings a fresh
 * database has: what the in-process run would otherwise refuse halfway through creating the world.
 */
function ruleProblems(scenario: Scenario): string[] {
  const problems: string[] = [];
  const refused = (base: string, error: unknown) => {
    if (!(error instanceof KindlingError)) throw error;
    problems.push(...refusalProblems(base, error.errors, error.detail));
  };
  scenario.ad_accounts.forEach((account, a) => {
    if (!isSupportedCurrency(account.currency) || !isValidTimeZone(account.time_zone)) return;
    const context = { currency: account.currency, timeZone: account.time_zone, settings: DEFAULT_SETTINGS };
    account.campaigns.forEach((campaign, c) => {
      const base = `ad_accounts[${a}].campaigns[${c}]`;
      let model: Campaign;
      try {
        const values = validateCampaign(campaignInputOf(campaign), context);
        model = {
          id: 'campaign',
          adAccountId: 'account',
          ...values,
          operationStatus: 'ENABLE',
          spendMicros: 0,
          deletedAt: null,
          createdAt: 0,
          updatedAt: 0,
        };
      } catch (error) {
        refused(base, error);
        return;
      }
      campaign.ad_groups.forEach((group, g) => {
        try {
          const { adgroup_name, ...input } = adGroupInputOf(group, group.name);
          validateAdGroup(
            { ...input, name: adgroup_name },
            { ...context, campaign: model, now: 0, interestIds: INTEREST_SET },
          );
        } catch (error) {
          refused(`${base}.ad_groups[${g}]`, error);
        }
      });
    });
  });
  return problems;
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
    if (!isCountryCode(c.code))
      problems.push(`population.countries[${i}].code: ${c.code} is not an ISO 3166-1 alpha-2 country code`);
    if (!isValidTimeZone(c.time_zone))
      problems.push(
        `population.countries[${i}].time_zone: unknown time zone ${c.time_zone} (an IANA name such as Europe/Paris)`,
      );
    if (c.language !== undefined && !isLanguageCode(c.language))
      problems.push(`population.countries[${i}].language: ${c.language} is not an ISO 639-1 language code`);
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
      problems.push(
        `traffic.spikes[${i}].time_zone: unknown time zone ${spike.time_zone} (an IANA name such as Europe/Paris)`,
      );
    else if (!parseTimeInZone(spike.start, spike.time_zone).ok)
      problems.push(`traffic.spikes[${i}].start: not a local date-time such as 2026-03-04T20:00`);
  });
  scenario.ad_accounts.forEach((account, a) => {
    if (!isValidTimeZone(account.time_zone))
      problems.push(
        `ad_accounts[${a}].time_zone: unknown time zone ${account.time_zone} (an IANA name such as Europe/Paris)`,
      );
    if (!isSupportedCurrency(account.currency))
      problems.push(`ad_accounts[${a}].currency: ${account.currency} is not an ISO 4217 currency code`);
    account.campaigns.forEach((campaign, c) => {
      campaign.ad_groups.forEach((group, g) => {
        const field = `ad_accounts[${a}].campaigns[${c}].ad_groups[${g}]`;
        if (group.dayparting && group.dayparting.from_hour >= group.dayparting.to_hour)
          problems.push(`${field}.dayparting: from_hour must be before to_hour`);
      });
    });
  });
  problems.push(...ruleProblems(scenario));
  if (problems.length > 0) throw new ScenarioError(source, problems);
  return scenario;
}

/** Reads a scenario: a path to a .json/.yaml/.yml file, or a name in scenarios/ ("normal-day"). */
export function loadScenario(reference: string, scenariosDir = join(process.cwd(), 'scenarios')): Scenario {
  const names = [reference, `${reference}.yaml`, `${reference}.yml`, `${reference}.json`];
  const candidates = [...names, ...names.map((name) => join(scenariosDir, name))];
  const file = candidates.find((f) => existsSync(f) && statSync(f).isFile() && /\.(ya?ml|json)$/i.test(f));
  if (!file) {
    const shipped = existsSync(scenariosDir)
      ? readdirSync(scenariosDir)
          .filter((f) => /\.(ya?ml|json)$/i.test(f))
          .map((f) => f.replace(/\.(ya?ml|json)$/i, ''))
          .sort()
      : [];
    throw new ScenarioError(
      reference,
      [
        `looked for ${reference}, ${reference}.yaml, .yml and .json in the current directory and in ${scenariosDir}`,
        shipped.length > 0
          ? `scenarios there: ${shipped.join(', ')}`
          : 'give the path of a .yaml, .yml or .json scenario file',
      ],
      'no such scenario',
    );
  }
  const text = readFileSync(file, 'utf8');
  let value: unknown;
  try {
    value = extname(file).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ScenarioError(file, [
      `cannot be parsed: ${(error instanceof Error ? error.message : String(error)).trimEnd()}`,
    ]);
  }
  return validateScenario(value, file);
}
