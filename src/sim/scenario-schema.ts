import { Kind, type Static, Type, TypeRegistry } from '@sinclair/typebox';
import {
  AGE_GROUPS,
  BILLING_EVENTS,
  CAMPAIGN_BUDGET_MODES,
  GENDERS,
  OBJECTIVE_TYPES,
  OPERATING_SYSTEMS,
  OPTIMIZATION_GOALS,
  PACING_MODES,
  PLACEMENTS,
} from '../domain/enums.js';

/**
 * The scenario file of `kindling simulate` (JSON or YAML): who watches, what they watch, who
 * advertises how, when traffic comes and how viewers behave. docs/simulator.md documents every
 * field; scenarios/*.yaml are examples. Field names are snake_case as in the API.
 */
// A string enum as plain JSON Schema (`enum`), checked by this registered kind.
if (!TypeRegistry.Has('StringEnum')) {
  TypeRegistry.Set<{ enum: string[] }>(
    'StringEnum',
    (schema, value) => typeof value === 'string' && schema.enum.includes(value),
  );
}
const enumOf = <T extends string>(values: readonly T[]) =>
  Type.Unsafe<T>({
    [Kind]: 'StringEnum',
    type: 'string',
    enum: [...values],
    errorMessage: `must be one of ${values.join(', ')}`,
  });
const Probability = Type.Number({ minimum: 0, maximum: 1, errorMessage: 'must be a number from 0 to 1' });
const Weight = Type.Number({ minimum: 0, errorMessage: 'must be a number ≥ 0' });
/** Weights keyed by enum values (the keys are checked against the enum in scenario.ts). */
const Weights = () => Type.Record(Type.String(), Weight);
const Money = Type.String({
  pattern: '^\\d+(\\.\\d+)?$',
  errorMessage: 'must be an amount of at least 0 as a quoted decimal string, such as "40.00"',
});
const LogNormal = Type.Object(
  { median: Type.Number({ exclusiveMinimum: 0 }), sigma: Type.Number({ minimum: 0, maximum: 5 }) },
  { additionalProperties: false },
);

const Country = Type.Object(
  {
    code: Type.String({ pattern: '^[A-Z]{2}$', errorMessage: 'must be an ISO 3166-1 alpha-2 code' }),
    weight: Weight,
    time_zone: Type.String({ minLength: 1, description: 'IANA time zone of its viewers' }),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$' })),
  },
  { additionalProperties: false },
);

const Population = Type.Object(
  {
    size: Type.Integer({ minimum: 1, maximum: 10_000_000 }),
    countries: Type.Array(Country, { minItems: 1 }),
    age_groups: Weights(),
    genders: Weights(),
    os: Weights(),
    interests: Type.Object(
      {
        per_viewer: Type.Object(
          { min: Type.Integer({ minimum: 0 }), max: Type.Integer({ minimum: 0, maximum: 20 }) },
          { additionalProperties: false },
        ),
        weights: Type.Record(Type.String({ minLength: 1 }), Weight),
      },
      { additionalProperties: false },
    ),
    audiences: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Probability)),
    /** Spread (log-normal sigma) of how active viewers are: a few watch a lot. */
    activity_sigma: Type.Optional(Type.Number({ minimum: 0, maximum: 3 })),
  },
  { additionalProperties: false },
);

const Creators = Type.Object(
  {
    count: Type.Integer({ minimum: 1, maximum: 100_000 }),
    posts_per_creator: Type.Integer({ minimum: 1, maximum: 100 }),
    /** Topic (an interest id) of each post, by weight. */
    topics: Type.Record(Type.String({ minLength: 1 }), Weight),
    /** Organic (likes + comments + shares + follows) / views of a post. */
    engagement_rate: LogNormal,
    views: LogNormal,
  },
  { additionalProperties: false },
);

const Spike = Type.Object(
  {
    start: Type.String({ description: 'local time, e.g. 2026-03-04T20:00' }),
    time_zone: Type.String({ minLength: 1 }),
    minutes: Type.Integer({ minimum: 1, maximum: 1440 }),
    multiplier: Type.Number({ minimum: 0, maximum: 100 }),
    countries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }))),
  },
  { additionalProperties: false },
);

const Traffic = Type.Object(
  {
    sessions_per_day: Type.Number({ minimum: 1 }),
    pages_per_session: Type.Number({ minimum: 1, maximum: 100 }),
    seconds_between_pages: Type.Number({ minimum: 1, maximum: 3600 }),
    organic_per_page: Type.Integer({ minimum: 1, maximum: 50 }),
    /** 24 weights, local hours 0–23 (default: a short-video day). */
    diurnal: Type.Optional(Type.Array(Weight, { minItems: 24, maxItems: 24 })),
    /** 7 multipliers, Monday first. */
    weekdays: Type.Optional(Type.Array(Weight, { minItems: 7, maxItems: 7 })),
    spikes: Type.Optional(Type.Array(Spike)),
    /** The host sends events in batches this often. */
    report_every_seconds: Type.Optional(Type.Number({ minimum: 0.1, maximum: 600 })),
  },
  { additionalProperties: false },
);

const Behaviour = Type.Object(
  {
    see_ad: Probability,
    play: Probability,
    view_2s: Probability,
    view_6s: Probability,
    complete: Probability,
    click: Probability,
    like: Probability,
    comment: Probability,
    share: Probability,
    follow: Probability,
    profile_visit: Probability,
    convert_after_click: Probability,
    quality_exponent: Type.Number({ minimum: 0, maximum: 3 }),
    interest_lift: Type.Number({ minimum: 0, maximum: 20 }),
    mismatch_factor: Type.Number({ minimum: 0, maximum: 20 }),
  },
  { additionalProperties: false },
);

const Targeting = Type.Object(
  {
    countries: Type.Optional(Type.Array(Type.String({ pattern: '^[A-Z]{2}$' }))),
    age_groups: Type.Optional(Type.Array(enumOf(AGE_GROUPS))),
    gender: Type.Optional(enumOf(GENDERS)),
    languages: Type.Optional(Type.Array(Type.String({ pattern: '^[a-z]{2}$' }))),
    interests: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    operating_systems: Type.Optional(Type.Array(enumOf(OPERATING_SYSTEMS))),
    audiences: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    excluded_audiences: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

const AdGroup = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    /** Copies of this ad group (named "name #n"). */
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    placements: Type.Optional(Type.Array(enumOf(PLACEMENTS), { minItems: 1 })),
    budget: Money,
    pacing: enumOf(PACING_MODES),
    billing_event: enumOf(BILLING_EVENTS),
    optimization_goal: Type.Optional(enumOf(OPTIMIZATION_GOALS)),
    bid: Money,
    targeting: Type.Optional(Targeting),
    /** Local hours the ad group may serve, every day: [from, to) (e.g. 8–23). */
    dayparting: Type.Optional(
      Type.Object(
        {
          from_hour: Type.Integer({ minimum: 0, maximum: 23 }),
          to_hour: Type.Integer({ minimum: 1, maximum: 24 }),
        },
        { additionalProperties: false },
      ),
    ),
    frequency: Type.Optional(
      Type.Object(
        { cap: Type.Integer({ minimum: 1, maximum: 1000 }), days: Type.Integer({ minimum: 1, maximum: 30 }) },
        { additionalProperties: false },
      ),
    ),
    ads: Type.Object(
      {
        count: Type.Integer({ minimum: 1, maximum: 20 }),
        /** Topics the ads' posts are picked from (default: the targeting's interests, else any). */
        topics: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

const Campaign = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    objective: enumOf(OBJECTIVE_TYPES),
    budget_mode: Type.Optional(enumOf(CAMPAIGN_BUDGET_MODES)),
    budget: Type.Optional(Money),
    ad_groups: Type.Array(AdGroup, { minItems: 1 }),
  },
  { additionalProperties: false },
);

const AdAccount = Type.Object(
  {
    name: Type.String({ minLength: 1 }),
    currency: Type.String({ pattern: '^[A-Z]{3}$' }),
    time_zone: Type.String({ minLength: 1 }),
    campaigns: Type.Array(Campaign, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const ScenarioSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, pattern: '^[a-z0-9][a-z0-9-]*$', errorMessage: 'must be kebab-case' }),
    description: Type.Optional(Type.String()),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
    /** First simulated local date (YYYY-MM-DD). */
    start_date: Type.String({
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      errorMessage: 'must be a date such as 2026-03-04',
    }),
    days: Type.Integer({ minimum: 1, maximum: 14 }),
    population: Population,
    creators: Creators,
    traffic: Traffic,
    behaviour: Behaviour,
    ad_accounts: Type.Array(AdAccount, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type Scenario = Static<typeof ScenarioSchema>;
export type ScenarioAdGroup = Static<typeof AdGroup>;
export type ScenarioCampaign = Static<typeof Campaign>;
export type ScenarioAccount = Static<typeof AdAccount>;
export type ScenarioBehaviour = Static<typeof Behaviour>;
export type ScenarioTraffic = Static<typeof Traffic>;
export type ScenarioPopulation = Static<typeof Population>;
export { Money as ScenarioMoney };
