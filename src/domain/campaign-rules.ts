import {
  type AdGroupBudgetMode,
  type AgeGroup,
  type BillingEvent,
  type CampaignBudgetMode,
  DEFAULT_GOAL,
  type GenderTarget,
  GOAL_BILLING_EVENTS,
  OBJECTIVE_GOALS,
  type ObjectiveType,
  type OperatingSystem,
  type OptimizationGoal,
  type PacingMode,
  type Placement,
  type ScheduleType,
} from './enums.js';
import { FieldErrors } from './errors.js';
import type { AdGroup, Campaign, Targeting } from './model.js';
import { formatMoney, type Micros, mulDivFloor, parseMoney } from './money.js';
import { minimumsFor, type PlatformSettings } from './settings.js';
import { DAYPART_CELLS, localDaysSpanned, parseTimeInZone } from './time.js';

/** How far in the past a new schedule may start (clients' clocks and slow forms). */
const START_GRACE_MS = 15 * 60_000;
/** A lowered budget must stay at or above this share of what was already spent (TikTok: 105%). */
const LOWERED_BUDGET_FLOOR_PERCENT = 105;

export interface AccountContext {
  currency: string;
  timeZone: string;
  settings: PlatformSettings;
}

function money(errors: FieldErrors, field: string, text: string, currency: string): Micros | null {
  const parsed = parseMoney(text, currency);
  if (!parsed.ok) {
    errors.add(field, parsed.code, parsed.message);
    return null;
  }
  if (parsed.micros <= 0) {
    errors.add(field, 'OUT_OF_RANGE', 'must be greater than 0');
    return null;
  }
  return parsed.micros;
}

function minimum(text: string, currency: string): Micros {
  // The platform-wide minimum applies to every currency, so it may be finer than one (0.50 in JPY).
  const parsed = parseMoney(text, currency, { anyPrecision: true });
  if (!parsed.ok) throw new Error(`invalid minimum budget setting "${text}"`);
  return parsed.micros;
}

function checkLowered(
  errors: FieldErrors,
  field: string,
  next: Micros,
  previous: Micros | null,
  spent: Micros,
  currency: string,
): void {
  if (previous === null || next >= previous) return;
  const floor = Math.ceil((spent * LOWERED_BUDGET_FLOOR_PERCENT) / 100);
  if (next < floor) {
    errors.add(
      field,
      'BELOW_SPEND_FLOOR',
      `a lowered budget must be at least ${LOWERED_BUDGET_FLOOR_PERCENT}% of the ${formatMoney(spent, currency)} already spent (${formatMoney(floor, currency)})`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Campaigns

export interface CampaignInput {
  name: string;
  objective_type: ObjectiveType;
  budget_mode: CampaignBudgetMode;
  budget?: string | null | undefined;
}

export interface CampaignValues {
  name: string;
  objectiveType: ObjectiveType;
  budgetMode: CampaignBudgetMode;
  budgetMicros: Micros | null;
}

export interface CampaignRuleContext extends AccountContext {
  current?: Campaign;
  /** Spend of the current local day (for daily budgets) and lifetime (for total budgets). */
  spentToday?: Micros;
  /** The campaign's live ad groups, whose budgets must fit under a new campaign budget. */
  adGroups?: AdGroup[];
}

export function validateCampaign(input: CampaignInput, ctx: CampaignRuleContext): CampaignValues {
  const errors = new FieldErrors();
  const { current } = ctx;
  if (current && input.objective_type !== current.objectiveType) {
    errors.add('objective_type', 'IMMUTABLE', 'the objective cannot change after creation');
  }
  if (current && input.budget_mode !== current.budgetMode) {
    errors.add('budget_mode', 'IMMUTABLE', 'the budget mode cannot change after creation');
  }
  let budgetMicros: Micros | null = null;
  if (input.budget_mode === 'BUDGET_MODE_INFINITE') {
    if (input.budget != null) errors.add('budget', 'NOT_ALLOWED', 'an unlimited campaign has no budget');
  } else if (input.budget == null) {
    errors.add('budget', 'REQUIRED', `required when budget_mode is ${input.budget_mode}`);
  } else {
    budgetMicros = money(errors, 'budget', input.budget, ctx.currency);
    const min = minimum(minimumsFor(ctx.settings, ctx.currency).campaign, ctx.currency);
    if (budgetMicros !== null && budgetMicros < min) {
      errors.add(
        'budget',
        'BELOW_MINIMUM',
        `the minimum campaign budget is ${formatMoney(min, ctx.currency)} ${ctx.currency}`,
      );
    } else if (budgetMicros !== null && current) {
      const spent = current.budgetMode === 'BUDGET_MODE_DAY' ? (ctx.spentToday ?? 0) : current.spendMicros;
      checkLowered(errors, 'budget', budgetMicros, current.budgetMicros, spent, ctx.currency);
      for (const group of ctx.adGroups ?? []) {
        if (group.budgetMicros > budgetMicros) {
          errors.add(
            'budget',
            'BELOW_AD_GROUP_BUDGET',
            `ad group ${group.id} has a budget of ${formatMoney(group.budgetMicros, ctx.currency)}, above this campaign budget`,
          );
          break;
        }
      }
    }
  }
  errors.throwIfAny();
  return {
    name: input.name,
    objectiveType: input.objective_type,
    budgetMode: input.budget_mode,
    budgetMicros,
  };
}

// ---------------------------------------------------------------------------------------------
// Ad groups

export interface TargetingInput {
  countries?: string[] | undefined;
  regions?: string[] | undefined;
  age_groups?: AgeGroup[] | undefined;
  gender?: GenderTarget | undefined;
  languages?: string[] | undefined;
  interest_category_ids?: string[] | undefined;
  operating_systems?: OperatingSystem[] | undefined;
  audience_ids?: string[] | undefined;
  excluded_audience_ids?: string[] | undefined;
}

export interface AdGroupInput {
  name: string;
  placements: Placement[];
  schedule_type: ScheduleType;
  schedule_start_time?: string | null | undefined;
  schedule_end_time?: string | null | undefined;
  dayparting?: string | null | undefined;
  targeting?: TargetingInput | undefined;
  budget_mode: AdGroupBudgetMode;
  budget: string;
  pacing: PacingMode;
  billing_event: BillingEvent;
  optimization_goal?: OptimizationGoal | undefined;
  bid_price: string;
  frequency?: number | null | undefined;
  frequency_schedule?: number | null | undefined;
}

export type AdGroupValues = Pick<
  AdGroup,
  | 'name'
  | 'placements'
  | 'scheduleType'
  | 'scheduleStartAt'
  | 'scheduleEndAt'
  | 'dayparting'
  | 'targeting'
  | 'budgetMode'
  | 'budgetMicros'
  | 'pacing'
  | 'billingEvent'
  | 'optimizationGoal'
  | 'bidMicros'
  | 'frequency'
  | 'frequencySchedule'
>;

export interface AdGroupRuleContext extends AccountContext {
  campaign: Campaign;
  now: number;
  interestIds: ReadonlySet<string>;
  current?: AdGroup;
  spentToday?: Micros;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const NON_COUNTRY_REGIONS = new Set(['ZZ', 'EU', 'EZ', 'UN', 'QO']);

/** True for current ISO 3166-1 alpha-2 codes; outdated aliases (UK → GB, YU, BU…) are refused. */
export function isCountryCode(code: string): boolean {
  return (
    /^[A-Z]{2}$/.test(code) &&
    !NON_COUNTRY_REGIONS.has(code) &&
    regionNames.of(code) !== undefined &&
    Intl.getCanonicalLocales(`und-${code}`)[0] === `und-${code}`
  );
}

/** True for current ISO 639-1 codes; deprecated aliases (iw → he, in → id…) are refused. */
export function isLanguageCode(code: string): boolean {
  return (
    /^[a-z]{2}$/.test(code) &&
    languageNames.of(code) !== undefined &&
    Intl.getCanonicalLocales(code)[0] === code
  );
}

function unique<T>(errors: FieldErrors, field: string, values: readonly T[]): T[] {
  const seen = new Set<T>();
  values.forEach((value, index) => {
    if (seen.has(value)) errors.add(`${field}[${index}]`, 'DUPLICATE', `${String(value)} is listed twice`);
    seen.add(value);
  });
  return [...seen];
}

export function normalizeTargeting(
  input: TargetingInput | undefined,
  ctx: AdGroupRuleContext,
  errors: FieldErrors,
): Targeting {
  const t = input ?? {};
  // Errors name the position in the input (`unique` drops repeats, so its indexes would shift).
  const at = (list: readonly string[] | undefined, value: string) => (list ?? []).indexOf(value);
  const countries = unique(errors, 'targeting.countries', t.countries ?? []);
  countries.forEach((c) => {
    if (!isCountryCode(c))
      errors.add(
        `targeting.countries[${at(t.countries, c)}]`,
        'UNKNOWN_COUNTRY',
        `${c} is not an ISO 3166-1 alpha-2 country code`,
      );
  });
  const languages = unique(errors, 'targeting.languages', t.languages ?? []);
  languages.forEach((l) => {
    if (!isLanguageCode(l))
      errors.add(
        `targeting.languages[${at(t.languages, l)}]`,
        'UNKNOWN_LANGUAGE',
        `${l} is not an ISO 639-1 language code`,
      );
  });
  const ageGroups = unique(errors, 'targeting.age_groups', t.age_groups ?? []);
  if (ageGroups.includes('AGE_13_17') && !ctx.settings.allow_minor_targeting) {
    errors.add(
      'targeting.age_groups',
      'MINOR_TARGETING_NOT_ALLOWED',
      'this platform does not allow targeting viewers under 18',
    );
  }
  const interests = unique(errors, 'targeting.interest_category_ids', t.interest_category_ids ?? []);
  interests.forEach((id) => {
    if (!ctx.interestIds.has(id)) {
      errors.add(
        `targeting.interest_category_ids[${at(t.interest_category_ids, id)}]`,
        'UNKNOWN_INTEREST',
        `${id} is not in the interest taxonomy (GET /v1/targeting/interests)`,
      );
    }
  });
  const audienceIds = unique(errors, 'targeting.audience_ids', t.audience_ids ?? []);
  const excluded = unique(errors, 'targeting.excluded_audience_ids', t.excluded_audience_ids ?? []);
  excluded.forEach((id) => {
    if (audienceIds.includes(id)) {
      errors.add(
        `targeting.excluded_audience_ids[${at(t.excluded_audience_ids, id)}]`,
        'CONFLICT',
        `${id} is both included and excluded`,
      );
    }
  });
  return {
    countries,
    regions: unique(errors, 'targeting.regions', t.regions ?? []),
    ageGroups,
    gender: t.gender ?? 'GENDER_UNLIMITED',
    languages,
    interestCategoryIds: interests,
    operatingSystems: unique(errors, 'targeting.operating_systems', t.operating_systems ?? []),
    audienceIds,
    excludedAudienceIds: excluded,
  };
}

export function validateAdGroup(input: AdGroupInput, ctx: AdGroupRuleContext): AdGroupValues {
  const errors = new FieldErrors();
  const { campaign, currency, timeZone, now, current } = ctx;
  const placements = unique(errors, 'placements', input.placements);
  if (placements.length === 0) errors.add('placements', 'REQUIRED', 'choose at least one placement');

  // Schedule
  let start = current?.scheduleStartAt ?? now;
  if (input.schedule_start_time != null) {
    const parsed = parseTimeInZone(input.schedule_start_time, timeZone);
    if (!parsed.ok) errors.add('schedule_start_time', 'INVALID_TIME', parsed.message);
    else start = parsed.ms;
  } else if (input.schedule_type === 'SCHEDULE_START_END') {
    errors.add('schedule_start_time', 'REQUIRED', 'required when schedule_type is SCHEDULE_START_END');
  }
  const startChanged = !current || start !== current.scheduleStartAt;
  if (startChanged && start < now - START_GRACE_MS) {
    errors.add('schedule_start_time', 'IN_PAST', 'the schedule cannot start in the past');
  }
  let end: number | null = null;
  if (input.schedule_type === 'SCHEDULE_START_END') {
    if (input.schedule_end_time == null) {
      errors.add('schedule_end_time', 'REQUIRED', 'required when schedule_type is SCHEDULE_START_END');
    } else {
      const parsed = parseTimeInZone(input.schedule_end_time, timeZone);
      if (!parsed.ok) errors.add('schedule_end_time', 'INVALID_TIME', parsed.message);
      else if (parsed.ms <= start)
        errors.add('schedule_end_time', 'BEFORE_START', 'must be after schedule_start_time');
      else if (parsed.ms <= now && parsed.ms !== current?.scheduleEndAt) {
        errors.add('schedule_end_time', 'IN_PAST', 'the schedule cannot end in the past');
      } else end = parsed.ms;
    }
  } else if (input.schedule_end_time != null) {
    errors.add('schedule_end_time', 'NOT_ALLOWED', 'SCHEDULE_FROM_NOW has no end; use SCHEDULE_START_END');
  }
  let dayparting: string | null = input.dayparting ?? null;
  if (dayparting !== null) {
    if (dayparting.length !== DAYPART_CELLS || !/^[01]+$/.test(dayparting)) {
      errors.add(
        'dayparting',
        'INVALID_DAYPARTING',
        `must be ${DAYPART_CELLS} characters of 0 and 1 (7 days × 48 half hours, Monday first)`,
      );
    } else if (!dayparting.includes('0') || !dayparting.includes('1')) {
      dayparting = null; // all on or all off both mean "always", as in TikTok's API
    }
  }

  // Objective → goal → billing event
  const goal = input.optimization_goal ?? DEFAULT_GOAL[campaign.objectiveType];
  if (!OBJECTIVE_GOALS[campaign.objectiveType].includes(goal)) {
    errors.add(
      'optimization_goal',
      'NOT_ALLOWED_FOR_OBJECTIVE',
      `${campaign.objectiveType} campaigns optimize for ${OBJECTIVE_GOALS[campaign.objectiveType].join(', ')}`,
    );
  } else if (!GOAL_BILLING_EVENTS[goal].includes(input.billing_event)) {
    errors.add(
      'billing_event',
      'NOT_ALLOWED_FOR_GOAL',
      `${goal} is bought with ${GOAL_BILLING_EVENTS[goal].join(' or ')}`,
    );
  }
  if (current && input.billing_event !== current.billingEvent) {
    errors.add('billing_event', 'IMMUTABLE', 'the billing event cannot change after creation');
  }

  // Budget
  if (campaign.budgetMode === 'BUDGET_MODE_DAY' && input.budget_mode !== 'BUDGET_MODE_DAY') {
    errors.add(
      'budget_mode',
      'MUST_BE_DAILY',
      'ad groups of a campaign with a daily budget have daily budgets',
    );
  }
  if (input.budget_mode === 'BUDGET_MODE_TOTAL' && input.schedule_type !== 'SCHEDULE_START_END') {
    errors.add(
      'budget_mode',
      'NEEDS_END',
      'a lifetime budget needs an end date (schedule_type SCHEDULE_START_END)',
    );
  }
  if (current && input.budget_mode !== current.budgetMode) {
    errors.add('budget_mode', 'IMMUTABLE', 'the budget mode cannot change after creation');
  }
  const budgetMicros = money(errors, 'budget', input.budget, currency);
  const dailyMin = minimum(minimumsFor(ctx.settings, currency).adGroupDaily, currency);
  if (budgetMicros !== null) {
    if (input.budget_mode === 'BUDGET_MODE_DAY' && budgetMicros < dailyMin) {
      errors.add(
        'budget',
        'BELOW_MINIMUM',
        `the minimum daily budget is ${formatMoney(dailyMin, currency)} ${currency}`,
      );
    }
    if (input.budget_mode === 'BUDGET_MODE_TOTAL' && end !== null) {
      const days = localDaysSpanned(start, end, timeZone);
      const min = dailyMin * days;
      if (budgetMicros < min) {
        errors.add(
          'budget',
          'BELOW_MINIMUM',
          `a lifetime budget over ${days} day${days === 1 ? '' : 's'} must be at least ${formatMoney(min, currency)} ${currency} (${formatMoney(dailyMin, currency)} a day)`,
        );
      }
    }
    if (campaign.budgetMicros !== null && budgetMicros > campaign.budgetMicros) {
      errors.add(
        'budget',
        'ABOVE_CAMPAIGN_BUDGET',
        `must not exceed the campaign budget of ${formatMoney(campaign.budgetMicros, currency)} ${currency}`,
      );
    }
    if (current) {
      const spent = current.budgetMode === 'BUDGET_MODE_DAY' ? (ctx.spentToday ?? 0) : current.spendMicros;
      checkLowered(errors, 'budget', budgetMicros, current.budgetMicros, spent, currency);
    }
  }

  // Bid
  const bidMicros = money(errors, 'bid_price', input.bid_price, currency);
  if (bidMicros !== null && budgetMicros !== null) {
    // CPM bids are per thousand impressions; other bids are per action and cannot exceed the budget.
    const comparable =
      input.billing_event === 'CPM' || input.billing_event === 'OCPM'
        ? mulDivFloor(bidMicros, 1, 1000)
        : bidMicros;
    if (comparable > budgetMicros)
      errors.add('bid_price', 'ABOVE_BUDGET', 'a single charge at this bid would exceed the budget');
  }

  // Frequency cap
  const hasFrequency = input.frequency != null;
  const hasSchedule = input.frequency_schedule != null;
  if (hasFrequency !== hasSchedule) {
    errors.add(
      hasFrequency ? 'frequency_schedule' : 'frequency',
      'REQUIRED',
      'frequency and frequency_schedule go together (N impressions per D days)',
    );
  }

  const targeting = normalizeTargeting(input.targeting, ctx, errors);
  errors.throwIfAny();
  return {
    name: input.name,
    placements,
    scheduleType: input.schedule_type,
    scheduleStartAt: start,
    scheduleEndAt: end,
    dayparting,
    targeting,
    budgetMode: input.budget_mode,
    budgetMicros: budgetMicros as Micros,
    pacing: input.pacing,
    billingEvent: input.billing_event,
    optimizationGoal: goal,
    bidMicros: bidMicros as Micros,
    frequency: input.frequency ?? null,
    frequencySchedule: input.frequency_schedule ?? null,
  };
}

/** The input form of a stored ad group, so a partial update can be merged and validated whole. */
export function adGroupToInput(group: AdGroup, currency: string): AdGroupInput {
  const t = group.targeting;
  return {
    name: group.name,
    placements: group.placements,
    schedule_type: group.scheduleType,
    schedule_start_time: new Date(group.scheduleStartAt).toISOString(),
    schedule_end_time: group.scheduleEndAt === null ? null : new Date(group.scheduleEndAt).toISOString(),
    dayparting: group.dayparting,
    targeting: {
      countries: t.countries,
      regions: t.regions,
      age_groups: t.ageGroups,
      gender: t.gender,
      languages: t.languages,
      interest_category_ids: t.interestCategoryIds,
      operating_systems: t.operatingSystems,
      audience_ids: t.audienceIds,
      excluded_audience_ids: t.excludedAudienceIds,
    },
    budget_mode: group.budgetMode,
    budget: formatMoney(group.budgetMicros, currency),
    pacing: group.pacing,
    billing_event: group.billingEvent,
    optimization_goal: group.optimizationGoal,
    bid_price: formatMoney(group.bidMicros, currency),
    frequency: group.frequency,
    frequency_schedule: group.frequencySchedule,
  };
}
